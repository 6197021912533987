/// Failures of the linear-algebra layer, mapped from LAPACK's `INFO` and from argument checks.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// LAPACK rejected argument number `position` of `routine` (`INFO < 0`). This is a bug in Chiso.
    case illegalArgument(routine: String, position: Int)
    /// A triangular or Cholesky factor is exactly singular (or not positive definite) at the
    /// 1-based diagonal `index` (`INFO > 0`).
    case singular(routine: String, index: Int)
    /// An iterative LAPACK routine (the SVD) did not converge.
    case notConverged(routine: String)
    /// Operands whose shapes do not fit together.
    case dimensionMismatch(String)
    /// An operand holds NaN or an infinity.
    case nonFinite(String)

    /// A one-line description.
    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            "LAPACK \(routine) rejected argument \(position) (a bug in Chiso: please report it)"
        case let .singular(routine, index):
            "LAPACK \(routine): the matrix is singular at diagonal element \(index)"
        case let .notConverged(routine):
            "LAPACK \(routine) did not converge"
        case let .dimensionMismatch(what):
            "dimension mismatch: \(what)"
        case let .nonFinite(what):
            "non-finite value in \(what)"
        }
    }
}
