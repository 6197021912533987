import Foundation

/// The argument parser's own messages (usage errors: a missing argument, an unknown option, a value
/// that is not one of the choices) in Vietnamese. swift-argument-parser writes them in English and
/// returns no typed value to word, so its few sentence forms are matched here; a line in another
/// form is kept as the parser wrote it. The "Help:" line, which quotes an option's English help, is
/// left out (the usage line and `--help` follow).
enum ParserMessages {
    /// Sentence forms of the parser and their Vietnamese, in the order they are tried.
    static let forms: [(pattern: String, template: String)] = [
        ("^Missing expected argument '(.+)'$", "Thiếu đối số bắt buộc '$1'"),
        ("^Missing one of: (.+)$", "Thiếu một trong các đối số: $1"),
        ("^Missing value for '(.+)'$", "Thiếu giá trị cho '$1'"),
        ("^Unknown option '(.+)'\\. Did you mean '(.+)'\\?$", "Không có tùy chọn '$1'. Có phải ý bạn là '$2'?"),
        ("^Unknown option '(.+)'$", "Không có tùy chọn '$1'"),
        ("^Unexpected argument '(.+)'$", "Đối số thừa '$1'"),
        ("^([0-9]+) unexpected arguments: (.+)$", "$1 đối số thừa: $2"),
        ("^The option '(.+)' does not take any value, but '(.+)' was specified\\.$", "Tùy chọn '$1' không nhận giá trị, nhưng đã ghi '$2'."),
        ("^Value to be set with (.+) had already been set with (.+)$", "Giá trị ghi bằng $1 đã được ghi bằng $2"),
        ("^The value '(.*)' is invalid for '(.+)'\\. Please provide one of (.+)\\.$", "Giá trị '$1' không hợp lệ cho '$2'. Hãy dùng một trong các giá trị $3."),
        ("^The value '(.*)' is invalid for '(.+)'\\. Please provide one of the following:$", "Giá trị '$1' không hợp lệ cho '$2'. Hãy dùng một trong các giá trị sau:"),
        ("^The value '(.*)' is invalid for '(.+)'$", "Giá trị '$1' không hợp lệ cho '$2'"),
        ("^Usage: (.*)$", "Cách dùng: $1"),
        ("^  See '(.+)' for more information\\.$", "  Xem '$1' để biết thêm."),
    ]

    /// `text` (the parser's full message, "Error: …" first) in Vietnamese, without the "Error: " label
    /// and without the "Help:" line.
    static func vietnamese(_ text: String) -> String {
        var lines: [String] = []
        for var line in text.components(separatedBy: "\n") {
            if line.hasPrefix("Error: ") { line.removeFirst("Error: ".count) }
            if line.hasPrefix("Help:  ") { continue }
            lines.append(translate(line))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// One line in Vietnamese when it has one of the parser's forms (lists of choices "'a', 'b' or 'c'"
    /// joined with "hoặc"), else as it is.
    static func translate(_ line: String) -> String {
        for (pattern, template) in forms {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { continue }
            var out = template
            for k in stride(from: match.numberOfRanges - 1, through: 1, by: -1) {
                guard let range = Range(match.range(at: k), in: line) else { continue }
                var group = String(line[range])
                if pattern.contains("Please provide one of (.+)") && k == 3 {
                    group = group.replacingOccurrences(of: "' and '", with: "' và '").replacingOccurrences(of: "' or '", with: "' hoặc '")
                }
                out = out.replacingOccurrences(of: "$\(k)", with: group)
            }
            return out
        }
        return line
    }
}
