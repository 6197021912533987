import Foundation

/// Report tables as an Excel workbook (``XLSXWriter``) a planner can use as is: one sheet per
/// table, named by the table's short name (``ReportTable/sheetName(_:)``).
///
/// - Numbers are number cells at full precision with a display format by unit: numbers with
///   thousands separators and the column's decimals (`#,##0.00`), whole numbers `#,##0`, years
///   `0`. Every percentage is stored as a 0–1 fraction with a percent format, so Excel shows
///   74.65 % and computes with 0.7465: percent columns (0–100 in the table) are divided by 100
///   (`0.0%` with the column's decimals), probabilities are kept (`0.0%`), and the measured values
///   of a share's row (latest value, target, projection, ...) are divided by 100 (`0.00%`); its
///   differences (gap, change per year) are percentage points, kept as they are with a format that
///   names them (`#,##0.00" điểm %"` / `" pp"`). A count's row shows whole numbers (`#,##0`).
///   Excel shows the separators of the user's locale.
/// - A sheet reads by names: a column of ids beside a column of the same things' names (`entity`
///   beside `entity_name`, ``ReportTable/namedColumns(part:)``) is left out; the CSV and JSON files
///   keep the ids.
/// - Every number of a row has the decimals of its indicator (``ValueStyle``); a target has the
///   fewest that show it as it was written.
/// - The header row is bold and wraps (the row is made tall enough for its longest label); it and
///   the leading text columns (the names that say what a row is) stay in view when the sheet
///   scrolls; the header row has an autofilter.
/// - Column widths follow the content: the longest cell as shown and the header's words, at least
///   8 characters; leading text columns at most 24, names 16–40, other columns at most 50.
public enum XLSXRenderer {
    /// The workbook bytes.
    ///
    /// - Throws: ZIPFoundation's errors when the archive cannot be built.
    public static func workbook(_ tables: [ReportTable], language: Language) throws -> Data {
        try XLSXWriter.workbook(tables.map { sheet($0, language: language) })
    }

    /// How a number of a format is stored and shown: the factor applied to the table's value, the
    /// cell style, and what the width estimate counts.
    struct NumberLook {
        /// Factor from the table's value to the stored one (0.01 for percent units).
        var factor: Double
        /// The cell style.
        var style: XLSXWriter.Style
        /// Decimals shown.
        var decimals: Int
        /// Thousands separators shown.
        var grouped: Bool
        /// Shown as a percentage (the stored value × 100, with a percent sign).
        var percent: Bool
        /// Characters of words the format shows after the number (" pp").
        var suffix = 0

        init(_ format: ReportTable.Format, language: Language) {
            switch format {
            case .text: self.init(factor: 1, style: .plain, decimals: 2, grouped: false, percent: false)
            case let .number(d): self.init(factor: 1, style: .decimal(d), decimals: d, grouped: true, percent: false)
            case .integer: self.init(factor: 1, style: .integer, decimals: 0, grouped: true, percent: false)
            case .year: self.init(factor: 1, style: .whole, decimals: 0, grouped: false, percent: false)
            case let .percent(d): self.init(factor: 0.01, style: .percent(d), decimals: d, grouped: false, percent: true)
            case .probability: self.init(factor: 1, style: .percent(1), decimals: 1, grouped: false, percent: true)
            case let .points(d):
                // Percentage points are not a fraction of anything: the number as is, with the unit's words.
                let words = language == .vi ? " điểm %" : " pp"
                self.init(factor: 1, style: XLSXWriter.Style(numberFormat: "#,##0" + XLSXWriter.Style.fraction(d) + "\"\(words)\""),
                          decimals: d, grouped: true, percent: false, suffix: words.count)
            }
        }

        init(factor: Double, style: XLSXWriter.Style, decimals: Int, grouped: Bool, percent: Bool, suffix: Int = 0) {
            self.suffix = suffix
            self.factor = factor
            self.style = style
            self.decimals = max(0, decimals)
            self.grouped = grouped
            self.percent = percent
        }

        /// The stored value of a table value: divided by 100 for percent units, otherwise as is
        /// (one division, so the cell holds the same double as `value / 100`).
        func stored(_ value: Double) -> Double { factor == 1 ? value : value / 100 }

        /// About how many characters the number takes as shown (digits, separators, sign, point,
        /// decimals, percent sign).
        func width(_ value: Double) -> Int {
            let shown = abs(percent ? stored(value) * 100 : value)
            let digits = shown < 1 ? 1 : Int(log10(shown).rounded(.down)) + 1
            return digits + (grouped ? (digits - 1) / 3 : 0) + (decimals > 0 ? decimals + 1 : 0) + (value < 0 ? 1 : 0) + (percent ? 1 : 0) + suffix
        }
    }

    /// The leading text columns (names) kept in view, of `columns`: the first columns while they
    /// are text, up to the last name column among them (a unit column after the names scrolls).
    static func frozenColumns(_ columns: [ReportTable.Column]) -> Int {
        let text = columns.prefix { $0.format == .text }
        return (text.lastIndex { $0.isName } ?? (text.count - 1)) + 1
    }

    /// A table as a sheet (see ``XLSXRenderer``).
    static func sheet(_ table: ReportTable, language: Language) -> XLSXWriter.Sheet {
        let shown = table.namedColumns()
        let columns = shown.map { table.columns[$0] }
        // Each format's look, made once.
        var looks: [ReportTable.Format: NumberLook] = [:]
        func look(_ format: ReportTable.Format) -> NumberLook {
            if let l = looks[format] { return l }
            let l = NumberLook(format, language: language)
            looks[format] = l
            return l
        }
        var longest = Array(repeating: 0, count: columns.count)
        var rows: [[XLSXWriter.Cell]] = [columns.map { .text($0.label(language), .header) }]
        rows.reserveCapacity(table.rows.count + 1)
        for (i, row) in table.rows.enumerated() {
            var cells: [XLSXWriter.Cell] = []
            cells.reserveCapacity(columns.count)
            for (k, j) in shown.enumerated() {
                guard j < row.count else {
                    cells.append(.empty)
                    continue
                }
                let cell = row[j]
                switch cell {
                case .text, .phrase:
                    let s = table.display(cell, column: columns[k], row: i, language: language)
                    cells.append(.text(s))
                    // utf8.count bounds count from above: most cells need no count.
                    if s.utf8.count > longest[k] { longest[k] = max(longest[k], s.count) }
                case let .number(v):
                    guard let v, v.isFinite else {
                        cells.append(.empty)
                        continue
                    }
                    let l = look(table.format(column: columns[k], row: i, value: v))
                    cells.append(.number(l.stored(v), l.style))
                    longest[k] = max(longest[k], l.width(v))
                }
            }
            rows.append(cells)
        }
        let frozen = frozenColumns(columns)
        var sheet = XLSXWriter.Sheet(name: table.sheetName(language), rows: rows)
        var headerLines = 1
        sheet.widths = columns.enumerated().map { j, column in
            let (low, high): (Double, Double) = column.isName ? (16, 40) : (column.format == .text && j < frozen ? (8, 24) : (8, 50))
            let (width, lines) = width(label: column.label(language), longestCell: longest[j], within: low...high)
            headerLines = max(headerLines, lines)
            return width
        }
        if headerLines > 1 { sheet.rowHeights[1] = 15 * Double(headerLines) }
        sheet.frozenRows = 1
        sheet.frozenColumns = frozen
        sheet.autofilter = true
        return sheet
    }

    /// Characters a header cell gives up: the autofilter's drop-down button at its right (about
    /// two) and one for the bold font, wider than the digits a width counts.
    static let headerMargin = 3.0

    /// A column's width and its header's line count: room for the longest cell (with two characters
    /// of padding) and for the header wrapped on at most two lines beside the filter button (more
    /// lines where the limit forces them), within `limits`.
    static func width(label: String, longestCell: Int, within limits: ClosedRange<Double>) -> (width: Double, lines: Int) {
        let words = label.split(separator: " ").map(\.count)
        var width = min(max(Double(longestCell + 2), Double(words.max() ?? 0) + headerMargin, limits.lowerBound), limits.upperBound)
        while lines(words, within: Int(width - headerMargin)) > 2, width < limits.upperBound { width += 1 }
        return (width, lines(words, within: Int(width - headerMargin)))
    }

    /// Lines of greedy word wrapping of words of these lengths within `room` characters (a longer
    /// word takes lines of its own).
    static func lines(_ words: [Int], within room: Int) -> Int {
        let room = max(room, 1)
        var lines = 0, used = 0
        for w in words {
            if used > 0, used + 1 + w <= room {
                used += 1 + w
                continue
            }
            let span = max(1, (w + room - 1) / room)
            lines += span
            used = w - (span - 1) * room
        }
        return max(lines, 1)
    }
}
