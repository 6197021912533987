/// Cholesky factorisation `A = Uᵀ U` of a symmetric positive definite matrix (LAPACK `dpotrf`).
public struct Cholesky: Sendable {
    /// The upper triangular factor U (the strict lower triangle is zero).
    public let factor: Matrix

    /// Factors the symmetric positive definite `a` (only its upper triangle is read).
    ///
    /// - Throws: ``LinearAlgebraError/singular(routine:index:)`` when `a` is not positive definite
    ///   (the index is the leading minor that fails); dimension and finiteness errors.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else { throw .dimensionMismatch("Cholesky of a non-square matrix") }
        guard a.isFinite else { throw .nonFinite("the matrix to factor") }
        var u = a
        if a.rows > 0 { try LAPACK.dpotrf(n: a.rows, a: &u.elements) }
        for j in 0..<u.columns {
            for i in (j + 1)..<max(u.rows, j + 1) { u[i, j] = 0 }
        }
        factor = u
    }

    /// Solves `A x = b`.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == factor.rows else { throw .dimensionMismatch("right-hand side of \(b.count)") }
        var x = b
        if !b.isEmpty { try LAPACK.dpotrs(n: factor.rows, factor: factor.elements, b: &x, nrhs: 1) }
        return x
    }
}

extension Matrix {
    /// Solves `U x = b` (or `Uᵀ x = b` when `transpose`) with the upper triangle of this square
    /// matrix (LAPACK `dtrtrs`).
    ///
    /// - Throws: ``LinearAlgebraError/singular(routine:index:)`` for a zero diagonal element.
    public func solveUpperTriangular(_ b: [Double], transpose: Bool = false) throws(LinearAlgebraError) -> [Double] {
        guard rows == columns, b.count == rows else {
            throw .dimensionMismatch("triangular solve with a \(rows) × \(columns) matrix and \(b.count) values")
        }
        guard isFinite, b.allSatisfy(\.isFinite) else { throw .nonFinite("the triangular system") }
        var x = b
        if rows > 0 {
            try LAPACK.dtrtrs(transpose: transpose, n: rows, a: elements, lda: rows, b: &x, nrhs: 1, ldb: rows)
        }
        return x
    }
}
