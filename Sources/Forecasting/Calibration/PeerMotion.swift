import Foundation

/// How the same indicator moved in the entities of a panel up to a time: what a forecast borrows
/// from its peers (the districts of a province, the provinces, the countries of a corpus). The unit
/// and persistence describe the indicator, so they are read over every entity, the forecast one
/// included; the median slope is borrowed only by a series of one point, which adds nothing to it.
///
/// Everything is on the indicator's natural scale (``CalibratedTrend/naturalScale(_:family:lower:upper:)``)
/// and uses only the peers' points at or before the time, so a back-test never sees the future:
/// - ``slope``: the median of the peers' least-squares slopes over their last ≤ 6 points (what a
///   series of one point borrows as its trend);
/// - ``level``: the series' last value as a fraction of the peers' frontier (``PeerLevel``; counts);
/// - ``unit``: the mean over peers of their mean absolute change per year over their last ≤ 6 points:
///   how fast this indicator moves. The calibrated forecast measures slopes and errors in this unit,
///   so that what was learned on slow indicators (the HDI) carries over to fast ones (a DTI score);
/// - ``persistence``: Σ b·d / Σ b² over peers with ≥ 3 points, where b is a peer's slope before its
///   last point and d its last step per year: how much of their earlier pace the peers kept (1: all of
///   it, 0: none, < 0: they turned back);
/// - ``noise``: the mean over the same peers of |d − b|: how far their latest step strayed from their
///   earlier pace. Errors are measured in a unit that weighs it with ``unit`` (``CalibratedTrend``), so
///   that a policy-driven indicator whose steps jump is given the ranges it needs even where it moves
///   no faster than a smooth one.
public struct PeerMotion: Sendable, Equatable {
    /// The median slope of the peers (nil with none of ≥ 2 points).
    public var slope: Double?
    /// The last value as a fraction of the peers' frontier (nil with fewer than ``PeerLevel/minimumPeers``).
    public var level: Double?
    /// The peers' mean absolute change per year (nil with fewer than ``minimumPeers`` peers of ≥ 2 points).
    public var unit: Double?
    /// How much of their pace the peers kept (nil with fewer than ``minimumPairs`` peers of ≥ 3 points).
    public var persistence: Double?
    /// The peers' mean |last step − earlier pace| (nil with fewer than ``minimumPairs`` peers of ≥ 3 points).
    public var noise: Double?
    /// Peers with ≥ 3 points behind ``persistence``.
    public var pairs: Int
    /// Peers with ≥ 2 points behind ``unit``.
    public var peers: Int

    /// The fewest peers a unit is read from.
    public static let minimumPeers = 2
    /// The fewest peers a persistence is read from.
    public static let minimumPairs = 3

    /// Nothing borrowed.
    public static let none = PeerMotion(slope: nil, level: nil, unit: nil, persistence: nil, pairs: 0, peers: 0)

    /// Motion from explicit values.
    public init(slope: Double? = nil, level: Double? = nil, unit: Double? = nil, persistence: Double? = nil, noise: Double? = nil,
                pairs: Int = 0, peers: Int = 0) {
        self.slope = slope
        self.level = level
        self.unit = unit
        self.persistence = persistence
        self.noise = noise
        self.pairs = pairs
        self.peers = peers
    }

    /// One peer's contribution at a time.
    public struct Contribution: Sendable, Equatable {
        /// Slope over the last ≤ 6 points.
        public var slope: Double
        /// Mean absolute change per year over the last ≤ 6 points.
        public var meanChange: Double
        /// The slope before the last point and the last step per year (nil with fewer than 3 points).
        public var pace: (before: Double, step: Double)?

        public static func == (a: Contribution, b: Contribution) -> Bool {
            a.slope == b.slope && a.meanChange == b.meanChange && a.pace?.before == b.pace?.before && a.pace?.step == b.pace?.step
        }

        /// What `series` contributes using its points at or before `t` (nil with fewer than 2).
        public init?(_ series: Series, upTo t: Double) {
            guard let end = series.times.lastIndex(where: { $0 <= t + 1e-9 }), end >= 1 else { return nil }
            let start = max(0, end - CalibrationTable.maxN + 1)
            let window = Array(series.values[start...end]), times = Array(series.times[start...end])
            // The slope and mean change as the forecast itself measures a window (one computation).
            guard let f = times.withUnsafeBufferPointer({ t in
                window.withUnsafeBufferPointer {
                    CalibratedTrend.Features(times: t, values: $0, kind: series.kind, lower: series.lower, upper: series.upper)
                }
            }) else { return nil }
            let z = window.map(f.scale.forward)
            guard z.allSatisfy(\.isFinite), f.slope.isFinite else { return nil }
            let m = z.count
            slope = f.slope
            meanChange = f.ownChange
            // The pace before the last point, on the same scale as the last step.
            pace = m >= 3 ? (Self.slope(Array(times.dropLast()), Array(z.dropLast())),
                             (z[m - 1] - z[m - 2]) / max(times[m - 1] - times[m - 2], 1e-9)) : nil
        }

        static func slope(_ t: [Double], _ z: [Double]) -> Double {
            let n = Double(t.count), tBar = t.reduce(0, +) / n, zBar = z.reduce(0, +) / n
            var sxx = 0.0, sxz = 0.0
            for k in t.indices {
                sxx += (t[k] - tBar) * (t[k] - tBar)
                sxz += (t[k] - tBar) * (z[k] - zBar)
            }
            return sxx > 0 ? sxz / sxx : 0
        }
    }

    /// Running sums of contributions.
    public struct Sums: Sendable {
        var change = 0.0, changes = 0, paceProduct = 0.0, paceSquare = 0.0, surprise = 0.0, pairs = 0
        var slopes: [Double] = []

        /// Empty sums.
        public init() {}

        /// Adds a contribution.
        public mutating func add(_ c: Contribution) {
            change += c.meanChange
            changes += 1
            slopes.append(c.slope)
            if let p = c.pace {
                paceProduct += p.before * p.step
                paceSquare += p.before * p.before
                surprise += abs(p.step - p.before)
                pairs += 1
            }
        }

        /// The motion these sums hold, with `level` (the last value's place against the frontier).
        public func motion(level: Double? = nil) -> PeerMotion {
            let unit = changes >= PeerMotion.minimumPeers ? max(change / Double(changes), 0) : nil
            let persistence = pairs >= PeerMotion.minimumPairs && paceSquare > 1e-12 ? paceProduct / paceSquare : nil
            let noise = pairs >= PeerMotion.minimumPairs ? surprise / Double(pairs) : nil
            return PeerMotion(slope: PeerSlope.median(slopes), level: level, unit: unit, persistence: persistence, noise: noise,
                              pairs: persistence == nil ? 0 : pairs, peers: unit == nil ? 0 : changes)
        }
    }

    /// The motion of `series` up to `t` (the forecast series among them), with `value` placed against
    /// the frontier of the others (the series whose last value is `value` is left out of the frontier).
    public static func of(_ series: [Series], upTo t: Double, value: Double? = nil) -> PeerMotion {
        var sums = Sums()
        for s in series { if let c = Contribution(s, upTo: t) { sums.add(c) } }
        let level = value.flatMap { v in
            PeerLevel.fraction(v, among: series.compactMap { PeerLevel.latest(of: $0, upTo: t) }.sorted(), excludingOne: true)
        }
        return sums.motion(level: level)
    }
}
