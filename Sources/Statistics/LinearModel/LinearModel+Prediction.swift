import Foundation
import LinearAlgebra

/// A prediction from a fitted model at one new point.
public struct Prediction: Sendable, Equatable {
    /// The predicted mean `x₀ᵀβ̂`.
    public var estimate: Double
    /// Standard error of the fitted mean, `σ̂ √(x₀ᵀ(XᵀWX)⁻¹x₀)`.
    public var standardErrorOfFit: Double
    /// Lower end of the interval.
    public var lower: Double
    /// Upper end of the interval.
    public var upper: Double
}

extension LinearModel {
    /// The kind of interval around a prediction.
    public enum IntervalKind: Sendable {
        /// For the mean response at x₀.
        case confidence
        /// For a new observation at x₀ (adds the residual variance σ̂²/w₀).
        case prediction
    }

    /// Predictions at new points, with intervals.
    ///
    /// - Parameters:
    ///   - newDesign: m × p predictor values (without the intercept column).
    ///   - interval: confidence (mean) or prediction (new observation) interval.
    ///   - level: the interval's coverage, in (0, 1).
    ///   - weights: weights of the new observations for prediction intervals (default 1).
    /// - Throws: ``StatisticsError/rankDeficient(rank:columns:tolerance:)`` when some coefficient is
    ///   aliased (the prediction would depend on an arbitrary choice); level and shape errors.
    public func predict(
        at newDesign: Matrix, interval: IntervalKind = .prediction, level: Double = 0.95,
        weights: [Double]? = nil
    ) throws(StatisticsError) -> [Prediction] {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        let offset = hasIntercept ? 1 : 0
        guard newDesign.columns + offset == coefficients.count else {
            throw .dimensionMismatch("\(newDesign.columns) predictors for a model with \(coefficients.count - offset)")
        }
        guard !aliased.contains(true) else {
            throw .rankDeficient(rank: rank, columns: coefficients.count, tolerance: rankTolerance)
        }
        if let w = weights, w.count != newDesign.rows {
            throw .dimensionMismatch("\(w.count) weights for \(newDesign.rows) new points")
        }
        let q = StudentT(degreesOfFreedom: Double(dfResidual)).quantile(0.5 + level / 2)
        let s = sigma
        var out: [Prediction] = []
        for i in 0..<newDesign.rows {
            let x0 = (hasIntercept ? [1.0] : []) + newDesign.row(i)
            let estimate = DoubleDouble.dot(x0, coefficients)
            var quad = 0.0
            for a in 0..<x0.count {
                for b in 0..<x0.count { quad += x0[a] * unscaledCovariance[a, b] * x0[b] }
            }
            let seFit = s * max(quad, 0).squareRoot()
            var variance = seFit * seFit
            if interval == .prediction { variance += s * s / (weights?[i] ?? 1) }
            let half = q * variance.squareRoot()
            out.append(Prediction(estimate: estimate, standardErrorOfFit: seFit, lower: estimate - half, upper: estimate + half))
        }
        return out
    }
}
