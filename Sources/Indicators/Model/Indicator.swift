/// What an indicator measures, how it is bounded, and which way is better.
public struct Indicator: Sendable, Equatable, Identifiable {
    /// The kind of quantity, which decides the trend models that apply.
    public enum Kind: String, Sendable, CaseIterable {
        /// A share of a whole, bounded (usually 0–100 %).
        case share
        /// A count of things (non-negative).
        case count
        /// A score on a bounded scale (e.g. DTI out of 1000).
        case score
        /// A rank in a field (1 is first).
        case rank
        /// An amount of money.
        case amount
    }

    /// The unit values are written in.
    public enum Unit: String, Sendable, CaseIterable {
        /// Percent (50.65 means 50.65 %).
        case percent
        /// A number of things.
        case count
        /// Points on a scale.
        case score
        /// A position (1 = first).
        case rank
        /// Vietnamese đồng.
        case vnd
    }

    /// Which way is better.
    public enum Direction: String, Sendable, CaseIterable {
        /// Higher is better.
        case up
        /// Lower is better (e.g. a rank).
        case down
    }

    /// How a value relates to time.
    public enum Measure: String, Sendable, CaseIterable {
        /// A level at a date (households with broadband at the end of a year).
        case stock
        /// A total or rate over a period (dossiers filed during a year).
        case flow
    }

    /// Stable id (snake_case ASCII).
    public var id: String
    /// Vietnamese name.
    public var nameVi: String
    /// English name.
    public var nameEn: String
    /// Unit of the values.
    public var unit: Unit
    /// Kind of quantity.
    public var kind: Kind
    /// Lower bound of the values, if any.
    public var lower: Double?
    /// Upper bound of the values, if any (100 for a percent share, a score's maximum, a rank's field size).
    public var upper: Double?
    /// Which way is better.
    public var direction: Direction
    /// Stock or flow.
    public var measure: Measure
    /// For a part of a total (a DTI pillar), the id of the total.
    public var parent: String?
    /// For a rank, the id of the score it ranks.
    public var ranks: String?
    /// What exactly is counted.
    public var definition: String
    /// The Vietnamese noun a count is counted in ("hồ sơ", "dịch vụ"), written after its number in
    /// reports ("500.000 hồ sơ"); for an amount of money, the words that replace "đồng" ("triệu
    /// đồng"). Nil: the number alone. Shares, scores and ranks have their own words and ignore it.
    public var unitLabelVi: String?
    /// The same noun in English ("applications"); nil: the number alone in English reports.
    public var unitLabelEn: String?

    /// An indicator.
    public init(
        id: String, nameVi: String, nameEn: String, unit: Unit, kind: Kind, lower: Double?, upper: Double?,
        direction: Direction, measure: Measure, parent: String? = nil, ranks: String? = nil, definition: String = "",
        unitLabelVi: String? = nil, unitLabelEn: String? = nil
    ) {
        self.id = id
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.unit = unit
        self.kind = kind
        self.lower = lower
        self.upper = upper
        self.direction = direction
        self.measure = measure
        self.parent = parent
        self.ranks = ranks
        self.definition = definition
        self.unitLabelVi = unitLabelVi
        self.unitLabelEn = unitLabelEn
    }
}
