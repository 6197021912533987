/// Writes RFC 4180 CSV that ``CSVTable`` (and spreadsheets) read back identically.
///
/// Fields are quoted when they contain a comma, a quote, a line break, or leading or trailing
/// spaces; quotes inside are doubled. Lines end with `\n`.
public enum CSVWriter {
    /// One record.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",")
    }

    /// A whole table: header, then rows.
    public static func table(header: [String], rows: [[String]]) -> String {
        var text = Text()
        text.line(header)
        for row in rows { text.line(row) }
        return text.string
    }

    /// CSV text written field by field into one UTF-8 buffer: what ``table(header:rows:)`` writes,
    /// without a string for each field and line. A field that needs no quotes (no comma, quote or
    /// line break, no space at either end: almost every field) is copied as its bytes; any other
    /// goes through ``quote(_:)``.
    struct Text {
        private var bytes: [UInt8] = []
        private var fields = 0

        /// Appends a field to the current line.
        mutating func field(_ value: String) {
            if fields > 0 { bytes.append(UInt8(ascii: ",")) }
            fields += 1
            var value = value
            let plain = value.withUTF8 { b -> Bool in
                guard let first = b.first, let last = b.last else { return true }
                guard first != 0x20, last != 0x20, !b.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                    return false
                }
                bytes.append(contentsOf: b)
                return true
            }
            if !plain { bytes.append(contentsOf: quote(value).utf8) }
        }

        /// Ends the current line.
        mutating func endLine() {
            bytes.append(0x0A)
            fields = 0
        }

        /// Appends a whole line.
        mutating func line(_ values: [String]) {
            for v in values { field(v) }
            endLine()
        }

        /// The text.
        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// One field, quoted if needed.
    public static func quote(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
        let needs = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text a spreadsheet would run as a formula, made inert with a leading `'` (OWASP's CSV
    /// injection guidance): a field that begins with `=`, `+`, `-` or `@` (or their full-width forms
    /// `＝＋－＠`), also after leading spaces, tabs, carriage returns or line feeds, and a field that
    /// begins with a tab or a carriage return. Every CSV Chiso writes passes its text fields through
    /// this one function (numbers are written as numbers and left alone).
    public static func neutralise(_ s: String) -> String {
        // An ASCII first character that is neither blank nor a formula's sign: nothing to do.
        if let b = s.utf8.first, b < 0x80, !"\t\r \n=+-@".utf8.contains(b) { return s }
        guard let first = s.unicodeScalars.first else { return s }
        if first == "\t" || first == "\r" { return "'" + s }
        let start = s.unicodeScalars.first { !($0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{A0}") }
        guard let start, "=+-@＝＋－＠".unicodeScalars.contains(start) else { return s }
        return "'" + s
    }

    /// A number as Datasets/ store it: dot decimal, shortest round-trip digits, no `.0` on whole numbers.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value.clean
    }
}
