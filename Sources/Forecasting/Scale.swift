import Foundation
import Statistics

/// The scale a model is linear on, and the map back to the indicator's units.
public enum Scale: Sendable, Equatable {
    /// The values themselves.
    case identity
    /// Natural log (values > 0); back-transforms never go below 0.
    case log
    /// `logit((y − lower)/(upper − lower))`; back-transforms stay inside (lower, upper).
    case logit(lower: Double, upper: Double)
    /// The logit of `(y − lower)/(upper − lower)` clamped to `[shift, 1 − shift]`: a value on a bound
    /// maps to the clamp, and the clamp maps back to the bound itself (a censored logit), so a
    /// share that reaches 100 % can be forecast, and held by an interval, at 100 %.
    case censoredLogit(lower: Double, upper: Double, shift: Double)
    /// `ln(max(y, 0) + offset)` for counts that may be 0; back-transforms never go below 0.
    case logOffset(Double)
    /// A rank among `field` entities (1 = best) as its place in the field: (r − 0.5) / field, so that
    /// one place is 1/field whatever the rank. The inverse is a whole rank in 1 … field (a rank is
    /// whole: quantiles of a rank are whole ranks).
    case rankPlace(field: Double)

    /// The model-scale value of `y` (the caller keeps `y` inside the domain).
    public func forward(_ y: Double) -> Double {
        switch self {
        case .identity: y
        case .log: Foundation.log(y)
        case let .logit(l, u): Foundation.log((y - l) / (u - y))
        case let .censoredLogit(l, u, shift):
            Scale.logitOf(min(max((y - l) / (u - l), shift), 1 - shift))
        case let .logOffset(c): Foundation.log(max(y, 0) + c)
        case let .rankPlace(field): (y - 0.5) / field
        }
    }

    /// The indicator-scale value of `z`.
    public func inverse(_ z: Double) -> Double {
        switch self {
        case .identity: z
        case .log: exp(z)
        case let .logit(l, u):
            // l + (u − l)/(1 + e^(−z)), written to keep digits near both ends.
            z >= 0 ? l + (u - l) / (1 + exp(-z)) : u - (u - l) / (1 + exp(z))
        case let .censoredLogit(l, u, shift):
            if z >= Scale.logitOf(1 - shift) { u } else if z <= Scale.logitOf(shift) { l } else { Scale.logit(lower: l, upper: u).inverse(z) }
        case let .logOffset(c): max(exp(z) - c, 0)
        case let .rankPlace(field): z.isFinite ? min(max((z * field + 0.5).rounded(), 1), max(field.rounded(), 1)) : z
        }
    }

    static func logitOf(_ p: Double) -> Double { Foundation.log(p / (1 - p)) }

    /// `ln |dz/dy|` at `y`: the Jacobian that puts a model-scale likelihood on the original scale.
    public func logJacobian(_ y: Double) -> Double {
        switch self {
        case .identity: 0
        case .log: -Foundation.log(y)
        case let .logit(l, u), let .censoredLogit(l, u, _): Foundation.log(u - l) - Foundation.log(y - l) - Foundation.log(u - y)
        case let .logOffset(c): -Foundation.log(max(y, 0) + c)
        case let .rankPlace(field): -Foundation.log(field)
        }
    }
}

/// The predictive distribution of a future value on the model's scale, mapped back: Student t
/// (the textbook models, equal to R), or empirical (the calibrated default: quantiles of how real
/// series moved, see ``CalibrationTable``).
///
/// Quantiles are back-transformed quantiles (so intervals of log and logit models never leave
/// their bounds), the point forecast is the back-transformed *median* (as R's forecast does for
/// Box-Cox models without `biasadj`) unless a calibration chose the trend itself as the more accurate
/// point (``pointOffset``), and probabilities are computed on the model scale, so intervals and
/// P(meet) always agree.
public struct PredictiveDistribution: Sendable, Equatable {
    /// Centre on the model scale.
    public var location: Double
    /// Scale (standard error of a new value) on the model scale; NaN when unknown (df = 0).
    public var scale: Double
    /// Degrees of freedom of the Student t (∞ for normal).
    public var degreesOfFreedom: Double
    /// The model scale.
    public var transform: Scale
    /// For an empirical distribution: the quantiles on the model scale minus `location`, at
    /// ``CalibrationTable/probabilities`` (so the offset at 0.5 is 0); nil for Student t.
    public var offsets: [Double]? = nil
    /// The point forecast minus the median, on the model scale (0 for the textbook models).
    public var pointOffset: Double = 0

    /// A Student t distribution on the model scale.
    public init(location: Double, scale: Double, degreesOfFreedom: Double, transform: Scale) {
        self.location = location
        self.scale = scale
        self.degreesOfFreedom = degreesOfFreedom
        self.transform = transform
    }

    /// An empirical distribution: `offsets` are quantiles minus the median at ``CalibrationTable/probabilities``.
    public init(median location: Double, offsets: [Double], transform: Scale, pointOffset: Double = 0) {
        self.location = location
        self.pointOffset = pointOffset
        self.scale = 1
        self.degreesOfFreedom = .infinity
        self.transform = transform
        self.offsets = offsets
    }

    /// Whether an interval can be given (empirical, or positive finite scale and df > 0).
    public var hasSpread: Bool { offsets != nil || (scale.isFinite && scale > 0 && degreesOfFreedom > 0) }

    /// The p-quantile on the model scale.
    func modelQuantile(_ p: Double) -> Double {
        if let offsets { return location + ErrorQuantiles.quantile(offsets, p) }
        return location + scale * StudentT(degreesOfFreedom: degreesOfFreedom).quantile(p)
    }

    /// The back-transformed median.
    public var median: Double { transform.inverse(location) }

    /// The point forecast: the median, or for a calibrated trend whose table says so, the trend itself.
    public var point: Double { transform.inverse(location + pointOffset) }

    /// The p-quantile on the indicator's scale; NaN without spread.
    public func quantile(_ p: Double) -> Double {
        guard hasSpread else { return p == 0.5 ? median : .nan }
        return transform.inverse(modelQuantile(p))
    }

    /// The central interval with coverage `level` (0–1) (one t quantile, used with both signs).
    public func interval(level: Double) -> (lower: Double, upper: Double) {
        guard hasSpread else { return (.nan, .nan) }
        if offsets != nil { return (quantile(0.5 - level / 2), quantile(0.5 + level / 2)) }
        let q = scale * StudentT(degreesOfFreedom: degreesOfFreedom).quantile(0.5 + level / 2)
        return (transform.inverse(location - q), transform.inverse(location + q))
    }

    /// P(value ≥ y) (`atLeast`) or P(value ≤ y); NaN without spread. A y outside the transform's
    /// domain gives 0 or 1.
    public func probability(atLeast: Bool, _ y: Double) -> Double {
        guard hasSpread else { return .nan }
        let z: Double
        switch transform {
        case .identity: z = y
        case .log:
            if y <= 0 { return atLeast ? 1 : 0 }
            z = Foundation.log(y)
        case let .logit(l, u):
            if y <= l { return atLeast ? 1 : 0 }
            if y >= u { return atLeast ? 0 : 1 }
            z = transform.forward(y)
        case let .censoredLogit(l, u, _):
            if y <= l { return atLeast ? 1 : 0 }
            if y > u { return atLeast ? 0 : 1 }
            z = transform.forward(y)
        case .logOffset:
            if y <= 0 { return atLeast ? 1 : 0 }
            z = transform.forward(y)
        case let .rankPlace(field):
            // Ranks are whole: "rank ≤ y" is every rank up to ⌊y⌋, which the place scale holds below
            // ⌊y⌋/field; "rank ≥ y" is the complement of "rank ≤ ⌈y⌉ − 1".
            let k = atLeast ? y.rounded(.up) - 1 : y.rounded(.down)
            if k < 1 { return atLeast ? 1 : 0 }
            if k >= field { return atLeast ? 0 : 1 }
            let below: Double
            if let offsets {
                below = ErrorQuantiles.cdf(offsets, k / field - location)
            } else {
                below = StudentT(degreesOfFreedom: degreesOfFreedom).cdf((k / field - location) / scale)
            }
            return atLeast ? 1 - below : below
        }
        if let offsets {
            let below = ErrorQuantiles.cdf(offsets, z - location)
            return atLeast ? 1 - below : below
        }
        let t = StudentT(degreesOfFreedom: degreesOfFreedom)
        let s = (z - location) / scale
        return atLeast ? t.sf(s) : t.cdf(s)
    }
}
