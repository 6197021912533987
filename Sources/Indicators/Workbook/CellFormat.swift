/// What a cell style's number format shows a number as: the number itself, a percentage (0.455 is
/// shown as 45.5 %) or a date (a serial day count from 1900 or 1904).
///
/// Built-in formats: ids 9 and 10 are percentages; 14–17 and 22 are dates; 18–21 and 45–47 show a
/// time only (the number is kept). A custom code is read in its first section, outside quoted
/// text, `[...]` brackets, escaped characters and `AM/PM`: `d`, `y`, or `m` without `h` or `s`
/// make a date; `h` or `s` alone a time (the number is kept); otherwise `%` makes a percentage.
enum CellFormat: Sendable, Equatable {
    case number, percent, date

    init(id: Int, code: String?) {
        switch id {
        case 9, 10: self = .percent
        case 14...17, 22: self = .date
        case 18...21, 45...47: self = .number
        default: self = code.map(Self.classify) ?? .number
        }
    }

    /// The kind of a custom format code.
    static func classify(_ code: String) -> CellFormat {
        var kept: [Character] = []
        var inQuote = false, inBracket = false, skip = false
        for c in code {
            if skip { skip = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket {
                if c == "]" { inBracket = false }
                else if "hHmMsS".contains(c) { kept.append("h") }  // [h], [mm], [ss]: elapsed time
                continue
            }
            switch c {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": skip = true
            case ";": break
            default: kept.append(c)
            }
            if c == ";" { break }
        }
        var text = String(kept).lowercased()
        for word in ["general", "am/pm", "a/p"] { text = text.replacingOccurrences(of: word, with: "") }
        let hasTime = text.contains("h") || text.contains("s")
        if text.contains("d") || text.contains("y") || (text.contains("m") && !hasTime) { return .date }
        if hasTime { return .number }
        return text.contains("%") ? .percent : .number
    }
}

/// Numbers as text and dates from serial day counts, as a workbook's cells are put in a table.
enum CellText {
    /// The shortest decimal that reads back as `x`, without an exponent for ordinary magnitudes and
    /// without a trailing ".0" (2023, 0.455, -12.5, 0.00001); shifted by `power` places first
    /// (0.455 with power 2 → "45.5"), exactly on the decimal digits.
    static func decimal(_ x: Double, shiftedBy power: Int = 0) -> String {
        guard x.isFinite else { return "\(x)" }
        var s = Substring("\(x)")
        var sign = ""
        if s.first == "-" { sign = "-"; s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first ?? "0", fraction = parts.count > 1 ? parts[1] : ""
        var digits = Array(whole + fraction)
        var point = whole.count + exponent + power
        // Leading zeros out (keeping the point where it is).
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        if digits == ["0"] { return "0" }
        guard point > -10, point < 22 else {
            // Tiny or huge: scientific, with the shift applied.
            let mantissa = digits.count > 1 ? "\(digits[0]).\(String(digits[1...]))" : String(digits[0])
            return "\(sign)\(mantissa)e\(point - 1)"
        }
        let text: String
        if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            text = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            text = String(digits[..<point]) + "." + String(digits[point...])
        }
        return sign + text
    }

    /// The date `yyyy-mm-dd` of a serial day count (the time of day dropped), or nil for a serial
    /// before day 1 or after 9999-12-31. The 1900 system counts Excel's fictitious 1900-02-29
    /// (serial 60), so serial 61 is 1900-03-01; the 1904 system counts from 1904-01-01 (serial 0).
    static func date(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= (date1904 ? 0 : 1), serial < 3_000_000 else { return nil }
        let day = Int((serial * 86_400).rounded() / 86_400)
        let civil: (year: Int, month: Int, day: Int)
        if date1904 {
            civil = civilDate(daysSince1970: -24_107 + day)
        } else if day == 60 {
            civil = (1900, 2, 29)
        } else {
            civil = civilDate(daysSince1970: (day < 60 ? -25_568 : -25_569) + day)
        }
        guard civil.year <= 9999 else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(civil.year)-\(two(civil.month))-\(two(civil.day))"
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant, "chrono-Compatible
    /// Low-Level Date Algorithms", `civil_from_days`).
    static func civilDate(daysSince1970 z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
