import ArgumentParser
import Chiso
import Foundation

extension Language: ExpressibleByArgument {}

/// `--lang vi|en` for every command; the default is `$CHISO_LANG` when it names a language, else vi.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: .text(vi: "vi (mặc định; hoặc theo $CHISO_LANG) hoặc en: ngôn ngữ của nhãn, lời văn và cách ghi số.",
                                                   en: "vi (default; or $CHISO_LANG) or en: the language of labels, words and numbers."))
    var value: Language?

    /// The language asked for.
    var language: Language { value ?? Self.environment }

    /// `$CHISO_LANG` (vi, en, or a locale such as en_US.UTF-8), else vi.
    static var environment: Language {
        guard let raw = ProcessInfo.processInfo.environment["CHISO_LANG"]?.lowercased() else { return .vi }
        return raw.hasPrefix("en") ? .en : .vi
    }

    /// The language of this run's messages, read from its arguments as ``language`` would be (the
    /// last `--lang vi|en` or `--lang=vi|en`, else ``environment``), so that an error found before or
    /// while the command's options are parsed is worded in the language asked for.
    static var process: Language { language(in: Array(CommandLine.arguments.dropFirst())) }

    /// The language `arguments` ask for (the last valid `--lang`), else ``environment``.
    static func language(in arguments: [String]) -> Language {
        var found: Language?
        for (k, argument) in arguments.enumerated() {
            if argument == "--" { break }
            let value: String?
            if argument == "--lang" { value = k + 1 < arguments.count ? arguments[k + 1] : nil }
            else if argument.hasPrefix("--lang=") { value = String(argument.dropFirst("--lang=".count)) }
            else { value = nil }
            if let value, let l = Language(rawValue: value) { found = l }
        }
        return found ?? environment
    }
}

/// A command's one-line summary in the language of this run (``LanguageOption/process``: argument-parser
/// builds `--help` before any option is parsed, so the language is read from the arguments as written).
func summary(vi: String, en: String) -> String { LanguageOption.process == .vi ? vi : en }

extension ArgumentHelp {
    /// An option's or argument's help in the language of this run (``summary(vi:en:)``), as
    /// `@Option(help: .text(vi: "…", en: "…"))`. The parser's own words around it (headings, "(values:
    /// …; default: …)") are put into Vietnamese by ``HelpText``.
    static func text(vi: String, en: String) -> ArgumentHelp { ArgumentHelp(summary(vi: vi, en: en)) }
}
