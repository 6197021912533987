import Foundation

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

        /// The label in a language.
        public func label(_ language: Language) -> String { language == .vi ? vi : en }

        /// A column.
        public init(key: String, vi: String, en: String, format: Format) {
            self.key = key
            self.vi = vi
            self.en = en
            self.format = format
        }
    }

    /// A cell value.
    public enum Cell: Sendable, Equatable {
        /// Text.
        case text(String)
        /// A number (nil: not available).
        case number(Double?)
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

    /// A table.
    public init(id: String, titleVi: String, titleEn: String, columns: [Column], rows: [[Cell]], charts: [Chart]) {
        self.id = id
        self.titleVi = titleVi
        self.titleEn = titleEn
        self.columns = columns
        self.rows = rows
        self.charts = charts
    }

    /// The title in a language.
    public func title(_ language: Language) -> String { language == .vi ? titleVi : titleEn }

    /// A cell as display text in a language ("" for a missing number).
    public func display(_ cell: Cell, column: Column, language: Language) -> String {
        switch cell {
        case let .text(s): return s
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
        let text = String(format: "%.\(max(0, decimals))f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
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
