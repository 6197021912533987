import ChisoTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Indicators
@testable import Reporting
import Testing
import ZIPFoundation

/// The report's workbook as a planner opens it: read back with Chiso's own workbook reader (cell
/// values and whether a cell shows a percentage) and, independently, from the archive's XML with
/// ZIPFoundation and Foundation's XML parser (format codes, widths, panes, autofilter, names).
struct XLSXRendererTests {
    /// The report of the shipped data, built once.
    static let report: Result<Report, Error> = Result {
        try Report.build(DatasetLoader.loadValid(directory: shippedDatasets.path), language: .vi)
    }

    /// `gaps.xlsx` of the report in a language, as the report writes it.
    static func gapsWorkbook(_ language: Language) throws -> Data {
        var report = try report.get()
        report.language = language
        let file = try #require(report.renderers().first { $0.name == "gaps.xlsx" })
        guard case let .bytes(data) = try file.render() else { throw FixtureError("gaps.xlsx is not bytes") }
        return data
    }

    /// The workbook's parts as XML elements, and its sheets' cells through ``Workbook``.
    struct Opened {
        let parts: [String: [ParsedElement]]
        /// The sheet names ``Workbook`` reads.
        let readerSheetNames: [String]
        /// Each sheet's cells by name, as ``Workbook`` reads them.
        let cells: [String: SheetCells]

        init(_ data: Data) throws {
            let archive = try Archive(data: data, accessMode: .read)
            var parts: [String: [ParsedElement]] = [:]
            for entry in archive where entry.path.hasSuffix(".xml") {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                parts[entry.path] = try ParsedElement.all(in: bytes)
            }
            self.parts = parts
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = dir.appendingPathComponent("gaps.xlsx").path
            try data.write(to: URL(fileURLWithPath: path))
            let book = try Workbook.open(path: path)
            readerSheetNames = book.sheetNames
            var cells: [String: SheetCells] = [:]
            for name in book.sheetNames { cells[name] = try book.cells(sheet: name) }
            self.cells = cells
        }

        /// The cells of a sheet.
        func cells(_ sheet: String) throws -> SheetCells { try #require(cells[sheet], "no sheet \(sheet)") }

        /// The elements of a part named `name`.
        func elements(_ part: String, _ name: String) -> [ParsedElement] { (parts[part] ?? []).filter { $0.name == name } }

        /// The sheet names in workbook order.
        var sheetNames: [String] { elements("xl/workbook.xml", "sheet").compactMap { $0["name"] } }

        /// The number format code of each style index (built-in ids by their fixed code).
        var formatCodes: [String] {
            let custom = Dictionary(elements("xl/styles.xml", "numFmt").compactMap { e in e["numFmtId"].flatMap(Int.init).map { ($0, e["formatCode"] ?? "") } },
                                    uniquingKeysWith: { a, _ in a })
            let builtIn = [0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%"]
            return cellXfs.map { xf in
                let id = xf["numFmtId"].flatMap(Int.init) ?? 0
                return custom[id] ?? builtIn[id] ?? "id \(id)"
            }
        }

        /// The `xf` elements of `cellXfs` (not those of `cellStyleXfs`), in order.
        var cellXfs: [ParsedElement] {
            let all = parts["xl/styles.xml"] ?? []
            guard let start = all.firstIndex(where: { $0.name == "cellXfs" }) else { return [] }
            return all[(start + 1)...].prefix { $0.name == "xf" || $0.name == "alignment" }.filter { $0.name == "xf" }
        }

        /// The format code of every cell of sheet `k` (1-based), by reference (`E2`).
        func cellFormats(sheet k: Int) -> [String: String] {
            let codes = formatCodes
            var out: [String: String] = [:]
            for c in elements("xl/worksheets/sheet\(k).xml", "c") {
                guard let ref = c["r"] else { continue }
                let style = c["s"].flatMap(Int.init) ?? 0
                out[ref] = style < codes.count ? codes[style] : "missing style \(style)"
            }
            return out
        }
    }

    /// The sheet names: short, as chosen in the table builders, within Excel's rules.
    @Test(arguments: [
        (Language.vi, ["Khoảng cách mục tiêu", "Dự báo", "Theo chỉ tiêu", "Theo đơn vị", "So sánh DTI 2023", "So sánh tỷ lệ hồ sơ trực tuyến"]),
        (Language.en, ["Gap to target", "Projections", "By indicator", "By entity", "Compare DTI 2023", "Compare online application"]),
    ])
    func sheetNames(_ language: Language, _ expected: [String]) throws {
        let book = try Opened(Self.gapsWorkbook(language))
        // The four tables, then a sheet per comparison (each indicator's entities, by level; the
        // DTI's totals and parts; the two windows of the online share).
        #expect(Array(book.sheetNames.prefix(4)) == Array(expected.prefix(4)))
        #expect(expected.suffix(2).allSatisfy(book.sheetNames.contains))
        #expect(book.sheetNames.count == 4 + (try Self.report.get()).comparisons.count)
        #expect(book.readerSheetNames == book.sheetNames)
        #expect(Set(book.sheetNames.map { $0.lowercased() }).count == book.sheetNames.count)
        for name in book.sheetNames {
            #expect(name.utf16.count <= 31, "\(name)")
            #expect(!name.contains { "[]:*?/\\".contains($0) }, "\(name)")
        }
    }

    /// Number formats by column kind, and the stored values: a share's latest value is the table's
    /// value / 100 to the last bit, P(meet) the probability itself, counts and years as they are;
    /// every value of a row with its indicator's decimals. The sheet has no column of ids.
    @Test func numberFormatsAndStoredValues() throws {
        let report = try Self.report.get()
        let book = try Opened(Self.gapsWorkbook(.vi))
        let gaps = report.gaps.table()
        let formats = book.cellFormats(sheet: 1)
        let cells = try book.cells("Khoảng cách mục tiêu")
        let shown = gaps.namedColumns()
        #expect(!shown.contains { ["indicator", "entity", "target_source"].contains(gaps.columns[$0].key) })
        /// The column of `key` in the sheet.
        func column(_ key: String) throws -> Int { try #require(shown.firstIndex { gaps.columns[$0].key == key }) }
        func ref(_ row: Int, _ key: String) throws -> String { try XLSXWriter.letters(column(key)) + "\(row + 2)" }
        func number(_ row: Int, _ key: String) throws -> Double? {
            guard case let .number(v) = gaps.rows[row][shown[try column(key)]] else { return nil }
            return v
        }
        /// `#,##0` with `d` decimals ("#,##0.00").
        func grouped(_ d: Int) -> String { "#,##0" + (d > 0 ? "." + String(repeating: "0", count: d) : "") }
        var checked = (share: 0, count: 0, probability: 0)
        for (i, gapRow) in report.gaps.rows.enumerated() {
            let share = gapRow.indicator.unit == .percent, d = gapRow.style.decimals
            if let v = try number(i, "latest_value") {
                let value = cells.value(row: i + 2, column: try column("latest_value") + 1)
                if share {
                    #expect(formats[try ref(i, "latest_value")] == (d > 0 ? "0." + String(repeating: "0", count: d) : "0") + "%")
                    #expect(value == .percent(v / 100), "row \(i + 2): \(String(describing: value)) vs \(v) / 100")
                    checked.share += 1
                } else {
                    // A count shows its data's decimals (whole counts whole), a score its; both stored as they are.
                    #expect(formats[try ref(i, "latest_value")] == grouped(d))
                    #expect(value == .number(v))
                }
            }
            // A share's gap and change per year are percentage points, stored as they are.
            if share, let g = try number(i, "gap") {
                #expect(formats[try ref(i, "gap")] == grouped(d) + "\" điểm %\"")
                #expect(cells.value(row: i + 2, column: try column("gap") + 1) == .number(g))
            }
            if share, try number(i, "required_change_per_year") != nil {
                #expect(formats[try ref(i, "required_change_per_year")] == grouped(max(1, d)) + "\" điểm %\"")
            }
            if let p = try number(i, "p_meet") {
                #expect(formats[try ref(i, "p_meet")] == "0.0%")
                #expect(cells.value(row: i + 2, column: try column("p_meet") + 1) == .percent(p))
                checked.probability += 1
            }
            if let n = try number(i, "n") {
                #expect(formats[try ref(i, "n")] == "#,##0")
                #expect(cells.value(row: i + 2, column: try column("n") + 1) == .number(n))
                checked.count += 1
            }
            #expect(formats[try ref(i, "target_year")] == "0")
            #expect(formats[try ref(i, "progress_ratio")] ?? "#,##0.00" == "#,##0.00")
        }
        #expect(checked.share > 10 && checked.count > 10 && checked.probability > 10, "\(checked)")
        // A percent column (0–100 in the table) is stored / 100: the comparison's rates.
        let rates = try #require(report.comparisons.first { $0.id == "comparison-online_application_share" })
        let rateColumn = try #require(rates.columns.firstIndex { $0.key == "rate_1" })
        let rate = try #require(rates.namedColumns().firstIndex(of: rateColumn))
        guard case let .number(v?) = rates.rows[0][rateColumn] else { Issue.record("no rate"); return }
        let sheet = 5 + (try #require(report.comparisons.firstIndex { $0.id == rates.id }))
        #expect(book.cellFormats(sheet: sheet)["\(XLSXWriter.letters(rate))2"] == "0.0%")
        #expect(try book.cells("So sánh tỷ lệ hồ sơ trực tuyến").value(row: 2, column: rate + 1) == .percent(v / 100))
        // The summary's counts and shares (after the names: no column of ids).
        #expect(book.cellFormats(sheet: 3)["B2"] == "#,##0" && book.cellFormats(sheet: 3)["F2"] == "0.0%")
    }

    /// Widths from the content, the header bold and wrapping, panes frozen below the header and
    /// right of the names, an autofilter over the table; the columns of ids are left out.
    @Test func layout() throws {
        let report = try Self.report.get()
        let book = try Opened(Self.gapsWorkbook(.vi))
        let tables = [report.gaps.table(), report.projections.table(), StatusSummary.table(report.gaps, by: .indicator),
                      StatusSummary.table(report.gaps, by: .entity)] + report.comparisons
        for (k, table) in tables.enumerated() {
            let part = "xl/worksheets/sheet\(k + 1).xml"
            let columns = table.namedColumns().map { table.columns[$0] }
            #expect(columns.count < table.columns.count && !columns.contains { ["indicator", "entity"].contains($0.key) }, "\(table.id)")
            let widths = book.elements(part, "col").compactMap { $0["width"].flatMap(Double.init) }
            #expect(widths.count == columns.count, "\(table.id)")
            #expect(widths.allSatisfy { (8...50).contains($0) }, "\(table.id): \(widths)")
            let last = XLSXWriter.letters(columns.count - 1)
            #expect(book.elements(part, "autoFilter").first?["ref"] == "A1:\(last)\(table.rows.count + 1)", "\(table.id)")
            // Kept in view: the header, and the names (gaps and projections: the indicator's and the
            // entity's; the others: the entity's or the indicator's), not the unit after them.
            let pane = try #require(book.elements(part, "pane").first)
            // A comparison of entities keeps the parent's name and the entity's.
            let frozen = k < 2 || table.id.hasPrefix("compare-") ? 2 : 1
            #expect(pane["state"] == "frozen" && pane["ySplit"] == "1" && pane["xSplit"] == "\(frozen)", "\(table.id)")
            #expect(pane["topLeftCell"] == (frozen == 2 ? "C2" : "B2"), "\(table.id)")
            #expect(columns.prefix(frozen).allSatisfy { $0.format == .text && $0.isName })
            // Every header cell is bold and wraps.
            let xfs = book.cellXfs
            let header = book.elements(part, "c").filter { $0["r"]?.drop(while: \.isLetter) == "1" }
            #expect(header.count == columns.count, "\(table.id)")
            for c in header {
                let xf = xfs[c["s"].flatMap(Int.init) ?? 0]
                let font = book.elements("xl/styles.xml", "font")[xf["fontId"].flatMap(Int.init) ?? 0]
                #expect(font.children.contains("b") && xf.children.contains("alignment"), "\(table.id) \(c["r"] ?? "")")
            }
        }
        // The gap sheet: names at least 16 wide, a header of two lines.
        let gapWidths = book.elements("xl/worksheets/sheet1.xml", "col").compactMap { $0["width"].flatMap(Double.init) }
        #expect(gapWidths[0] >= 16 && gapWidths[1] >= 16, "\(gapWidths)")
        #expect(book.elements("xl/worksheets/sheet1.xml", "row").first?["ht"] == "30.0")
        // The defined name Excel keeps the filter range in.
        let names = book.elements("xl/workbook.xml", "definedName")
        #expect(names.count == tables.count && names.allSatisfy { $0["name"] == "_xlnm._FilterDatabase" })
    }

    /// Widths: the longest cell plus padding, the header's longest word beside the filter button
    /// (and a character for the bold font), at most two header lines unless the limit forces more,
    /// within the limits.
    @Test func widthFromContent() {
        #expect(XLSXRenderer.width(label: "Năm", longestCell: 4, within: 8...50) == (8, 1))
        #expect(XLSXRenderer.width(label: "Giá trị mới nhất", longestCell: 6, within: 8...50) == (11, 2))  // Giá trị | mới nhất
        #expect(XLSXRenderer.width(label: "Giá trị mới nhất", longestCell: 20, within: 8...50) == (22, 1))
        #expect(XLSXRenderer.width(label: "Tên chỉ tiêu", longestCell: 90, within: 16...40) == (40, 1))
        #expect(XLSXRenderer.width(label: "Wilson thấp 2024-09-01/2024-09-20", longestCell: 5, within: 8...50) == (24, 2))
        #expect(XLSXRenderer.width(label: "x", longestCell: 0, within: 16...40) == (16, 1))
        #expect(XLSXRenderer.lines([5, 5, 5], within: 11) == 2)
        #expect(XLSXRenderer.lines([25], within: 10) == 3)
        #expect(XLSXRenderer.NumberLook(.number(decimals: 2), language: .en).width(-1234.5) == 9)  // -1,234.50
        #expect(XLSXRenderer.NumberLook(.percent(decimals: 1), language: .en).width(74.65) == 5)  // 74.7%
        #expect(XLSXRenderer.NumberLook(.probability, language: .en).width(0.5) == 5)  // 50.0%
        #expect(XLSXRenderer.NumberLook(.year, language: .en).width(2030) == 4)
        #expect(XLSXRenderer.NumberLook(.points(decimals: 2), language: .en).width(25.35) == 8)  // 25.35 pp
        #expect(XLSXRenderer.NumberLook(.points(decimals: 2), language: .vi).width(25.35) == 12)  // 25,35 điểm %
        #expect(XLSXRenderer.NumberLook(.points(decimals: 2), language: .vi).style.numberFormat == "#,##0.00\" điểm %\"")
    }

    /// Sheet names: Excel's forbidden characters, the 31-character limit cut at a word, unique
    /// ignoring case with a number, never "History".
    @Test func sheetNamesWithinExcelRules() {
        #expect(XLSXWriter.sheetName("Dự báo các chỉ tiêu có từ 4 điểm dữ liệu", taken: []) == "Dự báo các chỉ tiêu có từ 4")
        #expect(XLSXWriter.sheetName("Tình trạng theo chỉ tiêu (chậm nhất trước)", taken: []) == "Tình trạng theo chỉ tiêu")
        #expect(XLSXWriter.sheetName("Compare online application share", taken: []) == "Compare online application")
        #expect(XLSXWriter.sheetName("So sánh 2024-09-01/2024-09-20", taken: []) == "So sánh 2024-09-01-2024-09-20")
        #expect(XLSXWriter.sheetName("a/b:c*d?[e]\\f", taken: []) == "a-b-cde-f")
        #expect(XLSXWriter.sheetName("'Quoted'", taken: []) == "Quoted")
        #expect(XLSXWriter.sheetName("  two   spaces\tand tab ", taken: []) == "two spaces and tab")
        #expect(XLSXWriter.sheetName("Gaps", taken: ["gaps"]) == "Gaps (2)")
        #expect(XLSXWriter.sheetName("Gaps", taken: ["gaps", "Gaps (2)"]) == "Gaps (3)")
        #expect(XLSXWriter.sheetName("History", taken: []) == "History (2)")
        #expect(XLSXWriter.sheetName("''", taken: ["x"]) == "2")
        #expect(XLSXWriter.sheetName(String(repeating: "x", count: 40), taken: []) == String(repeating: "x", count: 31))
        // Two long titles alike: both cut at a word, the second numbered within 31 characters.
        let a = "So sánh tỷ lệ hộ đồng bào dân tộc thiểu số chưa có internet cố định"
        let b = "So sánh tỷ lệ hộ đồng bào dân tộc thiểu số chưa có internet di động"
        let first = XLSXWriter.sheetName(a, taken: [])
        let second = XLSXWriter.sheetName(b, taken: [first])
        #expect(first == "So sánh tỷ lệ hộ đồng bào dân")
        #expect(second == "So sánh tỷ lệ hộ đồng bào (2)")
        #expect(second.utf16.count <= 31)
    }

    /// Short names of indicators for sheet names.
    @Test func shortIndicatorNames() {
        #expect(ReportTable.shortName("Chỉ số chuyển đổi số (DTI) - tổng điểm") == "DTI")
        #expect(ReportTable.shortName("Digital Transformation Index (DTI) total score") == "DTI")
        #expect(ReportTable.shortName("Tỷ lệ hồ sơ trực tuyến") == "tỷ lệ hồ sơ trực tuyến")
        #expect(ReportTable.shortName("DVCTT mức độ 4 (toàn trình)") == "DVCTT mức độ 4 (toàn trình)")
        #expect(ReportTable.shortName("") == "")
    }
}

/// An XML element as the parser met it: its name, attributes and the names of its direct children.
final class ParsedElement {
    let name: String
    let attributes: [String: String]
    var children: [String] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(_ attribute: String) -> String? { attributes[attribute] }

    /// Every element of a document in document order.
    static func all(in data: Data) throws -> [ParsedElement] {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { throw FixtureError("XML: \(parser.parserError.map { "\($0)" } ?? "unreadable")") }
        return collector.elements
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [ParsedElement] = []
        var open: [ParsedElement] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            let element = ParsedElement(name: elementName, attributes: attributeDict)
            open.last?.children.append(elementName)
            elements.append(element)
            open.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            open.removeLast()
        }
    }
}
