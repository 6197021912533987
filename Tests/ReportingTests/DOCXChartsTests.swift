import ChisoTestSupport
import Foundation
import Testing
@testable import Indicators
@testable import Reporting

/// The Word document's charts: native chart parts, each referred to from the body by a relationship
/// of the chart type, holding the numbers of the chart it draws.
@Suite struct DOCXChartsTests {
    static let planner = packageRoot.appendingPathComponent("Tests/ReportingTests/Fixtures/planner-province")

    /// The planner report: the gap table's fans, the projections' fans and the comparisons' charts
    /// are in the document, in order, with their relationships and content types.
    @Test func reportCarriesItsCharts() throws {
        let report = Report.build(try DatasetLoader.loadValid(directory: Self.planner.path), language: .vi)
        let data = try DOCXRenderer.document(title: report.title, summary: report.summary,
                                             tables: [report.gaps.table(), report.projections.table()] + report.comparisons, language: .vi)
        let package = try WordPackage(data)
        let parts = package.paths.filter { $0.hasPrefix("word/charts/") }.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }
        // Each table's first charts (at most 8), small multiples only up to 8 entities.
        let expected = ([report.gaps.table(), report.projections.table()] + report.comparisons).reduce(0) { n, table in
            n + table.charts.prefix(DOCXCharts.maximumPerTable).count { DOCXCharts.part($0, language: .vi) != nil }
        }
        #expect(expected >= 12 && parts.count == expected)
        let relationships = try package.xml("word/_rels/document.xml.rels").all("Relationship")
        let charts = relationships.filter { $0.attributes["Type"]?.hasSuffix("/chart") ?? false }
        #expect(charts.map { "word/" + ($0.attributes["Target"] ?? "") } == parts)
        let types = try package.xml("[Content_Types].xml").all("Override")
        #expect(parts.allSatisfy { part in types.contains { $0.attributes["PartName"] == "/" + part && $0.attributes["ContentType"]?.hasSuffix("chart+xml") ?? false } })
        // The body refers to every chart once, in order.
        let body = try package.xml("word/document.xml")
        let ids = body.all("c:chart").compactMap { $0.attributes["r:id"] }
        #expect(ids == charts.compactMap { $0.attributes["Id"] })
    }

    /// A fan chart's part holds its observed values at their years, the median path (inside the
    /// value axis) and the target, and lists each range once in the legend.
    @Test func fanChartHoldsItsNumbers() throws {
        let chart = FanChart(title: Phrase(vi: "Chỉ số DTI — Đông Hà", en: "DTI — Dong Ha"), unit: .score,
                             history: [(2023.0, 512.4), (2024.0, 588.1), (2025.0, 641.3)],
                             path: [.init(t: 2025, median: 641.3, lo80: 641.3, hi80: 641.3, lo95: 641.3, hi95: 641.3),
                                    .init(t: 2028, median: 700, lo80: 660, hi80: 740, lo95: 640, hi95: 760),
                                    .init(t: 2031, median: 760, lo80: 680, hi80: 840, lo95: 620, hi95: 900)],
                             target: .init(t: 2031, value: 850, year: 2030, comparator: .atLeast), lower: 0, upper: 1000, yearOffset: 1)
        let part = try #require(DOCXCharts.part(.fan(chart), language: .vi))
        let xml = try PartNode.parse(Data(part.xml.utf8), name: "chart")
        let series = xml.all("c:ser")
        func values(_ s: PartNode, _ axis: String) -> [Double] {
            (s.first(axis)?.all("c:v") ?? []).compactMap { Double($0.text) }
        }
        let names = series.map { $0.first("c:tx")?.first("c:v")?.text ?? "" }
        #expect(names == ["Khoảng 95 %", "Khoảng 95 %", "Khoảng 80 %", "Khoảng 80 %", "Dự báo (trung vị)", "Mục tiêu 2030: ≥ 850 điểm", "Số liệu thực tế"])
        let observed = try #require(series.last)
        #expect(values(observed, "c:xVal") == [2022, 2023, 2024] && values(observed, "c:yVal") == [512.4, 588.1, 641.3])
        #expect(values(series[4], "c:yVal") == [641.3, 700, 760] && values(series[4], "c:xVal") == [2024, 2027, 2030])
        #expect(values(series[5], "c:xVal") == [2030] && values(series[5], "c:yVal") == [850])
        // The ranges' upper ends (series 1 and 3) are left out of the legend.
        #expect(xml.all("c:legendEntry").compactMap { $0.first("c:idx")?.attributes["val"] } == ["1", "3"])
        // The value axis is the page's: from and to round values around the data, the bands and the target.
        let axis = chart.valueAxis()
        let scaling = try #require(xml.all("c:valAx").last?.first("c:scaling"))
        #expect(scaling.first("c:min")?.attributes["val"].flatMap(Double.init) == axis.low)
        #expect(scaling.first("c:max")?.attributes["val"].flatMap(Double.init) == axis.high)
        #expect(axis.low <= 512.4 && axis.high >= 900)
    }

    /// A dot chart is a bar chart whose first row is drawn at the top (the labels go in reversed).
    @Test func dotChartIsBarsBestAtTheTop() throws {
        let chart = DotChart(title: Phrase(vi: "So sánh", en: "Compare"), style: ValueStyle(unit: .percent, decimals: 1), period: Phrase(vi: "năm 2024", en: "2024"),
                             rows: [.init(label: Phrase(vi: "A", en: "A"), value: 80, projection: .init(year: 2025, median: 85)),
                                    .init(label: Phrase(vi: "B", en: "B"), value: 60)])
        let part = try #require(DOCXCharts.part(.dots(chart), language: .vi))
        let xml = try PartNode.parse(Data(part.xml.utf8), name: "chart")
        let series = xml.all("c:ser")
        #expect(series.count == 2)
        #expect(series[0].first("c:cat")?.all("c:v").map(\.text) == ["B", "A"])
        #expect(series[0].first("c:val")?.all("c:v").compactMap { Double($0.text) } == [60, 80])
        // B has no projection: a gap, not a zero.
        #expect(series[1].first("c:val")?.all("c:pt").compactMap { $0.attributes["idx"] } == ["1"])
    }
}
