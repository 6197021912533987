import Foundation
import Indicators

/// Markdown, CSV and JSON renderings of ``ReportTable``s; all show the same cell values.
public enum TextRenderers {
    /// A Markdown section: heading and pipe table, numbers formatted for the language.
    public static func markdown(_ table: ReportTable, language: Language) -> String {
        let escape = markdownEscape
        // Written into one string as it goes, each line ended by a line feed (a national projections
        // file is 29 MB: its lines, joined, then ended, were three copies of it).
        var out = "## \(escape(table.title(language)))\n\n"
        for sentence in table.lead { out += escape(sentence.text(language)) + "\n\n" }
        out += "| " + table.columns.map { escape($0.label(language)) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { c in
            if case .text = c.format { return "---" }
            return "---:"
        }.joined(separator: "|") + "|\n"
        for (i, row) in table.rows.enumerated() {
            out += "| "
            for (j, (column, cell)) in zip(table.columns, row).enumerated() {
                if j > 0 { out += " | " }
                out += escape(table.display(cell, column: column, row: i, language: language))
            }
            out += " |\n"
        }
        return out
    }

    /// A cell's text made inert in Markdown: HTML's `&`, `<` and `>` as entities (so no tag, script
    /// or image runs when the file is rendered), Markdown's backslash, bar, backtick, `*`, `[`, `]`, `~`
    /// and a word-boundary `_` backslash-escaped (so text cannot become a link, code or emphasis), line
    /// breaks as spaces and other control characters dropped.
    public static func markdownEscape(_ s: String) -> String {
        // Most cells (numbers, ids, plain words) need nothing: printable ASCII without a special character.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !Self.markdownSpecial.contains($0) }) { return s }
        // Vietnamese text needs nothing either: printable ASCII without a special character, and
        // letters of the Latin ranges Vietnamese uses (À–ɏ, combining marks, Ạ–ỹ), the dashes,
        // the minus sign and the non-breaking space (no control or format character among them).
        if s.unicodeScalars.allSatisfy({ c in
            let v = c.value
            return v < 0x80 ? (v >= 0x20 && v < 0x7F && !Self.markdownSpecial.contains(UInt8(v)))
                : (0xC0...0x24F).contains(v) || (0x300...0x36F).contains(v) || (0x1E00...0x1EFF).contains(v)
                    || v == 0xA0 || v == 0x2013 || v == 0x2014 || v == 0x2212 || v == 0x2264 || v == 0x2265
        }) { return s }
        var out = ""
        let scalars = Array(s.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "|", "`", "*", "[", "]", "~": out += "\\" + String(c)
            case "_":
                let before = i > 0 ? scalars[i - 1] : " ", after = i + 1 < scalars.count ? scalars[i + 1] : " "
                let inside = before.properties.isAlphabetic || before.properties.numericType != nil
                let insideAfter = after.properties.isAlphabetic || after.properties.numericType != nil
                out += inside && insideAfter ? "_" : "\\_"
            case "\n", "\r", "\t": out += " "
            default:
                // The category read once per character (a table lookup: a national report escapes
                // millions of Vietnamese letters).
                let category = c.properties.generalCategory
                if category == .control || category == .format && c.value < 0x2000 { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Bytes ``markdownEscape(_:)`` may change.
    static let markdownSpecial: Set<UInt8> = Set("&<>\\|`*[]~_".utf8)

    /// CSV for Excel: UTF-8 with a byte-order mark, header labels in the language, numbers as plain
    /// dot decimals (machine-readable, full precision), and text cells that a spreadsheet would run as
    /// formulas prefixed with `'` (`CSVWriter.neutralise(_:)`, in Indicators).
    public static func csv(_ table: ReportTable, language: Language) -> String {
        var out = "\u{FEFF}"
        out += csvLine(table.columns.map { neutralise($0.label(language)) })
        for row in table.rows {
            out += csvLine(row.map { cell in
                switch cell {
                case let .text(s): neutralise(s)
                case let .phrase(p): neutralise(p.text(language))
                case let .number(v): v.map { $0.isFinite ? shortest($0) : "" } ?? ""
                }
            })
        }
        return out
    }

    /// Several tables in one CSV file, as a spreadsheet shows them: one byte-order mark, then each
    /// table as its title on a line of its own, its header and rows, and an empty line; one table is
    /// ``csv(_:language:)`` itself.
    public static func csv(_ tables: [ReportTable], language: Language) -> String {
        guard tables.count > 1 else { return tables.first.map { csv($0, language: language) } ?? "\u{FEFF}" }
        var out = "\u{FEFF}"
        for (k, table) in tables.enumerated() {
            if k > 0 { out += "\r\n" }
            out += csvLine([neutralise(table.title(language))])
            out += csv(table, language: language).dropFirst()
        }
        return out
    }

    /// One CSV record with the CRLF line end Excel expects (quoting by ``CSVWriter``).
    static func csvLine(_ fields: [String]) -> String { CSVWriter.line(fields) + "\r\n" }

    /// Prefixes formula-looking text with an apostrophe: `CSVWriter.neutralise(_:)` (Indicators), the one rule
    /// every CSV writer uses.
    public static func neutralise(_ s: String) -> String { CSVWriter.neutralise(s) }

    static func shortest(_ v: Double) -> String { v.clean }

    /// JSON: an object with `id`, `title`, and `rows` as objects keyed by column key; numbers stay
    /// numbers (round-trip exact), missing numbers are null.
    public static func json(_ tables: [ReportTable], language: Language) -> String {
        // Written into one string as it goes (a national projections file is 80 MB: its rows, joined,
        // then wrapped, were several copies of it).
        var out = "[\n"
        for (k, table) in tables.enumerated() {
            if k > 0 { out += ",\n" }
            out += "  {\"id\": \(quote(table.id)), \"title\": \(quote(table.title(language))), "
            if !table.lead.isEmpty { out += "\"lead\": [" + table.lead.map { quote($0.text(language)) }.joined(separator: ", ") + "], " }
            out += "\"rows\": [\n"
            for (i, row) in table.rows.enumerated() {
                out += i > 0 ? ",\n    {" : "    {"
                for (j, (column, cell)) in zip(table.columns, row).enumerated() {
                    if j > 0 { out += ", " }
                    out += quote(column.key)
                    out += ": "
                    switch cell {
                    case let .text(s): out += quote(s)
                    case let .phrase(p): out += quote(p.text(language))
                    case let .number(v): out += v.map { $0.isFinite ? shortest($0) : "null" } ?? "null"
                    }
                }
                out += "}"
            }
            out += "\n  ]}"
        }
        out += "\n]\n"
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, and `<` written
    /// as `\u003c` so the text is also safe inside HTML.
    public static func quote(_ s: String) -> String {
        // Most texts (ids, names, words) hold none of the characters below: quoted as they are.
        // (Every byte of a UTF-8 sequence beyond ASCII is ≥ 0x80, so checking bytes is enough.)
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "<") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // safe to embed in HTML
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
