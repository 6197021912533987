import Foundation
import Indicators

/// Learns a ``CalibrationTable`` from real series: how far they actually moved after windows of
/// n points, by family, horizon, level and slope.
///
/// For each (family, n, whole horizon h): β is the value in 0, 0.1, …, 1.2 whose base forecast,
/// corrected by the median error of its level bin, has the smallest mean absolute error on the
/// indicator's scale (β = 0 for n = 1); then the errors `z(actual) − z(base)` of every cell
/// (level bin × slope bin, and each of them pooled) are summarised by their quantiles (R's type 7)
/// at ``CalibrationTable/probabilities``. Slope-bin edges are the terciles of |slope| by family and n.
public enum CalibrationLearner {
    /// One scored outcome of a training window.
    struct Sample {
        var family: CalibrationTable.Family
        var n: Int
        var h: Int
        var horizon: Double
        var levelBin: Int
        var slope: Double
        var zLast: Double
        var zActual: Double
        var actual: Double
        var scale: Scale
        var hasPeer: Bool
    }

    /// The β values tried.
    static let betaGrid: [Double] = (0...12).map { Double($0) / 10 }

    /// Learns a table from the windows (see the type's description).
    ///
    /// - Parameters:
    ///   - windows: training windows (``BacktestWindow/windows(_:design:)`` with ``WindowDesign/calibration``).
    ///   - maxHorizon: longest whole horizon learned.
    ///   - minimumCount: fewest errors a cell needs.
    ///   - source: one line saying what the windows come from.
    public static func learn(_ windows: [BacktestWindow], maxHorizon: Int = 10, minimumCount: Int = 100,
                             source: String) -> CalibrationTable {
        var table = CalibrationTable(maxHorizon: maxHorizon, minimumCount: minimumCount, source: source)
        var samples: [Sample] = []
        var series: [CalibrationTable.Family: Set<String>] = [:]
        var slopes: [Int: [Double]] = [:]   // (family, n) → |slope| per window
        for w in windows {
            let s = w.series
            guard let f = s.times.withUnsafeBufferPointer({ t in
                s.values.withUnsafeBufferPointer { y in
                    CalibratedTrend.Features(times: t, values: y, kind: s.kind, lower: s.lower, upper: s.upper, peerSlope: w.peerSlope)
                }
            }) else { continue }
            series[f.family, default: []].insert(w.indicator + "\u{1F}" + w.entity)
            if f.window >= 2 || w.peerSlope != nil { slopes[table.edgeIndex(f.family, n: f.window), default: []].append(abs(f.slope)) }
            for o in w.outcomes {
                let h = Int(o.horizon.rounded())
                guard h >= 1, h <= maxHorizon else { continue }
                samples.append(Sample(family: f.family, n: f.window, h: h, horizon: o.horizon, levelBin: f.levelBin,
                                      slope: f.slope, zLast: f.zLast, zActual: f.scale.forward(o.value), actual: o.value,
                                      scale: f.scale, hasPeer: w.peerSlope != nil))
            }
        }
        table.seriesCounts = series.mapValues(\.count)
        for (k, values) in slopes {
            let sorted = values.sorted()
            for e in 0..<(CalibrationTable.slopeBins - 1) {
                table.slopeEdges[k + e] = quantile(sorted, Double(e + 1) / Double(CalibrationTable.slopeBins))
            }
        }
        // Group the samples by (family, n, h).
        var groups: [Int: [Int]] = [:]
        for (i, s) in samples.enumerated() { groups[table.betaIndex(s.family, n: s.n, h: s.h), default: []].append(i) }
        let grid = CalibrationTable.probabilities
        for (_, members) in groups {
            guard let first = members.first.map({ samples[$0] }) else { continue }
            let beta = bestBeta(members.map { samples[$0] }, table: table)
            table.betas[table.betaIndex(first.family, n: first.n, h: first.h)] = beta
            var cells: [Int: [Double]] = [:]
            for i in members {
                let s = samples[i]
                let e = s.zActual - (s.zLast + beta * s.slope * s.horizon)
                // For one point, the "any slope" cells hold the naive forecast's errors: what a series
                // without peers (no trend to borrow) is forecast with.
                let any = s.n == 1 ? s.zActual - s.zLast : e
                for l in [0, s.levelBin + 1] {
                    cells[table.cellIndex(s.family, n: s.n, h: s.h, levelSlot: l, slopeSlot: 0), default: []].append(any)
                    if s.n > 1 || s.hasPeer {
                        let sb = table.slopeBin(s.family, n: s.n, slope: s.slope) + 1
                        cells[table.cellIndex(s.family, n: s.n, h: s.h, levelSlot: l, slopeSlot: sb), default: []].append(e)
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

    /// The β with the smallest mean absolute error on the indicator's scale, the median error of
    /// each sample's cell (level bin × slope bin, with the table's fallbacks) added to the base forecast.
    static func bestBeta(_ group: [Sample], table: CalibrationTable) -> Double {
        var best = 0.0, bestMAE = Double.infinity
        let slopeBins = group.map { table.slopeBin($0.family, n: $0.n, slope: $0.slope) + 1 }
        for beta in betaGrid {
            var cells: [Int: [Double]] = [:]
            for (i, s) in group.enumerated() {
                let e = s.zActual - (s.zLast + beta * s.slope * s.horizon)
                for key in [0, (s.levelBin + 1) * 16, slopeBins[i], (s.levelBin + 1) * 16 + slopeBins[i]] {
                    cells[key, default: []].append(e)
                }
            }
            var medians: [Int: Double] = [:]
            for (key, errors) in cells where errors.count >= table.minimumCount { medians[key] = quantile(errors.sorted(), 0.5) }
            var sum = 0.0
            for (i, s) in group.enumerated() {
                let l = (s.levelBin + 1) * 16, b = slopeBins[i]
                let m = medians[l + b] ?? medians[b] ?? medians[l] ?? medians[0] ?? 0
                let z = s.zLast + beta * s.slope * s.horizon + m
                sum += abs(s.scale.inverse(z) - s.actual)
            }
            let mae = sum / Double(group.count)
            if mae < bestMAE - 1e-12 {
                bestMAE = mae
                best = beta
            }
        }
        return best
    }

    /// R's type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let x = p * Double(sorted.count - 1)
        let k = Int(x.rounded(.down)), w = x - Double(k)
        return k + 1 < sorted.count ? sorted[k] + w * (sorted[k + 1] - sorted[k]) : sorted[k]
    }
}
