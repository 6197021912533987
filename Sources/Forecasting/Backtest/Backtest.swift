import Foundation
import Indicators

/// One method's forecast of one outcome of a back-test window.
public struct OutcomeForecast: Sendable, Equatable {
    /// Point forecast.
    public var estimate: Double
    /// 80 % range (NaN ends: none).
    public var lower80: Double, upper80: Double
    /// 95 % range (NaN ends: none).
    public var lower95: Double, upper95: Double
    /// P(meet) for each of the window's targets (``Backtest/targets(_:)``), nil where the method has none.
    public var pMeet: [Double?]

    /// A forecast.
    public init(estimate: Double, lower80: Double, upper80: Double, lower95: Double, upper95: Double, pMeet: [Double?]) {
        self.estimate = estimate
        self.lower80 = lower80
        self.upper80 = upper80
        self.lower95 = lower95
        self.upper95 = upper95
        self.pMeet = pMeet
    }

    /// A forecast read off a predictive distribution, with P(meet) for `targets`.
    public init(_ d: PredictiveDistribution, targets: [Backtest.Target]) {
        let i80 = d.interval(level: 0.8), i95 = d.interval(level: 0.95)
        self.init(estimate: d.point, lower80: i80.lower, upper80: i80.upper, lower95: i95.lower, upper95: i95.upper,
                  pMeet: targets.map { target in
                      let p = d.probability(atLeast: target.atLeast, target.value)
                      return p.isFinite ? p : nil
                  })
    }

    /// Whether both ranges are given.
    public var hasIntervals: Bool { lower80.isFinite && upper80.isFinite && lower95.isFinite && upper95.isFinite }
}

/// The rolling-origin back-test (DESIGN.md "Forecasting"): scores forecasts of every window of a
/// panel against what happened, per method and group.
///
/// Metrics: empirical coverage of the 80 and 95 % ranges, MAE, MASE (errors over the window's mean
/// absolute change per year; windows of ≥ 2 points that moved), the mean interval score of Gneiting
/// & Raftery (2007) at both levels in percent of the indicator's range (bounds; for unbounded
/// indicators, the range of the panel's values), and for P(meet) on the window's targets the Brier
/// score, its skill against the group's base rate and a 10-bin reliability table.
public enum Backtest {
    /// A plan-like target set ex ante from the window's last value.
    public struct Target: Sendable, Equatable {
        /// The target value.
        public var value: Double
        /// "At least" (≥) or "at most" (≤).
        public var atLeast: Bool
    }

    /// The targets scored for a window: for ranks 1, 2 and 3 places better (while inside the field);
    /// for other bounded indicators the last value moved 2, 5, 10 and 20 % of the range in the better
    /// direction (when still inside the bounds); for unbounded ones the last value × 1.1, 1.25, 1.5
    /// and 2 (÷ for "lower is better"), when it is positive.
    public static func targets(_ w: BacktestWindow) -> [Target] {
        let s = w.series
        guard let last = s.values.last else { return [] }
        let up = s.direction == .up
        if s.kind == .rank {
            // Ranks: one, two and three places better, while a place is left to gain.
            let better: Double = up ? 1 : -1
            return [1.0, 2, 3].compactMap { d in
                let v = last + better * d
                return v >= (s.lower ?? 1) && v <= (s.upper ?? .infinity) ? Target(value: v, atLeast: up) : nil
            }
        }
        if let l = s.lower, let u = s.upper {
            return [0.02, 0.05, 0.1, 0.2].compactMap { d in
                let v = up ? last + d * (u - l) : last - d * (u - l)
                return v <= u && v >= l ? Target(value: v, atLeast: up) : nil
            }
        }
        guard last > 0 else { return [] }
        return [1.1, 1.25, 1.5, 2].map { r in Target(value: up ? last * r : last / r, atLeast: up) }
    }

    /// What a group of forecasts scored.
    public struct Metrics: Sendable, Equatable {
        /// Outcomes to forecast in the group (with or without a forecast from the method; set by
        /// ``BacktestRun/metrics(_:byN:byH:byIndicator:only:)``, else equal to ``forecasts``).
        public var outcomes = 0
        /// Outcomes the method gave a forecast for.
        public var forecasts = 0
        /// Outcomes with both ranges.
        public var withIntervals = 0
        /// Share of outcomes inside the 80 % range (of those with ranges).
        public var coverage80 = Double.nan
        /// Share inside the 95 % range.
        public var coverage95 = Double.nan
        /// Mean absolute error.
        public var mae = Double.nan
        /// Mean absolute scaled error (of the outcomes whose window moved).
        public var mase = Double.nan
        /// Mean 80 % interval score, percent of the range.
        public var intervalScore80 = Double.nan
        /// Mean 95 % interval score, percent of the range.
        public var intervalScore95 = Double.nan
        /// Targets scored.
        public var targets = 0
        /// Share of targets met.
        public var baseRate = Double.nan
        /// Brier score of P(meet).
        public var brier = Double.nan
        /// 1 − Brier / (base rate × (1 − base rate)).
        public var brierSkill = Double.nan
        /// Reliability: 10 bins of P(meet) (0–0.1, …, 0.9–1).
        public var reliability: [ReliabilityBin] = []
    }

    /// One bin of the reliability table.
    public struct ReliabilityBin: Sendable, Equatable {
        /// Lower edge of P(meet).
        public var from: Double
        /// Targets in the bin.
        public var count: Int
        /// Mean P(meet) in the bin.
        public var meanProbability: Double
        /// Share of the bin's targets met.
        public var observedRate: Double
    }

    /// One scored outcome (for aggregation).
    public struct Scored: Sendable {
        /// Window index.
        public var window: Int
        /// Outcome index within the window.
        public var outcome: Int
        /// The forecast.
        public var forecast: OutcomeForecast

        /// A scored forecast.
        public init(window: Int, outcome: Int, forecast: OutcomeForecast) {
            self.window = window
            self.outcome = outcome
            self.forecast = forecast
        }
    }

    /// Forecasts of every outcome of every window by one method: `forecast(window)` returns one
    /// forecast per outcome (nil where the method gives none).
    public static func run(_ windows: [BacktestWindow], _ forecast: (BacktestWindow) -> [OutcomeForecast?]) -> [Scored] {
        var result: [Scored] = []
        for (i, w) in windows.enumerated() {
            let forecasts = forecast(w)
            for (j, f) in forecasts.enumerated() where j < w.outcomes.count {
                if let f { result.append(Scored(window: i, outcome: j, forecast: f)) }
            }
        }
        return result
    }

    /// The ranges used to express interval scores: the bounds' width, or the panel's range of values.
    public static func ranges(_ panel: Panel) -> [String: Double] {
        var lo: [String: Double] = [:], hi: [String: Double] = [:], width: [String: Double] = [:]
        for m in panel.members {
            if let l = m.series.lower, let u = m.series.upper {
                width[m.indicator] = u - l
                continue
            }
            for v in m.series.values {
                lo[m.indicator] = min(lo[m.indicator] ?? v, v)
                hi[m.indicator] = max(hi[m.indicator] ?? v, v)
            }
        }
        for (k, l) in lo where width[k] == nil { width[k] = max((hi[k] ?? l) - l, .leastNormalMagnitude) }
        return width
    }

    /// Aggregates scored forecasts.
    ///
    /// - Parameters:
    ///   - scored: the forecasts.
    ///   - windows: the windows they refer to.
    ///   - ranges: range per indicator (``ranges(_:)``).
    public static func metrics(_ scored: [Scored], windows: [BacktestWindow], ranges: [String: Double]) -> Metrics {
        var m = Metrics()
        var absSum = 0.0, scaledSum = 0.0, scaledCount = 0, in80 = 0, in95 = 0, is80 = 0.0, is95 = 0.0
        var brierSum = 0.0, met = 0
        var bins = [(count: Int, p: Double, met: Int)](repeating: (0, 0, 0), count: 10)
        for s in scored {
            let w = windows[s.window], o = w.outcomes[s.outcome], f = s.forecast
            let y = o.value
            m.forecasts += 1
            m.outcomes += 1
            let e = abs(f.estimate - y)
            absSum += e
            if w.n >= 2 {
                var moves = 0.0
                for k in 1..<w.n {
                    moves += abs(w.series.values[k] - w.series.values[k - 1]) / (w.series.times[k] - w.series.times[k - 1])
                }
                let scale = moves / Double(w.n - 1)
                if scale > 0 {
                    scaledSum += e / scale
                    scaledCount += 1
                }
            }
            if f.hasIntervals {
                m.withIntervals += 1
                let range = ranges[w.indicator] ?? 1
                if y >= f.lower80 && y <= f.upper80 { in80 += 1 }
                if y >= f.lower95 && y <= f.upper95 { in95 += 1 }
                is80 += intervalScore(f.lower80, f.upper80, y, alpha: 0.2) / range * 100
                is95 += intervalScore(f.lower95, f.upper95, y, alpha: 0.05) / range * 100
            }
            let targets = Self.targets(w)
            for (k, target) in targets.enumerated() where k < f.pMeet.count {
                guard let p = f.pMeet[k] else { continue }
                let hit = target.atLeast ? y >= target.value : y <= target.value
                m.targets += 1
                if hit { met += 1 }
                brierSum += (p - (hit ? 1 : 0)) * (p - (hit ? 1 : 0))
                let b = min(Int(p * 10), 9)
                bins[b].count += 1
                bins[b].p += p
                if hit { bins[b].met += 1 }
            }
        }
        if m.forecasts > 0 { m.mae = absSum / Double(m.forecasts) }
        if scaledCount > 0 { m.mase = scaledSum / Double(scaledCount) }
        if m.withIntervals > 0 {
            let n = Double(m.withIntervals)
            m.coverage80 = Double(in80) / n
            m.coverage95 = Double(in95) / n
            m.intervalScore80 = is80 / n
            m.intervalScore95 = is95 / n
        }
        if m.targets > 0 {
            let n = Double(m.targets)
            m.baseRate = Double(met) / n
            m.brier = brierSum / n
            let reference = m.baseRate * (1 - m.baseRate)
            m.brierSkill = reference > 0 ? 1 - m.brier / reference : .nan
            m.reliability = bins.enumerated().map { k, b in
                ReliabilityBin(from: Double(k) / 10, count: b.count, meanProbability: b.count > 0 ? b.p / Double(b.count) : .nan,
                               observedRate: b.count > 0 ? Double(b.met) / Double(b.count) : .nan)
            }
        }
        return m
    }

    /// The interval score of Gneiting & Raftery (2007): width plus 2/α times the distance outside.
    public static func intervalScore(_ l: Double, _ u: Double, _ y: Double, alpha: Double) -> Double {
        (u - l) + (y < l ? 2 / alpha * (l - y) : 0) + (y > u ? 2 / alpha * (y - u) : 0)
    }
}
