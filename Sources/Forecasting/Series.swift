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
            throw .invalidSeries(name, "times, values and counts differ in length")
        }
        if let l = lower, let u = upper, !(l < u) { throw .invalidSeries(name, "the lower bound \(l.clean) is not below the upper bound \(u.clean)") }
        guard count >= max(minimumPoints, 1) else { throw .tooFewPoints(name, count: count) }
        if !allowConstant, let first = values.first, values.allSatisfy({ $0 == first }), !hasCounts {
            throw .invalidSeries(name, "all \(count) values equal \(first.clean): no trend and no spread can be estimated")
        }
        for i in 0..<count {
            guard times[i].isFinite, values[i].isFinite else { throw .invalidSeries(name, "a time or value is not a finite number") }
            guard abs(values[i]) <= LinearModel.largestMagnitude else {
                throw .invalidSeries(name, "the value \(values[i]) at time \(times[i].clean) is beyond ±1e150, where sums of squares overflow; rescale the series (for example to thousands or millions)")
            }
            if i > 0 && !(times[i] > times[i - 1]) {
                throw .invalidSeries(name, times[i] == times[i - 1]
                    ? "two points at the same time \(times[i])"
                    : "times are not increasing (\(times[i - 1]) then \(times[i]))")
            }
            if let l = lower, values[i] < l { throw .outsideBounds(name, value: values[i], time: times[i], lower: lower, upper: upper) }
            if let u = upper, values[i] > u { throw .outsideBounds(name, value: values[i], time: times[i], lower: lower, upper: upper) }
            if let n = numerators[i], let d = denominators[i], !(d > 0 && n >= 0 && n <= d) {
                throw .invalidSeries(name, "counts \(n)/\(d) at time \(times[i]) are not 0 ≤ numerator ≤ denominator, denominator > 0")
            }
        }
    }
}

/// Problems with a series or a forecast request, one line each.
public enum ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Too few points for the model (none at all for the default).
    case tooFewPoints(String, count: Int)
    /// Something else wrong with the series.
    case invalidSeries(String, String)
    /// A value outside the indicator's bounds.
    case outsideBounds(String, value: Double, time: Double, lower: Double?, upper: Double?)
    /// The model cannot be fitted to this series (says why).
    case notApplicable(String, model: String, reason: String)
    /// A target year before the data ends.
    case targetBeforeData(String, year: Int, lastTime: Double)
    /// An invalid interval level.
    case invalidLevel(Double)
    /// The underlying statistics failed.
    case statistics(String, String)

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
        case let .statistics(name, what):
            "\(name): \(what)"
        }
    }
}
