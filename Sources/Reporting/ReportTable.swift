import Foundation
import Indicators

/// Report language: labels and number formats.
public enum Language: String, Sendable, CaseIterable {
    /// Vietnamese (default): decimal comma, dot thousands, "50,65 %".
    case vi
    /// English: "50.65%".
    case en
}

/// A table as every renderer sees it: typed cells computed once (no renderer computes numbers).
public struct ReportTable: Sendable {
    /// How a column's values are shown.
    public enum Format: Sendable, Equatable {
        /// Plain text.
        case text
        /// A number with this many decimals.
        case number(decimals: Int)
        /// A whole number.
        case integer
        /// A calendar year (no digit grouping).
        case year
        /// A percentage value (already in percent units) with decimals.
        case percent(decimals: Int)
        /// A probability 0–1 shown as a percentage.
        case probability
    }

    /// A column.
    public struct Column: Sendable {
        /// Stable key (JSON and CSV key).
        public var key: String
        /// Vietnamese label.
        public var vi: String
        /// English label.
        public var en: String
        /// Display format.
        public var format: Format
        /// Whether the column holds names (of indicators, entities): shown wider than ids, and kept
        /// in view with the columns before it when a sheet scrolls.
        public var isName: Bool
        /// Whether the column's numbers are in the unit of the row's indicator (a latest value, a
        /// target, a projection): a row in ``MeasureUnit/percent`` shows them as percentages
        /// (``ReportTable/format(column:row:)``).
        public var measured: Bool

        /// The label in a language.
        public func label(_ language: Language) -> String { language == .vi ? vi : en }

        /// A column.
        public init(key: String, vi: String, en: String, format: Format, isName: Bool = false, measured: Bool = false) {
            self.key = key
            self.vi = vi
            self.en = en
            self.format = format
            self.isName = isName
            self.measured = measured
        }
    }

    /// The unit of a row's measured values (``Column/measured`` columns).
    public enum MeasureUnit: Sendable, Equatable {
        /// Plain numbers (counts, scores, ranks, amounts): the column's format as is.
        case number
        /// Percent units (74.65 means 74.65 %): a ``Format/number(decimals:)`` column shows the
        /// row's value as ``Format/percent(decimals:)`` with the same decimals.
        case percent

        /// The unit of an indicator's values.
        public init(_ indicator: Indicator) {
            self = indicator.unit == .percent ? .percent : .number
        }
    }

    /// A cell value.
    public enum Cell: Sendable, Equatable {
        /// Text.
        case text(String)
        /// A number (nil: not available).
        case number(Double?)
        /// Words in each language (a status, a model, a remark: ``Words``).
        case phrase(Phrase)
    }

    /// Stable id (file names, sheet names).
    public var id: String
    /// Title in Vietnamese.
    public var titleVi: String
    /// Title in English.
    public var titleEn: String
    /// Columns.
    public var columns: [Column]
    /// Rows of cells, one per column.
    public var rows: [[Cell]]
    /// Charts to draw with the table in HTML.
    public var charts: [Chart]
    /// Rows whose charts were not made (beyond ``HTMLRenderer/maximumCharts``); the page says so.
    public var chartsLeftOut: Int
    /// A short Vietnamese name for a workbook sheet (at most 31 characters; nil: the title, cut).
    public var sheetVi: String?
    /// A short English name for a workbook sheet (at most 31 characters; nil: the title, cut).
    public var sheetEn: String?
    /// The unit of each row's measured values, in row order (empty, or a missing row: ``MeasureUnit/number``).
    public var rowUnits: [MeasureUnit]

    /// A table.
    public init(id: String, titleVi: String, titleEn: String, columns: [Column], rows: [[Cell]], charts: [Chart], chartsLeftOut: Int = 0,
                sheetVi: String? = nil, sheetEn: String? = nil, rowUnits: [MeasureUnit] = []) {
        self.id = id
        self.titleVi = titleVi
        self.titleEn = titleEn
        self.columns = columns
        self.rows = rows
        self.charts = charts
        self.chartsLeftOut = chartsLeftOut
        self.sheetVi = sheetVi
        self.sheetEn = sheetEn
        self.rowUnits = rowUnits
    }

    /// The title in a language.
    public func title(_ language: Language) -> String { language == .vi ? titleVi : titleEn }

    /// The sheet name in a language: the short name if there is one, else the title.
    public func sheetName(_ language: Language) -> String { (language == .vi ? sheetVi : sheetEn) ?? title(language) }

    /// An indicator's name as a sheet name uses it after a word like "So sánh": the acronym it gives
    /// in parentheses ("Chỉ số chuyển đổi số (DTI) - tổng điểm" → "DTI"), else the name with its
    /// first letter in lower case unless the first word is an acronym ("Tỷ lệ hồ sơ" → "tỷ lệ hồ sơ").
    static func shortName(_ name: String) -> String {
        var rest = Substring(name)
        while let open = rest.firstIndex(of: "(") {
            let inside = rest[rest.index(after: open)...]
            guard let close = inside.firstIndex(of: ")") else { break }
            let word = inside[..<close]
            if (2...10).contains(word.count), word.allSatisfy({ $0.isUppercase || $0.isNumber }), word.contains(where: \.isUppercase) {
                return String(word)
            }
            rest = inside[inside.index(after: close)...]
        }
        guard let first = name.first, name.dropFirst().first?.isLowercase ?? false else { return name }
        return first.lowercased() + name.dropFirst()
    }

    /// The format of a column's numbers in a row: a ``Column/measured`` number column in a
    /// ``MeasureUnit/percent`` row is a percentage with the column's decimals; otherwise the column's format.
    public func format(column: Column, row: Int) -> Format {
        Self.format(of: column, in: row < rowUnits.count ? rowUnits[row] : .number)
    }

    /// The format of a column's numbers in a row of `unit` (see ``format(column:row:)``).
    public static func format(of column: Column, in unit: MeasureUnit) -> Format {
        guard column.measured, unit == .percent, case let .number(decimals) = column.format else { return column.format }
        return .percent(decimals: decimals)
    }

    /// What a rendering that shows only the first `shown` rows says under the table, or nil when it
    /// shows them all: "The first 2,000 of 2,500 rows; all rows are in gaps.csv, gaps.json and gaps.xlsx."
    func rowsLeftOutNote(shown: Int, language: Language) -> String? {
        guard rows.count > shown else { return nil }
        let (first, all) = (NumberText.plain(Double(shown), decimals: 0, language), NumberText.plain(Double(rows.count), decimals: 0, language))
        let files = "\(id).csv, \(id).json"
        return language == .vi ? "\(first) dòng đầu trong \(all) dòng; đủ các dòng trong \(files) và gaps.xlsx."
            : "The first \(first) of \(all) rows; all rows are in \(files) and gaps.xlsx."
    }

    /// A cell as display text in a language ("" for a missing number).
    public func display(_ cell: Cell, column: Column, language: Language) -> String {
        switch cell {
        case let .text(s): return s
        case let .phrase(p): return p.text(language)
        case let .number(v):
            guard let v, v.isFinite else { return "" }
            return NumberText.format(v, column.format, language)
        }
    }
}

/// Formats numbers for reports: Vietnamese `1.234,5` and `50,65 %`, English `1,234.5` and `50.65%`.
public enum NumberText {
    /// The text of `value` in `format` and `language`.
    public static func format(_ value: Double, _ format: ReportTable.Format, _ language: Language) -> String {
        switch format {
        case .text: return plain(value, decimals: 2, language)
        case let .number(d): return plain(value, decimals: d, language)
        case .integer: return plain(value.rounded(), decimals: 0, language)
        case .year: return String(Int(value.rounded()))
        case let .percent(d): return plain(value, decimals: d, language) + (language == .vi ? " %" : "%")
        case .probability: return plain(value * 100, decimals: 0, language) + (language == .vi ? " %" : "%")
        }
    }

    /// Grouped digits with the language's separators.
    public static func plain(_ value: Double, decimals: Int, _ language: Language) -> String {
        let text = Printf.fixed(abs(value), decimals: max(0, decimals))
        let (thousands, decimal): (UInt8, UInt8) = language == .vi ? (UInt8(ascii: "."), UInt8(ascii: ",")) : (UInt8(ascii: ","), UInt8(ascii: "."))
        let utf8 = Array(text.utf8)
        let point = utf8.firstIndex(of: UInt8(ascii: ".")) ?? utf8.count
        let integer = utf8[..<point]
        guard !integer.isEmpty, integer.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return slowPlain(value, text: text, language) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + utf8.count / 3 + 4)
        // "−" (U+2212) for a negative value that does not print as zero.
        let isZero = utf8.allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
        if value < 0 && !isZero { out += [0xE2, 0x88, 0x92] }
        for (k, digit) in integer.enumerated() {
            if k > 0 && (integer.count - k) % 3 == 0 { out.append(thousands) }
            out.append(digit)
        }
        if point < utf8.count {
            out.append(decimal)
            out += utf8[(point + 1)...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``plain(_:decimals:_:)`` for a text that is not plain digits (not a finite number).
    static func slowPlain(_ value: Double, text: String, _ language: Language) -> String {
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts.first ?? "")
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let (thousands, decimal) = language == .vi ? (".", ",") : (",", ".")
        var out = groups.joined(separator: thousands)
        if parts.count > 1 { out += decimal + parts[1] }
        let isZero = Double(text) == 0
        return (value < 0 && !isZero ? "−" : "") + out
    }
}

/// `printf("%.<n>f")` for one number, without Foundation's `String(format:)` (which boxes its
/// arguments and goes through CFString): the same text, many times faster, for reports of many rows.
enum Printf {
    /// `String(format: "%.<decimals>f", value)`.
    ///
    /// For up to 3 decimals and |value| < 2⁵³ the digits come from exact integer arithmetic on the
    /// double's binary value, rounded half to even as C's printf rounds; otherwise from `vsnprintf`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        if decimals >= 0, decimals <= 3, value.isFinite, abs(value) < 0x1p53 {
            return exact(value, decimals: decimals)
        }
        let format = "%.\(decimals)f"
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer -> String in
            guard let base = buffer.baseAddress else { return String(format: format, value) }
            let n = withVaList([value]) { vsnprintf(base, buffer.count, format, $0) }
            guard n >= 0, Int(n) < buffer.count else { return String(format: format, value) }
            return String(decoding: UnsafeRawBufferPointer(start: base, count: Int(n)).bindMemory(to: UInt8.self), as: UTF8.self)
        }
    }

    /// The digits of |value| × 10^decimals rounded half to even, with the point put back.
    static func exact(_ value: Double, decimals: Int) -> String {
        let scale: UInt64 = [1, 10, 100, 1000][decimals]
        let magnitude = abs(value)
        var units: UInt64
        if magnitude == 0 {
            units = 0
        } else {
            // magnitude = significand × 2^exponent with an integer significand < 2^53.
            let exponent = Int(magnitude.exponent) - 52
            let significand = UInt64(magnitude.significandBitPattern) | (magnitude.isNormal ? 1 << 52 : 0)
            let shift = magnitude.isNormal ? exponent : -1074
            if shift >= 0 {
                units = (significand << UInt64(shift)) * scale
            } else {
                let product = significand * scale  // < 2^63
                let k = -shift
                if k >= 64 {
                    units = 0
                } else {
                    units = product >> UInt64(k)
                    let remainder = product & ((1 << UInt64(k)) - 1), half: UInt64 = 1 << UInt64(k - 1)
                    if remainder > half || (remainder == half && units & 1 == 1) { units += 1 }
                }
            }
        }
        var digits = Array(String(units).utf8)
        if decimals > 0 {
            if digits.count <= decimals { digits = Array(repeating: UInt8(ascii: "0"), count: decimals + 1 - digits.count) + digits }
            digits.insert(UInt8(ascii: "."), at: digits.count - decimals)
        }
        if value.sign == .minus { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }
}
