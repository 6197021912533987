import ArgumentParser
import Chiso
import Foundation

/// Where a panel comes from: a Chiso dataset folder or a long CSV file.
struct PanelSource {
    /// Reads `path`: a folder is a Chiso dataset; a file is a long panel (`indicator, entity, time,
    /// value`) with its definitions in `indicators` (default: `indicators.csv` beside it).
    static func load(_ paths: [String], indicators: String? = nil) throws -> Panel {
        guard paths.count > 1 else { return try load(paths.first ?? "", indicators: indicators) }
        // Several long panels: one panel of all their series (each with the indicators.csv beside it).
        let panels = try paths.map { try load($0) }
        return Panel(members: panels.flatMap(\.members), source: panels.map(\.source).joined(separator: " + "))
    }

    static func load(_ path: String, indicators: String? = nil) throws -> Panel {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError.fileNotFound(path: path)
        }
        if isDirectory.boolValue {
            return Panel.dataset(try DatasetLoader.loadValid(path: path), source: path)
        }
        let definitions = indicators ?? ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("indicators.csv")
        return Panel.long(try LongPanel.read(observations: path, indicators: definitions), source: path)
    }
}

/// `chiso backtest`: how far to trust a projection, measured on real outcomes.
struct BacktestCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "backtest",
            abstract: summary(vi: "Kiểm tra lại trên số liệu quá khứ: tỷ lệ khoảng 80/95 % chứa giá trị thực, sai số tuyệt đối trung bình, điểm khoảng và độ chính xác của khả năng đạt.",
                         en: "Rolling-origin back-test: coverage of the 80/95 % ranges, MAE, interval score and P(meet) skill."),
            discussion: summary(vi: """
                Với mỗi chuỗi số liệu và mỗi mốc, dự báo được lập từ n điểm số liệu tính đến mốc đó và đối chiếu \
                với mọi giá trị thực sau mốc, trong vòng --max-horizon năm. Bộ chuỗi là một thư mục dữ liệu \
                (--data, mặc định) hoặc một tệp CSV dạng dài (dòng tiêu đề indicator,entity,time,value) có tệp \
                indicators.csv cùng thư mục (--panel).

                Cách dự báo mặc định (hiệu chỉnh) được đánh giá với bảng hiệu chỉnh đi kèm chiso, với bảng học \
                từ một bộ chuỗi khác (--calibrate-on), hoặc bằng kiểm tra chéo theo đơn vị (--cross-validate: \
                học trên một nửa số đơn vị, đánh giá trên nửa còn lại, rồi đổi vai).

                Ví dụ:
                  chiso backtest
                  chiso backtest --panel Datasets/reference/indicator_corpus/observations.csv --cross-validate
                  chiso backtest --data bo-du-lieu --calibrate-on bo-du-lieu --cross-validate --format json
                """, en: """
                For every series and origin, the forecast is fitted on the n points up to the origin and \
                scored against every later point up to --max-horizon years on. The panel is a dataset \
                folder (--data, default) or a long CSV file (indicator, entity, time, value) with \
                indicators.csv beside it (--panel).

                The calibrated default is scored with the shipped calibration, with one learned from \
                another panel (--calibrate-on), or cross-validated by entity (--cross-validate: learned on \
                one half of the entities, scored on the other, then swapped).

                Examples:
                  chiso backtest
                  chiso backtest --panel Datasets/reference/indicator_corpus/observations.csv --cross-validate
                  chiso backtest --data my-dataset --calibrate-on my-dataset --cross-validate --format json
                """)
        )
    }

    @OptionGroup var data: DataOptions
    @Option(help: .text(vi: "Một tệp CSV dạng dài (dòng tiêu đề indicator,entity,time,value; cột field không bắt buộc: số đơn vị được xếp hạng) thay cho bộ dữ liệu; ghi nhiều lần để gộp nhiều bộ chuỗi.",
                        en: "A long CSV panel (indicator, entity, time, value; optional field: entities ranked) instead of a dataset; repeat to join panels."))
    var panel: [String] = []
    @Option(help: .text(vi: "Tệp định nghĩa các chỉ tiêu của bộ chuỗi (mặc định: tệp indicators.csv cùng thư mục).",
                        en: "The panel's indicator definitions (default: indicators.csv beside it)."))
    var indicators: String?
    @Option(help: .text(vi: "Số điểm số liệu n dùng để dự báo, cách nhau bằng dấu phẩy.", en: "Window sizes n, comma-separated."))
    var sizes: String = "1,2,3,5"
    @Option(help: .text(vi: "Tầm dự báo dài nhất được đánh giá, tính bằng năm.", en: "Longest horizon scored, in years."))
    var maxHorizon: Double = 6
    @Option(help: .text(vi: "Chỉ dự báo từ các mốc trong những năm này, cách nhau bằng dấu phẩy (mặc định: mọi điểm số liệu).",
                        en: "Only origins in these years, comma-separated (default: every point)."))
    var origins: String?
    @Option(help: .text(vi: "Học bảng hiệu chỉnh từ bộ chuỗi này (một thư mục dữ liệu hoặc một tệp CSV dạng dài) thay cho bảng đi kèm chiso; ghi nhiều lần để gộp nhiều bộ chuỗi.",
                        en: "Learn the calibration from this panel (a dataset folder or a long CSV) instead of the shipped one; repeat to join panels."))
    var calibrateOn: [String] = []
    @Option(help: .text(vi: "Dùng bảng hiệu chỉnh này (do chiso calibrate lập).", en: "Use this calibration table (as written by chiso calibrate)."))
    var calibration: String?
    @Flag(help: .text(vi: "Kiểm tra chéo theo đơn vị: học trên một nửa số đơn vị, đánh giá trên nửa còn lại, rồi đổi vai.",
                      en: "Cross-validate by entity: learn on one half of the entities, score the other half, then swap."))
    var crossValidate = false
    @Flag(help: .text(vi: "Để riêng từng chỉ tiêu: đánh giá mỗi chỉ tiêu bằng bảng hiệu chỉnh học từ các chỉ tiêu còn lại (kèm --cross-validate thì trong đó còn chia theo đơn vị).",
                      en: "Leave one indicator out: score each indicator with a calibration learned on the others (with --cross-validate, also by entity inside it)."))
    var leaveIndicatorOut = false
    @Flag(help: .text(vi: "Đánh giá thêm cách chọn mô hình thông thường (theo AICc, khoảng Student t).",
                      en: "Also score the textbook selection (AICc, Student t intervals)."))
    var textbook = false
    @Option(help: .text(vi: "Tệp dự báo của các phương pháp khác để so sánh (dòng tiêu đề window,method,h,mean,lo80,hi80,lo95,hi95), dùng cùng --peer-windows.",
                        en: "Peers' forecasts (window,method,h,mean,lo80,hi80,lo95,hi95) to compare, with --peer-windows."))
    var peers: String?
    @Option(help: .text(vi: "Tệp các đoạn chuỗi mà các phương pháp khác đã dự báo (do --export-windows ghi).",
                        en: "The windows file the peers were run on (as written by --export-windows)."))
    var peerWindows: String?
    @Option(help: .text(vi: "Ghi các đoạn chuỗi (để dự báo bằng các phương pháp trong R) vào tệp này rồi dừng.",
                        en: "Write the windows (for the R peers) to this file and stop."))
    var exportWindows: String?
    @Flag(help: .text(vi: "Chia thêm bảng kết quả theo tầm dự báo.", en: "Also break the table down by horizon."))
    var byHorizon = false
    @Flag(help: .text(vi: "Chia thêm các bảng kết quả theo chỉ tiêu.", en: "Also break the tables down by indicator."))
    var byIndicator = false
    @Option(help: .text(vi: "table (bảng) hoặc json.", en: "table or json."))
    var format: RegressCommand.Format = .table
    @OptionGroup var language: LanguageOption

    func run() throws {
        let scoredPanel = try PanelSource.load(panel.isEmpty ? [data.directory()] : panel, indicators: indicators)
        let sizeList = try sizes.split(separator: ",").map { part -> Int in
            guard let n = Int(part.trimmingCharacters(in: .whitespaces)), (1...50).contains(n) else {
                throw CLIError.badValue(option: "--sizes", text: String(part))
            }
            return n
        }
        let originYears = try origins.map { text in
            Set(try text.split(separator: ",").map { part -> Int in
                guard let y = Int(part.trimmingCharacters(in: .whitespaces)) else { throw CLIError.badValue(option: "--origins", text: String(part)) }
                return y
            })
        }
        guard maxHorizon > 0, maxHorizon <= 100 else { throw CLIError.badValue(option: "--max-horizon", text: String(maxHorizon)) }
        let design = WindowDesign(sizes: sizeList, maxHorizon: maxHorizon, originYears: originYears)
        if let exportWindows {
            try AtomicWriter.write(Data(BacktestReport.windowsCSV(BacktestWindow.windows(scoredPanel, design: design)).utf8), to: exportWindows)
            return
        }
        let source: BacktestRun.Calibration
        if let calibration {
            source = .table(try CalibrationFile.read(calibration))
        } else if !calibrateOn.isEmpty {
            let training = try PanelSource.load(calibrateOn)
            source = leaveIndicatorOut ? .leaveIndicatorOut(training, byEntity: crossValidate)
                : crossValidate ? .crossValidated(training) : .learnedFrom(training)
        } else {
            source = leaveIndicatorOut ? .leaveIndicatorOut(nil, byEntity: crossValidate) : crossValidate ? .crossValidated(nil) : .shipped
        }
        var result = BacktestRun.run(scoredPanel, design: design, calibration: source, includeTextbook: textbook)
        if let peers {
            guard let peerWindows else { throw CLIError.needsFile(option: "--peers", needs: "--peer-windows") }
            try PeerForecasts.attach(peers, windows: peerWindows, to: &result)
        }
        try Console.line(format == .json ? BacktestReport.json(result, language: language.language)
                                         : BacktestReport.table(result, byHorizon: byHorizon, byIndicator: byIndicator, language: language.language))
    }
}
