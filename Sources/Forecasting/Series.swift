import Indicators
import Statistics

/// A short indicator series to fit: decimal times, values, and optionally the counts behind a share.
///
/// Times must be strictly increasing (``Series/validate(minimumPoints:allowConstant:)`` says so otherwise). Values are in the
/// indicator's units (percent for shares, with `upper` = 100).
public struct Series: Sendable, Equatable {
    /// A name for messages (e.g. `dvctt_with_applications_share/dak_nong`).
    public var name: String
    /// What the indicator is.
    public var kind: Indicator.Kind
    /// Lower bound of the values (0 for shares and counts), if any.
    public var lower: Double?
    /// Upper bound (100 for percent shares, a score's maximum, a rank's field size), if any.
    public var upper: Double?
    /// Which way is better.
    public var direction: Indicator.Direction
    /// Stock or flow: decides the time of a plan year (flow Y + 0.5, stock Y + 1).
    public var measure: Indicator.Measure
    /// Decimal times, strictly increasing.
    public var times: [Double]
    /// Values at those times.
    public var values: [Double]
    /// Successes behind each share value, where known (nil elements where not).
    public var numerators: [Double?]
    /// Trials behind each share value, where known.
    public var denominators: [Double?]

    /// A series. `numerators`/`denominators` default to unknown.
    public init(
        name: String, kind: Indicator.Kind, lower: Double? = nil, upper: Double? = nil, direction: Indicator.Direction = .up,
        measure: Indicator.Measure = .flow, times: [Double], values: [Double], numerators: [Double?]? = nil,
        denominators: [Double?]? = nil
    ) {
        self.name = name
        self.kind = kind
        self.lower = lower
        self.upper = upper
        self.direction = direction
        self.measure = measure
        self.times = times
        self.values = values
        self.numerators = numerators ?? Array(repeating: nil, count: times.count)
        self.denominators = denominators ?? Array(repeating: nil, count: times.count)
    }

    /// Number of points.
    public var count: Int { times.count }

    /// Whether any point has both counts.
    public var hasCounts: Bool {
        zip(numerators, denominators).contains { $0 != nil && $1 != nil }
    }

    /// The decimal time at which a value "for plan year Y" is read: flow → Y + 0.5, stock → Y + 1.
    public func time(ofYear year: Int) -> Double {
        measure == .flow ? Double(year) + 0.5 : Double(year) + 1
    }

    /// Checks the series can be fitted at all.
    ///
    /// - Parameters:
    ///   - minimumPoints: the fewest points the model needs (2 for the textbook models, 1 for the
    ///     calibrated default).
    ///   - allowConstant: whether a series whose values are all equal is accepted (the calibrated
    ///     default forecasts it; the textbook models cannot estimate a spread from it).
    /// - Throws: ``ForecastError`` for too few points, unequal lengths, non-finite numbers,
    ///   times that are not strictly increasing, or values outside the bounds.
    public func validate(minimumPoints: Int = 2, allowConstant: Bool = false) throws(ForecastError) {
        guard times.count == values.count, numerators.count == times.count, denominators.count == times.count else {
            throw .invalidSeries(name, .lengthsDiffer)
        }
        if let l = lower, let u = upper, !(l < u) { throw .invalidSeries(name, .boundsReversed(lower: l, upper: u)) }
        guard count >= max(minimumPoints, 1) else { throw .tooFewPoints(name, count: count) }
        if !allowConstant, let first = values.first, values.allSatisfy({ $0 == first }), !hasCounts {
            throw .invalidSeries(name, .constant(count: count, value: first))
        }
        for i in 0..<count {
            guard times[i].isFinite, values[i].isFinite else { throw .invalidSeries(name, .nonFinite) }
            guard abs(values[i]) <= LinearModel.largestMagnitude else {
                throw .invalidSeries(name, .beyondLargest(value: values[i], time: times[i]))
            }
            if i > 0 && !(times[i] > times[i - 1]) {
                throw .invalidSeries(name, times[i] == times[i - 1] ? .sameTime(times[i]) : .notIncreasing(times[i - 1], times[i]))
            }
            if let l = lower, values[i] < l { throw .outsideBounds(name, value: values[i], time: times[i], lower: lower, upper: upper) }
            if let u = upper, values[i] > u { throw .outsideBounds(name, value: values[i], time: times[i], lower: lower, upper: upper) }
            if let n = numerators[i], let d = denominators[i], !(d > 0 && n >= 0 && n <= d) {
                throw .invalidSeries(name, .badCounts(numerator: n, denominator: d, time: times[i]))
            }
        }
    }
}

/// Problems with a series or a forecast request, one line each (``description`` in English;
/// Reporting's `Words.error(_:)` in Vietnamese or English).
public enum ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Too few points for the model (none at all for the default).
    case tooFewPoints(String, count: Int)
    /// Something else wrong with the series.
    case invalidSeries(String, SeriesProblem)
    /// A value outside the indicator's bounds.
    case outsideBounds(String, value: Double, time: Double, lower: Double?, upper: Double?)
    /// The model (its raw value, or `auto`) cannot be fitted to this series (says why).
    case notApplicable(String, model: String, reason: NotApplicable)
    /// A target year before the data ends.
    case targetBeforeData(String, year: Int, lastTime: Double)
    /// An invalid interval level.
    case invalidLevel(Double)
    /// The quasi-binomial fit (IRLS) of a share with counts failed.
    case statistics(String, StatisticsError)

    /// What is wrong with a series itself.
    public enum SeriesProblem: Sendable, Equatable, CustomStringConvertible {
        /// Times, values and counts of different lengths.
        case lengthsDiffer
        /// A lower bound not below the upper bound.
        case boundsReversed(lower: Double, upper: Double)
        /// All `count` values equal `value` (the textbook models estimate no spread from them).
        case constant(count: Int, value: Double)
        /// A time or value that is not a finite number.
        case nonFinite
        /// A value beyond ±1e150.
        case beyondLargest(value: Double, time: Double)
        /// Two points at the same time.
        case sameTime(Double)
        /// Times that go back.
        case notIncreasing(Double, Double)
        /// Counts that are not 0 ≤ numerator ≤ denominator, denominator > 0.
        case badCounts(numerator: Double, denominator: Double, time: Double)
        /// The series' indicator is not defined.
        case unknownIndicator

        /// The problem in English.
        public var description: String {
            switch self {
            case .lengthsDiffer: "times, values and counts differ in length"
            case let .boundsReversed(l, u): "the lower bound \(l.clean) is not below the upper bound \(u.clean)"
            case let .constant(count, value): "all \(count) values equal \(value.clean): no trend and no spread can be estimated"
            case .nonFinite: "a time or value is not a finite number"
            case let .beyondLargest(value, time):
                "the value \(value) at time \(time.clean) is beyond ±1e150, where sums of squares overflow; rescale the series (for example to thousands or millions)"
            case let .sameTime(t): "two points at the same time \(t)"
            case let .notIncreasing(a, b): "times are not increasing (\(a) then \(b))"
            case let .badCounts(n, d, t): "counts \(n)/\(d) at time \(t) are not 0 ≤ numerator ≤ denominator, denominator > 0"
            case .unknownIndicator: "unknown indicator"
            }
        }
    }

    /// Why a model does not apply to a series.
    public enum NotApplicable: Sendable, Equatable, CustomStringConvertible {
        /// Loglinear needs positive values.
        case needsPositiveValues
        /// Logit needs an upper bound.
        case noUpperBound
        /// Drift needs at least 3 points.
        case needsThreePoints
        /// The GLM logit needs counts on some point.
        case noCounts
        /// The calibration table (`source`) has no series of this kind.
        case calibrationLacksKind(source: String)
        /// `auto` found no candidate inside the bounds.
        case noCandidateInBounds

        /// The reason in English.
        public var description: String {
            switch self {
            case .needsPositiveValues: "it needs positive values (ln y)"
            case .noUpperBound: "the indicator has no upper bound"
            case .needsThreePoints: "it needs at least 3 points (2 changes) to estimate a spread"
            case .noCounts: "no point has counts"
            case let .calibrationLacksKind(source): "the calibration (\(source)) has no series of this kind"
            case .noCandidateInBounds: "no candidate model stays inside the bounds"
            }
        }
    }

    /// One line.
    public var description: String {
        switch self {
        case let .tooFewPoints(name, count):
            count == 0 ? "\(name): no observation" : "\(name): \(count) point\(count == 1 ? "" : "s"); this model needs at least 2"
        case let .invalidSeries(name, what):
            "\(name): \(what)"
        case let .outsideBounds(name, value, time, lower, upper):
            "\(name): value \(value.clean) at t = \(time) is outside the bounds [\(lower.map(\.clean) ?? "−∞"), \(upper.map(\.clean) ?? "∞")]"
        case let .notApplicable(name, model, reason):
            "\(name): model \(model) does not apply: \(reason)"
        case let .targetBeforeData(name, year, last):
            "\(name): target year \(year) is not after the last observation (t = \(last))"
        case let .invalidLevel(level):
            "interval level \(level) is not between 0 and 100"
        case let .statistics(name, error):
            "\(name): quasi-binomial fit failed: \(error)"
        }
    }
}
