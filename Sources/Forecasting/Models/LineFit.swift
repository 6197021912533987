/// Weighted least squares of z on [1, t], in closed form on centred time.
///
/// With the time column centred on its weighted mean, the two columns of the design are
/// orthogonal, so the pivoted-QR solution is exactly `b = Σw(t − t̄)(z − z̄)/Σw(t − t̄)²` and
/// `a = z̄`: no normal equations of an ill-conditioned design are formed, and the fit costs O(n)
/// with no allocation (this is the hot path of batch forecasting). Agrees with ``LinearModel``
/// to rounding (tested against R's `lm`).
struct LineFit: Sendable, Equatable {
    var n: Int
    /// Σw.
    var weightSum: Double
    /// Weighted mean time.
    var tBar: Double
    /// Weighted mean of z (the fitted value at t̄).
    var zBar: Double
    /// Slope per year.
    var slope: Double
    /// Σw(t − t̄)².
    var sxx: Double
    /// Weighted residual sum of squares.
    var rss: Double

    var df: Int { n - 2 }
    /// σ̂² = RSS/(n − 2); NaN at df = 0.
    var sigma2: Double { df > 0 ? rss / Double(df) : .nan }

    init(t: UnsafeBufferPointer<Double>, z: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>? = nil) {
        let n = t.count
        var sw = 0.0, st = 0.0, sz = 0.0
        for i in 0..<n {
            let wi = w?[i] ?? 1
            sw += wi
            st += wi * t[i]
            sz += wi * z[i]
        }
        let tBar = st / sw, zBar = sz / sw
        var sxx = 0.0, sxz = 0.0
        for i in 0..<n {
            let wi = w?[i] ?? 1
            let dt = t[i] - tBar
            sxx += wi * dt * dt
            sxz += wi * dt * (z[i] - zBar)
        }
        let slope = sxz / sxx
        var rss = 0.0
        for i in 0..<n {
            let wi = w?[i] ?? 1
            let r = z[i] - zBar - slope * (t[i] - tBar)
            rss += wi * r * r
        }
        self.n = n
        self.weightSum = sw
        self.tBar = tBar
        self.zBar = zBar
        self.slope = slope
        self.sxx = sxx
        self.rss = rss
    }

    /// The fitted value at t.
    func fitted(_ t: Double) -> Double { zBar + slope * (t - tBar) }

    /// Leverage of a point at t with weight w: w(1/Σw + (t − t̄)²/Sxx).
    func leverage(_ t: Double, weight: Double = 1) -> Double {
        let dt = t - tBar
        return weight * (1 / weightSum + dt * dt / sxx)
    }

    /// Intercept (at t = 0) and slope with their standard errors, given σ².
    func coefficients(sigma2: Double) -> [Coefficient] {
        let intercept = zBar - slope * tBar
        let varIntercept = sigma2 * (1 / weightSum + tBar * tBar / sxx)
        return [
            Coefficient(name: "(Intercept)", estimate: intercept, standardError: varIntercept.squareRoot()),
            Coefficient(name: "t", estimate: slope, standardError: (sigma2 / sxx).squareRoot()),
        ]
    }
}

/// One estimated coefficient.
public struct Coefficient: Sendable, Equatable {
    /// Name as R reports it: `(Intercept)`, `t`, `drift`, `mean`.
    public var name: String
    /// Estimate.
    public var estimate: Double
    /// Standard error (NaN when there are no residual degrees of freedom).
    public var standardError: Double
}
