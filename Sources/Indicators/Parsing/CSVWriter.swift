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

    /// A number as Datasets/ store it: dot decimal, shortest round-trip digits, no `.0` on whole numbers.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value.clean
    }
}
