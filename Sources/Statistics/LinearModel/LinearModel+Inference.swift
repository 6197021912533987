import Foundation
import LinearAlgebra

extension LinearModel {
    /// Residual standard error `σ̂ = √(RSS / df)`; NaN when there are no residual degrees of freedom.
    public var sigma: Double {
        dfResidual > 0 ? (residualSumOfSquares / Double(dfResidual)).squareRoot() : .nan
    }

    /// Standard errors `σ̂ √[(XᵀWX)⁻¹]ⱼⱼ`; NaN for aliased coefficients or when df = 0.
    public var standardErrors: [Double] {
        let s = sigma
        return (0..<coefficients.count).map { s * unscaledCovariance[$0, $0].squareRoot() }
    }

    /// The coefficient covariance `σ̂²(XᵀWX)⁻¹`.
    public var covariance: Matrix {
        unscaledCovariance.scaled(by: sigma * sigma)
    }

    /// t statistics `β̂ⱼ / se(β̂ⱼ)`.
    public var tValues: [Double] {
        zip(coefficients, standardErrors).map { $0 / $1 }
    }

    /// Two-sided p values `2 P(T_df > |t|)`.
    public var pValues: [Double] {
        let t = StudentT(degreesOfFreedom: Double(dfResidual))
        return tValues.map { $0.isNaN ? .nan : 2 * t.sf(abs($0)) }
    }

    /// `R² = 1 − RSS/TSS`, with TSS about the weighted mean when there is an intercept and about
    /// zero otherwise (as R and NIST report).
    public var rSquared: Double { 1 - residualSumOfSquares / totalSumOfSquares }

    /// Adjusted R²: `1 − (1 − R²)(n − i)/df`, with i = 1 with an intercept and 0 without.
    public var adjustedRSquared: Double {
        let i = hasIntercept ? 1 : 0
        return 1 - (1 - rSquared) * Double(observations - i) / Double(dfResidual)
    }

    /// The Gaussian log-likelihood at the maximum, as R's `logLik.lm`:
    /// `½[Σ ln wᵢ − n(ln 2π + 1 − ln n + ln Σ wᵢrᵢ²)]`.
    public var logLikelihood: Double {
        let n = Double(observations)
        let logWeights = isWeighted ? weights.reduce(0) { $0 + log($1) } : 0
        return 0.5 * (logWeights - n * (log(2 * Double.pi) + 1 - log(n) + log(residualSumOfSquares)))
    }

    /// Number of estimated parameters counted by the information criteria: rank + 1 (σ² counts).
    public var informationParameters: Int { rank + 1 }

    /// Akaike's information criterion `−2 ln L + 2k`, k = rank + 1.
    public var aic: Double { -2 * logLikelihood + 2 * Double(informationParameters) }

    /// Small-sample AIC `AIC + 2k(k + 1)/(n − k − 1)`; NaN when n ≤ k + 1.
    public var aicc: Double {
        let k = Double(informationParameters), n = Double(observations)
        return n - k - 1 > 0 ? aic + 2 * k * (k + 1) / (n - k - 1) : .nan
    }

    /// Schwarz's criterion `−2 ln L + k ln n`.
    public var bic: Double { -2 * logLikelihood + Double(informationParameters) * log(Double(observations)) }

    /// The F statistic for the regression against the intercept-only (or null) model; NaN at df = 0.
    public var fStatistic: Double {
        let dfModel = Double(rank - (hasIntercept ? 1 : 0))
        guard dfModel > 0, dfResidual > 0 else { return .nan }
        return ((totalSumOfSquares - residualSumOfSquares) / dfModel) / (residualSumOfSquares / Double(dfResidual))
    }

    /// Confidence intervals for the coefficients: `β̂ⱼ ± t_{df, (1+level)/2} se(β̂ⱼ)`.
    ///
    /// - Throws: ``StatisticsError/invalidLevel(_:)`` for a level outside (0, 1).
    public func confidenceIntervals(level: Double = 0.95) throws(StatisticsError) -> [(lower: Double, upper: Double)] {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        let q = StudentT(degreesOfFreedom: Double(dfResidual)).quantile(0.5 + level / 2)
        return zip(coefficients, standardErrors).map { ($0 - q * $1, $0 + q * $1) }
    }
}
