import Foundation

/// Period labels as Vietnamese reports and spreadsheets write them, read into ``Period``:
///
/// | written | read as |
/// |---|---|
/// | `Năm 2023`, `năm 2023`, `Year 2023` | the year 2023 |
/// | `6 tháng đầu năm 2024`, `6 tháng cuối năm 2024`, `H1/2024`, `2024-H1`, `H2 2024` | a half |
/// | `Quý I/2024`, `quý 4 năm 2024`, `Q1/2024`, `Q1-2024`, `2024-Q1` | a quarter |
/// | `T8/2024`, `tháng 8/2024`, `tháng 8 năm 2024`, `08/2024`, `2024-08` (ISO) | a month |
/// | `30/6/2024`, `30-06-2024`, `30.6.2024`, `ngày 30/6/2024` (day first) | a day |
///
/// Case and spaces do not matter. A year outside 1900–2100, a month outside 1–12 or a day that
/// does not exist is an error naming the text. (A small scanner, not `Regex`: it is called for
/// every cell that is not in the canonical grammar.)
enum PlannerPeriod {
    /// A piece of the text: a run of letters, a run of digits, or a separator (`/`, `-`, `.`).
    enum Token: Equatable {
        case word(String)
        case number(String)
        case separator(Character)
    }

    /// The text's tokens, lowercased (spaces only separate them); nil for any other character.
    static func tokens(_ text: String) -> [Token]? {
        var out: [Token] = []
        var word = "", number = ""
        func flush() {
            if !word.isEmpty { out.append(.word(word)); word = "" }
            if !number.isEmpty { out.append(.number(number)); number = "" }
        }
        for c in text.lowercased() {
            if c.isLetter {
                if !number.isEmpty { flush() }
                word.append(c)
            } else if c.isASCII, c.isNumber {
                if !word.isEmpty { flush() }
                number.append(c)
            } else if c == "/" || c == "-" || c == "." {
                flush()
                out.append(.separator(c))
            } else if c.isWhitespace {
                flush()
            } else {
                return nil
            }
        }
        flush()
        return out
    }

    /// The period, an error for a recognised form with impossible numbers, or nil for text in none
    /// of the forms.
    static func parse(_ text: String) -> Result<Period, PeriodError>? {
        guard var t = tokens(text), !t.isEmpty else { return nil }
        func fail(_ reason: PeriodError.Reason) -> Result<Period, PeriodError> { .failure(PeriodError(text: text, reason: reason)) }
        func year(_ s: String) -> Result<Int, PeriodError> {
            guard s.count == 4, let y = Int(s), (1900...2100).contains(y) else {
                return .failure(PeriodError(text: text, reason: .yearOutOfRange(s)))
            }
            return .success(y)
        }
        func made(_ y: String, _ build: (Int) -> Result<Period, PeriodError>) -> Result<Period, PeriodError> {
            switch year(y) {
            case let .success(v): build(v)
            case let .failure(e): .failure(e)
            }
        }
        let roman = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4]
        // "năm" (year) before the last number is a filler word: "tháng 8 năm 2024", "quý IV năm 2024".
        if t.count >= 3, case .number = t[t.count - 1], t[t.count - 2] == .word("năm") || t[t.count - 2] == .word("nam"),
           t.first != .word("năm"), t.first != .word("nam") {
            t.remove(at: t.count - 2)
        }
        // Separators are optional between a label and the year: drop one before the last number.
        var plain = t
        if plain.count >= 3, case .separator = plain[plain.count - 2], case .number = plain[plain.count - 1] {
            plain.remove(at: plain.count - 2)
        }
        switch (plain.first, plain.count) {
        case (.word("năm"), 2), (.word("nam"), 2), (.word("year"), 2):
            guard case let .number(y) = plain[1] else { return nil }
            return made(y) { .success(.year($0)) }
        case (.word("ngày"), _), (.word("ngay"), _):
            return parse(String(text.drop { !$0.isNumber }))
        default:
            break
        }
        // 6 tháng đầu/cuối năm YYYY (the filler "năm" is already gone).
        if t.count == 4, case let .number(six) = t[0], Int(six) == 6, t[1] == .word("tháng"), case let .number(y) = t[3] {
            guard t[2] == .word("đầu") || t[2] == .word("cuối") else { return nil }
            return made(y) { .success(.half($0, t[2] == .word("đầu") ? 1 : 2)) }
        }
        // Label, number, year: Quý I/2024, Q1 2024, H1/2024, T8/2024, tháng 8/2024.
        if plain.count == 3, case let .word(label) = plain[0], case let .number(y) = plain[2] {
            let inner: String
            switch plain[1] {
            case let .number(n): inner = n
            case let .word(w) where label == "quý" || label == "quy": inner = w
            default: return nil
            }
            switch label {
            case "quý", "quy", "q":
                guard let q = roman[inner] else { return fail(.romanQuarter) }
                return made(y) { .success(.quarter($0, q)) }
            case "h":
                guard let h = Int(inner), (1...2).contains(h) else { return fail(.half) }
                return made(y) { .success(.half($0, h)) }
            case "t", "tháng", "thang":
                guard let m = Int(inner), (1...12).contains(m) else { return fail(.month) }
                return made(y) { .success(.month($0, m)) }
            default:
                return nil
            }
        }
        // Year first: 2024-Q1, 2024-H1, 2024-08.
        if t.count == 4, case let .number(y) = t[0], y.count == 4, case .separator = t[1], case let .word(label) = t[2], case let .number(n) = t[3] {
            switch label {
            case "q":
                guard let q = roman[n] else { return fail(.quarter) }
                return made(y) { .success(.quarter($0, q)) }
            case "h":
                guard let h = Int(n), (1...2).contains(h) else { return fail(.half) }
                return made(y) { .success(.half($0, h)) }
            default:
                return nil
            }
        }
        if t.count == 3, case let .number(y) = t[0], y.count == 4, t[1] == .separator("-"), case let .number(m) = t[2], m.count == 2 {
            guard let month = Int(m), (1...12).contains(month) else { return fail(.month) }
            return made(y) { .success(.month($0, month)) }
        }
        // Month/year: 08/2024.
        if t.count == 3, case let .number(m) = t[0], m.count <= 2, t[1] == .separator("/"), case let .number(y) = t[2], y.count == 4 {
            guard let month = Int(m), (1...12).contains(month) else { return fail(.month) }
            return made(y) { .success(.month($0, month)) }
        }
        // Day first: 30/6/2024, 30-06-2024, 30.6.2024 (one separator, used twice).
        if t.count == 5, case let .number(d) = t[0], d.count <= 2, case let .separator(s1) = t[1], case let .number(m) = t[2],
           m.count <= 2, t[3] == .separator(s1), case let .number(y) = t[4], y.count == 4 {
            return made(y) { year in
                guard let day = Int(d), let month = Int(m), let value = Period.Day(year: year, month: month, day: day) else {
                    return .failure(PeriodError(text: text, reason: .noSuchDayMonthYear))
                }
                return .success(.date(value))
            }
        }
        return nil
    }
}
