import ChisoTestSupport
import LinearAlgebra
import Testing

struct PivotedQRTests {
    /// A 4 × 2 problem with a known exact least-squares solution (computed by hand):
    /// y = [1, 2, 2, 4] on [1, t], t = 0..3 → β = (0.9, 0.9)... checked via the normal equations
    /// in exact arithmetic: XᵀX = [[4, 6], [6, 14]], Xᵀy = [9, 18] → β = (0.9, 0.9).
    @Test func solvesSmallProblemExactly() throws {
        let a = try Matrix(columns: [[1, 1, 1, 1], [0, 1, 2, 3]])
        let qr = try PivotedQR(a)
        #expect(qr.rank == 2)
        let (x, r) = try qr.solve([1, 2, 2, 4])
        #expect(abs(x[0] - 0.9) < 1e-15)
        #expect(abs(x[1] - 0.9) < 1e-15)
        // Residuals are orthogonal to the columns.
        #expect(abs(DoubleDouble.dot(a.column(0), r)) < 1e-15)
        #expect(abs(DoubleDouble.dot(a.column(1), r)) < 1e-15)
    }

    @Test func reportsRankOfDuplicatedColumn() throws {
        let a = try Matrix(columns: [[1, 2, 3, 4], [1, 0, 1, 0], [1, 2, 3, 4]])
        let qr = try PivotedQR(a)
        #expect(qr.rank == 2)
        #expect(qr.rankTolerance == PivotedQR.defaultRankTolerance)
        let (x, r) = try qr.solve([1, 1, 2, 5])
        // One of the duplicated columns is aliased and gets 0; the fit equals the rank-2 fit.
        #expect(x.filter { $0 == 0 }.count == 1)
        let reduced = try PivotedQR(try Matrix(columns: [[1, 2, 3, 4], [1, 0, 1, 0]])).solve([1, 1, 2, 5])
        for i in 0..<4 { #expect(abs(r[i] - reduced.residual[i]) < 1e-14) }
    }

    @Test func refusesNonFiniteInput() throws {
        let a = try Matrix(columns: [[1, .nan], [0, 1]])
        #expect(throws: LinearAlgebraError.nonFinite("the matrix to factor")) { try PivotedQR(a) }
    }

    @Test func inverseOfRTimesRIsIdentity() throws {
        let a = try Matrix(columns: [[4, 1, 0, 2], [1, 3, 1, 0], [0, 1, 5, 1]])
        let qr = try PivotedQR(a)
        let product = try qr.r.multiplied(by: qr.rInverse())
        for i in 0..<3 {
            for j in 0..<3 { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-14) }
        }
        // Q has orthonormal columns.
        let q = try qr.thinQ()
        let qtq = try q.transposed.multiplied(by: q)
        for i in 0..<3 {
            for j in 0..<3 { #expect(abs(qtq[i, j] - (i == j ? 1 : 0)) < 1e-14) }
        }
    }
}

struct SVDAndCholeskyTests {
    @Test func svdGivesMinimumNormSolutionOfRankDeficientProblem() throws {
        // Columns 1 and 2 equal: every solution has x₁ + x₂ = c; the minimum-norm one splits evenly.
        let a = try Matrix(columns: [[1, 1, 1], [1, 1, 1]])
        let ls = try SVDLeastSquares(a, [1, 2, 3])
        #expect(ls.rank == 1)
        #expect(abs(ls.solution[0] - 1) < 1e-14)
        #expect(abs(ls.solution[1] - 1) < 1e-14)
        #expect(abs(ls.singularValues[0] - 6.0.squareRoot()) < 1e-14)
    }

    @Test func svdAgreesWithQROnFullRankProblem() throws {
        let a = try Matrix(columns: [[1, 1, 1, 1, 1], [1, 2, 3, 4, 5], [1, 4, 9, 16, 25]])
        let b = [1.0, 3, 2, 5, 4]
        let svd = try SVDLeastSquares(a, b)
        let qr = try PivotedQR(a).solve(b)
        #expect(svd.rank == 3)
        for j in 0..<3 { #expect(abs(svd.solution[j] - qr.solution[j]) < 1e-12) }
    }

    @Test func choleskySolvesAndRejectsIndefinite() throws {
        let a = try Matrix(rows: [[4, 2], [2, 3]])
        let c = try Cholesky(a)
        // Uᵀ U = A with U = [[2, 1], [0, √2]].
        #expect(abs(c.factor[0, 0] - 2) < 1e-15 && abs(c.factor[0, 1] - 1) < 1e-15)
        #expect(abs(c.factor[1, 1] - 2.0.squareRoot()) < 1e-15 && c.factor[1, 0] == 0)
        let x = try c.solve([6, 5])
        #expect(abs(x[0] - 1) < 1e-15 && abs(x[1] - 1) < 1e-15)
        #expect(throws: LinearAlgebraError.singular(routine: "dpotrf", index: 2)) {
            try Cholesky(try Matrix(rows: [[1, 2], [2, 1]]))
        }
        #expect(throws: LinearAlgebraError.singular(routine: "dtrtrs", index: 2)) {
            try Matrix(rows: [[1, 1], [0, 0]]).solveUpperTriangular([1, 1])
        }
    }

    @Test func dimensionErrorsAreTyped() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(columns: [[1, 2], [1]]) }
    }
}

struct DoubleDoubleTests {
    @Test func productIsExact() {
        // (1 + 2⁻³⁰)² = 1 + 2⁻²⁹ + 2⁻⁶⁰: the last term is lost in a double product.
        let a = 1 + 0x1p-30
        let p = DoubleDouble.product(a, a)
        #expect(p.hi == 1 + 0x1p-29)
        #expect(p.lo == 0x1p-60)
    }

    @Test func sumKeepsCancelledDigits() {
        #expect(DoubleDouble.sum([1e16, 1, -1e16]) == 1)
        #expect(DoubleDouble.dot([1e8, 1, -1e8], [1e8, 1, 1e8]) == 1)
    }
}
