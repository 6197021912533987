import Indicators

/// How the values of one indicator are written in a report: its unit, the one number of decimals
/// that every value of a row shares (latest value, projection, range, gap), and the noun a count is
/// counted in ("500.000 hồ sơ").
///
/// The decimals are those the indicator's own data are written with ("36,5" → 1, "74,65" → 2), at
/// most 2; shares and scores show at least 1 (a projection of a share is read to a tenth of a
/// point), counts and amounts as many as their data (whole counts stay whole), ranks none. A
/// target is shown as it was written (``target(_:_:)``: "≥ 80 %", not "≥ 80,0 %"). No number is
/// ever written in scientific notation.
///
/// ```swift
/// let style = ValueStyle(unit: .count, decimals: 0, noun: Phrase(vi: "hồ sơ", en: "dossiers"))
/// style.text(498_986.5, .vi)   // "498.987 hồ sơ"
/// ValueStyle(unit: .percent, decimals: 1).target(80, .vi)   // "80 %"
/// ```
public struct ValueStyle: Sendable, Equatable, Hashable {
    /// The unit of the values.
    public var unit: Indicator.Unit
    /// Decimals of every value of a row.
    public var decimals: Int
    /// The noun after a count ("hồ sơ" / "dossiers"), or the words that replace "đồng" for an
    /// amount; nil: none (a language without its noun shows the number alone).
    public var noun: Phrase?

    /// The most decimals a value is shown with.
    public static let maximumDecimals = 2

    /// A style.
    public init(unit: Indicator.Unit, decimals: Int, noun: Phrase? = nil) {
        self.unit = unit
        self.decimals = max(0, min(Self.maximumDecimals, decimals))
        self.noun = noun
    }

    /// The style of a unit when nothing is known of the data: 2 decimals for percentages and
    /// scores, none for counts, ranks and amounts.
    public init(unit: Indicator.Unit) {
        self.init(unit: unit, decimals: unit == .percent || unit == .score ? 2 : 0)
    }

    /// The style of an indicator whose values are `values` (its observations): decimals as its data
    /// are written (see ``ValueStyle``), its unit label as the noun.
    public init(_ indicator: Indicator, values: some Sequence<Double>) {
        self.init(indicator, writtenDecimals: values.reduce(0) { max($0, Self.decimalsWritten($1)) })
    }

    /// The style of an indicator whose data are written with at most `writtenDecimals` decimals.
    public init(_ indicator: Indicator, writtenDecimals written: Int) {
        let noun: Phrase? = indicator.unitLabelVi == nil && indicator.unitLabelEn == nil
            ? nil : Phrase(vi: indicator.unitLabelVi ?? "", en: indicator.unitLabelEn ?? "")
        self.init(unit: indicator.unit, decimals: Self.decimals(indicator.unit, written: written), noun: noun)
    }

    /// The style of values in `unit` written as `values` are, without a noun (a series read from a
    /// file, which names no indicator).
    public init(unit: Indicator.Unit, values: some Sequence<Double>) {
        self.init(unit: unit, decimals: Self.decimals(unit, written: values.reduce(0) { max($0, Self.decimalsWritten($1)) }))
    }

    /// The decimals of a unit's values whose data are written with `written`: shares and scores at
    /// least 1, counts as written, ranks and amounts none (all at most ``maximumDecimals``).
    static func decimals(_ unit: Indicator.Unit, written: Int) -> Int {
        switch unit {
        case .percent, .score: max(1, written)
        case .count: written
        case .rank, .vnd: 0
        }
    }

    /// The style of every indicator of a dataset, by id (one pass over the observations).
    public static func all(_ data: Dataset) -> [String: ValueStyle] {
        var written: [String: Int] = [:]
        for o in data.observations { written[o.indicator] = max(written[o.indicator] ?? 0, decimalsWritten(o.value)) }
        return Dictionary(data.indicators.map { ($0.id, ValueStyle($0, writtenDecimals: written[$0.id] ?? 0)) }, uniquingKeysWith: { a, _ in a })
    }

    /// 10 to the power `k` (k in 0…2).
    static func pow10(_ k: Int) -> Double { [1, 10, 100][max(0, min(2, k))] }

    /// The fewest decimals (0 … ``maximumDecimals``) that write `value` exactly (74.65 → 2, 80 → 0);
    /// ``maximumDecimals`` for a value with more.
    public static func decimalsWritten(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        for d in 0..<maximumDecimals {
            let scaled = value * pow10(d)
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled)) { return d }
        }
        return maximumDecimals
    }

    /// The decimals a target is written with: the fewest that show it exactly, at most the style's
    /// (80 → 0, 80.5 → 1).
    public func targetDecimals(_ value: Double) -> Int { min(decimals, Self.decimalsWritten(value)) }

    /// The decimals of a change per year of `value`: the style's, and at least one for a share, a
    /// score or a small change (under 10 a year) of a count or a rank ("4,0/năm", "1.234/năm").
    public func perYearDecimals(_ value: Double) -> Int {
        Self.perYearDecimals(value, decimals: decimals, percent: unit == .percent)
    }

    /// ``perYearDecimals(_:)`` for values with `decimals` (`percent`: a share's, always at least one).
    static func perYearDecimals(_ value: Double, decimals: Int, percent: Bool) -> Int {
        percent || abs(value) < 10 ? max(1, decimals) : decimals
    }

    /// The noun in a language, nil when there is none.
    func noun(_ language: Language) -> String? {
        guard let text = noun?.text(language), !text.isEmpty else { return nil }
        return text
    }

    /// The number alone, with the style's decimals: "498.987", "74,65".
    public func number(_ value: Double, _ language: Language) -> String {
        NumberText.plain(value, decimals: decimals, language)
    }

    /// A value with its unit: "74,65 %" / "74.65%", "655,26 điểm" / "655.26 points", "500.000 hồ sơ"
    /// (a count with its noun; the number alone without one), "hạng 5" / "rank 5", "1.200.000 đồng".
    public func text(_ value: Double, _ language: Language) -> String { text(value, decimals: decimals, language) }

    /// A target as it was written: "80 %", "80,5 %", "500.000 hồ sơ" (``targetDecimals(_:)``).
    public func target(_ value: Double, _ language: Language) -> String { text(value, decimals: targetDecimals(value), language) }

    /// A value with its unit and `decimals`.
    func text(_ value: Double, decimals: Int, _ language: Language) -> String {
        let vi = language == .vi
        let number = NumberText.plain(value, decimals: decimals, language)
        switch unit {
        case .percent: return number + (vi ? " %" : "%")
        case .score: return number + (vi ? " điểm" : " points")
        case .count: return noun(language).map { "\(number) \($0)" } ?? number
        case .rank: return (vi ? "hạng " : "rank ") + NumberText.plain(value.rounded(), decimals: 0, language)
        case .vnd: return number + " " + (noun(language) ?? (vi ? "đồng" : "VND"))
        }
    }

    /// A range with its unit once: "48,1–74,0 %", "612,3–655,0 điểm", "1.020–1.260 hồ sơ", "hạng 3–6".
    public func range(_ lower: Double, _ upper: Double, _ language: Language) -> String {
        let vi = language == .vi
        let lo = number(lower, language), hi = number(upper, language)
        switch unit {
        case .percent: return "\(lo)–\(hi)\(vi ? " %" : "%")"
        case .score: return "\(lo)–\(hi)\(vi ? " điểm" : " points")"
        case .count: return "\(lo)–\(hi)" + (noun(language).map { " \($0)" } ?? "")
        case .rank:
            let (a, b) = (NumberText.plain(lower.rounded(), decimals: 0, language), NumberText.plain(upper.rounded(), decimals: 0, language))
            return (vi ? "hạng " : "rank ") + "\(a)–\(b)"
        case .vnd: return "\(lo)–\(hi) " + (noun(language) ?? (vi ? "đồng" : "VND"))
        }
    }

    /// The unit as a table's "unit" column shows it: the noun of a count when it has one ("hồ sơ"),
    /// else ``Words/unit(_:)`` ("số lượng" / "count").
    public var unitWords: Phrase {
        let plain = Words.unit(unit)
        guard let noun, unit == .count || unit == .vnd else { return plain }
        return Phrase(vi: noun.vi.isEmpty ? plain.vi : noun.vi, en: noun.en.isEmpty ? plain.en : noun.en)
    }
}
