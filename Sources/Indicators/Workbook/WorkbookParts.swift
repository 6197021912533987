import Foundation

/// The small parts of a workbook package: the sheet list (`xl/workbook.xml`), the relationships
/// that name each sheet's part, the shared strings and the cell styles' number formats; and how a
/// part is read as it unpacks (no temporary file).
extension ZipArchive {
    /// Reads `part` with `handler` as it unpacks, through an `XMLScanner`: the inflated bytes go
    /// straight to the scanner (nothing is written to disk, so nothing is left behind by an
    /// interrupt or a crash). Refused, before the scanner sees the bytes (``PartGuard``): a part
    /// not in UTF-8 (a byte-order mark of UTF-16 or UTF-32, a NUL byte, another encoding declared,
    /// or bytes that are not valid UTF-8); a DTD (`<!DOCTYPE`, `<!ENTITY`: never in a workbook, and
    /// the way to an entity bomb); a text or tag longer than ``PartGuard/maximumRun`` bytes.
    func scan<H: XMLHandler>(_ part: String, limit: Int64, ratio: Int64, with handler: inout H) throws(DatasetError) {
        guard let member = member(part) else { throw refuse(.partMissing(part)) }
        try XMLScanner.scan(member, part: part, of: self, limit: limit, ratio: ratio, with: &handler)
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
    /// code points past U+10FFFF), so that every name and text the scanner hands on is valid UTF-8.
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
        guard let base = bytes.baseAddress else {
            if end, continuations > 0 { try invalid(at: sequenceStart) }
            return
        }
        var i = 0
        let n = bytes.count
        while i < n {
            // Eight ASCII bytes at once, when no UTF-8 sequence is open, none of them is NUL or `!`
            // and no `<!` came just before: only the run of bytes without `<` or `>` changes.
            if continuations == 0, !afterBang, n - i >= 8 {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0, Self.zeroBytes(w) == 0, Self.zeroBytes(w ^ 0x2121_2121_2121_2121) == 0 {
                    let lt = Self.zeroBytes(w ^ 0x3C3C_3C3C_3C3C_3C3C)
                    let marks = lt | Self.zeroBytes(w ^ 0x3E3E_3E3E_3E3E_3E3E)
                    if run + (marks == 0 ? 8 : marks.trailingZeroBitCount >> 3) > Self.maximumRun {
                        throw archive.refuse(.runTooLong(part, bytes: Self.maximumRun))
                    }
                    run = marks == 0 ? run + 8 : 7 - ((63 - marks.leadingZeroBitCount) >> 3)
                    afterLT = lt >> 63 != 0
                    offset += 8
                    i += 8
                    continue
                }
            }
            let b = base[i]
            i += 1
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

    /// The bytes of `x` that are 0, each marked by its high bit (exactly: no carry crosses bytes).
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
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

/// `xl/workbook.xml`: the sheets in workbook order (name and relationship id) and the date system.
struct WorkbookListReader: XMLHandler {
    var sheets: [(name: String, id: String)] = []
    var date1904 = false

    mutating func start(_ tag: XMLTag) throws(DatasetError) {
        if tag.name.is("sheet") {
            sheets.append((tag.attribute("name") ?? "", tag.attribute("id") ?? ""))
        } else if tag.name.is("workbookPr"), let v = tag.attribute("date1904") {
            date1904 = v == "1" || v.lowercased() == "true"
        }
    }

    func end(_ name: XMLName) {}
    var wantsText: Bool { false }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// A `.rels` part: relationship id → (target part, type).
struct RelationshipsReader: XMLHandler {
    var targets: [String: (target: String, type: String)] = [:]

    mutating func start(_ tag: XMLTag) throws(DatasetError) {
        guard tag.name.is("Relationship"), let id = tag.attribute("Id"), let target = tag.attribute("Target"),
              tag.attribute("TargetMode") != "External" else { return }
        targets[id] = (target, tag.attribute("Type") ?? "")
    }

    func end(_ name: XMLName) {}
    var wantsText: Bool { false }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

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

/// `xl/sharedStrings.xml`: each `<si>`'s text, its rich-text runs joined, phonetic runs (`<rPh>`)
/// left out, kept in one ``TextPool`` (shared string `k` is text `k`).
struct SharedStringsReader: XMLHandler {
    private(set) var strings = TextPool()
    let maximum: Int, file: String
    private var current: [UInt8] = [], inText = false, phonetic = 0, length = 0

    init(maximum: Int, file: String) {
        self.maximum = maximum
        self.file = file
    }

    mutating func start(_ tag: XMLTag) throws(DatasetError) {
        let name = tag.name
        if name.is("si") {
            current.removeAll(keepingCapacity: true)
            length = 0
        } else if name.is("t") {
            inText = phonetic == 0
        } else if name.is("rPh") {
            phonetic += 1
        }
    }

    mutating func end(_ name: XMLName) throws(DatasetError) {
        if name.is("si") {
            _ = current.withUnsafeBufferPointer { strings.append($0) }
            if strings.count > maximum { throw .workbook(SourcePosition(file: file), problem: .damaged(.tooManySharedStrings(limit: maximum))) }
        } else if name.is("t") {
            inText = false
        } else if name.is("rPh") {
            phonetic -= 1
        }
    }

    var wantsText: Bool { inText }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(DatasetError) {
        guard inText else { return }
        length += SheetReader.utf16Count(bytes)
        guard length <= SheetReader.maxText else {
            throw .workbook(SourcePosition(file: file), problem: .damaged(.cellTextTooLong(limit: SheetReader.maxText)))
        }
        current.append(contentsOf: bytes)
    }
}

/// `xl/styles.xml`: the number format of each cell style (`cellXfs`), custom codes by id.
struct StylesReader: XMLHandler {
    var formats: [Int: String] = [:]
    var styles: [Int] = []
    private var inCellXfs = false

    mutating func start(_ tag: XMLTag) throws(DatasetError) {
        if tag.name.is("numFmt") {
            if let id = tag.attribute("numFmtId").flatMap({ Int($0) }) {
                formats[id] = tag.attribute("formatCode") ?? ""
            }
        } else if tag.name.is("cellXfs") {
            inCellXfs = true
        } else if tag.name.is("xf"), inCellXfs {
            styles.append(tag.attribute("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    mutating func end(_ name: XMLName) {
        if name.is("cellXfs") { inCellXfs = false }
    }

    var wantsText: Bool { false }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// What each style shows its numbers as.
    func kinds() -> [CellFormat] {
        styles.map { CellFormat(id: $0, code: formats[$0]) }
    }
}
