import Foundation
import LinearAlgebra

/// A linear model fitted by ordinary or weighted least squares.
///
/// `LinearModel.fit` never forms XᵀX. It centres the predictors on their (weighted) means when
/// there is an intercept, scales every column of the weighted design to unit norm, factors it by
/// Householder QR with column pivoting (LAPACK `dgeqp3`) and refines the solution on the augmented
/// system with double-double residuals (`PivotedQR.solve`, on the original design). The estimates,
/// their covariance `σ²(XᵀWX)⁻¹` (through R⁻¹, never by inverting XᵀX) and the intercept are then
/// mapped back to the original parameters.
///
/// Rank: a column is *aliased* when it is a linear combination of the columns before it to within
/// ``rankTolerance`` (relative, on the centred and scaled design), decided in column order as R's
/// `lm` does, so the intercept and earlier predictors are kept; aliased coefficients are NaN
/// (R's `NA`) and ``rank`` counts the others.
///
/// Accuracy: on NIST StRD, log relative error (LRE) ≥ 9 on Norris, Pontius, NoInt1, NoInt2 and
/// Longley for estimates, standard errors, residual SD and R², and ≥ 7 on Filip and Wampler1–5
/// (see the StatisticsTests fixtures for the measured values).
///
/// ```swift
/// let x = try Matrix(columns: [[1, 2, 3, 4]])
/// let fit = try LinearModel.fit(design: x, response: [2.1, 3.9, 6.2, 7.8], names: ["t"])
/// fit.coefficients        // [(Intercept), t]
/// fit.standardErrors
/// ```
public struct LinearModel: Sendable {
    /// The default relative rank tolerance, `1e-10` (`PivotedQR.defaultRankTolerance`).
    public static let defaultRankTolerance = PivotedQR.defaultRankTolerance

    /// Coefficient names: `(Intercept)` first when there is one, then the predictors.
    public let coefficientNames: [String]
    /// Whether the model has an intercept.
    public let hasIntercept: Bool
    /// Estimates, in the order of ``coefficientNames``; NaN for aliased coefficients.
    public let coefficients: [Double]
    /// Whether each coefficient is aliased (not estimable).
    public let aliased: [Bool]
    /// The numerical rank of the design (intercept included).
    public let rank: Int
    /// The relative tolerance used to decide ``rank``.
    public let rankTolerance: Double
    /// Number of observations.
    public let observations: Int
    /// Residual degrees of freedom, `observations − rank`.
    public let dfResidual: Int
    /// The weights used (all 1 for ordinary least squares).
    public let weights: [Double]
    /// Whether the fit was weighted.
    public let isWeighted: Bool
    /// The response.
    public let response: [Double]
    /// Fitted values `X β̂`.
    public let fittedValues: [Double]
    /// Residuals `y − X β̂` (unweighted).
    public let residuals: [Double]
    /// Weighted residual sum of squares `Σ wᵢ rᵢ²`.
    public let residualSumOfSquares: Double
    /// Weighted total sum of squares about the weighted mean (with intercept) or about 0 (without).
    public let totalSumOfSquares: Double
    /// `(XᵀWX)⁻¹` on the original parameters (NaN rows and columns for aliased coefficients).
    public let unscaledCovariance: Matrix
    /// Leverages: the diagonal of the hat matrix of the weighted design.
    public let hatValues: [Double]
    /// Reciprocal condition number (1-norm) of R for the centred, scaled design.
    public let reciprocalCondition: Double

    /// The largest magnitude accepted in a response or predictor: 1e150, so that squares and their
    /// sums (about 1e300 at most for a few thousand rows) stay finite in double precision.
    public static let largestMagnitude = 1e150

    /// Fits `response ≈ [1] design · β`.
    ///
    /// - Parameters:
    ///   - design: n × p predictors (without the intercept column).
    ///   - response: n responses.
    ///   - names: p predictor names (defaults to `x1`, `x2`, ...).
    ///   - intercept: whether to add an intercept (named `(Intercept)`).
    ///   - weights: n positive weights for weighted least squares, or `nil`.
    ///   - rankTolerance: relative tolerance for aliasing.
    /// - Throws: ``StatisticsError`` for non-finite inputs or inputs beyond ``largestMagnitude``,
    ///   invalid weights, fewer observations than parameters, or mismatched lengths.
    public static func fit(
        design: Matrix, response: [Double], names: [String]? = nil, intercept: Bool = true,
        weights: [Double]? = nil, rankTolerance: Double = defaultRankTolerance
    ) throws(StatisticsError) -> LinearModel {
        let n = design.rows, p = design.columns
        let names = names ?? (0..<p).map { "x\($0 + 1)" }
        guard response.count == n else {
            throw .dimensionMismatch("\(response.count) responses for \(n) design rows")
        }
        guard names.count == p else { throw .dimensionMismatch("\(names.count) names for \(p) columns") }
        if let i = response.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(what: .response, row: i) }
        if let i = response.firstIndex(where: { abs($0) > largestMagnitude }) { throw .tooLarge(what: .response, row: i, value: response[i]) }
        for j in 0..<p {
            for i in 0..<n where !design[i, j].isFinite {
                throw .nonFinite(what: .predictor(names[j]), row: i)
            }
            for i in 0..<n where abs(design[i, j]) > largestMagnitude {
                throw .tooLarge(what: .predictor(names[j]), row: i, value: design[i, j])
            }
        }
        let w = weights ?? [Double](repeating: 1, count: n)
        guard w.count == n else { throw .dimensionMismatch("\(w.count) weights for \(n) rows") }
        if let i = w.firstIndex(where: { !($0 > 0 && $0.isFinite) }) { throw .invalidWeight(row: i, value: w[i]) }
        let k = p + (intercept ? 1 : 0)
        guard n >= k else { throw .tooFewObservations(observations: n, parameters: k) }

        let problem = try ScaledProblem(design: design, response: response, intercept: intercept, weights: w)
        let solved = try problem.solve(rankTolerance: rankTolerance)
        return LinearModel(
            problem: problem, solved: solved, names: (intercept ? ["(Intercept)"] : []) + names,
            intercept: intercept, weights: w, weighted: weights != nil, response: response,
            rankTolerance: rankTolerance)
    }

    private init(
        problem: ScaledProblem, solved: ScaledProblem.Solution, names: [String], intercept: Bool,
        weights: [Double], weighted: Bool, response: [Double], rankTolerance: Double
    ) {
        let n = response.count
        coefficientNames = names
        hasIntercept = intercept
        coefficients = solved.coefficients
        aliased = solved.aliased
        rank = solved.rank
        self.rankTolerance = rankTolerance
        observations = n
        dfResidual = n - solved.rank
        self.weights = weights
        isWeighted = weighted
        self.response = response
        residuals = solved.residuals
        fittedValues = (0..<n).map { response[$0] - solved.residuals[$0] }
        residualSumOfSquares = solved.weightedRSS
        totalSumOfSquares = problem.totalSumOfSquares
        unscaledCovariance = solved.unscaledCovariance
        hatValues = solved.hatValues
        reciprocalCondition = solved.reciprocalCondition
    }
}
