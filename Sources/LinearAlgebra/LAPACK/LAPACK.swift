internal import CLapack

/// Thin, checked wrappers over the Fortran routines declared in `CLapack/shim.h`.
///
/// Each wrapper converts Swift integers to 32-bit Fortran `INTEGER`, passes the hidden
/// character-length arguments, runs the workspace query where the routine has one, and maps
/// `INFO` to ``LinearAlgebraError``. Nothing here is public.
enum LAPACK {
    /// Converts a dimension to a Fortran `INTEGER`, refusing sizes LAPACK cannot address.
    static func int32(_ value: Int, _ what: String) throws(LinearAlgebraError) -> Int32 {
        guard let v = Int32(exactly: value) else {
            throw .dimensionMismatch("\(what) = \(value) exceeds LAPACK's 32-bit integers")
        }
        return v
    }

    /// Maps `INFO` to an error: `< 0` illegal argument, `> 0` the routine-specific failure.
    static func check(
        _ info: Int32, _ routine: String, positive: (Int) -> LinearAlgebraError
    ) throws(LinearAlgebraError) {
        if info < 0 { throw .illegalArgument(routine: routine, position: Int(-info)) }
        if info > 0 { throw positive(Int(info)) }
    }

    /// `dgeqp3`: A P = Q R in place. `pivots` holds 1-based column indices on return.
    static func dgeqp3(
        m: Int, n: Int, a: inout [Double], pivots: inout [Int32], tau: inout [Double]
    ) throws(LinearAlgebraError) {
        var mm = try int32(m, "rows"), nn = try int32(n, "columns"), lda = max(mm, 1)
        var info: Int32 = 0
        var query = 0.0
        var lwork: Int32 = -1
        dgeqp3_(&mm, &nn, &a, &lda, &pivots, &tau, &query, &lwork, &info)
        try check(info, "dgeqp3") { .singular(routine: "dgeqp3", index: $0) }
        lwork = Int32(max(query, Double(3 * n + 1)))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgeqp3_(&mm, &nn, &a, &lda, &pivots, &tau, &work, &lwork, &info)
        try check(info, "dgeqp3") { .singular(routine: "dgeqp3", index: $0) }
    }

    /// `dormqr`: C := Qᵀ C (`transpose`) or Q C, with Q from `dgeqp3` (k reflectors).
    static func dormqr(
        transpose: Bool, m: Int, n: Int, k: Int, a: [Double], lda: Int, tau: [Double],
        c: inout [Double]
    ) throws(LinearAlgebraError) {
        var side = CChar(UInt8(ascii: "L")), trans = CChar(UInt8(ascii: transpose ? "T" : "N"))
        var mm = try int32(m, "rows"), nn = try int32(n, "columns"), kk = try int32(k, "reflectors")
        var ldA = try int32(max(lda, 1), "lda"), ldc = max(mm, 1)
        var info: Int32 = 0
        var query = 0.0
        var lwork: Int32 = -1
        var aa = a, tt = tau
        dormqr_(&side, &trans, &mm, &nn, &kk, &aa, &ldA, &tt, &c, &ldc, &query, &lwork, &info, 1, 1)
        try check(info, "dormqr") { .singular(routine: "dormqr", index: $0) }
        lwork = Int32(max(query, Double(max(n, 1))))
        var work = [Double](repeating: 0, count: Int(lwork))
        dormqr_(&side, &trans, &mm, &nn, &kk, &aa, &ldA, &tt, &c, &ldc, &work, &lwork, &info, 1, 1)
        try check(info, "dormqr") { .singular(routine: "dormqr", index: $0) }
    }

    /// `dtrtrs`: solves T X = B or Tᵀ X = B for the upper triangle of the leading n × n of `a`.
    static func dtrtrs(
        transpose: Bool, n: Int, a: [Double], lda: Int, b: inout [Double], nrhs: Int, ldb: Int
    ) throws(LinearAlgebraError) {
        var uplo = CChar(UInt8(ascii: "U")), trans = CChar(UInt8(ascii: transpose ? "T" : "N"))
        var diag = CChar(UInt8(ascii: "N"))
        var nn = try int32(n, "order"), nr = try int32(nrhs, "right-hand sides")
        var ldA = try int32(max(lda, 1), "lda"), ldB = try int32(max(ldb, 1), "ldb")
        var info: Int32 = 0
        var aa = a
        dtrtrs_(&uplo, &trans, &diag, &nn, &nr, &aa, &ldA, &b, &ldB, &info, 1, 1, 1)
        try check(info, "dtrtrs") { .singular(routine: "dtrtrs", index: $0) }
    }

    /// `dtrtri`: inverts the upper triangle of the leading n × n of `a` in place.
    static func dtrtri(n: Int, a: inout [Double], lda: Int) throws(LinearAlgebraError) {
        var uplo = CChar(UInt8(ascii: "U")), diag = CChar(UInt8(ascii: "N"))
        var nn = try int32(n, "order"), ldA = try int32(max(lda, 1), "lda")
        var info: Int32 = 0
        dtrtri_(&uplo, &diag, &nn, &a, &ldA, &info, 1, 1)
        try check(info, "dtrtri") { .singular(routine: "dtrtri", index: $0) }
    }

    /// `dtrcon`: reciprocal 1-norm condition number of an upper triangular n × n matrix.
    static func dtrcon(n: Int, a: [Double], lda: Int) throws(LinearAlgebraError) -> Double {
        var norm = CChar(UInt8(ascii: "1")), uplo = CChar(UInt8(ascii: "U"))
        var diag = CChar(UInt8(ascii: "N"))
        var nn = try int32(n, "order"), ldA = try int32(max(lda, 1), "lda")
        var info: Int32 = 0
        var rcond = 0.0
        var aa = a
        var work = [Double](repeating: 0, count: 3 * max(n, 1))
        var iwork = [Int32](repeating: 0, count: max(n, 1))
        dtrcon_(&norm, &uplo, &diag, &nn, &aa, &ldA, &rcond, &work, &iwork, &info, 1, 1, 1)
        try check(info, "dtrcon") { .singular(routine: "dtrcon", index: $0) }
        return rcond
    }

    /// `dgelsd`: minimum-norm least squares by SVD. Returns the effective rank and the
    /// singular values; `b` (ldb = max(m, n)) holds the solution in its first n rows.
    static func dgelsd(
        m: Int, n: Int, a: inout [Double], b: inout [Double], nrhs: Int, rcond: Double
    ) throws(LinearAlgebraError) -> (rank: Int, singularValues: [Double]) {
        var mm = try int32(m, "rows"), nn = try int32(n, "columns")
        var nr = try int32(nrhs, "right-hand sides")
        var lda = max(mm, 1), ldb = max(mm, nn, 1)
        var s = [Double](repeating: 0, count: max(min(m, n), 1))
        var rc = rcond
        var rank: Int32 = 0
        var info: Int32 = 0
        var query = 0.0
        var lwork: Int32 = -1
        var iquery: Int32 = 0
        dgelsd_(&mm, &nn, &nr, &a, &lda, &b, &ldb, &s, &rc, &rank, &query, &lwork, &iquery, &info)
        try check(info, "dgelsd") { _ in .notConverged(routine: "dgelsd") }
        lwork = Int32(max(query, 1))
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: max(Int(iquery), 1))
        dgelsd_(&mm, &nn, &nr, &a, &lda, &b, &ldb, &s, &rc, &rank, &work, &lwork, &iwork, &info)
        try check(info, "dgelsd") { _ in .notConverged(routine: "dgelsd") }
        return (Int(rank), Array(s.prefix(min(m, n))))
    }

    /// `dpotrf`: upper Cholesky factor of the leading n × n of `a`, in place.
    static func dpotrf(n: Int, a: inout [Double]) throws(LinearAlgebraError) {
        var uplo = CChar(UInt8(ascii: "U"))
        var nn = try int32(n, "order"), lda = max(nn, 1)
        var info: Int32 = 0
        dpotrf_(&uplo, &nn, &a, &lda, &info, 1)
        try check(info, "dpotrf") { .singular(routine: "dpotrf", index: $0) }
    }

    /// `dpotrs`: solves A X = B given the upper Cholesky factor of A.
    static func dpotrs(n: Int, factor: [Double], b: inout [Double], nrhs: Int) throws(LinearAlgebraError) {
        var uplo = CChar(UInt8(ascii: "U"))
        var nn = try int32(n, "order"), nr = try int32(nrhs, "right-hand sides")
        var lda = max(nn, 1), ldb = max(nn, 1)
        var info: Int32 = 0
        var f = factor
        dpotrs_(&uplo, &nn, &nr, &f, &lda, &b, &ldb, &info, 1)
        try check(info, "dpotrs") { .singular(routine: "dpotrs", index: $0) }
    }
}
