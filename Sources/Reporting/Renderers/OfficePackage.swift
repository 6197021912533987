import Foundation
import ZIPFoundation

/// An Office Open XML package (a workbook, a Word document) built in memory with ZIPFoundation:
/// parts added one at a time (a large sheet is zipped before the next is made), the content types and
/// the package relationships every such file has, and text made safe for XML.
struct OfficePackage {
    /// The XML declaration each part starts with.
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// The relationship type of the main part (`xl/workbook.xml`, `word/document.xml`).
    static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

    private let archive: Archive

    /// An empty package.
    ///
    /// - Throws: ZIPFoundation's errors when the archive cannot be made.
    init() throws { archive = try Archive(accessMode: .create) }

    /// Adds a part (deflated) at `path`, e.g. `word/document.xml`. The text's UTF-8 is deflated where
    /// it is, a chunk at a time (a national workbook's projections sheet is over 100 MB: a copy of it
    /// as `Data` doubled what the sheet took while it was zipped).
    func add(_ path: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                Data(UnsafeBufferPointer(rebasing: bytes[Int(position)..<(Int(position) + size)]))
            }
        }
    }

    /// Adds `[Content_Types].xml`: `.rels` and `.xml` by default, and each `(part, type)` override
    /// (`/word/document.xml` → `application/vnd....document.main+xml`).
    func addContentTypes(_ overrides: [(part: String, type: String)]) throws {
        try add("[Content_Types].xml", Self.declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + overrides.map { "<Override PartName=\"\($0.part)\" ContentType=\"\($0.type)\"/>" }.joined() + "</Types>")
    }

    /// Adds a relationships part at `path` (`_rels/.rels`, `word/_rels/document.xml.rels`): the
    /// relationships `rId1`, `rId2`, … in order, each a `(type, target)`.
    func addRelationships(_ path: String, _ relationships: [(type: String, target: String)]) throws {
        try add(path, Self.declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + relationships.enumerated().map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\($1.type)\" Target=\"\($1.target)\"/>" }.joined()
            + "</Relationships>")
    }

    /// The zipped bytes.
    ///
    /// - Throws: `CocoaError(.fileWriteUnknown)` if ZIPFoundation kept no data.
    func data() throws -> Data {
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// XML text: escaped (`& < > " '`), with the characters XML 1.0 forbids removed (control
    /// characters other than tab, line feed and carriage return; U+FFFE, U+FFFF).
    static func xml(_ s: String) -> String {
        // Most text has nothing to escape or remove (U+FFFE and U+FFFF are EF BF BE/BF in UTF-8).
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0xBF }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                if v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
