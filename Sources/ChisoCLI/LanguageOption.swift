import ArgumentParser
import Chiso
import Foundation

extension Language: ExpressibleByArgument {}

/// `--lang vi|en` for every command; the default is `$CHISO_LANG` when it names a language, else vi.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: "vi (default; or $CHISO_LANG) or en: the language of labels, words and numbers.")
    var value: Language?

    /// The language asked for.
    var language: Language { value ?? Self.environment }

    /// `$CHISO_LANG` (vi, en, or a locale such as en_US.UTF-8), else vi.
    static var environment: Language {
        guard let raw = ProcessInfo.processInfo.environment["CHISO_LANG"]?.lowercased() else { return .vi }
        return raw.hasPrefix("en") ? .en : .vi
    }
}
