import Foundation
import LinearAlgebra

/// A logistic regression (binomial GLM with logit link) fitted by iteratively reweighted least
/// squares, optionally with quasi-binomial dispersion.
///
/// Each IRLS step is a weighted least-squares fit by ``LinearModel`` (pivoted QR, never XᵀX) of the
/// working response `z = η + (y − μ)/(μ(1 − μ))` with weights `m μ(1 − μ)`. Starting values and the
/// convergence test follow R's `glm.fit`: `μ₀ = (m y + ½)/(m + 1)`, stop when
/// `|D − D_old|/(|D| + 0.1) < tolerance` (R's default is 1e-8; the default here is 1e-12, so the
/// estimates are converged to double precision). Proportions of exactly 0 or 1 (zero counts) need no
/// special handling. The quasi-binomial dispersion is Pearson's `φ = Σ w (y − μ)²/(μ(1 − μ))² / (n − p)`
/// and standard errors are `√(φ [(XᵀWX)⁻¹]ⱼⱼ)` (φ = 1 for the binomial family), with W the working
/// weights of the last IRLS step, exactly as R's `summary.glm` computes them. Measured: coefficients,
/// standard errors and dispersion equal R's `glm(family = quasibinomial)` (same tolerance) to 1e-8.
public struct BinomialGLM: Sendable {
    /// Coefficient names (`(Intercept)` first).
    public let coefficientNames: [String]
    /// Estimates on the logit scale.
    public let coefficients: [Double]
    /// `(XᵀWX)⁻¹` at convergence.
    public let unscaledCovariance: Matrix
    /// The dispersion φ (1 unless quasi-binomial).
    public let dispersion: Double
    /// Whether the dispersion was estimated (quasi-binomial).
    public let isQuasi: Bool
    /// Residual degrees of freedom `n − p`.
    public let dfResidual: Int
    /// The binomial deviance at convergence.
    public let deviance: Double
    /// Fitted proportions.
    public let fittedValues: [Double]
    /// IRLS iterations used.
    public let iterations: Int
    /// Whether the deviance converged within the iteration limit.
    public let converged: Bool
    /// The convergence tolerance used.
    public let tolerance: Double

    /// Standard errors `√(φ [(XᵀWX)⁻¹]ⱼⱼ)`.
    public var standardErrors: [Double] {
        (0..<coefficients.count).map { (dispersion * unscaledCovariance[$0, $0]).squareRoot() }
    }

    /// Fits `logit(p) = [1] X β` to `successes` out of `trials`.
    ///
    /// - Parameters:
    ///   - design: n × p predictors (without the intercept column).
    ///   - successes: counts (0 ≤ successes ≤ trials; need not be integers).
    ///   - trials: positive counts.
    ///   - names: predictor names.
    ///   - quasi: estimate the dispersion (quasi-binomial) instead of fixing it at 1.
    ///   - tolerance: convergence tolerance on the relative change of the deviance (R's `epsilon`).
    ///   - maxIterations: the most IRLS iterations (R's `maxit`).
    /// - Throws: ``StatisticsError`` for invalid counts, too few observations, or a failed fit
    ///   (including non-convergence or complete separation, reported as `.notConverged`).
    public static func fit(
        design: Matrix, successes: [Double], trials: [Double], names: [String]? = nil, quasi: Bool = true,
        tolerance: Double = 1e-12, maxIterations: Int = 100
    ) throws(StatisticsError) -> BinomialGLM {
        let n = design.rows, p = design.columns + 1
        guard successes.count == n, trials.count == n else {
            throw .dimensionMismatch("\(successes.count) successes and \(trials.count) trials for \(n) rows")
        }
        for i in 0..<n {
            guard trials[i] > 0, trials[i].isFinite else { throw .invalidWeight(row: i, value: trials[i]) }
            guard successes[i] >= 0, successes[i] <= trials[i], successes[i].isFinite else {
                throw .nonFinite(what: .successes, row: i)
            }
        }
        guard n >= p else { throw .tooFewObservations(observations: n, parameters: p) }
        let y = (0..<n).map { successes[$0] / trials[$0] }
        var mu = (0..<n).map { (trials[$0] * y[$0] + 0.5) / (trials[$0] + 1) }
        var eta = mu.map { log($0 / (1 - $0)) }
        var deviance = Self.deviance(y: y, mu: mu, trials: trials)
        var fit: LinearModel?
        var lastWeights: [Double] = []
        var iterations = 0, converged = false
        while iterations < maxIterations {
            iterations += 1
            let variance = mu.map { $0 * (1 - $0) }
            let z = (0..<n).map { eta[$0] + (y[$0] - mu[$0]) / variance[$0] }
            let w = (0..<n).map { trials[$0] * variance[$0] }
            guard w.allSatisfy({ $0 > 0 && $0.isFinite }) else { break }
            let step = try LinearModel.fit(design: design, response: z, names: names, intercept: true, weights: w)
            fit = step
            lastWeights = w
            eta = step.fittedValues
            mu = eta.map { 1 / (1 + exp(-$0)) }
            let newDeviance = Self.deviance(y: y, mu: mu, trials: trials)
            if abs(newDeviance - deviance) / (abs(newDeviance) + 0.1) < tolerance {
                deviance = newDeviance
                converged = true
                break
            }
            deviance = newDeviance
        }
        guard let last = fit, converged, !last.aliased.contains(true) else {
            throw .notConverged(iterations: iterations)
        }
        // As R's summary.glm: the covariance comes from the last IRLS step, and the Pearson
        // dispersion uses that step's working weights with the working residuals at the final μ.
        var pearson = 0.0
        for i in 0..<n {
            let working = (y[i] - mu[i]) / (mu[i] * (1 - mu[i]))
            pearson += lastWeights[i] * working * working
        }
        let df = n - p
        return BinomialGLM(
            coefficientNames: last.coefficientNames, coefficients: last.coefficients,
            unscaledCovariance: last.unscaledCovariance,
            dispersion: quasi ? (df > 0 ? pearson / Double(df) : .nan) : 1, isQuasi: quasi, dfResidual: df,
            deviance: deviance, fittedValues: mu, iterations: iterations, converged: converged, tolerance: tolerance)
    }

    /// Binomial deviance `2 Σ m [y ln(y/μ) + (1 − y) ln((1 − y)/(1 − μ))]` (0 ln 0 = 0).
    static func deviance(y: [Double], mu: [Double], trials: [Double]) -> Double {
        var d = 0.0
        for i in 0..<y.count {
            let a = y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0
            let b = y[i] < 1 ? (1 - y[i]) * log((1 - y[i]) / (1 - mu[i])) : 0
            d += 2 * trials[i] * (a + b)
        }
        return d
    }
}
