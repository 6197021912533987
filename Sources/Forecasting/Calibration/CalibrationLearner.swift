import Foundation
import Indicators

/// Learns a ``CalibrationTable`` from real series: how far they actually moved after windows of
/// n points, by family, horizon, level and slope, in units of each indicator's own movement.
///
/// Each window is measured in its movement unit u (``CalibratedTrend``: its peers' mean absolute
/// change per year, else its own history; the family's typical unit is the median of the peers'
/// units). Slope-bin edges are the deciles of |slope| / u by family and n. For each (n, whole
/// horizon h), persistence slot and slope slot, over every family together, β is the value in
/// 0, 0.1, …, 1.2 whose base forecast has the smallest mean absolute error in units. Then the
/// standardised errors `(z(actual) − z(base)) / u` of every cell (family, n, h, level bin × slope bin,
/// and each of them pooled) are summarised by their quantiles (R's type 7) at
/// ``CalibrationTable/probabilities``. Every indicator weighs about the same (``windowsPerIndicator``).
public enum CalibrationLearner {
    /// One scored outcome of a training window.
    struct Sample {
        var family: CalibrationTable.Family
        var n: Int
        var h: Int
        var horizon: Double
        /// Where the last value stands (``CalibratedTrend/Features``); binned once the edges are learned.
        var level: Double
        var levelBin = -1
        var slope: Double
        var zLast: Double
        var zActual: Double
        var actual: Double
        var scale: Scale
        var hasPeer: Bool
        /// The window's movement unit.
        var unit: Double
        /// The window's unit of errors (``CalibratedTrend/errorUnit``).
        var errorUnit: Double
        var persistenceSlot: Int
        var slopeSlot = 0
    }

    /// The fewest distinct peer slopes a slope bin of one-point windows stands for.
    static let minimumDistinctPeerSlopes = 30

    /// The β values tried.
    static let betaGrid: [Double] = (0...12).map { Double($0) / 10 }

    /// Learns a table from the windows (see the type's description).
    ///
    /// - Parameters:
    ///   - windows: training windows (``BacktestWindow/windows(_:design:)`` with ``WindowDesign/calibration``).
    ///   - maxHorizon: longest whole horizon learned.
    ///   - minimumCount: fewest errors a cell needs.
    ///   - source: one line saying what the windows come from.
    ///   - widen: learn the centre and spread factors (``CalibrationTable/centreFactor(_:n:)``,
    ///     ``CalibrationTable/spread(_:n:p:)``) by an inner cross-validation: tables learned on one half of
    ///     the training indicators score the other half.
    public static func learn(_ windows: [BacktestWindow], maxHorizon: Int = 10, minimumCount: Int = 100,
                             source: String, widen: Bool = true) -> CalibrationTable {
        let windows = thinned(windows)
        var table = learnTable(windows, maxHorizon: maxHorizon, minimumCount: minimumCount, source: source)
        if widen { (table.spreads, table.centres) = factors(windows, maxHorizon: maxHorizon, minimumCount: minimumCount) }
        table.corpus = corpus(windows, maxHorizon: maxHorizon)
        return table
    }

    /// What the windows learned from span: distinct indicators and entities, and the calendar years
    /// of their points and of the outcomes a table learns from (whole horizons 1…`maxHorizon`, as
    /// ``learnTable(_:maxHorizon:minimumCount:source:)`` scores them); nil without windows.
    static func corpus(_ windows: [BacktestWindow], maxHorizon: Int) -> CalibrationTable.Corpus? {
        var indicators = Set<String>(), entities = Set<String>()
        var first = Double.infinity, last = -Double.infinity
        for w in windows {
            indicators.insert(w.indicator)
            entities.insert(w.entity)
            if let t = w.series.times.first { first = min(first, t) }
            if let t = w.series.times.last { last = max(last, t) }
            for o in w.outcomes where (1...maxHorizon).contains(Int(o.horizon.rounded())) { last = max(last, o.t) }
        }
        guard first.isFinite, last.isFinite else { return nil }
        // A decimal time 2019.5 is in 2019; a stock at the end of 2019 (2020.0) is too.
        func year(_ t: Double) -> Int { Int((t - 1e-9).rounded(.down)) }
        return CalibrationTable.Corpus(indicators: indicators.count, entities: entities.count, firstYear: year(first), lastYear: year(last))
    }

    /// The centre and spread factors of each (family, n), learned by one inner cross-validation. The
    /// training windows are split in two by indicator (``innerFold(_:)``; by entity when a family has a
    /// single indicator); a table learned on each half scores the other. Over both halves:
    /// - for ranks, the centre factor (``CalibrationTable/centreFactor(_:n:)``) in 0, 0.05, …, 1.5 whose
    ///   centre (the last value plus that share of the learned centre's movement) has the smallest mean
    ///   absolute error in units; 1 for the other families (learned for them too it made the HDI's
    ///   ranges miss: the README's "tried and not kept");
    /// - then, around that centre, the central spread factor in 0.8, 0.82, …, 3 that brings coverage of
    ///   the 80 % range nearest 80 %, and the tail factor that brings the 95 % range's nearest 95 %:
    ///   how much the error quantiles' distances from the median must be stretched for the ranges to
    ///   cover as often as they claim on indicators the table did not learn from.
    /// 1 where a group has no outcomes.
    static func factors(_ windows: [BacktestWindow], maxHorizon: Int, minimumCount: Int) -> (spreads: [Double], centres: [Double]) {
        let families = CalibrationTable.Family.allCases.count
        var spreads = Array(repeating: 1.0, count: families * CalibrationTable.maxN * 2)
        var centres = Array(repeating: 1.0, count: families * CalibrationTable.maxN)
        // Per (family, n): the outcome's change from the last value, the learned centre's change, the
        // error unit and the quantiles' distances from the median, on the natural scale.
        struct Row { var change, centre, unit, lo95, lo80, hi80, hi95: Double }
        var scored: [Int: [Row]] = [:]
        let fold = innerFold(windows)
        for k in 0...1 {
            let inner = learnTable(windows.filter { fold($0) != k }, maxHorizon: maxHorizon, minimumCount: minimumCount, source: "")
            for w in windows where fold(w) == k {
                guard let trend = CalibratedTrend(w.series, peers: w.peers, table: inner) else { continue }
                let key = CalibrationTable.familyIndex(trend.family) * CalibrationTable.maxN + min(trend.n, CalibrationTable.maxN) - 1
                for o in w.outcomes where o.horizon >= 0.5 && o.horizon <= Double(maxHorizon) + 1e-9 {
                    let m = trend.errorQuantile(horizon: o.horizon, 0.5)
                    let q = [0.025, 0.1, 0.9, 0.975].map { trend.errorQuantile(horizon: o.horizon, $0) - m }
                    let centre = trend.base(horizon: o.horizon) + m - trend.zLast
                    guard q.allSatisfy(\.isFinite), centre.isFinite, trend.errorUnit > 0 else { continue }
                    for d in latentOffsets(trend.scale) {
                        let change = trend.scale.forward(o.value) + d - trend.zLast
                        guard change.isFinite else { continue }
                        scored[key, default: []].append(Row(change: change, centre: centre, unit: trend.errorUnit,
                                                            lo95: q[0], lo80: q[1], hi80: q[2], hi95: q[3]))
                    }
                }
            }
        }
        let rank = CalibrationTable.familyIndex(.rank)
        for key in scored.keys.sorted() {
            guard let rows = scored[key], !rows.isEmpty else { continue }
            if key / CalibrationTable.maxN == rank {
                var bestError = Double.infinity
                for step in 0...30 {
                    let kept = Double(step) * 0.05
                    var error = 0.0
                    for r in rows { error += abs(r.change - kept * r.centre) / r.unit }
                    if error < bestError * (1 - 1e-12) {
                        bestError = error
                        centres[key] = kept
                    }
                }
            }
            let kept = centres[key]
            let errors = rows.map { $0.change - kept * $0.centre }
            let n = Double(rows.count)
            func fit(_ nominal: Double, _ lower: KeyPath<Row, Double>, _ upper: KeyPath<Row, Double>) -> Double {
                var best = 1.0, bestLoss = Double.infinity
                for step in 0...110 {
                    let w = 0.8 + Double(step) * 0.02
                    var inside = 0
                    for (r, e) in zip(rows, errors) where e >= w * r[keyPath: lower] && e <= w * r[keyPath: upper] { inside += 1 }
                    let loss = abs(Double(inside) / n - nominal)
                    if loss < bestLoss - 1e-12 {
                        bestLoss = loss
                        best = w
                    }
                }
                return best
            }
            spreads[key * 2] = fit(0.8, \.lo80, \.hi80)
            spreads[key * 2 + 1] = fit(0.95, \.lo95, \.hi95)
        }
        return (spreads, centres)
    }

    /// The inner split of training windows (0 or 1): by a hash of the indicator, so that the spread
    /// factors are learned on indicators the inner table never saw; by entity for the windows of a
    /// family whose training windows hold one indicator only, or whose indicators all hash alike.
    static func innerFold(_ windows: [BacktestWindow]) -> @Sendable (BacktestWindow) -> Int {
        var byFamily: [CalibrationTable.Family: Set<Int>] = [:]
        for w in windows {
            let f = CalibrationTable.Family.of(kind: w.series.kind, lower: w.series.lower, upper: w.series.upper)
            byFamily[f, default: []].insert(Int((Panel.hash(w.indicator) >> 17) % 2))
        }
        let byIndicator = Set(byFamily.filter { $0.value.count == 2 }.keys)
        return { w in
            let f = CalibrationTable.Family.of(kind: w.series.kind, lower: w.series.lower, upper: w.series.upper)
            return byIndicator.contains(f) ? Int((Panel.hash(w.indicator) >> 17) % 2) : Panel.innerFold(of: w.entity)
        }
    }

    /// The most windows learned from per indicator: an indicator with more (a long panel of 200
    /// countries) is thinned, by a hash of entity and origin, so that every indicator weighs about
    /// the same and a table does not mostly describe the largest panel.
    public static let windowsPerIndicator = 15_000

    /// `windows` with at most ``windowsPerIndicator`` per indicator (a deterministic choice).
    static func thinned(_ windows: [BacktestWindow]) -> [BacktestWindow] {
        var counts: [String: Int] = [:]
        for w in windows { counts[w.indicator, default: 0] += 1 }
        return windows.filter { w in
            guard let c = counts[w.indicator], c > windowsPerIndicator else { return true }
            let h = Panel.hash("\(w.entity)\u{1F}\(w.origin)\u{1F}\(w.n)")
            return Double(h % 1_000_003) / 1_000_003 < Double(windowsPerIndicator) / Double(c)
        }
    }

    /// The table without spread factors (see ``learn(_:maxHorizon:minimumCount:source:widen:)``).
    static func learnTable(_ windows: [BacktestWindow], maxHorizon: Int, minimumCount: Int, source: String) -> CalibrationTable {
        var table = CalibrationTable(maxHorizon: maxHorizon, minimumCount: minimumCount, source: source)
        var features: [(BacktestWindow, CalibratedTrend.Features)] = []
        var series: [CalibrationTable.Family: Set<String>] = [:]
        var peerUnits: [CalibrationTable.Family: [Double]] = [:]
        for w in windows {
            let s = w.series
            guard let f = s.times.withUnsafeBufferPointer({ t in
                s.values.withUnsafeBufferPointer { y in
                    CalibratedTrend.Features(times: t, values: y, kind: s.kind, lower: s.lower, upper: s.upper, peers: w.peers)
                }
            }) else { continue }
            series[f.family, default: []].insert(w.indicator + "\u{1F}" + w.entity)
            if let u = f.peerUnit { peerUnits[f.family, default: []].append(u) }
            features.append((w, f))
        }
        table.seriesCounts = series.mapValues(\.count)
        // The typical unit of each family: what a window without peers or history is measured in.
        for f in CalibrationTable.Family.allCases {
            let u = quantile((peerUnits[f] ?? []).sorted(), 0.5)
            if u.isFinite, u > 0 { table.units[CalibrationTable.familyIndex(f)] = u }
        }
        var samples: [Sample] = []
        var slopes: [Int: [Double]] = [:]   // (family, n) → |slope| / unit per window
        var countLevels: [Double] = []      // a count window's fraction of its peers' frontier
        for (w, var f) in features {
            f.resolveUnit(table: table)
            if f.window >= 2 || w.peers.slope != nil {
                slopes[table.edgeIndex(f.family, n: f.window), default: []].append(abs(f.slope) / f.unit)
            }
            if f.family == .count, f.level.isFinite { countLevels.append(f.level) }
            for o in w.outcomes {
                let h = Int(o.horizon.rounded())
                guard h >= 1, h <= maxHorizon else { continue }
                let zActual = f.scale.forward(o.value)
                guard zActual.isFinite else { continue }
                samples.append(Sample(family: f.family, n: f.window, h: h, horizon: o.horizon, level: f.level,
                                      slope: f.slope, zLast: f.zLast, zActual: zActual, actual: o.value,
                                      scale: f.scale, hasPeer: w.peers.slope != nil, unit: f.unit, errorUnit: f.errorUnit,
                                      persistenceSlot: f.persistenceSlot))
            }
        }
        let levels = countLevels.sorted()
        let bins = CalibrationTable.countLevelBins
        table.countLevelEdges = (1..<bins).map { quantile(levels, Double($0) / Double(bins)) }.map { $0.isNaN ? 0 : $0 }
        for i in samples.indices { samples[i].levelBin = table.levelBin(samples[i].family, level: samples[i].level) }
        let onePointKeys = Set(CalibrationTable.Family.allCases.map { table.edgeIndex($0, n: 1) })
        for k in slopes.keys.sorted() {
            let sorted = (slopes[k] ?? []).sorted()
            // A one-point window's slope is its peers' median: one value per indicator and origin. Each
            // bin must hold at least 10 distinct values, or a bin stands for a few years of one
            // indicator and its errors for what happened in those years (a common shock).
            var distinct = 0, previous = Double.nan
            for v in sorted where v != previous { distinct += 1; previous = v }
            let bins = onePointKeys.contains(k)
                ? min(CalibrationTable.slopeBins, max(1, distinct / minimumDistinctPeerSlopes)) : CalibrationTable.slopeBins
            for e in 0..<(CalibrationTable.slopeBins - 1) {
                table.slopeEdges[k + e] = e + 1 < bins ? quantile(sorted, Double(e + 1) / Double(bins)) : .greatestFiniteMagnitude
            }
        }
        // Slope slot of each sample: 0 ("any") for one point without peers, else its bin + 1.
        for i in samples.indices {
            let s = samples[i]
            samples[i].slopeSlot = s.n == 1 && !s.hasPeer ? 0 : table.slopeBin(s.family, n: s.n, slope: s.slope / s.unit) + 1
        }
        // β by (n, h, persistence slot, slope slot), over every family: the value of the grid whose base
        // forecast has the smallest mean absolute error in units.
        // Ranks of two points or more also keep a β of their own (``ownBeta(_:n:)``), keyed past the
        // pooled ones (which they still join, so that the other families' β does not depend on them).
        let rankKeys = CalibrationTable.maxN * maxHorizon * CalibrationTable.persistenceSlots * CalibrationTable.slopeSlots
        var betaGroups: [Int: [Int]] = [:]
        for (i, s) in samples.enumerated() {
            let key = ((s.n - 1) * maxHorizon + s.h - 1) * CalibrationTable.persistenceSlots * CalibrationTable.slopeSlots
                + s.persistenceSlot * CalibrationTable.slopeSlots + s.slopeSlot
            betaGroups[key, default: []].append(i)
            if ownBeta(s.family, n: s.n) { betaGroups[rankKeys + key, default: []].append(i) }
        }
        var chosenBeta: [Int: Double] = [:]
        for key in betaGroups.keys.sorted() {
            guard let members = betaGroups[key], let first = members.first else { continue }
            let trial = samples[first].n == 1 && samples[first].slopeSlot == 0 ? [0.0] : betaGrid
            var best = 0.0, bestSum = Double.infinity
            for beta in trial {
                var sum = 0.0
                for i in members {
                    let s = samples[i]
                    sum += abs(s.zActual - s.zLast - beta * s.slope * s.horizon) / s.unit
                }
                if !bestSum.isFinite || sum < bestSum - 1e-12 * max(1, bestSum) {
                    bestSum = sum
                    best = beta
                }
            }
            chosenBeta[key] = best
        }
        func betaKey(n: Int, h: Int, p: Int, s: Int) -> Int {
            ((n - 1) * maxHorizon + h - 1) * CalibrationTable.persistenceSlots * CalibrationTable.slopeSlots
                + p * CalibrationTable.slopeSlots + s
        }
        for n in 1...CalibrationTable.maxN {
            for h in 1...maxHorizon {
                for p in 0..<CalibrationTable.persistenceSlots {
                    for s in 0..<CalibrationTable.slopeSlots {
                        // A slot nobody reached takes the unknown-persistence β of its slope slot, then the
                        // pooled slope slot's.
                        func pick(_ offset: Int) -> Double? {
                            chosenBeta[offset + betaKey(n: n, h: h, p: p, s: s)] ?? chosenBeta[offset + betaKey(n: n, h: h, p: 0, s: s)]
                                ?? chosenBeta[offset + betaKey(n: n, h: h, p: p, s: 0)]
                        }
                        let beta = pick(0) ?? 0
                        for f in CalibrationTable.Family.allCases {
                            table.betas[table.betaIndex(f, n: n, h: h, persistenceSlot: p, slopeSlot: s)] =
                                ownBeta(f, n: n) ? pick(rankKeys) ?? beta : beta
                        }
                    }
                }
            }
        }
        // The fastest moves of counts, by level slot: the 99th percentile of |Δz| / h.
        var moves: [Int: [Double]] = [:]
        for s in samples where s.family == .count {
            let m = abs(s.zActual - s.zLast) / max(s.horizon, 0.5)
            for l in Set([0, s.levelBin + 1]) { moves[l, default: []].append(m) }
        }
        for (l, m) in moves where m.count >= minimumCount { table.growthLimits[l] = quantile(m.sorted(), 0.99) }
        // Standardised errors by cell (a rank's outcome spread over its place, ``latentOffsets(_:)``).
        var cells: [Int: [Double]] = [:]
        for s in samples {
            let beta = table.beta(s.family, n: s.n, h: s.h, persistenceSlot: s.persistenceSlot, slopeBin: s.slopeSlot - 1)
            for d in latentOffsets(s.scale) {
                let e = (s.zActual + d - (s.zLast + beta * s.slope * s.horizon)) / s.errorUnit
                // For one point, the "any slope" cells hold the naive forecast's errors: what a series
                // without peers (no trend to borrow) is forecast with.
                let any = s.n == 1 ? (s.zActual + d - s.zLast) / s.errorUnit : e
                for l in Set([0, s.levelBin + 1]) {
                    cells[table.cellIndex(s.family, n: s.n, h: s.h, levelSlot: l, slopeSlot: 0), default: []].append(any)
                    if s.slopeSlot > 0 {
                        cells[table.cellIndex(s.family, n: s.n, h: s.h, levelSlot: l, slopeSlot: s.slopeSlot), default: []].append(e)
                    }
                }
            }
        }
        let grid = CalibrationTable.probabilities
        for (c, errors) in cells {
            let sorted = errors.sorted()
            table.counts[c] = sorted.count
            for (k, p) in grid.enumerated() { table.quantiles[c * grid.count + k] = quantile(sorted, p) }
        }
        table.resolve()
        return table
    }

    /// Whether a family's β is learned from its own windows rather than with every family's: ranks of
    /// two points or more. A rank's recent moves are a field's reshuffling, which reverses more often
    /// than a share's or a score's trend (left in the pooled β, a rank that had gained places was
    /// given P ≥ 0.6 of gaining another, met in about 0.25 of such targets).
    static func ownBeta(_ family: CalibrationTable.Family, n: Int) -> Bool { family == .rank && n >= 2 }

    /// Where in its place an outcome is counted, on the natural scale: 0 for every family but ranks; a
    /// rank r among N is every place between r − 1 and r (the rank a latent score falls in), so its
    /// outcome is counted at ``latentPoints`` evenly spread points of that place.
    ///
    /// Why: a rank is whole, and P(rank ≤ k) is read at the boundary between places (k / N on the
    /// place scale, ``PredictiveDistribution``). Errors counted at the centre of the place pile up at
    /// exactly 0 for a rank that holds (regions' development ranks among 8–15 hold in most years), and
    /// a table learned from them, scaled to a rank among 200 countries that moves a few places a year,
    /// said it would hold with the same certainty (left out of the table, the government-effectiveness
    /// rank's P(meet) scored worse than its base rate). Spread over the place, the errors describe
    /// the latent movement that every field size shares.
    static func latentOffsets(_ scale: Scale) -> [Double] {
        guard case let .rankPlace(field) = scale, field > 0 else { return [0] }
        let k = Double(latentPoints)
        return (0..<latentPoints).map { (Double($0) + 0.5) / k - 0.5 }.map { $0 / field }
    }

    /// How many points of its place a rank's outcome is counted at (``latentOffsets(_:)``).
    static let latentPoints = 4

    /// R's type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let x = p * Double(sorted.count - 1)
        let k = Int(x.rounded(.down)), w = x - Double(k)
        return k + 1 < sorted.count ? sorted[k] + w * (sorted[k + 1] - sorted[k]) : sorted[k]
    }
}
