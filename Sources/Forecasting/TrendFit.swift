import Foundation
import Statistics

/// A fitted trend model: its estimates, scores, and the predictive distribution at any time.
///
/// Made by ``TrendFit/fit(_:model:)``. Log-likelihoods are on the *original* scale (transformed
/// models carry the Jacobian), so AICc compares models fitted on different scales.
public struct TrendFit: Sendable {
    /// The model.
    public var model: TrendModel
    /// Series name.
    public var name: String
    /// Points used.
    public var n: Int
    /// Estimates on the decimal-time scale, named as R reports them.
    public var coefficients: [Coefficient]
    /// Residual variance on the model scale (the quasi-binomial dispersion for the GLM), possibly pooled.
    public var sigma2: Double
    /// Degrees of freedom of `sigma2` (pooled df when pooled).
    public var dfResidual: Int
    /// Log-likelihood on the original scale (nil for the quasi-binomial GLM).
    public var logLikelihood: Double?
    /// Small-sample AIC on the original scale; nil when n ≤ k + 1.
    public var aicc: Double?
    /// Leave-one-out RMSE on the original scale (n ≥ 4).
    public var looRMSE: Double?
    /// How the data were handled (clamped bounds, imputed counts, pooled variance, ...).
    public var notes: [FitNote]
    /// Whether `sigma2` was pooled across series.
    public var isPooled = false
    /// The model-scale machinery for predictions.
    var kernel: Kernel

    /// σ on the model scale.
    public var sigma: Double { sigma2.squareRoot() }

    enum Kernel: Sendable {
        /// A textbook model on values (linear, loglinear, logit, drift, mean), shared with the batch kernel.
        case textbook(ModelCore)
        /// Logistic GLM: coefficients at t = 0 … expressed on centred time for accuracy.
        case glm(b0: Double, b1: Double, tCentre: Double, cov00: Double, cov01: Double, cov11: Double, newTrials: Double, scale: Scale)
        /// The calibrated default.
        case calibrated(CalibratedTrend)
    }

    /// The calibrated trend behind a ``TrendModel/calibrated`` fit.
    public var calibratedTrend: CalibratedTrend? {
        if case let .calibrated(trend) = kernel { return trend }
        return nil
    }

    /// The predictive distribution of the value at decimal time `t`.
    public func distribution(at t: Double) -> PredictiveDistribution {
        let df = Double(dfResidual)
        switch kernel {
        case let .textbook(core):
            return PredictiveDistribution(location: core.location(at: t), scale: core.spread(at: t, sigma2: sigma2),
                                          degreesOfFreedom: df, transform: core.scale)
        case let .glm(b0, b1, c, v00, v01, v11, m, scale):
            let x = t - c
            let eta = b0 + b1 * x
            let fitVariance = sigma2 * (v00 + 2 * x * v01 + x * x * v11)
            let p = 1 / (1 + exp(-eta))
            let newVariance = sigma2 / (m * p * (1 - p))
            return PredictiveDistribution(location: eta, scale: (fitVariance + newVariance).squareRoot(), degreesOfFreedom: df, transform: scale)
        case let .calibrated(trend):
            return trend.distribution(at: t)
        }
    }

    /// The model-scale residual sum of squares behind `sigma2` (for pooling).
    var residualSumOfSquares: Double { sigma2 * Double(dfResidual) }

    /// This fit with its variance replaced by one pooled over several series of the same model.
    public func pooled(sigma2: Double, df: Int, from count: Int) -> TrendFit {
        var copy = self
        copy.sigma2 = sigma2
        copy.dfResidual = df
        copy.isPooled = true
        copy.notes.append(.variancePooled(series: count, df: df))
        return copy
    }

    /// `−2 ln L + 2k + 2k(k + 1)/(n − k − 1)`, nil when n ≤ k + 1 or ln L is unknown.
    static func aicc(logLikelihood: Double?, k: Int, n: Int) -> Double? {
        guard let ll = logLikelihood, ll.isFinite, n - k - 1 > 0 else { return nil }
        return -2 * ll + 2 * Double(k) + 2 * Double(k * (k + 1)) / Double(n - k - 1)
    }

    /// Gaussian log-likelihood at the MLE of σ² for a residual sum of squares over n points.
    static func gaussianLogLikelihood(rss: Double, n: Int) -> Double {
        let nn = Double(n)
        return -0.5 * nn * (log(2 * Double.pi) + 1 + log(rss / nn))
    }
}
