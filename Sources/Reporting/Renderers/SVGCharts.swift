import Foundation
import Indicators

/// The report's charts as inline SVG: deterministic text, every word escaped, no scripts. Each chart
/// has a `viewBox` and shrinks to the width of a phone; its texts are measured (``textWidth(_:bold:)``)
/// so that none runs past the edge.
enum SVGCharts {
    /// Font size of every text, in px (the page's style sets the same).
    static let fontSize = 11.0
    /// Baseline to baseline.
    static let lineHeight = 14.0
    /// The texts' fonts: Arial's metrics (Helvetica's, Liberation Sans'), which ``textWidth(_:bold:)`` measures.
    static let fonts = "Arial, Helvetica, sans-serif"

    // MARK: Fan chart

    /// Fan chart: 95 % and 80 % bands, median line, observed points, target marker with its label; a
    /// legend, value gridlines with the unit, a tick per year (or every 2nd, 5th, … when crowded).
    static func fan(_ chart: FanChart, language l: Language) -> String {
        let w = 430.0, pad = 8.0
        var svg = Canvas(width: w)
        svg.title(chart.title.text(l), reserve: true)
        // Legend: only what is drawn.
        let path = chart.path
        var items: [(Swatch, Phrase)] = []
        if !chart.history.isEmpty { items.append((.dot, Words.chartObserved)) }
        if path.count >= 2 { items.append((.line("#08519c"), Words.chartMedian)) }
        if path.contains(where: { $0.lo80 != nil && $0.hi80 != nil }) { items.append((.box("#6baed6"), Words.chartBand(80))) }
        if path.contains(where: { $0.lo95 != nil && $0.hi95 != nil }) { items.append((.box("#c6dbef"), Words.chartBand(95))) }
        if chart.target != nil { items.append((.diamond, Words.chartTarget)) }
        svg.legend(items.map { ($0.0, $0.1.text(l)) })
        if let style = chart.style { svg.line(Words.chartUnit(style.unitWords, percent: style.unit == .percent, maximum: nil).text(l), color: "#555") }

        let (y0, y1, step) = chart.valueAxis()
        let lows = path.compactMap { $0.lo95 ?? $0.lo80 }.filter(\.isFinite), highs = path.compactMap { $0.hi95 ?? $0.hi80 }.filter(\.isFinite)
        let ticks = tickValues(y0, y1, step: step), decimals = decimalsOf(step)
        let tickTexts = ticks.map { NumberText.plain($0, decimals: decimals, l) }
        let left = pad + (tickTexts.map { textWidth($0) }.max() ?? 0) + 6, right = w - 14
        let top = svg.y + 12, bottom = top + 170
        // Years: a year's tick where its values sit, so that a point stands above its year.
        let times = (chart.history.map(\.t) + path.map(\.t) + (chart.target.map { [$0.t] } ?? [])).filter(\.isFinite)
        let off = chart.yearOffset
        var t0 = times.min() ?? 0, t1 = times.max() ?? 1
        t0 = min(t0, (t0 - off).rounded(.down) + off)
        t1 = max(t1, (t1 - off).rounded(.up) + off, t0 + 1)
        func x(_ t: Double) -> Double { left + 8 + (t - t0) / (t1 - t0) * (right - left - 16) }
        // A rank is drawn on an inverted axis: rank 1, the best, at the top.
        let inverted = chart.unit == .rank
        func y(_ v: Double) -> Double {
            let clipped = v.isFinite ? min(max(v, y0), y1) : (v > 0 ? y1 : y0)
            let share = (clipped - y0) / (y1 - y0)
            return inverted ? top + share * (bottom - top) : bottom - share * (bottom - top)
        }
        for (v, text) in zip(ticks, tickTexts) {
            svg.raw("<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(right))\" y2=\"\(f(y(v)))\" stroke=\"#e3e3e3\"/>")
            svg.text(text, x: left - 4, y: y(v) + 4, anchor: .end)
        }
        func band(_ lo: KeyPath<FanChart.Step, Double?>, _ hi: KeyPath<FanChart.Step, Double?>, _ fill: String) -> String {
            let pts = path.filter { $0[keyPath: lo] != nil && $0[keyPath: hi] != nil }
            guard pts.count >= 2 else { return "" }
            let upper = pts.map { "\(f(x($0.t))),\(f(y($0[keyPath: hi] ?? 0)))" }
            let lower = pts.reversed().map { "\(f(x($0.t))),\(f(y($0[keyPath: lo] ?? 0)))" }
            return "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(fill)\"/>"
        }
        svg.raw(band(\.lo95, \.hi95, "#c6dbef") + band(\.lo80, \.hi80, "#6baed6"))
        if path.count >= 2 {
            svg.raw("<polyline fill=\"none\" stroke=\"#08519c\" stroke-width=\"2\" points=\"\(path.map { "\(f(x($0.t))),\(f(y($0.median)))" }.joined(separator: " "))\"/>")
        }
        for p in chart.history { svg.raw("<circle cx=\"\(f(x(p.t)))\" cy=\"\(f(y(p.value)))\" r=\"3\" fill=\"#222\"/>") }
        svg.raw("<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"#999\"/>")
        svg.raw("<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"#999\"/>")
        let first = Int((t0 - off).rounded(.up)), last = Int((t1 - off).rounded(.down))
        let room = max(1, Int((right - left - 16) / 40))
        let every = [1, 2, 5, 10, 20, 50, 100].first { (last - first) / $0 + 1 <= room } ?? 100
        for year in first...max(first, last) where year % every == 0 || every == 1 {
            let tx = x(Double(year) + off)
            svg.raw("<line x1=\"\(f(tx))\" y1=\"\(f(bottom))\" x2=\"\(f(tx))\" y2=\"\(f(bottom + 4))\" stroke=\"#999\"/>")
            svg.text(String(year), x: tx, y: bottom + 15, anchor: .middle)
        }
        if let target = chart.target {
            let (cx, cy) = (x(target.t), y(target.value))
            svg.raw("<line x1=\"\(f(left))\" y1=\"\(f(cy))\" x2=\"\(f(cx))\" y2=\"\(f(cy))\" stroke=\"#d62728\" stroke-dasharray=\"4 3\" stroke-opacity=\".6\"/>")
            svg.raw("<polygon class=\"target\" points=\"\(f(cx)),\(f(cy - 6)) \(f(cx + 6)),\(f(cy)) \(f(cx)),\(f(cy + 6)) \(f(cx - 6)),\(f(cy))\" fill=\"#d62728\"/>")
            let label = Words.chartTargetLabel(target, style: chart.style).text(l), width = textWidth(label)
            let lx = max(pad, min(cx + 6, w - pad) - width), ly = cy - 10 - fontSize < top ? cy + 19 : cy - 10
            svg.text(label, x: lx, y: ly, style: "fill:#b2182b;paint-order:stroke;stroke:#fff;stroke-width:3px")
        }
        svg.y = bottom + 15
        let cutLow = lows.filter { $0 < y0 - 1e-9 }.min(), cutHigh = highs.filter { $0 > y1 + 1e-9 }.max()
        if cutLow != nil || cutHigh != nil {
            let levels = [80, 95].filter { level in
                path.contains { s in
                    let (lo, hi) = level == 80 ? (s.lo80, s.hi80) : (s.lo95, s.hi95)
                    return (lo.map { $0 < y0 - 1e-9 } ?? false) || (hi.map { $0 > y1 + 1e-9 } ?? false)
                }
            }
            svg.line(Words.chartBandsCut(levels: levels, low: cutLow, high: cutHigh, style: chart.style).text(l), color: "#666", italic: true)
        }
        return svg.finish(class: "fan", title: chart.title.text(l))
    }

    // MARK: Bar chart

    /// Horizontal bar chart: a row per entity with a bar per group (two colours and a legend for two
    /// windows), names wrapped on two lines (the rest cut with "…") in a column as wide as they need up
    /// to two fifths of the chart, values at the bars' ends, and an axis to the scale's maximum.
    static func bars(_ chart: BarChart, language l: Language) -> String {
        let w = 480.0, pad = 8.0
        var svg = Canvas(width: w)
        svg.title(chart.title.text(l))
        let groups = max(1, chart.groups.count, chart.bars.map(\.values.count).max() ?? 1)
        let colors = groups == 1 ? ["#3182bd"] : groups == 2 ? ["#9ecae1", "#3182bd"] : ["#c6dbef", "#6baed6", "#2171b5", "#08306b"]
        func color(_ k: Int) -> String { colors[min(k, colors.count - 1)] }
        if !chart.groups.isEmpty { svg.legend(chart.groups.enumerated().map { (.box(color($0.offset)), $0.element.text(l)) }) }
        if let unit = chart.unit { svg.line(Words.chartUnit(Words.unit(unit), percent: unit == .percent, maximum: chart.maximum).text(l), color: "#555") }
        let decimals = chart.unit == .percent ? 1 : chart.unit == .count ? 0 : 2
        let values = chart.bars.flatMap(\.values).compactMap { $0 }.filter(\.isFinite)
        let valueTexts = chart.bars.map { $0.values.map { v in v.map { NumberText.plain($0, decimals: decimals, l) + (chart.unit == .percent ? (l == .vi ? " %" : "%") : "") } } }
        // The axis: 0 to the scale's maximum if there is one, else to a round number above the largest value.
        let highest = max(values.max() ?? 1, 1e-9)
        let step = niceStep(max(chart.maximum ?? 0, highest), ticks: 5)
        let top = max(chart.maximum ?? 0, (highest / step).rounded(.up) * step)
        let ticks = tickValues(0, top, step: step)
        let tickTexts = ticks.map { NumberText.plain($0, decimals: decimalsOf(step), l) }
        let labels = chart.bars.map { $0.label.text(l) }
        let labelWidth = min(labels.map { textWidth($0) }.max() ?? 0, (w - 2 * pad) * 0.4)
        let valueWidth = max(valueTexts.flatMap { $0 }.compactMap { $0 }.map { textWidth($0) }.max() ?? 0, (tickTexts.last.map { textWidth($0) } ?? 0) / 2)
        let plotLeft = pad + labelWidth + 8, plotRight = w - pad - valueWidth - 4
        func x(_ v: Double) -> Double { plotLeft + max(0, min(v, top)) / top * (plotRight - plotLeft) }
        let barHeight = 12.0, barGap = 2.0
        let rowsTop = svg.y + 6
        var rows = ""
        var rowTop = rowsTop
        for (i, bar) in chart.bars.enumerated() {
            let lines = wrap(labels[i], width: labelWidth, lines: 2)
            let barsHeight = Double(groups) * (barHeight + barGap) - barGap
            let rowHeight = max(barsHeight, Double(lines.count) * 13 - 2) + 8
            let middle = rowTop + rowHeight / 2
            for (k, line) in lines.enumerated() {
                rows += textTag(line, x: pad, y: middle - Double(lines.count - 1) * 6.5 + Double(k) * 13 + 4)
            }
            for (k, value) in bar.values.enumerated() {
                guard let value, value.isFinite else { continue }
                let by = middle - barsHeight / 2 + Double(k) * (barHeight + barGap)
                rows += "<rect x=\"\(f(plotLeft))\" y=\"\(f(by))\" width=\"\(f(x(value) - plotLeft))\" height=\"\(f(barHeight))\" fill=\"\(color(k))\"/>"
                rows += textTag(valueTexts[i][k] ?? "", x: x(value) + 4, y: by + barHeight - 2)
            }
            rowTop += rowHeight
        }
        for (v, text) in zip(ticks, tickTexts) {
            svg.raw("<line x1=\"\(f(x(v)))\" y1=\"\(f(rowsTop))\" x2=\"\(f(x(v)))\" y2=\"\(f(rowTop + 4))\" stroke=\"#e3e3e3\"/>")
            svg.text(text, x: x(v), y: rowTop + 17, anchor: .middle)
        }
        svg.raw("<line x1=\"\(f(plotLeft))\" y1=\"\(f(rowTop + 4))\" x2=\"\(f(plotRight))\" y2=\"\(f(rowTop + 4))\" stroke=\"#999\"/>")
        svg.raw(rows)
        svg.y = rowTop + 17
        return svg.finish(class: "bars", title: chart.title.text(l))
    }

    // MARK: Drawing

    /// What a legend item shows.
    enum Swatch {
        case dot, diamond, line(String), box(String)
        /// A dashed line (colour, `stroke-dasharray`).
        case dashed(String, String)
        /// A projection: a hollow mark at the median, on its 80 % range as a thick line when `range`.
        case projection(range: Bool)
    }

    /// Where a text hangs from its x.
    enum Anchor: String {
        case start, middle, end
    }

    /// An SVG being drawn top to bottom: `y` is the last baseline used.
    struct Canvas {
        let width: Double
        var y = 0.0
        var body = ""
        let pad = 8.0

        init(width: Double) { self.width = width }

        /// The title, bold, wrapped on at most two lines (cut with "…"; the full title is the svg's `<title>`);
        /// `reserve`: the room of two lines kept even for one (charts side by side then line up).
        mutating func title(_ text: String, reserve: Bool = false) {
            let lines = wrap(text, width: width - 2 * pad, lines: 2, bold: true)
            for line in lines {
                y += y == 0 ? 16 : lineHeight
                body += textTag(line, x: pad, y: y, bold: true)
            }
            if reserve, lines.count < 2 { y += lineHeight * Double(2 - max(lines.count, 1)) }
        }

        /// A line of text under what is drawn.
        mutating func line(_ text: String, color: String, italic: Bool = false) {
            y += lineHeight + 2
            let shown = fit(text, width: width - 2 * pad)
            body += textTag(shown, x: pad, y: y, style: "fill:\(color)" + (italic ? ";font-style:italic" : ""))
        }

        /// A note under what is drawn, wrapped on at most three lines (the rest cut with "…").
        mutating func note(_ text: String, color: String = "#666") {
            for line in wrap(text, width: width - 2 * pad, lines: 3) {
                y += lineHeight + 2
                body += textTag(line, x: pad, y: y, style: "fill:\(color);font-style:italic")
            }
        }

        /// Legend items flowing left to right, on as many rows as they need.
        mutating func legend(_ items: [(Swatch, String)]) {
            guard !items.isEmpty else { return }
            y += lineHeight + 4
            var x = pad
            body += "<g class=\"legend\">"
            defer { body += "</g>" }
            for (swatch, text) in items {
                let shown = fit(text, width: width - 2 * pad - 19), itemWidth = 19 + textWidth(shown) + 10
                if x > pad, x + itemWidth - 10 > width - pad {
                    x = pad
                    y += lineHeight + 2
                }
                let cy = y - 4
                switch swatch {
                case .dot: body += "<circle cx=\"\(f(x + 7))\" cy=\"\(f(cy))\" r=\"3\" fill=\"#222\"/>"
                case .diamond: body += "<polygon points=\"\(f(x + 7)),\(f(cy - 5)) \(f(x + 12)),\(f(cy)) \(f(x + 7)),\(f(cy + 5)) \(f(x + 2)),\(f(cy))\" fill=\"#d62728\"/>"
                case let .line(color): body += "<line x1=\"\(f(x))\" y1=\"\(f(cy))\" x2=\"\(f(x + 15))\" y2=\"\(f(cy))\" stroke=\"\(color)\" stroke-width=\"2\"/>"
                case let .box(color): body += "<rect x=\"\(f(x))\" y=\"\(f(cy - 5))\" width=\"15\" height=\"10\" fill=\"\(color)\"/>"
                case let .dashed(color, dash):
                    body += "<line x1=\"\(f(x))\" y1=\"\(f(cy))\" x2=\"\(f(x + 15))\" y2=\"\(f(cy))\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"\(dash)\"/>"
                case let .projection(range):
                    if range { body += "<line x1=\"\(f(x))\" y1=\"\(f(cy))\" x2=\"\(f(x + 15))\" y2=\"\(f(cy))\" stroke=\"\(DotStyle.range)\" stroke-width=\"4\"/>" }
                    body += "<circle cx=\"\(f(x + 7.5))\" cy=\"\(f(cy))\" r=\"3.5\" fill=\"none\" stroke=\"\(DotStyle.median)\" stroke-width=\"1.5\"/>"
                }
                body += textTag(shown, x: x + 19, y: y)
                x += itemWidth
            }
        }

        mutating func text(_ text: String, x: Double, y: Double, anchor: Anchor = .start, style: String? = nil) {
            body += textTag(text, x: x, y: y, anchor: anchor, style: style)
        }

        mutating func raw(_ svg: String) { body += svg }

        /// The svg: as wide as `width` at most, shrinking with its container (viewBox, max-width).
        func finish(class name: String, title: String) -> String {
            let h = (y + 10).rounded(.up)
            return "<svg class=\"\(name)\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(width)) \(Int(h))\""
                + " style=\"max-width:100%;height:auto\" font-family=\"\(fonts)\" role=\"img\"><title>\(HTMLRenderer.html(title))</title>" + body + "</svg>"
        }
    }

    /// A `<text>` element (11 px; bold, anchored and styled as asked).
    static func textTag(_ text: String, x: Double, y: Double, anchor: Anchor = .start, bold: Bool = false, style: String? = nil) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\"" + (anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\"") + (bold ? " font-weight=\"bold\"" : "")
            + (style.map { " style=\"\($0)\"" } ?? "") + ">\(HTMLRenderer.html(text))</text>"
    }

    static func f(_ v: Double) -> String { Printf.fixed(v, decimals: 1) }

    // MARK: Scales

    /// A round step (1, 2 or 5 times a power of ten, or 25, 250, …) that cuts `span` in about `ticks` parts.
    static func niceStep(_ span: Double, ticks: Int) -> Double {
        let raw = max(span, 1e-9) / Double(ticks), magnitude = pow(10, (log10(raw)).rounded(.down)), r = raw / magnitude
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 && magnitude >= 10 ? 2.5 : r <= 5 ? 5 : 10) * magnitude
    }

    /// The multiples of `step` from `low` to `high`.
    static func tickValues(_ low: Double, _ high: Double, step: Double) -> [Double] {
        let first = Int((low / step - 1e-9).rounded(.up)), last = Int((high / step + 1e-9).rounded(.down))
        return first <= last ? (first...last).map { Double($0) * step } : []
    }

    /// The decimals that show every multiple of `step`.
    static func decimalsOf(_ step: Double) -> Int {
        var d = 0
        while d < 6, abs(step * pow(10, Double(d)) - (step * pow(10, Double(d))).rounded()) > 1e-6 { d += 1 }
        return d
    }

    // MARK: Text widths

    /// Arial's (Helvetica's) advance widths of the printable ASCII characters (U+0020 to U+007E), in 1/1000 em.
    static let advances: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    /// The width of `text` on one line at 11 px, in px, with 5 % to spare (10 % more in bold): a letter
    /// with Vietnamese marks as its base letter (ơ, ư a little wider), other letters as an average
    /// letter, symbols as their usual widths, anything else as a full em.
    static func textWidth(_ text: String, bold: Bool = false) -> Double {
        var units = 0
        for c in text {
            // Printable ASCII straight from the table (no decomposition: most of a chart's text).
            if let a = c.asciiValue, a >= 0x20, a < 0x7F {
                units += advances[Int(a) - 0x20]
                continue
            }
            let scalars = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let base = scalars.first else { continue }
            let v = Int(base.value)
            if v >= 0x20 && v < 0x7F {
                units += advances[v - 0x20] + (scalars.contains("\u{31B}") ? 60 : 0)
                continue
            }
            switch base {
            case "đ": units += 556
            case "Đ": units += 722
            case "≥", "≤", "−", "×": units += 584
            case "–": units += 556
            case "—", "…": units += 1000
            default: units += c.isLetter ? (c.isUppercase ? 722 : 556) : 1000
            }
        }
        return Double(units) / 1000 * fontSize * (bold ? 1.155 : 1.05)
    }

    /// `text` cut with "…" to fit `width`.
    static func fit(_ text: String, width: Double, bold: Bool = false) -> String {
        guard textWidth(text, bold: bold) > width else { return text }
        var kept = Substring(text)
        while !kept.isEmpty, textWidth(kept.trimmingCharacters(in: .whitespaces) + "…", bold: bold) > width { kept = kept.dropLast() }
        return kept.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// `text` wrapped at spaces on at most `lines` lines of `width` (a word too long for a line is cut;
    /// the last line ends with "…" if the text goes on).
    static func wrap(_ text: String, width: Double, lines: Int, bold: Bool = false) -> [String] {
        var out: [String] = []
        var words = text.split(separator: " ").map(String.init)[...]
        while let word = words.first {
            if out.count == lines - 1 { return out + [fit(words.joined(separator: " "), width: width, bold: bold)] }
            var line = fit(word, width: width, bold: bold)
            words.removeFirst()
            while let next = words.first, textWidth(line + " " + next, bold: bold) <= width {
                line += " " + next
                words.removeFirst()
            }
            out.append(line)
        }
        return out
    }
}
