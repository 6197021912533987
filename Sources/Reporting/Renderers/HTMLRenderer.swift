import Foundation

/// A self-contained HTML page: the tables, an inline SVG fan chart per projected series and a bar
/// chart per comparison. No scripts, no external resources; every text is escaped.
public enum HTMLRenderer {
    /// The most charts drawn for one table: a national report projects 140,000 series, whose charts
    /// would make a page of hundreds of megabytes that no browser shows; the first rows' charts are
    /// drawn (the gap table's are the most at risk) and a note says how many were left out.
    public static let maximumCharts = 200
    /// The most rows shown of one table: a page with 140,000 rows takes minutes to open; the first
    /// rows are shown (the gap table's most at risk) and a note names the files that have them all.
    public static let maximumRows = 2000
    /// The most bars a bar chart draws: a comparison of 700 districts is read in its table, not in a
    /// chart 14,000 pixels tall.
    public static let maximumBars = 60

    /// The page.
    ///
    /// `links` (title, file name) are listed after the summary: tables too long for one page, each on
    /// a page of its own.
    public static func page(title: String, summary: [String], tables: [ReportTable], language: Language,
                            links: [(title: String, href: String)] = []) -> String {
        var body = "<h1>\(html(title))</h1>\n"
        if !summary.isEmpty { body += "<ul class=\"summary\">" + summary.map { "<li>\(html($0))</li>" }.joined() + "</ul>\n" }
        if !links.isEmpty {
            body += "<h2>\(language == .vi ? "Các bảng trên trang riêng" : "Tables on pages of their own")</h2>\n<ul class=\"pages\">"
                + links.map { "<li><a href=\"\(html($0.href))\">\(html($0.title))</a></li>" }.joined() + "</ul>\n"
        }
        for table in tables {
            body += "<section id=\"\(html(table.id))\">\n<h2>\(html(table.title(language)))</h2>\n"
            let shownCharts = min(table.charts.count, maximumCharts), allCharts = table.charts.count + table.chartsLeftOut
            if allCharts > shownCharts {
                let (shown, all) = (NumberText.plain(Double(shownCharts), decimals: 0, language), NumberText.plain(Double(allCharts), decimals: 0, language))
                body += "<p class=\"note\">" + (language == .vi ? "Biểu đồ của \(shown) dòng đầu trong \(all) dòng." : "Charts of the first \(shown) of \(all) rows.") + "</p>\n"
            }
            let drawn = table.charts.prefix(maximumCharts).filter { chart in
                if case let .bars(b) = chart { return b.bars.count <= maximumBars }
                return true
            }
            if drawn.count < min(table.charts.count, maximumCharts) {
                body += "<p class=\"note\">" + html(language == .vi ? "Quá nhiều đơn vị để vẽ biểu đồ cột (hơn \(maximumBars)); xem bảng."
                                                              : "Too many units for a bar chart (over \(maximumBars)); see the table.") + "</p>\n"
            }
            if !drawn.isEmpty {
                body += "<div class=\"charts\">" + drawn.map { chart in
                    switch chart {
                    case let .fan(f): fan(f, language: language)
                    case let .bars(b): bars(b, language: language)
                    }
                }.joined(separator: "\n") + "</div>\n"
            }
            if let note = table.rowsLeftOutNote(shown: maximumRows, language: language) {
                body += "<p class=\"note\">" + html(note) + "</p>\n"
            }
            body += "<div class=\"scroll\"><table>\n<thead><tr>" + table.columns.map { "<th>\(html($0.label(language)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for (i, row) in table.rows.prefix(maximumRows).enumerated() {
                body += "<tr>" + zip(table.columns, row).map { column, cell in
                    let text = html(table.display(cell, column: column, row: i, language: language))
                    if case .number = cell { return "<td class=\"n\">\(text)</td>" }
                    return "<td>\(text)</td>"
                }.joined() + "</tr>\n"
            }
            body += "</tbody></table></div>\n</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(html(title))</title>
            <style>
            body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:1.5rem;color:#1b1b1b}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
            table{border-collapse:collapse;font-size:.8rem}th,td{border:1px solid #ccc;padding:.2rem .4rem;vertical-align:top}
            th{background:#eef2f7;position:sticky;top:0}td.n{text-align:right;white-space:nowrap}td{min-width:5rem}
            .scroll{overflow-x:auto;max-height:36rem}.charts{display:flex;flex-wrap:wrap;gap:1rem}
            svg{background:#fff;border:1px solid #ddd}svg text{font-size:11px;fill:#333}
            @media print{@page{size:A4 landscape;margin:10mm}body{margin:0}.scroll{overflow:visible;max-height:none}
            th{position:static}table{font-size:6.5pt}td{min-width:0}thead{display:table-header-group}tr,svg{break-inside:avoid}}
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// Escapes text for HTML content and attribute values.
    public static func html(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func f(_ v: Double) -> String { Printf.fixed(v, decimals: 1) }

    /// Fan chart: 95 % and 80 % bands, median line, observed points, target marker.
    static func fan(_ chart: FanChart, language: Language) -> String {
        let w = 420.0, h = 240.0, left = 48.0, right = 12.0, top = 28.0, bottom = 28.0
        let ts = chart.history.map(\.t) + chart.path.map(\.t) + (chart.target.map { [$0.t] } ?? [])
        // The axis shows the data, the median path and the target with room around them; wide bands
        // are clipped at its edges rather than squashing the rest (a loglinear 95 % band can be huge).
        let ys = (chart.history.map(\.value) + chart.path.map(\.median) + (chart.target.map { [$0.value] } ?? [])).filter(\.isFinite)
        let t0 = ts.filter(\.isFinite).min() ?? 0, t1 = max(ts.filter(\.isFinite).max() ?? 1, t0 + 1)
        let lowData = ys.min() ?? 0, highData = ys.max() ?? 1
        let pad = max(highData - lowData, abs(highData) * 0.1, 1e-9) * 0.5
        var y0 = lowData - pad, y1 = highData + pad
        if let l = chart.lower { y0 = max(y0, l) }
        if let u = chart.upper { y1 = min(y1, u) }
        if !(y1 > y0) { y1 = y0 + 1 }
        func x(_ t: Double) -> Double { left + (t - t0) / (t1 - t0) * (w - left - right) }
        func y(_ v: Double) -> Double {
            let clipped = v.isFinite ? min(max(v, y0), y1) : (v > 0 ? y1 : y0)
            return top + (1 - (clipped - y0) / (y1 - y0)) * (h - top - bottom)
        }
        func band(_ lo: KeyPath<(t: Double, median: Double, lo80: Double?, hi80: Double?, lo95: Double?, hi95: Double?), Double?>,
                  _ hi: KeyPath<(t: Double, median: Double, lo80: Double?, hi80: Double?, lo95: Double?, hi95: Double?), Double?>, _ fill: String) -> String {
            let pts = chart.path.filter { $0[keyPath: lo] != nil && $0[keyPath: hi] != nil }
            guard pts.count >= 2 else { return "" }
            let upper = pts.map { "\(f(x($0.t))),\(f(y($0[keyPath: hi] ?? 0)))" }
            let lower = pts.reversed().map { "\(f(x($0.t))),\(f(y($0[keyPath: lo] ?? 0)))" }
            return "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(fill)\"/>"
        }
        var svg = "<svg class=\"fan\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\">"
        svg += "<title>\(html(chart.title))</title><text x=\"\(f(left))\" y=\"16\">\(html(chart.title))</text>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(h - bottom))\" x2=\"\(f(w - right))\" y2=\"\(f(h - bottom))\" stroke=\"#999\"/>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(h - bottom))\" stroke=\"#999\"/>"
        svg += "<text x=\"4\" y=\"\(f(top + 4))\">\(html(NumberText.plain(y1, decimals: 1, language)))</text>"
        svg += "<text x=\"4\" y=\"\(f(h - bottom))\">\(html(NumberText.plain(y0, decimals: 1, language)))</text>"
        svg += "<text x=\"\(f(left))\" y=\"\(f(h - 8))\">\(Int(t0))</text><text x=\"\(f(w - right - 28))\" y=\"\(f(h - 8))\">\(Int(t1))</text>"
        svg += band(\.lo95, \.hi95, "#c6dbef") + band(\.lo80, \.hi80, "#6baed6")
        svg += "<polyline fill=\"none\" stroke=\"#08519c\" stroke-width=\"2\" points=\"\(chart.path.map { "\(f(x($0.t))),\(f(y($0.median)))" }.joined(separator: " "))\"/>"
        for p in chart.history { svg += "<circle cx=\"\(f(x(p.t)))\" cy=\"\(f(y(p.value)))\" r=\"3\" fill=\"#222\"/>" }
        if let t = chart.target {
            let (cx, cy) = (x(t.t), y(t.value))
            svg += "<polygon class=\"target\" points=\"\(f(cx)),\(f(cy - 6)) \(f(cx + 6)),\(f(cy)) \(f(cx)),\(f(cy + 6)) \(f(cx - 6)),\(f(cy))\" fill=\"#d62728\"/>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bar chart.
    static func bars(_ chart: BarChart, language: Language) -> String {
        let rowHeight = 20.0, labelWidth = 170.0, width = 520.0, top = 26.0
        let h = top + rowHeight * Double(chart.bars.count) + 10
        let maxValue = max(chart.maximum ?? 0, chart.bars.map(\.value).max() ?? 1, 1e-9)
        var svg = "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(width)) \(Int(h))\" role=\"img\">"
        svg += "<title>\(html(chart.title))</title><text x=\"4\" y=\"16\">\(html(chart.title))</text>"
        for (i, bar) in chart.bars.enumerated() {
            let y = top + rowHeight * Double(i)
            let length = max(0, bar.value) / maxValue * (width - labelWidth - 70)
            svg += "<text x=\"4\" y=\"\(f(y + 13))\">\(html(bar.label))</text>"
            svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(length))\" height=\"\(f(rowHeight - 6))\" fill=\"#3182bd\"/>"
            svg += "<text x=\"\(f(labelWidth + length + 4))\" y=\"\(f(y + 13))\">\(html(NumberText.plain(bar.value, decimals: 2, language)))</text>"
        }
        return svg + "</svg>"
    }
}
