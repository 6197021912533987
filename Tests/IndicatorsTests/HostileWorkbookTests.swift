import Foundation
@testable import Indicators
import Testing
import ZIPFoundation

/// Workbooks made to take the machine or to be read two ways (issue 21, items 10, 11 and 13). These
/// tests check structure (each distinct merged range stored once, a refusal before inflating, a
/// repeated text stored once), never time; `make hostile` replays the full-size attacks against the
/// release build under a memory limit and prints time and peak memory.
struct HostileWorkbookTests {
    static let header = "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c>"
        + "<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>b</x:t></x:is></x:c><x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>c</x:t></x:is></x:c></x:row>"

    /// The workbook `WorkbookTests.package` writes, with `after` placed after `</x:sheetData>`.
    static func book(_ rows: String, after: String = "", strings: String? = nil, at url: URL) throws {
        try WorkbookTests.package(rows + "</x:sheetData>" + after + "<x:sheetData>", strings: strings, at: url)
    }

    /// The error reading the first sheet of `url` as a table gives (nil: none).
    static func error(_ url: URL) -> String? {
        do {
            _ = try TableFile.read(path: url.path, displayName: "h.xlsx")
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The central-directory entry of `name` in the ZIP bytes: its offset.
    static func directoryEntry(_ bytes: [UInt8], _ name: String) throws -> Int {
        let wanted = Array(name.utf8)
        var p = 0
        while p + 46 <= bytes.count {
            if bytes[p] == 0x50, bytes[p + 1] == 0x4B, bytes[p + 2] == 1, bytes[p + 3] == 2 {
                let length = Int(bytes[p + 28]) | Int(bytes[p + 29]) << 8
                if Array(bytes[(p + 46)..<(p + 46 + length)]) == wanted { return p }
            }
            p += 1
        }
        throw FixtureErrorLocal("no directory entry for \(name)")
    }

    struct FixtureErrorLocal: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    static func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
        for k in 0..<4 { bytes[at + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
    }

    static func get32(_ bytes: [UInt8], _ at: Int) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
    }

    // Item 10: a million copies of one merged range.

    @Test func repeatedMergedRangeIsStoredOnce() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            let merges = "<x:mergeCells>" + String(repeating: "<x:mergeCell ref=\"B2:C2\"/>", count: 200_000) + "</x:mergeCells>"
            try Self.book(Self.header + "<x:row r=\"2\"><x:c r=\"A2\"><x:v>1</x:v></x:c><x:c r=\"B2\"><x:v>2</x:v></x:c></x:row>", after: merges, at: url)
            let cells = try Workbook.open(path: url.path, displayName: "h.xlsx").cells()
            #expect(cells.merged == [CellRange(rows: 2...2, columns: 2...3)])
            let table = try cells.table()
            #expect(table.rows == [["1", "2", "2"]])
        }
    }

    @Test func overlappingMergedRangesAreRefused() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            let merges = "<x:mergeCells><x:mergeCell ref=\"A2:B2\"/><x:mergeCell ref=\"B2:C2\"/></x:mergeCells>"
            try Self.book(Self.header + "<x:row r=\"2\"><x:c r=\"A2\"><x:v>1</x:v></x:c><x:c r=\"B2\"><x:v>2</x:v></x:c></x:row>", after: merges, at: url)
            #expect(Self.error(url) == "h.xlsx[Trang 1]: merged ranges A2:B2 and B2:C2 overlap; not a workbook Chiso can read")
        }
    }

    // Bytes that are not UTF-8 (found by make fuzz on a mutated workbook): libxml2 recovers and hands
    // an element or attribute name holding them to Foundation's XMLParser, which traps on it.

    /// A sheet with an element named `<x:s\u{E1}t/>` (a lone lead byte) is refused, naming the byte;
    /// before the check, reading it killed the process.
    @Test func elementNameNotUTF8IsRefused() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            var at = -1
            try WorkbookTests.package(Self.header + "<x:row r=\"2\"><x:s@t/></x:row>", at: url) { data in
                var bytes = [UInt8](data)
                at = bytes.firstIndex(of: UInt8(ascii: "@")) ?? -1
                if at >= 0 { bytes[at] = 0xE1 }
                return Data(bytes)
            }
            #expect(at > 0)
            #expect(Self.error(url) == "h.xlsx: xl/worksheets/s.xml is not valid UTF-8 (at byte \(at + 1)); save the workbook again from Excel; not a workbook Chiso can read")
        }
    }

    /// UTF-8 is checked across the chunks a part unpacks in: Vietnamese split at any byte passes; an
    /// overlong form, a surrogate, a code point past U+10FFFF, a byte past F4, a lone continuation
    /// byte and a sequence cut short by the end are refused at the byte the bad sequence starts,
    /// however the bytes are split.
    @Test func partGuardChecksUTF8AcrossChunks() throws {
        let archive = ZipArchive(file: "h.xlsx", path: "", members: [:], folded: [:], fileSize: 0)
        /// The byte `bytes` are refused at (nil: accepted), fed in two chunks split at `split`, then the end.
        func refusedAt(_ bytes: [UInt8], split: Int) -> Int64? {
            var check = PartGuard(archive: archive, part: "p.xml")
            do {
                try Array(bytes[..<split]).withUnsafeBufferPointer { try check.check($0) }
                try Array(bytes[split...]).withUnsafeBufferPointer { try check.check($0) }
                try [UInt8]().withUnsafeBufferPointer { try check.check($0, end: true) }
                return nil
            } catch let error as DatasetError {
                guard case .workbook(_, .damaged(.invalidUTF8("p.xml", let byte))) = error else {
                    Issue.record("another error: \(error)")
                    return -1
                }
                return byte
            } catch {
                Issue.record("not a DatasetError: \(error)")
                return -1
            }
        }
        let head = Array("<a>".utf8)
        let cases: [(bytes: [UInt8], at: Int64?)] = [
            (Array("Đắk Lắk 𝄞 ở".utf8), nil),
            ([0xC0, 0xAF], 4), ([0xE0, 0x80, 0x80], 4), ([0xED, 0xA0, 0x80], 4), ([0xF4, 0x90, 0x80, 0x80], 4),
            ([0xF5, 0x80], 4), ([0x80], 4), ([0x61, 0xE1, 0x20], 5), ([0xE1, 0xBA], 4), ([0xE1, 0xBA, 0xAF, 0xC3], 7),
        ]
        for c in cases {
            let bytes = head + c.bytes
            for split in 0...bytes.count {
                #expect(refusedAt(bytes, split: split) == c.at, "\(c.bytes) split at \(split)")
            }
        }
        #expect(DataProblem.Damage.invalidUTF8("p.xml", byte: 4).description
                == "p.xml is not valid UTF-8 (at byte 4); save the workbook again from Excel")
    }

    // Item 11: memory bounded before inflating.

    /// A sheet whose directory declares 4 GiB, with packed bytes that are not deflate data: refused
    /// for its declared size, so nothing was inflated (inflating would have said "not valid deflate").
    @Test func declaredSizePastTheLimitIsRefusedBeforeInflating() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try Self.book(Self.header, at: url)
            var bytes = [UInt8](try Data(contentsOf: url))
            let entry = try Self.directoryEntry(bytes, "xl/worksheets/s.xml")
            Self.put32(&bytes, entry + 24, 0xFFFF_FFF0)
            let local = Self.get32(bytes, entry + 42)
            let dataStart = local + 30 + (Int(bytes[local + 26]) | Int(bytes[local + 27]) << 8) + (Int(bytes[local + 28]) | Int(bytes[local + 29]) << 8)
            for k in dataStart..<(dataStart + Self.get32(bytes, entry + 20)) { bytes[k] = 0xFF }
            try Data(bytes).write(to: url)
            #expect(Self.error(url) == "h.xlsx: xl/worksheets/s.xml unpacks to more than 2 GiB; not a workbook Chiso can read")
        }
    }

    /// A part that unpacks to more than its directory declares is refused at that byte.
    @Test func partUnpackingBeyondItsDeclaredSizeIsRefused() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try Self.book(Self.header, at: url)
            var bytes = [UInt8](try Data(contentsOf: url))
            let entry = try Self.directoryEntry(bytes, "xl/worksheets/s.xml")
            Self.put32(&bytes, entry + 24, 40)
            try Data(bytes).write(to: url)
            #expect(Self.error(url) == "h.xlsx: xl/worksheets/s.xml unpacks to more than the 40 bytes its ZIP directory declares; not a workbook Chiso can read")
        }
    }

    @Test func cellTextLongerThanExcelsLimitIsRefused() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            let long = String(repeating: "9", count: 40_000)
            try Self.book(Self.header + "<x:row r=\"2\"><x:c r=\"B2\"><x:v>\(long)</x:v></x:c></x:row>", at: url)
            #expect(Self.error(url) == "h.xlsx[Trang 1]!B2: a text longer than 32767 characters (Excel's limit for a cell); not a workbook Chiso can read")
            try FileManager.default.removeItem(at: url)
            try Self.book(Self.header + "<x:row r=\"2\"><x:c r=\"C2\" t=\"inlineStr\"><x:is><x:t>\(long)</x:t></x:is></x:c></x:row>", at: url)
            #expect(Self.error(url) == "h.xlsx[Trang 1]!C2: a text longer than 32767 characters (Excel's limit for a cell); not a workbook Chiso can read")
            try FileManager.default.removeItem(at: url)
            try Self.book(Self.header, strings: "<si><t>\(long)</t></si>", at: url)
            #expect(Self.error(url) == "h.xlsx: a text longer than 32767 characters (Excel's limit for a cell); not a workbook Chiso can read")
        }
    }

    /// 5 MiB without a tag (here blanks between two elements, which the sheet's reader does not
    /// keep) is refused as the bytes come, whatever the parser would do with them.
    @Test func runWithoutATagPastFourMiBIsRefused() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try Self.book(Self.header + "<x:row r=\"2\"><x:c r=\"B2\"><x:v>1</x:v></x:c>" + String(repeating: " ", count: 5 << 20) + "</x:row>", at: url)
            #expect(Self.error(url) == "h.xlsx: xl/worksheets/s.xml has a text or tag longer than 4 MiB; not a workbook Chiso can read")
        }
    }

    /// One shared string used in every row of a column: the table stores its text once.
    @Test func sharedStringReusedDownAColumnIsStoredOnce() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            let long = String(repeating: "Huyện Krông Nô ", count: 200)
            let rows = (2...20_001).map { "<x:row r=\"\($0)\"><x:c r=\"A\($0)\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B\($0)\"><x:v>\($0)</x:v></x:c></x:row>" }.joined()
            try Self.book(Self.header + rows, strings: "<si><t>\(long)</t></si>", at: url)
            let table = try TableFile.read(path: url.path, displayName: "h.xlsx")
            #expect(table.rowCount == 20_000)
            #expect(table.field(19_999, 0) == long)
            #expect(table.bytes.count < 2 * long.utf8.count + 20_000 * 8)
        }
    }

    /// Two long shared strings alternating down a column defeat the "stored once" rule: the
    /// table's text is bounded by the parts' declared sizes (64 MiB + 4 × those sizes) and refused.
    @Test func tableTextPastTheDeclaredSizesIsRefused() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            let a = String(repeating: "a", count: 32_000), b = String(repeating: "b", count: 32_000)
            let rows = (2...2_601).map { "<x:row r=\"\($0)\"><x:c r=\"A\($0)\" t=\"s\"><x:v>\($0 % 2)</x:v></x:c></x:row>" }.joined()
            try Self.book(Self.header + rows, strings: "<si><t>\(a)</t></si><si><t>\(b)</t></si>", at: url)
            let budget = Workbook.textBudget(sheetBytes: 0, sharedBytes: 0)
            #expect(budget == 64 << 20)
            let message = try #require(Self.error(url))
            #expect(message.hasPrefix("h.xlsx[Trang 1]: the table's text is more than "), "\(message)")
        }
    }

    // Item 13: the DTD check after decoding; one name, one member.

    /// A UTF-16 sheet declaring an entity: on main the byte scan for `<!` missed it (every other byte
    /// is NUL) and the entity was expanded; now a part not in UTF-8 is refused before the parser.
    @Test func utf16PartIsRefused() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try Self.book(Self.header + "<x:row r=\"2\"><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t>&e;</x:t></x:is></x:c></x:row>", at: url)
            // Rewrite the sheet part in UTF-16 with a DTD.
            let scratch = folder.appendingPathComponent("u.xlsx")
            let source = try Archive(url: url, accessMode: .read)
            let target = try Archive(url: scratch, accessMode: .create)
            for entry in source {
                var data = Data()
                _ = try source.extract(entry) { data.append($0) }
                if entry.path == "xl/worksheets/s.xml" {
                    var text = String(decoding: data, as: UTF8.self)
                    text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x:worksheet [<!ENTITY e \"expanded\">]>" + text
                    data = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
                }
                let bytes = data
                try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { p, n in
                    bytes.subdata(in: Int(p)..<Int(p) + n)
                }
            }
            #expect(Self.error(scratch) == "h.xlsx: xl/worksheets/s.xml is not UTF-8 (UTF-16 or UTF-32 byte-order mark); save the workbook again from Excel; not a workbook Chiso can read")
        }
    }

    @Test func otherDeclaredEncodingIsRefused() throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try WorkbookTests.package(Self.header, extraHead: "<?xml version=\"1.0\" encoding=\"UTF-7\"?>", at: url)
            #expect(Self.error(url) == "h.xlsx: xl/worksheets/s.xml is not UTF-8 (UTF-7); save the workbook again from Excel; not a workbook Chiso can read")
        }
    }

    /// Two members named alike (exactly, or differing only in case): another reader may take the
    /// other one, so the file is refused.
    @Test(arguments: ["xl/worksheets/s.xml", "xl/worksheets/S.xml", "XL/WORKSHEETS/s.xml"])
    func duplicateOrCaseCollidingMembersAreRefused(_ name: String) throws {
        try WorkbookTests.withFolder { folder in
            let url = folder.appendingPathComponent("h.xlsx")
            try Self.book(Self.header, at: url)
            let archive = try Archive(url: url, accessMode: .update)
            let other = Data("<worksheet/>".utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(other.count), compressionMethod: .deflate) { p, n in
                other.subdata(in: Int(p)..<Int(p) + n)
            }
            let message = try #require(Self.error(url))
            #expect(message.hasPrefix("h.xlsx: the package holds ") && message.contains("twice"), "\(message)")
        }
    }
}
