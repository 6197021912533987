import ArgumentParser

/// The `chiso` command: configuration only; each subcommand lives in `Commands/`.
@main
struct ChisoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chiso",
        abstract: "Trends, projections and gap-to-target tables for planning indicators.",
        discussion: """
            Chiso fits trends that respect what an indicator is (a share bounded by 100 %, a count,
            a score, a rank), projects them with honest intervals, and writes gap-to-target tables.
            Data problems are reported on one line (file:line:column) with exit status 1.
            """,
        version: "0.1.0",
        subcommands: [ReportCommand.self, GapsCommand.self, CompareCommand.self, ForecastCommand.self, DataCommand.self, RegressCommand.self]
    )
}
