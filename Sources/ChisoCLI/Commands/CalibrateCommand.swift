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
            discussion: summary(vi: """
                Học xem các chuỗi số liệu của từng loại chỉ tiêu (tỷ lệ, số lượng, điểm) đã biến động đến đâu \
                sau mỗi đoạn 1–6 điểm số liệu, với tầm dự báo đến --max-horizon năm, rồi ghi bảng hiệu chỉnh mà \
                chiso forecast, chiso gaps và chiso report dùng khi có --calibration TỆP. Bảng đi kèm chiso được \
                lập theo cách này từ Datasets/reference/indicator_corpus \
                (Datasets/calibration/make_calibration.sh).

                Ví dụ:
                  chiso calibrate Datasets/reference/indicator_corpus/observations.csv --output calibration.csv
                  chiso calibrate bo-du-lieu --output hieu-chinh.csv
                """, en: """
                Learns how far series of each kind (share, count, score) moved after windows of 1–6 \
                points, for horizons up to --max-horizon years, and writes the table that chiso forecast, \
                gaps and report use with --calibration FILE. The shipped table was made this way from \
                Datasets/reference/indicator_corpus (Datasets/calibration/make_calibration.sh).

                Examples:
                  chiso calibrate Datasets/reference/indicator_corpus/observations.csv --output calibration.csv
                  chiso calibrate my-dataset --output my-calibration.csv
                """)
        )
    }

    @Argument(help: .text(vi: "Các thư mục dữ liệu hoặc tệp CSV dạng dài (dòng tiêu đề indicator,entity,time,value; cột field không bắt buộc), gộp thành một bộ chuỗi số liệu.",
                          en: "Dataset folders or long CSV panels (indicator, entity, time, value; optional field), joined into one panel."))
    var panel: [String]
    @Option(help: .text(vi: "Tệp định nghĩa các chỉ tiêu của bộ chuỗi (mặc định: tệp indicators.csv cùng thư mục).",
                        en: "The panel's indicator definitions (default: indicators.csv beside it)."))
    var indicators: String?
    @Option(help: .text(vi: "Tệp ghi bảng hiệu chỉnh (mặc định: in ra màn hình).", en: "Where to write the table (default: standard output)."))
    var output: String?
    @Option(help: .text(vi: "Tầm dự báo dài nhất được học, tính bằng số năm tròn.", en: "Longest whole horizon learned, in years."))
    var maxHorizon: Int = 10
    @Option(help: .text(vi: "Số sai số dự báo tối thiểu để một ô của bảng được dùng.", en: "Fewest errors a cell needs to be used."))
    var minimumCount: Int = 100
    @Option(help: .text(vi: "Dòng ghi nguồn lưu trong bảng (mặc định: đường dẫn của bộ chuỗi).",
                        en: "The source line stored in the table (default: the panel's path)."))
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
    @Option(help: .text(vi: "calibrated (mặc định: khoảng dự báo hiệu chỉnh, đã kiểm tra trên số liệu thực) hoặc model (khoảng tính theo công thức của mô hình, phân phối Student t).",
                        en: "calibrated (default: ranges checked against real outcomes) or model (textbook Student t)."))
    var intervals: IntervalMethod = .calibrated
    @Option(help: .text(vi: "Bảng hiệu chỉnh do chiso calibrate lập (mặc định: bảng đi kèm chiso).",
                        en: "A calibration table written by chiso calibrate (default: the shipped one)."))
    var calibration: String?
    @Option(help: .text(vi: "Học bảng hiệu chỉnh từ bộ chuỗi số liệu này (một thư mục dữ liệu hoặc một tệp CSV dạng dài) trước khi dự báo.",
                        en: "Learn the calibration from this panel (a dataset folder or a long CSV) before forecasting."))
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
