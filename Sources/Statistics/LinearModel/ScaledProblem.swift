import LinearAlgebra

/// The least-squares problem as factored: weighted, centred (with an intercept) and scaled
/// columns, and the map back to the original parameters.
///
/// Column 0 is the intercept (√wᵢ, scaled) when there is one; column j ≥ 1 is predictor j − 1,
/// centred on its weighted mean, multiplied by √wᵢ and scaled to unit Euclidean norm. Centring
/// changes only the intercept (`β₀ = β₀′ − Σ mⱼ βⱼ`); scaling changes each coefficient by its
/// column's norm. Both make pivoted QR's rank decisions and accuracy independent of units.
struct ScaledProblem {
    let intercept: Bool
    let sqrtWeights: [Double]
    /// Weighted means of the predictors (zeros without intercept).
    let means: [Double]
    /// The transformed columns (k = p + intercept of them).
    let columns: [[Double]]
    /// The norm each column was divided by.
    let scales: [Double]
    /// √w · y.
    let rhs: [Double]
    /// The weighted design before centring and scaling, `[√w, √w·X]`: residuals are computed on it.
    let original: Matrix
    let totalSumOfSquares: Double

    struct Solution {
        var coefficients: [Double]
        var aliased: [Bool]
        var rank: Int
        var residuals: [Double]
        var weightedRSS: Double
        var unscaledCovariance: Matrix
        var hatValues: [Double]
        var reciprocalCondition: Double
    }

    init(design: Matrix, response: [Double], intercept: Bool, weights: [Double]) throws(StatisticsError) {
        let n = design.rows, p = design.columns
        self.intercept = intercept
        let sw = weights.map { $0.squareRoot() }
        sqrtWeights = sw
        let wsum = DoubleDouble.sum(weights)
        var means = [Double](repeating: 0, count: p)
        var columns: [[Double]] = []
        var originalColumns: [[Double]] = intercept ? [sw] : []
        for j in 0..<p { originalColumns.append((0..<n).map { sw[$0] * design[$0, j] }) }
        do { original = try Matrix(columns: originalColumns) } catch { throw .linearAlgebra(error) }
        if intercept {
            columns.append(sw)
            for j in 0..<p {
                means[j] = DoubleDouble.dot(weights, design.column(j)) / wsum
            }
        }
        for j in 0..<p {
            let m = means[j]
            columns.append((0..<n).map { sw[$0] * (design[$0, j] - m) })
        }
        var scales = [Double](repeating: 1, count: columns.count)
        for j in columns.indices {
            let norm = DoubleDouble.dot(columns[j], columns[j]).squareRoot()
            guard norm.isFinite else { throw .nonFinite(what: .sumOfSquares, row: 0) }
            if norm > 0 {
                scales[j] = norm
                columns[j] = columns[j].map { $0 / norm }
            }
        }
        self.means = means
        self.columns = columns
        self.scales = scales
        rhs = (0..<n).map { sw[$0] * response[$0] }
        if intercept {
            let ybar = DoubleDouble.dot(weights, response) / wsum
            let centred = (0..<n).map { sw[$0] * (response[$0] - ybar) }
            totalSumOfSquares = DoubleDouble.dot(centred, centred)
        } else {
            totalSumOfSquares = DoubleDouble.dot(rhs, rhs)
        }
    }

    /// The columns that are not aliased, chosen in order (as R's `lm`): a column is kept when
    /// it is not a combination of the kept ones to within the tolerance.
    private func activeColumns(rankTolerance: Double) throws(StatisticsError) -> [Int] {
        let k = columns.count
        let full = try factor(Array(0..<k), rankTolerance)
        if full.rank == k { return Array(0..<k) }
        var active: [Int] = []
        for j in 0..<k {
            let candidate = active + [j]
            if try factor(candidate, rankTolerance).rank == candidate.count { active = candidate }
        }
        return active
    }

    private func factor(_ indices: [Int], _ tolerance: Double) throws(StatisticsError) -> PivotedQR {
        do {
            let a = try Matrix(columns: indices.map { columns[$0] })
            return try PivotedQR(a, rankTolerance: tolerance)
        } catch {
            throw .linearAlgebra(error)
        }
    }

    func solve(rankTolerance: Double) throws(StatisticsError) -> Solution {
        let k = columns.count, n = rhs.count
        let active = try activeColumns(rankTolerance: rankTolerance)
        let qr = try factor(active, rankTolerance)
        let r = qr.rank
        let solution: [Double], scaledResidual: [Double], rInverse: Matrix, q1: Matrix, rcond: Double
        do {
            (solution, scaledResidual) = try qr.solve(
                rhs, original: original,
                forward: { c in toOriginal(c, active: active) },
                adjoint: { g in fromOriginal(g, active: active) })
            rInverse = try qr.rInverse()
            q1 = try qr.thinQ()
            rcond = try qr.reciprocalCondition()
        } catch {
            throw .linearAlgebra(error)
        }
        var beta = solution
        for j in 0..<k where !active.contains(j) { beta[j] = .nan }
        // Covariance (XᵀWX)⁻¹ on the centred parameters: P R⁻¹ R⁻ᵀ Pᵀ, unscaled.
        var cov = Matrix(rows: k, columns: k, repeating: .nan)
        for a in 0..<r {
            for b in 0..<r {
                var s = 0.0
                for l in max(a, b)..<r { s += rInverse[a, l] * rInverse[b, l] }
                let ja = active[qr.permutation[a]], jb = active[qr.permutation[b]]
                cov[ja, jb] = s / (scales[ja] * scales[jb])
            }
        }
        if intercept { uncentre(&cov, active: active) }
        var residuals = [Double](repeating: 0, count: n)
        for i in 0..<n { residuals[i] = scaledResidual[i] / sqrtWeights[i] }
        var hat = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for c in 0..<r { s += q1[i, c] * q1[i, c] }
            hat[i] = s
        }
        let aliased = (0..<k).map { !active.contains($0) }
        return Solution(
            coefficients: beta, aliased: aliased, rank: r, residuals: residuals,
            weightedRSS: DoubleDouble.dot(scaledResidual, scaledResidual),
            unscaledCovariance: cov, hatValues: hat, reciprocalCondition: rcond)
    }

    /// β = C D⁻¹ c: unscale the factored parameters (active columns), then β₀ = u₀ − Σ mⱼuⱼ.
    private func toOriginal(_ c: [Double], active: [Int]) -> [Double] {
        var u = [Double](repeating: 0, count: columns.count)
        for (a, j) in active.enumerated() { u[j] = c[a] / scales[j] }
        if intercept {
            var terms = [u[0]]
            for j in 1..<u.count where u[j] != 0 { terms.append(-means[j - 1] * u[j]) }
            u[0] = DoubleDouble.sum(terms)
        }
        return u
    }

    /// (C D⁻¹)ᵀ g = D⁻¹ Cᵀ g, restricted to the active columns.
    private func fromOriginal(_ g: [Double], active: [Int]) -> [Double] {
        active.map { j in
            let v = intercept && j > 0 ? g[j] - means[j - 1] * g[0] : g[j]
            return v / scales[j]
        }
    }

    /// Maps the covariance of the centred parameters back: Cov(β₀, βⱼ) = C′₀ⱼ − Σₗ mₗC′ₗⱼ,
    /// Var(β₀) = C′₀₀ − 2Σ mⱼC′₀ⱼ + Σⱼₗ mⱼmₗC′ⱼₗ.
    private func uncentre(_ cov: inout Matrix, active: [Int]) {
        let slopes = active.filter { $0 > 0 }
        var c0 = [Double](repeating: 0, count: cov.columns)
        for j in slopes {
            var s = cov[0, j]
            for l in slopes { s -= means[l - 1] * cov[l, j] }
            c0[j] = s
        }
        var v = cov[0, 0]
        for j in slopes {
            v -= 2 * means[j - 1] * cov[0, j]
            for l in slopes { v += means[j - 1] * means[l - 1] * cov[j, l] }
        }
        for j in slopes {
            cov[0, j] = c0[j]
            cov[j, 0] = c0[j]
        }
        cov[0, 0] = v
    }
}
