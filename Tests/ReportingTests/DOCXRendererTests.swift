import ChisoTestSupport
import Foundation
import Indicators
@testable import Reporting
import Testing

/// The Word documents, opened as Word would (``WordPackage``): every part parses, the gap table's
/// rows are all there with their display text, and the layout is the administrative one (Times New
/// Roman, landscape A4, captions, source lines, a repeated header row, rows kept whole).
struct DOCXRendererTests {
    /// 5 June 2025, 07:00 in Vietnam.
    static let june5 = Date(timeIntervalSince1970: 1_749_081_600)

    static let gaps: Result<ReportTable, Error> = Result {
        GapTable.build(try DatasetLoader.loadValid(directory: shippedDatasets.path)).table()
    }

    /// The `w:body` of a document: its paragraphs and tables, in order, then its section properties.
    static func body(_ package: WordPackage) throws -> PartNode {
        try #require(try package.xml("word/document.xml").first("w:body"))
    }

    @Test func gapTableRowsCaptionAndSourceLine() throws {
        let table = try Self.gaps.get()
        let data = try DOCXRenderer.document(title: "Báo cáo", summary: ["74 mục tiêu"], tables: [table], language: .vi,
                                             provenance: .init(dataset: "Datasets", observations: 961, sources: 7), generated: Self.june5)
        let package = try WordPackage(data)
        // The first 8 rows' fan charts, as chart parts.
        #expect(Set(package.paths) == Set(["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
                                           "word/styles.xml", "word/settings.xml", "word/header1.xml", "docProps/core.xml"]
                                          + (1...8).map { "word/charts/chart\($0).xml" }))
        let body = try Self.body(package)
        // Two charts to a line, four lines, then the note that says they are the first rows'.
        let figures = body.children("w:p").filter { $0.paragraphStyle == "Figure" }
        #expect(figures.map { $0.all("c:chart").count } == [2, 2, 2, 2])
        let blocks = body.children.filter { ($0.name == "w:p" && $0.paragraphStyle != "Figure") || $0.name == "w:tbl" }
        let texts = blocks.map { $0.name == "w:tbl" ? "<table>" : $0.wordText }
        // The gap table is too wide for one page: three tables (where each target stands; its
        // projection; its status with the paces it is read from), each with the names; the model,
        // the same on every row, said once under them.
        #expect(Array(texts.prefix(13)) == ["Báo cáo", "Lập bằng Chiso ngày 05 tháng 6 năm 2025", "- 74 mục tiêu",
                                            "1. Khoảng cách đến mục tiêu", "Bảng 1a. Khoảng cách đến mục tiêu", "<table>",
                                            "Bảng 1b. Khoảng cách đến mục tiêu", "<table>", "Bảng 1c. Khoảng cách đến mục tiêu", "<table>",
                                            "Mọi dự báo trong bảng theo cùng một phương pháp: hiệu chỉnh theo chuỗi thực.",
                                            "Biểu đồ của 8 dòng đầu trong 39 dòng.",
                                            "Nguồn: Chiso, tính từ bộ dữ liệu Datasets (961 số liệu, 7 văn bản nguồn), ngày 05 tháng 6 năm 2025."])
        #expect(blocks.prefix(13).map { $0.name == "w:tbl" ? "table" : $0.paragraphStyle ?? "" }
                == ["Title", "DateLine", "Normal", "Heading1", "Caption", "table", "Caption", "table", "Caption", "table", "SourceNote", "SourceNote",
                    "SourceNote"])
        let parts = table.columnParts()
        #expect(parts.count == 3 && Set(parts.joined()) == Set(table.columns.indices))
        let tables = body.children("w:tbl")
        #expect(tables.count == 3)
        for (tbl, part) in zip(tables, parts) {
            try checkGapTable(tbl, table: table, shown: DOCXRenderer.shownColumns(table, part: part))
        }
        #expect(DOCXRenderer.shownColumns(table, part: parts[0]).prefix(2).map { table.columns[$0].key } == ["indicator_name", "entity_name"])
        #expect(parts.flatMap { DOCXRenderer.shownColumns(table, part: $0).dropFirst(2) }.map { table.columns[$0].key }
                == table.columns.map(\.key).filter { !["indicator", "entity", "target_source", "indicator_name", "entity_name", "model"].contains($0) })
    }

    /// One Word table of the gap table's columns `shown`: every row with the display text of every
    /// column, headers repeated, rows unsplit, numbers right-aligned, a fixed grid filling the width.
    func checkGapTable(_ tbl: PartNode, table: ReportTable, shown: [Int]) throws {
        let rows = tbl.children("w:tr")
        #expect(rows.count == table.rows.count + 1 && table.rows.count == 74)
        #expect(rows[0].children("w:tc").map(\.wordText) == shown.map { table.columns[$0].vi })
        for (i, (row, cells)) in zip(table.rows, rows.dropFirst()).enumerated() {
            let expected = shown.map { table.display(row[$0], column: table.columns[$0], row: i, language: .vi) }
            #expect(cells.children("w:tc").map(\.wordText) == expected)
        }
        // The header row repeats on each page; no row splits across pages.
        #expect(rows[0].first("w:trPr")?.first("w:tblHeader") != nil)
        #expect(rows.dropFirst().allSatisfy { $0.first("w:tblHeader") == nil })
        #expect(rows.allSatisfy { $0.first("w:trPr")?.first("w:cantSplit") != nil })
        // Numbers right-aligned, text left as the style has it.
        let latest = try #require(shown.firstIndex { table.columns[$0].format != .text })
        let name = try #require(shown.firstIndex { table.columns[$0].key == "entity_name" })
        let first = rows[1].children("w:tc")
        #expect(first[latest].first("w:jc")?.val == "right" && first[name].first("w:jc") == nil)
        // Fixed layout, borders on every side and between cells, the grid filling the text width.
        let properties = try #require(tbl.first("w:tblPr"))
        #expect(properties.first("w:tblLayout")?.attributes["w:type"] == "fixed")
        #expect(Set(try #require(properties.first("w:tblBorders")).children.map(\.name))
                == ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"])
        let grid = tbl.all("w:gridCol").compactMap { $0.attributes["w:w"].flatMap(Int.init) }
        #expect(grid.count == shown.count && grid.reduce(0, +) == DOCXRenderer.textWidth)
        #expect(rows.allSatisfy { $0.children("w:tc").compactMap { $0.first("w:tcW")?.attributes["w:w"].flatMap(Int.init) } == grid })
    }

    @Test func landscapeA4InTimesNewRoman() throws {
        let package = try WordPackage(try DOCXRenderer.document(title: "T", summary: [], tables: [try Self.gaps.get()], language: .vi,
                                                                generated: Self.june5))
        let section = try #require(try Self.body(package).children("w:sectPr").first)
        let size = try #require(section.first("w:pgSz"))
        #expect(size.attributes["w:orient"] == "landscape" && size.attributes["w:w"] == "16838" && size.attributes["w:h"] == "11906")
        #expect(section.first("w:headerReference")?.attributes["r:id"] == "rId2")
        let styles = try package.xml("word/styles.xml")
        let defaults = try #require(styles.first("w:docDefaults"))
        #expect(defaults.first("w:rFonts")?.attributes["w:ascii"] == "Times New Roman")
        #expect(defaults.first("w:rFonts")?.attributes["w:hAnsi"] == "Times New Roman")
        #expect(defaults.first("w:sz")?.val == "26")
        func style(_ id: String) throws -> PartNode { try #require(styles.all("w:style").first { $0.attributes["w:styleId"] == id }, "\(id)") }
        for id in ["Title", "Heading1"] {
            #expect(try style(id).first("w:rPr")?.first("w:sz")?.val == "28" && style(id).first("w:rPr")?.first("w:b") != nil)
        }
        #expect(try style("SourceNote").first("w:i") != nil && style("TableText").first("w:sz")?.val == "22")
        // In three parts or more (where the target stands; the projection; the status with its paces;
        // each cut again where 11 pt does not fit across the page), the gap table in 11 or 12 pt.
        let tables = try Self.body(package).children("w:tbl")
        #expect(tables.count >= 3 && tables.allSatisfy { [nil, "24"].contains($0.first("w:tr")?.first("w:sz")?.val) })
        let types = try package.xml("[Content_Types].xml").all("Override").compactMap { $0.attributes["PartName"] }
        let charts = (1...8).map { "charts/chart\($0).xml" }
        #expect(Set(types) == Set(["/word/document.xml", "/word/styles.xml", "/word/settings.xml", "/word/header1.xml", "/docProps/core.xml"]
                                  + charts.map { "/word/" + $0 }))
        let relationships = try package.xml("word/_rels/document.xml.rels").all("Relationship").map { $0.attributes["Target"] ?? "" }
        #expect(relationships == ["styles.xml", "header1.xml", "settings.xml"] + charts)
        #expect(try package.xml("word/settings.xml").first("w:compatSetting")?.val == "15")
        let core = try package.xml("docProps/core.xml")
        #expect(core.first("dc:title")?.text == "T" && core.first("dc:creator")?.text == "Chiso")
        #expect(core.first("dcterms:created")?.text == "2025-06-05T00:00:00Z")
    }

    /// Entity names that try to break out of the XML, with control characters XML 1.0 forbids: the
    /// document still parses and shows the text (without the forbidden characters).
    @Test func hostileTextIsEscaped() throws {
        let hostile = ["<script>alert('x')</script>", "\"quoted\" & <b>bold</b>", "]]><w:p>x</w:p><!--", "bell\u{7}\u{0}tab\tform\u{C}\u{FFFE}end",
                       "two\nlines", "=cmd|' /C calc'!A0"]
        let table = ReportTable(id: "t", titleVi: "<Bảng & \"thử\">", titleEn: "t", columns: [
            .init(key: "entity", vi: "Đơn vị", en: "Entity", format: .text),
            .init(key: "entity_name", vi: "Tên <đơn vị>", en: "Name", format: .text),
            .init(key: "value", vi: "Giá trị", en: "Value", format: .percent(decimals: 1)),
        ], rows: hostile.map { [.text("id"), .text($0), .number(12.5)] }, charts: [])
        let data = try DOCXRenderer.document(title: "</w:t>&amp;", summary: ["<i>tóm tắt</i> & \u{1}"], tables: [table], language: .vi,
                                             provenance: .init(dataset: "<d&d>", observations: 1, sources: 1), generated: Self.june5)
        let package = try WordPackage(data)
        let body = try Self.body(package)
        let paragraphs = body.children("w:p").map(\.wordText)
        #expect(paragraphs.contains("</w:t>&amp;") && paragraphs.contains("- <i>tóm tắt</i> & "))
        #expect(paragraphs.contains("1. <Bảng & \"thử\">") && paragraphs.contains("Bảng 1. <Bảng & \"thử\">"))
        #expect(paragraphs.contains { $0.hasPrefix("Nguồn: Chiso, tính từ bộ dữ liệu <d&d> (1 số liệu, 1 văn bản nguồn)") })
        let rows = try #require(body.first("w:tbl")).children("w:tr")
        #expect(rows[0].children("w:tc").map(\.wordText) == ["Tên <đơn vị>", "Giá trị"])
        #expect(rows.dropFirst().map { $0.children("w:tc").map(\.wordText) } == [
            ["<script>alert('x')</script>", "12,5 %"], ["\"quoted\" & <b>bold</b>", "12,5 %"], ["]]><w:p>x</w:p><!--", "12,5 %"],
            ["belltab\tformend", "12,5 %"], ["two\nlines", "12,5 %"], ["=cmd|' /C calc'!A0", "12,5 %"],
        ])
        #expect(try package.xml("docProps/core.xml").first("dc:title")?.text == "</w:t>&amp;")
    }

    /// A table of 2,500 rows shows the first 2,000 and says where the rest are, as the web page does.
    @Test func longTablesAreCapped() throws {
        let table = ReportTable(id: "long", titleVi: "Dài", titleEn: "Long", columns: [.init(key: "k", vi: "Khóa", en: "Key", format: .text)],
                                rows: (0..<2500).map { [.text("row\($0)")] }, charts: [])
        let body = try Self.body(WordPackage(try DOCXRenderer.document(title: "t", summary: [], tables: [table], language: .en, generated: Self.june5)))
        let rows = try #require(body.first("w:tbl")).children("w:tr")
        #expect(rows.count == DOCXRenderer.maximumRows + 1 && rows.last?.wordText == "row1999")
        #expect(body.children("w:p").map(\.wordText).contains("The first 2,000 of 2,500 rows; all rows are in long.csv, long.json and gaps.xlsx."))
    }

    @Test func englishWordsAndDates() throws {
        // 1 February 2025, 03:00 in Vietnam (31 January in UTC).
        let date = Date(timeIntervalSince1970: 1_738_353_600)
        let table = ReportTable(id: "t", titleVi: "Bảng thử", titleEn: "Test table",
                                columns: [.init(key: "a", vi: "A", en: "A", format: .text)], rows: [], charts: [])
        let en = try Self.body(WordPackage(try DOCXRenderer.document(title: "T", summary: [], tables: [table, table], language: .en, generated: date)))
        #expect(en.children("w:p").map(\.wordText) == ["T", "Generated by Chiso on 1 February 2025",
                                                       "1. Test table", "Table 1. Test table", "No rows.", "Source: Chiso, 1 February 2025.",
                                                       "2. Test table", "Table 2. Test table", "No rows.", "Source: Chiso, 1 February 2025."])
        let vi = try Self.body(WordPackage(try DOCXRenderer.document(title: "T", summary: [], tables: [table], language: .vi, generated: date)))
        #expect(vi.children("w:p").map(\.wordText)[1] == "Lập bằng Chiso ngày 01 tháng 02 năm 2025")
    }

    /// Column widths of each piece of the gap table: every piece begins with the names of the
    /// indicator and the entity, the pieces hold every shown column once and in order, the table
    /// fills the text width, a number never wraps, a word of text or of a header is never cut (up to
    /// the caps, which ids pass), and the cells are 12 pt where they fit, else 11 pt.
    @Test(arguments: [Language.vi, .en])
    func columnWidths(_ language: Language) throws {
        let table = try Self.gaps.get()
        let texts = DOCXRenderer.Texts(table, language: language)
        let pieces = DOCXRenderer.pieces(texts)
        let names = try ["indicator_name", "entity_name"].map { key in try #require(texts.shown.firstIndex { table.columns[$0].key == key }) }
        #expect(pieces.count >= 3 && pieces.allSatisfy { Array($0.prefix(2)) == names })
        #expect(pieces.flatMap { $0.dropFirst(2) } == Array(texts.shown.indices).filter { !names.contains($0) })
        for piece in pieces {
            let headers = piece.map { texts.headers[$0] }, unbroken = piece.map { texts.unbroken[$0] }
            let rows = texts.rows.map { row in piece.map { row[$0] } }
            let layout = DOCXTableLayout.make(headers: headers, rows: rows, unbroken: unbroken, available: DOCXRenderer.textWidth)
            #expect([22, 24].contains(layout.halfPoints) && layout.headerHalfPoints == layout.halfPoints)
            #expect(layout.widths.reduce(0, +) == DOCXRenderer.textWidth)
            var metrics = DOCXTableLayout.Metrics()
            for (j, numeric) in unbroken.enumerated() {
                let cells = rows.map { row in
                    numeric ? metrics.width(row[j], bold: false) : min(metrics.longestWord(row[j], bold: false), DOCXTableLayout.longestWord)
                }.max() ?? 0
                let header = min(metrics.longestWord(headers[j], bold: true), DOCXTableLayout.longestHeaderWord)
                let needed = max(DOCXTableLayout.twips(cells, halfPoints: layout.halfPoints), DOCXTableLayout.twips(header, halfPoints: layout.headerHalfPoints))
                #expect(layout.widths[j] >= needed + DOCXTableLayout.padding, "\(headers[j])")
            }
        }
    }

    @Test func narrowTablesAndMetrics() {
        // A narrow table is in 12 pt and fills the width in proportion to what its columns hold.
        let narrow = DOCXTableLayout.make(headers: ["Tên", "Số"], rows: [["huyện Đắk Song", "1.234"]], unbroken: [false, true], available: 15_000)
        #expect(narrow.halfPoints == 24 && narrow.headerHalfPoints == 24)
        #expect(narrow.widths.reduce(0, +) == 15_000 && narrow.widths[0] > narrow.widths[1])
        // Columns that fit at no size: header words give way before numbers do.
        let crowded = DOCXTableLayout.make(headers: Array(repeating: "Comparator", count: 22), rows: [Array(repeating: "1.234", count: 22)],
                                           unbroken: Array(repeating: true, count: 22), available: 15_000)
        var metrics = DOCXTableLayout.Metrics()
        #expect(crowded.halfPoints == 22 && crowded.headerHalfPoints == 22 && crowded.widths.reduce(0, +) == 15_000)
        #expect(crowded.widths.allSatisfy { $0 >= DOCXTableLayout.twips(metrics.width("1.234", bold: false), halfPoints: 22) + DOCXTableLayout.padding })
        // Times New Roman's digits are half an em; Vietnamese letters are their base letter, ơ and ư a little wider.
        #expect(metrics.width("2024", bold: false) == 2000 && metrics.width("ắ", bold: false) == metrics.width("a", bold: false))
        #expect(metrics.width("ư", bold: false) > metrics.width("u", bold: false) && metrics.width("Đ", bold: true) == 722)
    }

    @Test func reportHasAWordDocument() throws {
        let report = Report.build(try DatasetLoader.loadValid(directory: shippedDatasets.path), language: .en)
        let file = try #require(report.renderers(generated: Self.june5).first { $0.name == "report.docx" })
        guard case let .bytes(data) = try file.render() else { Issue.record("report.docx is not bytes"); return }
        let body = try Self.body(WordPackage(data))
        let captions = body.children("w:p").filter { $0.paragraphStyle == "Caption" }.map(\.wordText)
        #expect(captions == ["Table 1. Targets: where they stand, projections and the chance of meeting them",
                             "Table 2. Status by indicator (most behind first)", "Table 3. Status by entity (most behind first)",
                             "Table 4a. Gap to target", "Table 4b. Gap to target", "Table 4c. Gap to target", "Table 5. Projections of indicators with at least 4 data points"]
                + report.comparisons.enumerated().flatMap { k, table in
                    let parts = table.columnParts().count
                    return (0..<parts).map { p in "Table \(k + 6)\(parts > 1 ? String(UnicodeScalar(UInt8(97 + p))) : ""). \(table.titleEn)" }
                })
        // Each indicator's comparison of entities in two parts when it has targets (where each stands
        // and against its parent; the target and its projection), else one; the two windows in one, the
        // DTI's totals and parts in three.
        #expect(report.comparisons.filter { !$0.id.hasPrefix("compare-") }.map { $0.columnParts().count } == [1, 3])
        #expect(report.comparisons.filter { $0.id.hasPrefix("compare-") }.allSatisfy {
            $0.columnParts().count == ($0.columns.contains { $0.key == "target_value" } ? 2 : 1)
        })
        // The first page's sentences, then the glossary and the sources as the last numbered sections.
        let paragraphs = body.children("w:p").map(\.wordText)
        #expect(paragraphs.contains { $0.hasPrefix("The report assesses 74 targets of ") })
        let headings = body.children("w:p").filter { $0.paragraphStyle == "Heading1" }.map(\.wordText)
        #expect(headings.suffix(2) == ["\(headings.count - 1). Glossary", "\(headings.count). Sources"])
        #expect(paragraphs.contains { $0.hasPrefix("1. Thủ tướng Chính phủ, no. 749/QĐ-TTg, 3 Jun 2020: ") })
        #expect(body.children("w:tbl").count == captions.count)
        #expect(body.children("w:p").filter { $0.paragraphStyle == "SourceNote" }.map(\.wordText).allSatisfy {
            $0 == "Source: Chiso, computed from the dataset (961 observations, 7 source documents), 5 June 2025."
                || $0 == "Every projection in the table uses the same method: calibrated."
                || $0.hasPrefix("Entities of ") || $0 == "(*) Figures of another period than the one compared: the entity is not ranked."
                || $0.hasPrefix("Charts of the first ")
        })
    }
}
