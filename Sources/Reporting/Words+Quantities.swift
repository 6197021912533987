import Indicators

/// Units and periods in words: the one place where a value's unit and an observation's period are
/// written for a reader, in Vietnamese administrative style or in English.
extension Words {
    /// The unit of an indicator as a table's "unit" column shows it: "%" / "%", "điểm" / "points",
    /// "số lượng" / "count", "hạng" / "rank", "đồng" / "VND".
    public static func unit(_ unit: Indicator.Unit) -> Phrase {
        switch unit {
        case .percent: Phrase(vi: "%", en: "%")
        case .count: Phrase(vi: "số lượng", en: "count")
        case .score: Phrase(vi: "điểm", en: "points")
        case .rank: Phrase(vi: "hạng", en: "rank")
        case .vnd: Phrase(vi: "đồng", en: "VND")
        }
    }

    /// A value with its unit, as a sentence writes it: "74,65 %" / "74.65%", "655,26 điểm" /
    /// "655.26 points", "1.140" / "1,140" (a count: whole unless `decimals` says otherwise), "hạng 5" /
    /// "rank 5", "1.200.000 đồng" / "1,200,000 VND" (``ValueStyle/text(_:_:)``).
    ///
    /// `decimals` (at most 2) applies to percentages, scores and counts; nil: the unit's default
    /// (``ValueStyle/init(unit:)``: 2 for percentages and scores, none for counts); ranks and amounts
    /// are whole. A report's rows use the indicator's ``ValueStyle`` instead.
    public static func quantity(_ value: Double, _ unit: Indicator.Unit, decimals: Int? = nil, _ language: Language) -> String {
        (decimals.map { ValueStyle(unit: unit, decimals: $0) } ?? ValueStyle(unit: unit)).text(value, language)
    }

    /// A change per year in an indicator's unit: "3,20 điểm %/năm" / "3.20 pp/yr" for a share,
    /// "12,5 điểm/năm" / "12.5 points/yr", "4,0/năm" / "4.0/yr" for counts; the sign is kept
    /// ("−1,50 điểm %/năm").
    public static func changePerYear(_ value: Double, _ unit: Indicator.Unit, _ language: Language) -> String {
        changePerYear(value, ValueStyle(unit: unit), language)
    }

    /// A change per year in a style (``ValueStyle/perYearDecimals(_:)``), a count with its noun
    /// ("4,0 hồ sơ/năm", "64.305 hồ sơ/năm").
    public static func changePerYear(_ value: Double, _ style: ValueStyle, _ language: Language) -> String {
        let vi = language == .vi
        switch style.unit {
        case .percent:
            return NumberText.plain(value, decimals: style.perYearDecimals(value), language) + (vi ? " điểm %/năm" : " pp/yr")
        case .score:
            return NumberText.plain(value, decimals: style.perYearDecimals(value), language) + (vi ? " điểm/năm" : " points/yr")
        case .count, .rank:
            let noun = style.unit == .count ? style.noun(language).map { " " + $0 } ?? "" : ""
            return NumberText.plain(value, decimals: style.perYearDecimals(value), language) + noun + (vi ? "/năm" : "/yr")
        case .vnd:
            return NumberText.plain(value.rounded(), decimals: 0, language) + " " + (style.noun(language) ?? (vi ? "đồng" : "VND")) + (vi ? "/năm" : "/yr")
        }
    }

    /// A period in words: "năm 2024" / "2024", "6 tháng đầu năm 2024" / "H1 2024", "quý I/2024" /
    /// "Q1 2024", "tháng 8/2024" / "Aug 2024", "ngày 30/6/2024" / "30 Jun 2024", "đến 31/8/2024" /
    /// "to 31 Aug 2024", "từ 1/9/2024 đến 20/9/2024" / "1 Sep 2024 – 20 Sep 2024".
    public static func period(_ period: Period) -> Phrase {
        switch period {
        case let .year(y):
            return Phrase(vi: "năm \(y)", en: "\(y)")
        case let .half(y, h):
            return Phrase(vi: "6 tháng \(h == 1 ? "đầu" : "cuối") năm \(y)", en: "H\(h) \(y)")
        case let .quarter(y, q):
            let roman = ["I", "II", "III", "IV"]
            return Phrase(vi: "quý \(q >= 1 && q <= 4 ? roman[q - 1] : String(q))/\(y)", en: "Q\(q) \(y)")
        case let .month(y, m):
            return Phrase(vi: "tháng \(m)/\(y)", en: "\(monthEn(m)) \(y)")
        case let .date(d):
            return Phrase(vi: "ngày \(dayVi(d))", en: dayEn(d))
        case let .range(nil, end):
            return Phrase(vi: "đến \(dayVi(end))", en: "to \(dayEn(end))")
        case let .range(start?, end):
            return Phrase(vi: "từ \(dayVi(start)) đến \(dayVi(end))", en: "\(dayEn(start)) – \(dayEn(end))")
        }
    }

    /// "30/6/2024": day and month without leading zeros, as Vietnamese documents write dates.
    static func dayVi(_ d: Period.Day) -> String { "\(d.day)/\(d.month)/\(d.year)" }

    /// "30 Jun 2024".
    static func dayEn(_ d: Period.Day) -> String { "\(d.day) \(monthEn(d.month)) \(d.year)" }

    /// "Jan" … "Dec" (the number itself outside 1–12).
    static func monthEn(_ m: Int) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return (1...12).contains(m) ? names[m - 1] : String(m)
    }
}

extension Words {
    /// An indicator's name in each language (the dataset's `name_vi` and `name_en`; without an English
    /// name, as a planner's own table has, the Vietnamese one in both).
    public static func name(_ indicator: Indicator) -> Phrase { names(vi: indicator.nameVi, en: indicator.nameEn) }

    /// An entity's name in each language (the dataset's `name_vi` and `name_en`; without an English
    /// name, the Vietnamese one in both).
    public static func name(_ entity: Entity) -> Phrase { names(vi: entity.nameVi, en: entity.nameEn) }

    /// A name in both languages, the Vietnamese standing for a missing English one (and the reverse).
    static func names(vi: String, en: String) -> Phrase {
        func blank(_ s: String) -> Bool { s.allSatisfy(\.isWhitespace) }
        return Phrase(vi: blank(vi) ? en : vi, en: blank(en) ? vi : en)
    }
}
