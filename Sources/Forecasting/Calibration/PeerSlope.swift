import Foundation

/// The median of peers' slopes (``PeerMotion``): what a series of one point borrows as its slope.
public enum PeerSlope {
    /// The median of the peers' slopes (nil when there are none).
    public static func median(_ slopes: [Double]) -> Double? {
        guard !slopes.isEmpty else { return nil }
        let s = slopes.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// Where a value stands among the same indicator's other entities: what places a count (which has no
/// bounds to measure its level against) in a level bin of the ``CalibrationTable``.
///
/// The level is the value as a fraction of the frontier, the highest latest value among the peers
/// (1 = level with the leader; above 1 = ahead of every peer). A count's future moves depend on it:
/// a series far behind the leaders can still multiply, one near them rarely does. (A percentile
/// among the peers, used before, put early leaders of a still-tiny indicator beside mature leaders of
/// a saturated one, and the ranges of both took the tails of the first: 95 % interval score 49–109 %
/// of the range in the back-test, against 25–28 % with the frontier fraction.)
public enum PeerLevel {
    /// The fewest peers a level is read from.
    public static let minimumPeers = 5

    /// The latest value of `series` at or before `t` (nil when it has none by then).
    public static func latest(of series: Series, upTo t: Double) -> Double? {
        guard let end = series.times.lastIndex(where: { $0 <= t + 1e-9 }) else { return nil }
        return series.values[end]
    }

    /// `y` as a fraction of the largest of `sorted` (ascending) values: ≥ 0, infinite when every peer
    /// is 0 and y is not; nil with fewer than ``minimumPeers`` values. `excludingOne` removes one
    /// value equal to `y` first (the series itself, when `sorted` includes it).
    public static func fraction(_ y: Double, among sorted: [Double], excludingOne: Bool = false) -> Double? {
        var peers = sorted.count
        var top = sorted.last
        if excludingOne, sorted.contains(y) {
            peers -= 1
            // Without the series itself, the frontier is the next value when the series led.
            if sorted.last == y { top = peers > 0 ? sorted[peers - 1] : nil }
        }
        guard peers >= minimumPeers, let top else { return nil }
        let v = max(y, 0)
        if top <= 0 { return v > 0 ? .infinity : 0 }
        return v / top
    }

    /// The fraction of `y` of the frontier of `others`' latest values up to `t` (``fraction(_:among:excludingOne:)``).
    public static func of(_ y: Double, among others: [Series], upTo t: Double) -> Double? {
        fraction(y, among: others.compactMap { latest(of: $0, upTo: t) }.sorted())
    }
}
