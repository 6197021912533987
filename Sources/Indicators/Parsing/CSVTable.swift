import CSV
import Foundation

/// A CSV file read into memory: a header and rows of text fields, each row with the line it
/// starts on, so that every later error can name `file:line:column`.
///
/// Parsing is done by CSV.swift (RFC 4180: quoted fields, doubled quotes, embedded commas and
/// newlines, LF or CRLF). A UTF-8 byte-order mark is removed; blank lines are skipped; every row
/// must have as many fields as the header.
public struct CSVTable: Sendable {
    /// The file name used in messages.
    public let file: String
    /// Column names, trimmed of surrounding spaces.
    public let header: [String]
    /// The data rows (each has `header.count` fields).
    public let rows: [[String]]
    /// The 1-based line on which each row starts.
    public let lines: [Int]

    /// Reads and parses the file at `path`.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - displayName: the name to use in messages (defaults to `path`).
    ///   - uniqueHeader: refuse a header that names a column twice (off only for tables kept
    ///     verbatim from a source, whose labels may repeat).
    /// - Throws: ``DatasetError`` for a missing, unreadable or non-UTF-8 file and for malformed CSV.
    public static func read(path: String, displayName: String? = nil, uniqueHeader: Bool = true) throws(DatasetError) -> CSVTable {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: name)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: name, reason: "it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: name, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(path: name) }
        return try parse(text, file: name, uniqueHeader: uniqueHeader)
    }

    /// Parses CSV text.
    ///
    /// - Throws: ``DatasetError`` for an empty text, a duplicate header name, a ragged row or a
    ///   malformed quoted field.
    public static func parse(_ text: String, file: String, uniqueHeader: Bool = true) throws(DatasetError) -> CSVTable {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        try checkQuotes(body, file: file)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: String(body), hasHeaderRow: false)
        } catch {
            throw .unreadable(path: file, reason: "\(error)")
        }
        var header: [String]?
        var rows: [[String]] = []
        var lines: [Int] = []
        var line = 1
        while let record = reader.next() {
            let start = line
            line += 1 + record.reduce(0) { $0 + lineBreaks(in: $1) }
            if record.count == 1 && record[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let names = header else {
                let names = record.map { $0.trimmingCharacters(in: .whitespaces) }
                for (i, name) in names.enumerated() where uniqueHeader && names[..<i].contains(name) {
                    throw .duplicateColumn(SourcePosition(file: file, line: start, column: i + 1), name: name)
                }
                header = names
                continue
            }
            guard record.count == names.count else {
                throw .raggedRow(SourcePosition(file: file, line: start), found: record.count, expected: names.count)
            }
            rows.append(record)
            lines.append(start)
        }
        guard let header else { throw .empty(file: file) }
        return CSVTable(file: file, header: header, rows: rows, lines: lines)
    }

    private init(file: String, header: [String], rows: [[String]], lines: [Int]) {
        self.file = file
        self.header = header
        self.rows = rows
        self.lines = lines
    }

    /// Line breaks inside a field (CRLF counts once).
    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\n" {
                if !previousCR { count += 1 }
                previousCR = false
            } else if scalar == "\r" {
                count += 1
                previousCR = true
            } else {
                previousCR = false
            }
        }
        return count
    }

    /// CSV.swift accepts an unclosed quote or text after a closing quote silently; find them
    /// first so that they are reported instead of read as something else.
    private static func checkQuotes(_ text: Substring, file: String) throws(DatasetError) {
        var line = 1, recordLine = 1, field = 1
        var inQuotes = false, afterQuote = false, atFieldStart = true
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { continue }
                    inQuotes = false
                    afterQuote = true
                    pending = next
                } else if c == "\n" || c == "\r" {
                    if c == "\r" { let n = iterator.next(); if n != "\n" { pending = n } }
                    line += 1
                }
                continue
            }
            switch c {
            case ",":
                field += 1; atFieldStart = true; afterQuote = false
            case "\n", "\r":
                if c == "\r" { let n = iterator.next(); if n != "\n" { pending = n } }
                line += 1; recordLine = line; field = 1; atFieldStart = true; afterQuote = false
            case "\"" where atFieldStart:
                inQuotes = true; atFieldStart = false
            default:
                if afterQuote { throw .malformedQuote(SourcePosition(file: file, line: recordLine, column: field)) }
                atFieldStart = false
            }
        }
        if inQuotes { throw .malformedQuote(SourcePosition(file: file, line: recordLine, column: field)) }
    }

    /// The index of the named column.
    ///
    /// - Throws: ``DatasetError/unknownColumn(file:name:available:)``.
    public func columnIndex(_ name: String) throws(DatasetError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw .unknownColumn(file: file, name: name, available: header)
        }
        return index
    }

    /// The named column as numbers: plain dot decimals (`-12.5`, `3e-4`) by default, or in a
    /// Vietnamese or English report format.
    ///
    /// - Parameters:
    ///   - name: the column.
    ///   - positive: require every value to be > 0 (for weights).
    ///   - format: read `vi` or `en` report formats (`50,65%`, `13.425`, `6,102`); `auto` refuses
    ///     numbers that read differently in the two; nil for plain dot decimals.
    /// - Throws: ``DatasetError`` naming `file:line:column` for an empty cell, text that is not a
    ///   number, NaN/infinity/overflow, or (with `positive`) a value ≤ 0.
    public func numericColumn(_ name: String, positive: Bool = false, format: NumberFormat? = nil) throws(DatasetError) -> [Double] {
        let j = try columnIndex(name)
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            let position = SourcePosition(file: file, line: lines[r], column: j + 1)
            let text = row[j].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw .emptyCell(position, column: name) }
            let lowered = text.lowercased()
            if ["nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"].contains(lowered) {
                throw .nonFinite(position, text: text, column: name)
            }
            let value: Double
            if let format {
                do {
                    value = try format.parse(text)
                } catch {
                    throw .badNumber(position, column: name, problem: error.description)
                }
            } else {
                guard Self.isPlainDecimal(text), let plain = Double(text) else {
                    throw .notANumber(position, text: text, column: name)
                }
                value = plain
            }
            guard value.isFinite else { throw .nonFinite(position, text: text, column: name) }
            if positive && !(value > 0) { throw .notPositive(position, text: text, column: name) }
            values.append(value)
        }
        return values
    }

    /// `[+-]digits[.digits][e[+-]digits]` with at least one digit in the mantissa.
    static func isPlainDecimal(_ text: String) -> Bool {
        var scalars = Array(text.unicodeScalars)[...]
        func digits() -> Int {
            var n = 0
            while let c = scalars.first, ("0"..."9").contains(c) { scalars.removeFirst(); n += 1 }
            return n
        }
        if let c = scalars.first, c == "+" || c == "-" { scalars.removeFirst() }
        var mantissa = digits()
        if scalars.first == "." {
            scalars.removeFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let c = scalars.first, c == "e" || c == "E" {
            scalars.removeFirst()
            if let s = scalars.first, s == "+" || s == "-" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
