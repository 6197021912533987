import ChisoTestSupport
import Forecasting
import Foundation
import Indicators
@testable import Reporting
import Testing

/// The comparison of entities on one indicator, checked against values worked out by hand (the
/// arithmetic is written beside each expectation).
@Suite struct EntityComparisonTests {
    /// A province, five districts and one department; a share with counts, a score, a count and a
    /// rank. Values chosen so that ranks tie and move.
    static func dataset(provinceTarget: Double = 50, provinceOwn: Bool = false, provinceApart: Bool = false) -> Dataset {
        let share = Indicator(id: "s", nameVi: "Tỷ lệ", nameEn: "Share", unit: .percent, kind: .share, lower: 0, upper: 100,
                              direction: .up, measure: .flow)
        let score = Indicator(id: "d", nameVi: "Điểm", nameEn: "Score", unit: .score, kind: .score, lower: 0, upper: 1000,
                              direction: .up, measure: .flow)
        let rank = Indicator(id: "r", nameVi: "Hạng", nameEn: "Rank", unit: .rank, kind: .rank, lower: 1, upper: 5,
                             direction: .down, measure: .flow)
        let count = Indicator(id: "c", nameVi: "Số hồ sơ", nameEn: "Dossiers", unit: .count, kind: .count, lower: 0, upper: nil,
                              direction: .up, measure: .flow)
        var entities = [Entity(id: "p", nameVi: "tỉnh P", nameEn: "P province", level: .province)]
        for k in 1...5 { entities.append(Entity(id: "d\(k)", nameVi: "huyện \(k)", nameEn: "district \(k)", level: .district, parent: "p")) }
        entities.append(Entity(id: "dep", nameVi: "Sở A", nameEn: "Department A", level: .department, parent: "p"))
        var o: [Observation] = []
        func add(_ i: String, _ e: String, _ y: Int, _ v: Double, _ n: Double? = nil, _ d: Double? = nil) {
            o.append(Observation(indicator: i, entity: e, period: .year(y), value: v, numerator: n, denominator: d, source: "src"))
        }
        // The share: 2023 and 2024 counts per district (rate = n / d).
        let shares: [(String, [(Double, Double)])] = [
            ("d1", [(300, 1000), (450, 1000)]),  // 30 % → 45 %
            ("d2", [(200, 500), (200, 500)]),    // 40 % → 40 %
            ("d3", [(100, 400), (160, 400)]),    // 25 % → 40 %
            ("d4", [(50, 200), (40, 200)]),      // 25 % → 20 %
            ("d5", [(90, 300), (60, 300)]),      // 30 % → 20 %
        ]
        for (e, pairs) in shares {
            for (k, (n, d)) in pairs.enumerated() { add("s", e, 2023 + k, 100 * n / d, n, d) }
        }
        // The department has the share too (another level: never ranked with the districts).
        add("s", "dep", 2024, 99, 99, 100)
        if provinceOwn { add("s", "p", 2024, 40, 960, 2400) }
        if provinceApart {
            // A province whose own figures are far from its districts' (85 %, 90 % against 30–45 %).
            add("s", "p", 2023, 85, 2040, 2400)
            add("s", "p", 2024, 90, 2160, 2400)
        }
        // The score: 2022 only for d1, d2 (two entities: a previous period with two ranked).
        for (e, v) in [("d1", 500.0), ("d2", 520), ("d3", 480), ("d4", 450), ("d5", 400)] { add("d", e, 2024, v) }
        add("d", "d1", 2023, 470)
        add("d", "d2", 2023, 500)
        add("d", "d3", 2022, 440)  // d3's previous is 2022: its change is per 2 years
        // The count, for counts' sum and a district's target.
        for (e, v) in [("d1", 100.0), ("d2", 300), ("d3", 200)] { add("c", e, 2024, v) }
        // The rank, lower is better.
        for (e, v) in [("d1", 2.0), ("d2", 1), ("d3", 3), ("d4", 4), ("d5", 5)] { add("r", e, 2024, v) }
        let targets = [
            Target(indicator: "s", entity: "p", year: 2025, value: provinceTarget, comparator: .atLeast, source: "src"),
            Target(indicator: "s", entity: "d1", year: 2030, value: 90, comparator: .atLeast, source: "src"),
            Target(indicator: "c", entity: "p", year: 2025, value: 900, comparator: .atLeast, source: "src"),
            Target(indicator: "c", entity: "d1", year: 2025, value: 250, comparator: .atLeast, source: "src"),
            Target(indicator: "c", entity: "d2", year: 2025, value: 250, comparator: .atLeast, source: "src"),
        ]
        return Dataset(sources: ["src": Source(id: "src", title: "T", issuer: "I", documentNumber: "1", date: "2025-01-01", file: "")],
                       indicators: [share, score, rank, count], entities: entities, observations: o, targets: targets)
    }

    static func comparison(_ data: Dataset, _ indicator: String, level: Entity.Level = .district) throws -> EntityComparison {
        try #require(try EntityComparison.build(data, indicator: indicator).first { $0.level == level })
    }

    static func row(_ c: EntityComparison, _ entity: String) throws -> EntityComparison.Row {
        try #require(c.groups.flatMap(\.rows).first { $0.entity.id == entity })
    }

    /// Ranks with ties (competition ranks: 45, 40, 40, 20, 20 → 1, 2, 2, 4, 4), rank change from 2023
    /// (30, 40, 25, 25, 30 → 2, 1, 4, 4, 2), the change in points, and like compared with like.
    @Test func ranksTiesAndChanges() throws {
        let c = try Self.comparison(Self.dataset(), "s")
        let g = try #require(c.groups.first)
        #expect(c.groups.count == 1 && g.parent?.id == "p" && g.period == .year(2024) && g.previousPeriod == .year(2023))
        // The department is compared with no district, the province is not ranked.
        #expect(Set(g.rows.map(\.entity.id)) == ["d1", "d2", "d3", "d4", "d5"])
        // Best first; ties in name order.
        #expect(g.rows.map(\.entity.id) == ["d1", "d2", "d3", "d4", "d5"])
        #expect(g.rows.map(\.rank) == [1, 2, 2, 4, 4])
        #expect(g.rows.map(\.previousRank) == [2, 1, 4, 4, 2])
        // Places moved up: previous − now.
        #expect(g.rows.map(\.rankChange) == [1, -1, 2, 0, -2])
        #expect(g.rows.map(\.change) == [15, 0, 15, -5, -10])
        #expect(g.rows.map(\.changePerYear) == [15, 0, 15, -5, -10])
        // The department alone is no comparison.
        #expect(try EntityComparison.build(Self.dataset(), indicator: "s").map(\.level) == [.district])
    }

    /// Without a figure of its own, the province's is its districts' pooled counts:
    /// (450 + 200 + 160 + 40 + 60) / (1000 + 500 + 400 + 200 + 300) = 910 / 2400 = 37.916…%.
    /// Its own figure, when it has one, wins.
    @Test func parentFigureIsWeightedOrOwn() throws {
        let pooled = try #require(try Self.comparison(Self.dataset(), "s").groups.first)
        #expect(pooled.parentFigure == .weighted(100.0 * 910 / 2400, entities: 5))
        let d1 = try #require(pooled.rows.first)
        let pooledRate: Double = 100 * 910 / 2400
        let difference = try #require(d1.differenceToParent)
        #expect(abs(difference - (45 - pooledRate)) < 1e-12)
        let own = try #require(try Self.comparison(Self.dataset(provinceOwn: true), "s").groups.first)
        #expect(own.parentFigure == .own(40))
        // A count sums (100 + 300 + 200), a score averages ((500 + 520 + 480 + 450 + 400) / 5), a rank has none.
        #expect(try Self.comparison(Self.dataset(), "c").groups.first?.parentFigure == .sum(600, entities: 3))
        #expect(try Self.comparison(Self.dataset(), "d").groups.first?.parentFigure == .mean(470, entities: 5))
        #expect(try Self.comparison(Self.dataset(), "r").groups.first?.parentFigure == nil)
    }

    /// A rank: lower is better; a score: d3's previous value is of 2022, so its change is per two years.
    @Test func rankIndicatorAndScoreChange() throws {
        let r = try Self.comparison(Self.dataset(), "r")
        #expect(r.groups.first?.rows.map(\.entity.id) == ["d2", "d1", "d3", "d4", "d5"])
        #expect(r.groups.first?.rows.map(\.rank) == [1, 2, 3, 4, 5])
        let d = try Self.comparison(Self.dataset(), "d")
        let d3 = try Self.row(d, "d3")
        #expect(d3.change == 40 && d3.changePerYear == 20)
        // 2023 had two districts ranked (d2 520 > d1 500 → d2 first in 2023 too? 500 vs 470: d2 1, d1 2).
        #expect(try Self.row(d, "d2").previousRank == 1 && (try Self.row(d, "d1")).previousRank == 2)
        #expect(d3.previousRank == nil)
    }

    /// Where the province's gap comes from, target 50 %: a district alone at 50 % adds
    /// (0.5 · dᵢ − nᵢ) to the numerator and 100 · that / 2400 points to the province:
    /// d1 500 − 450 = 50 (2.083…), d2 250 − 200 = 50 (2.083…), d3 200 − 160 = 40 (1.666…),
    /// d4 100 − 40 = 60 (2.5), d5 150 − 60 = 90 (3.75). No district is at 50 % and the province's
    /// figure is the pooled one, so they add up to its gap: 290 / 2400 = 12.083… = 50 − 37.916….
    @Test func contributionsAddUpToTheGap() throws {
        let g = try #require(try Self.comparison(Self.dataset(), "s").groups.first)
        let expected: [String: Double] = ["d1": 50, "d2": 50, "d3": 40, "d4": 60, "d5": 90]
        for r in g.rows {
            let c = try #require(r.contribution)
            let n = try #require(expected[r.entity.id])
            #expect(abs(c.count - n) < 1e-9 && abs(c.points - 100 * n / 2400) < 1e-12)
        }
        let gap = try #require(g.parentGap)
        #expect(abs(gap - (50 - 100 * 910 / 2400)) < 1e-12)
        #expect(abs(g.rows.reduce(0) { $0 + ($1.contribution?.points ?? 0) } - gap) < 1e-12)
        #expect(g.pastTarget.isEmpty)
        #expect(g.largestContributions.map(\.entity.id) == ["d5", "d4", "d1"])
        // The sentence above the table names the three and says they are the whole gap.
        let table = try Self.comparison(Self.dataset(), "s").table()
        let sentence = try #require(table.lead.first { $0.vi.contains("kéo") })
        #expect(sentence.vi.contains("huyện 5 (3,75 điểm %; tử số thêm 90); huyện 4 (2,50 điểm %; tử số thêm 60); huyện 1 (2,08 điểm %; tử số thêm 50)"))
        #expect(sentence.vi.contains("đúng bằng khoảng cách"))
    }

    /// Target 35 %: d1 (45 %) and d2, d3 (40 %) are past it, by 100 · (nᵢ − 0.35 · dᵢ) / 2400 points:
    /// d1 100 (4.166…), d2 25 (1.041…), d3 20 (0.833…); d4 30, d5 45 short (1.25, 1.875). The
    /// contributions (3.125) exceed the gap (35 − 37.916… = −2.916…) by what the three are past it (6.041…).
    @Test func contributionsWhenSomeArePastTheTarget() throws {
        let g = try #require(try Self.comparison(Self.dataset(provinceTarget: 35), "s").groups.first)
        let total = g.rows.reduce(0) { $0 + ($1.contribution?.points ?? 0) }
        #expect(abs(total - 100 * 75 / 2400) < 1e-12)
        let past = g.pastTarget.reduce(0) { $0 + $1.amount }
        #expect(abs(past - 100 * 145 / 2400) < 1e-12)
        #expect(abs(total - past - (try #require(g.parentGap))) < 1e-12)
        #expect(Set(g.pastTarget.map(\.entity.id)) == ["d1", "d2", "d3"])
    }

    /// A count: each district's part is what it still needs to its own target of the province's
    /// target year: d1 250 − 100 = 150, d2 is past (300 ≥ 250), d3 has no target.
    @Test func countContributions() throws {
        let g = try #require(try Self.comparison(Self.dataset(), "c").groups.first)
        #expect(try Self.row(Self.comparison(Self.dataset(), "c"), "d1").contribution?.count == 150)
        #expect(try Self.row(Self.comparison(Self.dataset(), "c"), "d2").contribution?.count == 0)
        #expect(try Self.row(Self.comparison(Self.dataset(), "c"), "d3").contribution == nil)
        #expect(g.parentGap == 300.0)
    }

    /// The projection and P(meet) of an own target are the gap table's numbers, and a district
    /// without a target of its own is measured against the province's (a share), labelled so.
    @Test func projectionsAreTheGapTables() throws {
        let data = Self.dataset()
        let gaps = GapTable.build(data)
        let c = try Self.comparison(data, "s")
        let d1 = try Self.row(c, "d1")
        let gapRow = try #require(gaps.rows.first { $0.entity.id == "d1" && $0.indicator.id == "s" })
        #expect(d1.target?.value == 90 && !d1.targetIsParents)
        #expect(d1.forecast?.projections.first?.estimate == gapRow.projection?.estimate)
        #expect(d1.forecast?.target?.pMeet == gapRow.forecast?.target?.pMeet)
        let d2 = try Self.row(c, "d2")
        #expect(d2.target?.value == 50 && d2.target?.year == 2025 && d2.targetIsParents)
        #expect(d2.forecast?.target?.pMeet != nil)
        // A count never takes the province's total as a district's target.
        #expect(try Self.row(Self.comparison(data, "c"), "d3").target == nil)
    }

    /// Every column of every row is in the table, in both languages, and the ranked rows come first.
    @Test func tableHasARowPerEntity() throws {
        let table = try Self.comparison(Self.dataset(), "s").table()
        #expect(table.rows.count == 5 && table.rows.allSatisfy { $0.count == table.columns.count })
        let rank = try #require(table.columns.firstIndex { $0.key == "rank_change" })
        #expect(table.display(table.rows[0][rank], column: table.columns[rank], row: 0, language: .vi) == "lên 1 bậc")
        #expect(table.display(table.rows[4][rank], column: table.columns[rank], row: 4, language: .en) == "down 2")
        #expect(table.titleVi == "So sánh các huyện, thị xã, thành phố của tỉnh P: Tỷ lệ, năm 2024")
    }

    /// The README's worked example (Fixtures/planner-province, notebook 06): the province's target
    /// 50 % in 2025, its counts 8,430 / 19,075 (its districts' sums). Hướng Hóa 0.5 · 3,180 − 980 = 610,
    /// Triệu Phong 1,475 − 920 = 555, Vĩnh Linh 1,675 − 1,390 = 285, Gio Linh 1,400 − 1,130 = 270,
    /// Quảng Trị 1,245 − 1,210 = 35 dossiers; Đông Hà is 2,800 − 2,152.5 = 647.5 past the target. In
    /// points of the province: each / 19,075 · 100; (1,755 − 647.5) / 19,075 · 100 = 5.806… = its gap.
    @Test func plannerProvinceWorkedExample() throws {
        let data = try PlannerCasesTests.fixture()
        let g = try #require(try EntityComparison.build(data, indicator: "online_share").first?.groups.first)
        #expect(g.parent?.id == "tinh" && g.parentFigure == .own(44.19))
        let expected: [String: Double] = ["huong_hoa": 610, "trieu_phong": 555, "vinh_linh": 285, "gio_linh": 270, "quang_tri": 35, "dong_ha": 0]
        for r in g.rows {
            let c = try #require(r.contribution), n = try #require(expected[r.entity.id])
            #expect(abs(c.count - n) < 1e-9 && abs(c.points - 100 * n / 19075) < 1e-12, "\(r.entity.id)")
        }
        #expect(g.pastTarget.count == 1 && g.pastTarget.first?.entity.id == "dong_ha")
        #expect(abs((g.pastTarget.first?.amount ?? 0) - 100 * 647.5 / 19075) < 1e-12)
        // The gap is read off the province's counts (8,430 / 19,075 = 44.1940…%; 44.19 as published).
        let gap = try #require(g.parentGap)
        let rate: Double = 100 * 8430 / 19075
        #expect(abs(gap - (50 - rate)) < 1e-12)
        let parts: Double = (1755 - 647.5) / 19075 * 100
        #expect(abs(parts - gap) < 1e-12)
        #expect(g.largestContributions.map(\.entity.id) == ["huong_hoa", "trieu_phong", "vinh_linh"])
    }

    /// Province and districts agree: the province's own 80 % range at 2025 against the range its
    /// districts' 10 % and 90 % quantiles add up to, weighted by their denominators. A province
    /// reported at 90 % over districts at 20–45 % is two forecasts of one quantity that disagree, and
    /// the table says so; the planner province (its counts are its districts' sums) agrees.
    @Test func provinceAndDistrictsAgree() throws {
        let apart = try #require(try Self.comparison(Self.dataset(provinceApart: true), "s").groups.first)
        let d = try #require(apart.disagreement)
        #expect(d.parent.0 > d.entities.1)
        // The districts' range is the denominator-weighted sum of their own 80 % bounds.
        let weights: [String: Double] = ["d1": 1000, "d2": 500, "d3": 400, "d4": 200, "d5": 300]
        var lo = 0.0, hi = 0.0
        for r in apart.rows {
            let i = try #require(r.atParentYear?.intervals.first { $0.level == 80 })
            let w = try #require(weights[r.entity.id])
            lo += w * (try #require(i.lower)) / 2400
            hi += w * (try #require(i.upper)) / 2400
        }
        #expect(abs(lo - d.entities.0) < 1e-9 && abs(hi - d.entities.1) < 1e-9)
        let table = try Self.comparison(Self.dataset(provinceApart: true), "s").table()
        #expect(table.lead.contains { $0.vi.contains("không trùng với khoảng cộng từ dự báo của các đơn vị") })
        let planner = try #require(try EntityComparison.build(PlannerCasesTests.fixture(), indicator: "online_share").first?.groups.first)
        #expect(planner.parentForecast != nil && planner.rows.allSatisfy { $0.atParentYear != nil })
        #expect(planner.disagreement == nil)
    }

    /// A row whose status and P(meet) point different ways says why, with the numbers it is read
    /// from: Gio Linh (planner province, online share, target 50 % in 2025) is on track by its
    /// projected pace (a progress ratio of at least 0.95) while its 2025 median is just under 50 %,
    /// so P(meet) is under one half. Rows that agree have no remark.
    @Test func statusAndPMeetDisagreementIsExplained() throws {
        let comparison = try #require(try EntityComparison.build(PlannerCasesTests.fixture(), indicator: "online_share").first)
        let table = comparison.table()
        let remark = try #require(table.columns.firstIndex { $0.key == "remark" })
        let entity = try #require(table.columns.firstIndex { $0.key == "entity" })
        for (row, r) in zip(table.rows, comparison.groups.flatMap(\.rows)) {
            let t = r.forecast?.target
            guard case let .text(id) = row[entity] else { Issue.record("entity id"); continue }
            if let t, t.disagreement {
                let ratio = try #require(t.progressRatio), p = try #require(t.pMeet)
                #expect(id == "gio_linh" && t.status == .onTrack && ratio >= 0.95 && p < 0.5)
                let text = table.display(row[remark], column: table.columns[remark], row: 0, language: .vi)
                #expect(text.contains("bằng \(NumberText.plain(ratio, decimals: 2, .vi)) lần tốc độ cần; từ 0,95 là đúng tiến độ"))
                #expect(text.contains("khả năng đạt (\(NumberText.format(p, .probability, .vi)))") && text.contains("năm 2025"))
            } else {
                #expect(table.display(row[remark], column: table.columns[remark], row: 0, language: .vi).isEmpty, "\(id)")
            }
        }
        #expect(comparison.groups.flatMap(\.rows).count { $0.forecast?.target?.disagreement == true } == 1)
    }
}
