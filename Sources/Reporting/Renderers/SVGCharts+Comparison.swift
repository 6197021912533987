import Foundation
import Indicators

/// The comparison's charts: a sorted dot chart and small multiples.
extension SVGCharts {
    /// The colours and dashes of the comparison's charts (the fan chart's: the observed in black,
    /// the 80 % band in light blue, the median in dark blue).
    enum DotStyle {
        static let value = "#222"
        static let range = "#6baed6"
        static let median = "#08519c"
        static let line = "#3182bd"
        /// The parent's figure: grey dashes.
        static let parent = (color: "#555", dash: "6 3")
        /// The target: red dots.
        static let target = (color: "#d62728", dash: "2 2")
    }

    /// A value axis: its ends, ticks and their texts; a rank's is drawn inverted (1, the best, at the
    /// right of a dot chart and at the top of a panel).
    struct ValueAxis {
        var low: Double, high: Double, ticks: [Double], texts: [String]

        /// Where `v` sits from the low end (0) to the high end (1), clipped to the axis.
        func share(_ v: Double) -> Double {
            let clipped = v.isFinite ? min(max(v, low), high) : (v > 0 ? high : low)
            return (clipped - low) / (high - low)
        }
    }

    /// An axis over `values` (never cutting one off) with about `ticks` round steps, within the
    /// indicator's bounds unless a value is past them. `wholeShare`: a share whose values spread
    /// over 20 points or more runs from 0 to 100. A rank's steps are whole and its ticks start at 1
    /// when rank 1 is in view.
    static func valueAxis(_ values: [Double], unit: Indicator.Unit, lower: Double?, upper: Double?, ticks count: Int, wholeShare: Bool,
                          language l: Language) -> ValueAxis {
        let data = values.filter(\.isFinite)
        let dataLow = data.min() ?? 0, dataHigh = data.max() ?? 1
        var lo = dataLow, hi = dataHigh
        if wholeShare, unit == .percent, hi - lo >= 20 { (lo, hi) = (min(lo, 0), max(hi, 100)) }
        if !(hi > lo) {
            let d = unit == .rank ? 1 : max(abs(lo) * 0.1, 1)
            (lo, hi) = (lo - d, hi + d)
        }
        var step = niceStep(hi - lo, ticks: count)
        if unit == .rank { step = max(1, step.rounded()) }
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
        if let lower, dataLow >= lower { lo = max(lo, lower) }
        if let upper, dataHigh <= upper { hi = min(hi, upper) }
        if unit == .rank, dataLow >= 1 { lo = max(lo, 1) }
        if !(hi > lo) { hi = lo + step }
        var ticks = tickValues(lo, hi, step: step)
        if unit == .rank, lo == 1, ticks.first != 1 {
            ticks = step <= 2 ? Array(stride(from: 1, through: hi + 1e-9, by: step)) : [1] + ticks.filter { $0 - 1 >= 0.75 * step }
        }
        let decimals = decimalsOf(step)
        return ValueAxis(low: lo, high: hi, ticks: ticks, texts: ticks.map { NumberText.plain($0, decimals: decimals, l) })
    }

    /// The unit line of a comparison's chart: a rank says which end is best.
    static func unitLine(_ style: ValueStyle, _ l: Language) -> String {
        style.unit == .rank ? Words.chartRankUnit.text(l) : Words.chartUnit(style.unitWords, percent: style.unit == .percent, maximum: nil).text(l)
    }

    // MARK: Dot chart

    /// Sorted dot chart: a row per entity (best first), its name on the left (wrapped on two lines
    /// in two fifths of the chart, the rest cut with "…"), a dot at its value and its value on the right; its projection's median
    /// as a hollow mark on a thick line for the 80 % range; the parent's figure (grey dashes) and
    /// the target (red dots) as vertical lines; a value axis with round ticks under the rows (a
    /// rank's inverted: further right is better). The legend names what is drawn.
    static func dots(_ chart: DotChart, language l: Language) -> String {
        let w = 480.0, pad = 8.0, rowHeight = 16.0, lineStep = 12.0
        var svg = Canvas(width: w)
        svg.title(chart.title.text(l))
        let (top, bottom) = chart.shownRows
        let rows = top + bottom
        let projections = rows.compactMap(\.projection)
        var items: [(Swatch, String)] = [(.dot, Words.chartValue(chart.period).text(l))]
        if !projections.isEmpty {
            let ranges = projections.contains { $0.lower != nil && $0.upper != nil }
            items.append((.projection(range: ranges), Words.chartProjection(years: Set(projections.map(\.year)), ranges: ranges).text(l)))
        }
        if let p = chart.parent { items.append((.dashed(DotStyle.parent.color, DotStyle.parent.dash), p.label.text(l))) }
        if let t = chart.target { items.append((.dashed(DotStyle.target.color, DotStyle.target.dash), t.label.text(l))) }
        svg.legend(items)
        svg.line(unitLine(chart.style, l), color: "#555")

        let rank = chart.style.unit == .rank, percent = chart.style.unit == .percent
        let values = rows.map(\.value) + projections.flatMap { [$0.median, $0.lower, $0.upper].compactMap { $0 } }
            + [chart.parent?.value, chart.target?.value].compactMap { $0 }
        let axis = valueAxis(values, unit: chart.style.unit, lower: chart.lower, upper: chart.upper, ticks: rank ? 8 : 5, wholeShare: true,
                             language: l)
        func valueText(_ v: Double) -> String {
            rank ? NumberText.plain(v.rounded(), decimals: 0, l) : chart.style.number(v, l) + (percent ? (l == .vi ? " %" : "%") : "")
        }
        let labels = rows.map { $0.label.text(l) }, valueTexts = rows.map { valueText($0.value) }
        let labelWidth = min(labels.map { textWidth($0) }.max() ?? 0, (w - 2 * pad) * 0.4)
        // A long name on two lines (the rest cut with "…"): its row is a line taller.
        let wrapped = labels.map { wrap($0, width: labelWidth, lines: 2) }
        let valueWidth = valueTexts.map { textWidth($0) }.max() ?? 0
        let plotLeft = pad + labelWidth + 10, plotRight = w - pad - valueWidth - 8, inner = 6.0
        func x(_ v: Double) -> Double {
            let s = axis.share(v)
            return plotLeft + inner + (rank ? 1 - s : s) * (plotRight - plotLeft - 2 * inner)
        }
        let rowsTop = svg.y + 10, gap = bottom.isEmpty ? 0 : rowHeight
        var middles: [Double] = [], rowTop = rowsTop, gapMiddle = rowsTop
        for (i, lines) in wrapped.enumerated() {
            if i == top.count {
                gapMiddle = rowTop + gap / 2
                rowTop += gap
            }
            let height = rowHeight + Double(max(0, lines.count - 1)) * lineStep
            middles.append(rowTop + height / 2)
            rowTop += height
        }
        let rowsBottom = rowTop
        func cy(_ i: Int) -> Double { middles[i] }

        for v in axis.ticks {
            svg.raw("<line x1=\"\(f(x(v)))\" y1=\"\(f(rowsTop))\" x2=\"\(f(x(v)))\" y2=\"\(f(rowsBottom + 2))\" stroke=\"#e3e3e3\"/>")
        }
        for i in rows.indices {
            svg.raw("<line x1=\"\(f(plotLeft))\" y1=\"\(f(cy(i)))\" x2=\"\(f(plotRight))\" y2=\"\(f(cy(i)))\" stroke=\"#efefef\"/>")
        }
        for (name, reference, look) in [("parent", chart.parent, DotStyle.parent), ("target", chart.target, DotStyle.target)] {
            guard let reference, reference.value.isFinite else { continue }
            let rx = f(x(reference.value))
            svg.raw("<line class=\"\(name)\" x1=\"\(rx)\" y1=\"\(f(rowsTop - 2))\" x2=\"\(rx)\" y2=\"\(f(rowsBottom + 2))\" stroke=\"\(look.color)\""
                + " stroke-width=\"1.5\" stroke-dasharray=\"\(look.dash)\"/>")
        }
        for (i, row) in rows.enumerated() {
            let y = cy(i)
            for (k, line) in wrapped[i].enumerated() {
                svg.text(line, x: pad, y: y + 4 - Double(wrapped[i].count - 1) * lineStep / 2 + Double(k) * lineStep)
            }
            if let p = row.projection, let lo = p.lower, let hi = p.upper, lo.isFinite, hi.isFinite {
                svg.raw("<line class=\"range\" x1=\"\(f(x(lo)))\" y1=\"\(f(y))\" x2=\"\(f(x(hi)))\" y2=\"\(f(y))\" stroke=\"\(DotStyle.range)\" stroke-width=\"4\"/>")
            }
            if row.value.isFinite {
                svg.raw("<circle class=\"value\" cx=\"\(f(x(row.value)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(DotStyle.value)\"/>")
            }
            if let p = row.projection, p.median.isFinite {
                svg.raw("<circle class=\"median\" cx=\"\(f(x(p.median)))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"none\" stroke=\"\(DotStyle.median)\" stroke-width=\"1.5\"/>")
            }
            svg.text(valueTexts[i], x: plotRight + 8, y: y + 4, style: "fill:#555")
        }
        if !bottom.isEmpty {
            // The rows left out between the two ends.
            svg.raw("<line x1=\"\(f(pad))\" y1=\"\(f(gapMiddle))\" x2=\"\(f(w - pad))\" y2=\"\(f(gapMiddle))\" stroke=\"#bbb\" stroke-dasharray=\"3 3\"/>")
        }
        svg.raw("<line x1=\"\(f(plotLeft))\" y1=\"\(f(rowsBottom + 2))\" x2=\"\(f(plotRight))\" y2=\"\(f(rowsBottom + 2))\" stroke=\"#999\"/>")
        for (v, text) in zip(axis.ticks, axis.texts) {
            svg.raw("<line x1=\"\(f(x(v)))\" y1=\"\(f(rowsBottom + 2))\" x2=\"\(f(x(v)))\" y2=\"\(f(rowsBottom + 6))\" stroke=\"#999\"/>")
            svg.text(text, x: x(v), y: rowsBottom + 17, anchor: .middle)
        }
        svg.y = rowsBottom + 17
        if !bottom.isEmpty { svg.note(Words.chartEnds(DotChart.endsShown, of: chart.rows.count).text(l)) }
        for note in chart.notes { svg.note(note.text(l)) }
        return svg.finish(class: "dots", title: chart.title.text(l))
    }

    // MARK: Small multiples

    /// Small multiples: three panels a row, each an entity's history (a line with a dot per
    /// observation) under its place and name, with the first and last year; every panel on the same
    /// value axis (ticks on the left of each row; a rank's inverted, 1 at the top) and the same
    /// span of time. With more than ``SmallMultiples/maximumPanels`` entities, the first and last
    /// ``SmallMultiples/endsShown`` are drawn, the last on rows of their own, and a note says so.
    static func multiples(_ chart: SmallMultiples, language l: Language) -> String {
        let w = 480.0, pad = 8.0, columns = 3, gapX = 12.0, plotHeight = 60.0, rank = chart.style.unit == .rank
        var svg = Canvas(width: w)
        svg.title(chart.title.text(l))
        // Each panel is one entity's observed series, all on one axis.
        svg.legend([(.dot, Words.chartObserved.text(l)), (.line(DotStyle.line), Words.chartSharedAxis.text(l))])
        svg.line(unitLine(chart.style, l), color: "#555")
        let (top, bottom) = chart.shownPanels
        let points = (top + bottom).flatMap(\.history).filter { $0.t.isFinite && $0.value.isFinite }
        let axis = valueAxis(points.map(\.value), unit: chart.style.unit, lower: chart.lower, upper: chart.upper, ticks: rank ? 3 : 2, wholeShare: false, language: l)
        let gutter = (axis.texts.map { textWidth($0) }.max() ?? 0) + 6
        let panelWidth = (w - 2 * pad - gutter - Double(columns - 1) * gapX) / Double(columns)
        let t0 = points.map(\.t).min() ?? 0, t1 = points.map(\.t).max() ?? 1
        func px(_ t: Double, _ left: Double) -> Double { t1 > t0 ? left + 5 + (t - t0) / (t1 - t0) * (panelWidth - 10) : left + panelWidth / 2 }
        func py(_ v: Double, _ plotTop: Double) -> Double {
            let s = axis.share(v)
            return rank ? plotTop + 4 + s * (plotHeight - 8) : plotTop + plotHeight - 4 - s * (plotHeight - 8)
        }
        /// The calendar year a time falls in (a flow's mid-year, a stock's year end: the year it is of).
        func year(_ t: Double) -> String { String(Int((t - 1e-6).rounded(.down))) }
        func chunks(_ panels: [SmallMultiples.Panel]) -> [[SmallMultiples.Panel]] {
            stride(from: 0, to: panels.count, by: columns).map { Array(panels[$0..<min($0 + columns, panels.count)]) }
        }
        let gridRows = chunks(top), lowerRows = chunks(bottom)
        var y = svg.y + 6
        for (r, row) in (gridRows + lowerRows).enumerated() {
            if r == gridRows.count, !lowerRows.isEmpty {
                // The panels left out between the two ends.
                svg.raw("<line x1=\"\(f(pad))\" y1=\"\(f(y + 2))\" x2=\"\(f(w - pad))\" y2=\"\(f(y + 2))\" stroke=\"#bbb\" stroke-dasharray=\"3 3\"/>")
                y += 8
            }
            let titles = row.map { p in wrap((p.rank.map { "\($0). " } ?? "") + p.label.text(l), width: panelWidth, lines: 2) }
            let plotTop = y + Double(titles.map(\.count).max() ?? 1) * 13 + 3
            for (v, text) in zip(axis.ticks, axis.texts) { svg.text(text, x: pad + gutter - 4, y: py(v, plotTop) + 4, anchor: .end) }
            for (c, panel) in row.enumerated() {
                let left = pad + gutter + Double(c) * (panelWidth + gapX)
                var g = "<g class=\"panel\">"
                for (k, line) in titles[c].enumerated() { g += textTag(line, x: left, y: y + 10 + Double(k) * 13) }
                g += "<rect class=\"frame\" x=\"\(f(left))\" y=\"\(f(plotTop))\" width=\"\(f(panelWidth))\" height=\"\(f(plotHeight))\" fill=\"#fafafa\" stroke=\"#ddd\"/>"
                for v in axis.ticks {
                    g += "<line x1=\"\(f(left))\" y1=\"\(f(py(v, plotTop)))\" x2=\"\(f(left + panelWidth))\" y2=\"\(f(py(v, plotTop)))\" stroke=\"#e6e6e6\"/>"
                }
                let history = panel.history.filter { $0.t.isFinite && $0.value.isFinite }
                if history.count >= 2 {
                    g += "<polyline fill=\"none\" stroke=\"\(DotStyle.line)\" stroke-width=\"1.5\" points=\""
                        + history.map { "\(f(px($0.t, left))),\(f(py($0.value, plotTop)))" }.joined(separator: " ") + "\"/>"
                }
                for p in history { g += "<circle cx=\"\(f(px(p.t, left)))\" cy=\"\(f(py(p.value, plotTop)))\" r=\"2.2\" fill=\"\(DotStyle.value)\"/>" }
                // The shared span's first and last year (every panel's x runs over the same years).
                let yearsY = plotTop + plotHeight + 11
                if year(t0) == year(t1) {
                    g += textTag(year(t0), x: left + panelWidth / 2, y: yearsY, anchor: .middle, style: "fill:#666")
                } else {
                    g += textTag(year(t0), x: left, y: yearsY, style: "fill:#666")
                    g += textTag(year(t1), x: left + panelWidth, y: yearsY, anchor: .end, style: "fill:#666")
                }
                svg.raw(g + "</g>")
            }
            y = plotTop + plotHeight + 18
        }
        svg.y = y - 6
        if !bottom.isEmpty { svg.note(Words.chartEnds(SmallMultiples.endsShown, of: chart.panels.count).text(l)) }
        for note in chart.notes { svg.note(note.text(l)) }
        return svg.finish(class: "multiples", title: chart.title.text(l))
    }
}
