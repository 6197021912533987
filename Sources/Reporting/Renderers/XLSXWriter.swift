import Forecasting
import Foundation
import Indicators

/// A minimal Office Open XML workbook writer (ZIPFoundation): sheets of text and number cells with
/// column widths, row heights, frozen rows and columns, an autofilter, drop-down lists (data
/// validation) and cell styles (``Style``: number format, bold, size, wrapping; each distinct style
/// written once). Text is stored inline (Vietnamese intact, XML-escaped, control characters removed,
/// cut at Excel's 32,767-character cell limit); numbers as numbers, at full precision.
public enum XLSXWriter {
    /// A cell.
    public enum Cell: Sendable {
        /// No cell.
        case empty
        /// Text.
        case text(String, Style = .plain)
        /// A finite number (others are left empty).
        case number(Double, Style = .plain)
    }

    /// A drop-down list on a range of cells: `values` are the entries offered.
    public struct Validation: Sendable {
        /// What the spreadsheet does with a typed value that is not in the list.
        public enum Other: Sendable {
            /// Refuses it (Excel's default).
            case refuse
            /// Shows `message` under `title` and lets the user keep it.
            case warn(title: String, message: String)
            /// Takes it: the list only suggests.
            case allow
        }

        /// The range, e.g. `D2:D1000`.
        public var range: String
        /// The values offered.
        public var values: [String]
        /// What happens to another value.
        public var other: Other

        /// A list validation.
        public init(range: String, values: [String], other: Other = .refuse) {
            self.range = range
            self.values = values
            self.other = other
        }
    }

    /// A sheet.
    public struct Sheet: Sendable {
        /// The name (made acceptable to Excel and unique by ``workbook(_:)``).
        public var name: String
        /// The rows, from row 1.
        public var rows: [[Cell]]
        /// Column widths in characters (missing: Excel's default).
        public var widths: [Double] = []
        /// Row heights in points by 1-based row number (missing: the reader's own).
        public var rowHeights: [Int: Double] = [:]
        /// Rows frozen at the top (0: none).
        public var frozenRows = 0
        /// Columns frozen at the left (0: none).
        public var frozenColumns = 0
        /// An autofilter over the first row and the used columns.
        public var autofilter = false
        /// Drop-down lists.
        public var validations: [Validation] = []
        /// Printed across the page (landscape).
        public var landscape = false
        /// Printed scaled to the page's width (as many pages down as it takes).
        public var fitToWidth = false

        /// A sheet of `rows`.
        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// The workbook bytes.
    ///
    /// - Throws: ZIPFoundation's errors when the archive cannot be built.
    public static func workbook(_ sheets: [Sheet]) throws -> Data {
        let package = try OfficePackage()
        var names: [String] = []
        for sheet in sheets { names.append(sheetName(sheet.name, taken: names)) }
        let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        try package.addContentTypes([("/xl/workbook.xml", "\(spreadsheetML).sheet.main+xml"), ("/xl/styles.xml", "\(spreadsheetML).styles+xml")]
            + sheets.indices.map { ("/xl/worksheets/sheet\($0 + 1).xml", "\(spreadsheetML).worksheet+xml") })
        try package.addRelationships("_rels/.rels", [(OfficePackage.officeDocument, "xl/workbook.xml")])
        let filters = sheets.enumerated().compactMap { k, s -> String? in
            guard s.autofilter, let width = s.rows.first?.count, width > 0 else { return nil }
            return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(k)\" hidden=\"1\">'\(OfficePackage.xml(names[k].replacingOccurrences(of: "'", with: "''")))'!$A$1:$\(letters(width - 1))$\(max(s.rows.count, 1))</definedName>"
        }
        try package.add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(names.enumerated().map { "<sheet name=\"\(OfficePackage.xml($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())</sheets>\(filters.isEmpty ? "" : "<definedNames>\(filters.joined())</definedNames>")</workbook>
            """)
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try package.addRelationships("xl/_rels/workbook.xml.rels", sheets.indices.map { ("\(relationships)/worksheet", "worksheets/sheet\($0 + 1).xml") }
            + [("\(relationships)/styles", "styles.xml")])
        // The styles part lists the styles the sheets used, numbered in the order the sheets meet
        // them: numbered first, sheet by sheet, so that the sheets' XML can then be written on all
        // cores (a national report's workbook has hundreds of sheets of 700 rows).
        var styles = StyleTable()
        for sheet in sheets { styles.register(sheet) }
        let numbered = styles
        // A few sheets at a time: their XML is held until it is compressed into the package.
        let batch = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        for start in stride(from: 0, to: sheets.count, by: batch) {
            let slice = Array(sheets[start..<min(start + batch, sheets.count)])
            let parts = Parallel.map(slice) { sheet -> String in
                var table = numbered
                return Self.sheet(sheet, styles: &table)
            }
            for (k, sheet) in slice.enumerated() {
                // Every chunk of the map runs; a missing part is written here instead.
                var table = numbered
                try package.add("xl/worksheets/sheet\(start + k + 1).xml", parts[k] ?? Self.sheet(sheet, styles: &table))
            }
        }
        try package.add("xl/styles.xml", styles.xml)
        return try package.data()
    }

    /// One worksheet's XML; its cells' styles are numbered in `styles`.
    static func sheet(_ sheet: Sheet, styles: inout StyleTable) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        if sheet.fitToWidth { out += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        out += "<sheetViews><sheetView workbookViewId=\"0\">"
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let pane = sheet.frozenRows > 0 && sheet.frozenColumns > 0 ? "bottomRight" : (sheet.frozenRows > 0 ? "bottomLeft" : "topRight")
            out += "<pane\(sheet.frozenColumns > 0 ? " xSplit=\"\(sheet.frozenColumns)\"" : "")\(sheet.frozenRows > 0 ? " ySplit=\"\(sheet.frozenRows)\"" : "") topLeftCell=\"\(letters(sheet.frozenColumns))\(sheet.frozenRows + 1)\" activePane=\"\(pane)\" state=\"frozen\"/>"
        }
        out += "</sheetView></sheetViews>"
        if !sheet.widths.isEmpty {
            out += "<cols>" + sheet.widths.enumerated().map { "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"\(String(format: "%.1f", $1))\" customWidth=\"1\"/>" }.joined() + "</cols>"
        }
        out += "<sheetData>"
        // Each column's last style and its number: a column's cells mostly share one style, and
        // comparing with it is cheaper than hashing it.
        var recent: [(style: Style, id: Int)?] = Array(repeating: nil, count: sheet.rows.first?.count ?? 0)
        func id(_ style: Style, column j: Int) -> Int {
            if j < recent.count, let last = recent[j], last.style == style { return last.id }
            let id = styles.id(style)
            if j < recent.count { recent[j] = (style, id) }
            return id
        }
        // Each column's letters once (not once per cell).
        let columnLetters = (0..<(sheet.rows.map(\.count).max() ?? 0)).map(letters)
        for (i, row) in sheet.rows.enumerated() {
            if let height = sheet.rowHeights[i + 1] {
                out += "<row r=\"\(i + 1)\" ht=\"\(String(format: "%.1f", height))\" customHeight=\"1\">"
            } else {
                out += "<row r=\"\(i + 1)\">"
            }
            for (j, cell) in row.enumerated() {
                let ref = "\(columnLetters[j])\(i + 1)"
                switch cell {
                case .empty:
                    continue
                case let .text(s, style):
                    guard !s.isEmpty else { continue }
                    let id = id(style, column: j)
                    out += "<c r=\"\(ref)\" t=\"inlineStr\"\(id == 0 ? "" : " s=\"\(id)\"")><is><t xml:space=\"preserve\">\(OfficePackage.xml(cellText(s)))</t></is></c>"
                case let .number(v, style):
                    guard v.isFinite else { continue }
                    let id = id(style, column: j)
                    out += "<c r=\"\(ref)\"\(id == 0 ? "" : " s=\"\(id)\"")><v>\(v.description)</v></c>"
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        if sheet.autofilter, let width = sheet.rows.first?.count, width > 0 {
            out += "<autoFilter ref=\"A1:\(letters(width - 1))\(max(sheet.rows.count, 1))\"/>"
        }
        if !sheet.validations.isEmpty {
            out += "<dataValidations count=\"\(sheet.validations.count)\">"
            for v in sheet.validations {
                // A list formula is at most 255 characters; the values are short words.
                let other: String
                switch v.other {
                case .refuse: other = "showErrorMessage=\"1\""
                case let .warn(title, message):
                    other = "errorStyle=\"warning\" showErrorMessage=\"1\" errorTitle=\"\(OfficePackage.xml(title))\" error=\"\(OfficePackage.xml(message))\""
                case .allow: other = "showErrorMessage=\"0\""
                }
                out += "<dataValidation type=\"list\" allowBlank=\"1\" \(other) sqref=\"\(v.range)\"><formula1>\"\(OfficePackage.xml(v.values.joined(separator: ",")))\"</formula1></dataValidation>"
            }
            out += "</dataValidations>"
        }
        if sheet.landscape || sheet.fitToWidth {
            out += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/><pageSetup paperSize=\"9\""
                + (sheet.fitToWidth ? " fitToWidth=\"1\" fitToHeight=\"0\"" : "") + " orientation=\"\(sheet.landscape ? "landscape" : "portrait")\"/>"
        }
        return out + "</worksheet>"
    }

    /// The height in points that shows every line of a row whose wrapping cells hold long text
    /// (`widths` in characters, as ``Sheet/widths``), or nil when each cell fits on one line. Lines
    /// are estimated at one character per width unit (a width unit is a digit `0`; text runs about
    /// 1.1 characters a unit in LibreOffice with DejaVu Sans and 1.25 in Excel with Calibri, so the
    /// estimate errs towards a spare line, never a clipped one) and 15 points each, for 11-point text.
    public static func fittedHeight(_ row: [Cell], widths: [Double]) -> Double? {
        var lines = 1
        for (j, cell) in row.enumerated() {
            guard case let .text(s, style) = cell, style.wrap else { continue }
            let perLine = max(1, Int(((j < widths.count ? widths[j] : 8.43) * 11 / style.size).rounded(.down)))
            let count = s.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, paragraph in
                total + max(1, Self.wrappedLines(String(paragraph), perLine: perLine))
            }
            lines = max(lines, count)
        }
        return lines > 1 ? Double(lines) * 15 + 2 : nil
    }

    /// How many lines `text` takes when wrapped at spaces to `perLine` characters (a word longer than
    /// a line is broken).
    static func wrappedLines(_ text: String, perLine: Int) -> Int {
        var lines = 1, used = 0
        for word in text.split(separator: " ") {
            let n = word.count
            if used == 0 {
                lines += (n - 1) / perLine
                used = (n - 1) % perLine + 1
            } else if used + 1 + n <= perLine {
                used += 1 + n
            } else {
                lines += 1 + (n - 1) / perLine
                used = (n - 1) % perLine + 1
            }
        }
        return lines
    }

    /// Excel's letters for a 0-based column (``SourcePosition/columnLetters(_:)`` counts from 1).
    static func letters(_ column: Int) -> String { SourcePosition.columnLetters(column + 1) }

}
