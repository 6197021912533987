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

    /// Fan chart (drawn by ``SVGCharts/fan(_:language:)``).
    static func fan(_ chart: FanChart, language: Language) -> String { SVGCharts.fan(chart, language: language) }

    /// Horizontal bar chart (drawn by ``SVGCharts/bars(_:language:)``).
    static func bars(_ chart: BarChart, language: Language) -> String { SVGCharts.bars(chart, language: language) }
}
