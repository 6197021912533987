import Foundation
import Indicators

/// Learns a ``CalibrationTable`` from real series: how far they actually moved after windows of
/// n points, by family, horizon, level and slope.
///
/// For each (family, n, whole horizon h) and slope bin: β is the value in 0, 0.1, …, 1.2 whose point
/// forecast has the smallest mean absolute error on the indicator's scale, the point forecast being
/// either the base itself (centred cells) or the base corrected by its cell's median error, whichever
/// is more accurate for the (family, n, h). Then the errors
/// `z(actual) − z(base)` of every cell (level bin × slope bin, and each of them pooled) are summarised
/// by their quantiles (R's type 7) at ``CalibrationTable/probabilities``, less their median when
/// centred. Slope-bin edges are the deciles of |slope| by family and n.
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
    ///   - widen: learn the spread factors (``CalibrationTable/spread(_:n:p:)``) by an inner cross-validation:
    ///     tables learned on one half of the training entities score the other half.
    public static func learn(_ windows: [BacktestWindow], maxHorizon: Int = 10, minimumCount: Int = 100,
                             source: String, widen: Bool = true) -> CalibrationTable {
        var table = learnTable(windows, maxHorizon: maxHorizon, minimumCount: minimumCount, source: source)
        if widen { table.spreads = spreads(windows, maxHorizon: maxHorizon, minimumCount: minimumCount) }
        return table
    }

    /// The spread factors of each (family, n): how much the error quantiles' distances from the median
    /// must be stretched for the 80 and 95 % ranges to cover as often as they claim on entities the
    /// table did not learn from. The windows' entities are split in two (``Panel/innerFold(of:)``); a
    /// table learned on each half scores the other; the central factor in 0.8, 0.82, …, 3 that brings
    /// coverage of the 80 % range nearest 80 %, and the tail factor that brings the 95 % range's nearest
    /// 95 %, over both halves, are kept (1 where a group has no outcomes). Two values per (family, n).
    static func spreads(_ windows: [BacktestWindow], maxHorizon: Int, minimumCount: Int) -> [Double] {
        let families = CalibrationTable.Family.allCases.count
        var result = Array(repeating: 1.0, count: families * CalibrationTable.maxN * 2)
        // Per (family, n): the outcome's and the quantiles' distances from the median, on the natural scale.
        struct Row { var e, lo95, lo80, hi80, hi95: Double }
        var scored: [Int: [Row]] = [:]
        for k in 0...1 {
            let inner = learnTable(windows.filter { Panel.innerFold(of: $0.entity) != k }, maxHorizon: maxHorizon,
                                   minimumCount: minimumCount, source: "")
            for w in windows where Panel.innerFold(of: w.entity) == k {
                guard let trend = CalibratedTrend(w.series, peerSlope: w.peerSlope, peerLevel: w.peerLevel, table: inner) else { continue }
                let key = CalibrationTable.familyIndex(trend.family) * CalibrationTable.maxN + min(trend.n, CalibrationTable.maxN) - 1
                for o in w.outcomes where o.horizon >= 0.5 && o.horizon <= Double(maxHorizon) + 1e-9 {
                    let m = trend.errorQuantile(horizon: o.horizon, 0.5)
                    let e = trend.scale.forward(o.value) - trend.base(horizon: o.horizon) - m
                    let q = [0.025, 0.1, 0.9, 0.975].map { trend.errorQuantile(horizon: o.horizon, $0) - m }
                    guard e.isFinite, q.allSatisfy(\.isFinite) else { continue }
                    scored[key, default: []].append(Row(e: e, lo95: q[0], lo80: q[1], hi80: q[2], hi95: q[3]))
                }
            }
        }
        for (key, rows) in scored where !rows.isEmpty {
            let n = Double(rows.count)
            func fit(_ nominal: Double, _ lower: KeyPath<Row, Double>, _ upper: KeyPath<Row, Double>) -> Double {
                var best = 1.0, bestLoss = Double.infinity
                for step in 0...110 {
                    let w = 0.8 + Double(step) * 0.02
                    var inside = 0
                    for r in rows where r.e >= w * r[keyPath: lower] && r.e <= w * r[keyPath: upper] { inside += 1 }
                    let loss = abs(Double(inside) / n - nominal)
                    if loss < bestLoss - 1e-12 {
                        bestLoss = loss
                        best = w
                    }
                }
                return best
            }
            result[key * 2] = fit(0.8, \.lo80, \.hi80)
            result[key * 2 + 1] = fit(0.95, \.lo95, \.hi95)
        }
        return result
    }

    /// The table without spread factors (see ``learn(_:maxHorizon:minimumCount:source:widen:)``).
    static func learnTable(_ windows: [BacktestWindow], maxHorizon: Int, minimumCount: Int, source: String) -> CalibrationTable {
        var table = CalibrationTable(maxHorizon: maxHorizon, minimumCount: minimumCount, source: source)
        var samples: [Sample] = []
        var series: [CalibrationTable.Family: Set<String>] = [:]
        var slopes: [Int: [Double]] = [:]   // (family, n) → |slope| per window
        var countLevels: [Double] = []      // a count window's fraction of its peers' frontier
        for w in windows {
            let s = w.series
            guard let f = s.times.withUnsafeBufferPointer({ t in
                s.values.withUnsafeBufferPointer { y in
                    CalibratedTrend.Features(times: t, values: y, kind: s.kind, lower: s.lower, upper: s.upper, peerSlope: w.peerSlope,
                                             peerLevel: w.peerLevel)
                }
            }) else { continue }
            series[f.family, default: []].insert(w.indicator + "\u{1F}" + w.entity)
            if f.window >= 2 || w.peerSlope != nil { slopes[table.edgeIndex(f.family, n: f.window), default: []].append(abs(f.slope)) }
            if f.family == .count, f.level.isFinite { countLevels.append(f.level) }
            for o in w.outcomes {
                let h = Int(o.horizon.rounded())
                guard h >= 1, h <= maxHorizon else { continue }
                samples.append(Sample(family: f.family, n: f.window, h: h, horizon: o.horizon, level: f.level,
                                      slope: f.slope, zLast: f.zLast, zActual: f.scale.forward(o.value), actual: o.value,
                                      scale: f.scale, hasPeer: w.peerSlope != nil))
            }
        }
        table.seriesCounts = series.mapValues(\.count)
        let levels = countLevels.sorted()
        let bins = CalibrationTable.countLevelBins
        table.countLevelEdges = (1..<bins).map { quantile(levels, Double($0) / Double(bins)) }.map { $0.isNaN ? 0 : $0 }
        for i in samples.indices { samples[i].levelBin = table.levelBin(samples[i].family, level: samples[i].level) }
        let onePointKeys = Set(CalibrationTable.Family.allCases.map { table.edgeIndex($0, n: 1) })
        for (k, values) in slopes {
            let sorted = values.sorted()
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
        // Group the samples by (family, n, h).
        var groups: [Int: [Int]] = [:]
        for (i, s) in samples.enumerated() { groups[table.groupIndex(s.family, n: s.n, h: s.h), default: []].append(i) }
        let grid = CalibrationTable.probabilities
        for (_, members) in groups {
            guard let first = members.first.map({ samples[$0] }) else { continue }
            let group = members.map { samples[$0] }
            // Slope slot of each sample: 0 ("any") for one point without peers, else its bin + 1.
            let slots = group.map { $0.n == 1 && !$0.hasPeer ? 0 : table.slopeBin($0.family, n: $0.n, slope: $0.slope) + 1 }
            let (betas, centred) = bestBetas(group, slots: slots, minimumCount: minimumCount)
            table.medianPoints[table.groupIndex(first.family, n: first.n, h: first.h)] = !centred
            for (slot, beta) in betas { table.betas[table.betaIndex(first.family, n: first.n, h: first.h, slopeSlot: slot)] = beta }
            var cells: [Int: [Double]] = [:]
            for (i, s) in group.enumerated() {
                let e = s.zActual - (s.zLast + (betas[slots[i]] ?? 0) * s.slope * s.horizon)
                // For one point, the "any slope" cells hold the naive forecast's errors: what a series
                // without peers (no trend to borrow) is forecast with.
                let any = s.n == 1 ? s.zActual - s.zLast : e
                for l in Set([0, s.levelBin + 1]) {
                    cells[table.cellIndex(s.family, n: s.n, h: s.h, levelSlot: l, slopeSlot: 0), default: []].append(any)
                    if slots[i] > 0 {
                        cells[table.cellIndex(s.family, n: s.n, h: s.h, levelSlot: l, slopeSlot: slots[i]), default: []].append(e)
                    }
                }
            }
            for (c, errors) in cells {
                let sorted = errors.sorted()
                table.counts[c] = sorted.count
                for (k, p) in grid.enumerated() { table.quantiles[c * grid.count + k] = quantile(sorted, p) }
            }
        }
        table.resolve()
        return table
    }

    /// For one (family, n, h): β for each slope slot, and whether the cells are centred.
    ///
    /// Two ways of turning the base forecast into a point forecast are tried, each with every β in
    /// ``betaGrid`` per slope slot: the base itself (centred cells), or the base plus the median error
    /// of the sample's cell (level bin × slope slot, else the slope slot alone). The way with the
    /// smaller mean absolute error on the indicator's scale, summed over the slots, is kept. In slot 0
    /// of one point (no peers, no slope) the base is the last value.
    static func bestBetas(_ group: [Sample], slots: [Int], minimumCount: Int) -> (betas: [Int: Double], centred: Bool) {
        var bySlot: [Int: [Int]] = [:]
        for (i, slot) in slots.enumerated() { bySlot[slot, default: []].append(i) }
        var chosen: [Bool: (betas: [Int: Double], total: Double)] = [:]
        for centred in [true, false] {
            var betas: [Int: Double] = [:], total = 0.0
            for (slot, members) in bySlot {
                let trial = slot == 0 && group[members[0]].n == 1 ? [0.0] : betaGrid
                var best = 0.0, bestSum = Double.infinity
                for beta in trial {
                    var medians: [Int: Double] = [:]
                    if !centred {
                        var cells: [Int: [Double]] = [:]
                        for i in members {
                            let s = group[i]
                            let e = s.zActual - (s.zLast + beta * s.slope * s.horizon)
                            cells[0, default: []].append(e)
                            if s.levelBin >= 0 { cells[s.levelBin + 1, default: []].append(e) }
                        }
                        for (key, errors) in cells where errors.count >= minimumCount { medians[key] = quantile(errors.sorted(), 0.5) }
                    }
                    var sum = 0.0
                    for i in members {
                        let s = group[i]
                        let m = centred ? 0 : (medians[s.levelBin + 1] ?? medians[0] ?? 0)
                        sum += abs(s.scale.inverse(s.zLast + beta * s.slope * s.horizon + m) - s.actual)
                    }
                    if !bestSum.isFinite || sum < bestSum - 1e-12 * max(1, bestSum) {
                        bestSum = sum
                        best = beta
                    }
                }
                betas[slot] = best
                total += bestSum
            }
            // β for the pooled slot 0 of windows with a slope (used only when no bin applies).
            if betas[0] == nil, let slope1 = betas[1] { betas[0] = slope1 }
            chosen[centred] = (betas, total)
        }
        let c = chosen[true], u = chosen[false]
        if let c, let u, u.total < c.total { return (u.betas, false) }
        return (c?.betas ?? [:], true)
    }

    /// R's type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let x = p * Double(sorted.count - 1)
        let k = Int(x.rounded(.down)), w = x - Double(k)
        return k + 1 < sorted.count ? sorted[k] + w * (sorted[k + 1] - sorted[k]) : sorted[k]
    }
}
