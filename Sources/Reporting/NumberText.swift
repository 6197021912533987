import Foundation
import Indicators

/// Formats numbers for reports: Vietnamese `1.234,5` and `50,65 %`, English `1,234.5` and `50.65%`.
public enum NumberText {
    /// The text of `value` in `format` and `language`.
    public static func format(_ value: Double, _ format: ReportTable.Format, _ language: Language) -> String {
        switch format {
        case .text: return plain(value, decimals: 2, language)
        case let .number(d): return plain(value, decimals: d, language)
        case .integer: return plain(value.rounded(), decimals: 0, language)
        case .year: return String(Int(value.rounded()))
        case let .percent(d): return plain(value, decimals: d, language) + (language == .vi ? " %" : "%")
        case .probability:
            // A probability that rounds to 0 % or 100 % without being it says so ("< 1 %", "> 99 %").
            let percent = language == .vi ? " %" : "%"
            if value > 0 && value < 0.005 { return (language == .vi ? "< 1" : "<1") + percent }
            if value < 1 && value >= 0.995 { return (language == .vi ? "> 99" : ">99") + percent }
            return plain(value * 100, decimals: 0, language) + percent
        case let .points(d): return plain(value, decimals: d, language) + (language == .vi ? " điểm %" : " pp")
        }
    }

    /// Grouped digits with the language's separators.
    public static func plain(_ value: Double, decimals: Int, _ language: Language) -> String {
        let text = Printf.fixed(abs(value), decimals: max(0, decimals))
        let (thousands, decimal): (UInt8, UInt8) = language == .vi ? (UInt8(ascii: "."), UInt8(ascii: ",")) : (UInt8(ascii: ","), UInt8(ascii: "."))
        let utf8 = Array(text.utf8)
        let point = utf8.firstIndex(of: UInt8(ascii: ".")) ?? utf8.count
        let integer = utf8[..<point]
        guard !integer.isEmpty, integer.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return slowPlain(value, text: text, language) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + utf8.count / 3 + 4)
        // "−" (U+2212) for a negative value that does not print as zero.
        let isZero = utf8.allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
        if value < 0 && !isZero { out += [0xE2, 0x88, 0x92] }
        for (k, digit) in integer.enumerated() {
            if k > 0 && (integer.count - k) % 3 == 0 { out.append(thousands) }
            out.append(digit)
        }
        if point < utf8.count {
            out.append(decimal)
            out += utf8[(point + 1)...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `digits` significant digits with the language's separators, never in scientific notation
    /// (Indicators' `Double.significantDecimals(_:maximumDecimals:)`), trailing zeros dropped: 20321.7 →
    /// "20.322" / "20,322", 0.10874 → "0,1087" / "0.1087" (4 digits), 1.5e-20 → "0".
    public static func significant(_ value: Double, digits: Int, _ language: Language) -> String {
        let decimals = value.significantDecimals(digits)
        var text = plain(value, decimals: decimals, language)
        guard decimals > 0 else { return text }
        let point: Character = language == .vi ? "," : "."
        while text.hasSuffix("0") { text.removeLast() }
        if text.last == point { text.removeLast() }
        return text == "−0" ? "0" : text
    }

    /// ``plain(_:decimals:_:)`` for a text that is not plain digits (not a finite number).
    static func slowPlain(_ value: Double, text: String, _ language: Language) -> String {
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts.first ?? "")
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let (thousands, decimal) = language == .vi ? (".", ",") : (",", ".")
        var out = groups.joined(separator: thousands)
        if parts.count > 1 { out += decimal + parts[1] }
        let isZero = Double(text) == 0
        return (value < 0 && !isZero ? "−" : "") + out
    }
}

/// `printf("%.<n>f")` for one number, without Foundation's `String(format:)` (which boxes its
/// arguments and goes through CFString): the same text, many times faster, for reports of many rows.
enum Printf {
    /// `String(format: "%.<decimals>f", value)`.
    ///
    /// For up to 3 decimals and |value| < 2⁵³ the digits come from exact integer arithmetic on the
    /// double's binary value, rounded half to even as C's printf rounds; otherwise from `vsnprintf`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        if decimals >= 0, decimals <= 3, value.isFinite, abs(value) < 0x1p53 {
            return exact(value, decimals: decimals)
        }
        let format = "%.\(decimals)f"
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer -> String in
            guard let base = buffer.baseAddress else { return String(format: format, value) }
            let n = withVaList([value]) { vsnprintf(base, buffer.count, format, $0) }
            guard n >= 0, Int(n) < buffer.count else { return String(format: format, value) }
            return String(decoding: UnsafeRawBufferPointer(start: base, count: Int(n)).bindMemory(to: UInt8.self), as: UTF8.self)
        }
    }

    /// The digits of |value| × 10^decimals rounded half to even, with the point put back.
    static func exact(_ value: Double, decimals: Int) -> String {
        let scale: UInt64 = [1, 10, 100, 1000][decimals]
        let magnitude = abs(value)
        var units: UInt64
        if magnitude == 0 {
            units = 0
        } else {
            // magnitude = significand × 2^exponent with an integer significand < 2^53.
            let exponent = Int(magnitude.exponent) - 52
            let significand = UInt64(magnitude.significandBitPattern) | (magnitude.isNormal ? 1 << 52 : 0)
            let shift = magnitude.isNormal ? exponent : -1074
            if shift >= 0 {
                units = (significand << UInt64(shift)) * scale
            } else {
                let product = significand * scale  // < 2^63
                let k = -shift
                if k >= 64 {
                    units = 0
                } else {
                    units = product >> UInt64(k)
                    let remainder = product & ((1 << UInt64(k)) - 1), half: UInt64 = 1 << UInt64(k - 1)
                    if remainder > half || (remainder == half && units & 1 == 1) { units += 1 }
                }
            }
        }
        var digits = Array(String(units).utf8)
        if decimals > 0 {
            if digits.count <= decimals { digits = Array(repeating: UInt8(ascii: "0"), count: decimals + 1 - digits.count) + digits }
            digits.insert(UInt8(ascii: "."), at: digits.count - decimals)
        }
        if value.sign == .minus { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }
}
