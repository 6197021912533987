/// Minimum-norm least squares by the singular value decomposition (LAPACK `dgelsd`).
///
/// For rank-deficient or ill-conditioned designs: singular values below
/// `rcond · σ_max` are treated as zero, and among all least-squares solutions the one of
/// smallest Euclidean norm is returned, together with the numerical rank.
public struct SVDLeastSquares: Sendable {
    /// The minimum-norm solution (length n).
    public let solution: [Double]
    /// The numerical rank: singular values above `rcond · σ_max`.
    public let rank: Int
    /// Singular values of the matrix, in decreasing order.
    public let singularValues: [Double]
    /// The relative threshold used for the rank.
    public let rcond: Double

    /// Solves `a x ≈ b` in the least-squares sense with minimum norm.
    ///
    /// - Throws: ``LinearAlgebraError/nonFinite(_:)``, ``LinearAlgebraError/dimensionMismatch(_:)``,
    ///   ``LinearAlgebraError/notConverged(routine:)``.
    public init(_ a: Matrix, _ b: [Double], rcond: Double = PivotedQR.defaultRankTolerance) throws(LinearAlgebraError) {
        guard a.isFinite else { throw .nonFinite("the matrix") }
        guard b.allSatisfy(\.isFinite) else { throw .nonFinite("the right-hand side") }
        guard b.count == a.rows else {
            throw .dimensionMismatch("right-hand side of \(b.count) for \(a.rows) rows")
        }
        let m = a.rows, n = a.columns
        self.rcond = rcond
        guard m > 0, n > 0 else {
            solution = [Double](repeating: 0, count: n)
            rank = 0
            singularValues = []
            return
        }
        var work = a.elements
        var rhs = b + [Double](repeating: 0, count: max(m, n) - m)
        let result = try LAPACK.dgelsd(m: m, n: n, a: &work, b: &rhs, nrhs: 1, rcond: rcond)
        solution = Array(rhs.prefix(n))
        rank = result.rank
        singularValues = result.singularValues
    }
}
