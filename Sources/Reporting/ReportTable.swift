import Forecasting
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
    public enum Format: Sendable, Hashable {
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
        /// A difference of percentages, in percentage points: "25,35 điểm %" / "25.35 pp".
        case points(decimals: Int)
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
        /// Whether the column's numbers are in the unit of the row's indicator, and how: a row in
        /// ``MeasureUnit/percent(decimals:)`` shows values as percentages and differences as percentage points
        /// (``ReportTable/format(column:row:value:)``); nil: the column's format in every row.
        public var measured: Measured?

        /// What a measured column holds.
        public enum Measured: Sendable, Equatable {
            /// A value in the indicator's unit (a latest value, a projection, a bound).
            case value
            /// A target: a value shown as it was written, with the fewest decimals that show it
            /// exactly, at most the row's (``ValueStyle/targetDecimals(_:)``).
            case target
            /// A difference of two values (a gap): percentage points in a share's row.
            case difference
            /// A change per year: percentage points in a share's row, one decimal in a count's.
            case perYear
        }

        /// The label in a language.
        public func label(_ language: Language) -> String { language == .vi ? vi : en }

        /// A column.
        public init(key: String, vi: String, en: String, format: Format, isName: Bool = false, measured: Measured? = nil) {
            self.key = key
            self.vi = vi
            self.en = en
            self.format = format
            self.isName = isName
            self.measured = measured
        }
    }

    /// The unit of a row's measured values (``Column/measured`` columns) and the decimals they share.
    public enum MeasureUnit: Sendable, Equatable {
        /// Plain numbers (rows without an indicator): the column's format as is.
        case number
        /// Percent units (74.65 means 74.65 %): a ``Format/number(decimals:)`` column shows the
        /// row's value as ``Format/percent(decimals:)`` with these decimals, a difference as points.
        case percent(decimals: Int)
        /// Numbers in the indicator's own unit (scores, counts, ranks, amounts of đồng) with these
        /// decimals; changes per year (``Column/Measured/perYear``) with at least one.
        case plain(decimals: Int)

        /// Whole things (counts, ranks, amounts of đồng).
        public static let whole = MeasureUnit.plain(decimals: 0)

        /// The unit of the values of an indicator written in `style`.
        public init(_ style: ValueStyle) {
            self = style.unit == .percent ? .percent(decimals: style.decimals) : .plain(decimals: style.decimals)
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
    /// Where a table too wide for a page continues as a further part (column indices, ascending):
    /// a page (HTML, Word) shows one table per part, each with the leading id and name columns
    /// (``columnParts()``); files of data (CSV, JSON, workbooks) keep the table whole.
    public var partBreaks: [Int] = []
    /// The status each row is about, in row order, when the table is one line per target (a page
    /// shows its status column as a coloured badge); empty otherwise.
    public var rowStatuses: [TargetAssessment.Status] = []
    /// Whether a page shows the table as one card per row on a phone (a table of one line per
    /// target, whose columns are read together rather than compared down).
    public var cards = false
    /// Keys of columns a page (HTML, Word) leaves out because ``notes`` say what they hold once (a
    /// model that is the same on every row); the files of data keep them.
    public var hiddenOnPages: Set<String> = []
    /// Sentences a page shows under the table (what a column hidden on pages holds).
    public var notes: [Phrase] = []
    /// Sentences every rendering shows before the table: what a reader should take from it first
    /// (JSON: `lead`; CSV has no place for them).
    public var lead: [Phrase] = []

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

    /// Leaves the column `key` out of the pages and says once, under the table, what it holds
    /// (`note`); nil keeps the column (its rows differ).
    public mutating func sayOnce(_ key: String, _ note: Phrase?) {
        guard let note, columns.contains(where: { $0.key == key }) else { return }
        hiddenOnPages.insert(key)
        notes.append(note)
    }

    /// The indices of the columns a page shows (of `part`, every column when nil): the
    /// ``namedColumns(part:)`` but those ``hiddenOnPages``. A page reads by names; the ids stay in
    /// the files of data.
    public func shownColumns(part: [Int]? = nil) -> [Int] {
        namedColumns(part: part).filter { !hiddenOnPages.contains(columns[$0].key) }
    }

    /// The indices of the columns a reader's document shows (of `part`, every column when nil): all
    /// but a column of ids whose names the next columns hold (`key` when `key_name` is also a
    /// column). Pages and workbooks show these; CSV, JSON and Markdown keep every column.
    public func namedColumns(part: [Int]? = nil) -> [Int] {
        let keys = Set(columns.map(\.key))
        return (part ?? Array(columns.indices)).filter { !keys.contains(columns[$0].key + "_name") }
    }

    /// The columns of each part a page shows (see ``partBreaks``): the leading columns (up to the
    /// last name column before the first break; none without a name column) and then the part's
    /// own columns. One part of every column when there is no break.
    public func columnParts() -> [[Int]] {
        let breaks = partBreaks.filter { $0 > 0 && $0 < columns.count }
        guard let first = breaks.first else { return [Array(columns.indices)] }
        let leading = Array(0..<((columns.prefix(first).lastIndex { $0.isName } ?? -1) + 1))
        let bounds = [leading.count] + breaks + [columns.count]
        return zip(bounds, bounds.dropFirst()).filter { $0.0 < $0.1 }.map { leading + Array($0.0..<$0.1) }
    }

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

    /// The format of a column's numbers in a row (``format(of:in:value:)`` with the row's unit).
    public func format(column: Column, row: Int, value: Double? = nil) -> Format {
        Self.format(of: column, in: row < rowUnits.count ? rowUnits[row] : .number, value: value)
    }

    /// The format of a column's numbers in a row of `unit`: a measured number column shows a
    /// percent row's values as percentages and its differences as percentage points, a plain row's
    /// with the row's decimals (changes per year: ``ValueStyle/perYearDecimals(_:)`` of `value`); a target (`value`) with the
    /// fewest decimals that show it, at most the row's. Other columns and rows keep the column's format.
    public static func format(of column: Column, in unit: MeasureUnit, value: Double? = nil) -> Format {
        guard let measured = column.measured, case .number = column.format else { return column.format }
        func written(_ d: Int) -> Int { measured == .target ? min(d, value.map(ValueStyle.decimalsWritten) ?? d) : d }
        switch (unit, measured) {
        case (.number, _): return column.format
        case let (.percent(d), .value), let (.percent(d), .target): return .percent(decimals: written(d))
        case let (.percent(d), .difference): return .points(decimals: d)
        case let (.percent(d), .perYear): return .points(decimals: ValueStyle.perYearDecimals(value ?? 0, decimals: d, percent: true))
        case let (.plain(d), .perYear): return .number(decimals: ValueStyle.perYearDecimals(value ?? 0, decimals: d, percent: false))
        case let (.plain(d), _): return .number(decimals: written(d))
        }
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

    /// A cell of row `row` as display text in a language ("" for a missing number), its number in
    /// the row's unit (``format(column:row:value:)``).
    public func display(_ cell: Cell, column: Column, row: Int, language: Language) -> String {
        switch cell {
        case let .text(s): return s
        case let .phrase(p): return p.text(language)
        case let .number(v):
            guard let v, v.isFinite else { return "" }
            return NumberText.format(v, format(column: column, row: row, value: v), language)
        }
    }
}

extension ReportTable.Column {
    /// The entity's id ("entity"), as every table keys it.
    static let entity = ReportTable.Column(key: "entity", vi: "Đơn vị", en: "Entity", format: .text)
    /// The entity's name ("entity_name"): what pages show in place of the id.
    static let entityName = ReportTable.Column(key: "entity_name", vi: "Tên đơn vị", en: "Entity name", format: .text, isName: true)
    /// The indicator's id ("indicator").
    static let indicator = ReportTable.Column(key: "indicator", vi: "Chỉ tiêu", en: "Indicator", format: .text)
    /// The lower end of a projection's 80 % range ("lower_80"), in the row's unit.
    static let lower80 = ReportTable.Column(key: "lower_80", vi: "Thấp 80", en: "Lo 80", format: .number(decimals: 2), measured: .value)
    /// The upper end of a projection's 80 % range ("upper_80").
    static let upper80 = ReportTable.Column(key: "upper_80", vi: "Cao 80", en: "Hi 80", format: .number(decimals: 2), measured: .value)
    /// The chance of meeting the target ("p_meet").
    static let pMeet = ReportTable.Column(key: "p_meet", vi: "Xác suất đạt", en: "P(meet)", format: .probability)
    /// The indicator's name ("indicator_name").
    static let indicatorName = ReportTable.Column(key: "indicator_name", vi: "Tên chỉ tiêu", en: "Indicator name", format: .text, isName: true)
}
