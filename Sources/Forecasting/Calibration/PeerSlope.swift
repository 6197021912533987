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
