import Foundation

/// The χ² distribution with `degreesOfFreedom` k (any real k > 0).
///
/// Domain: k > 0, else NaN; x < 0 has cdf 0. Method: `cdf = P(k/2, x/2)`, `sf = Q(k/2, x/2)`
/// (regularised incomplete gamma, each tail computed directly); quantiles by safeguarded Newton
/// iteration on the log of the smaller tail. Measured: relative error ≤ 1e-12 against mpmath
/// on the fixture grid k ∈ [0.5, 1000], x ≤ 1500, p ≥ 1e-300.
public struct ChiSquared: ContinuousDistribution {
    /// The degrees of freedom k.
    public let degreesOfFreedom: Double

    /// A χ² distribution with k degrees of freedom.
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    private var valid: Bool { degreesOfFreedom > 0 && degreesOfFreedom.isFinite }

    /// The density.
    public func pdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return x == 0 && degreesOfFreedom == 2 ? 0.5 : (x == 0 && degreesOfFreedom < 2 ? .infinity : 0) }
        return Special.gammaPrefactor(0.5 * degreesOfFreedom, 0.5 * x) / x
    }

    /// `P(X ≤ x)`.
    public func cdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        return x <= 0 ? 0 : IncompleteGamma.regularized(0.5 * degreesOfFreedom, 0.5 * x).p
    }

    /// `P(X > x)`.
    public func sf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        return x <= 0 ? 1 : IncompleteGamma.regularized(0.5 * degreesOfFreedom, 0.5 * x).q
    }

    /// The p-quantile.
    public func quantile(_ p: Double) -> Double {
        guard valid, !p.isNaN, p >= 0, p <= 1 else { return .nan }
        return 2 * IncompleteGamma.inverse(0.5 * degreesOfFreedom, p: p, q: 1 - p)
    }

    /// The x with `sf(x) = p`.
    public func inverseSurvival(_ p: Double) -> Double {
        guard valid, !p.isNaN, p >= 0, p <= 1 else { return .nan }
        return 2 * IncompleteGamma.inverse(0.5 * degreesOfFreedom, p: 1 - p, q: p)
    }
}
