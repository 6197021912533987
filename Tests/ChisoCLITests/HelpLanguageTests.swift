import ChisoTestSupport
import Foundation
import Testing

/// `--help` in the run's language. In Vietnamese (the default), every command's help has the
/// parser's headings and own lines in Vietnamese, every option, argument and command described in
/// Vietnamese, and no English word left (``LanguageTests/strangers(_:name:language:data:)``, the scan
/// of every other output); in English, the help has the parser's headings as before, and the same
/// sections and entries as the Vietnamese.
@Suite struct HelpLanguageTests {
    /// Every command and subcommand.
    static let commands: [[String]] = [
        [], ["report"], ["backtest"], ["calibrate"], ["gaps"], ["compare"], ["forecast"], ["regress"],
        ["data"], ["data", "validate"], ["data", "list"], ["data", "show"], ["data", "import"], ["data", "template"], ["data", "export"],
        ["notebook"], ["notebook", "run"], ["notebook", "update"],
    ]

    /// The parser's headings and their Vietnamese.
    static let headings = ["OVERVIEW:": "MÔ TẢ:", "USAGE:": "CÁCH DÙNG:", "ARGUMENTS:": "ĐỐI SỐ:", "OPTIONS:": "TÙY CHỌN:",
                           "SUBCOMMANDS:": "CÁC LỆNH:"]

    /// The parser's English, none of which may be left in a Vietnamese help.
    static let parserEnglish = ["OVERVIEW", "USAGE", "ARGUMENTS", "OPTIONS", "SUBCOMMANDS", "Show help information", "Show the version",
                                "for detailed help", "See '", "(default", "(values", "default:", "values:", "<subcommand>", "<options>"]

    /// ASCII words a Vietnamese help may hold besides ``LanguageTests/viAllowed``, the values an
    /// option lists and codes (words with a digit or an underscore), each a name a user types or a
    /// proper name: the programs and formats named (Word, Excel, Markdown, git diff, R), Times New
    /// Roman (the font of an administrative document), the key Ctrl-C, the abbreviations OLS, WLS, QR
    /// (the regression's method) and BOM (the byte-order mark of a CSV), the values of `--model` (a
    /// free text option, so the parser lists none), the optional `field` column of a long panel, and
    /// the names of a report's files (`gaps.{md,…}`, `comparison-*.{md,…}`).
    static let helpAllowed: Set<String> = [
        "Word", "Excel", "Markdown", "git", "diff", "R", "Times", "New", "Roman", "Ctrl", "C", "OLS", "WLS", "QR", "BOM",
        "linear", "loglinear", "drift", "mean", "field", "gaps", "comparison",
    ]

    /// Vietnamese syllables that are written without marks, as in the help (``LanguageTests/viAllowed``
    /// lists those of the other outputs), "web" of "trang web" and "S" of "đường cong chữ S". Three are
    /// English words too ("in", "do", "so": to print, because, to compare); no English sentence is made
    /// of them alone, and its other words are caught.
    static let unmarked: Set<String> = [
        "bao", "cao", "chi", "Chi", "Chia", "cho", "chung", "danh", "dang", "do", "dung", "duy", "giai", "gian", "in", "In", "khi", "Khi",
        "ma", "Ma", "mong", "ra", "ro", "S", "sau", "so", "tay", "thay", "thu", "tinh", "tra", "trang", "trung", "truy", "vai", "web", "Xu",
    ]

    /// Runs `chiso command --help` in `language` wrapped to `columns`.
    static func help(_ command: [String], _ language: String, columns: Int = 80) throws -> String {
        let r = try runChiso(command + ["--help", "--lang", language], environment: ["COLUMNS": String(columns)])
        #expect(r.status == 0 && r.stderr.isEmpty, "chiso \(command.joined(separator: " ")) --help: \(r.stderr)")
        return r.stdout
    }

    /// One entry of a help section: its label and its description (the lines beside and below it
    /// from column 26, joined).
    struct Entry: Equatable {
        var label: String, description: String
    }

    /// The sections of a help (each heading with its entries): an entry starts with a line indented
    /// by 2, its description runs on lines indented by 26.
    static func sections(_ help: String) -> [(heading: String, entries: [Entry])] {
        var out: [(heading: String, entries: [Entry])] = []
        let field = String(repeating: " ", count: 26)
        for line in help.components(separatedBy: "\n") {
            if line.hasSuffix(":"), !line.hasPrefix(" "), line == line.uppercased() {
                out.append((line, []))
            } else if line.isEmpty || !line.hasPrefix("  ") || out.isEmpty || line.hasPrefix("  Xem ") || line.hasPrefix("  See ") {
                continue
            } else if line.hasPrefix(field), var last = out.last?.entries.last {
                last.description += (last.description.isEmpty ? "" : " ") + line.trimmingCharacters(in: .whitespaces)
                out[out.count - 1].entries[out[out.count - 1].entries.count - 1] = last
            } else {
                let label = String(line.prefix(26)).trimmingCharacters(in: .whitespaces)
                let description = line.count > 26 && line.prefix(26).hasSuffix(" ") ? String(line.dropFirst(26)) : ""
                out[out.count - 1].entries.append(Entry(label: line.count > 26 && description.isEmpty ? line.trimmingCharacters(in: .whitespaces) : label,
                                                        description: description))
            }
        }
        return out
    }

    /// The headings of a help: the section headings and the first words of its overview and usage.
    static func headingSet(_ help: String) -> Set<String> {
        var out = Set(sections(help).map(\.heading))
        for line in help.components(separatedBy: "\n") {
            for heading in ["OVERVIEW:", "USAGE:", "MÔ TẢ:", "CÁCH DÙNG:"] where line.hasPrefix(heading + " ") { out.insert(heading) }
        }
        return out
    }

    /// Whether `text` has a letter of Vietnamese (outside ASCII).
    static func hasVietnamese(_ text: String) -> Bool { text.contains { $0.isLetter && !$0.isASCII } }

    /// What `help` says in words not of Vietnamese: ``LanguageTests/strangers(_:name:language:data:)``
    /// on the help without its example lines (commands as typed), lists of codes written without
    /// spaces (a CSV header `indicator,entity,time,value`, `share|count|score|rank`), the names of
    /// commands in the section that lists them, and fenced block
    /// names (```` ```output ````), with the values the parser lists for an option, and words holding
    /// a digit or an underscore (codes: `lo80`, `E7`, `ratio_mismatch`, `$CHISO_DATA`), allowed.
    static func englishWords(_ help: String) throws -> Set<String> {
        var values: Set<String> = []
        for m in help.matches(of: /\(giá trị: ([^;)]+)/) { values.formUnion(LanguageTests.tokens(String(m.1))) }
        for m in help.matches(of: /mặc định: ([^ ;)]+)\)/) { values.formUnion(LanguageTests.tokens(String(m.1))) }
        // Example lines, and the names of commands (the labels of the section of commands), as typed.
        var lines: [String] = []
        var inCommands = false
        for line in help.components(separatedBy: "\n") where !line.hasPrefix("  chiso ") {
            if !line.hasPrefix(" ") { inCommands = line == "CÁC LỆNH:" }
            lines.append(inCommands && line.hasPrefix("  ") && !line.hasPrefix("   ") ? String(line.drop { $0 == " " }.drop { $0 != " " }) : line)
        }
        var text = lines.joined(separator: "\n")
        text = text.replacingOccurrences(of: "[A-Za-z0-9_]+(?:[,|][A-Za-z0-9_]+)+", with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "```[a-z]+", with: " ", options: .regularExpression)
        let found = try LanguageTests.strangers(text, name: "help.txt", language: "vi", data: values.union(helpAllowed).union(unmarked))
        return found.filter { !$0.contains { $0.isNumber || $0 == "_" } }
    }

    /// In Vietnamese, no heading or line of the parser is left in English, every entry of every
    /// section has a Vietnamese description, and no English word is left (help wrapped to 80
    /// columns, as in a terminal or a pipe, and unwrapped, so that every example is one line).
    @Test(arguments: commands)
    func vietnameseHelpHasNoEnglish(_ command: [String]) throws {
        let name = "chiso " + (command + ["--help"]).joined(separator: " ")
        let help = try Self.help(command, "vi")
        for english in Self.parserEnglish { #expect(!help.contains(english), "\(name): \(english)") }
        #expect(help.hasPrefix("MÔ TẢ: ") && help.contains("\nCÁCH DÙNG: chiso") && help.contains("\nTÙY CHỌN:\n"), "\(name)")
        #expect(help.contains("  -h, --help              Xem hướng dẫn sử dụng.\n"), "\(name)")
        let sections = Self.sections(help)
        #expect(Set(sections.map(\.heading)).isSubset(of: Set(Self.headings.values)), "\(name): \(sections.map(\.heading))")
        for (heading, entries) in sections {
            #expect(!entries.isEmpty, "\(name): \(heading) is empty")
            for entry in entries {
                // Our description, without the parser's note on values at its end.
                let own = entry.description.replacingOccurrences(of: " ?\\((giá trị|mặc định): [^()]*\\)$", with: "", options: .regularExpression)
                #expect(Self.hasVietnamese(own), "\(name): \(entry.label): \"\(entry.description)\"")
            }
        }
        let wide = try Self.help(command, "vi", columns: 1000)
        #expect(Self.sections(wide).map(\.entries) == sections.map(\.entries), "\(name): the entries differ with the width")
        let english = try Self.englishWords(wide)
        #expect(english.isEmpty, "\(name): \(english.sorted())")
    }

    /// In English, the help has the parser's own headings and lines, as before; the Vietnamese has
    /// the same sections with the same entries (the same labels) under the headings in Vietnamese.
    @Test(arguments: commands)
    func englishHelpKeepsTheParsersHeadings(_ command: [String]) throws {
        let name = "chiso " + (command + ["--help", "--lang", "en"]).joined(separator: " ")
        let en = try Self.help(command, "en"), vi = try Self.help(command, "vi")
        let expected = Set(Self.headingSet(en).compactMap { Self.headings[$0] })
        #expect(Self.headingSet(en).isSubset(of: Set(Self.headings.keys)) && Self.headingSet(en).isSuperset(of: ["OVERVIEW:", "USAGE:", "OPTIONS:"]),
                "\(name): \(Self.headingSet(en).sorted())")
        #expect(Self.headingSet(vi) == expected, "\(name): \(Self.headingSet(vi).sorted()) against \(expected.sorted())")
        #expect(en.contains("  -h, --help              Show help information.\n") && !en.contains("Xem hướng dẫn"), "\(name)")
        #expect(!Self.hasVietnamese(Self.sections(en).flatMap(\.entries).map(\.label).joined()), "\(name)")
        let placeholders = ["<lệnh>": "<subcommand>", "<tùy chọn>": "<options>"]
        let viLabels = Self.sections(vi).flatMap(\.entries).map { placeholders[$0.label] ?? $0.label }
        #expect(Self.sections(en).flatMap(\.entries).map(\.label) == viLabels, "\(name)")
        if command.isEmpty || command == ["data"] {
            #expect(en.contains("\n  See 'chiso help \(command.isEmpty ? "" : "data ")<subcommand>' for detailed help."), "\(name)")
            #expect(vi.contains("\n  Xem hướng dẫn chi tiết của từng lệnh: chiso help \(command.isEmpty ? "" : "data ")<lệnh>"), "\(name)")
        }
    }

    /// `chiso help COMMAND` is `chiso COMMAND --help` in either language (`--lang` after it too), a
    /// command group run without a command shows its help, and the version is printed as it is.
    @Test func helpCommandGroupsAndVersion() throws {
        for command in [["gaps"], ["data"], ["data", "template"]] {
            for language in ["vi", "en"] {
                let viaHelp = try runChiso(["help"] + command + ["--lang", language], environment: ["COLUMNS": "80"])
                let direct = try Self.help(command, language)
                #expect(viaHelp.status == 0 && viaHelp.stdout == direct, "chiso help \(command) --lang \(language): \(viaHelp.stderr)")
            }
        }
        let group = try runChiso(["data"], environment: ["COLUMNS": "80", "CHISO_LANG": "vi"])
        let dataHelp = try Self.help(["data"], "vi")
        #expect(group.status == 0 && group.stdout == dataHelp, "\(group.stderr)")
        let helpHelp = try runChiso(["help", "help", "--lang", "vi"])
        #expect(helpHelp.stdout.hasPrefix("MÔ TẢ: Xem hướng dẫn sử dụng của một lệnh.\n\nCÁCH DÙNG: chiso help [<lệnh> ...]"), "\(helpHelp.stdout)")
        for language in ["vi", "en"] {
            let version = try runChiso(["--version", "--lang", language])
            #expect(version.status == 0 && version.stdout == "0.1.0\n" && version.stderr.isEmpty)
        }
    }

    /// The top command's help shows how a planner starts: the template, then the report of it.
    @Test func topHelpStartsWithTheTemplate() throws {
        let vi = try Self.help([], "vi"), en = try Self.help([], "en")
        #expect(vi.contains("\n  chiso data template --out mau-so-lieu.xlsx\n  chiso report --data mau-so-lieu.xlsx --out bao-cao\n"), "\(vi)")
        #expect(en.contains("\n  chiso data template --out template.xlsx\n  chiso report --data template.xlsx --out report\n"), "\(en)")
    }

    /// The Vietnamese wrap keeps the parser's layout: no line over the width unless it is one word,
    /// descriptions from column 26, the parser's note never cut from its option.
    @Test func vietnameseHelpIsWrappedAsTheParserWraps() throws {
        for columns in [60, 80, 120] {
            let help = try Self.help(["forecast"], "vi", columns: columns)
            for line in help.components(separatedBy: "\n") where line.count > columns {
                #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "\(columns): \(line)")
            }
            let wide = Self.sections(try Self.help(["forecast"], "vi", columns: 1000))
            #expect(Self.sections(help).map(\.entries) == wide.map(\.entries), "\(columns)")
            #expect(help.contains("\n  --model <model>         auto (tự chọn), linear"), "\(columns)")
        }
    }
}
