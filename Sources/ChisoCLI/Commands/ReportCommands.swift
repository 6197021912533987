import ArgumentParser
import Chiso
import Foundation

extension TargetAssessment.Status: ExpressibleByArgument {
    /// A status in either language ("off-track", "off track", "chậm tiến độ", "thiếu dữ liệu").
    public init?(argument: String) {
        guard let s = Words.status(named: argument) else { return nil }
        self = s
    }
}

/// Output formats of the report tables.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case md, csv, json, xlsx, html, docx

    /// Whether the format is a binary file that cannot go to standard output.
    var needsFile: Bool { self == .xlsx || self == .docx }
}

/// Renders tables in a format to a file (atomically) or standard output.
enum TableOutput {
    /// `provenance` is named in a Word document's source lines.
    static func emit(_ tables: [ReportTable], title: String, format: TableFormat, language: Language, output: String?,
                     provenance: DOCXRenderer.Provenance? = nil) throws {
        let data: Data
        switch format {
        case .md: data = Data(tables.map { TextRenderers.markdown($0, language: language) }.joined(separator: "\n").utf8)
        case .csv: data = Data(TextRenderers.csv(tables, language: language).utf8)
        case .json: data = Data(TextRenderers.json(tables, language: language).utf8)
        case .xlsx: data = try XLSXRenderer.workbook(tables, language: language)
        case .html: data = Data(HTMLRenderer.page(title: title, summary: [], tables: tables, language: language).utf8)
        case .docx: data = try DOCXRenderer.document(title: title, summary: [], tables: tables, language: language, provenance: provenance)
        }
        if let output {
            try AtomicWriter.write(data, to: output)
        } else {
            guard !format.needsFile else { throw CLIError.needsFile(option: "--format \(format.rawValue)", needs: "--output") }
            try Console.out(data)
        }
    }
}

/// `chiso gaps`: the gap-to-target table.
struct GapsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "gaps",
            abstract: summary(vi: "Bảng khoảng cách đến mục tiêu: giá trị mới nhất, dự báo, khả năng đạt và tình trạng của từng mục tiêu.",
                         en: "Gap-to-target table: latest value, projection, P(meet) and status per target."),
            discussion: summary(vi: """
                Các dòng được xếp theo mức rủi ro, cao nhất trước (không đạt, đi ngược hướng, chậm tiến độ, cần \
                tăng tốc, thiếu dữ liệu, đúng tiến độ, đã đạt; sau đó theo khả năng đạt).

                --format docx ghi một tài liệu Word để dán vào báo cáo (khổ A4 nằm ngang, phông chữ Times New \
                Roman, bảng có số thứ tự, tên bảng và dòng ghi nguồn); như xlsx, cần có --output.

                Ví dụ:
                  chiso gaps --year 2025
                  chiso gaps --entity dak_lak --year 2024 --format xlsx --output gaps.xlsx
                  chiso gaps --year 2025 --format docx --output gaps.docx
                  chiso gaps --targets muc-tieu.csv --format md
                  chiso gaps --status "chậm tiến độ" --status "cần tăng tốc" --entity "Krông Nô"
                """, en: """
                Rows are sorted most at risk first (missed, moving away, off track, needs acceleration, \
                insufficient data, on track, achieved; then by P(meet)).

                --format docx writes a Word document to paste into a report (landscape A4,
                Times New Roman, a numbered table with its caption and source line); like
                xlsx, it needs --output.

                Examples:
                  chiso gaps --year 2025
                  chiso gaps --entity dak_lak --year 2024 --format xlsx --output gaps.xlsx
                  chiso gaps --year 2025 --format docx --output gaps.docx
                  chiso gaps --targets my-targets.csv --lang en --format md
                  chiso gaps --status "chậm tiến độ" --status "cần tăng tốc" --entity "Krông Nô"
                """)
        )
    }

    @OptionGroup var data: DataOptions
    @OptionGroup var calibration: CalibrationOptions
    @Option(help: .text(vi: "Mục tiêu dùng thay cho mục tiêu của bộ dữ liệu: tệp CSV hoặc sổ tính (trang Mục tiêu), các cột như trong targets.csv hoặc sổ tính mẫu (Chỉ tiêu, Đơn vị, Năm, Giá trị, So sánh ≥/≤), ghi bằng mã hoặc tên.",
                        en: "Targets to use instead of the dataset's: CSV or a workbook (sheet Mục tiêu), columns as in targets.csv or the template (Chỉ tiêu, Đơn vị, Năm, Giá trị, So sánh ≥/≤), ids or names."))
    var targets: String?
    @Option(help: .text(vi: "Chỉ lấy mục tiêu của năm này.", en: "Only targets for this year."))
    var year: Int?
    @Option(help: .text(vi: "Chỉ lấy các đơn vị này: mã, tên hoặc tên gọi khác (ghi được nhiều lần).",
                        en: "Only these entities: id, name or alias (repeatable)."))
    var entity: [String] = []
    @Option(help: .text(vi: "Chỉ lấy các chỉ tiêu này: mã hoặc tên (ghi được nhiều lần).", en: "Only these indicators: id or name (repeatable)."))
    var indicator: [String] = []
    @Option(help: .text(vi: "Chỉ lấy các tình trạng này (ghi được nhiều lần): đã đạt, đúng tiến độ, cần tăng tốc, chậm tiến độ, đi ngược hướng, thiếu dữ liệu (ghi tên tiếng Anh tương ứng cũng được).",
                        en: "Only these statuses (repeatable), in either language: achieved/đã đạt, on-track/đúng tiến độ, needs-acceleration/cần tăng tốc, off-track/chậm tiến độ, moving-away/đi ngược hướng, insufficient-data/thiếu dữ liệu."))
    var status: [TargetAssessment.Status] = []
    @Option(help: .text(vi: "md, csv, json, xlsx, html hoặc docx (xlsx và docx cần có --output).",
                        en: "md, csv, json, xlsx, html or docx (xlsx and docx need --output)."))
    var format: TableFormat = .md
    @Option(help: .text(vi: "Ghi vào tệp này (ghi trọn vẹn một lần) thay vì in ra màn hình.",
                        en: "Write to this file (atomically) instead of standard output."))
    var output: String?
    @OptionGroup var language: LanguageOption
    var lang: Language { language.language }

    func run() throws {
        let dir = data.directory()
        var dataset = try data.dataset()
        if let targets {
            do {
                try DatasetLoader.addTargets(path: targets, to: &dataset, format: data.numberFormat)
            } catch {
                throw CLIError.targetsError(error, path: targets, data: data.data)
            }
        }
        let entity = try self.entity.map { try Names.entity($0, in: dataset, directory: dir) }
        let indicator = try self.indicator.map { try Names.indicator($0, in: dataset, directory: dir) }
        let table = GapTable.build(dataset, years: year.map { [$0] }, entities: entity.isEmpty ? nil : Set(entity),
                                   indicators: indicator.isEmpty ? nil : Set(indicator), statuses: status.isEmpty ? nil : Set(status),
                                   intervals: calibration.intervals, calibration: try calibration.table())
        let gaps = table.table()
        try TableOutput.emit([gaps], title: gaps.title(lang), format: format, language: lang, output: output,
                             provenance: .init(dataset, dataset: URL(fileURLWithPath: dir).lastPathComponent))
    }
}

/// `chiso compare`: entities side by side.
struct CompareCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "compare",
            abstract: summary(vi: "So sánh các đơn vị cùng cấp theo một chỉ tiêu: xếp hạng, thay đổi, số của cấp trên, mục tiêu, dự báo và phần khoảng cách của từng đơn vị.",
                         en: "Compare entities of one level on an indicator: rank, change, the parent's figure, target, projection and each one's part of the parent's gap."),
            discussion: summary(vi: """
                Mỗi chỉ tiêu có từ hai đơn vị cùng cấp trở lên thuộc cùng một đơn vị cấp trên được lập một bảng \
                cho mỗi cấp: các đơn vị xếp từ tốt nhất theo chiều tốt của chỉ tiêu (với thứ hạng: số nhỏ hơn là \
                tốt hơn), thứ hạng và thay đổi thứ hạng, thay đổi so với kỳ trước, số của cấp trên (số của chính \
                cấp trên, hoặc gộp từ các đơn vị: cộng tử số và mẫu số, lấy tổng hoặc trung bình, có ghi rõ cách \
                tính), mục tiêu gần nhất (của chính đơn vị; nếu không có thì của cấp trên, đối với tỷ lệ hoặc \
                điểm) cùng dự báo, khoảng dự báo 80 % và khả năng đạt, và với tỷ lệ có tử số, mẫu số thì phần \
                khoảng cách của cấp trên do từng đơn vị chiếm. Chỉ tiêu có các chỉ tiêu thành phần (dti_score) \
                có thêm thứ hạng và tổng điểm tính lại cùng dư địa điểm của từng thành phần; tỷ lệ có tử số, mẫu \
                số có thêm khoảng Wilson của hai giai đoạn.

                Ví dụ:
                  chiso compare --indicator dti_score --period 2023
                  chiso compare --indicator online_application_share --format csv --output so-sanh.csv
                """, en: """
                Every indicator with two or more entities of one level under one parent gets a table per \
                level: the entities best first by the indicator's direction (a rank: lower is better), \
                their rank and its change, the change since the previous period, the parent's figure \
                (its own, or its entities' pooled counts, sum or mean, said which), the nearest target \
                (the entity's own, else the parent's for a share or a score) with its projection, 80 % \
                range and P(meet), and for a share with counts how much of the parent's gap each entity \
                holds. An indicator with parts (dti_score) adds recomputed ranks and totals and the \
                points available per part; a share with counts adds Wilson intervals over two windows.

                Examples:
                  chiso compare --indicator dti_score --period 2023
                  chiso compare --indicator online_application_share --format csv --output campaign.csv
                """)
        )
    }

    @Option(help: .text(vi: "Chỉ tiêu: mã, tên hoặc tên gọi khác.", en: "Indicator: id, name or alias."))
    var indicator: String
    @Option(help: .text(vi: "Kỳ so sánh (mặc định: kỳ gần nhất của mỗi nhóm có ít nhất hai đơn vị có số liệu).",
                        en: "Period (default: each group's latest with at least two entities)."))
    var period: String?
    @OptionGroup var data: DataOptions
    @OptionGroup var calibration: CalibrationOptions
    @Option(help: .text(vi: "md, csv, json, xlsx, html hoặc docx (xlsx và docx cần có --output).",
                        en: "md, csv, json, xlsx, html or docx (xlsx and docx need --output)."))
    var format: TableFormat = .md
    @Option(help: .text(vi: "Ghi vào tệp này (ghi trọn vẹn một lần) thay vì in ra màn hình.",
                        en: "Write to this file (atomically) instead of standard output."))
    var output: String?
    @OptionGroup var language: LanguageOption
    var lang: Language { language.language }

    func run() throws {
        let dir = data.directory()
        let dataset = try data.dataset()
        let indicator = try Names.indicator(self.indicator, in: dataset, directory: dir)
        let chosen = try period.map { text -> Period in
            do { return try Period(parsing: text) } catch { throw CLIError.badValue(option: "--period", text: text) }
        }
        var tables = try EntityComparison.build(dataset, indicator: indicator, period: chosen, intervals: calibration.intervals,
                                                calibration: try calibration.table()).map { $0.table() }
        // The special cases as further sections: totals with parts, and two windows of a share with counts.
        if dataset.indicators.contains(where: { $0.parent == indicator }),
           let parts = try? DistrictComparison.build(dataset, indicator: indicator, period: chosen), parts.rows.count >= 2 {
            tables.append(parts.table())
        }
        if chosen == nil, let windows = try? ProportionComparison.build(dataset, indicator: indicator), windows.rows.count >= 2 {
            tables.append(windows.table())
        }
        let title = tables.count == 1 ? tables[0].title(lang) : (lang == .vi ? "So sánh các đơn vị" : "Comparison of entities")
        try TableOutput.emit(tables, title: title, format: format, language: lang, output: output,
                             provenance: .init(dataset, dataset: URL(fileURLWithPath: dir).lastPathComponent))
    }
}

/// `chiso report`: the main job.
struct ReportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "report",
            abstract: summary(vi: "Lập báo cáo đầy đủ (trang web, Word, Excel, bảng khoảng cách, so sánh) cho bộ dữ liệu.",
                         en: "Write the full report (HTML, gap tables, comparisons) for the dataset."),
            discussion: summary(vi: """
                Ghi index.html, report.docx (Word: tóm tắt, tình trạng, khoảng cách đến mục tiêu, dự báo, so \
                sánh), gaps.{md,csv,json,xlsx} và comparison-*.{md,csv,json} vào thư mục (mặc định report/) rồi \
                in phần tóm tắt. Báo cáo mới được ghi trọn vẹn vào một thư mục tạm bên cạnh rồi thay vào cùng \
                một lúc: người đọc chỉ thấy báo cáo cũ hoặc báo cáo mới; khi có lỗi hoặc khi bị ngắt (Ctrl-C), \
                báo cáo cũ được giữ nguyên. Thư mục được đánh dấu bằng tệp .chiso-report liệt kê các tệp của báo \
                cáo: thư mục đã có chỉ được thay khi có tệp đó và không chứa gì khác ngoài các tệp được liệt kê \
                (thư mục chứa tệp riêng của người dùng thì không bị thay, được giữ nguyên); quyền truy cập của \
                thư mục được giữ nguyên.

                Ví dụ:
                  chiso report --out bao-cao
                  chiso report --data mau-so-lieu.xlsx --out bao-cao
                """, en: """
                Writes index.html, report.docx (Word: summary, status, gaps, projections, comparisons), \
                gaps.{md,csv,json,xlsx} and comparison-*.{md,csv,json} into the folder (default report/) \
                and prints a summary. The new report is written whole into a temporary \
                folder beside it and swapped in at once: a reader sees the old report or the new one, and a \
                failure or an interrupt (Ctrl-C) leaves the old one as it was. The folder is marked with a \
                .chiso-report file listing the report's files: an existing folder is replaced only when it \
                holds that file and nothing else but the files it lists (a folder of your own files is \
                refused and left as it is); it keeps its permissions.

                Example:
                  chiso report --out report --lang en
                """)
        )
    }

    @OptionGroup var data: DataOptions
    @OptionGroup var calibration: CalibrationOptions
    @Option(help: .text(vi: "Thư mục ghi báo cáo.", en: "Output folder."))
    var out: String = "report"
    @OptionGroup var language: LanguageOption
    var lang: Language { language.language }

    func run() throws {
        try AtomicWriter.checkFolder(out, rules: Report.folderRules)
        // The dataset is let go once the report is built (the report keeps what it shows), so a
        // national dataset is not held while the files are rendered.
        var report = try Report.build(data.dataset(), language: lang, intervals: calibration.intervals,
                                      calibration: try calibration.table()) { done, total in
            if done == total || done % 10 == 0 {
                Console.error("\r\(lang == .vi ? "Đang dự báo" : "Forecasting") \(done)/\(total)")
                if done == total { Console.error("\n") }
            }
        }
        report.provenance.dataset = URL(fileURLWithPath: data.directory()).lastPathComponent
        let files = report.renderers()
        try AtomicWriter.replaceFolder(out, rendering: files, rules: Report.folderRules, beforeSwap: Self.pauseBeforeSwap)
        for line in report.summary { try Console.line(line) }
        for (status, count) in report.statusCounts where count > 0 { try Console.line("  \(Words.status(status).text(lang)): \(count)") }
        try Console.line("\(lang == .vi ? "Đã lưu" : "Wrote") \(files.count) \(lang == .vi ? "tệp vào thư mục" : "files to") \(out)/")
    }

    /// The interruption tests' seam: in a debug build only, CHISO_PAUSE_BEFORE_SWAP=seconds holds the
    /// finished new report back before it is swapped in. A release build (the shipped command) has
    /// no such seam: the variable is not read and nothing pauses.
    static var pauseBeforeSwap: (() -> Void)? {
        #if DEBUG
        guard let pause = ProcessInfo.processInfo.environment["CHISO_PAUSE_BEFORE_SWAP"].flatMap(Double.init), pause > 0 else { return nil }
        return {
            Console.error("new report ready\n")
            Thread.sleep(forTimeInterval: pause)
        }
        #else
        return nil
        #endif
    }
}
