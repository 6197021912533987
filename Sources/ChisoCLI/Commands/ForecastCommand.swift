import ArgumentParser
import Chiso
import Foundation

extension TrendModel: ExpressibleByArgument {}
extension IntervalMethod: ExpressibleByArgument {}
extension Indicator.Kind: ExpressibleByArgument {}
extension Indicator.Measure: ExpressibleByArgument {}

/// `chiso forecast`: fit, select and project one series, from the dataset or a CSV file.
struct ForecastCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "forecast",
            abstract: summary(vi: "Dự báo một chỉ tiêu đến các năm kế hoạch kèm khoảng dự báo, và đánh giá mục tiêu.",
                         en: "Project an indicator to plan years with intervals, and assess a target."),
            discussion: summary(vi: """
                Cách dùng với bộ dữ liệu: chiso forecast --indicator MÃ|TÊN --entity MÃ|TÊN [--data THƯ-MỤC]

                Với một tệp: chiso forecast TỆP [--entity TÊN] [--indicator TÊN] [--time CỘT --value CỘT] \
                [--kind share|count|score|rank --lower SỐ --upper SỐ] [--measure flow|stock]

                Tệp là sổ tính Excel (.xlsx; --sheet TÊN, mặc định trang đầu tiên) hoặc tệp CSV (phân cách bằng \
                dấu phẩy, dấu chấm phẩy hoặc ký tự tab; bảng mã UTF-8 hoặc UTF-16), dạng dài (một cột kỳ và một \
                cột giá trị, có tiêu đề Năm hoặc Kỳ, hoặc chỉ rõ bằng --time và --value) hoặc dạng rộng (mỗi \
                dòng một huyện hoặc một chỉ tiêu, mỗi cột một kỳ: 2021, Năm 2022, 6 tháng đầu năm 2024). Số ghi \
                theo cách Việt Nam hay cách quốc tế được nhận biết theo từng cột; số có thể hiểu theo cả hai \
                cách thì không được chấp nhận. Tệp có nhiều chuỗi số liệu: chọn một chuỗi bằng --entity hoặc \
                --indicator (nội dung ô ở cột tên dòng hoặc cột nhóm).

                Mặc định (--model auto): xu hướng của tối đa 6 điểm số liệu gần nhất trên thang phù hợp với chỉ \
                tiêu (thang logit cho tỷ lệ và điểm, thang log cho số lượng), được thu hẹp dần như xu hướng của \
                các chuỗi số liệu thực, kèm khoảng dự báo 80/95 % và khả năng đạt được hiệu chỉnh theo biến động \
                của 2.372 chuỗi số liệu thực (đã kiểm tra lại trên số liệu quá khứ: xem chiso backtest). Dự báo \
                được cả khi chỉ có một điểm số liệu (mượn xu hướng của chỉ tiêu ở các đơn vị khác) và cho chuỗi \
                không đổi. --intervals model dùng cách chọn mô hình thông thường (theo AICc; khoảng Student t \
                trùng với kết quả của R); --model linear|loglinear|logit|drift|mean ước lượng một mô hình cụ \
                thể. --calibrate-on BỘ-CHUỖI học các khoảng dự báo từ số liệu quá khứ của chính đơn vị. Năm kế \
                hoạch được tính tại giữa năm (năm + 0,5) với chỉ tiêu thời kỳ và cuối năm (năm + 1) với chỉ tiêu \
                thời điểm.

                Ví dụ:
                  chiso forecast --indicator dvctt_with_applications_share --entity dak_nong --to 2025,2030
                  chiso forecast --indicator dti_score --entity krong_no --to 2025 --pool
                  chiso forecast so-lieu.csv --time "Năm" --value "Tỷ lệ (%)" --kind share --target 80 --target-year 2025
                  chiso forecast so-lieu.csv --entity "Krông Nô" --target 80 --target-year 2025
                  chiso forecast so-lieu.xlsx --sheet "Số liệu" --indicator "Tỷ lệ hồ sơ trực tuyến"
                """, en: """
                Usage, from the dataset: \
                chiso forecast --indicator ID|NAME --entity ID|NAME [--data DIR]

                From a file: chiso forecast FILE [--entity NAME] [--indicator NAME] [--time COL --value COL] \
                [--kind share|count|score|rank --lower X --upper X] [--measure flow|stock]

                A file is a workbook (.xlsx; --sheet NAME, default the first) or CSV (comma, semicolon \
                or tab; UTF-8 or UTF-16), long (a column of periods \
                and one of values, headed Năm/Kỳ/Year/Period or named with --time and --value) or wide \
                (one row per district or indicator, one column per period: 2021, Năm 2022, 6 tháng \
                đầu năm 2024). Numbers in the Vietnamese or English convention are told apart per \
                column; a number that reads both ways is refused. Several series in one file: choose \
                one with --entity or --indicator (the text in its row or group column).

                Default (--model auto): the trend of the last ≤ 6 points on the indicator's natural \
                scale (logit for shares and scores, log for counts), shrunk as real series' trends \
                shrink, with 80/95 % ranges and P(meet) calibrated on how 2,372 real series moved \
                (back-tested: see chiso backtest). Works from one point (borrowing the indicator's trend in \
                other entities) and for constant series. --intervals model gives the textbook choice \
                instead (AICc; Student t intervals equal to R's); --model linear|loglinear|logit|drift|mean \
                fits one textbook model. --calibrate-on PANEL learns the ranges from your own history. \
                A plan year Y is read at Y + 0.5 for flows and Y + 1 for stocks.

                Examples:
                  chiso forecast --indicator dvctt_with_applications_share --entity dak_nong --to 2025,2030
                  chiso forecast --indicator dti_score --entity krong_no --to 2025 --pool
                  chiso forecast data.csv --time period --value share --kind share --target 80 --target-year 2025
                  chiso forecast so-lieu.csv --entity "Krông Nô" --target 80 --target-year 2025
                  chiso forecast so-lieu.xlsx --sheet "Số liệu" --indicator "Tỷ lệ hồ sơ trực tuyến" --lang en
                """)
        )
    }

    @Argument(help: .text(vi: "Sổ tính Excel (.xlsx) hoặc tệp CSV (bỏ trống để dùng bộ dữ liệu).",
                          en: "A workbook (.xlsx) or CSV file (omit to use the dataset)."))
    var file: String?

    @Option(help: .text(vi: "Chỉ tiêu: mã, tên hoặc tên gọi khác (với bộ dữ liệu); nội dung ô ở cột tên dòng hoặc cột nhóm (với tệp).",
                        en: "Indicator: id, name or alias (dataset); the text of its row or group column (file)."))
    var indicator: String?
    @Option(help: .text(vi: "Đơn vị: mã, tên hoặc tên gọi khác (với bộ dữ liệu); nội dung ô ở cột tên dòng hoặc cột nhóm (với tệp).",
                        en: "Entity: id, name or alias (dataset); the text of its row or group column (file)."))
    var entity: String?
    @OptionGroup var data: DataOptions

    @Option(help: .text(vi: "Tệp: long (dạng dài: một cột kỳ, một cột giá trị) hoặc wide (dạng rộng: mỗi cột một kỳ); auto: dạng rộng khi có từ hai tiêu đề cột trở lên là kỳ.",
                        en: "File: long or wide (default: wide when two or more column headers are periods)."))
    var layout: TableLayout = .auto
    @Option(help: .text(vi: "Tệp: cột ghi kỳ (2019, Năm 2020, Quý I/2024, 2022-06-30) hoặc, khi có --decimal-time, thời điểm dạng số thập phân (mặc định: cột có tiêu đề Năm hoặc Kỳ).",
                        en: "File: the column of periods (2019, Năm 2020, Quý I/2024, 2022-06-30) or, with --decimal-time, decimal times (default: the column headed Năm, Kỳ, Year or Period)."))
    var time: String?
    @Option(help: .text(vi: "Tệp: cột giá trị (mặc định: cột số duy nhất của bảng).",
                        en: "File: the column of values (default: the one column of numbers)."))
    var value: String?
    @Option(help: .text(vi: "Tệp CSV: cột tử số của tỷ lệ (số đạt).", en: "CSV: successes behind a share."))
    var numerator: String?
    @Option(help: .text(vi: "Tệp CSV: cột mẫu số của tỷ lệ (tổng số).", en: "CSV: trials behind a share."))
    var denominator: String?
    @Option(help: .text(vi: "Tệp CSV: loại chỉ tiêu: share (tỷ lệ), count (số lượng), score (điểm), rank (thứ hạng) hoặc amount (giá trị) (mặc định: như ở mọi lệnh khác: tỷ lệ khi có tử số và mẫu số hoặc dấu %, rồi theo chữ trong tên hoặc tiêu đề cột như hạng, điểm, số; nếu không thì số lượng, hoặc điểm khi có giá trị âm).",
                        en: "CSV: share, count, score, rank or amount (default: the rule every command uses, see the README: a share with counts or %, else by words such as hạng, điểm, số in the name or header; else a count, or a score when a value is negative)."))
    var kind: Indicator.Kind?
    @Option(parsing: .unconditional, help: .text(vi: "Tệp CSV: cận dưới (mặc định 0 với tỷ lệ, số lượng, giá trị).",
                                                 en: "CSV: lower bound (default 0 for shares, counts, amounts)."))
    var lower: CLINumber?
    @Option(parsing: .unconditional, help: .text(vi: "Tệp CSV: cận trên (mặc định 100 với tỷ lệ).", en: "CSV: upper bound (default 100 for shares)."))
    var upper: CLINumber?
    @Option(help: .text(vi: "Tệp CSV: flow (chỉ tiêu thời kỳ, mặc định) hoặc stock (chỉ tiêu thời điểm).", en: "CSV: flow (default) or stock."))
    var measure: Indicator.Measure = .flow
    @Flag(help: .text(vi: "Tệp CSV: cột thời gian ghi thời điểm dạng số thập phân, dùng đúng như đã ghi.",
                      en: "CSV: the time column holds decimal times, used as they are."))
    var decimalTime = false
    @OptionGroup var text: TextFileOptions

    @Option(help: .text(vi: "auto (tự chọn), linear (tuyến tính), loglinear (tăng trưởng đều), logit (đường cong chữ S), drift (bước ngẫu nhiên có xu hướng) hoặc mean (trung bình).",
                        en: "auto, linear, loglinear, logit, drift or mean."))
    var model: String = "auto"
    @OptionGroup var calibration: CalibrationOptions
    @Option(help: .text(vi: "Các năm kế hoạch cần dự báo, cách nhau bằng dấu phẩy (mặc định: 2025,2030).",
                        en: "Plan years to project, comma-separated (default: 2025,2030)."))
    var to: String?
    @Option(help: .text(vi: "Các thời điểm cụ thể cần dự báo, dạng số thập phân, cách nhau bằng dấu phẩy.",
                        en: "Exact decimal times to project, comma-separated."))
    var at: String?
    @Option(help: .text(vi: "Mức của các khoảng dự báo, tính bằng phần trăm, cách nhau bằng dấu phẩy.",
                        en: "Interval levels in percent, comma-separated."))
    var level: String = "80,95"
    @Option(parsing: .unconditional, help: .text(vi: "Giá trị mục tiêu (12,5 hoặc 12.5; số có thể hiểu theo hai cách, như 1.000, thì không được chấp nhận).",
                                                 en: "Target value (12.5 or 12,5; a number that reads two ways, 1.000, is refused)."))
    var target: CLINumber?
    @Option(help: .text(vi: "Năm mục tiêu.", en: "Target year."))
    var targetYear: Int?
    @Flag(help: .text(vi: "Dùng chung độ phân tán của chỉ tiêu ở các đơn vị khác khi chuỗi này quá ngắn (dưới 2 bậc tự do).",
                      en: "Pool the residual variance across the entities of the indicator when this series has < 2 df."))
    var pool = false
    @Option(help: .text(vi: "table (bảng) hoặc json.", en: "table or json."))
    var format: RegressCommand.Format = .table
    @OptionGroup var language: LanguageOption

    func run() throws {
        var request = try makeRequest()
        request.intervals = calibration.intervals
        request.calibration = try calibration.table()
        let (series, others, kindReason, style) = try loadSeries()
        if let t = request.target?.value, (series.lower.map { t < $0 } ?? false) || (series.upper.map { t > $0 } ?? false) {
            throw CLIError.targetOutsideBounds(value: t, lower: series.lower, upper: series.upper)
        }
        // The calibrated default borrows the indicator's trend in other entities for a series of one point.
        let usePool = pool || (request.model == nil && request.intervals == .calibrated)
        let forecast = try Forecaster.forecast(series, request, pool: usePool ? others : [])
        let l = language.language
        let kindLine = kindReason.map { "\(series.name): \(Words.kind(series.kind).text(l)), " + Self.explain($0, l) }
        try Console.line(format == .json ? ForecastOutput.json(forecast, levels: request.levels, kind: kindLine, language: l)
                              : ForecastOutput.table(forecast, levels: request.levels, kind: kindLine, language: l, style: style))
    }

    func makeRequest() throws -> ForecastRequest {
        func list<T>(_ text: String?, _ option: String, _ parse: (String) -> T?) throws -> [T] {
            guard let text else { return [] }
            return try text.split(separator: ",").map { part in
                let s = part.trimmingCharacters(in: .whitespaces)
                guard let v = parse(s) else { throw CLIError.badValue(option: option, text: s) }
                return v
            }
        }
        let chosen: TrendModel?
        if model == "auto" {
            chosen = nil
        } else {
            guard let m = TrendModel(rawValue: model) else { throw CLIError.badValue(option: "--model", text: model) }
            chosen = m
        }
        var years = try list(to, "--to") { Int($0).flatMap { (1900...2100).contains($0) ? $0 : nil } }
        let times = try list(at, "--at") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
        if to == nil && at == nil { years = [2025, 2030] }
        let levels = try list(level, "--level") { Double($0).flatMap { $0 > 0 && $0 < 100 ? $0 : nil } }
        if (target == nil) != (targetYear == nil) {
            throw CLIError.targetNeedsBoth(option: target == nil ? "--target-year" : "--target")
        }
        return ForecastRequest(model: chosen, years: years, times: times, levels: levels,
                               target: try target.flatMap { v in try targetYear.map { (try v.value("--target"), $0, nil) } })
    }

    /// Why a file's series has its kind, in words of the language (with the flag that changes it).
    static func explain(_ reason: SeriesLoader.KindReason, _ language: Language = .en) -> String {
        let p: Phrase
        switch reason {
        case .given: return language == .vi ? "theo khai báo" : "as given"
        case .counts: p = Phrase(vi: "vì có số đạt và tổng số", en: "because successes and trials are given")
        case .share(.header(let h)): p = Phrase(vi: "vì tiêu đề cột \"\(h)\" ghi phần trăm", en: "because the column header \"\(h)\" says percent")
        case .share(.unit(let u)): p = Phrase(vi: "vì đơn vị là \"\(u)\"", en: "because the unit is \"\(u)\"")
        case .share(.label(let l)): p = Phrase(vi: "vì dòng là \"\(l)\"", en: "because the row is \"\(l)\"")
        case .share(.percentSigns): p = Phrase(vi: "vì mọi giá trị đều ghi dấu %", en: "because every value is written with %")
        case .share(.perMilleSigns):
            p = Phrase(vi: "vì mọi giá trị đều ghi dấu ‰ (khoảng 0–1000)", en: "because every value is written with ‰ (bounds 0–1000)")
        case .word(let w): p = Phrase(vi: "vì tên hoặc tiêu đề có chữ \"\(w)\"", en: "because the name or header has the word \"\(w)\"")
        case .noEvidence:
            p = Phrase(vi: "vì tệp không cho biết là phần trăm, điểm hay thứ hạng và không có giá trị âm: coi là số lượng",
                       en: "because nothing in the file says percent, score or rank and no value is negative: a count")
        case .negativeValues:
            p = Phrase(vi: "vì tệp không cho biết là phần trăm, số lượng hay thứ hạng và có giá trị âm: coi là điểm số không giới hạn",
                       en: "because nothing in the file says percent, count or rank and a value is negative: an unbounded score")
        }
        return p.text(language) + (language == .vi ? " (--kind để đổi)" : " (--kind to change)")
    }

    /// The series to forecast, (for --pool) the same indicator's other entities, for a file why
    /// the series has its kind, and how its values are written (the indicator's style: every value
    /// of the indicator in the dataset; a file's: its kind and its values).
    func loadSeries() throws -> (Series, [Series], SeriesLoader.KindReason?, ValueStyle) {
        if let file {
            let table = try TableFile.read(path: file, sheet: text.sheet, delimiter: text.delimiter, encoding: text.encoding)
            let planner = try PlannerTable.read(
                table, layout: layout,
                columns: .init(time: time, value: value, numerator: numerator, denominator: denominator, decimalTime: decimalTime),
                format: data.numberFormat, measure: measure)
            let chosen = try planner.select(entity: entity, indicator: indicator)
            Notes.layout(table, language.language)
            Notes.missing(chosen.missing, language.language)
            let (series, reason) = SeriesLoader.table(chosen, file: (file as NSString).lastPathComponent, kind: kind,
                                                      lower: try lower?.value("--lower"), upper: try upper?.value("--upper"), measure: measure)
            let unit: Indicator.Unit
            switch series.kind {
            case .share: unit = series.upper == 100 ? .percent : .count
            case .score: unit = .score
            case .rank: unit = .rank
            case .count, .amount: unit = .count
            }
            return (series, [], reason, ValueStyle(unit: unit, values: series.values))
        }
        guard let indicator, let entity else {
            throw CLIError.requiredWithoutFile(option: indicator == nil ? "--indicator" : "--entity")
        }
        let dir = data.directory()
        let dataset = try data.dataset()
        let indicatorId = try Names.indicator(indicator, in: dataset, directory: dir)
        let entityId = try Names.entity(entity, in: dataset, directory: dir)
        let series = try SeriesLoader.dataset(dataset, indicator: indicatorId, entity: entityId)
        let others = dataset.entities.map(\.id).filter { $0 != entityId }.compactMap {
            try? SeriesLoader.dataset(dataset, indicator: indicatorId, entity: $0)
        }
        let style = dataset.indicator(indicatorId).map { d in
            ValueStyle(d, values: dataset.observations.lazy.filter { $0.indicator == indicatorId }.map(\.value))
        } ?? ValueStyle(unit: .count, values: series.values)
        return (series, others, nil, style)
    }
}
