import Foundation

/// Building blocks shared by the gamma- and beta-based distributions.
///
/// Goals, in order: relative accuracy of ~1e-14 in the *prefactors* `xᵃe⁻ˣ/Γ(a)` and
/// `xᵃyᵇ/B(a,b)` for large parameters (where `exp(a·log x − lgamma(a))` loses digits to
/// cancellation), then simplicity. Large-parameter forms follow DiDonato and Morris,
/// "Algorithm 708: significant digit computation of the incomplete beta function ratios",
/// ACM TOMS 18 (1992) 360–373, doi:10.1145/131766.131776 (`brcomp`, `rlog1`, `bcorr`).
enum Special {
    /// ln(2π)/2.
    static let halfLogTwoPi = 0.918_938_533_204_672_741_78

    /// `log(1 + x) − x`, accurate also for small |x| (where both terms nearly cancel).
    static func log1pmx(_ x: Double) -> Double {
        guard abs(x) < 0.5 else { return log1p(x) - x }
        // log1p(x) = 2 atanh(r), r = x / (2 + x); and x − 2r = r·x.
        let r = x / (2 + x)
        let r2 = r * r
        var term = r * r2
        var sum = 0.0
        var k = 3.0
        while true {
            let next = term / k
            sum += next
            if abs(next) <= 1e-17 * abs(sum) { break }
            term *= r2
            k += 2
        }
        return -r * x + 2 * sum
    }

    /// Stirling's remainder `δ(x) = lnΓ(x) − [(x − ½) ln x − x + ½ ln 2π]`, for x > 0.
    static func stirlingRemainder(_ x: Double) -> Double {
        if x < 10 {
            return lgamma(x) - ((x - 0.5) * log(x) - x + halfLogTwoPi)
        }
        let t = 1 / (x * x)
        // Bernoulli series: 1/12x − 1/360x³ + 1/1260x⁵ − 1/1680x⁷ + 1/1188x⁹ − 691/360360x¹¹ + 1/156x¹³
        let series = 1.0 / 12 - t * (1.0 / 360 - t * (1.0 / 1260 - t * (1.0 / 1680
            - t * (1.0 / 1188 - t * (691.0 / 360_360 - t / 156)))))
        return series / x
    }

    /// `lnΓ(a) − lnΓ(a + b)` for a, b > 0, without the cancellation of two large logs.
    static func logGammaRatio(_ a: Double, _ b: Double) -> Double {
        guard a >= 10 else { return lgamma(a) - lgamma(a + b) }
        let s = a + b
        return -(a - 0.5) * log1p(b / a) - b * log(s) + b
            + stirlingRemainder(a) - stirlingRemainder(s)
    }

    /// `ln B(a, b)` for a, b > 0.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let small = min(a, b), large = max(a, b)
        if large < 10 { return lgamma(small) + lgamma(large) - lgamma(small + large) }
        if small >= 10 {
            // Both large: Stirling for all three, grouped to avoid cancellation.
            let s = a + b
            return halfLogTwoPi - 0.5 * log(large) + (small - 0.5) * log(small / s)
                + large * log1p(-small / s)
                + stirlingRemainder(small) + stirlingRemainder(large) - stirlingRemainder(s)
        }
        return lgamma(small) + logGammaRatio(large, small)
    }

    /// `xᵃ e⁻ˣ / Γ(a)` for a > 0, x ≥ 0.
    static func gammaPrefactor(_ a: Double, _ x: Double) -> Double {
        if x == 0 { return 0 }
        if a < 10 { return exp(a * log(x) - x - lgamma(a)) }
        // Γ(a) = √(2π) a^(a−½) e^(−a) e^(δ(a)):  xᵃe⁻ˣ/Γ(a) = √(a/2π) · exp(a·[log1p(e) − e] − δ(a)), e = (x − a)/a.
        // For |e| ≥ ½ there is no cancellation to avoid, and x/a keeps digits that 1 + e would lose.
        let e = (x - a) / a
        let exponent = abs(e) < 0.5 ? a * log1pmx(e) : a * log(x / a) + (a - x)
        return (a / (2 * Double.pi)).squareRoot() * exp(exponent - stirlingRemainder(a))
    }

    /// `xᵃ yᵇ / B(a, b)` for a, b > 0, with `y = 1 − x` given separately (both accurate).
    static func betaPrefactor(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        if x == 0 || y == 0 { return 0 }
        if min(a, b) >= 8 {
            // TOMS 708 `brcomp` for large a and b.
            let h: Double, x0: Double, y0: Double, lambda: Double
            if a > b {
                h = b / a; x0 = 1 / (1 + h); y0 = h / (1 + h); lambda = (a + b) * y - b
            } else {
                h = a / b; x0 = h / (1 + h); y0 = 1 / (1 + h); lambda = a - (a + b) * x
            }
            var e = -lambda / a
            let u = abs(e) > 0.6 ? e - log(x / x0) : -log1pmx(e)
            e = lambda / b
            let v = abs(e) > 0.6 ? e - log(y / y0) : -log1pmx(e)
            let z = exp(-(a * u + b * v))
            let correction = stirlingRemainder(a) + stirlingRemainder(b) - stirlingRemainder(a + b)
            return (b * x0).squareRoot() / (2 * Double.pi).squareRoot() * z * exp(-correction)
        }
        let logX = x < 0.5 ? log(x) : log1p(-y)
        let logY = y < 0.5 ? log(y) : log1p(-x)
        return exp(a * logX + b * logY - logBeta(a, b))
    }
}
