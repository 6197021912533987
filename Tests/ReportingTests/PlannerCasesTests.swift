import ChisoTestSupport
import Forecasting
import Foundation
import Indicators
@testable import Reporting
import Testing

/// The three planner cases of the forecasting issue, on `Fixtures/planner-province` (a province and
/// six districts, 2020–2024; see its README), forecast with the shipped calibration as the report
/// forecasts them (each series with its indicator's other entities as peers). Each expectation says
/// why it is the right behaviour.
@Suite struct PlannerCasesTests {
    static func fixture() throws -> Dataset {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("planner-province") else {
            throw FixtureError("fixture missing")
        }
        return try DatasetLoader.loadValid(directory: url.path)
    }

    static func row(_ table: GapTable, _ indicator: String, _ entity: String) throws -> GapRow {
        try #require(table.rows.first { $0.indicator.id == indicator && $0.entity.id == entity })
    }

    /// Đông Hà's DTI score: 512.4, 588.1, 641.3 (2022–2024), +64.45 a year; the 2030 target 850 needs
    /// +34.78 a year. Whatever the projection says, a reader must be able to reproduce the status from
    /// the paces printed in the row (achieved, required and the projected pace the status uses), and the
    /// status must agree with P(meet) or the row says why: that is what lets a planner defend the row.
    /// The projected pace may be slower than the achieved one (scores that rose this fast in the corpora
    /// mostly slowed down), but it is measured in this indicator's own movement (the other districts'),
    /// so it is never the HDI's crawl: the district keeps more than a tenth of its pace.
    @Test func dtiRowTellsOneStory() throws {
        let table = GapTable.build(try Self.fixture())
        let row = try Self.row(table, "dti_score", "dong_ha")
        let a = try #require(row.forecast?.target)
        #expect(abs(try #require(a.achievedChangePerYear) - 64.45) < 1e-9)
        #expect(abs(a.requiredChangePerYear - (850 - 641.3) / 6) < 1e-9)
        let projected = try #require(a.projectedChangePerYear)
        // A score's progress is read in its own units: the ratio is the projected over the required pace.
        #expect(a.progressScale == .values)
        let ratio = projected / a.requiredChangePerYear
        #expect(abs(try #require(a.progressRatio) - ratio) < 1e-9)
        let status: TargetAssessment.Status = ratio >= StatusThresholds.onTrack ? .onTrack
            : ratio >= StatusThresholds.needsAcceleration ? .needsAcceleration : ratio >= StatusThresholds.offTrack ? .offTrack : .movingAway
        #expect(row.status == status)
        let p = try #require(a.pMeet)
        let agrees = [.onTrack, .achieved].contains(row.status) == (p >= 0.5)
        #expect(agrees || row.remark == .statusDisagreesWithPMeet)
        // The crossing year and P(meet) read the same median path.
        if let crossing = a.crossingYear { #expect((crossing <= 2030) == (p >= 0.5)) }
        #expect(projected > 0.1 * 64.45)
        // The ranges come from how this indicator moved in the six districts.
        #expect(row.forecast?.fit.notes.contains(.unitFromPeers(peers: 6)) == true)
    }

    /// Hướng Hóa ranks 5, 5, 5 among 6 districts (2022–2024) and aims at rank 3 or better in 2025.
    /// A flat rank is a rank that held, not a collapse: its status follows its progress ratio (0: off
    /// track), never "moving away"; its 80 % range is at least one place wide (the field's scores keep
    /// moving, so the rank can move); and P(rank ≤ 3 one year on) is near the rate at which flat ranks in
    /// the lower half of a field of 6–15 moved that far in the rank panels of the second corpus: of 7,389
    /// such windows 56 moved two places up within a year (0.76 %) and 3 reached rank 3 or better
    /// (`Tests/Backtest/flat_rank_rate.py`), so within 0.1 of 0.0076.
    @Test func flatRankIsARankThatHeld() throws {
        let table = GapTable.build(try Self.fixture())
        let row = try Self.row(table, "dti_rank", "huong_hoa")
        let a = try #require(row.forecast?.target)
        #expect(row.status != .movingAway)
        #expect(row.status == .offTrack)
        let projection = try #require(row.forecast?.projections.first)
        let i80 = try #require(projection.intervals.first { $0.level == 80 })
        #expect(try #require(i80.upper) - (try #require(i80.lower)) >= 1)
        #expect(abs(try #require(a.pMeet) - 0.0076) <= 0.1)
        // A rank has no relative gap in percent.
        #expect(row.relativeGap == nil)
    }

    /// The province's online dossiers: 45,210 → 88,160 → 150,870 → 238,450 → 356,120 (2020–2024).
    /// While its trend rises the medians do not fall, and its 2030 upper 95 % stays below what its own
    /// fastest year (×1.95, 2020→2021) would reach if sustained for six years (19.6 million; the corpora's
    /// largest six-year ratios, up to 25,000× from near zero, are no guide for a count already this large).
    @Test func countStaysWithinItsOwnFastestPace() throws {
        let table = ProjectionTable.build(try Self.fixture(), years: Array(2025...2030), minimumPoints: 1)
        let row = try #require(table.rows.first { $0.indicator.id == "online_dossiers" && $0.entity.id == "tinh" })
        let medians = row.forecast.projections.map(\.estimate)
        #expect(medians.count == 6)
        for (a, b) in zip(medians, medians.dropFirst()) { #expect(b >= a) }
        let last = try #require(row.forecast.projections.last)
        let upper95 = try #require(last.intervals.first { $0.level == 95 }?.upper)
        #expect(upper95 < 356_120 * pow(88_160.0 / 45_210, 6))
        #expect(upper95 > 356_120)
    }
}

/// Every fan chart a planner sees reads as one movement: in the indicator's units each of the median
/// and the 80 and 95 % bounds changes direction at most once along the projected years (no zig-zag).
@Suite struct FanSmoothnessTests {
    static func turns(_ values: [Double]) -> Int {
        var turns = 0, direction = 0
        for (a, b) in zip(values, values.dropFirst()) {
            let d = b - a
            guard abs(d) > 1e-9 * max(1, abs(a)) else { continue }
            let s = d > 0 ? 1 : -1
            if direction != 0 && s != direction { turns += 1 }
            direction = s
        }
        return turns
    }

    static func check(_ data: Dataset, label: String) {
        var charts: [FanChart] = GapTable.build(data).rows.compactMap(\.chart)
        charts += ProjectionTable.build(data, years: Array(2025...2030), minimumPoints: 1).rows.map(\.chart)
        #expect(!charts.isEmpty)
        for chart in charts {
            let bands: [(String, [Double?])] = [("median", chart.path.map(\.median)), ("lo80", chart.path.map(\.lo80)),
                                                ("hi80", chart.path.map(\.hi80)), ("lo95", chart.path.map(\.lo95)),
                                                ("hi95", chart.path.map(\.hi95))]
            for (name, band) in bands {
                let values = band.compactMap { $0 }
                #expect(turns(values) <= 1, "\(label): \(chart.title.en) \(name) \(values)")
            }
        }
    }

    @Test func shippedReportFans() throws {
        Self.check(try DatasetLoader.loadValid(directory: shippedDatasets.path), label: "Datasets")
    }

    @Test func plannerFixtureFans() throws {
        Self.check(try PlannerCasesTests.fixture(), label: "planner-province")
    }
}
