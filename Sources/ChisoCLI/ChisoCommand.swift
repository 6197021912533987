import ArgumentParser
import Chiso

/// The `chiso` command: configuration only; each subcommand lives in `Commands/`.
@main
struct ChisoCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "chiso",
            abstract: summary(vi: "Xu hướng, dự báo và bảng khoảng cách đến mục tiêu cho các chỉ tiêu kế hoạch.",
                         en: "Trends, projections and gap-to-target tables for planning indicators."),
            discussion: summary(vi: """
                Chiso ước lượng xu hướng phù hợp với bản chất từng chỉ tiêu (tỷ lệ không vượt 100 %, số \
                lượng, điểm, thứ hạng), dự báo kèm khoảng dự báo đã kiểm tra trên số liệu thực, và ghi \
                bảng khoảng cách đến mục tiêu. Lỗi số liệu được báo trên một dòng (tệp:dòng:cột), mã thoát 1. \
                Dùng --lang en cho tiếng Anh.

                Bắt đầu: tạo sổ tính mẫu, điền số liệu trong Excel, rồi lập báo cáo:
                  chiso data template --out mau-so-lieu.xlsx
                  chiso report --data mau-so-lieu.xlsx --out bao-cao

                Ví dụ khác:
                  chiso report --out bao-cao
                  chiso forecast --indicator dvctt_with_applications_share --entity dak_nong
                  chiso help gaps
                """, en: """
                Chiso fits trends that respect what an indicator is (a share bounded by 100 %, a count, \
                a score, a rank), projects them with honest intervals, and writes gap-to-target tables. \
                Data problems are reported on one line (file:line:column) with exit status 1.

                Getting started: write the template, fill it in Excel, then write the report:
                  chiso data template --out template.xlsx
                  chiso report --data template.xlsx --out report

                Examples:
                  chiso report --out report
                  chiso forecast --indicator dvctt_with_applications_share --entity dak_nong
                  chiso help gaps
                """),
            version: "0.1.0",
            subcommands: [ReportCommand.self, BacktestCommand.self, CalibrateCommand.self, GapsCommand.self, CompareCommand.self, ForecastCommand.self, DataCommand.self, RegressCommand.self, NotebookCommand.self]
        )
    }

    /// Sets up signals (``Console/setUp()``), then parses and runs the command. An error is printed as
    /// one line in the run's language (``LanguageOption/process``; ``ErrorText``), made safe for a
    /// terminal (``MessageText/line(_:)``), with exit status 1; the parser's usage errors keep its
    /// exit status (64) and, in Vietnamese, are put into Vietnamese (``ParserMessages``), as are its
    /// help screens (``HelpText``).
    static func main() {
        Console.setUp()
        let language = LanguageOption.process
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(parserArguments(Array(CommandLine.arguments.dropFirst())))
        } catch {
            exitFromParser(error, language)
        }
        do {
            try command.run()
        } catch {
            // The parser's own errors (help requests, usage errors, exit codes) go to it unchanged.
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { exitFromParser(error, language) }
            fail(error, language)
        }
    }

    /// Prints `error` as one line in `language` on standard error and exits with status 1.
    static func fail(_ error: any Error, _ language: Language) -> Never {
        let label = language == .vi ? "Lỗi: " : "Error: "
        Console.error(label + MessageText.line(ErrorText.phrase(error).text(language)) + "\n")
        exit(withError: ExitCode.failure)
    }

    /// The run's arguments as the parser is to read them: `chiso help gaps --lang en` asks for the
    /// help of `gaps` in English, but `help` takes no options, so there its `--lang` (read by
    /// ``LanguageOption/process``) is left out.
    static func parserArguments(_ arguments: [String]) -> [String] {
        guard arguments.first == "help" else { return arguments }
        var out: [String] = []
        var k = 0
        while k < arguments.count {
            let argument = arguments[k]
            if argument == "--" { out += arguments[k...]; break }
            if argument == "--lang" { k += 2; continue }
            k += 1
            if !argument.hasPrefix("--lang=") { out.append(argument) }
        }
        return out
    }

    /// Exits as the parser would for `error`; in Vietnamese, a help screen is printed in Vietnamese
    /// (``HelpText``) on standard output with exit status 0, and a usage error's message is put into
    /// Vietnamese (``ParserMessages``); the version is printed as it is.
    static func exitFromParser(_ error: any Error, _ language: Language) -> Never {
        let code = exitCode(for: error)
        guard language == .vi else { exit(withError: error) }
        if code == .success {
            let help = fullMessage(for: error, columns: HelpText.unwrapped)
            guard HelpText.isHelp(help) else { exit(withError: error) }
            do {
                try Console.out(HelpText.vietnamese(help, width: HelpText.terminalWidth) + "\n")
            } catch {
                fail(error, language)
            }
            exit(withError: ExitCode.success)
        }
        let text = fullMessage(for: error)
        if !text.isEmpty { Console.error("Lỗi: " + ParserMessages.vietnamese(text) + "\n") }
        exit(withError: code)
    }
}
