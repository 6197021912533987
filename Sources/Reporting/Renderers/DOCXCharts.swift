import Foundation

/// A report table's charts as native Word charts (DrawingML `c:chartSpace` parts, their numbers
/// cached in the part itself, no embedded workbook): Word and LibreOffice draw them, and a planner
/// can restyle them in Word. A fan chart is a line chart over the years (the observed values, the
/// median path, the ends of the 80 % and 95 % ranges and the target); a dot chart a bar chart of
/// the compared values (best at the top, with the projections beside them when there are any); a
/// bar chart the same with a bar per group; small multiples one line per entity on a shared axis
/// (up to ``maximumLines`` entities). The value axis of a fan is the page's (``FanChart/valueAxis()``).
enum DOCXCharts {
    /// The most charts of one table the document shows (the page shows up to
    /// ``HTMLRenderer/maximumCharts``): the first rows' charts, with a note naming how many there are.
    static let maximumPerTable = 8
    /// The most entities small multiples are drawn for as lines of one chart.
    static let maximumLines = 8
    /// A chart's size in EMU (12.6 × 7.6 cm: two side by side across the landscape page).
    static let size = (width: 4_536_000, height: 2_736_000)
    /// A horizontal bar chart's height per bar, in EMU (0.5 cm), above its frame (3 cm).
    static let barHeight = (each: 180_000, frame: 1_080_000)

    /// The chart part of `chart` in `language` (nil for a chart with nothing to draw), with its height in EMU.
    static func part(_ chart: Chart, language l: Language) -> (xml: String, height: Int)? {
        switch chart {
        case let .fan(f): fan(f, l).map { ($0, size.height) }
        case let .dots(d): dots(d, l)
        case let .bars(b): bars(b, l)
        case let .multiples(m): multiples(m, l)
        }
    }

    /// One line of a line chart: its name, points, colour, width (EMU), dash and marker, and whether the legend lists it.
    struct Line {
        var name: String
        var points: [(x: Double, y: Double)]
        var color: String
        var width = 22_225
        var dash: String?
        var marker: String?
        var listed = true
    }

    /// A fan chart: observed values, the median, the range ends and the target, over the years.
    static func fan(_ chart: FanChart, _ l: Language) -> String? {
        let years = { (t: Double) in t - chart.yearOffset }
        let path = chart.path.filter { $0.t.isFinite && $0.median.isFinite }
        guard !chart.history.isEmpty || !path.isEmpty else { return nil }
        let axis = chart.valueAxis()
        func clamp(_ v: Double) -> Double { min(max(v, axis.low), axis.high) }
        var lines: [Line] = []
        for (level, color, dash) in [(95, "9DC3E6", "sysDot"), (80, "6BAED6", nil)] as [(Int, String, String?)] {
            func ends(_ lower: Bool) -> [(x: Double, y: Double)] {
                path.compactMap { s in
                    let v = level == 80 ? (lower ? s.lo80 : s.hi80) : (lower ? s.lo95 : s.hi95)
                    return v.map { (years(s.t), clamp($0)) }
                }
            }
            let low = ends(true), high = ends(false)
            guard !low.isEmpty, !high.isEmpty else { continue }
            lines.append(Line(name: Words.chartBand(level).text(l), points: low, color: color, width: 15_875, dash: dash))
            lines.append(Line(name: Words.chartBand(level).text(l), points: high, color: color, width: 15_875, dash: dash, listed: false))
        }
        lines.append(Line(name: Words.chartMedian.text(l), points: path.map { (years($0.t), clamp($0.median)) }, color: "1F4E79", width: 28_575, dash: "sysDash"))
        if let target = chart.target {
            lines.append(Line(name: Words.chartTargetLabel(target, style: chart.style).text(l), points: [(years(target.t), target.value)],
                              color: "C00000", width: 0, marker: "diamond"))
        }
        // The observed values last: LibreOffice leaves out a scatter chart's short series when longer
        // ones follow it (seen in LibreOffice 7.4's PDF export; Word draws them in any order).
        lines.append(Line(name: Words.chartObserved.text(l), points: chart.history.map { (years($0.t), $0.value) }, color: "1F4E79",
                          width: 28_575, marker: "circle"))
        let xs = lines.flatMap { $0.points.map(\.x) }
        let x0 = (xs.min() ?? 0).rounded(.down), x1 = max((xs.max() ?? 1).rounded(.up), x0 + 1)
        let unit = chart.style.map { Words.chartUnit($0.unitWords, percent: $0.unit == .percent, maximum: nil).text(l) }
        let decimals = SVGCharts.decimalsOf(axis.step)
        return space(title: chart.title.text(l), plot: scatter(lines, x: (x0, x1, x1 - x0 > 12 ? 2 : 1),
                                                               y: (axis.low, axis.high, axis.step, decimals), yTitle: unit,
                                                               yReversed: chart.style?.unit == .rank),
                     unlisted: lines.indices.filter { !lines[$0].listed })
    }

    /// Small multiples as one line per entity on the shared axis (nil beyond ``maximumLines`` entities).
    static func multiples(_ chart: SmallMultiples, _ l: Language) -> (xml: String, height: Int)? {
        guard chart.panels.count <= maximumLines, chart.panels.contains(where: { !$0.history.isEmpty }) else { return nil }
        let colors = ["1F4E79", "C00000", "548235", "7030A0", "BF8F00", "2E75B6", "843C0C", "595959"]
        let lines = chart.panels.enumerated().map { k, p in
            // Each point at the calendar year it is of (a flow's mid-year, a stock's year end), as the page labels it.
            Line(name: (p.rank.map { "\($0). " } ?? "") + p.label.text(l), points: p.history.map { (($0.t - 1e-6).rounded(.down), $0.value) },
                 color: colors[k % colors.count], marker: "circle")
        }
        let xs = lines.flatMap { $0.points.map(\.x) }, ys = lines.flatMap { $0.points.map(\.y) }
        let x0 = (xs.min() ?? 0).rounded(.down), x1 = max((xs.max() ?? 1).rounded(.up), x0 + 1)
        var y0 = ys.min() ?? 0, y1 = ys.max() ?? 1
        if !(y1 > y0) { y1 = y0 + 1 }
        let step = SVGCharts.niceStep(y1 - y0, ticks: 4)
        y0 = (y0 / step).rounded(.down) * step
        y1 = (y1 / step).rounded(.up) * step
        if let lower = chart.lower { y0 = max(y0, lower) }
        if let upper = chart.upper { y1 = min(y1, upper) }
        let unit = Words.chartUnit(chart.style.unitWords, percent: chart.style.unit == .percent, maximum: nil).text(l)
        let rank = chart.style.unit == .rank
        return (space(title: chart.title.text(l), plot: scatter(lines, x: (x0, x1, x1 - x0 > 12 ? 2 : 1), y: (y0, y1, step, SVGCharts.decimalsOf(step)),
                                                                yTitle: unit, yReversed: rank)), size.height)
    }

    /// A dot chart as horizontal bars of the compared values (best at the top), with the projections beside them.
    static func dots(_ chart: DotChart, _ l: Language) -> (xml: String, height: Int)? {
        let rows = chart.shownRows.top + chart.shownRows.bottom
        guard !rows.isEmpty else { return nil }
        var series = [(name: chart.period.text(l), values: rows.map { Optional($0.value) }, color: "1F4E79")]
        if let year = rows.compactMap({ $0.projection?.year }).first {
            series.append((name: Words.chartMedian.text(l) + " \(year)", values: rows.map { $0.projection?.median }, color: "9DC3E6"))
        }
        let unit = Words.chartUnit(chart.style.unitWords, percent: chart.style.unit == .percent, maximum: nil).text(l)
        return bars(title: chart.title.text(l), labels: rows.map { $0.label.text(l) }, series: series, maximum: chart.upper,
                    unit: unit, reversed: chart.style.unit == .rank)
    }

    /// A bar chart: a bar per group for each row.
    static func bars(_ chart: BarChart, _ l: Language) -> (xml: String, height: Int)? {
        guard !chart.bars.isEmpty, chart.bars.count <= HTMLRenderer.maximumBars else { return nil }
        let colors = ["1F4E79", "9DC3E6", "C00000", "548235"]
        let groups = chart.groups.isEmpty ? [Phrase(vi: "", en: "")] : chart.groups
        let series = groups.enumerated().map { k, g in
            (name: g.text(l), values: chart.bars.map { k < $0.values.count ? $0.values[k] : nil }, color: colors[k % colors.count])
        }
        let unit = chart.unit.map { Words.chartUnit(FanChart.chartStyle($0).unitWords, percent: $0 == .percent, maximum: chart.maximum).text(l) }
        return bars(title: chart.title.text(l), labels: chart.bars.map { $0.label.text(l) }, series: series, maximum: chart.maximum,
                    unit: unit, reversed: false, legend: !chart.groups.isEmpty)
    }

    /// A horizontal clustered bar chart, the first label at the top.
    static func bars(title: String, labels: [String], series: [(name: String, values: [Double?], color: String)], maximum: Double?,
                     unit: String?, reversed: Bool, legend: Bool = true) -> (xml: String, height: Int) {
        // Bars are drawn from the bottom up: the labels go in reversed, so that the first is at the top.
        let labels = Array(labels.reversed())
        var plot = "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>"
        for (k, s) in series.enumerated() {
            plot += "<c:ser><c:idx val=\"\(k)\"/><c:order val=\"\(k)\"/><c:tx><c:v>\(xml(s.name))</c:v></c:tx>"
                + "<c:spPr><a:solidFill><a:srgbClr val=\"\(s.color)\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
                + "<c:cat>" + strings(labels) + "</c:cat><c:val>" + numbers(s.values.reversed()) + "</c:val></c:ser>"
        }
        plot += "<c:gapWidth val=\"60\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>"
        plot += "<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/>"
            + "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/>"
            + "<c:tickLblPos val=\"low\"/><c:crossAx val=\"2\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>"
            + "<c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
        plot += valueAxis(id: 2, cross: 1, position: "b", min: nil, max: maximum, step: nil, decimals: 0, title: unit, reversed: reversed,
                          between: true, format: "General")
        let height = min(barHeight.frame + barHeight.each * labels.count * max(series.count, 1), 8_640_000)
        return (space(title: title, plot: plot, legend: legend && series.count > 1), height)
    }

    /// A scatter chart with straight lines through each line's points.
    static func scatter(_ lines: [Line], x: (low: Double, high: Double, step: Double), y: (low: Double, high: Double, step: Double, decimals: Int),
                        yTitle: String?, yReversed: Bool = false) -> String {
        var out = "<c:scatterChart><c:scatterStyle val=\"lineMarker\"/><c:varyColors val=\"0\"/>"
        for (k, line) in lines.enumerated() {
            let stroke = line.width == 0 ? "<a:ln><a:noFill/></a:ln>"
                : "<a:ln w=\"\(line.width)\"><a:solidFill><a:srgbClr val=\"\(line.color)\"/></a:solidFill>"
                    + (line.dash.map { "<a:prstDash val=\"\($0)\"/>" } ?? "") + "</a:ln>"
            let marker = line.marker.map {
                "<c:marker><c:symbol val=\"\($0)\"/><c:size val=\"\($0 == "diamond" ? 8 : 5)\"/><c:spPr><a:solidFill><a:srgbClr val=\"\(line.color)\"/></a:solidFill>"
                    + "<a:ln><a:solidFill><a:srgbClr val=\"\(line.color)\"/></a:solidFill></a:ln></c:spPr></c:marker>"
            } ?? "<c:marker><c:symbol val=\"none\"/></c:marker>"
            out += "<c:ser><c:idx val=\"\(k)\"/><c:order val=\"\(k)\"/><c:tx><c:v>\(xml(line.name))</c:v></c:tx><c:spPr>\(stroke)</c:spPr>\(marker)"
                + "<c:xVal>" + numbers(line.points.map { Optional($0.x) }) + "</c:xVal>"
                + "<c:yVal>" + numbers(line.points.map { Optional($0.y) }) + "</c:yVal><c:smooth val=\"0\"/></c:ser>"
        }
        out += "<c:axId val=\"1\"/><c:axId val=\"2\"/></c:scatterChart>"
        out += valueAxis(id: 1, cross: 2, position: "b", min: x.low, max: x.high, step: x.step, decimals: 0, title: nil, reversed: false, between: false,
                         format: "0", crosses: yReversed ? "max" : "autoZero")
        out += valueAxis(id: 2, cross: 1, position: "l", min: y.low, max: y.high, step: y.step, decimals: y.decimals, title: yTitle,
                         reversed: yReversed, between: false, gridlines: true)
        return out
    }

    /// A value axis (`format`: its numbers' format code; nil: grouped thousands with `decimals`).
    static func valueAxis(id: Int, cross: Int, position: String, min: Double?, max: Double?, step: Double?, decimals: Int, title: String?,
                          reversed: Bool, between: Bool, gridlines: Bool = false, format: String? = nil, crosses: String = "autoZero") -> String {
        let format = format ?? (decimals > 0 ? "#,##0." + String(repeating: "0", count: decimals) : "#,##0")
        return "<c:valAx><c:axId val=\"\(id)\"/><c:scaling><c:orientation val=\"\(reversed ? "maxMin" : "minMax")\"/>"
            + (max.map { "<c:max val=\"\(number($0))\"/>" } ?? "") + (min.map { "<c:min val=\"\(number($0))\"/>" } ?? "")
            + "</c:scaling><c:delete val=\"0\"/><c:axPos val=\"\(position)\"/>"
            + (gridlines ? "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>" : "")
            + (title.map { "<c:title>" + rich($0, size: 900, bold: false) + "<c:overlay val=\"0\"/></c:title>" } ?? "")
            + "<c:numFmt formatCode=\"\(format)\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
            + "<c:tickLblPos val=\"low\"/><c:crossAx val=\"\(cross)\"/><c:crosses val=\"\(crosses)\"/>"
            + "<c:crossBetween val=\"\(between ? "between" : "midCat")\"/>" + (step.map { "<c:majorUnit val=\"\(number($0))\"/>" } ?? "") + "</c:valAx>"
    }

    /// The chart part around a plot area's charts and axes: the title above, the legend below
    /// (without the series `unlisted`: a range's upper end, listed once with its lower).
    static func space(title: String, plot: String, legend: Bool = true, unlisted: [Int] = []) -> String {
        OfficePackage.declaration
            + "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<c:roundedCorners val=\"0\"/><c:chart><c:title>" + rich(title, size: 1000, bold: true) + "<c:overlay val=\"0\"/></c:title>"
            + "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>" + plot + "</c:plotArea>"
            + (legend ? "<c:legend><c:legendPos val=\"b\"/>" + unlisted.map { "<c:legendEntry><c:idx val=\"\($0)\"/><c:delete val=\"1\"/></c:legendEntry>" }.joined()
                + "<c:overlay val=\"0\"/></c:legend>" : "")
            + "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
            + "<c:spPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"
            + "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\"><a:latin typeface=\"Times New Roman\"/><a:cs typeface=\"Times New Roman\"/></a:defRPr></a:pPr>"
            + "<a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr></c:chartSpace>"
    }

    /// A title's rich text.
    static func rich(_ text: String, size: Int, bold: Bool) -> String {
        "<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"\(size)\" b=\"\(bold ? 1 : 0)\"/></a:pPr>"
            + "<a:r><a:rPr lang=\"vi-VN\" sz=\"\(size)\" b=\"\(bold ? 1 : 0)\"/><a:t>\(xml(text))</a:t></a:r></a:p></c:rich></c:tx>"
    }

    /// Numbers cached in the part (a missing or non-finite value is a gap).
    static func numbers<S: Sequence<Double?>>(_ values: S) -> String {
        let all = Array(values)
        let points = all.enumerated().compactMap { k, v -> String? in
            guard let v, v.isFinite else { return nil }
            return "<c:pt idx=\"\(k)\"><c:v>\(number(v))</c:v></c:pt>"
        }
        return "<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val=\"\(all.count)\"/>" + points.joined() + "</c:numLit>"
    }

    /// Labels cached in the part.
    static func strings(_ labels: [String]) -> String {
        "<c:strLit><c:ptCount val=\"\(labels.count)\"/>" + labels.enumerated().map { "<c:pt idx=\"\($0)\"><c:v>\(xml($1))</c:v></c:pt>" }.joined()
            + "</c:strLit>"
    }

    /// A number as the part writes it (a dot, no grouping; up to 10 significant digits).
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.10g", v)
    }

    /// Text made safe for XML.
    static func xml(_ s: String) -> String { OfficePackage.xml(s) }
}
