/// A data-quality finding: errors stop loading, warnings are reported.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Comparable {
        /// The dataset cannot be used until it is fixed.
        case error
        /// The dataset loads; the finding is reported (e.g. a defect of the source kept as published).
        case warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    /// What kind of problem, as a stable code.
    public enum Code: String, Sendable, CaseIterable {
        /// A value, number or period that does not parse, or a required cell that is empty.
        case unparseable = "unparseable"
        /// A field that must be one of a fixed set of words.
        case invalidChoice = "invalid_choice"
        /// An id defined twice.
        case duplicateId = "duplicate_id"
        /// An indicator id that is not in indicators.csv.
        case unknownIndicator = "unknown_indicator"
        /// An entity id that is not in entities.csv.
        case unknownEntity = "unknown_entity"
        /// An entity given by an alias rather than its id.
        case entityAlias = "entity_alias"
        /// A source id that is not in sources.csv.
        case unknownSource = "unknown_source"
        /// The same fact (indicator, entity, period, source) twice.
        case duplicateFact = "duplicate_fact"
        /// Two sources give different values for the same indicator, entity and period.
        case conflictingValues = "conflicting_values"
        /// A value outside the indicator's bounds.
        case outOfBounds = "out_of_bounds"
        /// A numerator larger than its denominator, or a negative count.
        case badCounts = "bad_counts"
        /// A rate that does not equal numerator/denominator to the precision it is published with.
        case ratioMismatch = "ratio_mismatch"
        /// A rate published for a zero denominator.
        case zeroDenominator = "zero_denominator"
        /// A published rank that differs from the rank recomputed from the scores.
        case rankContradiction = "rank_contradiction"
        /// A total that is not the sum of its parts.
        case totalMismatch = "total_mismatch"
        /// The same alias names two entities.
        case aliasClash = "alias_clash"
        /// A reference between definitions (parent, ranks) that points nowhere.
        case badReference = "bad_reference"
        /// A source table whose column headers do not match its data.
        case headerMismatch = "header_mismatch"
        /// An id outside the documented character set (``DatasetLoader/isValidId(_:)``).
        case invalidId = "invalid_id"
        /// An alias that cannot name an entity (no letters or digits: it would match empty or
        /// unreadable entity cells).
        case badAlias = "bad_alias"
        /// A number that may be wrong: a count with a fractional part, or one whose dot could be a
        /// Vietnamese thousands separator ("1.045": 1.045 or 1045?).
        case suspectNumber = "suspect_number"
        /// A number too large to compute with (beyond ±1e150, where squares overflow).
        case numberTooLarge = "number_too_large"
        /// A target for a year before the indicator's first observation of that entity.
        case targetBeforeData = "target_before_data"
        /// What of a report's layout was read around a table and left out or read otherwise
        /// (footnotes, a plan sub-column, a totals row, a column a sheet does not have).
        case layout = "layout"
        /// A target written with a comparator or unit that contradicts its row (a `≥` value with
        /// `≤` in the comparator column, `%` on a count).
        case targetWording = "target_wording"
    }

    /// Severity.
    public var severity: Severity
    /// Stable code.
    public var code: Code
    /// Where (file, line, column) when known.
    public var position: SourcePosition?
    /// The indicator concerned, if any.
    public var indicator: String?
    /// The entity concerned, if any.
    public var entity: String?
    /// The period concerned, if any.
    public var period: String?
    /// What is wrong, with the values concerned (Reporting's `Words` says it in a language).
    public var problem: DataProblem
    /// The cell of the error this finding follows from (a definition row left out there), if any:
    /// ``rootCauses(_:)`` folds such findings into that error.
    public var cause: SourcePosition?

    /// What is wrong, in one English sentence.
    public var message: String { problem.description }

    /// A finding.
    public init(
        _ severity: Severity, _ code: Code, at position: SourcePosition? = nil, indicator: String? = nil,
        entity: String? = nil, period: String? = nil, _ problem: DataProblem, cause: SourcePosition? = nil
    ) {
        self.severity = severity
        self.code = code
        self.position = position
        self.indicator = indicator
        self.entity = entity
        self.period = period
        self.problem = problem
        self.cause = cause
    }

    /// `observations.csv:12:4: warning[ratio_mismatch] dti_score dak_song 2023: message`, made safe to
    /// print (``MessageText/line(_:)``: no control characters, long values cut).
    public var description: String {
        var subject = [indicator, entity, period].compactMap { $0 }.joined(separator: " ")
        if !subject.isEmpty { subject += ": " }
        let place = position.map { "\($0): " } ?? ""
        return MessageText.line("\(place)\(severity.rawValue)[\(code.rawValue)] \(subject)\(message)")
    }
}
