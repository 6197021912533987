import Foundation
import Indicators

/// A whole back-test: windows of a panel, the calibration(s) used, and every method's scored forecasts.
public struct BacktestRun: Sendable {
    /// Where the default's calibration comes from.
    public enum Calibration: Sendable {
        /// The shipped table.
        case shipped
        /// A given table.
        case table(CalibrationTable)
        /// Learned from a panel (all of it).
        case learnedFrom(Panel)
        /// Cross-validated by entity: learned on one half of the entities of a panel (nil: the scored
        /// panel), scored on the other half of the scored panel, then the halves swapped.
        case crossValidated(Panel?)
        /// Leave one indicator out: each indicator of the scored panel is scored with a table learned
        /// on the other indicators of a panel (nil: the scored panel); with `byEntity`, also by entity
        /// inside it (learned on the other indicators' entities of one half, scored on this
        /// indicator's entities of the other half, then swapped), so neither the indicator nor the
        /// entity was seen.
        case leaveIndicatorOut(Panel?, byEntity: Bool)
    }

    /// Methods scored by ``run(_:design:calibration:includeTextbook:)``: the calibrated default and,
    /// optionally, the textbook AICc selection with its Student t intervals (the method before).
    public static let defaultMethod = "chiso"
    /// The textbook selection's name in the results.
    public static let textbookMethod = "chiso_textbook"

    /// The windows scored.
    public var windows: [BacktestWindow]
    /// Scored forecasts by method name.
    public var methods: [String: [Backtest.Scored]]
    /// Range per indicator for interval scores.
    public var ranges: [String: Double]
    /// What the default's calibration was learned on, one line per table used.
    public var calibrations: [String]

    /// Runs the back-test of the default (and optionally the textbook selection) on `panel`.
    public static func run(_ panel: Panel, design: WindowDesign, calibration: Calibration,
                           includeTextbook: Bool = false) -> BacktestRun {
        var parts: [(Panel, CalibrationTable)] = []
        switch calibration {
        case .shipped: parts = [(panel, .shipped)]
        case let .table(t): parts = [(panel, t)]
        case let .learnedFrom(source):
            parts = [(panel, CalibrationLearner.learn(BacktestWindow.windows(source, design: .calibration), source: source.source))]
        case let .crossValidated(source):
            let training = source ?? panel
            for fold in 0...1 {
                let learnOn = training.fold(1 - fold)
                let table = CalibrationLearner.learn(BacktestWindow.windows(learnOn, design: .calibration),
                                                     source: "\(training.source), entities of fold \(1 - fold)")
                parts.append((panel.fold(fold), table))
            }
        case let .leaveIndicatorOut(source, byEntity):
            let training = source ?? panel
            let indicators = Array(Set(panel.members.map(\.indicator))).sorted()
            let jobs = indicators.flatMap { i in (byEntity ? [0, 1] : [-1]).map { (i, $0) } }
            // Each job learns its own table: run them on all cores.
            let results = Parallel.map(jobs) { (job: (String, Int)) -> (Panel, CalibrationTable) in
                let (indicator, fold) = job
                var learnOn = Panel(members: training.members.filter { $0.indicator != indicator }, source: training.source)
                var scoreOn = Panel(members: panel.members.filter { $0.indicator == indicator }, source: panel.source)
                if fold >= 0 {
                    learnOn = learnOn.fold(1 - fold)
                    scoreOn = scoreOn.fold(fold)
                }
                let table = CalibrationLearner.learn(BacktestWindow.windows(learnOn, design: .calibration),
                                                     source: "\(training.source) without \(indicator)" + (fold >= 0 ? ", entities of fold \(1 - fold)" : ""))
                return (scoreOn, table)
            }
            parts = results.compactMap { $0 }
        }
        var windows: [BacktestWindow] = []
        var scored: [String: [Backtest.Scored]] = [defaultMethod: []]
        if includeTextbook { scored[textbookMethod] = [] }
        for (testPanel, table) in parts {
            let w = BacktestWindow.windows(testPanel, design: design)
            let offset = windows.count
            func shift(_ s: [Backtest.Scored]) -> [Backtest.Scored] {
                s.map { var c = $0; c.window += offset; return c }
            }
            scored[defaultMethod, default: []] += shift(Backtest.run(w) { forecast($0, request: ForecastRequest(calibration: table)) })
            if includeTextbook {
                scored[textbookMethod, default: []] += shift(Backtest.run(w) { forecast($0, request: ForecastRequest(intervals: .model)) })
            }
            windows += w
        }
        return BacktestRun(windows: windows, methods: scored, ranges: Backtest.ranges(panel),
                           calibrations: parts.map(\.1.source))
    }

    /// One method's forecasts of a window's outcomes through ``Forecaster`` (the one-series path).
    static func forecast(_ w: BacktestWindow, request: ForecastRequest) -> [OutcomeForecast?] {
        var r = request
        r.times = w.outcomes.map(\.t)
        r.peers = w.peers
        guard let f = try? Forecaster.forecast(w.series, r) else { return w.outcomes.map { _ in nil } }
        let targets = Backtest.targets(w)
        return w.outcomes.map { o in
            let d = f.fit.distribution(at: o.t)
            guard d.point.isFinite else { return nil }
            return OutcomeForecast(d, targets: targets)
        }
    }

    /// A group of results: kind, and optionally window size and whole horizon.
    public struct GroupKey: Sendable, Hashable, Comparable {
        /// Indicator kind.
        public var kind: String
        /// Window size, or nil for all.
        public var n: Int?
        /// Horizon rounded to whole years, or nil for all.
        public var h: Int?
        /// Indicator id, or nil for all indicators of the kind.
        public var indicator: String?

        public static func < (a: GroupKey, b: GroupKey) -> Bool {
            (a.kind, a.indicator ?? "", a.n ?? 0, a.h ?? 0) < (b.kind, b.indicator ?? "", b.n ?? 0, b.h ?? 0)
        }
    }

    /// Metrics of a method by group (kind, and as asked window size, horizon, indicator). `only` restricts to the (window, outcome) pairs in it (to compare
    /// two methods on the forecasts both give).
    public func metrics(_ method: String, byN: Bool = true, byH: Bool = false, byIndicator: Bool = false,
                        only: Set<Int64>? = nil) -> [GroupKey: Backtest.Metrics] {
        var groups: [GroupKey: [Backtest.Scored]] = [:]
        for s in methods[method] ?? [] {
            if let only, !only.contains(Self.pairKey(s)) { continue }
            let w = windows[s.window]
            let h = Int(w.outcomes[s.outcome].horizon.rounded())
            let key = GroupKey(kind: w.series.kind.rawValue, n: byN ? w.n : nil, h: byH ? h : nil,
                               indicator: byIndicator ? w.indicator : nil)
            groups[key, default: []].append(s)
        }
        // Every outcome of the group counts, forecast or not (with `only`: the pairs in it).
        var totals: [GroupKey: Int] = [:]
        for (i, w) in windows.enumerated() {
            for (j, o) in w.outcomes.enumerated() {
                if let only, !only.contains(Int64(i) << 20 | Int64(j)) { continue }
                let key = GroupKey(kind: w.series.kind.rawValue, n: byN ? w.n : nil, h: byH ? Int(o.horizon.rounded()) : nil,
                                   indicator: byIndicator ? w.indicator : nil)
                totals[key, default: 0] += 1
            }
        }
        var result: [GroupKey: Backtest.Metrics] = [:]
        for (key, scored) in groups {
            var m = Backtest.metrics(scored, windows: windows, ranges: ranges)
            m.outcomes = max(totals[key] ?? 0, m.forecasts)
            result[key] = m
        }
        for (key, total) in totals where result[key] == nil {
            var m = Backtest.Metrics()
            m.outcomes = total
            result[key] = m
        }
        return result
    }

    /// How coverage of the 80 % range spreads over the indicators of one kind and window size: what
    /// one indicator never seen may get, which a pooled figure (dominated by the largest panels) hides.
    public struct IndicatorSpread: Sendable, Equatable {
        /// Indicators with at least ``minimumOutcomes`` outcomes with a range.
        public var indicators: Int
        /// Mean over them of |coverage of the 80 % range − 0.8|.
        public var meanDeviation80: Double
        /// Of them, those whose 80 % coverage is within 0.05 of 0.8.
        public var within5: Int
        /// The indicator with the lowest 80 % coverage, and that coverage.
        public var lowest: (indicator: String, coverage80: Double)
        /// The indicator with the highest 80 % coverage, and that coverage.
        public var highest: (indicator: String, coverage80: Double)

        /// The fewest outcomes with a range an indicator needs to count.
        public static let minimumOutcomes = 100

        public static func == (a: IndicatorSpread, b: IndicatorSpread) -> Bool {
            a.indicators == b.indicators && a.meanDeviation80 == b.meanDeviation80 && a.within5 == b.within5
                && a.lowest == b.lowest && a.highest == b.highest
        }
    }

    /// ``IndicatorSpread`` of a method by kind and window size (`indicator` nil in the keys).
    public func indicatorSpread(_ method: String) -> [GroupKey: IndicatorSpread] {
        var byGroup: [GroupKey: [(String, Double)]] = [:]
        for (key, m) in metrics(method, byIndicator: true) where m.withIntervals >= IndicatorSpread.minimumOutcomes {
            guard let indicator = key.indicator, m.coverage80.isFinite else { continue }
            byGroup[GroupKey(kind: key.kind, n: key.n), default: []].append((indicator, m.coverage80))
        }
        var result: [GroupKey: IndicatorSpread] = [:]
        for (key, list) in byGroup where !list.isEmpty {
            let sorted = list.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            guard let low = sorted.first, let high = sorted.last else { continue }
            let deviations = list.map { abs($0.1 - 0.8) }
            result[key] = IndicatorSpread(indicators: list.count, meanDeviation80: deviations.reduce(0, +) / Double(list.count),
                                          within5: deviations.filter { $0 <= 0.05 + 1e-12 }.count,
                                          lowest: (low.0, low.1), highest: (high.0, high.1))
        }
        return result
    }

    /// The (window, outcome) pairs a method forecast.
    public func pairs(_ method: String) -> Set<Int64> { Set((methods[method] ?? []).map(Self.pairKey)) }

    static func pairKey(_ s: Backtest.Scored) -> Int64 { Int64(s.window) << 20 | Int64(s.outcome) }
}
