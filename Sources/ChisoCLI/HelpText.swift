import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The argument parser's help screen in Vietnamese: its headings ("OVERVIEW:", "USAGE:", "ARGUMENTS:",
/// "OPTIONS:", "SUBCOMMANDS:"), its own lines ("Show help information.", "Show the version.", "See
/// 'chiso help <subcommand>' for detailed help."), the "(values: …; default: …)" it adds to an option's
/// help, and the placeholders it makes up (`<subcommand>`, `<options>`). Our own texts are already in
/// the run's language (``summary(vi:en:)``, ``ArgumentHelp/text(vi:en:)``).
///
/// swift-argument-parser 1.x writes these words itself and has no hook to change them, so the help is
/// asked for unwrapped (``unwrapped`` columns: one line per paragraph, per option), put into
/// Vietnamese line by line, and wrapped again as the parser wraps (``wrap(_:width:indent:)``: the
/// same greedy rule, the same 26-column label field), so "(mặc định: auto)" is never split by a
/// wrap made for the English words. A line of another form is kept as the parser wrote it.
enum HelpText {
    /// Columns asked of the parser so that it wraps nothing (no help line is this long).
    static let unwrapped = 1 << 20

    /// The parser's label field: an option's description starts at this column (`HelpGenerator.labelColumnWidth`).
    static let labelColumn = 26

    /// The parser's headings and theirs in Vietnamese.
    static let headings: [String: String] = [
        "ARGUMENTS:": "ĐỐI SỐ:", "OPTIONS:": "TÙY CHỌN:", "SUBCOMMANDS:": "CÁC LỆNH:",
    ]

    /// The parser's own descriptions (of `--help`, `--version` and `chiso help`) in Vietnamese.
    static let descriptions: [String: String] = [
        "Show help information.": "Xem hướng dẫn sử dụng.",
        "Show the version.": "Xem số phiên bản.",
        "Show subcommand help information.": "Xem hướng dẫn sử dụng của một lệnh.",
    ]

    /// The placeholders the parser makes up, in Vietnamese (an option's own, `<data>`, names the option and is kept).
    static let placeholders: [(String, String)] = [
        ("<subcommands>", "<lệnh>"), ("<subcommand>", "<lệnh>"), ("<options>", "<tùy chọn>"),
    ]

    /// The parser's note after an option's help: "(values: a, b; default: c)", "(values: a, b)",
    /// "(default: c)", "(default as flag: c)", at the end of the description.
    static let valueNotes: [(pattern: String, template: String)] = [
        ("\\(values: (.+); default: (.*)\\)$", "(giá trị: $1; mặc định: $2)"),
        ("\\(values: (.+); default as flag: (.*)\\)$", "(giá trị: $1; mặc định khi không ghi giá trị: $2)"),
        ("\\(values: (.+)\\)$", "(giá trị: $1)"),
        ("\\(default: (.*)\\)$", "(mặc định: $1)"),
        ("\\(default as flag: (.*)\\)$", "(mặc định khi không ghi giá trị: $1)"),
    ]

    /// Whether `text` (the parser's message for a request that succeeds) is a help screen, not the
    /// version, a completion script or dumped JSON.
    static func isHelp(_ text: String) -> Bool {
        text.hasPrefix("OVERVIEW: ") || text.hasPrefix("USAGE: ")
    }

    /// `text` (a help screen rendered with ``unwrapped`` columns) in Vietnamese, wrapped to `width` columns.
    static func vietnamese(_ text: String, width: Int) -> String {
        let lines = text.components(separatedBy: "\n")
        var out: [String] = []
        var k = 0
        var inSection = false
        var usageIndent: (from: Int, to: Int)?
        while k < lines.count {
            let line = lines[k]
            k += 1
            if line.hasPrefix("OVERVIEW: ") {
                let abstract = String(line.dropFirst("OVERVIEW: ".count))
                out += wrap("MÔ TẢ: " + (descriptions[abstract] ?? abstract), width: width)
            } else if line.hasPrefix("USAGE: ") {
                out.append("CÁCH DÙNG: " + localPlaceholders(String(line.dropFirst("USAGE: ".count))))
                usageIndent = ("USAGE: ".count, "CÁCH DÙNG: ".count)
                inSection = false
            } else if let indent = usageIndent, line.hasPrefix(String(repeating: " ", count: indent.from)) {
                // The usage's further lines, hung under its first.
                out.append(String(repeating: " ", count: indent.to) + localPlaceholders(String(line.dropFirst(indent.from))))
            } else if let heading = headings[line] {
                out.append(heading)
                inSection = true
                usageIndent = nil
            } else if let see = seeLine(line) {
                out.append(see)
            } else if inSection, line.hasPrefix("  "), !line.hasPrefix(String(repeating: " ", count: labelColumn)) {
                // An element: its label, and its description on the same line, or on the next (a long label).
                let pad = String(repeating: " ", count: labelColumn)
                var label = line, description = ""
                if k < lines.count, lines[k].hasPrefix(pad) {
                    description = lines[k].trimmingCharacters(in: .whitespaces)
                    k += 1
                } else if line.count > labelColumn {
                    label = String(line.prefix(labelColumn))
                    description = String(line.dropFirst(labelColumn))
                }
                label = localPlaceholders(label.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
                out += element(label: label, description: localDescription(description), width: width)
            } else {
                if line.isEmpty { usageIndent = nil }
                out += wrap(descriptions[line] ?? line, width: width)
            }
        }
        return out.joined(separator: "\n")
    }

    /// An element as the parser lays it out: a label shorter than the field with its description
    /// beside it from column 26, a longer one on its own line with the description below.
    static func element(label: String, description: String, width: Int) -> [String] {
        guard !description.isEmpty else { return [label] }
        let wrapped = wrap(description, width: width, indent: labelColumn)
        guard label.count < labelColumn, let first = wrapped.first else { return [label] + wrapped }
        return [label + String(first.dropFirst(label.count))] + wrapped.dropFirst()
    }

    /// An option's description in Vietnamese: the parser's own, or ours with the parser's note on values turned.
    static func localDescription(_ description: String) -> String {
        if let own = descriptions[description] { return own }
        for (pattern, template) in valueNotes {
            guard let range = description.range(of: pattern, options: .regularExpression) else { continue }
            let note = description[range].replacingOccurrences(of: pattern, with: template, options: .regularExpression)
            return description[..<range.lowerBound] + note
        }
        return description
    }

    /// "  See 'chiso help <subcommand>' for detailed help." in Vietnamese, or nil for another line.
    static func seeLine(_ line: String) -> String? {
        guard let match = line.firstMatch(of: /^  See '(.+)' for detailed help\.$/) else { return nil }
        return "  Xem hướng dẫn chi tiết của từng lệnh: \(localPlaceholders(String(match.1)))"
    }

    /// `text` with the parser's placeholders in Vietnamese.
    static func localPlaceholders(_ text: String) -> String {
        placeholders.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// `text` (one line) wrapped to `width` columns, further lines indented by `indent` (the first
    /// too, as the parser does before it puts the label in front): the parser's greedy rule (break at
    /// the last space within the columns left, else at the next space), so that an English help
    /// wrapped here reads as the parser's. Columns count characters (a Vietnamese letter is one).
    static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let columns = max(width - indent, 10)
        let pad = String(repeating: " ", count: indent)
        var result: [Substring] = []
        var rest = text[...]
        while true {
            let chunk = rest.prefix(columns)
            if chunk.endIndex == rest.endIndex {
                result.append(rest)
                break
            } else if let space = chunk.lastIndex(of: " ") {
                result.append(rest[..<space])
                rest = rest[rest.index(after: space)...]
            } else if let space = rest.firstIndex(of: " ") {
                result.append(rest[..<space])
                rest = rest[rest.index(after: space)...]
            } else {
                result.append(rest)
                break
            }
        }
        return result.map { $0.isEmpty ? "" : pad + $0 }
    }

    /// The width to wrap to, as the parser finds it: `$COLUMNS` when it is a positive number, else
    /// the terminal's width when standard output is one, else 80.
    static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
