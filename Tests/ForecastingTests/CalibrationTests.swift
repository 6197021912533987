import ChisoTestSupport
import Foundation
import Testing
@testable import Forecasting
@testable import Indicators

/// The calibrated default: its table, its distribution, and its honesty on data whose truth is known.
@Suite struct CalibrationTests {
    /// The table compiled into the library is the committed CSV, and text → table → text is the identity.
    @Test func shippedTableIsTheCommittedCSV() throws {
        let csv = try String(contentsOf: shippedDatasets.appendingPathComponent("calibration/calibration.csv"), encoding: .utf8)
        #expect(CalibrationTable.shippedText + "\n" == csv)
        let table = try CalibrationTable(text: csv)
        #expect(table == CalibrationTable.shipped)
        #expect(table.text() == csv)
        #expect(table.source.contains("Gapminder") && table.source.contains("CC BY 4.0"))
        for family in CalibrationTable.Family.allCases {
            for n in 1...CalibrationTable.maxN { #expect(table.covers(family, n: n), "\(family) n = \(n)") }
        }
    }

    /// A table records what it learned from (indicators, entities, years), writes it as its `corpus`
    /// line and reads it back; a table written before the record has none; a bad record names its line.
    @Test func tableRecordsItsCorpus() throws {
        var members: [Panel.Member] = []
        for (i, indicator) in ["a", "b"].enumerated() {
            for e in 0..<3 {
                let times = (0..<6).map { Double(2010 + i + $0) + 0.5 }
                members.append(Panel.Member(indicator: indicator, entity: "e\(e)", series: Series(
                    name: "\(indicator)/e\(e)", kind: .share, lower: 0, upper: 100, times: times, values: times.map { 10 + 3 * ($0 - 2010) + Double(e) })))
            }
        }
        let windows = BacktestWindow.windows(Panel(members: members, source: "t"), design: .calibration)
        let table = CalibrationLearner.learn(windows, maxHorizon: 3, minimumCount: 10, source: "t", widen: false)
        // Points from 2010 (a) and 2011 (b); outcomes up to b's last year, 2016.
        #expect(table.corpus == CalibrationTable.Corpus(indicators: 2, entities: 3, firstYear: 2010, lastYear: 2016))
        let text = table.text()
        #expect(text.contains("\ncorpus,,,,,,,2;3;2010;2016\n"))
        let read = try CalibrationTable(text: text)
        #expect(read.corpus == table.corpus && read.text() == text)
        #expect(try CalibrationTable(text: "settings,,,,,,,10;100\n").corpus == nil)
        #expect(throws: CalibrationTable.FormatError(line: 2, problem: .badCorpus)) {
            try CalibrationTable(text: "settings,,,,,,,10;100\ncorpus,,,,,,,2;3;2016\n")
        }
        // The shipped table's record: both corpora (12 + 15 indicators) over some 210 countries and the
        // second corpus' regions and municipalities, 1960 to 2025 (one outcome of the first corpus is of 2025).
        let shipped = try #require(CalibrationTable.shipped.corpus)
        #expect(shipped == CalibrationTable.Corpus(indicators: 27, entities: 1958, firstYear: 1960, lastYear: 2025), "\(shipped)")
    }

    @Test func quantileAndCDFAreInverses() {
        let q = CalibrationTable.probabilities.map { p in -1.5 + 3 * p * p }   // increasing, skewed
        for p in stride(from: 0.001, through: 0.999, by: 0.0137) {
            #expect(abs(ErrorQuantiles.cdf(q, ErrorQuantiles.quantile(q, p)) - p) < 1e-9, "p = \(p)")
        }
        // On the grid, quantiles are the stored values.
        for (k, p) in CalibrationTable.probabilities.enumerated() { #expect(abs(ErrorQuantiles.quantile(q, p) - q[k]) < 1e-12) }
    }

    @Test func textErrorsNameTheLine() {
        #expect(throws: CalibrationTable.FormatError(line: 2, problem: .unknownRecord("cel"))) {
            try CalibrationTable(text: "settings,,,,,,,10;100\ncel,share,1,1,any,any,200,1\n")
        }
        #expect(throws: CalibrationTable.FormatError.self) { try CalibrationTable(text: "record,family\n") }
    }

    /// Every valid series gets a forecast with intervals inside its bounds: one point, two, constant,
    /// on a bound, counts at zero.
    @Test func everyValidSeriesIsForecast() throws {
        let cases: [Series] = [
            Series(name: "one", kind: .share, lower: 0, upper: 100, times: [2024.5], values: [37]),
            Series(name: "two", kind: .share, lower: 0, upper: 100, times: [2023.5, 2024.5], values: [37, 41]),
            Series(name: "constant", kind: .share, lower: 0, upper: 100, times: [2023.5, 2024.5], values: [95, 95]),
            Series(name: "at 100", kind: .share, lower: 0, upper: 100, times: [2022.5, 2023.5, 2024.5], values: [98, 100, 100]),
            Series(name: "at 0", kind: .share, lower: 0, upper: 100, times: [2023.5, 2024.5], values: [0, 0]),
            Series(name: "counts", kind: .count, lower: 0, times: [2022.5, 2023.5, 2024.5], values: [0, 3, 7]),
            Series(name: "score", kind: .score, lower: 0, upper: 1000, times: [2021.5, 2023.5], values: [420, 515]),
            Series(name: "rank", kind: .rank, lower: 1, upper: 8, direction: .down, times: [2022.5, 2023.5], values: [5, 3]),
        ]
        for s in cases {
            let f = try Forecaster.forecast(s, ForecastRequest(years: [2025, 2030], target: (s.values[0] + 1, 2030, nil)))
            #expect(f.fit.model == .calibrated && !f.insufficientData, "\(s.name)")
            for p in f.projections {
                let i80 = try #require(p.intervals.first { $0.level == 80 }), i95 = try #require(p.intervals.first { $0.level == 95 })
                let l95 = try #require(i95.lower), u95 = try #require(i95.upper), l80 = try #require(i80.lower), u80 = try #require(i80.upper)
                #expect(l95 <= l80 && l80 <= p.estimate && p.estimate <= u80 && u80 <= u95, "\(s.name) \(p.t)")
                #expect(l95 >= (s.lower ?? -.infinity) && u95 <= (s.upper ?? .infinity), "\(s.name) \(p.t)")
            }
            let target = try #require(f.target)
            #expect(target.pMeet != nil && target.status != .insufficientData, "\(s.name)")
        }
        // Values too large to square (sums of squares would overflow to inf): refused in one line,
        // never a blank projection beside a P(meet).
        let huge = Series(name: "huge", kind: .count, lower: 0, times: [2019.5, 2020.5, 2021.5], values: [1e308, 1.2e308, 1.4e308])
        #expect(throws: ForecastError.invalidSeries("huge", .beyondLargest(value: 1e308, time: 2019.5))) {
            try Forecaster.forecast(huge, ForecastRequest(years: [2025], target: (1.7e308, 2025, nil)))
        }
        // An empty series is still refused, in one line.
        #expect(throws: ForecastError.tooFewPoints("empty", count: 0)) {
            try Forecaster.forecast(Series(name: "empty", kind: .share, lower: 0, upper: 100, times: [], values: []), ForecastRequest(years: [2025]))
        }
    }

    /// On synthetic series whose movements are exchangeable across entities (random walks with
    /// drift on the logit scale), ranges learned on half the entities cover the other half's
    /// outcomes at their nominal rates: an independent check of the learner and the harness.
    @Test func crossValidatedCoverageIsNominalOnExchangeableSeries() {
        var rng = SplitMix64(state: 42)
        func normal() -> Double {
            let u = max(Double.random(in: 0..<1, using: &rng), 1e-12), v = Double.random(in: 0..<1, using: &rng)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        var members: [Panel.Member] = []
        for e in 0..<800 {
            var z = Double.random(in: -3...1, using: &rng)
            let drift = Double.random(in: 0...0.3, using: &rng)
            var times: [Double] = [], values: [Double] = []
            for year in 2000..<2016 {
                times.append(Double(year) + 0.5)
                values.append((100 / (1 + exp(-z)) * 1000).rounded() / 1000)
                z += drift + 0.15 * normal()
            }
            members.append(Panel.Member(indicator: "x", entity: "e\(e)", series: Series(
                name: "x/e\(e)", kind: .share, lower: 0, upper: 100, times: times, values: values)))
        }
        let run = BacktestRun.run(Panel(members: members, source: "synthetic"), design: WindowDesign(sizes: [1, 3], maxHorizon: 4),
                                  calibration: .crossValidated(nil))
        for (key, m) in run.metrics(BacktestRun.defaultMethod) {
            #expect(abs(m.coverage80 - 0.8) < 0.03 && abs(m.coverage95 - 0.95) < 0.02, "\(key): \(m.coverage80) \(m.coverage95)")
            #expect(m.withIntervals == m.forecasts && m.brierSkill > 0.25, "\(key)")
        }
    }

    /// Ranks are the same latent movement seen through fields of different sizes: entities' places
    /// in the field (0…1) take random-walk steps of 0.03 a year, and the rank among N is the N-th of
    /// the field the place falls in. A table learned on ranks among 8 (which hold in most years) scores
    /// ranks among 120 (which move about 3 places a year): on average, P(rank 1, 2 or 3 places better)
    /// is within 0.05 of the rate met, and the 95 % ranges cover at least their nominal rate less 3.5
    /// points. Learned on the centre of each place, the sticky ranks' errors were mostly exactly 0, and
    /// the wide field's ranks were told they would hold as surely (mean P far below the rate met).
    /// Not claimed: every reliability bin within 0.1 (at n = 3 two bins of a few hundred targets miss
    /// by 0.11–0.13).
    @Test func rankMovementCarriesAcrossFieldSizes() {
        var rng = SplitMix64(state: 7)
        func normal() -> Double {
            let u = max(Double.random(in: 0..<1, using: &rng), 1e-12), v = Double.random(in: 0..<1, using: &rng)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        func panel(field: Int, entities: Int, name: String) -> Panel {
            var members: [Panel.Member] = []
            for e in 0..<entities {
                var x = Double.random(in: 0..<1, using: &rng)
                var times: [Double] = [], values: [Double] = []
                for year in 2000..<2014 {
                    times.append(Double(year) + 0.5)
                    values.append(min((x * Double(field)).rounded(.down) + 1, Double(field)))
                    x += 0.03 * normal()
                    if x < 0 { x = -x }
                    if x >= 1 { x = 2 - x - 1e-9 }
                }
                members.append(Panel.Member(indicator: name, entity: "e\(e)", series: Series(
                    name: "\(name)/e\(e)", kind: .rank, lower: 1, upper: Double(field), direction: .down, times: times, values: values)))
            }
            return Panel(members: members, source: name)
        }
        let sticky = panel(field: 8, entities: 800, name: "among8"), wide = panel(field: 120, entities: 300, name: "among120")
        let run = BacktestRun.run(wide, design: WindowDesign(sizes: [1, 3], maxHorizon: 4), calibration: .learnedFrom(sticky))
        let metrics = run.metrics(BacktestRun.defaultMethod)
        #expect(metrics.count == 2)
        for (key, m) in metrics {
            let bins = m.reliability.filter { $0.count > 0 }
            let targets = Double(bins.reduce(0) { $0 + $1.count })
            let meanP = bins.reduce(0) { $0 + Double($1.count) * $1.meanProbability } / targets
            #expect(abs(meanP - m.baseRate) <= 0.05, "\(key): mean P \(meanP), met \(m.baseRate)")
            #expect(m.baseRate > 0.3, "\(key): \(m.baseRate)")
            #expect(m.coverage95 >= 0.95 - 0.035, "\(key): \(m.coverage95)")
        }
    }

    @Test func intervalScoreAndWindows() throws {
        #expect(Backtest.intervalScore(0, 10, 5, alpha: 0.05) == 10)
        #expect(Backtest.intervalScore(0, 10, 12, alpha: 0.05) == 90)
        #expect(Backtest.intervalScore(0, 10, -1, alpha: 0.2) == 20)
        let a = Series(name: "a", kind: .share, lower: 0, upper: 100, times: [2001.5, 2002.5, 2003.5, 2005.5], values: [10, 20, 30, 50])
        let b = Series(name: "b", kind: .share, lower: 0, upper: 100, times: [2001.5, 2002.5], values: [40, 44])
        let panel = Panel(members: [.init(indicator: "s", entity: "a", series: a), .init(indicator: "s", entity: "b", series: b)], source: "t")
        let windows = BacktestWindow.windows(panel, design: WindowDesign(sizes: [1, 2], maxHorizon: 2))
        // a: origins 2001.5 (n = 1; outcomes 1, 2 years on), 2002.5 (n = 1, 2; outcome 1), 2003.5 (n = 1, 2; outcome 2);
        // b: origin 2001.5 (n = 1; outcome 1).
        #expect(windows.count == 6)
        #expect(windows.map(\.outcomes.count) == [2, 1, 1, 1, 1, 1])
        // The one-point window of a at 2002.5 borrows b's slope up to 2002.5 (and never its own).
        let w = try #require(windows.first { $0.entity == "a" && $0.n == 1 && $0.origin == 2002.5 })
        let scale = Scale.censoredLogit(lower: 0, upper: 100, shift: CalibratedTrend.boundaryShift)
        let bSlope = scale.forward(44) - scale.forward(40)
        #expect(abs(try #require(w.peers.slope) - bSlope) < 1e-12)
        #expect(windows.first { $0.entity == "b" }?.peers.slope == nil)   // a has one point by 2001.5

        // Outcomes a method gives no forecast for still count against its "% with range": the textbook
        // selection cannot fit one point, the default forecasts all five one-point outcomes.
        let run = BacktestRun.run(panel, design: WindowDesign(sizes: [1, 2], maxHorizon: 2), calibration: .shipped, includeTextbook: true)
        let key = BacktestRun.GroupKey(kind: "share", n: 1, h: nil)
        let textbook = try #require(run.metrics(BacktestRun.textbookMethod)[key]), ours = try #require(run.metrics(BacktestRun.defaultMethod)[key])
        #expect(textbook.outcomes == 5 && textbook.forecasts == 0 && textbook.withIntervals == 0)
        #expect(ours.outcomes == 5 && ours.forecasts == 5 && ours.withIntervals == 5)
    }

    /// The spread of 80 % coverage over indicators, counted by hand: A covers 80 of its 100 outcomes,
    /// B 60, C 95; D has 50 outcomes (fewer than the minimum) and does not count.
    @Test func indicatorSpreadIsCountedByIndicator() throws {
        var windows: [BacktestWindow] = [], scored: [Backtest.Scored] = []
        for (name, count, inside) in [("A", 100, 80), ("B", 100, 60), ("C", 100, 95), ("D", 50, 0)] {
            let series = Series(name: name, kind: .share, lower: 0, upper: 100, times: [2000], values: [50])
            let outcomes = (0..<count).map { _ in BacktestWindow.Outcome(t: 2001, value: 50, horizon: 1) }
            windows.append(BacktestWindow(indicator: name, entity: "e", series: series, outcomes: outcomes, peers: .none))
            for j in 0..<count {
                // Inside: a range around 50; outside: a range above it.
                let (lo, hi) = j < inside ? (40.0, 60.0) : (70.0, 80.0)
                scored.append(Backtest.Scored(window: windows.count - 1, outcome: j,
                                              forecast: OutcomeForecast(estimate: 50, lower80: lo, upper80: hi, lower95: lo, upper95: hi, pMeet: [])))
            }
        }
        let run = BacktestRun(windows: windows, methods: [BacktestRun.defaultMethod: scored], ranges: [:], calibrations: [])
        let spread = try #require(run.indicatorSpread(BacktestRun.defaultMethod)[BacktestRun.GroupKey(kind: "share", n: 1)])
        #expect(spread.indicators == 3 && spread.within5 == 1)
        #expect(abs(spread.meanDeviation80 - (0 + 0.2 + 0.15) / 3) < 1e-12)
        #expect(spread.lowest.indicator == "B" && abs(spread.lowest.coverage80 - 0.6) < 1e-12)
        #expect(spread.highest.indicator == "C" && abs(spread.highest.coverage80 - 0.95) < 1e-12)
    }

    /// A count's level among its peers: its fraction of the highest peer value, counted by hand.
    @Test func peerLevelIsTheFractionOfTheFrontier() throws {
        let sorted: [Double] = [1, 2, 2, 3, 5, 8, 13]
        #expect(abs(try #require(PeerLevel.fraction(3, among: sorted)) - 3.0 / 13) < 1e-15)
        // The series itself removed: still 3 / 13 (the leader is another entity).
        #expect(abs(try #require(PeerLevel.fraction(3, among: sorted, excludingOne: true)) - 3.0 / 13) < 1e-15)
        // The leader itself removed: its frontier is the next value, 13 / 8.
        #expect(abs(try #require(PeerLevel.fraction(13, among: sorted, excludingOne: true)) - 13.0 / 8) < 1e-15)
        #expect(PeerLevel.fraction(0, among: sorted) == 0 && PeerLevel.fraction(26, among: sorted) == 2)
        // Every peer at 0: a positive value is infinitely far ahead, a zero level with them.
        #expect(PeerLevel.fraction(1, among: [0, 0, 0, 0, 0]) == .infinity && PeerLevel.fraction(0, among: [0, 0, 0, 0, 0]) == 0)
        // Fewer than five peers: no level.
        #expect(PeerLevel.fraction(3, among: [1, 2, 3, 4, 5], excludingOne: true) == nil)
        let peers = (0..<6).map { k in Series(name: "p\(k)", kind: .count, lower: 0, times: [2020.5, 2023.5], values: [1, Double(k * 10)]) }
        // Up to 2021 every peer's latest value is 1; by 2024 they are 0, 10, …, 50.
        #expect(PeerLevel.of(1, among: peers, upTo: 2021) == 1)
        #expect(abs(try #require(PeerLevel.of(25, among: peers, upTo: 2024)) - 0.5) < 1e-15)
    }

    /// The count family's level bins are the deciles of the training windows' fractions: each holds
    /// about a tenth of the windows, and the text form keeps the edges.
    @Test func countLevelEdgesAreDeciles() throws {
        let table = CalibrationTable.shipped
        let edges = table.countLevelEdges
        #expect(edges.count == CalibrationTable.countLevelBins - 1)
        // Increasing; the lowest is 0 on the corpus (a tenth of the windows stand at 0, before adoption).
        #expect(zip(edges, edges.dropFirst()).allSatisfy { $0 <= $1 } && (edges.first ?? -1) >= 0 && (edges.last ?? 0) < 1)
        for (k, edge) in edges.enumerated() where edges.last(where: { $0 <= edge }) == edge {
            #expect(table.peerLevelBin(edge) == edges.lastIndex(of: edge).map { $0 + 1 })
            #expect(table.peerLevelBin(edge.nextDown) <= k)
        }
        #expect(table.peerLevelBin(.infinity) == CalibrationTable.countLevelBins - 1)
        let read = try CalibrationTable(text: table.text())
        #expect(read.countLevelEdges == edges)
    }

    /// Values within 0.05 % of a bound stay apart on the natural scale, so a range near the top can
    /// hold a real 99.9 % after a 99.6 % (the 0.5 % censoring of the textbook logit read both as 100 %).
    @Test func valuesNearABoundStayApart() throws {
        let s = Series(name: "near top", kind: .share, lower: 0, upper: 100, times: [2022.5, 2023.5, 2024.5], values: [99.2, 99.5, 99.6])
        let trend = try #require(CalibratedTrend(s, table: .shipped))
        #expect(trend.scale.forward(99.6) < trend.scale.forward(99.9) && trend.scale.forward(99.9) < trend.scale.forward(100))
        let d = trend.distribution(at: 2026.5)
        let (lo, hi) = d.interval(level: 0.8)
        #expect(lo < 99.6 && hi > 99.6 && hi <= 100 && d.point >= lo && d.point <= hi, "\(lo) \(d.point) \(hi)")
    }
}
