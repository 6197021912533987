import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The small parts of a workbook package: the sheet list (`xl/workbook.xml`), the relationships
/// that name each sheet's part, the shared strings and the cell styles' number formats; and how a
/// part is parsed as it unpacks (no temporary file).
extension ZipArchive {
    /// Parses `part` with `reader` as it unpacks: the inflated bytes go straight to the XML parser
    /// through a ``PartStream`` (nothing is written to disk, so nothing is left behind by an
    /// interrupt or a crash). Refused, before the parser sees the bytes: a part not in UTF-8 (a
    /// byte-order mark of UTF-16 or UTF-32, a NUL byte, another encoding declared, or bytes that
    /// are not valid UTF-8), so that the next check reads the text as the parser will; a DTD (`<!DOCTYPE`, `<!ENTITY`: never in a workbook,
    /// and the way to an entity bomb); a text or tag longer than ``PartGuard/maximumRun`` bytes.
    func parse(_ part: String, limit: Int64, ratio: Int64, with reader: XMLPartReader) throws(DatasetError) {
        guard let member = member(part) else { throw refuse(.partMissing(part)) }
        let source = try stream(member, limit: limit, ratio: ratio)
        let input = PartStream(source: source, guard: PartGuard(archive: self, part: part), reader: reader)
        try reader.parse(input, part: part, file: file)
    }
}

/// The checks on a part's bytes before the XML parser sees them (see ``ZipArchive/parse(_:limit:ratio:with:)``).
struct PartGuard {
    /// The longest run of bytes without `<` or `>` (a text or a tag): 4 MiB. Excel's longest cell is
    /// 32,767 characters, at most about 0.6 MiB even with every character escaped.
    static let maximumRun = 4 << 20
    let archive: ZipArchive, part: String
    private var head: [UInt8] = [], headChecked = false
    private var afterLT = false, afterBang = false, run = 0
    /// The UTF-8 sequence being read: how many continuation bytes are still to come, and the range
    /// the next one must lie in (narrower after E0, ED, F0 and F4: no overlong forms, surrogates or
    /// code points past U+10FFFF). libxml2 recovers from bytes that are not UTF-8 and hands such
    /// names on; Foundation's `XMLParser` then traps on them (an element named `<s\u{E1}t>`).
    private var continuations = 0, low: UInt8 = 0x80, high: UInt8 = 0xBF
    /// How many bytes have been checked, and where the open UTF-8 sequence began (1-based).
    private var offset: Int64 = 0, sequenceStart: Int64 = 0

    init(archive: ZipArchive, part: String) {
        self.archive = archive
        self.part = part
    }

    /// Checks the next bytes (`end`: there are no more).
    mutating func check(_ bytes: UnsafeBufferPointer<UInt8>, end: Bool = false) throws(DatasetError) {
        if !headChecked {
            head.append(contentsOf: bytes.prefix(256 - head.count))
            if head.count >= 256 || end { try checkHead() }
        }
        for b in bytes {
            offset += 1
            if b == 0 { throw archive.refuse(.notUTF8(part, encoding: "NUL bytes: UTF-16 or UTF-32")) }
            if b >= 0x80 || continuations > 0, !utf8(b) { try invalid(at: continuations > 0 ? sequenceStart : offset) }
            if afterBang, (b | 0x20) >= UInt8(ascii: "a"), (b | 0x20) <= UInt8(ascii: "z") {
                throw archive.refuse(.declaresDTD(part))
            }
            afterBang = afterLT && b == UInt8(ascii: "!")
            afterLT = b == UInt8(ascii: "<")
            if b == UInt8(ascii: "<") || b == UInt8(ascii: ">") {
                run = 0
            } else {
                run += 1
                if run > Self.maximumRun { throw archive.refuse(.runTooLong(part, bytes: Self.maximumRun)) }
            }
        }
        if end, continuations > 0 { try invalid(at: sequenceStart) }
    }

    /// Whether `b` may come next in UTF-8 (it then opens, continues or closes a sequence).
    private mutating func utf8(_ b: UInt8) -> Bool {
        if continuations > 0 {
            guard b >= low, b <= high else { return false }
            continuations -= 1
            low = 0x80
            high = 0xBF
            return true
        }
        sequenceStart = offset
        switch b {
        case 0xC2...0xDF: continuations = 1
        case 0xE0: continuations = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: continuations = 2
        case 0xED: continuations = 2; high = 0x9F
        case 0xF0: continuations = 3; low = 0x90
        case 0xF1...0xF3: continuations = 3
        case 0xF4: continuations = 3; high = 0x8F
        default: return false
        }
        return true
    }

    /// Refuses the part for bytes that are not UTF-8 from `byte` (1-based: the lead byte of a
    /// sequence that breaks off, or a byte that cannot start one); a byte-order mark or an
    /// encoding declared in the head, when the head has not been checked yet, is named instead.
    private mutating func invalid(at byte: Int64) throws(DatasetError) {
        if !headChecked { try checkHead() }
        throw archive.refuse(.invalidUTF8(part, byte: byte))
    }

    /// The byte-order mark and the XML declaration's encoding.
    private mutating func checkHead() throws(DatasetError) {
        headChecked = true
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) {
            throw archive.refuse(.notUTF8(part, encoding: "UTF-16 or UTF-32 byte-order mark"))
        }
        if head.starts(with: [0x4C, 0x6F, 0xA7, 0x94]) { throw archive.refuse(.notUTF8(part, encoding: "EBCDIC")) }
        var text = String(decoding: head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...], as: UTF8.self)
        text = String(text.drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard text.hasPrefix("<?xml"), let close = text.range(of: "?>") else { return }
        let declaration = text[..<close.lowerBound]
        guard let at = declaration.range(of: "encoding") else { return }
        let rest = declaration[at.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let name = rest.dropFirst().prefix { $0 != quote }
        guard ["utf-8", "utf8"].contains(name.lowercased()) else {
            throw archive.refuse(.notUTF8(part, encoding: String(name.prefix(40))))
        }
    }
}

/// A part's bytes as an `InputStream` for `XMLParser(stream:)`: unpacked chunk by chunk as the
/// parser pulls them, each chunk checked by ``PartGuard`` first. After an error (the member's, the
/// guard's, or the reader's own) it reads as ended, so that no more is inflated.
final class PartStream: InputStream {
    let source: MemberStream
    var check: PartGuard
    weak var reader: XMLPartReader?
    /// The first error of the member or the guard.
    var failure: DatasetError?

    init(source: MemberStream, guard check: PartGuard, reader: XMLPartReader) {
        self.source = source
        self.check = check
        self.reader = reader
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { failure == nil && !source.ended }
    override var streamStatus: Stream.Status { failure != nil ? .error : hasBytesAvailable ? .open : .atEnd }
    override var streamError: (any Error)? { failure.map { NSError(domain: "Chiso.PartStream", code: 1, userInfo: [NSLocalizedDescriptionKey: "\($0)"]) } }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        guard failure == nil, reader?.failure == nil else { return 0 }
        do throws(DatasetError) {
            let n = try source.read(buffer, len)
            try check.check(UnsafeBufferPointer(start: buffer, count: n), end: n == 0)
            return n
        } catch {
            failure = error
            return -1
        }
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
    private var current = "", inText = false, phonetic = 0, length = 0

    init(maximum: Int, file: String) {
        self.maximum = maximum
        self.file = file
    }

    override func start(_ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "si": current = ""; length = 0
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
        guard inText else { return }
        length += string.utf16.count
        guard length <= SheetReader.maxText else {
            return fail(.workbook(SourcePosition(file: file), problem: .damaged(.cellTextTooLong(limit: SheetReader.maxText))))
        }
        current += string
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
