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
        ([header] + rows).map { line($0) + "\n" }.joined()
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
