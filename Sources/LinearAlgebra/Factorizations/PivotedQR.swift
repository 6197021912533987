/// Householder QR factorisation with column pivoting, `A P = Q R` (LAPACK `dgeqp3`).
///
/// The numerical rank is the number of leading diagonal elements of R with
/// `|R[k, k]| > rankTolerance · |R[0, 0]|`; the columns past the rank (in pivoted order) are
/// *aliased*: linearly dependent on the others to within the tolerance.
///
/// Least-squares solutions never form `AᵀA`. ``solve(_:refinementSteps:)`` refines the QR solution
/// on the augmented system `[I A; Aᵀ 0][r; x] = [b; 0]` with residuals accumulated in
/// double-double arithmetic (Björck, "Iterative refinement of linear least squares solutions I",
/// BIT 7 (1967) 257–278, doi:10.1007/BF01939321), which removes the κ(A)² amplification of the
/// residual term from the rounding of the factorisation itself.
public struct PivotedQR: Sendable {
    /// The default relative tolerance for the numerical rank: `1e-10`.
    ///
    /// Columns should be scaled to comparable norms first (as `LinearModel` does); then a
    /// diagonal of R below `1e-10 · |R[0,0]|` means a column is a combination of the others to
    /// within ten significant digits, and its coefficient would carry no information.
    public static let defaultRankTolerance = 1e-10

    /// The factored matrix (kept for refinement).
    public let matrix: Matrix
    /// Compact factor from `dgeqp3`: R in the upper triangle, Householder vectors below.
    let factors: [Double]
    /// Householder scalars.
    let tau: [Double]
    /// The column permutation: column `k` of `A P` is column `permutation[k]` of `A` (0-based).
    public let permutation: [Int]
    /// The numerical rank.
    public let rank: Int
    /// The relative tolerance used to decide ``rank``.
    public let rankTolerance: Double

    /// Factors `a`.
    ///
    /// - Parameters:
    ///   - a: an `m × n` matrix of finite values (any shape).
    ///   - rankTolerance: relative tolerance on the diagonal of R for the numerical rank.
    /// - Throws: ``LinearAlgebraError/nonFinite(_:)`` for NaN or infinite elements; LAPACK failures.
    public init(_ a: Matrix, rankTolerance: Double = PivotedQR.defaultRankTolerance) throws(LinearAlgebraError) {
        guard a.isFinite else { throw .nonFinite("the matrix to factor") }
        let m = a.rows, n = a.columns
        var factors = a.elements
        var pivots = [Int32](repeating: 0, count: max(n, 1))
        var tau = [Double](repeating: 0, count: max(min(m, n), 1))
        if m > 0 && n > 0 {
            try LAPACK.dgeqp3(m: m, n: n, a: &factors, pivots: &pivots, tau: &tau)
        }
        self.matrix = a
        self.factors = factors
        self.tau = tau
        self.permutation = (0..<n).map { Int(pivots[$0]) - 1 }
        self.rankTolerance = rankTolerance
        let k = min(m, n)
        let r00 = k > 0 ? abs(factors[0]) : 0
        var rank = 0
        while rank < k, abs(factors[rank + rank * m]) > rankTolerance * r00, r00 > 0 { rank += 1 }
        self.rank = rank
    }

    /// The diagonal of R (length `min(m, n)`), in pivoted order.
    public var rDiagonal: [Double] {
        (0..<min(matrix.rows, matrix.columns)).map { factors[$0 + $0 * matrix.rows] }
    }

    /// The leading `rank × rank` block of R.
    public var r: Matrix {
        var out = Matrix(rows: rank, columns: rank)
        for j in 0..<rank {
            for i in 0...j { out[i, j] = factors[i + j * matrix.rows] }
        }
        return out
    }

    /// Reciprocal condition number (1-norm) of the leading `rank × rank` block of R.
    public func reciprocalCondition() throws(LinearAlgebraError) -> Double {
        guard rank > 0 else { return 0 }
        return try LAPACK.dtrcon(n: rank, a: factors, lda: matrix.rows)
    }

    /// Qᵀ v for a vector of length `m`, using the first `rank` reflectors.
    public func applyQTranspose(_ v: [Double]) throws(LinearAlgebraError) -> [Double] {
        try applyQ(v, transpose: true)
    }

    /// Q v for a vector of length `m`, using the first `rank` reflectors.
    public func applyQ(_ v: [Double]) throws(LinearAlgebraError) -> [Double] {
        try applyQ(v, transpose: false)
    }

    private func applyQ(_ v: [Double], transpose: Bool) throws(LinearAlgebraError) -> [Double] {
        let m = matrix.rows
        guard v.count == m else { throw .dimensionMismatch("vector of \(v.count) for Q of order \(m)") }
        guard rank > 0 else { return v }
        var c = v
        try LAPACK.dormqr(
            transpose: transpose, m: m, n: 1, k: rank, a: factors, lda: m, tau: tau, c: &c)
        return c
    }

    /// The first `rank` columns of Q (`m × rank`): an orthonormal basis of the column space.
    public func thinQ() throws(LinearAlgebraError) -> Matrix {
        let m = matrix.rows
        var c = Matrix(rows: m, columns: rank)
        for j in 0..<rank { c[j, j] = 1 }
        guard rank > 0 else { return c }
        try LAPACK.dormqr(
            transpose: false, m: m, n: rank, k: rank, a: factors, lda: m, tau: tau, c: &c.elements)
        return c
    }

    /// Solves `R₁₁ x = b` (or `R₁₁ᵀ x = b`) with the leading `rank × rank` block of R.
    public func solveR(_ b: [Double], transpose: Bool = false) throws(LinearAlgebraError) -> [Double] {
        guard b.count == rank else { throw .dimensionMismatch("vector of \(b.count) for R of order \(rank)") }
        guard rank > 0 else { return [] }
        var x = b
        try LAPACK.dtrtrs(
            transpose: transpose, n: rank, a: factors, lda: matrix.rows, b: &x, nrhs: 1, ldb: rank)
        return x
    }

    /// The inverse of the leading `rank × rank` block of R (upper triangular), in pivoted order.
    public func rInverse() throws(LinearAlgebraError) -> Matrix {
        var inv = r
        guard rank > 0 else { return inv }
        try LAPACK.dtrtri(n: rank, a: &inv.elements, lda: rank)
        return inv
    }

    /// The basic least-squares solution of `A x ≈ b`.
    ///
    /// Aliased columns (past the rank) get coefficient 0. With `refinementSteps > 0` the solution
    /// is refined on the augmented system with double-double residuals until the correction is
    /// below `2⁻⁵²·‖x‖`, stops shrinking, or the steps run out.
    ///
    /// - Returns: the solution (length n, original column order) and the residual `b − A x`.
    public func solve(
        _ b: [Double], refinementSteps: Int = 5
    ) throws(LinearAlgebraError) -> (solution: [Double], residual: [Double]) {
        try solve(b, original: matrix, forward: { $0 }, adjoint: { $0 }, refinementSteps: refinementSteps)
    }

    /// The least-squares solution of an *original* problem `A₀ β ≈ b` of which the factored
    /// matrix is a reparametrisation `A = A₀ M` (for example centred and scaled columns).
    ///
    /// Residuals are always computed on `A₀` and `b` in double-double, and the factorisation of
    /// `A` only supplies corrections, so the result is the solution of the original problem,
    /// not of its rounded transform: rounding in forming `A` slows convergence but does not
    /// limit the accuracy reached.
    ///
    /// - Parameters:
    ///   - b: the right-hand side (length m).
    ///   - original: `A₀`, m × p.
    ///   - forward: `c ↦ M c`, from the factored matrix's parameters (length n) to β (length p).
    ///   - adjoint: `g ↦ Mᵀ g`, from length p to length n.
    ///   - refinementSteps: the most refinement steps after the first solve.
    /// - Returns: β (length p) and the residual `b − A₀ β`.
    public func solve(
        _ b: [Double], original: Matrix, forward: ([Double]) -> [Double], adjoint: ([Double]) -> [Double],
        refinementSteps: Int = 5
    ) throws(LinearAlgebraError) -> (solution: [Double], residual: [Double]) {
        let m = matrix.rows, n = matrix.columns, p = original.columns
        guard b.count == m, original.rows == m else {
            throw .dimensionMismatch("right-hand side of \(b.count) for \(m) rows")
        }
        guard b.allSatisfy(\.isFinite) else { throw .nonFinite("the right-hand side") }
        var beta = [Double](repeating: 0, count: p)
        var r = [Double](repeating: 0, count: m)
        var previous = Double.infinity
        for step in 0...max(refinementSteps, 0) {
            // f = b − r − A₀β and g = −A₀ᵀr, accumulated in double-double.
            let f = Self.residual(b, original, beta, minus: r)
            var g0 = [Double](repeating: 0, count: p)
            for j in 0..<p {
                var acc = DoubleDouble(0)
                let base = j * m
                for i in 0..<m { acc = acc - DoubleDouble.product(original.elements[base + i], r[i]) }
                g0[j] = acc.value
            }
            let gFull = adjoint(g0)
            let g = (0..<rank).map { gFull[permutation[$0]] }
            let h = try solveR(g, transpose: true)
            let d = try applyQTranspose(f)
            let dc = try solveR((0..<rank).map { d[$0] - h[$0] })
            var hd = d
            for k in 0..<rank { hd[k] = h[k] }
            let dr = try applyQ(hd)
            var cFull = [Double](repeating: 0, count: n)
            for k in 0..<rank { cFull[permutation[k]] = dc[k] }
            let dBeta = forward(cFull)
            for j in 0..<p { beta[j] += dBeta[j] }
            for i in 0..<m { r[i] += dr[i] }
            let size = dBeta.reduce(0) { max($0, abs($1)) }
            let scale = beta.reduce(0) { max($0, abs($1)) }
            if step > 0 && (size <= 0x1p-52 * scale || size >= previous) { break }
            previous = size
        }
        return (beta, Self.residual(b, original, beta, minus: nil))
    }

    /// `b − A x (− r)` per row, accumulated in double-double.
    private static func residual(_ b: [Double], _ a: Matrix, _ x: [Double], minus r: [Double]?) -> [Double] {
        (0..<a.rows).map { i in
            var acc = DoubleDouble(b[i])
            if let r { acc = acc - DoubleDouble(r[i]) }
            for j in 0..<a.columns where x[j] != 0 { acc = acc - DoubleDouble.product(a[i, j], x[j]) }
            return acc.value
        }
    }
}
