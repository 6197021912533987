import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The small parts of a workbook package: the sheet list (`xl/workbook.xml`), the relationships
/// that name each sheet's part, the shared strings and the cell styles' number formats; and how a
/// part is unpacked to a temporary file and parsed from there in chunks.
extension ZipArchive {
    /// Unpacks `part` to a temporary file (deleted afterwards, also on error) and parses it with
    /// `reader`. A part with a DTD (`<!DOCTYPE`, `<!ENTITY`: never in a workbook, and the way to an
    /// entity bomb) is refused.
    func parse(_ part: String, limit: Int64, ratio: Int64, with reader: XMLPartReader) throws(DatasetError) {
        guard let member = member(part) else { throw refuse(.partMissing(part)) }
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("chiso-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let out = FileHandle(forWritingAtPath: url.path) else {
            throw .unreadable(path: file, reason: .noTemporaryFile(part: part, folder: NSTemporaryDirectory()))
        }
        defer { try? FileManager.default.removeItem(at: url) }
        var afterLT = false, afterBang = false
        do {
            defer { try? out.close() }
            try unpack(member, limit: limit, ratio: ratio) { (bytes) throws(DatasetError) in
                for b in bytes {
                    if afterBang, (b | 0x20) >= UInt8(ascii: "a"), (b | 0x20) <= UInt8(ascii: "z") {
                        throw refuse(.declaresDTD(part))
                    }
                    afterBang = afterLT && b == UInt8(ascii: "!")
                    afterLT = b == UInt8(ascii: "<")
                }
                do { try out.write(contentsOf: Data(bytes)) } catch { throw .unreadable(path: file, reason: .temporaryWrite(error.localizedDescription)) }
            }
        }
        try reader.parse(url, part: part, file: file)
    }
}

/// `xl/workbook.xml`: the sheets in workbook order (name and relationship id) and the date system.
final class WorkbookListReader: XMLPartReader {
    var sheets: [(name: String, id: String)] = []
    var date1904 = false

    override func start(_ name: Substring, _ attributes: [String: String]) {
        if name == "sheet" {
            sheets.append((Self.attribute(attributes, "name") ?? "", Self.attribute(attributes, "id") ?? ""))
        } else if name == "workbookPr", let v = Self.attribute(attributes, "date1904") {
            date1904 = v == "1" || v.lowercased() == "true"
        }
    }
}

/// A `.rels` part: relationship id → (target part, type).
final class RelationshipsReader: XMLPartReader {
    var targets: [String: (target: String, type: String)] = [:]

    override func start(_ name: Substring, _ attributes: [String: String]) {
        guard name == "Relationship", let id = Self.attribute(attributes, "Id"), let target = Self.attribute(attributes, "Target"),
              Self.attribute(attributes, "TargetMode") != "External" else { return }
        targets[id] = (target, Self.attribute(attributes, "Type") ?? "")
    }

    /// A target as a part name: `/xl/x.xml` is absolute, `worksheets/a.xml` is relative to `base`
    /// (the folder of the part the relationships belong to); `.` and `..` are resolved.
    static func resolve(_ target: String, base: String) -> String {
        let joined = target.hasPrefix("/") ? target : base + target
        var parts: [Substring] = []
        for piece in joined.split(separator: "/") {
            if piece == "." { continue }
            if piece == ".." { _ = parts.popLast(); continue }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its rich-text runs joined, phonetic runs (`<rPh>`) left out.
final class SharedStringsReader: XMLPartReader {
    var strings: [String] = []
    let maximum: Int, file: String
    private var current = "", inText = false, phonetic = 0

    init(maximum: Int, file: String) {
        self.maximum = maximum
        self.file = file
    }

    override func start(_ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    override func end(_ name: Substring) {
        switch name {
        case "si":
            strings.append(current)
            if strings.count > maximum { fail(.workbook(SourcePosition(file: file), problem: .damaged(.tooManySharedStrings(limit: maximum)))) }
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }

    override func text(_ string: String) {
        if inText { current += string }
    }
}

/// `xl/styles.xml`: the number format of each cell style (`cellXfs`), custom codes by id.
final class StylesReader: XMLPartReader {
    var formats: [Int: String] = [:]
    var styles: [Int] = []
    private var inCellXfs = false

    override func start(_ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = Self.attribute(attributes, "numFmtId").flatMap({ Int($0) }) {
                formats[id] = Self.attribute(attributes, "formatCode") ?? ""
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            styles.append(Self.attribute(attributes, "numFmtId").flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    override func end(_ name: Substring) {
        if name == "cellXfs" { inCellXfs = false }
    }

    /// What each style shows its numbers as.
    func kinds() -> [CellFormat] {
        styles.map { CellFormat(id: $0, code: formats[$0]) }
    }
}
