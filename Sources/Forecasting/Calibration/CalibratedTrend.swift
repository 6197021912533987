import Foundation
import Indicators

/// The default forecast of one series: a shrunk local trend on the indicator's natural scale with
/// ranges from how real series of the same family moved (``CalibrationTable``).
///
/// On the natural scale z (censored logit for bounded shares and scores, the place in the field for
/// ranks, log for counts), the base forecast h years after the last point is `z(last) + β · slope · h`,
/// where `slope` is the least-squares slope of the last ≤ 6 points (for one point, its peers' slope
/// or 0) and β comes from the table (by family, n, h, the peers' persistence and the slope bin).
///
/// Slopes and errors are measured in the series' **movement unit** u: how fast its own indicator
/// moves in its peers (``PeerMotion/unit``), or — without peers — in its own history, never below
/// the family's typical unit (a broad prior). The slope bin is that of slope / u, and the predictive
/// distribution at h is the base plus u × the table's quantiles of standardised errors for the
/// family, window size, level bin and slope bin, interpolated linearly between whole horizons (and
/// from 0 at h = 0); beyond the table's longest horizon the errors grow in proportion to h. So what
/// the table learned from slow indicators is scaled to a fast one, and a series much faster than its
/// peers (|slope| / u beyond three times the top slope edge learned) takes its own pace as its unit.
/// Point forecast, intervals, P(meet) and crossing year all come from this one distribution. The
/// batch path (``BatchForecaster/calibrated(_:at:levels:table:peers:threads:)``) uses this same type.
///
/// Accuracy is empirical: see the back-test figures in the README (coverage of the 80/95 % ranges
/// and Brier score of P(meet), cross-validated by country on the corpus).
public struct CalibratedTrend: Sendable {
    /// The family whose table rows are used.
    public var family: CalibrationTable.Family
    /// The natural scale.
    public var scale: Scale
    /// Points in the series.
    public var n: Int
    /// The table row (window size) used: min(n, 6), or the nearest the table has.
    public var tableN: Int
    /// Time of the last point.
    public var lastTime: Double
    /// The last value.
    public var lastValue: Double
    /// The last value on the natural scale.
    public var zLast: Double
    /// Least-squares slope per year on the natural scale of the last ≤ 6 points (0 for n = 1).
    public var slope: Double
    /// Level bin of the last value: for bounded families by its place in the range (0 … 5,
    /// ``CalibrationTable/levelEdges``); for counts by its fraction of the frontier of the same
    /// indicator's other entities (0 … 5, the table's learned edges; ``PeerLevel``); −1 ("any") for a
    /// count without peers.
    public var levelBin: Int
    /// Slope bin (0 … 9, deciles of |slope|; −1, "any", for one point without peers).
    public var slopeBin: Int
    /// The table.
    public let table: CalibrationTable
    /// Whether the slope is the peers' (one point of its own).
    public var usesPeerSlope = false
    /// The movement unit (natural scale per year) that slopes and errors are measured in.
    public var unit: Double
    /// The unit errors and ranges are measured in: the movement unit weighed with the peers' noise
    /// (``PeerMotion/noise``) as `unit^(1 − w) · noise^w`, w = ``noiseWeight``; the movement unit
    /// without peers' noise. For a rank among N, combined with the spread of a place,
    /// `√(e² + 1 / (12 N²))` (the standard deviation of a point spread evenly over 1/N): a rank that
    /// rarely moves has errors as wide as its place, one that moves many places a year its movement.
    public var errorUnit: Double
    /// Where the unit comes from.
    public var unitSource: UnitSource
    /// The persistence slot (0: unknown; ``CalibrationTable/persistenceSlot(_:pairs:)``).
    public var persistenceSlot: Int
    /// The window's fastest step per year on the natural scale (0 for one point).
    public var fastestStep: Double
    /// A count's last value as a fraction of its peers' frontier (nil without peers or for other families).
    public var countLevel: Double?

    /// Where a forecast's movement unit comes from.
    public enum UnitSource: String, Sendable, Equatable {
        /// The same indicator's other entities.
        case peers
        /// The series' own history, at least the family's typical unit (no peers).
        case ownHistory
        /// The family's typical unit (no peers, one point).
        case prior
        /// The series' own pace: it moves far faster than its peers.
        case fasterThanPeers
    }

    /// Prepares a series given as buffers (times strictly increasing, finite values inside the bounds).
    /// Returns nil when the table has nothing for the series' family.
    ///
    /// `peers` is how the same indicator moved in other entities up to this series' last point
    /// (``PeerMotion``): its median slope (used for a series of one point), the last value's place
    /// against their frontier (counts), their movement unit and persistence; ``PeerMotion/none`` without peers.
    public init?(times t: UnsafeBufferPointer<Double>, values y: UnsafeBufferPointer<Double>, kind: Indicator.Kind,
                 lower: Double?, upper: Double?, peers: PeerMotion = .none, table: CalibrationTable) {
        guard var f = Features(times: t, values: y, kind: kind, lower: lower, upper: upper, peers: peers) else { return nil }
        f.resolveUnit(table: table)
        var row = f.window
        if !table.covers(f.family, n: row) {
            guard let nearest = (1...CalibrationTable.maxN).filter({ table.covers(f.family, n: $0) })
                .min(by: { abs($0 - f.window) < abs($1 - f.window) || (abs($0 - f.window) == abs($1 - f.window) && $0 < $1) })
            else { return nil }
            row = nearest
        }
        family = f.family
        scale = f.scale
        n = t.count
        tableN = row
        lastTime = t[n - 1]
        lastValue = y[n - 1]
        zLast = f.zLast
        slope = row >= 2 || f.window == 1 ? f.slope : 0
        usesPeerSlope = f.window == 1 && peers.slope != nil
        levelBin = table.levelBin(f.family, level: f.level)
        // One point and no peers: no trend at all, and the errors of the naive forecast (slope bin "any").
        slopeBin = f.window == 1 && peers.slope == nil ? -1
            : (row == f.window ? table.slopeBin(f.family, n: row, slope: f.slope / f.unit) : 0)
        unit = f.unit
        errorUnit = f.errorUnit
        fastestStep = f.fastestStep
        countLevel = f.family == .count && f.level.isFinite ? f.level : nil
        unitSource = f.unitSource
        persistenceSlot = f.persistenceSlot
        // A series far faster than anything learned at its unit is measured in its own pace.
        if row == f.window, f.window >= 2, unitSource == .peers,
           abs(f.slope) / f.unit > 3 * table.topSlopeEdge(f.family, n: row), f.ownChange > f.unit {
            errorUnit *= f.ownChange / unit
            unit = f.ownChange
            unitSource = .fasterThanPeers
            slopeBin = table.slopeBin(f.family, n: row, slope: f.slope / unit)
        }
        self.table = table
    }

    /// What the table is looked up by, computed the same way when learning and when forecasting.
    struct Features {
        var family: CalibrationTable.Family
        var scale: Scale
        /// Points used: min(n, 6).
        var window: Int
        var zLast: Double
        var slope: Double
        /// Where the last value stands: its fraction of the range (bounded families) or of the peers'
        /// frontier (counts, ``PeerLevel``); NaN when a count has no peers.
        var level: Double
        /// The window's own mean absolute change per year on the natural scale (0 for one point).
        var ownChange = 0.0
        /// The window's largest absolute change per year on the natural scale (0 for one point).
        var fastestStep = 0.0
        /// The peers' unit, if any (resolved into ``unit`` by ``resolveUnit(table:)``).
        var peerUnit: Double?
        /// The peers' noise, if any.
        var peerNoise: Double?
        /// The movement unit (NaN until resolved).
        var unit = Double.nan
        /// The unit of errors (NaN until resolved; ``CalibratedTrend/errorUnit``).
        var errorUnit = Double.nan
        var unitSource = UnitSource.prior
        var persistenceSlot: Int

        init?(times t: UnsafeBufferPointer<Double>, values y: UnsafeBufferPointer<Double>, kind: Indicator.Kind,
              lower: Double?, upper: Double?, peers: PeerMotion = .none) {
            let n = t.count
            guard n >= 1, y.count == n else { return nil }
            family = CalibrationTable.Family.of(kind: kind, lower: lower, upper: upper)
            window = min(n, CalibrationTable.maxN)
            scale = CalibratedTrend.naturalScale(UnsafeBufferPointer(rebasing: y[(n - window)..<n]), family: family,
                                                 lower: lower, upper: upper)
            slope = window == 1 ? (peers.slope ?? 0) : 0
            peerUnit = peers.unit.map { max($0, CalibrationTable.minimumUnit) }
            peerNoise = peers.noise.map { max($0, CalibrationTable.minimumUnit) }
            persistenceSlot = CalibrationTable.persistenceSlot(peers.persistence, pairs: peers.pairs)
            if window >= 2 {
                var st = 0.0, sz = 0.0
                for k in (n - window)..<n {
                    st += t[k]
                    sz += scale.forward(y[k])
                }
                let tBar = st / Double(window), zBar = sz / Double(window)
                var sxx = 0.0, sxz = 0.0
                for k in (n - window)..<n {
                    let dt = t[k] - tBar
                    sxx += dt * dt
                    sxz += dt * (scale.forward(y[k]) - zBar)
                }
                slope = sxx > 0 ? sxz / sxx : 0
                var change = 0.0
                for k in (n - window + 1)..<n {
                    let step = abs(scale.forward(y[k]) - scale.forward(y[k - 1])) / max(t[k] - t[k - 1], 1e-9)
                    change += step
                    fastestStep = max(fastestStep, step)
                }
                ownChange = change / Double(window - 1)
            }
            zLast = scale.forward(y[n - 1])
            if let l = lower, let u = upper, family != .count {
                level = (y[n - 1] - l) / (u - l)
            } else {
                level = peers.level ?? .nan
            }
        }

        /// The unit: the peers', else the window's own change but at least `typical`, else `typical`.
        mutating func resolveUnit(typical: Double) {
            if let u = peerUnit {
                unit = u
                unitSource = .peers
            } else if window >= 2 {
                unit = max(ownChange, typical)
                unitSource = .ownHistory
            } else {
                unit = typical
                unitSource = .prior
            }
            unit = max(unit, CalibrationTable.minimumUnit)
            if unitSource == .peers, let noise = peerNoise {
                errorUnit = Foundation.pow(unit, 1 - CalibratedTrend.noiseWeight) * Foundation.pow(noise, CalibratedTrend.noiseWeight)
            } else {
                errorUnit = unit
            }
            // A rank's outcome is any point of its place (``CalibrationLearner/latentOffsets(_:)``): its
            // errors hold the place's own spread, 1/field wide, beside the movement.
            if case let .rankPlace(field) = scale, field > 0 {
                errorUnit = (errorUnit * errorUnit + 1 / (12 * field * field)).squareRoot()
            }
        }

        mutating func resolveUnit(table: CalibrationTable) { resolveUnit(typical: table.defaultUnit(family)) }
    }

    /// How much the peers' noise weighs in the unit of errors (0: the movement unit alone, 1: the noise alone).
    public static let noiseWeight = 0.5

    /// A one-series convenience over ``init(times:values:kind:lower:upper:peers:table:)``.
    public init?(_ series: Series, peers: PeerMotion = .none, table: CalibrationTable) {
        guard let made = series.times.withUnsafeBufferPointer({ t in
            series.values.withUnsafeBufferPointer { y in
                CalibratedTrend(times: t, values: y, kind: series.kind, lower: series.lower, upper: series.upper,
                                peers: peers, table: table)
            }
        }) else { return nil }
        self = made
    }

    /// How close to a bound (as a fraction of the range) the natural scale of a bounded family still
    /// tells values apart: 0.05 %. (A coarser censoring, 0.5 %, read 99.6 % and 100 % as the same value
    /// and mapped both back to 100 %, so ranges near the top missed real outcomes.)
    public static let boundaryShift = 0.0005

    /// The natural scale of a family: censored logit (``boundaryShift`` of the range from each bound) for bounded
    /// families; for counts, ln(y + c) with c = 0.1 % of the window's largest value (1 if all are 0),
    /// shifted to stay positive if values are negative.
    public static func naturalScale(_ y: UnsafeBufferPointer<Double>, family: CalibrationTable.Family, lower: Double?,
                                    upper: Double?) -> Scale {
        if family == .rank, let u = upper { return .rankPlace(field: u) }
        if family != .count, let l = lower, let u = upper {
            return .censoredLogit(lower: l, upper: u, shift: boundaryShift)
        }
        var minY = Double.infinity, maxAbs = 0.0
        for v in y {
            minY = min(minY, v)
            maxAbs = max(maxAbs, abs(v))
        }
        let c = maxAbs > 0 ? 0.001 * maxAbs : 1
        return .logOffset(minY < 0 ? c - minY : c)
    }

    /// β at a (possibly fractional) horizon: interpolated between whole horizons, β(1) below 1.
    func beta(_ h: Double) -> Double {
        let top = table.maxHorizon
        func b(_ h: Int) -> Double { table.beta(family, n: tableN, h: h, persistenceSlot: persistenceSlot, slopeBin: slopeBin) }
        if h <= 1 { return b(1) }
        if h >= Double(top) { return b(top) }
        let h0 = Int(h.rounded(.down)), w = h - Double(h0)
        return (1 - w) * b(h0) + w * b(h0 + 1)
    }

    /// The error quantile at probability p for a whole horizon (scaled up from the horizon learned),
    /// its distance from the cell's median stretched by the table's spread factor for p.
    func errorQuantile(wholeHorizon h: Int, _ p: Double) -> Double {
        let (c, learned) = table.cell(family, n: tableN, h: h, levelBin: levelBin, slopeBin: slopeBin)
        guard c >= 0 else { return .nan }
        let size = CalibrationTable.probabilities.count
        func raw(_ p: Double) -> Double {
            table.quantiles.withUnsafeBufferPointer {
                ErrorQuantiles.quantile(UnsafeBufferPointer(rebasing: $0[(c * size)..<((c + 1) * size)]), p)
            }
        }
        let median = table.quantiles[c * size + CalibrationTable.medianIndex]
        var q = median + table.spread(family, n: tableN, p: p) * (raw(p) - median)
        // The tails never come inside the central range (the factors differ).
        if p > 0.9 { q = max(q, median + table.spread(family, n: tableN, p: 0.9) * (raw(0.9) - median)) }
        if p < 0.1 { q = min(q, median + table.spread(family, n: tableN, p: 0.1) * (raw(0.1) - median)) }
        return errorUnit * (h > learned ? q * Double(h) / Double(learned) : q)
    }

    /// The error quantile at probability p for a horizon h > 0 in years.
    func errorQuantile(horizon h: Double, _ p: Double) -> Double {
        if h <= 1 { return h * errorQuantile(wholeHorizon: 1, p) }
        let h0 = Int(h.rounded(.down)), w = h - Double(h0)
        let a = errorQuantile(wholeHorizon: h0, p)
        return w == 0 ? a : (1 - w) * a + w * errorQuantile(wholeHorizon: h0 + 1, p)
    }

    /// The base forecast on the natural scale at horizon h (before smoothing).
    func base(horizon h: Double) -> Double { zLast + beta(h) * slope * h }

    /// What the quantiles at every horizon share, read from the table once per distribution (or per
    /// batch of quantiles of one time) instead of once per probability: the median errors at one year
    /// and at the longest horizon learned, the centre's curve and each side's spread shape.
    struct Anchors {
        /// The median error at one year and at the longest horizon H.
        var median1: Double, medianTop: Double
        /// A and B of the centre's `A · h + B · √h` (``CalibratedTrend/centre(horizon:_:)``).
        var centre: (a: Double, b: Double)
        /// A and B of each side's spread shape (nil when the side's quantile sits on the centre at one year).
        var lower: (a: Double, b: Double)?, upper: (a: Double, b: Double)?
        /// A rank's floor (``CalibratedTrend/rankFloor(_:)``), read once with the rest.
        var rankFloor: RankFloor? = nil
    }

    /// The ``Anchors`` of this forecast.
    var anchors: Anchors {
        let top = Double(table.maxHorizon)
        let median1 = errorQuantile(horizon: 1, 0.5), medianTop = errorQuantile(horizon: top, 0.5)
        // The learned centre's movement, of which the family's centre factor is kept (ranks: ``CalibrationTable/centreFactor(_:n:)``).
        let kept = table.centreFactor(family, n: tableN)
        func raw(_ h: Double, median: Double) -> Double { kept * (beta(h) * slope * h + median) }
        // The growth of the 90 % (upper) or 10 % (lower) quantile's distance from the centre between
        // one year and H, kept between √h (a random walk's spread) and h (a trend's).
        func shape(_ p: Double) -> (a: Double, b: Double)? {
            let a = errorQuantile(horizon: 1, p) - median1
            guard a != 0, top > 1 else { return nil }
            let ratio = (errorQuantile(horizon: top, p) - medianTop) / a
            return Self.curve(1, min(max(ratio, top.squareRoot()), top), top: top)
        }
        var anchors = Anchors(median1: median1, medianTop: medianTop,
                              centre: Self.curve(raw(1, median: median1), raw(top, median: medianTop), top: top),
                              lower: shape(0.1), upper: shape(0.9))
        anchors.rankFloor = rankFloor(anchors)
        return anchors
    }

    /// The centre of the forecast at horizon h (the base plus the median error, as a change from the
    /// last value on the natural scale), smoothed across horizons so that a fan reads as one movement.
    ///
    /// The table's cells differ from one horizon to the next (each holds other windows), so the raw
    /// centre and quantiles zig-zag. They are read at two anchors, h = 1 and the longest horizon
    /// learned H, and joined by a curve `A · h + B · √h` (a trend plus a random walk's spread), from 0
    /// at h = 0. The distance of each quantile from the centre is its distance at one year times one
    /// shape per side (``spreadShape(horizon:upper:_:)``), so the quantiles stay in order and ranges never
    /// narrow on the natural scale. Each quantile is then `A′ · h + B′ · √h`, whose slope changes sign
    /// at most once: in the indicator's units it changes direction at most once.
    func centre(horizon h: Double, _ anchors: Anchors) -> Double {
        anchors.centre.a * h + anchors.centre.b * h.squareRoot()
    }

    /// A and B of `A · h + B · √h` through (1, v1) and (top, vTop).
    static func curve(_ v1: Double, _ vTop: Double, top: Double) -> (a: Double, b: Double) {
        guard top > 1 else { return (v1, 0) }
        let a = (vTop - v1 * top.squareRoot()) / (top - top.squareRoot())
        return (a, v1 - a)
    }

    /// How a side's ranges grow with the horizon, 1 at one year: `A · h + B · √h` through the growth
    /// of the 90 % (upper) or 10 % (lower) quantile's distance from the centre between one year and
    /// H, kept between √h (a random walk's spread) and h (a trend's), so it never narrows. Nil when
    /// that quantile sits on the centre at one year.
    func spreadShape(horizon h: Double, upper: Bool, _ anchors: Anchors) -> Double? {
        (upper ? anchors.upper : anchors.lower).map { $0.a * h + $0.b * h.squareRoot() }
    }

    /// The distance of the p-quantile from the centre at horizon h (see ``centre(horizon:_:)``), with
    /// `shape` the side's ``spreadShape(horizon:upper:_:)``.
    ///
    /// For a rank, the 80 % range is at least one whole place wide at one year: when its 10 % and 90 %
    /// quantiles fall in the same rank there, one of them is moved just past that rank's boundary
    /// (``rankFloor(_:)``), and kept at least that far from the centre at every horizon (in proportion
    /// to h before a year), so that the fan widens steadily. A flat rank among a field whose scores
    /// move can still move, even where the panels learned from (regions' development ranks) mostly
    /// held still.
    func offset(horizon h: Double, _ p: Double, _ anchors: Anchors, shape: Double?) -> Double {
        let o = spreadOffset(horizon: h, p, anchors, shape: shape)
        guard family == .rank, p <= 0.1 || p >= 0.9, let floor = anchors.rankFloor else { return o }
        switch floor {
        case let .worse(d) where p >= 0.9: return max(o, d * min(h, 1))
        case let .better(d) where p <= 0.1: return min(o, -d * min(h, 1))
        default: return o
        }
    }

    /// The distance of the p-quantile from the centre before a rank's floor.
    private func spreadOffset(horizon h: Double, _ p: Double, _ anchors: Anchors, shape: Double?) -> Double {
        let top = Double(table.maxHorizon)
        if let shape { return (errorQuantile(horizon: 1, p) - anchors.median1) * shape }
        // The side sits on the centre at one year: its distance at H, in proportion to h.
        return (errorQuantile(horizon: top, p) - anchors.medianTop) * h / top
    }

    /// ``spreadOffset(horizon:_:_:shape:)`` reading the side's shape itself.
    private func spreadOffset(horizon h: Double, _ p: Double, _ anchors: Anchors) -> Double {
        spreadOffset(horizon: h, p, anchors, shape: spreadShape(horizon: h, upper: p >= 0.5, anchors))
    }

    /// The side of a rank's 80 % range that is moved (``offset(horizon:_:_:shape:)``), and the least
    /// distance from the centre it keeps from a year on (natural scale).
    enum RankFloor: Equatable {
        /// The 90 % quantile, toward worse ranks.
        case worse(Double)
        /// The 10 % quantile, toward better ranks.
        case better(Double)
    }

    /// The floor of a rank's 80 % range (nil: its 10 % and 90 % quantiles at one year already fall in
    /// different ranks, or not a rank). The side moved reaches a hundredth of a place past the
    /// boundary of the rank both fell in, and at least ``rankRangeFloor`` places from the centre. A
    /// rank whose centre is at the top or bottom of the field can move only one way; otherwise the
    /// side with the wider spread, and where both are equal the side toward the middle of the field
    /// (ranks far from it return toward it more often than they move further away). Everything is
    /// read at one year, so that the side and distance do not change from one horizon to the next.
    func rankFloor(_ anchors: Anchors) -> RankFloor? {
        guard family == .rank, case let .rankPlace(field) = scale, field > 1 else { return nil }
        let centre = zLast + centre(horizon: 1, anchors)
        let low = spreadOffset(horizon: 1, 0.1, anchors), high = spreadOffset(horizon: 1, 0.9, anchors)
        func rank(_ z: Double) -> Double { min(max((z * field + 0.5).rounded(), 1), field.rounded()) }
        let r = rank(centre + high)
        guard rank(centre + low) == r else { return nil }
        let place = Self.rankRangeFloor / field
        let worse = RankFloor.worse(max((r + 0.01) / field - centre, place))
        let better = RankFloor.better(max(centre - (r - 1.01) / field, place))
        let centreRank = centre * field + 0.5
        if centreRank < 1.5 { return worse }
        if centreRank > field - 0.5 { return better }
        if abs(abs(low) - abs(high)) > 1e-12 { return abs(high) > abs(low) ? worse : better }
        return centreRank <= (field + 1) / 2 ? worse : better
    }

    /// The least distance, in places, of a floored side of a rank's 80 % range from the centre at one
    /// year (`rankFloor(_:)`).
    public static let rankRangeFloor = 0.51

    /// How far (natural scale per year) a count may move either way (nil for other families): never
    /// faster than the training counts at the same level against their peers ever moved (99th
    /// percentile, ``CalibrationTable/growthLimit(levelBin:)``), and for a count that is already large
    /// (at least half its peers' frontier) with three points or more, never faster than its own
    /// fastest step in the window (at least its unit): such a count does not multiply as the corpus's
    /// near-zero starts did, so its ranges are cut at its own fastest pace sustained.
    public var growthLimit: Double? {
        guard family == .count else { return nil }
        let learned = table.growthLimit(levelBin: levelBin)
        guard n >= 3, let level = countLevel, level >= 0.5 else { return learned }
        return min(max(fastestStep, unit), learned)
    }

    /// A natural-scale value at horizon h kept within the count's growth limit.
    func limited(_ z: Double, horizon h: Double) -> Double {
        guard let g = growthLimit else { return z }
        return min(max(z, zLast - g * h), zLast + g * h)
    }

    /// The p-quantile of the value at time t, on the indicator's scale (t after the last point).
    public func quantile(at t: Double, _ p: Double) -> Double {
        var q = Double.nan
        quantiles(at: t, CollectionOfOne(p)) { _, v in q = v }
        return q
    }

    /// The quantiles at probabilities `ps` of the value at time t, handed to `body` with their index,
    /// reading the centre and each side's spread shape once (the batch path's several quantiles of one
    /// time, without allocating).
    public func quantiles<P: Collection<Double>>(at t: Double, _ ps: P, _ body: (Int, Double) -> Void) {
        let h = t - lastTime
        guard h > 0 else {
            for k in 0..<ps.count { body(k, lastValue) }
            return
        }
        let anchors = self.anchors
        let c = zLast + centre(horizon: h, anchors)
        let shapes = (lower: spreadShape(horizon: h, upper: false, anchors), upper: spreadShape(horizon: h, upper: true, anchors))
        for (k, p) in ps.enumerated() {
            let o = offset(horizon: h, p, anchors, shape: p >= 0.5 ? shapes.upper : shapes.lower)
            body(k, scale.inverse(limited(c + o, horizon: h)))
        }
    }

    /// The point forecast at time t: the distribution's median, so that the projection printed, the
    /// pace the status is read from, the crossing year and P(meet) tell one story (the median meets a
    /// target exactly when P(meet) ≥ 0.5).
    public func point(at t: Double) -> Double { quantile(at: t, 0.5) }

    /// Whether the count's growth limit cuts the 95 % range at time t.
    public func rangeCut(at t: Double) -> Bool {
        let h = t - lastTime
        guard h > 0, growthLimit != nil else { return false }
        let anchors = self.anchors
        let c = zLast + centre(horizon: h, anchors)
        return [0.025, 0.975].contains { p in
            let o = offset(horizon: h, p, anchors, shape: spreadShape(horizon: h, upper: p >= 0.5, anchors))
            return limited(c + o, horizon: h) != c + o
        }
    }

    /// The predictive distribution of the value at time t (after the last point).
    public func distribution(at t: Double) -> PredictiveDistribution {
        let h = max(t - lastTime, 0)
        guard h > 0 else {
            return PredictiveDistribution(median: zLast, offsets: CalibrationTable.probabilities.map { _ in 0 }, transform: scale)
        }
        let anchors = self.anchors
        let c = centre(horizon: h, anchors)
        let centre = limited(zLast + c, horizon: h)
        let shapes = (lower: spreadShape(horizon: h, upper: false, anchors), upper: spreadShape(horizon: h, upper: true, anchors))
        var offsets = CalibrationTable.probabilities.map { p in
            limited(zLast + c + offset(horizon: h, p, anchors, shape: p >= 0.5 ? shapes.upper : shapes.lower), horizon: h) - centre
        }
        for k in offsets.indices.dropFirst() { offsets[k] = max(offsets[k], offsets[k - 1]) }
        return PredictiveDistribution(median: centre, offsets: offsets, transform: scale)
    }

    /// Errors behind the spread at a horizon (the cell used at the horizon rounded to a whole year).
    public func errorCount(horizon h: Double) -> Int {
        table.errorCount(family, n: tableN, h: max(Int(h.rounded()), 1), levelBin: levelBin, slopeBin: slopeBin)
    }
}
