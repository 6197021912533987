/// Numbers as the source reports write them.
///
/// Vietnamese reports use a decimal comma and dot thousands (`50,65`, `50,65%`, `13.425` =
/// thirteen thousand four hundred twenty-five, `1.045` = one thousand forty-five); some tables
/// use the English convention (`6,102`, `0.00%`). A trailing `%` or `‰` is allowed and dropped
/// (values stay in percent or per-mille units); machine-written scientific notation (`3e-4`,
/// `1.5E+3`, `2,5e-3` in `vi`) is read too, its mantissa having no thousands separators. With ``NumberFormat/auto`` the convention is inferred from the text, and
/// a number that reads differently under the two (`1.045`, `6,102`) is an error, not a guess.
public enum NumberFormat: String, Sendable, CaseIterable {
    /// Decimal comma, dot thousands.
    case vi
    /// Decimal point, comma thousands.
    case en
    /// Inferred per number; ambiguous numbers are refused.
    case auto
}

/// A number that does not parse, or parses two ways.
public struct NumberParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with a number's text (Reporting's `Words` puts it into Vietnamese or English;
    /// a command-line tool adds how to choose the convention).
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// Scientific notation whose separator does not fit the convention.
        case notInFormat(NumberFormat)
        /// Text with characters no number has.
        case notANumber
        /// Digits and separators that do not group as the convention writes them.
        case notInFormatExample(NumberFormat)
        /// Beyond a double's range.
        case tooLarge
        /// Text that reads as two different numbers: `vi` under the Vietnamese convention, `en`
        /// under the English one (each as digits with a dot decimal, or none).
        case ambiguous(vi: String, en: String)

        /// The reason in English, after the quoted text.
        public var description: String {
            switch self {
            case let .notInFormat(f): "is not a number in the \(f.rawValue) format"
            case .notANumber: "is not a number (vi \"50,65\" or en \"50.65\")"
            case let .notInFormatExample(f): "is not a number in the \(f.rawValue) format (\(f == .en ? "en \"1,234.5\"" : "vi \"1.234,5\""))"
            case .tooLarge: "is too large"
            case let .ambiguous(vi, en): "is ambiguous: \(vi) (vi) or \(en) (en)"
            }
        }
    }

    /// The text as given.
    public var text: String
    /// What is wrong.
    public var reason: Reason

    /// An error about `text`.
    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    /// `"1.045" is ambiguous: ...`.
    public var description: String { "\"\(text)\" \(reason)" }
}

extension NumberFormat {
    /// Parses `text` under this convention.
    ///
    /// - Throws: ``NumberParseError`` for text that is not a number in this convention, for an
    ///   ambiguous number under `auto`, and for NaN, infinities or overflow.
    public func parse(_ text: String) throws(NumberParseError) -> Double {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        if s.hasSuffix("%") || s.hasSuffix("‰") { s = Substring(s.dropLast().trimmingCharacters(in: .whitespaces)) }
        var sign = ""
        if let c = s.first, c == "-" || c == "+" || c == "−" {
            sign = c == "+" ? "" : "-"
            s = s.dropFirst()
        }
        if let (mantissa, exponent) = Self.splitExponent(s) {
            // Scientific notation: the one separator in the mantissa is the decimal.
            let separators = mantissa.filter { $0 == "." || $0 == "," }
            let decimal = separators.first ?? (self == .vi ? "," : ".")
            guard separators.count <= 1, self == .auto || separators.isEmpty || decimal == (self == .vi ? "," : "."),
                  mantissa.first?.isNumber == true, mantissa.last?.isNumber == true,
                  let value = Double(sign + mantissa.replacingOccurrences(of: ",", with: ".") + "e" + exponent)
            else {
                throw NumberParseError(text: text, reason: .notInFormat(self))
            }
            guard value.isFinite else { throw NumberParseError(text: text, reason: .tooLarge) }
            return value
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
              s.first?.isNumber == true, s.last?.isNumber == true
        else {
            throw NumberParseError(text: text, reason: .notANumber)
        }
        let decimal: Character?
        switch self {
        case .vi: decimal = ","
        case .en: decimal = "."
        case .auto: decimal = try Self.inferDecimal(s, original: text)
        }
        guard let normalised = Self.normalise(s, decimal: decimal), let value = Double(sign + normalised) else {
            throw NumberParseError(text: text, reason: .notInFormatExample(self))
        }
        guard value.isFinite else { throw NumberParseError(text: text, reason: .tooLarge) }
        return value
    }

    /// `mantissa` and `exponent` digits (with sign) of text ending in `e`/`E`, an optional sign and
    /// digits, the mantissa being digits with at most separators; nil otherwise.
    static func splitExponent(_ s: Substring) -> (String, String)? {
        guard let e = s.lastIndex(where: { $0 == "e" || $0 == "E" }) else { return nil }
        let mantissa = s[..<e]
        var exponent = s[s.index(after: e)...]
        var sign = ""
        if let c = exponent.first, c == "-" || c == "+" || c == "−" { sign = c == "+" ? "" : "-"; exponent = exponent.dropFirst() }
        guard !mantissa.isEmpty, !exponent.isEmpty, exponent.count <= 5,
              exponent.allSatisfy({ $0.isASCII && $0.isNumber }),
              mantissa.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") })
        else { return nil }
        return (String(mantissa), sign + exponent)
    }

    /// Removes thousands separators (which must group digits by three) and makes the decimal a dot.
    static func normalise(_ s: Substring, decimal: Character?) -> String? {
        let thousands: Character? = decimal == "," ? "." : (decimal == "." ? "," : nil)
        var integerPart = s, fraction: Substring? = nil
        if let decimal, let i = s.firstIndex(of: decimal) {
            integerPart = s[..<i]
            fraction = s[s.index(after: i)...]
            guard let f = fraction, !f.isEmpty, f.allSatisfy(\.isNumber) else { return nil }
        }
        let groups = thousands.map { integerPart.split(separator: $0, omittingEmptySubsequences: false) } ?? [integerPart]
        guard let first = groups.first, !first.isEmpty, first.count <= (groups.count > 1 ? 3 : Int.max),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return nil }
        return groups.joined() + (fraction.map { "." + $0 } ?? "")
    }

    /// Whether `text` reads as two different numbers in the two conventions (`1.045`: 1045 or
    /// 1.045; `6,102`), the one rule behind every "could be thousands" check.
    public static func isAmbiguous(_ text: String) -> Bool {
        var text = text
        if let ascii = text.withUTF8({ isAmbiguousASCII($0) }) { return ascii }
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        if s.hasSuffix("%") || s.hasSuffix("‰") { s = Substring(s.dropLast().trimmingCharacters(in: .whitespaces)) }
        if let c = s.first, c == "-" || c == "+" || c == "−" { s = s.dropFirst() }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return false }
        do { _ = try inferDecimal(s, original: text) } catch { return true }
        return false
    }

    /// ``isAmbiguous(_:)`` on ASCII text, read on its bytes (nil for any other text): the same
    /// steps (spaces and tabs trimmed, a `%` and a sign dropped, digits with one `.` or one `,` that
    /// has three digits after it and one to three before it, not `0`).
    static func isAmbiguousASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
        func blank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        var lo = 0, hi = b.count
        while lo < hi, blank(b[lo]) { lo += 1 }
        while hi > lo, blank(b[hi - 1]) { hi -= 1 }
        if hi > lo, b[hi - 1] == UInt8(ascii: "%") {
            hi -= 1
            while hi > lo, blank(b[hi - 1]) { hi -= 1 }
        }
        if lo < hi, b[lo] == UInt8(ascii: "-") || b[lo] == UInt8(ascii: "+") { lo += 1 }
        guard lo < hi else { return false }
        var separators = 0, separator = -1
        for k in lo..<hi {
            let c = b[k]
            if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") {
                separators += 1
                separator = k
            } else if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") {
                return false
            }
        }
        // None, or more than one (both kinds, or one repeated: thousands): one reading.
        guard separators == 1 else { return false }
        let before = separator - lo, after = hi - separator - 1
        return after == 3 && before <= 3 && !(before == 1 && b[lo] == UInt8(ascii: "0"))
    }

    /// The decimal separator implied by the text, or nil when there is none.
    static func inferDecimal(_ s: Substring, original: String) throws(NumberParseError) -> Character? {
        let lastDot = s.lastIndex(of: "."), lastComma = s.lastIndex(of: ",")
        let dots = s.filter { $0 == "." }.count, commas = s.filter { $0 == "," }.count
        if let lastDot, let lastComma {
            // Both: the last one is the decimal separator.
            return lastDot > lastComma ? "." : ","
        }
        guard let position = lastDot ?? lastComma else { return nil }
        let separator = s[position]
        if dots + commas > 1 { return separator == "." ? "," : "." }  // repeated: thousands
        let after = s[s.index(after: position)...]
        let before = s[..<position]
        if after.count == 3 && before.count <= 3 && before != "0" {
            let vi = separator == "." ? "\(before)\(after)" : "\(before).\(after)"
            let en = separator == "." ? "\(before).\(after)" : "\(before)\(after)"
            throw NumberParseError(text: original, reason: .ambiguous(vi: vi, en: en))
        }
        return separator
    }
}
