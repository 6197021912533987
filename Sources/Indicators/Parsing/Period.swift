/// The period a value is for, and its position on the decimal time axis.
///
/// Grammar (DESIGN.md "Data"): `2019` (year), `2020H1` (half), `2024Q1` (quarter), `2024M08`
/// (month), `2022-05-20` (a date: as of), and two extensions for campaign windows:
/// `2024-09-01/2024-09-20` (a range of days, both inclusive) and `../2024-08-31` (a range whose
/// start is not stated).
///
/// Decimal time (DESIGN.md "Time"): a *flow* sits at the midpoint of its period (2019 → 2019.5,
/// 2020H1 → 2020.25); a *stock* sits at the end of it (2019 → 2020.0, a date at the end of that
/// day: 2022-06-30 → 181/365 → 2022.496). Years, halves, quarters and months are equal fractions
/// of a year; dates count days of the actual year (365 or 366). A range with an unstated start
/// sits at its end, as either measure (``hasUnknownStart``).
public enum Period: Sendable, Hashable, CustomStringConvertible {
    /// A calendar year.
    case year(Int)
    /// A half year (1 or 2).
    case half(Int, Int)
    /// A quarter (1–4).
    case quarter(Int, Int)
    /// A month (1–12).
    case month(Int, Int)
    /// A single day (as of).
    case date(Day)
    /// A range of days, both inclusive; `start` is nil when the source does not state it.
    case range(start: Day?, end: Day)

    /// A calendar day.
    public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Year.
        public var year: Int
        /// Month, 1–12.
        public var month: Int
        /// Day of the month.
        public var day: Int

        /// A day, or nil when it does not exist (2023-02-29).
        public init?(year: Int, month: Int, day: Int) {
            guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
            self.year = year
            self.month = month
            self.day = day
        }

        static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

        static func daysIn(month: Int, year: Int) -> Int {
            switch month {
            case 2: isLeap(year) ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        /// Day of the year, 1-based.
        public var dayOfYear: Int {
            (1..<month).reduce(0) { $0 + Self.daysIn(month: $1, year: year) } + day
        }

        /// Decimal time at the start (`end == false`) or end of this day.
        public func time(end: Bool) -> Double {
            let days = Double(Self.isLeap(year) ? 366 : 365)
            return Double(year) + Double(dayOfYear - (end ? 0 : 1)) / days
        }

        /// `yyyy-mm-dd`.
        public var description: String {
            func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }

        public static func < (a: Day, b: Day) -> Bool {
            (a.year, a.month, a.day) < (b.year, b.month, b.day)
        }
    }

    /// Parses the period grammar above.
    ///
    /// - Throws: ``PeriodError`` with the text and what was expected.
    public init(parsing text: String) throws(PeriodError) {
        do {
            try self.init(canonical: text)
        } catch {
            // The forms Vietnamese reports and spreadsheets write, tried when the canonical grammar fails.
            guard let written = PlannerPeriod.parse(text) else {
                // A range complaint about text that is no ISO range, or the generic one: list every form.
                let isoRange = text.contains("/") && text.contains("-") && text.split(separator: "/").count == 2
                let rangeComplaint = error.reason == .rangeEndNotDate || error.reason == .rangeStartNotDate
                if error.reason == .notCanonical || (rangeComplaint && !isoRange) {
                    throw PeriodError(text: text, reason: .unknownForm)
                }
                throw PeriodError(text: text, reason: error.reason)
            }
            self = try written.get()
        }
    }

    /// The canonical grammar only (see the type's description).
    init(canonical text: String) throws(PeriodError) {
        let s = text.trimmingCharacters(in: .whitespaces)
        let chars = Array(s.utf8)
        func int(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, range.allSatisfy({ (48...57).contains(chars[$0]) }) else { return nil }
            return Int(String(decoding: chars[range], as: UTF8.self))
        }
        func year(_ y: Int) throws(PeriodError) -> Int {
            guard (1900...2100).contains(y) else { throw PeriodError(text: text, reason: .yearOutOfRange(String(y))) }
            return y
        }
        if let slash = s.firstIndex(of: "/") {
            let left = String(s[..<slash]), right = String(s[s.index(after: slash)...])
            // A part's own error would quote only the part (`30` of `2024/06/30`): the range's error
            // quotes the whole text.
            guard case let .date(end) = try? Period(parsing: right) else {
                throw PeriodError(text: text, reason: .rangeEndNotDate)
            }
            if left == ".." {
                self = .range(start: nil, end: end)
                return
            }
            guard case let .date(start) = try? Period(parsing: left) else {
                throw PeriodError(text: text, reason: .rangeStartNotDate)
            }
            guard start <= end else { throw PeriodError(text: text, reason: .rangeBackwards) }
            self = .range(start: start, end: end)
            return
        }
        guard chars.count >= 4, let y = int(0..<4) else {
            throw PeriodError(text: text, reason: .notCanonical)
        }
        switch chars.count {
        case 4:
            self = .year(try year(y))
        case 6 where chars[4] == UInt8(ascii: "H"):
            guard let h = int(5..<6), (1...2).contains(h) else { throw PeriodError(text: text, reason: .half) }
            self = .half(try year(y), h)
        case 6 where chars[4] == UInt8(ascii: "Q"):
            guard let q = int(5..<6), (1...4).contains(q) else { throw PeriodError(text: text, reason: .quarter) }
            self = .quarter(try year(y), q)
        case 7 where chars[4] == UInt8(ascii: "M"):
            guard let m = int(5..<7), (1...12).contains(m) else { throw PeriodError(text: text, reason: .canonicalMonth) }
            self = .month(try year(y), m)
        case 10 where chars[4] == UInt8(ascii: "-") && chars[7] == UInt8(ascii: "-"):
            guard let m = int(5..<7), let d = int(8..<10) else {
                throw PeriodError(text: text, reason: .dateForm)
            }
            guard let day = Day(year: try year(y), month: m, day: d) else {
                throw PeriodError(text: text, reason: .noSuchDate)
            }
            self = .date(day)
        default:
            throw PeriodError(text: text, reason: .notCanonical)
        }
    }

    /// The canonical text (what ``init(parsing:)`` reads back).
    public var description: String {
        func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        switch self {
        case let .year(y): return String(y)
        case let .half(y, h): return "\(y)H\(h)"
        case let .quarter(y, q): return "\(y)Q\(q)"
        case let .month(y, m): return "\(y)M\(pad2(m))"
        case let .date(d): return d.description
        case let .range(start, end): return "\(start?.description ?? "..")/\(end)"
        }
    }

    /// The start and end of the period on the decimal time axis (nil start when unstated).
    public var span: (start: Double?, end: Double) {
        switch self {
        case let .year(y): (Double(y), Double(y) + 1)
        case let .half(y, h): (Double(y) + Double(h - 1) / 2, Double(y) + Double(h) / 2)
        case let .quarter(y, q): (Double(y) + Double(q - 1) / 4, Double(y) + Double(q) / 4)
        case let .month(y, m): (Double(y) + Double(m - 1) / 12, Double(y) + Double(m) / 12)
        case let .date(d): (d.time(end: false), d.time(end: true))
        case let .range(start, end): (start?.time(end: false), end.time(end: true))
        }
    }

    /// Whether the period's start is not stated (`../date`).
    public var hasUnknownStart: Bool {
        if case .range(nil, _) = self { return true }
        return false
    }

    /// The decimal time of a value for this period: the midpoint for a flow, the end for a stock
    /// (and for a date, the end of that day, whichever the measure).
    public func time(measure: Indicator.Measure) -> Double {
        let (start, end) = span
        if case .date = self { return end }
        guard measure == .flow, let start else { return end }
        return (start + end) / 2
    }

    /// The calendar year the period ends in (for grouping).
    public var year: Int {
        switch self {
        case let .year(y), let .half(y, _), let .quarter(y, _), let .month(y, _): y
        case let .date(d): d.year
        case let .range(_, end): end.year
        }
    }
}

/// A period that does not parse.
public struct PeriodError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with a period's text (Reporting's `Words` puts it into Vietnamese or English).
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// A year outside 1900–2100 (its digits as written).
        case yearOutOfRange(String)
        /// A range whose end is not a date.
        case rangeEndNotDate
        /// A range whose start is neither a date nor `..`.
        case rangeStartNotDate
        /// A range that ends before it starts.
        case rangeBackwards
        /// Text outside the canonical grammar (`2019`, `2020H1`, `2024Q1`, `2024M08`, a date, a range).
        case notCanonical
        /// Text in none of the forms, canonical or as reports write them.
        case unknownForm
        /// A half other than H1 or H2.
        case half
        /// A canonical quarter other than Q1–Q4.
        case quarter
        /// A quarter in Roman numerals other than I–IV (or 1–4).
        case romanQuarter
        /// A canonical month other than M01–M12.
        case canonicalMonth
        /// A written month other than 1–12.
        case month
        /// A date not written yyyy-mm-dd.
        case dateForm
        /// A yyyy-mm-dd date that does not exist.
        case noSuchDate
        /// A day/month/year date that does not exist.
        case noSuchDayMonthYear

        /// The reason in English.
        public var description: String {
            switch self {
            case let .yearOutOfRange(y): "year \(y) is outside 1900–2100"
            case .rangeEndNotDate: "a range ends with a date yyyy-mm-dd"
            case .rangeStartNotDate: "a range starts with a date yyyy-mm-dd or .."
            case .rangeBackwards: "the range ends before it starts"
            case .notCanonical: "expected 2019, 2020H1, 2024Q1, 2024M08, 2022-05-20 or a range"
            case .unknownForm:
                "expected a year (2019, Năm 2019), a half (2020H1, H1/2020, 6 tháng đầu năm 2020), a quarter (2024Q1, Quý I/2024), a month (2024M08, T8/2024), a date (2022-05-20, 30/6/2022) or a range (2024-09-01/2024-09-20)"
            case .half: "half must be H1 or H2"
            case .quarter: "quarter must be Q1–Q4"
            case .romanQuarter: "quarter must be I–IV (1–4)"
            case .canonicalMonth: "month must be M01–M12"
            case .month: "month must be 1–12"
            case .dateForm: "a date is yyyy-mm-dd"
            case .noSuchDate: "no such date"
            case .noSuchDayMonthYear: "no such date (day/month/year)"
            }
        }
    }

    /// The text as given.
    public var text: String
    /// What is wrong.
    public var reason: Reason

    /// An error about `text`.
    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    /// `"2020H3" is not a period: half must be H1 or H2`.
    public var description: String { "\"\(text)\" is not a period: \(reason)" }
}
