import ArgumentParser
import Chiso
import Foundation

extension TrendModel: ExpressibleByArgument {}
extension IntervalMethod: ExpressibleByArgument {}
extension Indicator.Kind: ExpressibleByArgument {}
extension Indicator.Measure: ExpressibleByArgument {}

/// `chiso forecast`: fit, select and project one series, from the dataset or a CSV file.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Project an indicator to plan years with intervals, and assess a target.",
        discussion: """
            From the dataset:  chiso forecast --indicator ID --entity ID [--data DIR]
            From a CSV file:   chiso forecast FILE.csv --time COL --value COL [--numerator COL --denominator COL]
                               [--kind share|count|score|rank --lower X --upper X] [--measure flow|stock] [--decimal-time]

            Default (--model auto): the trend of the last ≤ 6 points on the indicator's natural
            scale (logit for shares and scores, log for counts), shrunk as real series' trends
            shrink, with 80/95 % ranges and P(meet) calibrated on how 2,372 real series moved (back-
            tested: see chiso backtest). Works from one point (borrowing the indicator's trend in
            other entities) and for constant series. --intervals model gives the textbook choice
            instead (AICc; Student t intervals equal to R's); --model linear|loglinear|logit|drift|mean
            fits one textbook model. --calibrate-on PANEL learns the ranges from your own history.
            A plan year Y is read at Y + 0.5 for flows and Y + 1 for stocks.

            Examples:
              chiso forecast --indicator dvctt_with_applications_share --entity dak_nong --to 2025,2030
              chiso forecast --indicator dti_score --entity krong_no --to 2025 --pool
              chiso forecast data.csv --time period --value share --kind share --target 80 --target-year 2025
            """
    )

    @Argument(help: "A CSV file (omit to use the dataset).")
    var file: String?

    @Option(help: "Indicator id (dataset mode).")
    var indicator: String?
    @Option(help: "Entity id (dataset mode).")
    var entity: String?
    @OptionGroup var data: DataOptions

    @Option(help: "CSV: the column of periods (2019, 2020H1, 2022-06-30) or, with --decimal-time, decimal times.")
    var time: String?
    @Option(help: "CSV: the column of values.")
    var value: String?
    @Option(help: "CSV: successes behind a share.")
    var numerator: String?
    @Option(help: "CSV: trials behind a share.")
    var denominator: String?
    @Option(help: "CSV: share, count, score, rank or amount (default: share with counts, else score).")
    var kind: Indicator.Kind?
    @Option(help: "CSV: lower bound (default 0 for shares, counts, amounts).")
    var lower: Double?
    @Option(help: "CSV: upper bound (default 100 for shares).")
    var upper: Double?
    @Option(help: "CSV: flow (default) or stock.")
    var measure: Indicator.Measure = .flow
    @Flag(help: "CSV: the time column holds decimal times, used as they are.")
    var decimalTime = false
    @Option(name: .customLong("number-format"), help: "CSV: vi, en or auto number format (default: plain dot decimals).")
    var numberFormat: NumberFormat?
    @OptionGroup var text: TextFileOptions

    @Option(help: "auto, linear, loglinear, logit, drift or mean.")
    var model: String = "auto"
    @OptionGroup var calibration: CalibrationOptions
    @Option(help: "Plan years to project, comma-separated (default: 2025,2030).")
    var to: String?
    @Option(help: "Exact decimal times to project, comma-separated.")
    var at: String?
    @Option(help: "Interval levels in percent, comma-separated.")
    var level: String = "80,95"
    @Option(help: "Target value.")
    var target: Double?
    @Option(help: "Target year.")
    var targetYear: Int?
    @Flag(help: "Pool the residual variance across the entities of the indicator when this series has < 2 df.")
    var pool = false
    @Option(help: "table or json.")
    var format: RegressCommand.Format = .table

    func run() throws {
        var request = try makeRequest()
        request.intervals = calibration.intervals
        request.calibration = try calibration.table()
        let (series, others) = try loadSeries()
        // The calibrated default borrows the indicator's trend in other entities for a series of one point.
        let usePool = pool || (request.model == nil && request.intervals == .calibrated)
        let forecast = try Forecaster.forecast(series, request, pool: usePool ? others : [])
        try Console.line(format == .json ? ForecastOutput.json(forecast, levels: request.levels)
                              : ForecastOutput.table(forecast, levels: request.levels))
    }

    func makeRequest() throws -> ForecastRequest {
        func list<T>(_ text: String?, _ option: String, _ parse: (String) -> T?) throws -> [T] {
            guard let text else { return [] }
            return try text.split(separator: ",").map { part in
                let s = part.trimmingCharacters(in: .whitespaces)
                guard let v = parse(s) else { throw CLIError.badOption(option: option, text: s) }
                return v
            }
        }
        let chosen: TrendModel?
        if model == "auto" {
            chosen = nil
        } else {
            guard let m = TrendModel(rawValue: model) else { throw CLIError.badOption(option: "--model", text: model) }
            chosen = m
        }
        var years = try list(to, "--to") { Int($0).flatMap { (1900...2100).contains($0) ? $0 : nil } }
        let times = try list(at, "--at") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
        if to == nil && at == nil { years = [2025, 2030] }
        let levels = try list(level, "--level") { Double($0).flatMap { $0 > 0 && $0 < 100 ? $0 : nil } }
        if (target == nil) != (targetYear == nil) {
            throw CLIError.badOption(option: target == nil ? "--target-year" : "--target", text: "needs both --target and --target-year")
        }
        return ForecastRequest(model: chosen, years: years, times: times, levels: levels,
                               target: target.flatMap { v in targetYear.map { (v, $0, nil) } })
    }

    /// The series to forecast, and (for --pool) the same indicator's other entities.
    func loadSeries() throws -> (Series, [Series]) {
        if let file {
            guard let time, let value else {
                throw CLIError.badOption(option: time == nil ? "--time" : "--value", text: "is required with a CSV file")
            }
            var missing: [SourcePosition] = []
            let series = try SeriesLoader.csv(
                path: file, time: time, value: value, numerator: numerator, denominator: denominator, kind: kind,
                lower: lower, upper: upper, measure: measure, decimalTime: decimalTime, numberFormat: numberFormat,
                delimiter: text.delimiter, encoding: text.encoding, missing: &missing)
            for position in missing { Console.error("note: \(position): no value (left out)\n") }
            return (series, [])
        }
        guard let indicator, let entity else {
            throw CLIError.badOption(option: indicator == nil ? "--indicator" : "--entity", text: "is required without a CSV file")
        }
        let dir = data.directory()
        let dataset = try DatasetLoader.loadValid(directory: dir)
        guard dataset.indicator(indicator) != nil else {
            throw CLIError.unknownId(kind: "indicator", id: indicator, file: (dir as NSString).appendingPathComponent("indicators.csv"))
        }
        guard dataset.entity(entity) != nil else {
            throw CLIError.unknownId(kind: "entity", id: entity, file: (dir as NSString).appendingPathComponent("entities.csv"))
        }
        let series = try SeriesLoader.dataset(dataset, indicator: indicator, entity: entity)
        let others = dataset.entities.map(\.id).filter { $0 != entity }.compactMap {
            try? SeriesLoader.dataset(dataset, indicator: indicator, entity: $0)
        }
        return (series, others)
    }
}
