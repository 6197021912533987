import Foundation

/// Safeguarded Newton iteration for inverting monotone tail probabilities.
///
/// Solves `ln T(u) = ln target` for u, where `T` is a tail probability (lower or upper) as a
/// function of a log-scale variable `u = ln z`, and `dlnT(u)` its derivative. Working on the
/// log of the probability keeps tiny tails (1e-300) as well conditioned as central ones.
/// A bracket is grown geometrically from the first guess and kept, so a bad Newton step falls
/// back to bisection; iteration stops when the step is below 4 ulps of u or after 300 steps.
enum Inversion {
    /// - Parameters:
    ///   - target: the tail probability wanted, in (0, 1).
    ///   - guess: a starting value of u.
    ///   - increasing: whether T grows with u.
    ///   - upperLimit: the largest admissible u (e.g. 0 for u = ln x with x ≤ 1), or +∞.
    ///   - evaluate: returns `(T(u), dT/du)`.
    static func solveLog(
        target: Double, guess: Double, increasing: Bool, upperLimit: Double = .infinity,
        evaluate: (Double) -> (value: Double, derivative: Double)
    ) -> Double {
        let logTarget = log(target)
        // g(u) = ln T(u) − ln target, oriented to increase with u.
        func g(_ u: Double) -> (Double, Double) {
            let (t, dt) = evaluate(u)
            guard t > 0 else { return (increasing ? -.infinity : .infinity, .nan) }
            let value = log(t) - logTarget
            let slope = dt / t
            return increasing ? (value, slope) : (-value, -slope)
        }
        var u = min(guess, upperLimit)
        var (gu, slope) = g(u)
        if gu == 0 { return u }
        // Grow a bracket [lo, hi] with g(lo) < 0 < g(hi).
        var lo = u, hi = u
        var step = 1.0
        if gu < 0 {
            while true {
                lo = hi
                hi = min(hi + step, upperLimit)
                let (gh, _) = g(hi)
                if gh >= 0 || hi == upperLimit || step > 1e6 { break }
                step *= 2
            }
        } else {
            while true {
                hi = lo
                lo -= step
                let (gl, _) = g(lo)
                if gl <= 0 || step > 1e6 { break }
                step *= 2
            }
        }
        u = (lo + hi) / 2
        (gu, slope) = g(u)
        for _ in 0..<300 {
            if gu == 0 { return u }
            if gu < 0 { lo = u } else { hi = u }
            var next = u - gu / slope
            if !next.isFinite || next <= lo || next >= hi { next = (lo + hi) / 2 }
            let change = abs(next - u)
            u = next
            (gu, slope) = g(u)
            if change <= 4 * Double.ulpOfOne * max(abs(u), 1e-300) || hi - lo <= 4 * Double.ulpOfOne * abs(u) {
                break
            }
        }
        return u
    }
}

extension IncompleteBeta {
    /// The x (and y = 1 − x, and ln x) with `I_x(a, b) = p`, `1 − I_x(a, b) = q`, where `p + q = 1`
    /// and the smaller of the two is used as the target so that tiny tails keep their digits.
    /// `logX` stays finite where x itself underflows (x < 1e-308).
    static func inverse(_ a: Double, _ b: Double, p: Double, q: Double) -> (x: Double, y: Double, logX: Double) {
        if p <= 0 { return (0, 1, -.infinity) }
        if q <= 0 { return (1, 0, 0) }
        if p <= q {
            let u = solveSmallArgument(a, b, target: p)
            return (exp(u), -expm1(u), u)
        }
        let u = solveSmallArgument(b, a, target: q)
        return (-expm1(u), exp(u), log1p(-exp(u)))
    }

    /// Solves `I_{e^u}(a, b) = target` for u ≤ 0.
    private static func solveSmallArgument(_ a: Double, _ b: Double, target: Double) -> Double {
        // For small x, I_x(a,b) ≈ xᵃ / (a B(a,b)).
        let logLeading = -log(a) - Special.logBeta(a, b)
        let approx = (log(target) - logLeading) / a
        let guess = min(approx, log(a / (a + b)))
        return Inversion.solveLog(target: target, guess: guess, increasing: true, upperLimit: 0) { u in
            if u < -700 {
                // x = eᵘ < 1e-304: I_x = xᵃ/(a B)·(1 + O(x)), exactly to double precision.
                let w = exp(a * u + logLeading)
                return (w, a * w)
            }
            let x = exp(u), y = -expm1(u)
            let w = regularized(a, b, x: x, y: y).w
            // dI/du = x · x^(a−1) y^(b−1) / B(a, b) = prefactor / y.
            return (w, Special.betaPrefactor(a, b, x: x, y: y) / y)
        }
    }
}

extension IncompleteGamma {
    /// The x with `P(a, x) = p`, `Q(a, x) = q`, where `p + q = 1`; the smaller is the target.
    static func inverse(_ a: Double, p: Double, q: Double) -> Double {
        if p <= 0 { return 0 }
        if q <= 0 { return .infinity }
        let lower = p <= q
        let guess: Double
        if lower {
            // P(a, x) ≈ xᵃ / Γ(a + 1) for small x.
            guess = min((log(p) + lgamma(a + 1)) / a, log(max(a, 1e-300)))
        } else {
            guess = log(max(a, 1)) + max(0, log(-log(q)))
        }
        let u = Inversion.solveLog(target: lower ? p : q, guess: guess, increasing: lower) { u in
            let x = exp(u)
            let (pp, qq) = regularized(a, x)
            let density = Special.gammaPrefactor(a, x)
            return lower ? (pp, density) : (qq, -density)
        }
        return exp(u)
    }
}
