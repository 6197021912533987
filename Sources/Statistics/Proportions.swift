import Foundation

/// Intervals and comparisons for proportions from counts.
public enum Proportions {
    /// Wilson's score interval for `successes` out of `trials` at `level` (0–1): stays inside [0, 1]
    /// and behaves at 0 and n (Wilson, JASA 22 (1927) 209–212, doi:10.1080/01621459.1927.10502953).
    /// Returns nil for `trials` ≤ 0.
    public static func wilson(successes: Double, trials: Double, level: Double = 0.95) -> (lower: Double, upper: Double)? {
        guard trials > 0, successes >= 0, successes <= trials, level > 0, level < 1 else { return nil }
        let z = Normal.standardQuantile(p: 0.5 - level / 2, q: 0.5 + level / 2, lowerIsTarget: true).magnitude
        let p = successes / trials, z2 = z * z
        let centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
        let half = z * (p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot() / (1 + z2 / trials)
        // At 0 and n the bound is exactly 0 or 1 (the two terms cancel in exact arithmetic).
        return (successes == 0 ? 0 : max(0, centre - half), successes == trials ? 1 : min(1, centre + half))
    }

    /// Newcombe's hybrid score interval for the difference p₂ − p₁ (method 10 of Newcombe, Stat. Med.
    /// 17 (1998) 873–890), built from the two Wilson intervals. A difference is distinguishable from
    /// noise at `level` when the interval excludes 0. Returns nil when either count has no trials.
    public static func newcombeDifference(
        successes1: Double, trials1: Double, successes2: Double, trials2: Double, level: Double = 0.95
    ) -> (difference: Double, lower: Double, upper: Double)? {
        guard let w1 = wilson(successes: successes1, trials: trials1, level: level),
              let w2 = wilson(successes: successes2, trials: trials2, level: level) else { return nil }
        let p1 = successes1 / trials1, p2 = successes2 / trials2
        let d = p2 - p1
        let lower = d - ((p2 - w2.lower) * (p2 - w2.lower) + (w1.upper - p1) * (w1.upper - p1)).squareRoot()
        let upper = d + ((w2.upper - p2) * (w2.upper - p2) + (p1 - w1.lower) * (p1 - w1.lower)).squareRoot()
        return (d, lower, upper)
    }
}
