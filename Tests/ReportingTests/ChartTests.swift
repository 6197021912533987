import ChisoTestSupport
import Foundation
import Indicators
@testable import Reporting
import Testing

/// The charts as a planner reads them: legends and units in the report's language, year ticks, both
/// windows of a campaign, the scale's maximum, and no text past the chart's edge.
struct ChartTests {
    /// One `<text>` of an svg: where it is, how it hangs, and what it says (unescaped).
    struct Text: Equatable {
        var x: Double, y: Double, anchor: String, bold: Bool, text: String
    }

    static func texts(_ svg: String) -> [Text] {
        let pattern = #"<text x="([-0-9.]+)" y="([-0-9.]+)"( text-anchor="(start|middle|end)")?( font-weight="bold")?( style="[^"]*")?>([^<]*)</text>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { m in
            func group(_ k: Int) -> String? { Range(m.range(at: k), in: svg).map { String(svg[$0]) } }
            let raw = group(7) ?? ""
            let text = raw.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            return Text(x: Double(group(1) ?? "") ?? .nan, y: Double(group(2) ?? "") ?? .nan, anchor: group(4) ?? "start", bold: group(5) != nil, text: text)
        }
    }

    /// The svg's width from its viewBox.
    static func width(_ svg: String) -> Double? {
        guard let r = svg.range(of: #"viewBox="0 0 ([0-9]+) [0-9]+""#, options: .regularExpression) else { return nil }
        return Double(svg[r].split(separator: " ")[2])
    }

    /// Texts (under the width estimate) that run past the svg's left or right edge.
    static func overflowing(_ svg: String) -> [Text] {
        guard let w = width(svg) else { return [] }
        return texts(svg).filter { t in
            let width = SVGCharts.textWidth(t.text, bold: t.bold)
            let left = t.anchor == "start" ? t.x : t.anchor == "middle" ? t.x - width / 2 : t.x - width
            return left < 0 || left + width > w
        }
    }

    /// A share observed 2019–2022 (a flow: mid-year), projected with bands to a 2025 target of 80 %.
    static func share(title: Phrase = Phrase(vi: "Tỷ lệ hồ sơ trực tuyến — huyện Đắk Song", en: "Online share of dossiers — Dak Song district"),
                      spread: Double = 4) -> FanChart {
        let history = [(2019.5, 20.0), (2020.5, 26), (2021.5, 31), (2022.5, 37)].map { (t: $0.0, value: $0.1) }
        let path = (0...6).map { k -> FanChart.Step in
            let t = 2022.5 + Double(k) * 0.5, m = 37 + Double(k) * 3, s = spread * Double(k)
            return FanChart.Step(t: t, median: m, lo80: m - s, hi80: m + s, lo95: m - 1.6 * s, hi95: m + 1.6 * s)
        }
        return FanChart(title: title, unit: .percent, history: history, path: path,
                        target: .init(t: 2025.5, value: 80, year: 2025, comparator: .atLeast), lower: 0, upper: 100, yearOffset: 0.5)
    }

    static let shippedReport: Result<Report, Error> = Result {
        Report.build(try DatasetLoader.loadValid(directory: shippedDatasets.path), language: .vi)
    }

    /// Every chart of the shipped report.
    static func shippedCharts() throws -> [Chart] {
        let report = try shippedReport.get()
        return ([report.gaps.table(), report.projections.table()] + report.comparisons).flatMap(\.charts)
    }

    static func svg(_ chart: Chart, _ language: Language) -> String {
        switch chart {
        case let .fan(f): SVGCharts.fan(f, language: language)
        case let .bars(b): SVGCharts.bars(b, language: language)
        case let .dots(d): SVGCharts.dots(d, language: language)
        case let .multiples(m): SVGCharts.multiples(m, language: language)
        }
    }

    @Test func fanLegendInBothLanguages() {
        let vi = Self.texts(SVGCharts.fan(Self.share(), language: .vi)).map(\.text)
        for word in ["Số liệu thực tế", "Dự báo (trung vị)", "Khoảng 80 %", "Khoảng 95 %", "Mục tiêu"] { #expect(vi.contains(word), "\(word)") }
        let en = Self.texts(SVGCharts.fan(Self.share(), language: .en)).map(\.text)
        for word in ["Observed", "Projection (median)", "80% interval", "95% interval", "Target"] { #expect(en.contains(word), "\(word)") }
        #expect(!en.contains("Mục tiêu") && !vi.contains("Target"))
        // The title follows the language too.
        #expect(vi.first == "Tỷ lệ hồ sơ trực tuyến — huyện Đắk Song" && en.first == "Online share of dossiers — Dak Song district")
        // Without a target or bands, their legend items are left out.
        var bare = Self.share()
        bare.target = nil
        bare.path = bare.path.map { FanChart.Step(t: $0.t, median: $0.median) }
        let texts = Self.texts(SVGCharts.fan(bare, language: .vi)).map(\.text)
        #expect(texts.contains("Dự báo (trung vị)") && !texts.contains("Mục tiêu") && !texts.contains("Khoảng 80 %"))
    }

    @Test func fanAxisUnitAndTargetLabel() {
        let vi = Self.texts(SVGCharts.fan(Self.share(), language: .vi)), en = Self.texts(SVGCharts.fan(Self.share(), language: .en))
        #expect(vi.map(\.text).contains("Đơn vị: %") && en.map(\.text).contains("Unit: %"))
        #expect(vi.map(\.text).contains("Mục tiêu 2025: ≥ 80 %") && en.map(\.text).contains("Target 2025: ≥ 80%"))
        // Value gridlines: the ticks are round numbers (0 to 100: the data, the target and the bands in view, within the bounds).
        let ticks = vi.filter { $0.anchor == "end" }.map(\.text)
        #expect(ticks == ["0", "20", "40", "60", "80", "100"])
        var score = Self.share()
        score.unit = .score
        score.target = .init(t: 2025.5, value: 700.5, year: 2025)
        score.upper = 1000
        let labels = Self.texts(SVGCharts.fan(score, language: .vi)).map(\.text)
        // The target as it was written (700,5), not with the style's two decimals.
        #expect(labels.contains("Đơn vị: điểm") && labels.contains("Mục tiêu 2025: 700,5 điểm"))
    }

    /// A rank is drawn on an inverted axis: a better (smaller) rank's tick stands above (a smaller y
    /// than) a worse one's, where a share's larger value stands above its smaller.
    @Test func rankAxisIsInverted() throws {
        let rank = FanChart(title: Phrase(vi: "Hạng", en: "Rank"), unit: .rank,
                            history: [(2022.5, 5), (2023.5, 5), (2024.5, 5)],
                            path: [.init(t: 2024.5, median: 5, lo80: 5, hi80: 5, lo95: 5, hi95: 5),
                                   .init(t: 2025.5, median: 5, lo80: 4, hi80: 6, lo95: 4, hi95: 6)],
                            target: .init(t: 2025.5, value: 1, year: 2025), lower: 1, upper: 6)
        func ticks(_ svg: String) -> [(value: Double, y: Double)] {
            Self.texts(svg).filter { $0.anchor == "end" }.compactMap { t in Double(t.text.replacingOccurrences(of: ",", with: ".")).map { ($0, t.y) } }
                .sorted { $0.value < $1.value }
        }
        let r = ticks(SVGCharts.fan(rank, language: .vi)), share = ticks(SVGCharts.fan(Self.share(), language: .vi))
        #expect(r.count >= 3 && share.count >= 3)
        #expect(zip(r, r.dropFirst()).allSatisfy { $0.y < $1.y })
        #expect(zip(share, share.dropFirst()).allSatisfy { $0.y > $1.y })
    }

    @Test func fanYearTicksIncludeTheYearsBetween() throws {
        let svg = SVGCharts.fan(Self.share(), language: .vi)
        let years = Self.texts(svg).filter { $0.anchor == "middle" }
        #expect(years.map(\.text) == ["2019", "2020", "2021", "2022", "2023", "2024", "2025"])
        #expect(years.map(\.x) == years.map(\.x).sorted() && Set(years.map(\.y)).count == 1)
        // A flow's year tick is at mid-year, where its point is: the 2020 point stands above "2020".
        let x2020 = try #require(years.first { $0.text == "2020" }).x
        #expect(svg.contains("<circle cx=\"\(SVGCharts.f(x2020))\""))
        // Over many years the ticks thin out to every 2nd, 5th, … year, still between the ends.
        var long = Self.share()
        long.history = (0..<30).map { (t: 1995.5 + Double($0), value: 10 + Double($0)) }
        let thinned = Self.texts(SVGCharts.fan(long, language: .en)).filter { $0.anchor == "middle" }.map(\.text)
        #expect(thinned == ["1995", "2000", "2005", "2010", "2015", "2020", "2025"])
    }

    @Test func longTitlesWrapOnTwoLinesAndCutBands() throws {
        let name = String(repeating: "Tỷ lệ cơ quan nhà nước gửi, nhận văn bản điện tử ", count: 3) + "— tỉnh Đắk Nông"
        let svg = SVGCharts.fan(Self.share(title: Phrase(vi: name, en: name), spread: 40), language: .vi)
        let bold = Self.texts(svg).filter(\.bold).map(\.text)
        #expect(bold.count == 2 && bold[1].hasSuffix("…"))
        #expect(svg.contains("<title>\(name)</title>"))
        #expect(Self.overflowing(svg).isEmpty)
        // A 95 % band of ± 384 around a median of 55 is cut at 0 and 100, and a note says how far it goes.
        let note = try #require(Self.texts(svg).last?.text)
        #expect(note == "Khoảng 80 % và 95 % vượt ngoài biểu đồ (từ −329,0 % tới 439,0 %)")
        let en = try #require(Self.texts(SVGCharts.fan(Self.share(spread: 40), language: .en)).last?.text)
        #expect(en == "80% and 95% bands run off the chart (−329.0% to 439.0%)")
        #expect(!Self.texts(SVGCharts.fan(Self.share(), language: .vi)).map(\.text).contains { $0.contains("vượt ngoài") })
    }

    @Test func campaignChartDrawsBothWindows() throws {
        let c = try ProportionComparison.build(ReportTests.shipped(), indicator: "online_application_share")
        let table = c.table()
        guard case let .bars(chart) = try #require(table.charts.first) else { Issue.record("not a bar chart"); return }
        #expect(chart.groups.map(\.vi) == ["Đợt 1 (đến 31/8/2024)", "Đợt 2 (từ 1/9/2024 đến 20/9/2024)"] && chart.bars.count == c.rows.count)
        #expect(chart.groups.map(\.en) == ["Window 1 (to 31 Aug 2024)", "Window 2 (1 Sep 2024 – 20 Sep 2024)"])
        let svg = SVGCharts.bars(chart, language: .vi)
        // Two colours, a bar of each per entity, and a legend naming the windows in those colours.
        #expect(svg.components(separatedBy: "fill=\"#9ecae1\"").count - 1 == c.rows.count + 1)
        #expect(svg.components(separatedBy: "fill=\"#3182bd\"").count - 1 == c.rows.count + 1)
        let texts = Self.texts(svg).map(\.text)
        #expect(texts.contains("Đợt 1 (đến 31/8/2024)") && texts.contains("Đợt 2 (từ 1/9/2024 đến 20/9/2024)"))
        // Đắk Song: 129/341 = 37,8 % then 342/812 = 42,1 %, each at the end of its bar.
        let song = try #require(chart.bars.first { $0.label.vi == "huyện Đắk Song" })
        #expect(song.values.map { $0.map { ($0 * 10).rounded() / 10 } } == [37.8, 42.1])
        #expect(texts.contains("37,8 %") && texts.contains("42,1 %"))
        #expect(Self.texts(SVGCharts.bars(chart, language: .en)).map(\.text).contains("Dak Song district"))
        // Values sit beside their own bars: no two value texts less than a line apart.
        let valueYs = Self.texts(svg).filter { $0.text.hasSuffix(" %") && $0.x > 100 }.map(\.y).sorted()
        #expect(valueYs.count == 2 * c.rows.count)
        #expect(zip(valueYs, valueYs.dropFirst()).allSatisfy { $1 - $0 >= 12 })
        #expect(Self.texts(svg).filter { $0.anchor == "middle" }.map(\.text) == ["0", "20", "40", "60", "80", "100"])
    }

    @Test func dtiChartShowsItsScale() throws {
        let c = try DistrictComparison.build(ReportTests.shipped(), indicator: "dti_score")
        guard case let .bars(chart) = try #require(c.table().charts.first) else { Issue.record("not a bar chart"); return }
        let vi = Self.texts(SVGCharts.bars(chart, language: .vi)).map(\.text), en = Self.texts(SVGCharts.bars(chart, language: .en)).map(\.text)
        #expect(vi.contains("Đơn vị: điểm (tối đa 1.000)") && en.contains("Unit: points (maximum 1,000)"))
        #expect(Self.texts(SVGCharts.bars(chart, language: .vi)).filter { $0.anchor == "middle" }.map(\.text) == ["0", "200", "400", "600", "800", "1.000"])
        #expect(vi.contains("685,21") && vi[0] == "Chỉ số chuyển đổi số (DTI) - tổng điểm, năm 2023" && en[0] == "Digital Transformation Index (DTI) total score, 2023")
        #expect(!vi.contains { $0.contains("…") })
    }

    @Test func longLabelsAreWrappedAndCutInsideTheChart() {
        let names = ["Ban Quản lý các Khu công nghiệp tỉnh Đắk Nông và các đơn vị trực thuộc khác của tỉnh", "huyện Cư Jút", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"]
        let chart = BarChart(title: Phrase(vi: "Tỷ lệ <b>", en: "Rate <b>"), groups: [Phrase(vi: "kỳ 1", en: "window 1"), Phrase(vi: "kỳ 2", en: "window 2")],
                             bars: names.map { (Phrase(vi: $0, en: $0), [99.94, 100]) }, maximum: 100, unit: .percent)
        let svg = SVGCharts.bars(chart, language: .vi)
        #expect(Self.overflowing(svg).isEmpty)
        #expect(!svg.contains("<b>") && svg.contains("Tỷ lệ &lt;b&gt;"))
        let texts = Self.texts(svg).map(\.text)
        #expect(texts.contains("huyện Cư Jút") && texts.contains("99,9 %") && texts.contains("100,0 %"))
        // The long name on two lines, the second cut; the word with no space cut on one line.
        // The label column is two fifths of the chart (185.6 of 480 px), and each line fits it.
        let first = SVGCharts.wrap(names[0], width: 185.6, lines: 2)
        #expect(first.count == 2 && first[0].hasPrefix("Ban Quản lý các Khu") && first[1].hasSuffix("…"))
        #expect(names[0].hasPrefix(first[0] + " " + first[1].dropLast()) && first.allSatisfy { SVGCharts.textWidth($0) <= 185.6 })
        #expect(texts.contains(first[0]) && texts.contains(first[1]))
        #expect(texts.contains { $0.hasPrefix("WWWW") && $0.hasSuffix("…") } && !texts.contains(names[2]))
    }

    /// Every chart of the shipped report, in both languages: no text past the edge, a viewBox and a
    /// width that shrinks, no script.
    @Test(arguments: Language.allCases) func shippedChartsFitTheirWidth(_ language: Language) throws {
        let charts = try Self.shippedCharts()
        #expect(charts.count > 40)
        for chart in charts {
            let svg = Self.svg(chart, language)
            #expect(Self.overflowing(svg).isEmpty, "\(Self.overflowing(svg))")
            #expect(svg.contains("style=\"max-width:100%;height:auto\"") && Self.width(svg) != nil)
            #expect(!svg.contains("<script") && svg.range(of: #"[",]-?(inf|nan)[", ]"#, options: [.regularExpression, .caseInsensitive]) == nil)
        }
    }

    /// The text width estimate is Arial's: "thành phố Gia Nghĩa" is 100.9 px at 11 px, estimated with 5 % to spare.
    @Test func widthEstimate() {
        #expect(abs(SVGCharts.textWidth("thành phố Gia Nghĩa") - 100.892 * 1.05) < 0.01)
        #expect(SVGCharts.fit("Ban Quản lý các Khu công nghiệp", width: 60).hasSuffix("…"))
        #expect(SVGCharts.textWidth(SVGCharts.fit("Ban Quản lý các Khu công nghiệp", width: 60)) <= 60)
        #expect(SVGCharts.wrap("một hai ba bốn năm", width: 1000, lines: 2) == ["một hai ba bốn năm"])
    }
}
