import Forecasting
import Foundation
import Testing

/// Status rules, P(meet), selection rules and pooling on small hand-made series with known answers.
struct TargetAndSelectionTests {
    static func share(_ values: [Double], start: Double = 2019.5) -> Series {
        Series(name: "test", kind: .share, lower: 0, upper: 100, times: values.indices.map { start + Double($0) }, values: values)
    }

    @Test func statusFollowsTheProgressRatio() throws {
        // Logit scale: achieved = (logit(.30) − logit(.10))/3 per year; required = (logit(.50) − logit(.30))/(2025.5 − 2022.5).
        let s = Self.share([10, 15, 22, 30])
        let fit = try TrendFit.fit(s, model: .linear)
        func logit(_ p: Double) -> Double { log(p / (1 - p)) }
        let achieved = (logit(0.30) - logit(0.10)) / 3
        let onTrack = try TargetAssessment.assess(s, fit: fit, value: 50, year: 2025)
        let required = (logit(0.50) - logit(0.30)) / 3
        #expect(abs((onTrack.achievedAnnualChange ?? 0) - achieved) < 1e-12)
        #expect(abs((onTrack.requiredAnnualChange ?? 0) - required) < 1e-12)
        #expect(abs((onTrack.progressRatio ?? 0) - achieved / required) < 1e-12)
        #expect(onTrack.status == .onTrack)   // ratio 1.72
        // A far target: required (logit(.95) − logit(.30))/3 = 1.26/yr, ratio 0.36 → off track.
        #expect(try TargetAssessment.assess(s, fit: fit, value: 95, year: 2025).status == .offTrack)
        // Ratio in [0.6, 0.95): required (logit(.75) − logit(.3))/3 = 0.649/yr → ratio 0.694.
        let accelerate = try TargetAssessment.assess(s, fit: fit, value: 75, year: 2025)
        #expect((accelerate.progressRatio ?? 0) >= 0.6 && (accelerate.progressRatio ?? 1) < 0.95)
        #expect(accelerate.status == .needsAcceleration)
        // Already there.
        #expect(try TargetAssessment.assess(s, fit: fit, value: 25, year: 2025).status == .achieved)
        // Falling series with a rising target.
        let falling = Self.share([30, 26, 22, 15])
        let away = try TargetAssessment.assess(falling, fit: try TrendFit.fit(falling, model: .linear), value: 50, year: 2025)
        #expect(away.status == .movingAway && (away.progressRatio ?? 0) < 0)
        #expect(away.crossingYear == nil)
    }

    @Test func atMostTargetsAndRanks() throws {
        // A rank (lower is better) falling from 62 to 48 with a target of at most 40 by 2025.
        let rank = Series(name: "rank", kind: .rank, lower: 1, upper: 63, direction: .down, times: [2015.5, 2017.5, 2019.5], values: [62, 55, 48])
        let fit = try TrendFit.fit(rank, model: .linear)
        let a = try TargetAssessment.assess(rank, fit: fit, value: 40, year: 2025, atLeast: false)
        #expect(a.atLeast == false)
        // Achieved −3.5/yr, required (40 − 48)/6 = −1.33/yr: ratio 2.6, on track.
        #expect(abs((a.progressRatio ?? 0) - 3.5 / (8.0 / 6)) < 1e-12)
        #expect(a.status == .onTrack)
        // Median 48 − 3.5(t − 2019.5) ≤ 40 from t = 2021.79; flow year Y is read at Y + 0.5: 2022.
        #expect(a.crossingYear == 2022)
    }

    @Test func pMeetAgreesWithTheIntervals() throws {
        let s = Self.share([10, 15, 22, 30, 33])
        let fit = try TrendFit.fit(s, model: .logit)
        let d = fit.distribution(at: 2025.5)
        let (lo, hi) = d.interval(level: 0.95)
        #expect(abs(d.probability(atLeast: true, hi) - 0.025) < 1e-12)
        #expect(abs(d.probability(atLeast: false, lo) - 0.025) < 1e-12)
        #expect(abs(d.probability(atLeast: true, d.median) - 0.5) < 1e-12)
        let a = try TargetAssessment.assess(s, fit: fit, value: hi, year: 2025)
        #expect(abs((a.pMeet ?? 0) - 0.025) < 1e-12)
    }

    @Test func targetAtTheBoundIsReadJustInside() throws {
        let s = Self.share([40, 55, 70, 80, 88])
        let a = try TargetAssessment.assess(s, fit: try TrendFit.fit(s, model: .logit), value: 100, year: 2030)
        #expect(a.notes.first?.description.contains("read as ≥ 99.5") == true)
        #expect((a.pMeet ?? 0) > 0)
    }

    @Test(arguments: [UInt64(11), 12, 13, 14])
    func logitAndLoglinearStayInTheirRanges(seed: UInt64) throws {
        for s in BatchTests.randomShares(seed: seed, count: 100) where s.count >= 3 {
            let fit = try TrendFit.fit(s, model: .logit)
            for t in [2025.5, 2030.5, 2050.5] {
                let (lo, hi) = fit.distribution(at: t).interval(level: 0.99)
                #expect(lo >= 0 && hi <= 100 && fit.distribution(at: t).median >= 0)
            }
            var positive = s
            positive.kind = .count
            positive.upper = nil
            // loglinear applies to positive values only (some series start at 0 %).
            guard positive.values.allSatisfy({ $0 > 0 }) else { continue }
            let logFit = try TrendFit.fit(positive, model: .loglinear)
            #expect(logFit.distribution(at: 2040.5).interval(level: 0.99).lower >= 0)
        }
    }

    @Test func selectionRules() throws {
        // n ≤ 3: by kind.
        let short = try Forecaster.forecast(Self.share([5, 9, 14]), ForecastRequest(intervals: .model, years: [2025]))
        #expect(short.fit.model == .logit && short.reason == .byKind(n: 3, kind: .share, model: .logit))
        // n = 4: AICc undefined for 3-parameter models; LOO decides.
        let four = try Forecaster.forecast(Self.share([5, 9, 14, 21]), ForecastRequest(intervals: .model, years: [2025]))
        #expect({ if case .lowestLOO(n: 4, _) = four.reason { true } else { false } }())
        // A linear median that would leave [0, 100] is never chosen.
        let steep = try Forecaster.forecast(Self.share([20, 40, 60, 75, 90, 96]), ForecastRequest(intervals: .model, years: [2030]))
        #expect(steep.fit.model != .linear)
        #expect({ if case .pointLeavesBounds = steep.candidates.first(where: { $0.model == .linear })?.excluded { true } else { false } }())
        // Every candidate listed, exactly one chosen.
        #expect(steep.candidates.filter(\.chosen).count == 1)
    }

    @Test func poolingGivesIntervalsToTwoPointSeries() throws {
        let two = Series(name: "a", kind: .score, lower: 0, upper: 1000, times: [2022.5, 2023.5], values: [630.32, 655.26])
        let others = [
            Series(name: "b", kind: .score, lower: 0, upper: 1000, times: [2020.5, 2021.5, 2022.5, 2023.5], values: [500, 530, 545, 580]),
            Series(name: "c", kind: .score, lower: 0, upper: 1000, times: [2021.5, 2022.5, 2023.5], values: [600, 610, 640]),
        ]
        let alone = try Forecaster.forecast(two, ForecastRequest(model: .linear, years: [2025]))
        #expect(alone.insufficientData && alone.projections[0].intervals[0].lower == nil)
        let pooled = try Forecaster.forecast(two, ForecastRequest(model: .linear, years: [2025]), pool: others)
        #expect(pooled.fit.isPooled && pooled.fit.dfResidual == 3)
        let b = try TrendFit.fit(others[0], model: .linear), c = try TrendFit.fit(others[1], model: .linear)
        #expect(abs(pooled.fit.sigma2 - (b.sigma2 * 2 + c.sigma2 * 1) / 3) < 1e-9)
        #expect(pooled.projections[0].intervals.allSatisfy { ($0.lower ?? .nan) < ($0.upper ?? .nan) })
    }
}
