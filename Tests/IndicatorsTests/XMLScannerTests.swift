import Foundation
@testable import Indicators
import Testing
import ZIPFoundation

/// The workbook scanner (``XMLScanner`` and the sheet and shared-strings readers on it) against
/// values computed independently of it: Fixtures/tricky.xlsx, written by openpyxl and edited by
/// Fixtures/make_tricky_workbook.py (which also wrote tricky.json, the value of each cell from what
/// it wrote); hand-written XML that is not well-formed, each refused naming the part; and the same
/// parts read a few bytes at a time, so that every token is cut at every place by the buffer's end.
struct XMLScannerTests {
    static var tricky: [String: [String: Any]] {
        guard let url = Bundle.module.url(forResource: "tricky", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return json["cells"] as? [String: [String: Any]] ?? [:]
    }

    /// `B7` → (7, 2).
    static func cell(_ ref: String) throws -> (row: Int, column: Int) {
        try #require(SheetReader.reference(ref))
    }

    static func check(_ cells: SheetCells) throws {
        let expected = Self.tricky
        #expect(expected.count == 48)
        #expect(cells.count == expected.count, "every cell read and no other")
        for (ref, spec) in expected {
            let (row, column) = try Self.cell(ref)
            let value = try #require(cells.value(row: row, column: column), "\(ref) is empty")
            let text = try #require(spec["text"] as? String)
            #expect(value.text == text, "\(ref)")
            let kind: String
            switch value {
            case .text: kind = "text"
            case .number: kind = "number"
            case .percent: kind = "percent"
            case .date: kind = "date"
            case .bool: kind = "bool"
            case .error: kind = "error"
            }
            #expect(kind == spec["kind"] as? String, "\(ref)")
            #expect(value.number == (spec["number"] as? String).flatMap(Double.init), "\(ref)")
        }
        // A formula without a cached value is an empty cell.
        #expect(cells.value(row: 29, column: 2) == nil)
    }

    @Test func trickyCellsReadAsWritten() throws {
        let book = try Workbook.open(path: WorkbookTests.fixture("tricky.xlsx"), displayName: "tricky.xlsx")
        #expect(book.sheetNames == ["Chữ"])
        try Self.check(book.cells(sheet: "Chữ"))
        // C29 lies right of the header's columns.
        do {
            _ = try book.table(sheet: "Chữ")
            Issue.record("no error")
        } catch {
            #expect(error.description == "tricky.xlsx[Chữ]!C29: a value outside the table's columns (A–B)")
        }
    }

    /// The sheet and the shared strings read 1 to 13 bytes at a time give the same cells.
    @Test(arguments: [1, 2, 3, 5, 7, 13])
    func trickyCellsAtAnyChunkSize(_ chunk: Int) throws {
        let book = try Workbook.open(path: WorkbookTests.fixture("tricky.xlsx"), displayName: "tricky.xlsx")
        let archive = book.archive
        var strings = SharedStringsReader(maximum: 1000, file: "tricky.xlsx")
        let sst = try #require(archive.member("xl/sharedStrings.xml"))
        try XMLScanner.scan(sst, part: "xl/sharedStrings.xml", of: archive, limit: 1 << 20, ratio: 1000, chunk: chunk, with: &strings)
        #expect(strings.strings.count == 5)
        #expect((0..<5).map { strings.strings.string($0) } == (0..<5).map { book.strings.string($0) })
        var reader = SheetReader(file: "tricky.xlsx", sheet: "Chữ", shared: strings.strings, formats: book.formats,
                                 date1904: false, maxCells: 1000)
        defer { reader.release() }
        let sheet = try #require(archive.member(book.sheetParts[0]))
        try XMLScanner.scan(sheet, part: book.sheetParts[0], of: archive, limit: 1 << 20, ratio: 1000, chunk: chunk, with: &reader)
        try Self.check(reader.cells())
    }

    /// Records what the scanner reports, as text: `<name a="v">`, text, `</name>`.
    struct Recorder: XMLHandler {
        var log: [UInt8] = []
        var wantsText: Bool { true }

        mutating func start(_ tag: XMLTag) throws(DatasetError) {
            log += Array("<\(tag.name.string)".utf8)
            for (name, value) in tag.all { log += Array(" \(name)=\(value.debugDescription)".utf8) }
            log += Array(">".utf8)
        }

        mutating func end(_ name: XMLName) throws(DatasetError) { log += Array("</\(name.string)>".utf8) }
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(DatasetError) { log += bytes }
        var string: String { String(decoding: log, as: UTF8.self) }
    }

    /// A package holding one part `p.xml` with `bytes`, and what scanning it gives (or the error).
    static func scan(_ bytes: Data, chunk: Int = XMLScanner.step, in folder: URL) throws -> Result<String, DatasetError> {
        let url = folder.appendingPathComponent("p-\(UUID().uuidString).zip")
        let archive = try Archive(url: url, accessMode: .create)
        try archive.addEntry(with: "p.xml", type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { p, n in
            bytes.subdata(in: Int(p)..<Int(p) + n)
        }
        let zip = try ZipArchive.open(path: url.path, file: "h.xlsx")
        let member = try #require(zip.member("p.xml"))
        var recorder = Recorder()
        do {
            try XMLScanner.scan(member, part: "p.xml", of: zip, limit: 64 << 20, ratio: 1 << 20, chunk: chunk, with: &recorder)
            return .success(recorder.string)
        } catch {
            return .failure(error)
        }
    }

    /// Every construct a part may hold, and what it reads as: prefixes dropped from element names
    /// (kept on attributes), quotes of either kind, spaces around `=`, references in text and in
    /// attribute values, line ends, white space in an attribute value, CDATA, comments and
    /// processing instructions skipped, a byte-order mark, an empty element.
    static let valid: (xml: String, reads: String) = (
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<!-- đầu -->"
            + "<x:a xmlns:x=\"urn:x\" v = 'A&amp;B' w=\"&#x1EAF;&#272;&lt;\tz&#10;\">một\r\nhai\rba &quot;&apos;&gt;"
            + "<x:b/><?pi nội dung?><![CDATA[<c>&amp;\r\n]]]]><![CDATA[>]]><!---->𝄞</x:a>\n",
        "<a xmlns:x=\"urn:x\" v=\"A&B\" w=\"ắĐ< z\\n\">một\nhai\nba \"'><b></b><c>&amp;\n]]>𝄞</a>")

    @Test func validConstructsAtAnyChunkSize() throws {
        try WorkbookTests.withFolder { folder in
            for chunk in [1, 2, 3, 4, 5, 8, 11, XMLScanner.step] {
                let log = try Self.scan(Data(Self.valid.xml.utf8), chunk: chunk, in: folder).get()
                #expect(log == Self.valid.reads, "chunk \(chunk)")
            }
        }
    }

    /// A part larger than several buffers' steps (about 2 MB): texts with references, CR LF and
    /// four-byte characters, and tags, cut by the buffer at many places, read back whole.
    @Test func largePartAcrossManyFills() throws {
        try WorkbookTests.withFolder { folder in
            let rows = (1...20_000).map { r in
                "<r n=\"\(r)\" p='\(String(repeating: "x", count: r % 13))'>\(String(repeating: " ", count: r % 7))a&amp;b\r\nc&#x1EAF;𝄞\(r)</r>"
            }
            let xml = "<t>" + rows.joined() + "</t>"
            let reads = "<t>" + (1...20_000).map { r in
                "<r n=\"\(r)\" p=\"\(String(repeating: "x", count: r % 13))\">\(String(repeating: " ", count: r % 7))a&b\ncắ𝄞\(r)</r>"
            }.joined() + "</t>"
            #expect(xml.utf8.count > 4 * XMLScanner.step)
            let log = try Self.scan(Data(xml.utf8), in: folder).get()
            #expect(log == reads)
        }
    }

    /// XML that is not well-formed, each refused with one line naming the part (line 1: these
    /// parts are one line).
    static let malformed: [(name: String, xml: String)] = [
        ("end tag that does not match", "<a><b></a></b>"),
        ("undefined entity", "<a>&nbsp;</a>"),
        ("bare ampersand", "<a>A & B</a>"),
        ("reference without its semicolon", "<a>&amp</a>"),
        ("reference to NUL", "<a>&#0;</a>"),
        ("reference to a surrogate", "<a>&#xD800;</a>"),
        ("reference past U+10FFFF", "<a>&#x110000;</a>"),
        ("reference to U+FFFE", "<a>&#xFFFE;</a>"),
        ("U+FFFF written as such", "<a>\u{FFFF}</a>"),
        ("control character", "<a>\u{01}</a>"),
        ("control character in an attribute", "<a v=\"\u{02}\"/>"),
        ("< in an attribute value", "<a v=\"1<2\"/>"),
        ("attribute twice", "<a v=\"1\" v=\"2\"/>"),
        ("attribute without quotes", "<a v=1/>"),
        ("attributes without a space", "<a v=\"1\"w=\"2\"/>"),
        ("attribute without a value", "<a v/>"),
        ("]]> in text", "<a>x]]>y</a>"),
        ("-- in a comment", "<a><!-- x -- y --></a>"),
        ("XML declaration not at the start", "<a><?xml version=\"1.0\"?></a>"),
        ("XML declaration after a blank", " <?xml version=\"1.0\"?><a/>"),
        ("text before the root", "x<a/>"),
        ("text after the root", "<a/>x"),
        ("second root", "<a/><b/>"),
        ("CDATA outside the root", "<![CDATA[x]]><a/>"),
        ("a DOCTYPE-like <! that is not a comment", "<a><![INCLUDE[x]]></a>"),
        ("name starting with a digit", "<1a/>"),
        ("no root at all", "   "),
        ("nesting deeper than 256", String(repeating: "<a>", count: 257) + String(repeating: "</a>", count: 257)),
    ]

    @Test(arguments: malformed.indices)
    func malformedIsRefused(_ k: Int) throws {
        let c = Self.malformed[k]
        try WorkbookTests.withFolder { folder in
            for chunk in [3, XMLScanner.step] {
                switch try Self.scan(Data(c.xml.utf8), chunk: chunk, in: folder) {
                case .success(let log): Issue.record("\(c.name): read as \(log)")
                case .failure(let error):
                    #expect(error.description == "h.xlsx: p.xml is not well-formed XML (line 1); not a workbook Chiso can read", "\(c.name)")
                }
            }
        }
    }

    @Test func nestingOf256IsRead() throws {
        try WorkbookTests.withFolder { folder in
            let xml = String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)
            let log = try Self.scan(Data(xml.utf8), in: folder).get()
            #expect(log == xml)
        }
    }

    @Test func lineOfTheFault() throws {
        try WorkbookTests.withFolder { folder in
            let xml = "<a>\n<b>\r\n" + String(repeating: "<c/>\n", count: 100_000) + "</a>"
            for chunk in [7, XMLScanner.step] {
                guard case .failure(let error) = try Self.scan(Data(xml.utf8), chunk: chunk, in: folder) else { Issue.record("no error"); return }
                #expect(error.description == "h.xlsx: p.xml is not well-formed XML (line 100003); not a workbook Chiso can read")
            }
        }
    }

    @Test func unclosedPartIsRefused() throws {
        try WorkbookTests.withFolder { folder in
            guard case .failure(let error) = try Self.scan(Data("<a><b></b>".utf8), in: folder) else { Issue.record("no error"); return }
            #expect(error.description == "h.xlsx: p.xml ends before its last element is closed; not a workbook Chiso can read")
        }
    }

    /// A tag longer than the buffer (5 MiB of attribute with `>` in it, which the guard's run
    /// check lets through) is refused, not grown without bound.
    @Test func tagLongerThanTheBufferIsRefused() throws {
        try WorkbookTests.withFolder { folder in
            let xml = "<a v=\"" + String(repeating: "x>", count: 5 << 19) + "\"/>"
            guard case .failure(let error) = try Self.scan(Data(xml.utf8), in: folder) else { Issue.record("no error"); return }
            #expect(error.description == "h.xlsx: p.xml has a text or tag longer than 4 MiB; not a workbook Chiso can read")
        }
    }

    /// A text longer than the buffer, `>` in it, is read in pieces (its length is the reader's to
    /// bound: a cell's text is refused past Excel's limit).
    @Test func textLongerThanTheBufferIsRead() throws {
        try WorkbookTests.withFolder { folder in
            let text = String(repeating: "y>", count: 5 << 19)
            let log = try Self.scan(Data("<a>\(text)</a>".utf8), in: folder).get()
            #expect(log == "<a>\(text)</a>")
        }
    }

    /// A sheet whose cells use a prefix, an attribute written with references (`r="B&#50;"`), and
    /// CR LF inside an inline string: read as any other.
    @Test func sheetCellsThroughReferences() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try WorkbookTests.package("<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c>"
                                      + "<x:c r='B1' t='inlineStr'><x:is><x:t>b&#13;&#10;c</x:t></x:is></x:c></x:row>"
                                      + "<x:row r=\"&#50;\"><x:c r=\"A&#50;\" t=\"inlineStr\"><x:is><x:t>d\r\ne</x:t></x:is></x:c>"
                                      + "<x:c r=\"B2\" t=\"n\"><x:v>&#49;.5</x:v></x:c></x:row>", at: url)
            let table = try TableFile.read(path: url.path, displayName: "h.xlsx")
            #expect(table.header == ["a", "b\r\nc"])
            #expect(table.rows == [["d\ne", "1.5"]])
            #expect(table.number(0, 1) == 1.5)
        }
    }
}
