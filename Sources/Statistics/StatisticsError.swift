import LinearAlgebra

/// Failures of model fitting and inference, each with a one-line description.
public enum StatisticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer usable observations than parameters to estimate.
    case tooFewObservations(observations: Int, parameters: Int)
    /// A NaN or infinite value in an input at a 0-based row.
    case nonFinite(what: Input, row: Int)
    /// A value so large in magnitude (beyond ``LinearModel/largestMagnitude``) that sums of squares
    /// would overflow, in the named input at a 0-based row.
    case tooLarge(what: Input, row: Int, value: Double)
    /// A weight that is not a positive finite number, at a 0-based row.
    case invalidWeight(row: Int, value: Double)
    /// Inputs whose lengths or shapes do not fit together.
    case dimensionMismatch(String)
    /// Some coefficients are aliased (not estimable), so the request cannot be answered.
    case rankDeficient(rank: Int, columns: Int, tolerance: Double)
    /// A level outside (0, 1).
    case invalidLevel(Double)
    /// An iterative fit (IRLS) did not converge, or the data separate completely.
    case notConverged(iterations: Int)
    /// A failure reported by the linear-algebra layer.
    case linearAlgebra(LinearAlgebraError)

    /// Which input of a fit a value belongs to.
    public enum Input: Sendable, Equatable, CustomStringConvertible {
        /// The response.
        case response
        /// The named predictor.
        case predictor(String)
        /// The successes of a binomial fit (between 0 and the trials).
        case successes
        /// A predictor's sum of squares (after scaling).
        case sumOfSquares

        /// The input in English.
        public var description: String {
            switch self {
            case .response: "the response"
            case let .predictor(name): "predictor \(name)"
            case .successes: "successes (must be between 0 and trials)"
            case .sumOfSquares: "a predictor's sum of squares"
            }
        }
    }

    /// A one-line description.
    public var description: String {
        switch self {
        case let .tooFewObservations(n, p):
            "\(n) usable observation\(n == 1 ? "" : "s") for \(p) parameter\(p == 1 ? "" : "s"): at least \(p) needed"
        case let .nonFinite(what, row):
            "\(what) at row \(row + 1) is not a finite number"
        case let .tooLarge(what, row, value):
            "\(what) at row \(row + 1) is \(value): beyond ±1e150, where sums of squares overflow; rescale it (for example to thousands or millions)"
        case let .invalidWeight(row, value):
            "weight \(value) at row \(row + 1) is not a positive finite number"
        case let .dimensionMismatch(what):
            "dimension mismatch: \(what)"
        case let .rankDeficient(rank, columns, tolerance):
            "the design has rank \(rank) < \(columns) columns (relative tolerance \(tolerance)): some coefficients are not estimable"
        case let .invalidLevel(level):
            "confidence level \(level) is not between 0 and 1"
        case let .notConverged(iterations):
            "the fit did not converge after \(iterations) iteration\(iterations == 1 ? "" : "s") (the proportions may separate completely)"
        case let .linearAlgebra(error):
            error.description
        }
    }
}
