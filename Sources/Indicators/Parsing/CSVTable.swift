import Foundation

/// A CSV file or a workbook sheet read into memory: a header and rows of text fields, each row with
/// the line (sheet row) it starts on, so that every later error can name `file:line:column` (or
/// `file[Sheet]!C7`: ``position(_:_:)``).
///
/// A sheet's cells also keep the number they hold (``number(_:_:)``): a workbook's numbers are
/// typed, so they are never read through a text convention.
///
/// RFC 4180: quoted fields, doubled quotes, embedded delimiters and newlines, LF, CRLF or CR line
/// ends. The delimiter is `,`, `;` (Excel's "CSV" on a Vietnamese-locale machine) or tab, detected
/// from the header line unless given; the text is UTF-8 with or without a byte-order mark, or UTF-16
/// (little- or big-endian) with one (Excel's "Unicode text"). Blank lines are skipped; every row
/// must have as many fields as the header. The text is kept once, as UTF-8 bytes, with the byte range of every field (a
/// national file of a million rows takes about the file's size plus 8 bytes a field); fields are
/// made into strings when asked for.
public struct CSVTable: Sendable {
    /// The field separator.
    public enum Delimiter: String, Sendable, CaseIterable {
        /// Detected from the header line: whichever of `,` `;` and tab occurs most outside quotes
        /// (`,` when none does).
        case auto
        /// `,`
        case comma
        /// `;`
        case semicolon
        /// A tab.
        case tab

        var byte: UInt8? {
            switch self {
            case .auto: nil
            case .comma: UInt8(ascii: ",")
            case .semicolon: UInt8(ascii: ";")
            case .tab: 0x09
            }
        }
    }

    /// The text encoding.
    public enum Encoding: String, Sendable, CaseIterable {
        /// UTF-32 or UTF-16 when the text starts with its byte-order mark, else UTF-8.
        case auto
        /// UTF-8 (a byte-order mark is skipped).
        case utf8
        /// UTF-16: little-endian unless a byte-order mark says big-endian.
        case utf16
    }

    /// The delimiter the table was read with.
    public let delimiter: Delimiter

    /// The file name used in messages.
    public let file: String
    /// The workbook sheet the table was read from (nil for text).
    public let sheet: String?
    /// The 1-based line (sheet row) of the header.
    public let headerLine: Int
    /// How many sheet columns lie left of the table's first column (0 for text).
    public let columnOffset: Int
    /// Column names, trimmed of surrounding spaces.
    public let header: [String]
    /// The 1-based line on which each row starts (a sheet's row number).
    public let lines: [Int]
    /// Per field, row after row, the number a workbook cell holds (NaN for text); empty for CSV.
    let numbers: [Double]
    /// Per field, row after row, the 1-based sheet column it came from, for a table rearranged from
    /// a sheet (a wide sheet read as long rows); empty when field `j` is column `j + 1 + columnOffset`.
    var placements: [Int32] = []
    /// What of a report's layout was read around the table and left out (titles above the header,
    /// footnotes below it, plan sub-columns: ``ReportLayout``), with their cells.
    public internal(set) var layoutNotes: [ReportLayout.Note] = []
    /// Plan sub-columns of a two-row header (`Kế hoạch` under `Năm 2024`): column index → the
    /// period it plans (`ReportLayout.combine(upper:lower:)`). Not periods of observations.
    public internal(set) var planColumns: [Int: Period] = [:]
    /// The header as the input wrote it, for a table whose columns were renamed (a targets sheet
    /// arranged into the dataset's columns); empty when ``header`` is as written.
    public internal(set) var writtenHeader: [String] = []
    /// The text, UTF-8 (a file is mapped, not copied).
    let bytes: Data
    /// Per field, row after row: start and end (exclusive) in `bytes`; a start of `-1 - s` marks a
    /// quoted field with doubled quotes to undo.
    let bounds: [Int32]

    /// The number of data rows.
    public var rowCount: Int { lines.count }

    /// The data rows (each has `header.count` fields), made into strings on every call: prefer
    /// ``field(_:_:)`` for large files.
    public var rows: [[String]] {
        (0..<rowCount).map { r in (0..<header.count).map { field(r, $0) } }
    }

    /// Where field `column` of data row `row` is (`row` nil: the header; `column` nil: the whole row).
    public func position(_ row: Int?, _ column: Int?) -> SourcePosition {
        if let row, let column, !placements.isEmpty {
            return SourcePosition(file: file, line: lines[row], column: Int(placements[row * header.count + column]), sheet: sheet)
        }
        return SourcePosition(file: file, line: row.map { lines[$0] } ?? headerLine, column: column.map { $0 + 1 + columnOffset }, sheet: sheet)
    }

    /// The table with the fields of each row changed by `change(row, &fields)` (same header,
    /// lines, typed numbers and cell positions; a field given a new text keeps its cell), and
    /// `extra` rows appended (placed in the table's own columns).
    ///
    /// - Throws: ``DatasetError`` when a changed or extra row has the wrong number of fields.
    public func rewritten(_ change: (Int, inout [String]) -> Void,
                          appending extra: [(line: Int, fields: [String])] = []) throws(DatasetError) -> CSVTable {
        var rows: [(line: Int, fields: [String], numbers: [Double?]?)] = [], places: [[Int]] = []
        for r in 0..<rowCount {
            var fields = (0..<header.count).map { field(r, $0) }
            change(r, &fields)
            rows.append((lines[r], fields, (0..<header.count).map { number(r, $0) }))
            places.append((0..<header.count).map { position(r, $0).column ?? $0 + 1 })
        }
        for row in extra {
            rows.append((row.line, row.fields, nil))
            places.append((0..<header.count).map { $0 + 1 + columnOffset })
        }
        var table = try CSVTable(file: file, sheet: sheet, headerLine: headerLine, columnOffset: columnOffset, header: header, rows: rows)
            .placing(columns: places)
        table.layoutNotes = layoutNotes
        table.planColumns = planColumns
        table.writtenHeader = writtenHeader
        return table
    }

    /// The table with each field placed at the given 1-based sheet column (`columns[r][j]` for
    /// field `j` of row `r`): for rows rearranged from a sheet, so that messages still name the
    /// cell a value came from. Rows or columns of the wrong length leave the table as it is.
    public func placing(columns: [[Int]]) -> CSVTable {
        guard columns.count == rowCount, columns.allSatisfy({ $0.count == header.count }) else { return self }
        var table = self
        table.placements = columns.flatMap { $0.map { Int32(clamping: $0) } }
        return table
    }

    /// The number a workbook cell holds (a percent-formatted cell as shown: 0.455 → 45.5), or nil
    /// for text and for every CSV field.
    public func number(_ row: Int, _ column: Int) -> Double? {
        guard !numbers.isEmpty else { return nil }
        let v = numbers[row * header.count + column]
        return v.isNaN ? nil : v
    }

    /// A table made from cells (a workbook sheet): `rows` each have `header.count` fields, and
    /// `numbers` (when given) the number each field holds, nil for text.
    ///
    /// - Throws: ``DatasetError`` for a duplicate header name (with `uniqueHeader`) or a row of
    ///   the wrong length, or more text than 2 GiB.
    public init(file: String, sheet: String?, headerLine: Int, columnOffset: Int = 0, header: [String],
                rows: [(line: Int, fields: [String], numbers: [Double?]?)], uniqueHeader: Bool = true) throws(DatasetError) {
        let names = try Self.names(header, file: file, sheet: sheet, headerLine: headerLine, columnOffset: columnOffset, unique: uniqueHeader)
        func at(_ line: Int, _ j: Int?) -> SourcePosition {
            SourcePosition(file: file, line: line, column: j.map { $0 + 1 + columnOffset }, sheet: sheet)
        }
        var bytes = Data(), bounds: [Int32] = [], lines: [Int] = [], numbers: [Double] = []
        let typed = rows.contains { $0.numbers != nil }
        // A long text repeated down a column (a shared string, a merged cell) is stored once.
        var last = [(text: String, start: Int32, end: Int32)?](repeating: nil, count: names.count)
        bounds.reserveCapacity(rows.count * names.count * 2)
        for row in rows {
            guard row.fields.count == names.count, (row.numbers?.count ?? names.count) == names.count else {
                throw .raggedRow(at(row.line, nil), found: row.fields.count, expected: names.count)
            }
            for (j, text) in row.fields.enumerated() {
                if let seen = last[j], text == seen.text {
                    bounds.append(seen.start)
                    bounds.append(seen.end)
                    if typed { numbers.append(row.numbers?[j] ?? .nan) }
                    continue
                }
                let start = Int32(truncatingIfNeeded: bytes.count)
                bounds.append(start)
                bytes.append(contentsOf: text.utf8)
                guard bytes.count < Int(Int32.max) else { throw .unreadable(path: file, reason: .tooLarge) }
                bounds.append(Int32(bytes.count))
                if text.utf8.count >= Self.sharedTextLength { last[j] = (text, start, Int32(bytes.count)) }
                if typed { numbers.append(row.numbers?[j] ?? .nan) }
            }
            lines.append(row.line)
        }
        self.init(delimiter: .auto, file: file, sheet: sheet, headerLine: headerLine, columnOffset: columnOffset,
                  header: names, lines: lines, bytes: bytes, bounds: bounds, numbers: numbers)
    }

    /// A header's names trimmed of surrounding spaces; with `unique`, a name given twice is refused.
    static func names(_ header: [String], file: String, sheet: String?, headerLine: Int, columnOffset: Int,
                      unique: Bool) throws(DatasetError) -> [String] {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        if unique {
            var seen = Set<String>()
            for (k, name) in names.enumerated() where !seen.insert(name).inserted {
                throw .duplicateColumn(SourcePosition(file: file, line: headerLine, column: k + 1 + columnOffset, sheet: sheet), name: name)
            }
        }
        return names
    }

    /// A table made from a sheet's fields as ``TableWriter`` keeps them: `bounds` (two per field)
    /// into `bytes`, and `numbers` (one per field, NaN for text; empty when no field is a number).
    /// The header is checked as ``init(file:sheet:headerLine:columnOffset:header:rows:uniqueHeader:)`` checks it.
    init(file: String, sheet: String, headerLine: Int, columnOffset: Int, header: [String], lines: [Int], bytes: Data,
         bounds: [Int32], numbers: [Double], uniqueHeader: Bool) throws(DatasetError) {
        let names = try Self.names(header, file: file, sheet: sheet, headerLine: headerLine, columnOffset: columnOffset, unique: uniqueHeader)
        self.init(delimiter: .auto, file: file, sheet: sheet, headerLine: headerLine, columnOffset: columnOffset,
                  header: names, lines: lines, bytes: bytes, bounds: bounds, numbers: numbers)
    }

    /// The shortest text stored once when it repeats down a column of a table made from cells.
    static let sharedTextLength = 32

    /// The text of field `column` of data row `row`, as written (not trimmed).
    public func field(_ row: Int, _ column: Int) -> String {
        let k = 2 * (row * header.count + column)
        let rawStart = Int(bounds[k]), end = Int(bounds[k + 1])
        let escaped = rawStart < 0
        let start = escaped ? -1 - rawStart : rawStart
        return bytes.withUnsafeBytes { raw in
            let slice = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[start..<end])
            guard escaped else { return String(decoding: slice, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var i = 0
            while i < slice.count {
                out.append(slice[i])
                i += slice[i] == UInt8(ascii: "\"") ? 2 : 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Calls `body` with the bytes of a field as stored: its text, or for a quoted CSV field with
    /// doubled quotes, those quotes still doubled (so equal bytes mean an equal field).
    func withFieldBytes<R>(_ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let k = 2 * (row * header.count + column)
        let rawStart = Int(bounds[k]), end = Int(bounds[k + 1])
        let start = rawStart < 0 ? -1 - rawStart : rawStart
        return bytes.withUnsafeBytes { raw in
            body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[start..<end]))
        }
    }

    /// Calls `body` with the bytes of a field trimmed of ASCII spaces and tabs, or with nil when the
    /// field has doubled quotes to undo or starts or ends with a non-ASCII byte (then use
    /// ``field(_:_:)``).
    func withTrimmedBytes<R>(_ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let k = 2 * (row * header.count + column)
        var start = Int(bounds[k]), end = Int(bounds[k + 1])
        guard start >= 0 else { return body(nil) }
        return bytes.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            while start < end, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
            while end > start, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
            if start < end, b[start] >= 0x80 || b[end - 1] >= 0x80 { return body(nil) }
            return body(UnsafeBufferPointer(rebasing: b[start..<end]))
        }
    }

    /// Reads and parses the file at `path`.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - displayName: the name to use in messages (defaults to `path`).
    ///   - uniqueHeader: refuse a header that names a column twice (off only for tables kept
    ///     verbatim from a source, whose labels may repeat).
    ///   - delimiter: the field separator (default: detected).
    ///   - encoding: the text encoding (default: UTF-16 with a byte-order mark, else UTF-8).
    /// - Throws: ``DatasetError`` for a missing, unreadable or non-UTF-8 file and for malformed CSV.
    public static func read(path: String, displayName: String? = nil, uniqueHeader: Bool = true,
                            delimiter: Delimiter = .auto, encoding: Encoding = .auto) throws(DatasetError) -> CSVTable {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: name)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: name, reason: .isDirectory) }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            // A device or a pipe (`/dev/null`) cannot be mapped: read it instead (an empty one is
            // then an empty file, not "permission denied").
            guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: name, reason: .from(error)) }
            defer { try? handle.close() }
            do {
                bytes = try handle.readToEnd() ?? Data()
            } catch {
                throw .unreadable(path: name, reason: .from(error))
            }
        }
        return try parse(bytes: utf8(bytes, encoding: encoding, file: name), file: name, uniqueHeader: uniqueHeader, delimiter: delimiter)
    }

    /// The text as UTF-8 bytes: UTF-16 (with its byte-order mark, or as asked) converted, UTF-8 as is.
    /// UTF-32 (told by its byte-order mark, which begins like UTF-16's) is converted too; text that
    /// starts with two byte-order marks is refused (its first column's name would hide one).
    static func utf8(_ bytes: Data, encoding: Encoding, file: String) throws(DatasetError) -> Data {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if encoding == .auto, bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            let big = bytes.first == 0
            var scalars = String.UnicodeScalarView()
            let body = [UInt8](bytes.dropFirst(4))
            guard body.count % 4 == 0 else { throw .unreadable(path: file, reason: .notUTF32) }
            for k in stride(from: 0, to: body.count, by: 4) {
                let b = big ? body[k..<k + 4].map(UInt32.init) : body[k..<k + 4].reversed().map(UInt32.init)
                guard let scalar = Unicode.Scalar(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) else {
                    throw .unreadable(path: file, reason: .notUTF32)
                }
                scalars.append(scalar)
            }
            if scalars.first == "\u{FEFF}" { throw .unreadable(path: file, reason: .repeatedByteOrderMark) }
            return Data(String(scalars).utf8)
        }
        let le = bytes.starts(with: [0xFF, 0xFE]), be = bytes.starts(with: [0xFE, 0xFF])
        guard encoding == .utf16 || (encoding == .auto && (le || be)) else {
            if bytes.starts(with: bom + bom) { throw .unreadable(path: file, reason: .repeatedByteOrderMark) }
            return bytes
        }
        let body = le || be ? bytes.dropFirst(2) : bytes[...]
        guard body.count % 2 == 0, let text = String(data: Data(body), encoding: be ? .utf16BigEndian : .utf16LittleEndian) else {
            throw .unreadable(path: file, reason: .notUTF16)
        }
        if (le || be) && text.unicodeScalars.first == "\u{FEFF}" || text.utf8.starts(with: bom + bom) {
            throw .unreadable(path: file, reason: .repeatedByteOrderMark)
        }
        return Data(text.utf8)
    }

    /// Parses CSV text with the given delimiter (default: detected from the header line).
    ///
    /// - Throws: ``DatasetError`` for an empty text, a duplicate header name, a ragged row or a
    ///   malformed quoted field.
    public static func parse(_ text: String, file: String, uniqueHeader: Bool = true, delimiter: Delimiter = .auto) throws(DatasetError) -> CSVTable {
        try parse(bytes: Data(text.utf8), file: file, uniqueHeader: uniqueHeader, delimiter: delimiter)
    }

    /// A table from its parts, as the parsers and readers make it.
    init(delimiter: Delimiter, file: String, sheet: String?, headerLine: Int, columnOffset: Int,
                 header: [String], lines: [Int], bytes: Data, bounds: [Int32], numbers: [Double]) {
        self.delimiter = delimiter
        self.file = file
        self.sheet = sheet
        self.headerLine = headerLine
        self.columnOffset = columnOffset
        self.header = header
        self.lines = lines
        self.bytes = bytes
        self.bounds = bounds
        self.numbers = numbers
    }

    /// The index of the named column.
    ///
    /// - Throws: ``DatasetError/unknownColumn(file:name:available:)``.
    public func columnIndex(_ name: String) throws(DatasetError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw .unknownColumn(file: sheet.map { "\(file)[\($0)]" } ?? file, name: name, available: header)
        }
        return index
    }

    /// `[+-]digits[.digits][e[+-]digits]` with at least one digit in the mantissa.
    static func isPlainDecimal(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isPlainDecimal($0) }
    }

    /// The same check on UTF-8 bytes.
    static func isPlainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        func digits() -> Int {
            let start = i
            while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        var mantissa = digits()
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == n
    }
}
