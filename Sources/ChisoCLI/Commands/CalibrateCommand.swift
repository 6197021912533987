import ArgumentParser
import Chiso
import Foundation

/// `chiso calibrate`: learn the calibration of the default forecast from a panel of real series.
struct CalibrateCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "calibrate",
            abstract: summary(vi: "Học các khoảng dự báo hiệu chỉnh từ một bộ chuỗi số liệu thực (một bộ dữ liệu hoặc một tệp CSV dạng dài).",
                         en: "Learn the calibrated ranges from a panel of real series (a dataset or a long CSV)."),
            discussion: """
                Learns how far series of each kind (share, count, score) moved after windows of 1–6 \
                points, for horizons up to --max-horizon years, and writes the table that chiso forecast, \
                gaps and report use with --calibration FILE. The shipped table was made this way from \
                Datasets/reference/indicator_corpus (Datasets/calibration/make_calibration.sh).

                Examples:
                  chiso calibrate Datasets/reference/indicator_corpus/observations.csv --output calibration.csv
                  chiso calibrate my-dataset --output my-calibration.csv
                """
        )
    }

    @Argument(help: "Dataset folders or long CSV panels (indicator, entity, time, value; optional field), joined into one panel.")
    var panel: [String]
    @Option(help: "The panel's indicator definitions (default: indicators.csv beside it).")
    var indicators: String?
    @Option(help: "Where to write the table (default: standard output).")
    var output: String?
    @Option(help: "Longest whole horizon learned, in years.")
    var maxHorizon: Int = 10
    @Option(help: "Fewest errors a cell needs to be used.")
    var minimumCount: Int = 100
    @Option(help: "The source line stored in the table (default: the panel's path).")
    var source: String?
    @OptionGroup var language: LanguageOption

    func validate() throws {
        let vi = language.language == .vi
        guard (1...50).contains(maxHorizon) else { throw ValidationError(vi ? "--max-horizon phải từ 1 đến 50" : "--max-horizon must be 1…50") }
        guard minimumCount >= 10 else { throw ValidationError(vi ? "--minimum-count phải ít nhất là 10" : "--minimum-count must be at least 10") }
    }

    func run() throws {
        let data = try PanelSource.load(panel, indicators: indicators)
        let design = WindowDesign(sizes: WindowDesign.calibration.sizes, maxHorizon: Double(maxHorizon))
        let table = CalibrationLearner.learn(BacktestWindow.windows(data, design: design), maxHorizon: maxHorizon,
                                             minimumCount: minimumCount, source: source ?? data.source)
        let text = table.text()
        if let output {
            try AtomicWriter.write(Data(text.utf8), to: output)
        } else {
            try Console.out(text)
        }
    }
}

/// `--intervals`, `--calibration` and `--calibrate-on`, shared by the commands that forecast.
struct CalibrationOptions: ParsableArguments {
    @Option(help: "calibrated (default: ranges checked against real outcomes) or model (textbook Student t).")
    var intervals: IntervalMethod = .calibrated
    @Option(help: "A calibration table written by chiso calibrate (default: the shipped one).")
    var calibration: String?
    @Option(help: "Learn the calibration from this panel (a dataset folder or a long CSV) before forecasting.")
    var calibrateOn: String?

    func validate() throws {
        if calibration != nil && calibrateOn != nil {
            // The commands' --lang is parsed beside this group; the run's arguments say the same.
            throw ValidationError(LanguageOption.process == .vi ? "chỉ dùng một trong hai: --calibration hoặc --calibrate-on"
                                                                : "give --calibration or --calibrate-on, not both")
        }
    }

    /// The table to use (nil: the shipped one).
    func table() throws -> CalibrationTable? {
        if let calibration { return try CalibrationFile.read(calibration) }
        if let calibrateOn {
            let panel = try PanelSource.load(calibrateOn)
            return CalibrationLearner.learn(BacktestWindow.windows(panel, design: .calibration), source: panel.source)
        }
        return nil
    }
}
