/// One published value of an indicator for an entity and period, traceable to its source.
public struct Observation: Sendable, Equatable {
    /// Indicator id.
    public var indicator: String
    /// Entity id.
    public var entity: String
    /// The period the value is for.
    public var period: Period
    /// The value as published (percent units for shares).
    public var value: Double
    /// The count behind a share, where given.
    public var numerator: Double?
    /// The base of a share, where given.
    public var denominator: Double?
    /// Source id.
    public var source: String
    /// Where in the source (section, table, row, line).
    public var locator: String
    /// A note.
    public var note: String
    /// Where the row is in the dataset file (for messages).
    public var position: SourcePosition?

    /// An observation.
    public init(
        indicator: String, entity: String, period: Period, value: Double, numerator: Double? = nil,
        denominator: Double? = nil, source: String, locator: String = "", note: String = "",
        position: SourcePosition? = nil
    ) {
        self.indicator = indicator
        self.entity = entity
        self.period = period
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.source = source
        self.locator = locator
        self.note = note
        self.position = position
    }
}

/// A plan target: the value an indicator should reach (or stay under) by a year.
public struct Target: Sendable, Equatable {
    /// How the target compares.
    public enum Comparator: String, Sendable, CaseIterable {
        /// At least the value.
        case atLeast = ">="
        /// At most the value.
        case atMost = "<="
    }

    /// Indicator id.
    public var indicator: String
    /// Entity id.
    public var entity: String
    /// The plan year.
    public var year: Int
    /// The target value.
    public var value: Double
    /// At least or at most.
    public var comparator: Comparator
    /// Source id (the plan or decision).
    public var source: String
    /// A note ("more than 80 %").
    public var note: String
    /// Where the row is in the dataset file.
    public var position: SourcePosition?

    /// A target.
    public init(
        indicator: String, entity: String, year: Int, value: Double, comparator: Comparator, source: String,
        note: String = "", position: SourcePosition? = nil
    ) {
        self.indicator = indicator
        self.entity = entity
        self.year = year
        self.value = value
        self.comparator = comparator
        self.source = source
        self.note = note
        self.position = position
    }
}

/// A source document.
public struct Source: Sendable, Equatable, Identifiable {
    /// Stable id.
    public var id: String
    /// Title.
    public var title: String
    /// Issuing body.
    public var issuer: String
    /// Document number ("416/BC-UBND").
    public var documentNumber: String
    /// Date as written (ISO `yyyy-mm-dd`, or `yyyy-mm` when the day is blank).
    public var date: String
    /// The seed file it was transcribed from (empty for documents not shipped).
    public var file: String

    /// A source.
    public init(id: String, title: String, issuer: String, documentNumber: String, date: String, file: String) {
        self.id = id
        self.title = title
        self.issuer = issuer
        self.documentNumber = documentNumber
        self.date = date
        self.file = file
    }
}
