import Foundation

/// How the same indicator is moving in other entities: what a series of one point borrows as its
/// slope (on the natural scale), using only their points up to that point's time.
public enum PeerSlope {
    /// The natural-scale slope of `series` over its last ≤ 6 points at or before `t` (nil with fewer than 2).
    public static func slope(of series: Series, upTo t: Double) -> Double? {
        guard let end = series.times.lastIndex(where: { $0 <= t + 1e-9 }), end >= 1 else { return nil }
        let start = max(0, end - CalibrationTable.maxN + 1)
        let t = Array(series.times[start...end]), y = Array(series.values[start...end])
        guard let f = t.withUnsafeBufferPointer({ tb in
            y.withUnsafeBufferPointer { CalibratedTrend.Features(times: tb, values: $0, kind: series.kind, lower: series.lower, upper: series.upper) }
        }) else { return nil }
        return f.slope.isFinite ? f.slope : nil
    }

    /// The median of the peers' slopes (nil when there are none).
    public static func median(_ slopes: [Double]) -> Double? {
        guard !slopes.isEmpty else { return nil }
        let s = slopes.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// The median slope of `others` up to `t`.
    public static func of(_ others: [Series], upTo t: Double) -> Double? {
        median(others.compactMap { slope(of: $0, upTo: t) })
    }
}

/// Where a value stands among the same indicator's other entities: what places a count (which has no
/// bounds to measure its level against) in a level bin of the ``CalibrationTable``.
public enum PeerLevel {
    /// The fewest peers a level is read from.
    public static let minimumPeers = 5

    /// The latest value of `series` at or before `t` (nil when it has none by then).
    public static func latest(of series: Series, upTo t: Double) -> Double? {
        guard let end = series.times.lastIndex(where: { $0 <= t + 1e-9 }) else { return nil }
        return series.values[end]
    }

    /// The mid-rank of `y` among `sorted` values (fraction below it, plus half the fraction equal),
    /// in 0…1; nil with fewer than ``minimumPeers`` values. `excludingOne` removes one value equal to
    /// `y` first (the series itself, when `sorted` includes it).
    public static func percentile(_ y: Double, among sorted: [Double], excludingOne: Bool = false) -> Double? {
        var lo = 0, hi = sorted.count
        while lo < hi { let m = (lo + hi) / 2; if sorted[m] < y { lo = m + 1 } else { hi = m } }
        let below = lo
        hi = sorted.count
        var a = lo
        while a < hi { let m = (a + hi) / 2; if sorted[m] <= y { a = m + 1 } else { hi = m } }
        var equal = a - below, total = sorted.count
        if excludingOne, equal > 0 { equal -= 1; total -= 1 }
        guard total >= minimumPeers else { return nil }
        return (Double(below) + 0.5 * Double(equal)) / Double(total)
    }

    /// The percentile of `y` among the latest values of `others` up to `t`.
    public static func of(_ y: Double, among others: [Series], upTo t: Double) -> Double? {
        percentile(y, among: others.compactMap { latest(of: $0, upTo: t) }.sorted())
    }
}
