import Foundation

/// What an ``XMLScanner`` reports as it reads a part: elements opening and closing (by their local
/// names: the prefix a writer chose, `x:c` or `c`, is dropped) and the text inside them, entities
/// decoded and line ends normalised as an XML parser does. Each call sees bytes in the scanner's
/// buffer, valid only during the call. An error thrown stops the scan (nothing more is inflated).
protocol XMLHandler {
    /// An element opens (an empty element `<a/>` opens and then closes).
    mutating func start(_ tag: XMLTag) throws(DatasetError)
    /// An element closes.
    mutating func end(_ name: XMLName) throws(DatasetError)
    /// Whether the text read now is wanted: only then is it decoded and passed to ``text(_:)``
    /// (it is checked either way).
    var wantsText: Bool { get }
    /// A piece of text (character data or CDATA), decoded; one text may come in several pieces.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(DatasetError)
}

/// An element's or an attribute's name: bytes in the scanner's buffer.
struct XMLName {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Whether the name is `s` (ASCII).
    @inline(__always) func `is`(_ s: StaticString) -> Bool {
        guard s.utf8CodeUnitCount == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return sameBytes(s.utf8Start, base, bytes.count)
    }

    /// The name as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The part after the last `:` (the whole name when there is none).
    var local: XMLName {
        var k = bytes.count
        while k > 0, bytes[k - 1] != UInt8(ascii: ":") { k -= 1 }
        return XMLName(bytes: UnsafeBufferPointer(rebasing: bytes[k...]))
    }
}

/// An attribute's value as written between its quotes (checked: its references are valid).
struct XMLValue {
    let raw: UnsafeBufferPointer<UInt8>
    /// Whether the raw bytes are the value (no reference to decode, no white space to normalise).
    let plain: Bool

    /// Calls `body` with the value's bytes, decoded.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(DatasetError) -> R) throws(DatasetError) -> R {
        if plain { return try body(raw) }
        var out: [UInt8] = []
        XMLScanner.decode(raw, attribute: true, into: &out)
        return try out.withUnsafeBufferPointer { (b) throws(DatasetError) -> R in try body(b) }
    }

    /// The value, decoded.
    var string: String {
        if plain { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        XMLScanner.decode(raw, attribute: true, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// An element's start tag: its name and attributes (bytes in the scanner's buffer).
struct XMLTag {
    /// The local name.
    let name: XMLName
    fileprivate let base: UnsafePointer<UInt8>
    fileprivate let attributes: UnsafeBufferPointer<XMLScanner.Attribute>

    /// The value of the attribute named exactly `name` (`r` is not `x:r`).
    @inline(__always) func value(_ name: StaticString) -> XMLValue? {
        for a in attributes where XMLName(bytes: a.name(base)).is(name) { return a.value(base) }
        return nil
    }

    /// Every attribute, in order: its qualified name and its value, decoded.
    var all: [(name: String, value: String)] {
        attributes.map { (String(decoding: $0.name(base), as: UTF8.self), $0.value(base).string) }
    }

    /// The value of the attribute whose local name is `local`: the one named exactly so, else the
    /// first one with a prefix other than `xmlns` (`id` finds `r:id`).
    func attribute(_ local: String) -> String? {
        var prefixed: XMLValue?
        let wanted = Array(local.utf8)
        for a in attributes {
            let name = a.name(base)
            if name.elementsEqual(wanted) { return a.value(base).string }
            guard prefixed == nil, name.count > wanted.count + 1, name.suffix(wanted.count).elementsEqual(wanted),
                  name[name.count - wanted.count - 1] == UInt8(ascii: ":"),
                  !name.starts(with: "xmlns".utf8) else { continue }
            prefixed = a.value(base)
        }
        return prefixed?.string
    }
}

/// A pull scanner of one part of a workbook as it unpacks: the bytes are inflated into one buffer,
/// checked by ``PartGuard``, and read once, element by element, with no callback per byte and no
/// object per element. It reads what workbooks hold (elements, attributes, text, CDATA, comments,
/// processing instructions) and refuses XML that is not well-formed: tags that do not nest or
/// match, an attribute written twice or without quotes, a `<` in an attribute value, an undefined
/// entity (only `&amp; &lt; &gt; &quot; &apos;` and character references exist without a DTD, and a
/// DTD is refused before), a reference to a character XML does not allow, a control character, `]]>`
/// in text, `--` in a comment, text or a second element outside the root, an XML declaration that
/// is not at the start. A part that ends with elements still open is refused as unclosed. A tag,
/// comment, CDATA section or processing instruction longer than ``PartGuard/maximumRun`` bytes is
/// refused; a text is passed on in pieces, so its length is bounded by the handler (a cell's text
/// by Excel's limit), not by the buffer.
struct XMLScanner {
    /// One attribute of the tag being read: offsets from the tag's `<`.
    struct Attribute {
        var nameStart: Int32, nameEnd: Int32, valueStart: Int32, valueEnd: Int32
        var plain: Bool

        func name(_ base: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: base + Int(nameStart), count: Int(nameEnd - nameStart))
        }

        func value(_ base: UnsafePointer<UInt8>) -> XMLValue {
            XMLValue(raw: UnsafeBufferPointer(start: base + Int(valueStart), count: Int(valueEnd - valueStart)), plain: plain)
        }
    }

    /// How many bytes are inflated into the buffer at a time (it stays in cache); a token that
    /// does not fit makes the scanner read on, up to the buffer's capacity (a token of
    /// ``PartGuard/maximumRun`` bytes fits).
    static let step = 256 << 10
    static let capacity = PartGuard.maximumRun + (256 << 10)
    /// The buffer's first size: a small part (the sheet list, a small sheet) never needs more;
    /// the buffer doubles, up to ``capacity``, when a token does not fit.
    static let firstCapacity = 64 << 10
    /// Bytes past the capacity: 8 for a decoded character, and room to read 16 bytes at once
    /// from the end of a name.
    static let slack = 32

    let archive: ZipArchive, part: String
    /// How many bytes are inflated at a time (``step``; tests read parts a few bytes at a time).
    private let chunk: Int
    private let source: MemberStream
    private var check: PartGuard
    /// The buffer (``size`` bytes, and ``slack`` more), freed by ``release()``.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var size: Int
    /// The next byte to read, the end of the bytes inflated so far, and whether the part has ended.
    private var pos = 0, end = 0, ended = false
    /// Line ends in the bytes already dropped from the buffer (for the line of an error).
    private var droppedLines = 0
    /// Whether nothing has been read yet (an XML declaration may come only there).
    private var atStart = true
    /// The open elements' qualified names, one after the other, and where each starts.
    private var names = RawList<UInt8>(capacity: 4096), nameStarts = RawList<Int>(capacity: maxDepth)
    private var rootSeen = false, rootClosed = false
    private var attributes = RawList<Attribute>(capacity: 64)
    /// How deep elements may nest, and how long a name may be (libxml2's limits without its
    /// `XML_PARSE_HUGE`): a part past them is refused as not well-formed.
    static let maxDepth = 256, maxName = 50_000
    /// `]` bytes at the end of the text read so far (2: a `>` next would close `]]>`).
    private var brackets = 0
    private var scratch: [UInt8] = []

    private init(archive: ZipArchive, part: String, source: MemberStream, size: Int, chunk: Int) {
        self.archive = archive
        self.part = part
        self.chunk = max(1, min(chunk, Self.step))
        self.source = source
        self.check = PartGuard(archive: archive, part: part)
        self.size = size
        buffer = .allocate(capacity: size + Self.slack)
        buffer.initialize(repeating: 0, count: size + Self.slack)
    }

    /// Scans `member` of `archive` (its name `part`) with `handler`, unpacking it as it goes,
    /// `chunk` bytes at a time (at most ``step``).
    static func scan<H: XMLHandler>(_ member: ZipArchive.Member, part: String, of archive: ZipArchive, limit: Int64, ratio: Int64,
                                    chunk: Int = step, with handler: inout H) throws(DatasetError) {
        let source = try archive.stream(member, limit: limit, ratio: ratio)
        let size = member.size < UInt64(firstCapacity) ? Int(member.size) + 1 : firstCapacity
        var scanner = XMLScanner(archive: archive, part: part, source: source, size: size, chunk: chunk)
        defer { scanner.release() }
        try scanner.run(&handler)
    }

    /// Frees the lists.
    private func release() {
        buffer.deallocate()
        names.free()
        nameStarts.free()
        attributes.free()
    }

    // MARK: - Errors

    /// The line (1-based) of byte `at` of the buffer.
    private func line(_ at: Int) -> Int {
        var n = droppedLines + 1, p = 0
        while p < at, let hit = memchr(buffer + p, 0x0A, at - p) {
            n += 1
            p = UnsafeMutablePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buffer + 1
        }
        return n
    }

    private func malformed(_ at: Int) -> DatasetError {
        .workbook(SourcePosition(file: archive.file), problem: .damaged(.notWellFormed(part, line: line(at))))
    }

    // MARK: - Reading

    /// Drops the bytes before `pos` and inflates more after `end`: up to ``step`` bytes, or (`all`)
    /// until the buffer is full. A token that fills the whole buffer is refused.
    private mutating func fill() throws(DatasetError) {
        if pos > 0 {
            droppedLines += line(pos) - droppedLines - 1
            memmove(buffer, buffer + pos, end - pos)
            end -= pos
            pos = 0
        }
        guard !ended else { return }
        if end == size {
            // A token fills the buffer: a bigger one, up to the capacity.
            guard size < Self.capacity else { throw archive.refuse(.runTooLong(part, bytes: PartGuard.maximumRun)) }
            let bigger = min(2 * size, Self.capacity)
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger + Self.slack)
            new.initialize(repeating: 0, count: bigger + Self.slack)
            new.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = new
            size = bigger
        }
        let n = try source.read(buffer + end, min(chunk, size - end))
        try check.check(UnsafeBufferPointer(start: buffer + end, count: n), end: n == 0)
        if n == 0 { ended = true }
        end += n
    }

    private mutating func run<H: XMLHandler>(_ h: inout H) throws(DatasetError) {
        repeat { try fill() } while end < 3 && !ended
        if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { pos = 3 }
        while true {
            let n = end - pos
            if n > 0, let hit = memchr(buffer + pos, 0x3C, n) {
                let lt = UnsafeMutablePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buffer
                if lt > pos { try text(&h, upTo: lt, final: true) }
                try markup(&h)
                atStart = false
                continue
            }
            if n > 0 { try text(&h, upTo: end, final: ended) }
            if ended { break }
            try fill()
        }
        guard rootSeen else { throw malformed(end) }
        guard rootClosed else { throw archive.refuse(.unclosed(part)) }
    }

    // MARK: - Text

    /// Reads the text from `pos` to `limit` (`final`: the text ends there; else a reference or a
    /// CR cut by the buffer's end is left for the next fill).
    private mutating func text<H: XMLHandler>(_ h: inout H, upTo limit: Int, final: Bool) throws(DatasetError) {
        atStart = false
        guard nameStarts.count > 0 else {
            // Outside the root element: white space only.
            for p in pos..<limit where !Self.isSpace(buffer[p]) { throw malformed(p) }
            pos = limit
            return
        }
        let keep = h.wantsText
        // Decoded characters are passed from the bytes kept past the buffer's size.
        let small = buffer + size
        var p = pos, run = pos
        scan: while p < limit {
            let b = buffer[p]
            if b >= 0x20, b != 0x26, b != 0x3E, b != 0xEF { p += 1; continue }
            switch b {
            case 0x09, 0x0A: p += 1
            case 0x0D:
                // CR LF and a lone CR read as LF.
                guard p + 1 < limit || final else { break scan }
                if keep, p > run { try h.text(UnsafeBufferPointer(start: buffer + run, count: p - run)) }
                if p + 1 < limit, buffer[p + 1] == 0x0A {
                    p += 1
                    run = p
                } else {
                    small[0] = 0x0A
                    if keep { try h.text(UnsafeBufferPointer(start: small, count: 1)) }
                    p += 1
                    run = p
                }
            case 0x26:
                let length = Self.reference(buffer + p, limit - p)
                if length == 0, !final { break scan }
                guard length > 0 else { throw malformed(p) }
                if keep {
                    if p > run { try h.text(UnsafeBufferPointer(start: buffer + run, count: p - run)) }
                    let count = Self.utf8(Self.referenceValue(buffer + p, length), into: small)
                    try h.text(UnsafeBufferPointer(start: small, count: count))
                }
                p += length
                run = p
            case 0x3E:
                let closes = p - pos >= 2 ? (buffer[p - 1] == 0x5D && buffer[p - 2] == 0x5D)
                    : p - pos == 1 ? (buffer[p - 1] == 0x5D && brackets >= 1) : brackets >= 2
                if closes { throw malformed(p) }
                p += 1
            case 0xEF:
                // U+FFFE and U+FFFF are not XML characters.
                guard p + 2 < limit || final else { break scan }
                if p + 2 < limit, buffer[p + 1] == 0xBF, buffer[p + 2] >= 0xBE { throw malformed(p) }
                p += 1
            default: throw malformed(p)
            }
        }
        if keep, p > run { try h.text(UnsafeBufferPointer(start: buffer + run, count: p - run)) }
        // Trailing `]`s, for a `>` at the start of the next piece.
        var k = p, closing = 0
        while k > pos, closing < 2, buffer[k - 1] == 0x5D { k -= 1; closing += 1 }
        brackets = k == pos ? min(2, brackets + closing) : closing
        pos = p
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    @inline(__always) static func isNameStart(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return (l >= 0x61 && l <= 0x7A) || b == 0x5F || b == 0x3A || b >= 0x80
    }

    @inline(__always) static func isName(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
    }

    /// Whether `c` is a character XML allows.
    static func isXMLChar(_ c: UInt32) -> Bool {
        c == 0x9 || c == 0xA || c == 0xD || (0x20...0xD7FF).contains(c) || (0xE000...0xFFFD).contains(c) || (0x10000...0x10FFFF).contains(c)
    }

    /// The length of the reference at `p` (`&` … `;`, within `n` bytes): 0 when its `;` is not
    /// there yet, -1 when it is not a valid reference (an undefined entity, a character XML does not
    /// allow, or longer than 40 bytes).
    static func reference(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var k = 1
        let most = min(n, 40)
        while k < most, p[k] != 0x3B {
            let b = p[k]
            guard isName(b) || b == 0x23 else { return -1 }
            k += 1
        }
        guard k < most else { return n >= 40 ? -1 : 0 }
        let length = k + 1
        let body = UnsafeBufferPointer(start: p + 1, count: k - 1)
        if body.first == 0x23 {
            let hex = body.count > 1 && body[1] == UInt8(ascii: "x")
            let digits = body.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty else { return -1 }
            var c: UInt32 = 0
            for d in digits {
                let v: UInt32
                switch d {
                case 0x30...0x39: v = UInt32(d - 0x30)
                case 0x61...0x66 where hex: v = UInt32(d - 0x61 + 10)
                case 0x41...0x46 where hex: v = UInt32(d - 0x41 + 10)
                default: return -1
                }
                c = c * (hex ? 16 : 10) + v
                guard c <= 0x10FFFF else { return -1 }
            }
            return isXMLChar(c) ? length : -1
        }
        return predefined(body) != nil ? length : -1
    }

    /// The character of a predefined entity's name.
    static func predefined(_ name: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch name.count {
        case 2 where name[1] == 0x74 && name[0] == 0x6C: 0x3C  // lt
        case 2 where name[1] == 0x74 && name[0] == 0x67: 0x3E  // gt
        case 3 where name.elementsEqual("amp".utf8): 0x26
        case 4 where name.elementsEqual("quot".utf8): 0x22
        case 4 where name.elementsEqual("apos".utf8): 0x27
        default: nil
        }
    }

    /// The character a valid reference of `length` bytes at `p` stands for.
    static func referenceValue(_ p: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
        let body = UnsafeBufferPointer(start: p + 1, count: length - 2)
        guard body.first == 0x23 else { return UInt32(predefined(body) ?? 0x3F) }
        let hex = body.count > 1 && body[1] == UInt8(ascii: "x")
        var c: UInt32 = 0
        for d in body.dropFirst(hex ? 2 : 1) {
            let v = d <= 0x39 ? UInt32(d - 0x30) : UInt32((d | 0x20) - 0x61 + 10)
            c = c * (hex ? 16 : 10) + v
        }
        return c
    }

    /// Writes `c` as UTF-8 at `out` (room for 4 bytes): the number of bytes.
    static func utf8(_ c: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        switch c {
        case ..<0x80:
            out[0] = UInt8(c)
            return 1
        case ..<0x800:
            out[0] = UInt8(0xC0 | c >> 6); out[1] = UInt8(0x80 | c & 0x3F)
            return 2
        case ..<0x10000:
            out[0] = UInt8(0xE0 | c >> 12); out[1] = UInt8(0x80 | (c >> 6) & 0x3F); out[2] = UInt8(0x80 | c & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | c >> 18); out[1] = UInt8(0x80 | (c >> 12) & 0x3F)
            out[2] = UInt8(0x80 | (c >> 6) & 0x3F); out[3] = UInt8(0x80 | c & 0x3F)
            return 4
        }
    }

    /// Decodes checked text: references, and CR LF or CR as LF; in an attribute value, a tab, CR
    /// or LF written as such reads as a space (references are kept).
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, attribute: Bool, into out: inout [UInt8]) {
        guard let base = raw.baseAddress else { return }
        var p = 0
        while p < raw.count {
            let b = raw[p]
            switch b {
            case 0x26:
                let length = max(1, reference(base + p, raw.count - p))
                var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
                withUnsafeMutableBytes(of: &utf8) { raw in
                    guard let q = raw.bindMemory(to: UInt8.self).baseAddress else { return }
                    let count = Self.utf8(referenceValue(base + p, length), into: q)
                    out.append(contentsOf: UnsafeBufferPointer(start: q, count: count))
                }
                p += length
            case 0x0D:
                out.append(attribute ? 0x20 : 0x0A)
                p += p + 1 < raw.count && raw[p + 1] == 0x0A ? 2 : 1
            case 0x09, 0x0A:
                out.append(attribute ? 0x20 : b)
                p += 1
            default:
                out.append(b)
                p += 1
            }
        }
    }

    // MARK: - Markup

    /// Reads the markup at `pos` (a `<`), reading on when it does not end in the buffer.
    private mutating func markup<H: XMLHandler>(_ h: inout H) throws(DatasetError) {
        brackets = 0
        while true {
            let done: Bool
            switch end - pos > 1 ? buffer[pos + 1] : 0 {
            case 0x2F: done = try endTag(&h)
            case 0x3F: done = try instruction()
            case 0x21: done = try bang(&h)
            case 0: done = false
            default: done = try startTag(&h)
            }
            if done { return }
            guard !ended else { throw malformed(pos) }
            try fill()
        }
    }

    /// Skips white space from `p`: the first other byte's offset (`end` when none).
    @inline(__always) private func skipSpace(_ p: Int) -> Int {
        var p = p
        while p < end, Self.isSpace(buffer[p]) { p += 1 }
        return p
    }

    /// The end of the name at `p` (`p` itself when no name starts there).
    @inline(__always) private func nameEnd(_ p: Int) -> Int {
        guard p < end, Self.isNameStart(buffer[p]) else { return p }
        var p = p + 1
        while p < end, Self.isName(buffer[p]) { p += 1 }
        return p
    }

    /// `<name attr="v" …>` or `<name …/>`: false when it does not end in the buffer.
    private mutating func startTag<H: XMLHandler>(_ h: inout H) throws(DatasetError) -> Bool {
        let nameStart = pos + 1
        let nameStop = nameEnd(nameStart)
        guard nameStop < end else { return false }
        guard nameStop > nameStart else { throw malformed(nameStart) }
        guard !rootClosed else { throw malformed(pos) }
        attributes.removeAll()
        var p = nameStop, empty = false
        while true {
            let q = skipSpace(p)
            guard q < end else { return false }
            let b = buffer[q]
            if b == 0x3E { p = q + 1; break }
            if b == 0x2F {
                guard q + 1 < end else { return false }
                guard buffer[q + 1] == 0x3E else { throw malformed(q) }
                p = q + 2
                empty = true
                break
            }
            guard q > p else { throw malformed(q) }  // no space before the attribute
            let attributeEnd = nameEnd(q)
            guard attributeEnd < end else { return false }
            guard attributeEnd > q else { throw malformed(q) }
            var v = skipSpace(attributeEnd)
            guard v < end else { return false }
            guard buffer[v] == 0x3D else { throw malformed(v) }
            v = skipSpace(v + 1)
            guard v < end else { return false }
            let quote = buffer[v]
            guard quote == 0x22 || quote == 0x27 else { throw malformed(v) }
            let valueStart = v + 1
            var k = valueStart, plain = true
            while k < end {
                let c = buffer[k]
                if c == quote { break }
                if c >= 0x20, c != 0x3C, c != 0x26, c != 0xEF { k += 1; continue }
                switch c {
                case 0x3C: throw malformed(k)
                case 0x26:
                    let length = Self.reference(buffer + k, end - k)
                    if length == 0 { return false }
                    guard length > 0 else { throw malformed(k) }
                    plain = false
                    k += length
                case 0x09, 0x0A, 0x0D:
                    plain = false
                    k += 1
                case 0xEF:
                    guard k + 2 < end else { return false }
                    if buffer[k + 1] == 0xBF, buffer[k + 2] >= 0xBE { throw malformed(k) }
                    k += 1
                default: throw malformed(k)
                }
            }
            guard k < end else { return false }
            attributes.append(Attribute(nameStart: Int32(q - pos), nameEnd: Int32(attributeEnd - pos),
                                        valueStart: Int32(valueStart - pos), valueEnd: Int32(k - pos), plain: plain))
            p = k + 1
        }
        try checkUnique()
        let qualified = UnsafeBufferPointer(start: buffer + nameStart, count: nameStop - nameStart)
        let name = XMLName(bytes: qualified)
        rootSeen = true
        try h.start(XMLTag(name: name.local, base: buffer + pos, attributes: attributes.buffer))
        if empty {
            try h.end(name.local)
            if nameStarts.count == 0 { rootClosed = true }
        } else {
            guard nameStarts.count < Self.maxDepth, qualified.count <= Self.maxName else { throw malformed(pos) }
            nameStarts.append(names.count)
            names.appendShort(contentsOf: qualified)
        }
        pos = p
        return true
    }

    /// Refuses a tag naming an attribute twice.
    private func checkUnique() throws(DatasetError) {
        let n = attributes.count
        guard n > 1 else { return }
        let base = UnsafePointer(buffer + pos)
        if n <= 16 {
            for i in 1..<n {
                let a = attributes[i].name(base)
                for j in 0..<i {
                    let b = attributes[j].name(base)
                    if a.count == b.count, let x = a.baseAddress, let y = b.baseAddress, sameBytes(x, y, a.count) { throw malformed(pos) }
                }
            }
        } else {
            var seen = Set<[UInt8]>()
            for a in attributes.buffer where !seen.insert(Array(a.name(base))).inserted { throw malformed(pos) }
        }
    }

    /// `</name>`, closing the element open last.
    private mutating func endTag<H: XMLHandler>(_ h: inout H) throws(DatasetError) -> Bool {
        let nameStart = pos + 2
        let nameStop = nameEnd(nameStart)
        guard nameStop < end else { return false }
        let q = skipSpace(nameStop)
        guard q < end else { return false }
        guard buffer[q] == 0x3E, nameStop > nameStart, nameStarts.count > 0 else { throw malformed(pos) }
        let open = nameStarts[nameStarts.count - 1]
        let qualified = UnsafeBufferPointer(start: buffer + nameStart, count: nameStop - nameStart)
        guard names.count - open == qualified.count, sameBytes(names.base + open, buffer + nameStart, qualified.count) else {
            throw malformed(pos)
        }
        nameStarts.truncate(nameStarts.count - 1)
        names.truncate(open)
        try h.end(XMLName(bytes: qualified).local)
        if nameStarts.count == 0 { rootClosed = true }
        pos = q + 1
        return true
    }

    /// The offset just past the first `terminator` from `p` (nil: not in the buffer yet).
    private func find(_ terminator: StaticString, from p: Int) -> Int? {
        let t = terminator.utf8Start, n = terminator.utf8CodeUnitCount
        var p = p
        while end - p >= n, let hit = memchr(buffer + p, Int32(t[0]), end - p - n + 1) {
            let k = UnsafeMutablePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buffer
            if memcmp(buffer + k, t, n) == 0 { return k + n }
            p = k + 1
        }
        return nil
    }

    /// Refuses control characters and U+FFFE/U+FFFF between `from` and `to`.
    private func checkCharacters(_ from: Int, _ to: Int) throws(DatasetError) {
        for p in from..<to {
            let b = buffer[p]
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { throw malformed(p) }
            if b == 0xEF, p + 2 < to, buffer[p + 1] == 0xBF, buffer[p + 2] >= 0xBE { throw malformed(p) }
        }
    }

    /// `<?target …?>`; `<?xml …?>` only at the start.
    private mutating func instruction() throws(DatasetError) -> Bool {
        let nameStart = pos + 2
        let nameStop = nameEnd(nameStart)
        guard nameStop < end else { return false }
        guard nameStop > nameStart else { throw malformed(pos) }
        let target = UnsafeBufferPointer(start: buffer + nameStart, count: nameStop - nameStart)
        if target.count == 3, (target[0] | 0x20) == 0x78, (target[1] | 0x20) == 0x6D, (target[2] | 0x20) == 0x6C {
            guard atStart, target.elementsEqual("xml".utf8) else { throw malformed(pos) }
        }
        guard let close = find("?>", from: nameStop) else { return false }
        guard close - 2 == nameStop || Self.isSpace(buffer[nameStop]) else { throw malformed(nameStop) }
        try checkCharacters(nameStop, close - 2)
        pos = close
        return true
    }

    /// `<!-- … -->` or `<![CDATA[ … ]]>`.
    private mutating func bang<H: XMLHandler>(_ h: inout H) throws(DatasetError) -> Bool {
        guard end - pos >= 9 || (end - pos >= 4 && buffer[pos + 2] == 0x2D) else { return false }
        if buffer[pos + 2] == 0x2D {
            guard buffer[pos + 3] == 0x2D else { throw malformed(pos) }
            guard let dashes = find("--", from: pos + 4) else { return false }
            guard dashes < end else { return false }
            guard buffer[dashes] == 0x3E else { throw malformed(dashes - 2) }
            try checkCharacters(pos + 4, dashes - 2)
            pos = dashes + 1
            return true
        }
        let cdata: StaticString = "<![CDATA["
        guard memcmp(buffer + pos, cdata.utf8Start, 9) == 0, nameStarts.count > 0 else { throw malformed(pos) }
        guard let close = find("]]>", from: pos + 9) else { return false }
        let start = pos + 9, stop = close - 3
        try checkCharacters(start, stop)
        if h.wantsText {
            scratch.removeAll(keepingCapacity: true)
            Self.decodeLineEnds(UnsafeBufferPointer(start: buffer + start, count: stop - start), into: &scratch)
            try scratch.withUnsafeBufferPointer { (b) throws(DatasetError) in try h.text(b) }
        }
        pos = close
        return true
    }

    /// CR LF and CR as LF (CDATA: no references).
    static func decodeLineEnds(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var p = 0
        while p < raw.count {
            if raw[p] == 0x0D {
                out.append(0x0A)
                p += p + 1 < raw.count && raw[p + 1] == 0x0A ? 2 : 1
            } else {
                out.append(raw[p])
                p += 1
            }
        }
    }
}

/// A list of plain values in memory its owner frees (``free()``): no copy on write, no
/// reference count, for the scanner's stacks.
struct RawList<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    /// The number of elements.
    private(set) var count = 0

    init(capacity: Int) {
        base = .allocate(capacity: Swift.max(capacity, 1))
        self.capacity = Swift.max(capacity, 1)
    }

    func free() { base.deallocate() }

    /// The elements.
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    subscript(_ i: Int) -> Element { base[i] }

    mutating func reserve(_ n: Int) {
        guard n > capacity else { return }
        let bigger = Swift.max(n, 2 * capacity)
        let new = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = bigger
    }

    @inline(__always) mutating func append(_ e: Element) {
        if count == capacity { reserve(count + 1) }
        (base + count).initialize(to: e)
        count += 1
    }

    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        reserve(count + elements.count)
        if let from = elements.baseAddress { (base + count).update(from: from, count: elements.count) }
        count += elements.count
    }

    mutating func removeAll() { count = 0 }

    /// Keeps the first `n` elements (`n` at most ``count``).
    mutating func truncate(_ n: Int) { count = Swift.min(Swift.max(n, 0), count) }
}

extension RawList where Element == UInt8 {
    /// Appends `bytes`, copying a name of at most 16 bytes as two words (the bytes after it, up
    /// to 16, must be readable: the scanner's buffer has that slack).
    @inline(__always) mutating func appendShort(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16, let from = bytes.baseAddress else { return append(contentsOf: bytes) }
        if capacity - count < 16 { reserve(count + 16) }
        let raw = UnsafeRawPointer(from), to = UnsafeMutableRawPointer(base + count)
        to.storeBytes(of: raw.loadUnaligned(as: UInt64.self), as: UInt64.self)
        to.storeBytes(of: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        count += bytes.count
    }
}

/// Whether `n` bytes at `a` and at `b` are the same: compared one by one when few (the names
/// and attribute values of a sheet are a few bytes long), else by `memcmp`.
@inline(__always) func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard n <= 16 else { return memcmp(a, b, n) == 0 }
    var i = 0
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

/// Whether two byte buffers hold the same bytes.
@inline(__always) func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let x = a.baseAddress, let y = b.baseAddress else { return true }
    return sameBytes(x, y, a.count)
}
