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

    /// The model-scale value of `y` (the caller keeps `y` inside the domain).
    public func forward(_ y: Double) -> Double {
        switch self {
        case .identity: y
        case .log: Foundation.log(y)
        case let .logit(l, u): Foundation.log((y - l) / (u - y))
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
        }
    }

    /// `ln |dz/dy|` at `y`: the Jacobian that puts a model-scale likelihood on the original scale.
    public func logJacobian(_ y: Double) -> Double {
        switch self {
        case .identity: 0
        case .log: -Foundation.log(y)
        case let .logit(l, u): Foundation.log(u - l) - Foundation.log(y - l) - Foundation.log(u - y)
        }
    }
}

/// The predictive distribution of a future value: Student t on the model's scale, mapped back.
///
/// Quantiles are back-transformed quantiles (so intervals of log and logit models never leave
/// their bounds), the point forecast is the back-transformed *median* (as R's forecast does for
/// Box-Cox models without `biasadj`), and probabilities are computed on the model scale, so
/// intervals and P(meet) always agree.
public struct PredictiveDistribution: Sendable, Equatable {
    /// Centre on the model scale.
    public var location: Double
    /// Scale (standard error of a new value) on the model scale; NaN when unknown (df = 0).
    public var scale: Double
    /// Degrees of freedom of the Student t (∞ for normal).
    public var degreesOfFreedom: Double
    /// The model scale.
    public var transform: Scale

    /// Whether an interval can be given (positive finite scale and df > 0).
    public var hasSpread: Bool { scale.isFinite && scale > 0 && degreesOfFreedom > 0 }

    /// The back-transformed median: the point forecast.
    public var median: Double { transform.inverse(location) }

    /// The p-quantile on the indicator's scale; NaN without spread.
    public func quantile(_ p: Double) -> Double {
        guard hasSpread else { return p == 0.5 ? median : .nan }
        return transform.inverse(location + scale * StudentT(degreesOfFreedom: degreesOfFreedom).quantile(p))
    }

    /// The central interval with coverage `level` (0–1) (one t quantile, used with both signs).
    public func interval(level: Double) -> (lower: Double, upper: Double) {
        guard hasSpread else { return (.nan, .nan) }
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
        }
        let t = StudentT(degreesOfFreedom: degreesOfFreedom)
        let s = (z - location) / scale
        return atLeast ? t.sf(s) : t.cdf(s)
    }
}
