import ChisoTestSupport
import Foundation
import Indicators
@testable import Reporting
import Testing

/// The charts of the comparison of entities (issue 22 item 4), read as a planner reads them: one row
/// and one panel per district, the dots in the order of the values, the province's figure and
/// target as lines, a rank's axis with rank 1 at the right, one y range for every panel, the words
/// in both languages, and a bounded number of charts for a national comparison.
@Suite struct ComparisonChartTests {
    /// The six districts of `planner-province` compared on `indicator`.
    static func comparison(_ indicator: String) throws -> EntityComparison {
        try #require(try EntityComparison.build(PlannerCasesTests.fixture(), indicator: indicator).first { $0.level == .district })
    }

    static func dots(_ c: EntityComparison) throws -> DotChart {
        guard case let .dots(chart) = try #require(c.table().charts.first) else { throw FixtureError("the first chart is not a dot chart") }
        return chart
    }

    static func multiples(_ c: EntityComparison) throws -> SmallMultiples {
        guard c.table().charts.count >= 2, case let .multiples(chart) = c.table().charts[1] else {
            throw FixtureError("the second chart is not small multiples")
        }
        return chart
    }

    /// The value dots, top to bottom: (x, y).
    static func valueDots(_ svg: String) -> [(x: Double, y: Double)] {
        matches(#"<circle class="value" cx="([-0-9.]+)" cy="([-0-9.]+)""#, svg).map { (x: $0[0], y: $0[1]) }.sorted { $0.y < $1.y }
    }

    /// The x of the reference line of `kind` ("parent", "target"), if drawn.
    static func referenceX(_ kind: String, _ svg: String) -> Double? {
        matches(#"<line class="\#(kind)" x1="([-0-9.]+)""#, svg).first?.first
    }

    /// The numbers each match of `pattern` captures.
    static func matches(_ pattern: String, _ text: String) -> [[Double]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (1..<m.numberOfRanges).compactMap { k in Range(m.range(at: k), in: text).flatMap { Double(text[$0]) } }
        }
    }

    /// A panel's frame: where its plot is.
    static func frame(_ panel: String) -> (x: Double, y: Double, height: Double)? {
        matches(#"<rect class="frame" x="([-0-9.]+)" y="([-0-9.]+)" width="[-0-9.]+" height="([-0-9.]+)""#, panel).first
            .flatMap { $0.count == 3 ? (x: $0[0], y: $0[1], height: $0[2]) : nil }
    }

    /// The panels of small multiples, each the svg inside its `<g class="panel">`.
    static func panels(_ svg: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"<g class="panel">(.*?)</g>"#) else { return [] }
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { m in Range(m.range(at: 1), in: svg).map { String(svg[$0]) } }
    }

    /// The online share: a row and a dot per district in the table's order, the dots' x in the
    /// order of the values (best, the largest, at the right), the province's own figure (44,19 %)
    /// and its target (≥ 50 % by 2025) as lines between the right dots, every row projected to 2025
    /// with its 80 % range, the words in each language, nothing past the edge.
    @Test func shareDotChart() throws {
        let c = try Self.comparison("online_share")
        let group = try #require(c.groups.first)
        let chart = try Self.dots(c)
        #expect(chart.rows.map(\.label.vi) == group.rows.map(\.entity.nameVi) && chart.rows.map(\.value) == group.rows.map(\.observation.value))
        #expect(chart.rows.allSatisfy { $0.projection?.year == 2025 && $0.projection?.lower != nil && $0.projection?.upper != nil })
        for (language, names) in [(Language.vi, group.rows.map(\.entity.nameVi)), (.en, group.rows.map(\.entity.nameEn))] {
            let svg = SVGCharts.dots(chart, language: language)
            let texts = ChartTests.texts(svg).map(\.text)
            // One row label per entity, in the table's order.
            #expect(names.allSatisfy { n in texts.filter { $0 == n }.count == 1 })
            #expect(texts.filter { names.contains($0) } == names)
            // The dots, top to bottom, stand in the order of the values: best (largest) at the right.
            let dots = Self.valueDots(svg)
            #expect(dots.count == 6)
            let values = group.rows.map(\.observation.value)
            #expect(values == values.sorted(by: >) && zip(dots, dots.dropFirst()).allSatisfy { $0.x > $1.x })
            // The province's 44,19 % between Quảng Trị (48,59) and Vĩnh Linh (41,49); the target 50 % right of it.
            let parent = try #require(Self.referenceX("parent", svg)), target = try #require(Self.referenceX("target", svg))
            #expect(dots[2].x < parent && parent < dots[1].x && parent < target && target < dots[0].x)
            #expect(ChartTests.overflowing(svg).isEmpty, "\(ChartTests.overflowing(svg))")
            #expect(texts.filter { $0.count <= 3 && Double($0) != nil } == ["0", "20", "40", "60", "80", "100"])
            // The projection marks: one per row.
            #expect(svg.components(separatedBy: "<circle class=\"median\"").count - 1 == 6)
            #expect(svg.components(separatedBy: "<line class=\"range\"").count - 1 == 6)
        }
        let vi = ChartTests.texts(SVGCharts.dots(chart, language: .vi)).map(\.text)
        let en = ChartTests.texts(SVGCharts.dots(chart, language: .en)).map(\.text)
        for word in ["Giá trị năm 2024", "Dự báo 2025 và khoảng 80 %", "Số của tỉnh Minh Họa: 44,19 %", "Mục tiêu 2025: ≥ 50 %", "Đơn vị: %", "65,04 %"] {
            #expect(vi.contains(word), "\(word)")
        }
        for word in ["Value 2024", "Projection 2025 with 80% range", "Minh Hoa province's figure: 44.19%", "Target 2025: ≥ 50%", "Unit: %", "65.04%"] {
            #expect(en.contains(word), "\(word)")
        }
        #expect(!vi.contains("Value 2024") && !en.contains("Giá trị năm 2024"))
        #expect(vi.first?.hasPrefix("Tỷ lệ hồ sơ trực tuyến toàn trình: các huyện") == true && en.first?.hasPrefix("Share of applications fully online: districts") == true)
    }

    /// The DTI rank runs on an inverted axis: rank 1 (Đông Hà) at the right, rank 6 (Triệu Phong) at
    /// the left, the unit line says so; no parent's line (a rank has no parent's figure) and no
    /// target line (only Hướng Hóa has a target, its own), and only Hướng Hóa is projected.
    @Test func rankDotChartIsInverted() throws {
        let c = try Self.comparison("dti_rank")
        let chart = try Self.dots(c)
        #expect(chart.rows.map(\.value) == [1, 2, 3, 4, 5, 6])
        #expect(chart.rows.filter { $0.projection != nil }.map(\.label.vi) == ["huyện Hướng Hóa"])
        for language in Language.allCases {
            let svg = SVGCharts.dots(chart, language: language)
            let dots = Self.valueDots(svg)
            #expect(dots.count == 6 && zip(dots, dots.dropFirst()).allSatisfy { $0.x > $1.x })
            let ticks = ChartTests.texts(svg).filter { $0.anchor == "middle" }
            #expect(ticks.map(\.text) == ["1", "2", "3", "4", "5", "6"])
            let one = try #require(ticks.first { $0.text == "1" }).x, six = try #require(ticks.first { $0.text == "6" }).x
            #expect(one > six && abs(one - dots[0].x) < 0.05 && abs(six - dots[5].x) < 0.05)
            #expect(Self.referenceX("parent", svg) == nil && Self.referenceX("target", svg) == nil)
            #expect(ChartTests.overflowing(svg).isEmpty)
        }
        #expect(ChartTests.texts(SVGCharts.dots(chart, language: .vi)).map(\.text).contains("Hạng (1 là tốt nhất)"))
        #expect(ChartTests.texts(SVGCharts.dots(chart, language: .en)).map(\.text).contains("Rank (1 is best)"))
    }

    /// Small multiples: one panel per district with its place and name, its three observations as
    /// dots, every panel of the same height under the same ticks; the rank's axis with rank 1 at
    /// the top (Đông Hà's points on the frame's top inset, Triệu Phong's on its bottom one).
    @Test func smallMultiplesShareOneAxis() throws {
        let share = try Self.comparison("online_share")
        let group = try #require(share.groups.first)
        // Each row's history: its observations up to the compared one, at mid-year (a flow).
        let dongHa = try #require(group.rows.first { $0.entity.id == "dong_ha" })
        #expect(dongHa.history.map(\.t) == [2022.5, 2023.5, 2024.5] && dongHa.history.map(\.value) == [35.2, 52.59, 65.04])
        let chart = try Self.multiples(share)
        #expect(chart.panels.map(\.label.en) == group.rows.map(\.entity.nameEn) && chart.panels.map(\.rank) == group.rows.map(\.rank))
        for language in Language.allCases {
            let svg = SVGCharts.multiples(chart, language: language)
            let panels = Self.panels(svg)
            #expect(panels.count == 6)
            let names = group.rows.map { "\($0.rank ?? 0). " + Words.name($0.entity).text(language) }
            #expect(panels.map { ChartTests.texts($0).first?.text } == names)
            #expect(panels.allSatisfy { $0.components(separatedBy: "<circle").count - 1 == 3 })
            // One y range: frames of one height, and the same ticks (at the left of each row of panels).
            let frames = panels.compactMap { Self.frame($0) }
            #expect(frames.count == 6 && Set(frames.map(\.height)).count == 1)
            let left = frames.map(\.x).min() ?? 0
            let ticks = ChartTests.texts(svg).filter { $0.anchor == "end" && $0.x < left }
            let rows = Dictionary(grouping: ticks, by: { t in frames.map(\.y).filter { $0 < t.y }.max() ?? 0 })
            #expect(rows.count == 2 && Set(rows.values.map { $0.map(\.text) }).count == 1)
            #expect(rows.values.first?.map(\.text) == ["0", "25", "50", "75"])
            #expect(ChartTests.overflowing(svg).isEmpty, "\(ChartTests.overflowing(svg))")
        }
        #expect(ChartTests.texts(SVGCharts.multiples(chart, language: .vi)).map(\.text).contains("Đơn vị: %"))
        #expect(ChartTests.texts(SVGCharts.multiples(chart, language: .en)).first?.text == "Share of applications fully online over time: districts of Minh Hoa province")

        let rank = try Self.multiples(try Self.comparison("dti_rank"))
        let svg = SVGCharts.multiples(rank, language: .vi)
        let panels = Self.panels(svg)
        #expect(panels.count == 6)
        func ys(_ panel: String) -> [Double] { Self.matches(#"<circle cx="[-0-9.]+" cy="([-0-9.]+)""#, panel).map { $0[0] } }
        // Đông Hà (rank 1 every year) at the top, Triệu Phong (6) at the bottom (4 px inside the frame).
        let top = try #require(Self.frame(panels[0])), bottom = try #require(Self.frame(panels[5]))
        #expect(ys(panels[0]).count == 3 && ys(panels[0]).allSatisfy { abs($0 - (top.y + 4)) < 0.11 })
        #expect(ys(panels[5]).count == 3 && ys(panels[5]).allSatisfy { abs($0 - (bottom.y + bottom.height - 4)) < 0.11 })
        #expect(ChartTests.texts(svg).map(\.text).contains("Hạng (1 là tốt nhất)"))
    }

    /// More than 30 entities: the first and last ten panels, the last on rows of their own, and a
    /// note; more than 70 rows of a dot chart: the first and last thirty.
    @Test func manyEntitiesShowTheEnds() {
        let panels = (1...35).map { k in
            SmallMultiples.Panel(label: Phrase(vi: "huyện \(k)", en: "district \(k)"), rank: k, history: [(2023.5, Double(100 - k)), (2024.5, Double(101 - k))])
        }
        let chart = SmallMultiples(title: Phrase(vi: "Tỷ lệ", en: "Share"), style: ValueStyle(unit: .percent, decimals: 1), panels: panels, lower: 0, upper: 100)
        let vi = SVGCharts.multiples(chart, language: .vi), en = SVGCharts.multiples(chart, language: .en)
        #expect(Self.panels(vi).count == 20 && Self.panels(en).count == 20)
        let labels = Self.panels(vi).compactMap { ChartTests.texts($0).first?.text }
        #expect(labels == (Array(1...10) + Array(26...35)).map { "\($0). huyện \($0)" })
        #expect(ChartTests.texts(vi).map(\.text).contains("10 đơn vị đầu và 10 đơn vị cuối trong 35"))
        #expect(ChartTests.texts(en).map(\.text).contains("Top 10 and bottom 10 of 35"))
        #expect(ChartTests.overflowing(vi).isEmpty)
        // Thirty panels are all drawn, with no note.
        var thirty = chart
        thirty.panels = Array(panels.prefix(30))
        #expect(Self.panels(SVGCharts.multiples(thirty, language: .vi)).count == 30)
        #expect(!ChartTests.texts(SVGCharts.multiples(thirty, language: .vi)).map(\.text).contains { $0.contains("đơn vị cuối") })

        let rows = (1...75).map { DotChart.Row(label: Phrase(vi: "huyện \($0)", en: "district \($0)"), value: Double(100 - $0)) }
        let dots = DotChart(title: Phrase(vi: "Tỷ lệ", en: "Share"), style: ValueStyle(unit: .percent, decimals: 1), period: Phrase(vi: "năm 2024", en: "2024"),
                            rows: rows, lower: 0, upper: 100)
        let svg = SVGCharts.dots(dots, language: .en)
        #expect(Self.valueDots(svg).count == 60)
        #expect(ChartTests.texts(svg).map(\.text).contains("Top 30 and bottom 30 of 75"))
        #expect(ChartTests.texts(svg).map(\.text).contains("district 46") && !ChartTests.texts(svg).map(\.text).contains("district 45"))
    }

    /// A comparison of many parents' groups carries the charts of the first two only (a national
    /// comparison has some 64), and says so; a parent without a figure of its own is named by what
    /// its figure is (the pooled rate, the table's words); names are escaped.
    @Test func chartsOfTheFirstGroupsOnly() throws {
        let share = Indicator(id: "s", nameVi: "Tỷ lệ", nameEn: "Share", unit: .percent, kind: .share, lower: 0, upper: 100, direction: .up, measure: .flow)
        var entities: [Entity] = [], o: [Observation] = []
        for p in 1...5 {
            entities.append(Entity(id: "p\(p)", nameVi: "tỉnh \(p)", nameEn: "province \(p)", level: .province))
            for d in 1...3 {
                let id = "p\(p)d\(d)"
                entities.append(Entity(id: id, nameVi: d == 1 ? "huyện <A&B>" : "huyện \(id)", nameEn: "district \(id)", level: .district, parent: "p\(p)"))
                for (k, year) in [2023, 2024].enumerated() {
                    let n = Double(10 * d + 5 * k), total = 100.0
                    o.append(Observation(indicator: "s", entity: id, period: .year(year), value: n, numerator: n, denominator: total, source: "src"))
                }
            }
        }
        let data = Dataset(sources: ["src": Source(id: "src", title: "T", issuer: "I", documentNumber: "1", date: "2025-01-01", file: "")],
                           indicators: [share], entities: entities, observations: o, targets: [])
        let c = try #require(try EntityComparison.build(data, indicator: "s").first { $0.level == .district })
        #expect(c.groups.count == 5)
        let charts = c.table().charts
        #expect(charts.count == 2 * EntityComparison.chartedGroups)
        guard case let .dots(first) = try #require(charts.first) else { Issue.record("not a dot chart"); return }
        #expect(first.notes.map(\.vi) == ["Biểu đồ của 2 nhóm đầu trong 5 nhóm (theo đơn vị cấp trên); các nhóm khác xem ở bảng."])
        #expect(first.notes.map(\.en) == ["Charts of the first 2 of 5 groups (by parent); the others are in the table."])
        // Σ (15 + 25 + 35) / Σ 300 = 25 %: the pooled rate, named as the sentence above the table names it.
        let kind = EntityComparison.figureWords(try #require(c.groups.first?.parentFigure), level: .district)
        #expect(first.parent?.label.vi == "T" + kind.vi.dropFirst() + ": 25,0 %" && first.parent?.label.vi.hasPrefix("Tỷ lệ gộp của 3 đơn vị cấp huyện") == true)
        #expect(first.parent?.label.en == "P" + kind.en.dropFirst() + ": 25.0%")
        #expect(first.target == nil)
        let svg = SVGCharts.dots(first, language: .vi)
        #expect(!svg.contains("<A&B>") && svg.contains("huyện &lt;A&amp;B&gt;"))
        // The note under the chart, wrapped inside it.
        #expect(ChartTests.texts(svg).map(\.text).joined(separator: " ").hasSuffix("Biểu đồ của 2 nhóm đầu trong 5 nhóm (theo đơn vị cấp trên); các nhóm khác xem ở bảng."))
        #expect(ChartTests.overflowing(svg).isEmpty && ChartTests.overflowing(SVGCharts.dots(first, language: .en)).isEmpty)
        guard case let .multiples(multiples) = charts[1] else { Issue.record("not small multiples"); return }
        #expect(SVGCharts.multiples(multiples, language: .vi).contains("huyện &lt;A&amp;B&gt;"))
    }

    /// A count's province holds its districts' sum (356.120 dossiers beside districts of 40–106
    /// thousand): neither its figure nor its target is drawn on the districts' axis, nor a
    /// projection to its target year.
    @Test func countDrawsNoParentLines() throws {
        let chart = try Self.dots(try Self.comparison("online_dossiers"))
        #expect(chart.parent == nil && chart.target == nil && chart.rows.allSatisfy { $0.projection == nil })
        let svg = SVGCharts.dots(chart, language: .vi)
        #expect(Self.referenceX("parent", svg) == nil && Self.referenceX("target", svg) == nil)
        #expect(Self.valueDots(svg).count == 6 && ChartTests.overflowing(svg).isEmpty)
    }

    /// The report's page draws both charts of each comparison.
    @Test func pageDrawsTheComparisonCharts() throws {
        let report = Report.build(try PlannerCasesTests.fixture(), language: .en)
        let table = try #require(report.comparisons.first { $0.id == "compare-online_share-district" })
        let page = HTMLRenderer.page(title: "t", summary: [], tables: [table], language: .en)
        #expect(page.components(separatedBy: "<svg class=\"dots\"").count == 2 && page.components(separatedBy: "<svg class=\"multiples\"").count == 2)
    }
}
