import Foundation
import Indicators

/// Report tables as a Word document (`.docx`, WordprocessingML zipped with ZIPFoundation) in the
/// style of a Vietnamese administrative report, to paste into an official report.
///
/// The document is one landscape A4 section in Times New Roman: the title (14 pt, bold), a line
/// saying when Chiso made it, the summary lines, then a numbered section per table ("1. …", 14 pt,
/// bold) with a caption above the table ("Bảng 1. …" / "Table 1. …") and a source line in italics
/// under it ("Nguồn: Chiso, …"). Body text is 13 pt. Tables have a border on every cell, a header row
/// that Word repeats on each page, rows that are never split across pages, numbers right-aligned, and
/// fixed column widths that fill the page, fitted from Times New Roman's letter widths (cells in
/// 12 pt, 11 pt in wide tables); at most ``maximumRows`` rows. A table whose columns do not fit
/// across the page at 11 pt is printed in parts ("Bảng 4a", "Bảng 4b", …), each repeating the
/// names that say what its rows are (`pieces(_:)`). Cell text is
/// ``ReportTable/display(_:column:row:language:)``, as in every renderer.
///
/// A column of ids beside a column of the same things' names (`entity` beside `entity_name`) is left
/// out: a report reads by names, and ids such as `fixed_broadband_household_share` are too long to
/// wrap in a column of the gap table's 26. So is a column whose value is the same on every row (the
/// model): a note under the table says it once (``ReportTable/notes``). The files of data keep both.
///
/// All text is XML-escaped and stripped of the characters XML 1.0 forbids (control characters).
public enum DOCXRenderer {
    /// What the tables were computed from, for the source line under each table.
    public struct Provenance: Sendable, Equatable {
        /// The dataset's name as the planner knows it (the folder or workbook), if known.
        public var dataset: String?
        /// How many observations the dataset holds.
        public var observations: Int
        /// How many source documents the dataset cites.
        public var sources: Int

        /// Provenance from its parts.
        public init(dataset: String? = nil, observations: Int, sources: Int) {
            self.dataset = dataset
            self.observations = observations
            self.sources = sources
        }

        /// The provenance of `data`, under the name `dataset`.
        public init(_ data: Dataset, dataset: String? = nil) {
            self.init(dataset: dataset, observations: data.observations.count, sources: data.sources.count)
        }
    }

    /// The `.docx` bytes.
    ///
    /// - Parameters:
    ///   - title: The document's title.
    ///   - summary: Lines shown as paragraphs under the title.
    ///   - tables: One numbered section each, in order.
    ///   - language: Labels, words and numbers.
    ///   - provenance: What the tables were computed from (the source lines name it when given).
    ///   - generated: When the document is made (its date line, source lines and properties; dates
    ///     are Vietnam's, UTC+7).
    ///   - overview: A report's first page: its summary sentences replace `summary`, and the glossary
    ///     and the source documents close the document as numbered sections.
    /// - Throws: ZIPFoundation's errors when the archive cannot be built.
    public static func document(title: String, summary: [String], tables: [ReportTable], language: Language,
                                provenance: Provenance? = nil, generated: Date = Date(), overview: TargetOverview? = nil) throws -> Data {
        let words = DocumentWords(language: language, date: generated)
        let package = try OfficePackage()
        let wordML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        var charts: [String] = []
        let document = body(title: title, summary: summary, tables: tables, words: words, provenance: provenance, overview: overview, charts: &charts)
        let chartParts = charts.indices.map { "word/charts/chart\($0 + 1).xml" }
        try package.addContentTypes([("/word/document.xml", "\(wordML).document.main+xml"), ("/word/styles.xml", "\(wordML).styles+xml"),
                                     ("/word/settings.xml", "\(wordML).settings+xml"), ("/word/header1.xml", "\(wordML).header+xml"),
                                     ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")]
            + chartParts.map { ("/\($0)", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml") })
        try package.addRelationships("_rels/.rels", [(OfficePackage.officeDocument, "word/document.xml"),
                                                     ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml")])
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        // The charts' relationships follow the three fixed ones: chart k is rId(k + 3), k from 1.
        try package.addRelationships("word/_rels/document.xml.rels", [("\(relationships)/styles", "styles.xml"), ("\(relationships)/header", "header1.xml"),
                                                                       ("\(relationships)/settings", "settings.xml")]
            + charts.indices.map { ("\(relationships)/chart", "charts/chart\($0 + 1).xml") })
        try package.add("word/styles.xml", DOCXStyles.styles)
        try package.add("word/settings.xml", DOCXStyles.settings)
        try package.add("word/header1.xml", DOCXStyles.pageNumberHeader)
        try package.add("docProps/core.xml", DOCXStyles.coreProperties(title: title, language: language, created: generated))
        try package.add("word/document.xml", document)
        for (part, chart) in zip(chartParts, charts) { try package.add(part, chart) }
        return try package.data()
    }

    /// The most rows shown of one table (as many as ``HTMLRenderer/maximumRows``): a national gap
    /// table of 140,000 rows would run to some 15,000 pages. The first rows are shown (the gap table's
    /// most at risk) and a note under the table names the files that have them all.
    public static let maximumRows = HTMLRenderer.maximumRows

    /// A4 landscape in twips (297 × 210 mm) and its margins: 20 mm above, 15 mm below and on either
    /// side (the widest table has 24 columns).
    static let page = (width: 16838, height: 11906, top: 1134, bottom: 850, left: 850, right: 850)

    /// The width a table spans: the page between its margins.
    static var textWidth: Int { page.width - page.left - page.right }

    /// `word/document.xml`.
    /// `charts` collects the chart parts the body refers to, in order (``chartParagraphs(_:words:charts:)``).
    static func body(title: String, summary: [String], tables: [ReportTable], words: DocumentWords, provenance: Provenance?,
                     overview: TargetOverview? = nil, charts: inout [String]) -> String {
        var out = OfficePackage.declaration
        out += "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
            + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
            + "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><w:body>"
        out += paragraph(title, style: "Title")
        out += paragraph(words.generatedLine, style: "DateLine")
        if let overview {
            out += paragraph(overview.sentences.map { $0.text(words.language) }.joined(separator: " "), style: "Normal")
        } else {
            for line in summary { out += paragraph("- " + line, style: "Normal") }
        }
        for (k, table) in tables.enumerated() {
            let number = k + 1, name = table.title(words.language)
            out += paragraph("\(number). \(name)", style: "Heading1")
            for sentence in table.lead { out += paragraph(sentence.text(words.language), style: "Lead") }
            // A wide table in parts, each with the names: "Bảng 1a. …", "Bảng 1b. …".
            let texts = Texts(table, language: words.language)
            let parts = pieces(texts)
            for (p, part) in parts.enumerated() {
                let letter = parts.count > 1 ? String(UnicodeScalar(UInt8(ascii: "a") + UInt8(min(p, 25)))) : ""
                out += paragraph("\(words.table) \(number)\(letter). \(name)", style: "Caption")
                out += self.table(texts, columns: part)
            }
            if table.rows.isEmpty { out += paragraph(words.noRows, style: "SourceNote") }
            for note in table.notes { out += paragraph(note.text(words.language), style: "SourceNote") }
            if let note = table.rowsLeftOutNote(shown: maximumRows, language: words.language) { out += paragraph(note, style: "SourceNote") }
            out += chartParagraphs(table, words: words, charts: &charts)
            out += paragraph(words.sourceLine(provenance), style: "SourceNote")
        }
        if let overview {
            let vi = words.language == .vi
            out += paragraph("\(tables.count + 1). \(vi ? "Giải thích thuật ngữ" : "Glossary")", style: "Heading1")
            for entry in overview.glossary {
                out += paragraph(entry.term.text(words.language) + ": " + entry.definition.text(words.language), style: "Normal")
            }
            out += paragraph("\(tables.count + 2). \(vi ? "Nguồn số liệu" : "Sources")", style: "Heading1")
            for (k, source) in overview.sources.enumerated() {
                out += paragraph("\(k + 1). " + Glossary.source(source).text(words.language), style: "Normal")
            }
        }
        let p = page
        out += "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/>"
            + "<w:pgSz w:w=\"\(p.width)\" w:h=\"\(p.height)\" w:orient=\"landscape\"/>"
            + "<w:pgMar w:top=\"\(p.top)\" w:right=\"\(p.right)\" w:bottom=\"\(p.bottom)\" w:left=\"\(p.left)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
            + "</w:sectPr></w:body></w:document>"
        return out
    }

    /// The indices of the columns shown (``ReportTable/shownColumns(part:)``).
    static func shownColumns(_ table: ReportTable, part: [Int]? = nil) -> [Int] { table.shownColumns(part: part) }

    /// A table's shown columns with their labels and display texts (the first ``maximumRows`` rows),
    /// made once for all its parts.
    struct Texts {
        /// The shown columns, as indices of the table's columns.
        var shown: [Int]
        /// Their headers.
        var headers: [String]
        /// Each row's texts, one per shown column.
        var rows: [[String]]
        /// Whether each shown column holds numbers (kept on one line, right-aligned).
        var unbroken: [Bool]
        /// The widths the shown columns need.
        var measures: DOCXTableLayout.Measures
        /// The table's column parts (``ReportTable/columnParts()``), as positions in `shown`.
        var parts: [[Int]]
        /// How many of each part's first positions are the names that say what a row is (repeated in every piece).
        var leading: [Int]

        init(_ table: ReportTable, language: Language) {
            shown = table.shownColumns()
            let columns = shown.map { table.columns[$0] }
            headers = columns.map { $0.label(language) }
            let shown = self.shown
            rows = table.rows.prefix(maximumRows).enumerated().map { i, row in
                shown.map { j in j < row.count ? table.display(row[j], column: table.columns[j], row: i, language: language) : "" }
            }
            unbroken = columns.map { $0.format != .text }
            measures = DOCXTableLayout.Measures(headers: headers, rows: rows, unbroken: unbroken)
            let position = Dictionary(uniqueKeysWithValues: shown.enumerated().map { ($1, $0) })
            let tableParts = table.columnParts()
            parts = tableParts.map { $0.compactMap { position[$0] } }
            // The leading columns: the names and ids before the first column of anything else.
            let keys = Set(table.columns.map(\.key))
            let names = table.columns.prefix { column in column.isName || keys.contains(column.key + "_name") }.count
            leading = parts.map { part in part.prefix { shown[$0] < names }.count }
        }
    }

    /// The pieces a table is printed in, as positions of its shown columns: each of its column parts,
    /// cut further where its columns do not fit across the page at 11 pt, every piece starting with
    /// the part's leading names. A piece takes columns in order while they fit; a column that fits
    /// with the names alone in no piece gets one of its own (and a smaller layout).
    static func pieces(_ texts: Texts) -> [[Int]] {
        var out: [[Int]] = []
        for (part, leading) in zip(texts.parts, texts.leading) {
            let names = Array(part.prefix(leading)), rest = part.dropFirst(leading)
            let base = names.reduce(0) { $0 + texts.measures.minimum($1) }
            var piece: [Int] = [], width = base
            for j in rest {
                let w = texts.measures.minimum(j)
                if !piece.isEmpty && width + w > textWidth {
                    out.append(names + piece)
                    piece = []
                    width = base
                }
                piece.append(j)
                width += w
            }
            if !piece.isEmpty || rest.isEmpty { out.append(names + piece) }
        }
        return out
    }

    /// A table of the shown columns at `positions` (of ``Texts``): fixed layout, borders on every
    /// cell, a repeated header row, rows kept whole.
    static func table(_ texts: Texts, columns positions: [Int]) -> String {
        let layout = DOCXTableLayout.make(texts.measures.columns(positions), available: textWidth)
        let margin = DOCXTableLayout.cellMargin
        var out = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(layout.widths.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
            + DOCXStyles.tableBorders
            + "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"\(margin)\" w:type=\"dxa\"/>"
            + "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"\(margin)\" w:type=\"dxa\"/></w:tblCellMar>"
            + "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>"
        out += "<w:tblGrid>" + layout.widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        // Run sizes where they differ from the styles' 11 pt.
        func size(_ halfPoints: Int) -> String {
            halfPoints == DOCXStyles.tableHalfPoints ? "" : "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>"
        }
        let headerSize = size(layout.headerHalfPoints), cellSize = size(layout.halfPoints)
        out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for (k, j) in positions.enumerated() {
            out += cell(texts.headers[j], width: layout.widths[k], style: "TableHeader", alignment: nil, size: headerSize)
        }
        out += "</w:tr>"
        for row in texts.rows {
            out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for (k, j) in positions.enumerated() {
                out += cell(row[j], width: layout.widths[k], style: "TableText", alignment: texts.unbroken[j] ? "right" : nil, size: cellSize)
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }

    /// The table's first charts (``DOCXCharts/maximumPerTable``) as native Word charts, two to a
    /// line, and a note when there are more; their parts are appended to `charts`.
    static func chartParagraphs(_ table: ReportTable, words: DocumentWords, charts: inout [String]) -> String {
        let made = table.charts.prefix(DOCXCharts.maximumPerTable).compactMap { DOCXCharts.part($0, language: words.language) }
        guard !made.isEmpty else { return "" }
        var out = ""
        for pair in stride(from: 0, to: made.count, by: 2).map({ Array(made[$0..<min($0 + 2, made.count)]) }) {
            out += "<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr>"
            for (k, chart) in pair.enumerated() {
                charts.append(chart.xml)
                let id = charts.count
                if k > 0 { out += "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>" }
                out += "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(DOCXCharts.size.width)\" cy=\"\(chart.height)\"/>"
                    + "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"\(id)\" name=\"\(words.language == .vi ? "Biểu đồ" : "Chart") \(id)\"/>"
                    + "<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
                    + "<c:chart r:id=\"rId\(id + 3)\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
            }
            out += "</w:p>"
        }
        let all = table.charts.count + table.chartsLeftOut
        if all > made.count { out += paragraph(Words.chartsShown(made.count, of: all).text(words.language), style: "SourceNote") }
        return out
    }

    /// A table cell of one paragraph.
    static func cell(_ text: String, width: Int, style: String, alignment: String?, size: String) -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/><w:vAlign w:val=\"\(style == "TableHeader" ? "center" : "top")\"/></w:tcPr>"
            + paragraph(text, style: style, alignment: alignment, runProperties: size) + "</w:tc>"
    }

    /// A paragraph of `text` in a style (line breaks in the text kept as breaks).
    static func paragraph(_ text: String, style: String, alignment: String? = nil, runProperties: String = "") -> String {
        var out = "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(alignment.map { "<w:jc w:val=\"\($0)\"/>" } ?? "")</w:pPr>"
        guard !text.isEmpty else { return out + "</w:p>" }
        out += "<w:r>" + (runProperties.isEmpty ? "" : "<w:rPr>\(runProperties)</w:rPr>")
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        out += lines.map { "<w:t xml:space=\"preserve\">\(OfficePackage.xml(String($0)))</w:t>" }.joined(separator: "<w:br/>")
        return out + "</w:r></w:p>"
    }
}
