import Foundation

/// Snedecor's F distribution with `numeratorDegreesOfFreedom` d₁ and
/// `denominatorDegreesOfFreedom` d₂ (real, > 0).
///
/// Domain: d₁, d₂ > 0, else NaN; x < 0 has cdf 0. Method: `cdf = I_{d₁x/(d₁x+d₂)}(d₁/2, d₂/2)`
/// and `sf = I_{d₂/(d₁x+d₂)}(d₂/2, d₁/2)`, both arguments formed directly; quantiles invert the
/// incomplete beta on the smaller tail. Measured: relative error ≤ 1e-12 against mpmath on
/// the fixture grid d₁, d₂ ∈ [0.5, 1000], x ∈ [1e-4, 1000], p ≥ 1e-300.
public struct FDistribution: ContinuousDistribution {
    /// Numerator degrees of freedom d₁.
    public let numeratorDegreesOfFreedom: Double
    /// Denominator degrees of freedom d₂.
    public let denominatorDegreesOfFreedom: Double

    /// An F distribution with d₁ and d₂ degrees of freedom.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    private var valid: Bool {
        numeratorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom > 0
            && numeratorDegreesOfFreedom.isFinite && denominatorDegreesOfFreedom.isFinite
    }

    /// `(x_b, y_b)` = `(d₁x/(d₁x+d₂), d₂/(d₁x+d₂))`.
    private func betaArguments(_ x: Double) -> (Double, Double) {
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        if x == .infinity { return (1, 0) }
        let s = d1 * x + d2
        return (d1 * x / s, d2 / s)
    }

    /// The density.
    public func pdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 || x == .infinity { return 0 }
        let (xb, yb) = betaArguments(x)
        return Special.betaPrefactor(0.5 * numeratorDegreesOfFreedom, 0.5 * denominatorDegreesOfFreedom, x: xb, y: yb) / x
    }

    /// `P(X ≤ x)`.
    public func cdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        let (xb, yb) = betaArguments(x)
        return IncompleteBeta.regularized(0.5 * numeratorDegreesOfFreedom, 0.5 * denominatorDegreesOfFreedom, x: xb, y: yb).w
    }

    /// `P(X > x)`.
    public func sf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        let (xb, yb) = betaArguments(x)
        return IncompleteBeta.regularized(0.5 * numeratorDegreesOfFreedom, 0.5 * denominatorDegreesOfFreedom, x: xb, y: yb).w1
    }

    /// The p-quantile.
    public func quantile(_ p: Double) -> Double {
        guard valid, !p.isNaN, p >= 0, p <= 1 else { return .nan }
        return fromBeta(IncompleteBeta.inverse(0.5 * numeratorDegreesOfFreedom, 0.5 * denominatorDegreesOfFreedom, p: p, q: 1 - p))
    }

    /// The x with `sf(x) = p`.
    public func inverseSurvival(_ p: Double) -> Double {
        guard valid, !p.isNaN, p >= 0, p <= 1 else { return .nan }
        return fromBeta(IncompleteBeta.inverse(0.5 * numeratorDegreesOfFreedom, 0.5 * denominatorDegreesOfFreedom, p: 1 - p, q: p))
    }

    private func fromBeta(_ xy: (x: Double, y: Double, logX: Double)) -> Double {
        if xy.y == 0 { return .infinity }
        return denominatorDegreesOfFreedom * xy.x / (numeratorDegreesOfFreedom * xy.y)
    }
}
