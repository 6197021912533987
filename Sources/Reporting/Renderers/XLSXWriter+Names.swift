import Foundation

extension XLSXWriter {
    /// The most characters (UTF-16 units) Excel keeps in a cell.
    static let cellLimit = 32_767

    /// The most characters (UTF-16 units) of a sheet name.
    static let sheetNameLimit = 31

    /// A cell's text within Excel's limit: longer text is cut and ends with "…".
    static func cellText(_ s: String) -> String {
        guard s.utf16.count > cellLimit else { return s }
        return prefix(s, units: cellLimit - 1) + "…"
    }

    /// The longest prefix of whole characters of `s` within `units` UTF-16 units.
    static func prefix(_ s: String, units limit: Int) -> String {
        var out = "", units = 0
        for c in s {
            let n = c.utf16.count
            if units + n > limit { break }
            out.append(c)
            units += n
        }
        return out
    }

    /// A sheet name Excel accepts, unique among `taken` (ignoring case).
    ///
    /// `/`, `\` and `:` become `-`; `[ ] * ?` and control characters are dropped; runs of spaces
    /// become one; no apostrophe or space at either end; not "History" (Excel's own). A name longer
    /// than 31 characters is cut after its last whole word that fits (and before an unclosed
    /// parenthesis), never inside a word unless its first word alone is too long. A taken name gets
    /// " (2)", " (3)", ... (the name cut shorter to make room); an empty name is its position.
    static func sheetName(_ title: String, taken: [String]) -> String {
        let lowered = Set(taken.map { $0.lowercased() })
        func free(_ s: String) -> Bool { !s.isEmpty && !lowered.contains(s.lowercased()) && s.lowercased() != "history" }
        let cleaned = cleanSheetName(title)
        let name = fitWords(cleaned, units: sheetNameLimit)
        if free(name) { return name }
        if name.isEmpty {
            var k = taken.count + 1
            while !free("\(k)") { k += 1 }
            return "\(k)"
        }
        var k = 2
        while true {
            let suffix = " (\(k))"
            let numbered = fitWords(cleaned, units: sheetNameLimit - suffix.utf16.count) + suffix
            if free(numbered) { return numbered }
            k += 1
        }
    }

    /// A title with Excel's forbidden sheet-name characters replaced or dropped and spaces tidied.
    static func cleanSheetName(_ title: String) -> String {
        var out = ""
        var space = false
        for scalar in title.unicodeScalars {
            switch scalar {
            case "/", "\\", ":": out += "-"; space = false
            case "[", "]", "*", "?": continue
            default:
                if scalar.properties.isWhitespace {
                    space = !out.isEmpty
                    continue
                }
                guard scalar.value >= 0x20, scalar.value != 0x7F, !(0x80..<0xA0).contains(scalar.value) else { continue }
                if space { out += " "; space = false }
                out.unicodeScalars.append(scalar)
            }
        }
        return trimmedSheetName(out)
    }

    /// Without apostrophes or spaces at either end.
    static func trimmedSheetName(_ s: String) -> String {
        var name = Substring(s)
        while let c = name.first, c == "'" || c == " " { name.removeFirst() }
        while let c = name.last, c == "'" || c == " " { name.removeLast() }
        return String(name)
    }

    /// `s` within `units` UTF-16 units, cut after a whole word (and before an unclosed parenthesis,
    /// and without trailing punctuation) when it is longer.
    static func fitWords(_ s: String, units: Int) -> String {
        guard s.utf16.count > units else { return s }
        let cut = prefix(s, units: units)
        var words = cut
        // Cut inside a word (the next character is not a space): back to the last space, if any.
        if s.dropFirst(cut.count).first != " ", let space = cut.lastIndex(of: " ") { words = String(cut[..<space]) }
        if let open = words.lastIndex(of: "("), !words[open...].contains(")"), open > words.startIndex { words = String(words[..<open]) }
        while let c = words.last, " -–—,;.(".contains(c) { words.removeLast() }
        let trimmed = trimmedSheetName(words)
        return trimmed.isEmpty ? trimmedSheetName(cut) : trimmed
    }
}
