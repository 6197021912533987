import Foundation

/// Targets as planners write them: the year as `2025`, `Năm 2025` or `Đến năm 2025`, the value
/// with its comparator and unit in the same cell (`≥ 80%`, `>= 80 %`, `tối thiểu 80%`,
/// `ít nhất 80%`, `tối đa 5 ngày`, `80% trở lên`, `700 điểm`, `100%`, `80,5`). The comparator words
/// are ``Vocabulary/comparator``'s; the number is left for ``NumberFormat`` (one reader); the unit
/// word is kept to be checked against the indicator's unit (``Vocabulary/unit(_:kind:)``).
public enum TargetText {
    /// A value cell taken apart: the number as written, and the comparator and unit written around it.
    public struct Parts: Sendable, Equatable {
        /// The number's text (`80,5`), for the column's number convention.
        public var number: String
        /// The comparator the words or symbols say, if any.
        public var comparator: Target.Comparator?
        /// The unit written after the number (`%`, `điểm`, `ngày`), if any.
        public var unit: String?
    }

    /// Words before a target's year that say "by" (`Đến năm 2025`, `Tới 2025`, `Vào năm 2025`).
    static let yearLeadWords: Set<String> = ["den", "toi", "vao", "het", "cuoi", "truoc", "by", "in"]

    /// The year a target's year cell names: `2025`, `Năm 2025`, `năm 2025`, `Đến năm 2025`,
    /// `Đến hết năm 2025`; nil for anything else.
    public static func year(_ text: String) -> Int? {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        while let first = words.first, yearLeadWords.contains(NameKey.of(first)) { words.removeFirst() }
        let rest = words.joined(separator: " ")
        if let y = Int(rest), (1900...2100).contains(y) { return y }
        if case let .year(y)? = try? Period(parsing: rest) { return y }
        return nil
    }

    /// Symbols a comparator may be written with before the number.
    static let symbols: [(String, Target.Comparator)] = [("≥", .atLeast), (">=", .atLeast), ("=>", .atLeast), ("≤", .atMost), ("<=", .atMost), ("=<", .atMost)]

    /// `text` taken apart: a comparator symbol or words before the number (`≥`, `tối thiểu`,
    /// `không quá`) or after it (`trở lên`, `trở xuống`), the number, and the unit after the number.
    /// Text with no number in it comes back whole as ``Parts/number`` (for the reader to refuse).
    public static func parts(_ text: String) -> Parts {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        var comparator: Target.Comparator?
        if let (symbol, c) = symbols.first(where: { t.hasPrefix($0.0) }) {
            comparator = c
            t = t.dropFirst(symbol.count).drop { $0.isWhitespace }
        } else if let start = t.firstIndex(where: { $0.isNumber || $0 == "-" || $0 == "+" || $0 == "−" }), start != t.startIndex {
            let words = String(t[..<start]).trimmingCharacters(in: .whitespaces)
            guard let c = Vocabulary.comparator.value(words) else { return Parts(number: text.trimmingCharacters(in: .whitespaces)) }
            comparator = c
            t = t[start...]
        }
        let numberEnd = t.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "-" || $0 == "+")) && $0 != "−" } ?? t.endIndex
        let number = String(t[..<numberEnd]).trimmingCharacters(in: .whitespaces)
        var unit = String(t[numberEnd...]).trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.contains(where: \.isNumber) else { return Parts(number: text.trimmingCharacters(in: .whitespaces)) }
        // A comparator after the number and its unit: "80% trở lên", "5 ngày trở xuống".
        for tail in ["trở lên", "trở xuống", "or more", "or less"] where unit.lowercased().hasSuffix(tail) {
            guard comparator == nil, let c = Vocabulary.comparator.value(tail) ?? (tail == "or more" ? .atLeast : tail == "or less" ? .atMost : nil) else { break }
            comparator = c
            unit = String(unit.dropLast(tail.count)).trimmingCharacters(in: .whitespaces)
        }
        return Parts(number: number, comparator: comparator, unit: unit.isEmpty ? nil : unit)
    }

    /// Whether a unit written after a target's number fits the indicator (`%` a share, `điểm` a
    /// score, a count's noun a count), as ``Vocabulary/unit(_:kind:)`` reads units.
    public static func fits(unit: String, _ indicator: Indicator) -> Bool {
        if unit == "‰" { return indicator.unit == .percent }
        return Vocabulary.unit(unit, kind: indicator.kind)?.unit == indicator.unit
    }
}

extension TargetText.Parts {
    init(number: String) { self.init(number: number, comparator: nil, unit: nil) }
}

/// A target cell as written that does not read, or contradicts its row: the typed payload of
/// ``DataProblem/target(_:)``. `column` is the column's header as the input wrote it.
public enum TargetProblem: Sendable, Equatable, CustomStringConvertible {
    /// A value cell that is no target value.
    case notAValue(text: String, column: String)
    /// A value written with one comparator (`≥ 80%`) on a row whose comparator column says the other.
    case comparatorConflict(text: String, column: String, written: Target.Comparator, given: String, comparatorColumn: String)
    /// A value written with a unit that is not its indicator's (`80%` for a count).
    case wrongUnit(text: String, unit: String, indicator: String, indicatorUnit: Indicator.Unit)

    /// The problem in English.
    public var description: String {
        switch self {
        case let .notAValue(text, column):
            "\"\(text)\" in column \"\(column)\" is not a target value (write a number, with a comparator and unit if you like: 80,5; ≥ 80%; tối thiểu 80%; 700 điểm)"
        case let .comparatorConflict(text, column, written, given, comparatorColumn):
            "\"\(text)\" in column \"\(column)\" says \(written == .atLeast ? "at least (≥)" : "at most (≤)") but column \"\(comparatorColumn)\" says \"\(given)\": write the comparator once"
        case let .wrongUnit(text, unit, indicator, indicatorUnit):
            "\"\(text)\" is written in \"\(unit)\" but \(indicator) is measured in \(indicatorUnit.rawValue)"
        }
    }
}
