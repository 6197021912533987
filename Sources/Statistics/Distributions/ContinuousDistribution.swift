/// A univariate continuous distribution with the functions Chiso needs.
///
/// Conventions (as in R and scipy): `cdf(x) = P(X ≤ x)`, `sf(x) = P(X > x)` computed directly
/// (not as `1 − cdf`, which loses the upper tail), `quantile(p)` the inverse of `cdf`,
/// `inverseSurvival(p)` the inverse of `sf`. Invalid parameters or NaN inputs give NaN;
/// `quantile(0)` and `quantile(1)` are the ends of the support.
public protocol ContinuousDistribution: Sendable {
    /// The probability density at `x`.
    func pdf(_ x: Double) -> Double
    /// `P(X ≤ x)`.
    func cdf(_ x: Double) -> Double
    /// `P(X > x)`, accurate in the upper tail.
    func sf(_ x: Double) -> Double
    /// The x with `cdf(x) = p`, for p in [0, 1].
    func quantile(_ p: Double) -> Double
    /// The x with `sf(x) = p`, for p in [0, 1]: accurate for tiny upper-tail probabilities.
    func inverseSurvival(_ p: Double) -> Double
}
