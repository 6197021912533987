import Foundation
import Indicators
import Testing
import ZIPFoundation

/// The workbook reader against fixtures written by openpyxl and LibreOffice (Fixtures/
/// make_workbooks.py, which also wrote workbooks.json: the values each sheet must read as,
/// computed from what it wrote), and against damaged and hostile files made here.
struct WorkbookTests {
    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")).path
    }

    static var expected: [String: Any] {
        guard let url = Bundle.module.url(forResource: "workbooks", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return json["sheets"] as? [String: Any] ?? [:]
    }

    /// Checks a table against the rows the fixture script wrote.
    static func check(_ table: CSVTable, against key: String, skippingLines: Set<Int> = []) throws {
        let sheet = try #require(expected[key] as? [String: Any], "no expectation for \(key)")
        #expect(table.header == sheet["header"] as? [String], "\(key)")
        #expect(table.headerLine == sheet["headerLine"] as? Int, "\(key)")
        #expect(table.columnOffset == sheet["columnOffset"] as? Int, "\(key)")
        let rows = try #require(sheet["rows"] as? [[String: Any]])
        #expect(table.rowCount == rows.count, "\(key)")
        for (r, row) in rows.enumerated() where r < table.rowCount {
            let line = try #require(row["line"] as? Int)
            #expect(table.lines[r] == line, "\(key) row \(r)")
            guard !skippingLines.contains(line) else { continue }
            let fields = try #require(row["fields"] as? [String])
            let numbers = try #require(row["numbers"] as? [Any])
            for j in fields.indices where j < table.header.count {
                #expect(table.field(r, j) == fields[j], "\(key)!\(table.position(r, j))")
                #expect(table.number(r, j) == (numbers[j] as? NSNumber)?.doubleValue, "\(key)!\(table.position(r, j))")
            }
        }
    }

    @Test(arguments: ["Huyện", "Tỷ lệ", "Ngày", "Gộp", "Chữ"])
    func openpyxlSheets(_ sheet: String) throws {
        let book = try Workbook.open(path: Self.fixture("planner.xlsx"), displayName: "planner.xlsx")
        #expect(book.sheetNames == ["Huyện", "Tỷ lệ", "Ngày", "Gộp", "Chữ", "Ngoài"])
        let table = try book.table(sheet: sheet)
        #expect(table.sheet == sheet)
        try Self.check(table, against: sheet)
    }

    /// The same workbook saved by LibreOffice: shared strings (rich runs), its own styles and
    /// prefixes. LibreOffice computes the formula on saving, so that cell is not compared.
    @Test(arguments: ["Huyện", "Tỷ lệ", "Ngày", "Gộp", "Chữ"])
    func libreOfficeSheets(_ sheet: String) throws {
        let book = try Workbook.open(path: Self.fixture("libreoffice.xlsx"), displayName: "libreoffice.xlsx")
        try Self.check(book.table(sheet: sheet), against: sheet, skippingLines: sheet == "Chữ" ? [5] : [])
    }

    @Test func firstSheetByDefaultAndWideTableNumbers() throws {
        let table = try TableFile.read(path: Self.fixture("planner.xlsx"), displayName: "planner.xlsx")
        #expect(table.sheet == "Huyện")
        #expect(table.header == ["Đơn vị", "2020", "2021", "2022", "2023", "2024"])
        // The empty cell and the "-" read as missing; the number column refuses them with their cells.
        #expect(table.field(1, 2) == "" && table.field(1, 4) == "-")
        #expect(CSVTable.isMissing(table.field(1, 4)))
        #expect(throws: DatasetError.emptyCell(SourcePosition(file: "planner.xlsx", line: 3, column: 3, sheet: "Huyện"), column: "2021")) {
            try table.numericColumn("2021")
        }
        #expect(try table.numericColumn("2020") == [41.5, 30, 12.75])
        #expect(table.position(0, 5).description == "planner.xlsx[Huyện]!F2")
    }

    @Test func percentagesAsShown() throws {
        let table = try Workbook.open(path: Self.fixture("planner.xlsx")).table(sheet: "Tỷ lệ")
        #expect(table.field(0, 1) == "45.5%")
        #expect(table.number(0, 1) == 45.5)
        #expect(try table.numericColumn("Giá trị") == [45.5, 7, 12.34])
    }

    @Test func dates1904() throws {
        try Self.check(Workbook.open(path: Self.fixture("date1904.xlsx")).table(), against: "date1904.xlsx")
    }

    @Test func errorValuesReadAsMissing() throws {
        let table = try Workbook.open(path: Self.fixture("planner.xlsx")).table(sheet: "Chữ")
        #expect(table.field(2, 1) == "#N/A")
        #expect(CSVTable.isMissing("#N/A") && CSVTable.isMissing("#DIV/0!") && CSVTable.isMissing("#value!"))
    }

    @Test func longTableBelowBlankRowsAndColumn() throws {
        let spec = try #require(Self.expected["long.xlsx"] as? [String: Any])
        let table = try Workbook.open(path: Self.fixture("long.xlsx"), displayName: "long.xlsx").table()
        #expect(table.header == ["indicator", "entity", "period", "value"])
        #expect(table.headerLine == spec["headerLine"] as? Int)
        #expect(table.columnOffset == spec["columnOffset"] as? Int)
        #expect(table.rowCount == spec["rows"] as? Int)
        #expect(table.lines.last == spec["lastLine"] as? Int)
        let sum = try table.numericColumn("value").reduce(Decimal(0)) { $0 + Decimal(string: "\($1)")! }
        #expect(sum == Decimal(string: try #require(spec["valueSum"] as? String)))
        #expect(table.position(0, 0).description == "long.xlsx[Dữ liệu]!B4")
        #expect(table.field(0, 2) == "2020")
    }

    @Test func cellsOfAnySheetWithMergedRanges() throws {
        let cells = try Workbook.open(path: Self.fixture("planner.xlsx")).cells(sheet: "Gộp")
        #expect(cells.merged.map(\.description).sorted() == ["A1:A2", "B1:F1"])
        #expect(cells.value(row: 1, column: 2) == .text("Năm"))
        #expect(cells.value(row: 1, column: 3) == nil)
        #expect(cells.filled(row: 1, column: 3) == .text("Năm"))
        #expect(cells.filled(row: 2, column: 1) == .text("Chỉ tiêu"))
        #expect(cells.value(row: 2, column: 2) == .number(2020))
    }

    @Test func valueOutsideTheHeaderColumns() throws {
        let spec = try #require(Self.expected["Ngoài"] as? [String: Any])
        let book = try Workbook.open(path: Self.fixture("planner.xlsx"), displayName: "planner.xlsx")
        do {
            _ = try book.table(sheet: "Ngoài")
            Issue.record("no error")
        } catch {
            #expect(error.description == spec["error"] as? String)
        }
    }

    @Test func unknownSheetNamesTheSheets() throws {
        let book = try Workbook.open(path: Self.fixture("date1904.xlsx"), displayName: "date1904.xlsx")
        let problem = DataProblem.noSheet("Huyện", sheets: ["Mac"])
        #expect(problem.description == "no sheet \"Huyện\" (sheets: \"Mac\")")
        #expect(throws: DatasetError.workbook(SourcePosition(file: "date1904.xlsx"), problem: problem)) {
            try book.table(sheet: "Huyện")
        }
    }

    @Test func zipBombIsRefused() throws {
        let ratio = try #require((Self.expected["bomb.xlsx"] as? [String: Any])?["ratio"] as? Double)
        #expect(ratio > 1000)
        let book = try Workbook.open(path: Self.fixture("bomb.xlsx"), displayName: "bomb.xlsx")
        let problem = DataProblem.damaged(.unpacksRatio("xl/worksheets/sheet1.xml", ratio: 1000))
        #expect(problem.description == "xl/worksheets/sheet1.xml unpacks to more than 1000 times its packed size; not a workbook Chiso can read")
        #expect(throws: DatasetError.workbook(SourcePosition(file: "bomb.xlsx"), problem: problem)) {
            try book.table()
        }
    }

    @Test func sizeLimitIsCountedAsBytesInflate() throws {
        let limits = Workbook.Limits(sheetBytes: 1 << 20)
        let book = try Workbook.open(path: Self.fixture("bomb.xlsx"), displayName: "book.xlsx", limits: limits)
        let problem = DataProblem.damaged(.unpacksBeyond("xl/worksheets/sheet1.xml", bytes: 1 << 20))
        #expect(problem.description == "xl/worksheets/sheet1.xml unpacks to more than 1 MiB; not a workbook Chiso can read")
        #expect(throws: DatasetError.workbook(SourcePosition(file: "book.xlsx"), problem: problem)) {
            try book.table()
        }
    }

    /// A scratch folder, removed afterwards.
    static func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-wb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test func truncatedWorkbook() throws {
        try Self.withFolder { folder in
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("planner.xlsx")))
            let cut = folder.appendingPathComponent("cut.xlsx")
            try bytes.prefix(bytes.count / 2).write(to: cut)
            #expect(DataProblem.damaged(.noCentralDirectory).description
                    == "no ZIP central directory (the file may be cut short); not a workbook Chiso can read")
            #expect(throws: DatasetError.workbook(SourcePosition(file: "cut.xlsx"), problem: .damaged(.noCentralDirectory))) {
                try TableFile.read(path: cut.path, displayName: "cut.xlsx")
            }
        }
    }

    @Test func oldExcelSignature() throws {
        try Self.withFolder { folder in
            let xls = folder.appendingPathComponent("old.xls")
            try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: xls)
            let expected = DatasetError.workbook(SourcePosition(file: "old.xls"), problem: .oldOrEncrypted)
            #expect(expected.description == "old.xls: an old Excel .xls or an encrypted workbook; save it as .xlsx (Excel Workbook) or CSV UTF-8")
            #expect(throws: expected) { try TableFile.read(path: xls.path, displayName: "old.xls") }
            #expect(throws: expected) { try Workbook.open(path: xls.path, displayName: "old.xls") }
        }
    }

    @Test func dispatchOnContentNotName() throws {
        try Self.withFolder { folder in
            // A workbook named .xlsm or even .csv is read as a workbook.
            let xlsm = folder.appendingPathComponent("macro.xlsm"), misnamed = folder.appendingPathComponent("book.csv")
            try FileManager.default.copyItem(atPath: Self.fixture("date1904.xlsx"), toPath: xlsm.path)
            try FileManager.default.copyItem(atPath: Self.fixture("date1904.xlsx"), toPath: misnamed.path)
            #expect(try TableFile.read(path: xlsm.path).header == ["Mốc", "Ngày"])
            #expect(try TableFile.read(path: misnamed.path, sheet: "Mac").rowCount == 3)
            // Text goes through CSVTable.read unchanged; a sheet asked of it is an error.
            let csv = folder.appendingPathComponent("a.csv")
            try Data("x;y\n1,5;2\n".utf8).write(to: csv)
            let viaFile = try TableFile.read(path: csv.path, displayName: "a.csv")
            let direct = try CSVTable.read(path: csv.path, displayName: "a.csv")
            #expect(viaFile.rows == direct.rows && viaFile.header == direct.header && viaFile.delimiter == .semicolon)
            #expect(viaFile.number(0, 0) == nil && viaFile.sheet == nil)
            #expect(DataProblem.textHasNoSheets(sheet: "Mac").description == "a text file has no sheets (sheet \"Mac\" was asked for)")
            #expect(throws: DatasetError.workbook(SourcePosition(file: "a.csv"), problem: .textHasNoSheets(sheet: "Mac"))) {
                try TableFile.read(path: csv.path, displayName: "a.csv", sheet: "Mac")
            }
        }
    }

    /// Hand-made packages: a cell reference past XFD, a shared string and a style that do not
    /// exist, an empty sheet, a DTD; each one line naming the cell or part.
    /// `sheetBytes` may change the sheet part's bytes (to write bytes no `String` holds).
    static func package(_ sheetData: String, strings: String? = nil, styles: String? = nil, extraHead: String = "", at url: URL,
                        sheetBytes: (Data) -> Data = { $0 }) throws {
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String, _ change: (Data) -> Data = { $0 }) throws {
            let data = change(Data(text.utf8))
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try add("xl/workbook.xml", "<x:workbook xmlns:x=\"\(ns)\" xmlns:rr=\"\(rel)\"><x:sheets><x:sheet name=\"Trang 1\" sheetId=\"1\" rr:id=\"rId1\"/></x:sheets></x:workbook>")
        var rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"/xl/worksheets/s.xml\"/>"
        if strings != nil { rels += "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"strings.xml\"/>" }
        if styles != nil { rels += "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>" }
        try add("xl/_rels/workbook.xml.rels", rels + "</Relationships>")
        if let strings { try add("xl/strings.xml", "<sst xmlns=\"\(ns)\">\(strings)</sst>") }
        if let styles { try add("xl/styles.xml", "<styleSheet xmlns=\"\(ns)\">\(styles)</styleSheet>") }
        try add("xl/worksheets/s.xml", "\(extraHead)<x:worksheet xmlns:x=\"\(ns)\"><x:sheetData>\(sheetData)</x:sheetData></x:worksheet>", sheetBytes)
    }

    static let hostile: [(name: String, sheet: String, strings: String?, styles: String?, head: String, message: String)] = [
        ("column past XFD", "<x:row r=\"1\"><x:c r=\"ZZZZ1\"><x:v>1</x:v></x:c></x:row>", nil, nil, "",
         "h.xlsx[Trang 1]!1:1: cell reference \"ZZZZ1\" is not a cell (A1 to XFD1048576)"),
        ("row past 1048576", "<x:row r=\"1048577\"><x:c><x:v>1</x:v></x:c></x:row>", nil, nil, "",
         "h.xlsx[Trang 1]: row \"1048577\" is not a sheet row (1–1,048,576)"),
        ("shared string out of range", "<x:row r=\"2\"><x:c r=\"B2\" t=\"s\"><x:v>7</x:v></x:c></x:row>", "<si><t>một</t></si>", nil, "",
         "h.xlsx[Trang 1]!B2: shared string 7 does not exist (the workbook has 1)"),
        ("style out of range", "<x:row r=\"3\"><x:c r=\"C3\" s=\"4\"><x:v>1</x:v></x:c></x:row>", nil,
         "<cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs>", "",
         "h.xlsx[Trang 1]!C3: style 4 does not exist (the workbook has 1)"),
        ("not a number", "<x:row r=\"3\"><x:c r=\"C3\"><x:v>0x1p3</x:v></x:c></x:row>", nil, nil, "",
         "h.xlsx[Trang 1]!C3: \"0x1p3\" is not a number"),
        ("empty sheet", "", nil, nil, "", "h.xlsx[Trang 1]: empty file (a header row is required)"),
        ("a DTD", "", nil, nil, "<!DOCTYPE lol [<!ENTITY a \"aaaa\">]>",
         "h.xlsx: xl/worksheets/s.xml declares a DTD; not a workbook Chiso can read"),
        ("bad XML", "<x:row><x:c></x:row>", nil, nil, "",
         "h.xlsx: xl/worksheets/s.xml is not well-formed XML"),
    ]

    @Test(arguments: hostile.indices)
    func hostileParts(_ k: Int) throws {
        let c = Self.hostile[k]
        try Self.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try Self.package(c.sheet, strings: c.strings, styles: c.styles, extraHead: c.head, at: url)
            do {
                _ = try TableFile.read(path: url.path, displayName: "h.xlsx")
                Issue.record("\(c.name): no error")
            } catch {
                #expect("\(error)".hasPrefix(c.message), "\(c.name): \(error)")
            }
        }
    }

    @Test func cellsWithoutReferencesFollowThePreviousOne() throws {
        try Self.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try Self.package("<x:row><x:c t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c><x:c t=\"inlineStr\"><x:is><x:t>b</x:t></x:is></x:c></x:row>"
                             + "<x:row><x:c><x:v>1</x:v></x:c><x:c r=\"B2\"><x:v>2.50</x:v></x:c></x:row>", at: url)
            let table = try TableFile.read(path: url.path, displayName: "h.xlsx")
            #expect(table.header == ["a", "b"])
            #expect(table.rows == [["1", "2.5"]])
            #expect(table.lines == [2])
        }
    }

    /// A table's rows give each cell as ``SheetCells/filled(row:column:)`` does: ranges merged down
    /// and across data rows, one reaching past the table's last column, one whose top-left is blank
    /// (not filled), and a value inside a range (the range's top-left wins).
    @Test func tableRowsFillMergedRangesAsFilledDoes() throws {
        try Self.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            func cell(_ ref: String, _ v: String) -> String { "<x:c r=\"\(ref)\"><x:v>\(v)</x:v></x:c>" }
            func text(_ ref: String, _ t: String) -> String { "<x:c r=\"\(ref)\" t=\"inlineStr\"><x:is><x:t>\(t)</x:t></x:is></x:c>" }
            let rows = "<x:row r=\"1\">" + text("A1", "Huyện") + text("B1", "2021") + text("C1", "2022") + text("D1", "2023") + "</x:row>"
                + "<x:row r=\"2\">" + text("A2", "Đắk Lắk") + cell("B2", "1") + cell("C2", "2") + cell("D2", "3") + "</x:row>"
                + "<x:row r=\"3\">" + cell("B3", "4") + cell("C3", "9") + "</x:row>"
                + "<x:row r=\"4\">" + text("A4", "Krông Pắc") + cell("C4", "6") + "</x:row>"
                + "<x:row r=\"5\">" + cell("C5", "7") + "</x:row>"
            let merges = "<x:mergeCells><x:mergeCell ref=\"A2:A3\"/><x:mergeCell ref=\"B3:C3\"/><x:mergeCell ref=\"D3:F4\"/>"
                + "<x:mergeCell ref=\"B4:B5\"/><x:mergeCell ref=\"A5:A5\"/></x:mergeCells>"
            try HostileWorkbookTests.book(rows, after: merges, at: url)
            let cells = try Workbook.open(path: url.path, displayName: "h.xlsx").cells()
            let table = try cells.table()
            #expect(table.header == ["Huyện", "2021", "2022", "2023"])
            #expect(table.rows == [["Đắk Lắk", "1", "2", "3"], ["Đắk Lắk", "4", "4", ""], ["Krông Pắc", "", "6", ""], ["", "", "7", ""]])
            for (r, line) in table.lines.enumerated() {
                #expect(table.rows[r] == (1...4).map { cells.filled(row: line, column: $0)?.text ?? "" })
            }
        }
    }

    /// White space around a `<v>` (ASCII, a no-break space, an ideographic space) is trimmed as
    /// Foundation's `.whitespacesAndNewlines` trims it, for numbers and shared-string indexes.
    @Test func whiteSpaceAroundCellValues() throws {
        try Self.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            let values = [" 12 ", "\n\t7\r\n", "\u{A0}5\u{A0}", "\u{3000}3", "2.5"]
            let rows = "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v> 0\u{A0}</x:v></x:c></x:row>"
                + values.enumerated().map { "<x:row r=\"\($0.offset + 2)\"><x:c r=\"A\($0.offset + 2)\"><x:v>\($0.element)</x:v></x:c></x:row>" }.joined()
            try Self.package(rows, strings: "<si><t>Giá trị</t></si>", at: url)
            let table = try TableFile.read(path: url.path, displayName: "h.xlsx")
            #expect(table.header == ["Giá trị"])
            #expect((0..<table.rowCount).map { table.number($0, 0) } == [12, 7, 5, 3, 2.5])
        }
    }
}
