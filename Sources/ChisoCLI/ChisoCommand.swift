import ArgumentParser
import Chiso

/// The `chiso` command: configuration only; each subcommand lives in `Commands/`.
@main
struct ChisoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chiso",
        abstract: "Trends, projections and gap-to-target tables for planning indicators.",
        discussion: """
            Chiso fits trends that respect what an indicator is (a share bounded by 100 %, a count, \
            a score, a rank), projects them with honest intervals, and writes gap-to-target tables. \
            Data problems are reported on one line (file:line:column) with exit status 1.

            Examples:
              chiso report --out report
              chiso forecast --indicator dvctt_with_applications_share --entity dak_nong --to 2025,2030
              chiso help gaps
            """,
        version: "0.1.0",
        subcommands: [ReportCommand.self, BacktestCommand.self, CalibrateCommand.self, GapsCommand.self, CompareCommand.self, ForecastCommand.self, DataCommand.self, RegressCommand.self, NotebookCommand.self]
    )

    /// Sets up signals (``Console/setUp()``), then parses and runs the command; an error from the
    /// command is printed as one line made safe for a terminal (``MessageText/line(_:)``).
    static func main() {
        Console.setUp()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(nil)
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            // The parser's own errors (help requests, usage errors, exit codes) go to it unchanged.
            let fromParser = String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
            exit(withError: fromParser ? error : SafeMessage(String(describing: error)))
        }
    }
}

/// An error whose message is printed through ``MessageText/line(_:)``.
struct SafeMessage: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = MessageText.line(text) }
}
