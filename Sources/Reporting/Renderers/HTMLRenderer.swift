import Forecasting
import Foundation

/// A self-contained HTML page: the tables, an inline SVG fan chart per projected series, a bar
/// chart per comparison of two windows or of one level, and a dot chart and small multiples per
/// parent's group of a comparison of entities (the first groups). No scripts, no external resources; every text is escaped.
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
    /// a page of its own. With an `overview` (a report's first page), the page opens with the date
    /// and what the data are (`provenance`), a table of contents, the summary in sentences and one
    /// line per target, and closes with the glossary and the source documents; `summary` is then
    /// not shown (the sentences say it).
    ///
    /// Tables show names, not ids (the ids are in the CSV, JSON and workbook files); a table too wide
    /// for a page is shown in parts (``ReportTable/columnParts()``), each with the names; a status
    /// column of a table with ``ReportTable/rowStatuses`` is a coloured badge. On a phone (under
    /// 40 rem) the targets table becomes one card per target and other tables scroll sideways;
    /// printed, the page is A4 landscape with headers repeated and each main section on a new page.
    public static func page(title: String, summary: [String], tables: [ReportTable], language: Language,
                            links: [(title: String, href: String)] = [], overview: TargetOverview? = nil,
                            generated: Date = Date(), provenance: DOCXRenderer.Provenance? = nil) -> String {
        let vi = language == .vi
        var body = "<header><h1>\(html(title))</h1>\n"
        if let overview {
            let words = DocumentWords(language: language, date: generated)
            body += "<p class=\"meta\">\(html(words.generatedLine))"
            if let provenance {
                let n = { (v: Int) in NumberText.plain(Double(v), decimals: 0, language) }
                body += html(vi ? " · Dữ liệu: \(n(provenance.observations)) số liệu từ \(n(provenance.sources)) văn bản (xem mục Nguồn số liệu)"
                               : " · Data: \(n(provenance.observations)) observations from \(n(provenance.sources)) documents (see Sources)")
            }
            body += "</p>\n<nav><ul>"
            let contents = [("tom-tat", vi ? "Tóm tắt" : "Summary")] + tables.map { ($0.id, $0.title(language)) }
                + [("giai-thich", vi ? "Giải thích thuật ngữ" : "Glossary"), ("nguon", vi ? "Nguồn số liệu" : "Sources")]
            body += contents.map { "<li><a href=\"#\(html($0.0))\">\(html($0.1))</a></li>" }.joined() + "</ul></nav>\n</header>\n"
            body += "<section id=\"tom-tat\" class=\"first\">\n<h2>\(vi ? "Tóm tắt" : "Summary")</h2>\n<p class=\"sentences\">"
                + overview.sentences.map { html($0.text(language)) }.joined(separator: " ") + "</p>\n"
            let counts = overview.statusCounts.filter { $0.1 > 0 }
            body += "<p class=\"counts\">" + counts.map { s, c in
                "<span class=\"badge \(badgeClass(s))\">\(html(Words.status(s).text(language))): \(html(NumberText.plain(Double(c), decimals: 0, language)))</span>"
            }.joined(separator: " ") + "</p>\n</section>\n"
        } else {
            body += "</header>\n"
            if !summary.isEmpty { body += "<ul class=\"summary\">" + summary.map { "<li>\(html($0))</li>" }.joined() + "</ul>\n" }
        }
        if !links.isEmpty {
            body += "<h2>\(vi ? "Các bảng trên trang riêng" : "Tables on pages of their own")</h2>\n<ul class=\"pages\">"
                + links.map { "<li><a href=\"\(html($0.href))\">\(html($0.title))</a></li>" }.joined() + "</ul>\n"
        }
        for table in tables { body += section(table, language: language) }
        if let overview {
            body += "<section id=\"giai-thich\">\n<h2>\(vi ? "Giải thích thuật ngữ" : "Glossary")</h2>\n<dl>"
                + overview.glossary.map { "<dt>\(html($0.term.text(language)))</dt><dd>\(html($0.definition.text(language)))</dd>" }.joined()
                + "</dl>\n</section>\n"
            body += "<section id=\"nguon\">\n<h2>\(vi ? "Nguồn số liệu" : "Sources")</h2>\n<ol class=\"sources\">"
                + overview.sources.map { "<li>\(html(Glossary.source($0).text(language)))</li>" }.joined() + "</ol>\n</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(html(title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The page's style sheet: screen, phone (under 40 rem) and print (A4 landscape).
    static let style = """
        body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:1.5rem auto;max-width:110rem;padding:0 1.5rem;color:#1b1b1b;line-height:1.4}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem}.meta{color:#555;margin-top:0}
        nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;list-style:none;font-size:.9rem}nav a{color:#0b5394}
        .sentences{font-size:1.05rem;max-width:60rem}.counts{display:flex;flex-wrap:wrap;gap:.4rem}
        .badge{display:inline-block;padding:.1rem .5rem;border-radius:.7rem;color:#fff;font-size:.8rem;white-space:nowrap;font-weight:600}
        .s-achieved{background:#1a7f37}.s-onTrack{background:#2f9e58}.s-needsAcceleration{background:#9a6700}
        .s-offTrack{background:#cf222e}.s-movingAway{background:#82071e}.s-insufficientData{background:#6e7781}.s-missed{background:#4c0519}
        table{border-collapse:collapse;font-size:.82rem;margin:.3rem 0 1rem}th,td{border:1px solid #ccc;padding:.25rem .45rem;vertical-align:top}
        th{background:#eef2f7;position:sticky;top:0;text-align:left}td.n{text-align:right;white-space:nowrap}td.name{min-width:12rem}
        caption{text-align:left;font-weight:600;padding:.2rem 0;color:#333}
        table.cards td.reading{min-width:20rem}table.cards td.q{min-width:7rem}table.cards td.name{min-width:9rem}
        .scroll{overflow-x:auto;max-height:40rem}.scroll.cards{max-height:none}.charts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
        svg{background:#fff;border:1px solid #ddd;max-width:100%;height:auto}svg text{font-size:11px;fill:#333}
        dt{font-weight:600;margin-top:.6rem}dd{margin-left:1.2rem;max-width:60rem}.note{color:#555;font-size:.9rem}
        @media (max-width:40rem){body{padding:0 .75rem;margin:.75rem auto}h1{font-size:1.3rem}
        table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto}table.cards thead{display:none}
        table.cards tr{border:1px solid #ccc;border-radius:.4rem;margin:.6rem 0;padding:.3rem}table.cards td{border:none;padding:.15rem .3rem;min-width:0}
        table.cards td::before{content:attr(data-label);display:block;font-size:.72rem;color:#666}table.cards td:empty{display:none}table.cards td.n{text-align:left}
        td.name{min-width:8rem}.scroll.cards{overflow:visible}}
        @media print{@page{size:A4 landscape;margin:10mm}body{margin:0;padding:0;max-width:none;font-size:9pt}nav{display:none}
        section{break-before:page}section.first,section#targets{break-before:auto}h2{margin-top:0}.scroll{overflow:visible;max-height:none}
        th{position:static}table{font-size:7pt;width:100%}td,th{overflow-wrap:break-word}td.name,table.cards td.name{min-width:0}
        table.cards td.reading,table.cards td.q{min-width:0}thead{display:table-header-group}tr,svg{break-inside:avoid}h2,p.lead,caption{break-after:avoid}
        .badge{color:#000;border:1px solid #555;background:none!important;padding:0 .2rem;font-size:6.5pt;white-space:normal;border-radius:.2rem}
        .charts{display:grid;grid-template-columns:repeat(3,1fr)}svg{width:100%}svg.bars,svg.dots,svg.multiples{grid-column:span 2}}
        """

    /// The CSS class of a status badge.
    static func badgeClass(_ status: TargetAssessment.Status) -> String {
        switch status {
        case .achieved: "s-achieved"
        case .onTrack: "s-onTrack"
        case .needsAcceleration: "s-needsAcceleration"
        case .offTrack: "s-offTrack"
        case .movingAway: "s-movingAway"
        case .insufficientData: "s-insufficientData"
        case .missed: "s-missed"
        }
    }

    /// A table's section: heading, notes, charts and the table (in parts when it is wide).
    static func section(_ table: ReportTable, language: Language) -> String {
        var body = "<section id=\"\(html(table.id))\">\n<h2>\(html(table.title(language)))</h2>\n"
        for sentence in table.lead { body += "<p class=\"lead\">" + html(sentence.text(language)) + "</p>\n" }
        let shownCharts = min(table.charts.count, maximumCharts), allCharts = table.charts.count + table.chartsLeftOut
        if allCharts > shownCharts {
            body += "<p class=\"note\">" + html(Words.chartsShown(shownCharts, of: allCharts).text(language)) + "</p>\n"
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
                case let .dots(d): SVGCharts.dots(d, language: language)
                case let .multiples(m): SVGCharts.multiples(m, language: language)
                }
            }.joined(separator: "\n") + "</div>\n"
        }
        if let note = table.rowsLeftOutNote(shown: maximumRows, language: language) {
            body += "<p class=\"note\">" + html(note) + "</p>\n"
        }
        let parts = table.columnParts()
        let isCards = table.cards
        for (k, part) in parts.enumerated() {
            let shown = table.shownColumns(part: part)
            body += "<div class=\"scroll\(isCards ? " cards" : "")\"><table\(isCards ? " class=\"cards\"" : "")>"
            if parts.count > 1 {
                let caption = language == .vi ? "Phần \(k + 1)/\(parts.count)" : "Part \(k + 1) of \(parts.count)"
                body += "<caption>\(html(caption))</caption>"
            }
            body += "\n<thead><tr>" + shown.map { "<th>\(html(table.columns[$0].label(language)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for (i, row) in table.rows.prefix(maximumRows).enumerated() {
                body += "<tr>"
                for j in shown where j < row.count {
                    let column = table.columns[j], cell = row[j]
                    var text = html(table.display(cell, column: column, row: i, language: language))
                    var classes: [String] = []
                    if case .number = cell { classes.append("n") }
                    if column.isName { classes.append("name") }
                    if column.key == "reading" { classes.append("reading") }
                    if isCards, ["latest", "target", "projection"].contains(column.key) { classes.append("q") }
                    if column.key == "status", i < table.rowStatuses.count {
                        text = "<span class=\"badge \(badgeClass(table.rowStatuses[i]))\">\(text)</span>"
                    }
                    let label = isCards ? " data-label=\"\(html(column.label(language)))\"" : ""
                    body += "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")\(label)>\(text)</td>"
                }
                body += "</tr>\n"
            }
            body += "</tbody></table></div>\n"
        }
        for note in table.notes { body += "<p class=\"note\">" + html(note.text(language)) + "</p>\n" }
        return body + "</section>\n"
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
