import Foundation

/// The delimited-text parser: UTF-8 bytes (or text) into a ``CSVTable``, in one pass, with the
/// report layout around the table read as ``ReportLayout`` says (titles above the header, a
/// two-row header of sub-columns, footnotes below).
extension CSVTable {
    /// The delimiter of the first line outside quotes: the most frequent of `,` `;` and tab (`,` on
    /// a tie or when none occurs).
    static func detectDelimiter(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Delimiter {
        var counts: [Delimiter: Int] = [.comma: 0, .semicolon: 0, .tab: 0]
        var inQuotes = false, i = start
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if !inQuotes {
                if c == 0x0A || c == 0x0D { break }
                if c == UInt8(ascii: ",") { counts[.comma, default: 0] += 1 }
                else if c == UInt8(ascii: ";") { counts[.semicolon, default: 0] += 1 }
                else if c == 0x09 { counts[.tab, default: 0] += 1 }
            }
            i += 1
        }
        let best = [Delimiter.comma, .semicolon, .tab].max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? .comma
        return (counts[best] ?? 0) > (counts[.comma] ?? 0) ? best : .comma
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    static func isUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
            if c >= 0xC2 && c <= 0xDF {
                guard cont(i + 1) else { return false }
                i += 2
            } else if c >= 0xE0 && c <= 0xEF {
                guard cont(i + 1), cont(i + 2) else { return false }
                let c1 = b[i + 1]
                if c == 0xE0 && c1 < 0xA0 { return false }
                if c == 0xED && c1 >= 0xA0 { return false }
                i += 3
            } else if c >= 0xF0 && c <= 0xF4 {
                guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
                let c1 = b[i + 1]
                if c == 0xF0 && c1 < 0x90 { return false }
                if c == 0xF4 && c1 >= 0x90 { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }

    /// Parses UTF-8 bytes (one pass; quotes are checked as they are read).
    static func parse(bytes: Data, file: String, uniqueHeader: Bool, delimiter: Delimiter = .auto) throws(DatasetError) -> CSVTable {
        guard bytes.count < Int(Int32.max) else { throw .unreadable(path: file, reason: .tooLarge) }
        let valid = bytes.withUnsafeBytes { isUTF8($0.bindMemory(to: UInt8.self)) }
        guard valid else { throw .notUTF8(path: file) }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let used = delimiter == .auto ? bytes.withUnsafeBytes { detectDelimiter($0.bindMemory(to: UInt8.self), from: bom) } : delimiter
        // Title and subtitle lines and blank lines above the header are skipped (``ReportLayout``);
        // the delimiter is then detected from the header itself.
        // A title line has no delimiter to detect: under `auto`, when the first line is not the
        // header, each delimiter is tried and the one whose header comes first is used.
        let top = bytes.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            let first = headerStart(b, from: bom, delimiter: used.byte ?? UInt8(ascii: ","))
            if delimiter != .auto || first?.offset == bom { return first }
            return ([first] + [Delimiter.comma, .semicolon, .tab].filter { $0 != used }.map { headerStart(b, from: bom, delimiter: $0.byte ?? 0) })
                .compactMap { $0 }.min { $0.offset < $1.offset }
        } ?? (offset: bom, line: 1, titles: [(line: Int, text: String)]())
        let delimiterUsed = delimiter == .auto && top.offset != bom
            ? bytes.withUnsafeBytes { detectDelimiter($0.bindMemory(to: UInt8.self), from: top.offset) } : used
        return try parse(bytes: bytes, file: file, uniqueHeader: uniqueHeader, delimiter: delimiterUsed, from: top)
    }

    /// ``parse(bytes:file:uniqueHeader:delimiter:)`` from the header found by ``headerStart(_:from:delimiter:)``.
    static func parse(bytes: Data, file: String, uniqueHeader: Bool, delimiter used: Delimiter,
                      from top: (offset: Int, line: Int, titles: [(line: Int, text: String)])) throws(DatasetError) -> CSVTable {
        var notes: [ReportLayout.Note] = top.titles.map { .titleRow(SourcePosition(file: file, line: $0.line), text: $0.text) }
        var header: [String]?
        var headerLine = 1
        var bounds: [Int32] = []
        var lines: [Int] = []
        var record: [Int32] = []
        // A malformed quote anywhere in the file is reported before a header or row problem.
        var pending: DatasetError?
        var awaitingSubheader = false, headerDuplicate: DatasetError?, plans: [Int: Period] = [:]
        func duplicate(_ names: [String], line: Int) -> DatasetError? {
            guard uniqueHeader else { return nil }
            for (k, name) in names.enumerated() where names[..<k].contains(name) {
                return .duplicateColumn(SourcePosition(file: file, line: line, column: k + 1), name: name)
            }
            return nil
        }
        let result: DatasetError? = bytes.withUnsafeBytes { raw -> DatasetError? in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.count
            var i = top.offset, line = top.line
            // Whether the last record was blank: a footnote (``ReportLayout/isFootnote(_:)``) after
            // a blank record ends the table.
            var afterBlank = false
            let quote = UInt8(ascii: "\""), comma = used.byte ?? UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
            while i < n {
                // One record.
                let start = line
                record.removeAll(keepingCapacity: true)
                var atEnd = false
                while !atEnd {
                    // One field.
                    if i < n && b[i] == quote {
                        var j = i + 1, escaped = false, closed = false
                        while j < n {
                            let c = b[j]
                            if c == quote {
                                if j + 1 < n && b[j + 1] == quote { escaped = true; j += 2; continue }
                                closed = true
                                break
                            }
                            if c == lf { line += 1 } else if c == cr { line += 1; if j + 1 < n && b[j + 1] == lf { j += 1 } }
                            j += 1
                        }
                        guard closed else { return .malformedQuote(SourcePosition(file: file, line: start, column: record.count / 2 + 1)) }
                        record.append(escaped ? Int32(-1 - (i + 1)) : Int32(i + 1))
                        record.append(Int32(j))
                        i = j + 1
                        if i < n && b[i] != comma && b[i] != lf && b[i] != cr {
                            return .malformedQuote(SourcePosition(file: file, line: start, column: record.count / 2))
                        }
                    } else {
                        var j = i
                        while j < n, b[j] != comma, b[j] != lf, b[j] != cr { j += 1 }
                        record.append(Int32(i))
                        record.append(Int32(j))
                        i = j
                    }
                    if i >= n {
                        atEnd = true
                    } else if b[i] == comma {
                        i += 1
                    } else {
                        if b[i] == cr && i + 1 < n && b[i + 1] == lf { i += 1 }
                        i += 1
                        line += 1
                        atEnd = true
                    }
                }
                func blank(_ k: Int) -> Bool {
                    let raw = Int(record[2 * k]), e = Int(record[2 * k + 1])
                    let s = raw < 0 ? -1 - raw : raw
                    return b[s..<e].allSatisfy { $0 == 0x20 || $0 == 0x09 }
                }
                if record.count == 2 && blank(0) {
                    // A blank line (or one of spaces) is skipped.
                    afterBlank = header != nil
                    continue
                }
                if header != nil, blank(0), (1..<(record.count / 2)).allSatisfy(blank) {
                    // A row of empty fields (a blank row saved by Excel) is a row, unless footnotes follow it.
                    afterBlank = true
                } else if afterBlank, header != nil, (0..<(record.count / 2)).filter({ !blank($0) }).count == 1 {
                    // Footnotes below the table, after a blank line or row: they and the rest of the
                    // text are left out, with the empty rows before them.
                    let k = (0..<(record.count / 2)).first { !blank($0) } ?? 0
                    let raw = Int(record[2 * k]), e = Int(record[2 * k + 1])
                    let text = String(decoding: UnsafeBufferPointer(rebasing: b[(raw < 0 ? -1 - raw : raw)..<e]), as: UTF8.self)
                    if ReportLayout.isFootnote(text) {
                        notes.append(.footnotes(SourcePosition(file: file, line: start), text: text.trimmingCharacters(in: .whitespaces)))
                        while let last = lines.last, let names = header, last > 0, (0..<names.count).allSatisfy({ j in
                            let k = bounds.count - 2 * names.count + 2 * j
                            let raw = Int(bounds[k]), e = Int(bounds[k + 1])
                            return b[(raw < 0 ? -1 - raw : raw)..<e].allSatisfy { $0 == 0x20 || $0 == 0x09 }
                        }) {
                            lines.removeLast()
                            bounds.removeLast(2 * names.count)
                        }
                        break
                    }
                    afterBlank = false
                } else {
                    afterBlank = false
                }
                if awaitingSubheader, let names = header {
                    // The row under the header: sub-columns of a two-row header (`Kế hoạch | Thực
                    // hiện` under each year), or the first data row.
                    awaitingSubheader = false
                    let fields = (0..<(record.count / 2)).map { k in
                        let raw = Int(record[2 * k]), e = Int(record[2 * k + 1])
                        return String(decoding: UnsafeBufferPointer(rebasing: b[(raw < 0 ? -1 - raw : raw)..<e]), as: UTF8.self)
                    }
                    if let two = ReportLayout.subheader(header: names, lower: fields) {
                        header = two.header
                        headerLine = start
                        plans = two.plans
                        headerDuplicate = duplicate(two.header, line: start)
                        pending = pending ?? headerDuplicate
                        continue
                    }
                    pending = pending ?? headerDuplicate
                }
                guard let names = header else {
                    var names: [String] = []
                    for k in 0..<(record.count / 2) {
                        let raw = Int(record[2 * k]), e = Int(record[2 * k + 1])
                        let s = raw < 0 ? -1 - raw : raw
                        var text = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
                        if raw < 0 { text = text.replacingOccurrences(of: "\"\"", with: "\"") }
                        names.append(text.trimmingCharacters(in: .whitespaces))
                    }
                    // A name given twice is refused once the row under the header has been seen
                    // (it may be the sub-columns of a two-row header, which name them apart).
                    headerDuplicate = duplicate(names, line: start)
                    awaitingSubheader = true
                    header = names
                    headerLine = start
                    // About one record a line: reserve once rather than grow a large file's arrays.
                    var newlines = 0
                    for k in i..<n where b[k] == lf { newlines += 1 }
                    bounds.reserveCapacity((newlines + 1) * 2 * names.count)
                    lines.reserveCapacity(newlines + 1)
                    continue
                }
                guard record.count / 2 == names.count else {
                    pending = pending ?? .raggedRow(SourcePosition(file: file, line: start), found: record.count / 2, expected: names.count)
                    continue
                }
                guard pending == nil else { continue }
                bounds.append(contentsOf: record)
                lines.append(start)
            }
            if awaitingSubheader { pending = pending ?? headerDuplicate }
            return pending
        }
        if let result { throw result }
        guard let header else { throw .empty(file: file) }
        var table = CSVTable(delimiter: used, file: file, sheet: nil, headerLine: headerLine, columnOffset: 0,
                             header: header, lines: lines, bytes: bytes, bounds: bounds, numbers: [])
        table.layoutNotes = notes
        table.planColumns = plans
        return table
    }
}
