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
        var out: [UInt8] = []
        decimal(x, shiftedBy: power, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``decimal(_:shiftedBy:)`` appended to `out` as UTF-8 (`x` finite). A whole number below
    /// 10^15 is written from its integer; any other from Swift's shortest round-trip description,
    /// its digits moved by its exponent and `power`: plain when the point falls between 10 places
    /// left of the first digit and 21 right of it, else `d.ddde±n`.
    static func decimal(_ x: Double, shiftedBy power: Int = 0, into out: inout [UInt8]) {
        if power == 0, x.magnitude < 1e15, x == x.rounded(.towardZero) {
            var n = Int64(x)
            if n == 0 { out.append(0x30); return }
            if n < 0 { out.append(0x2D); n = -n }
            var digits: (UInt64, UInt64) = (0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { raw in
                while n > 0 {
                    raw[15 - count] = UInt8(0x30 + n % 10)
                    n /= 10
                    count += 1
                }
                out.append(contentsOf: raw[(16 - count)...])
            }
            return
        }
        var description = x.description
        description.withUTF8 { s in
            var i = 0
            let negative = s.first == 0x2D
            if negative { i = 1 }
            // The digits (at most 17 significant, with the whole part's zeros: a few more), the
            // number of them before the point, and the exponent.
            var digits = [UInt8](), whole = 0, exponent = 0, seenPoint = false
            digits.reserveCapacity(24)
            while i < s.count {
                let b = s[i]
                if b >= 0x30, b <= 0x39 {
                    digits.append(b)
                    if !seenPoint { whole += 1 }
                } else if b == 0x2E {
                    seenPoint = true
                } else if b == 0x65 || b == 0x45 {
                    var sign = 1, e = 0
                    i += 1
                    if i < s.count, s[i] == 0x2D || s[i] == 0x2B { sign = s[i] == 0x2D ? -1 : 1; i += 1 }
                    while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { e = e * 10 + Int(s[i] - 0x30); i += 1 }
                    exponent = sign * e
                    break
                }
                i += 1
            }
            var point = whole + exponent + power
            var first = 0, last = digits.count
            while last - first > 1, digits[first] == 0x30 { first += 1; point -= 1 }
            while last - first > 1, digits[last - 1] == 0x30 { last -= 1 }
            let kept = digits[first..<last]
            if kept.count == 1, kept.first == 0x30 { out.append(0x30); return }
            if negative { out.append(0x2D) }
            guard point > -10, point < 22 else {
                // Tiny or huge: scientific, with the shift applied.
                out.append(kept[first])
                if kept.count > 1 {
                    out.append(0x2E)
                    out.append(contentsOf: kept.dropFirst())
                }
                out.append(0x65)
                out.append(contentsOf: String(point - 1).utf8)
                return
            }
            if point <= 0 {
                out.append(0x30)
                out.append(0x2E)
                out.append(contentsOf: repeatElement(0x30, count: -point))
                out.append(contentsOf: kept)
            } else if point >= kept.count {
                out.append(contentsOf: kept)
                out.append(contentsOf: repeatElement(0x30, count: point - kept.count))
            } else {
                out.append(contentsOf: kept.prefix(point))
                out.append(0x2E)
                out.append(contentsOf: kept.dropFirst(point))
            }
        }
    }

    /// Powers of ten exactly representable as doubles.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// The double a plain decimal (``CSVTable/isPlainDecimal(_:)-(UnsafeBufferPointer<UInt8>)``) reads as, correctly rounded:
    /// at most 19 significant digits and a power of ten up to 22 are read exactly (one rounding, by
    /// the final multiplication or division: Clinger's fast path), any other through Swift's
    /// `Double(_:)`.
    static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, negative = false
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { negative = b[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0, digits = 0, scale = 0, exact = true
        var fraction = false
        while i < b.count {
            let c = b[i]
            if c == 0x2E { fraction = true; i += 1; continue }
            guard c >= 0x30, c <= 0x39 else { break }
            let d = UInt64(c - 0x30)
            if mantissa == 0, d == 0 {
                if fraction { scale -= 1 }
            } else if digits < 19 {
                mantissa = mantissa * 10 + d
                digits += 1
                if fraction { scale -= 1 }
            } else {
                exact = false
            }
            i += 1
        }
        if i < b.count {
            // An exponent: e[+-]digits.
            i += 1
            var sign = 1, e = 0
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { sign = b[i] == 0x2D ? -1 : 1; i += 1 }
            while i < b.count {
                let d = Int(b[i]) - 0x30
                guard d >= 0, d <= 9 else { return nil }
                e = min(e * 10 + d, 100_000)
                i += 1
            }
            scale += sign * e
        }
        if exact, mantissa <= 1 << 53, (-22...22).contains(scale) {
            var x = Double(mantissa)
            x = scale < 0 ? x / powersOfTen[-scale] : x * powersOfTen[scale]
            return negative ? -x : x
        }
        if exact, mantissa == 0 { return negative ? -0.0 : 0 }
        return Double(String(decoding: b, as: UTF8.self))
    }

    /// The date (year, month, day) of a serial day count (the time of day dropped), or nil for a
    /// serial before day 1 or after 9999-12-31. The 1900 system counts Excel's fictitious 1900-02-29
    /// (serial 60), so serial 61 is 1900-03-01; the 1904 system counts from 1904-01-01 (serial 0).
    static func civilDate(serial: Double, date1904: Bool) -> (year: Int, month: Int, day: Int)? {
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
        return civil.year <= 9999 ? civil : nil
    }

    /// Calls `body` with a date as `yyyy-mm-dd` (UTF-8).
    static func withDate<R>(_ date: (year: Int, month: Int, day: Int), _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text: (UInt64, UInt16) = (0, 0)
        return withUnsafeMutableBytes(of: &text) { raw in
            let year = date.year
            raw[0] = UInt8(0x30 + year / 1000 % 10)
            raw[1] = UInt8(0x30 + year / 100 % 10)
            raw[2] = UInt8(0x30 + year / 10 % 10)
            raw[3] = UInt8(0x30 + year % 10)
            raw[4] = 0x2D
            raw[5] = UInt8(0x30 + date.month / 10)
            raw[6] = UInt8(0x30 + date.month % 10)
            raw[7] = 0x2D
            raw[8] = UInt8(0x30 + date.day / 10)
            raw[9] = UInt8(0x30 + date.day % 10)
            return body(UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: 10))
        }
    }

    /// The date `yyyy-mm-dd` of a serial day count: see ``civilDate(serial:date1904:)``.
    static func date(serial: Double, date1904: Bool) -> String? {
        civilDate(serial: serial, date1904: date1904).map { withDate($0) { String(decoding: $0, as: UTF8.self) } }
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
