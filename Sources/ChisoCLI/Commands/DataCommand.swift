import ArgumentParser
import Chiso
import Foundation

/// `chiso data`: validate, list and show the indicator dataset.
struct DataCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "data",
            abstract: summary(vi: "Kiểm tra, liệt kê và xem bộ dữ liệu chỉ tiêu.",
                         en: "Validate, list and show the indicator dataset."),
            discussion: summary(vi: """
                Ví dụ:
                  chiso data template --out mau-so-lieu.xlsx
                  chiso data validate
                  chiso data list indicators --format csv
                  chiso data show --indicator dti_score --entity dak_song --format json
                """, en: """
                Examples:
                  chiso data template --out mau-so-lieu.xlsx
                  chiso data validate
                  chiso data list indicators --format csv
                  chiso data show --indicator dti_score --entity dak_song --format json
                """),
            subcommands: [Validate.self, List.self, Show.self, Import.self, Template.self, Export.self]
        )
    }

    /// `chiso data import`.
    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Chuyển sổ tính Excel và bảng CSV thành một thư mục dữ liệu.",
                             en: "Turn workbooks and CSV tables into a dataset folder."),
                discussion: summary(vi: """
                    Sổ tính theo mẫu (chiso data template) được đọc toàn bộ; các sổ tính và tệp CSV khác được đọc \
                    như bảng số liệu, dạng dài hoặc dạng rộng, ở mọi trang tính: cột huyện và cột chỉ tiêu trở thành \
                    đơn vị và chỉ tiêu, mỗi tệp là một nguồn, và mỗi giá trị giữ địa chỉ ô của nó (so-lieu.xlsx[Số \
                    liệu]!E7) làm vị trí trong nguồn. Khi có lỗi thì không ghi gì; thư mục được ghi trọn vẹn, không \
                    bao giờ ghi dở dang. Thư mục đã có và không trống được giữ nguyên, trừ khi có --force (và cả khi \
                    đó cũng chỉ khi thư mục chỉ chứa năm tệp của bộ dữ liệu).

                    Ví dụ:
                      chiso data import so-lieu.xlsx --out bo-du-lieu
                      chiso data import dvc-2023.csv dvc-2024.xlsx --out bo-du-lieu --number-format vi
                    """, en: """
                    A workbook in the template's form (chiso data template) is read whole; other \
                    workbooks and CSV files are read as tables, long or wide, every sheet: district and \
                    indicator columns become entities and indicators, each file a source, and each \
                    value keeps its cell (so-lieu.xlsx[Sheet1]!E7) as its locator. Nothing is written \
                    when there are errors; the folder is written whole, never left half-written. An \
                    existing folder that is not empty is left as it is unless --force is given (and \
                    even then only when it holds nothing but the five dataset files).

                    Examples:
                      chiso data import so-lieu.xlsx --out bo-du-lieu
                      chiso data import dvc-2023.csv dvc-2024.xlsx --out bo-du-lieu --number-format vi
                    """)
            )
        }

        @Argument(help: .text(vi: "Các sổ tính Excel (.xlsx) và tệp CSV.", en: "Workbooks (.xlsx) and CSV files."))
        var files: [String]
        @Option(help: .text(vi: "Thư mục dữ liệu cần ghi (thư mục mới hoặc trống; thay toàn bộ khi có --force).",
                            en: "The dataset folder to write (new or empty, or replaced whole with --force)."))
        var out: String
        @Option(name: .customLong("number-format"), help: .text(vi: "Cách ghi số trong các bảng: vi, en hoặc auto (mặc định: xác định theo từng cột).",
                                                                en: "Numbers in the tables: vi, en or auto (default: decided per column)."))
        var numberFormat: NumberFormat = .auto
        @Flag(help: .text(vi: "Thay thư mục dữ liệu đã có (thư mục chỉ chứa năm tệp của bộ dữ liệu).",
                          en: "Replace an existing dataset folder (one holding only the five dataset files)."))
        var force = false
        @OptionGroup var language: LanguageOption

        func run() throws {
            let l = language.language
            let (dataset, findings) = try DatasetLoader.load(files: files, format: numberFormat)
            for line in FindingLines.lines(findings, l) { try Console.line(line) }
            let errors = findings.filter { $0.severity == .error }.count
            if errors > 0 { throw CLIError.notWritten(path: out, errors: errors) }
            try Self.writeFolder(dataset, to: out, force: force)
            try Console.line("\(out): " + Validate.counts(dataset, l))
        }

        /// Writes a dataset folder whole: a new or empty folder, or (with `force`) one holding only
        /// the five dataset files; any other folder is left as it is.
        static func writeFolder(_ dataset: Dataset, to out: String, force: Bool) throws {
            let texts = DatasetWriter.render(dataset)
            try AtomicWriter.replaceFolder(out, with: DatasetLoader.files.compactMap { name in texts[name].map { (name, Data($0.utf8)) } },
                                           rules: AtomicWriter.FolderRules(force: force, owns: { DatasetLoader.files.contains($0) }))
        }
    }

    /// `chiso data template`.
    struct Template: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Tạo sổ tính mẫu để cán bộ kế hoạch điền (chỉ tiêu, đơn vị, nguồn, số liệu, mục tiêu).",
                             en: "Write the workbook a planner fills in (indicators, districts, sources, data, targets)."),
                discussion: summary(vi: """
                    Các trang tính: Hướng dẫn, Chỉ tiêu, Đơn vị, Nguồn, Số liệu (mỗi dòng một chỉ tiêu của một \
                    huyện, mỗi cột một kỳ), Chi tiết số liệu (không bắt buộc) và Mục tiêu (so sánh ≥ hoặc ≤), có \
                    danh sách chọn sẵn. Sổ tính đã điền được đọc bằng chiso report --data TỆP.xlsx và chiso data \
                    import TỆP.xlsx.

                    Ví dụ:
                      chiso data template --out mau-so-lieu.xlsx
                    """, en: """
                    Sheets: Hướng dẫn (instructions), Chỉ tiêu, Đơn vị, Nguồn, Số liệu (one row per \
                    indicator and district, one column per period), Chi tiết số liệu (optional details) \
                    and Mục tiêu (comparator ≥ or ≤), with drop-down lists of Vietnamese words (tỷ lệ, \
                    số lượng, điểm, hạng; tỉnh, huyện; %, hồ sơ; tăng, giảm; the English codes are read \
                    too) and a grey example row (row 2, "Ví dụ: …", not read) on each sheet. A source \
                    needs only its title. A filled workbook is read by chiso report --data FILE.xlsx \
                    and chiso data import FILE.xlsx.

                    Example:
                      chiso data template --out mau-so-lieu.xlsx
                    """)
            )
        }

        @Option(help: .text(vi: "Sổ tính cần tạo (ghi trọn vẹn một lần; chỉ ghi đè tệp đã có khi có --force).",
                            en: "The workbook to write (atomically; an existing file only with --force)."))
        var out: String
        @Flag(help: .text(vi: "Ghi đè sổ tính đã có (số liệu đã điền trong đó sẽ mất).", en: "Replace an existing workbook (a filled one is lost)."))
        var force = false
        @Option(help: .text(vi: "Năm của cột đầu tiên trong trang Số liệu.", en: "First year column of the data sheet."))
        var from: Int = 2020
        @Option(help: .text(vi: "Năm của cột cuối cùng trong trang Số liệu.", en: "Last year column of the data sheet."))
        var to: Int = 2030
        @OptionGroup var language: LanguageOption

        func validate() throws {
            guard (1900...2100).contains(from), (from...2100).contains(to) else {
                throw ValidationError(language.language == .vi ? "--from và --to phải là năm (1900–2100), với --from ≤ --to"
                                                                : "--from and --to must be years with --from ≤ --to")
            }
        }

        func run() throws {
            try AtomicWriter.write(DatasetWorkbookWriter.workbook(nil, firstYear: from, lastYear: to), to: out, replacing: force)
        }
    }

    /// `chiso data export`.
    struct Export: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Xuất bộ dữ liệu ra dạng khác: sổ tính của cán bộ kế hoạch (xlsx) hoặc thư mục dữ liệu (csv).",
                             en: "Write a dataset in another form: the planner's workbook (xlsx) or a dataset folder (csv)."),
                discussion: summary(vi: """
                    --format xlsx ghi bộ dữ liệu theo dạng sổ tính mẫu (chiso data template), chiso data import đọc \
                    lại được đúng bộ dữ liệu đó; --format csv ghi năm tệp CSV của một thư mục dữ liệu.

                    Ví dụ:
                      chiso data export --format xlsx --out so-lieu.xlsx
                      chiso data export --data so-lieu.xlsx --format csv --out bo-du-lieu
                    """, en: """
                    --format xlsx writes the dataset in the template's form (chiso data template), which \
                    chiso data import reads back to the same dataset; --format csv writes the five CSV \
                    files of a dataset folder.

                    Examples:
                      chiso data export --format xlsx --out so-lieu.xlsx
                      chiso data export --data so-lieu.xlsx --format csv --out bo-du-lieu
                    """)
            )
        }

        enum Format: String, ExpressibleByArgument, CaseIterable { case xlsx, csv }

        @OptionGroup var options: DataOptions
        @Option(help: .text(vi: "xlsx (sổ tính Excel) hoặc csv (thư mục dữ liệu).", en: "xlsx (a workbook) or csv (a dataset folder)."))
        var format: Format = .xlsx
        @Option(help: .text(vi: "Sổ tính hoặc thư mục cần ghi (chỉ ghi đè cái đã có khi có --force).",
                            en: "The workbook or folder to write (an existing one only with --force)."))
        var out: String
        @Flag(help: .text(vi: "Ghi đè sổ tính đã có, hoặc thư mục dữ liệu chỉ chứa năm tệp của bộ dữ liệu.",
                          en: "Replace an existing workbook, or a dataset folder holding only the five dataset files."))
        var force = false
        @OptionGroup var language: LanguageOption

        func run() throws {
            let dataset = try options.dataset()
            switch format {
            case .xlsx: try AtomicWriter.write(DatasetWorkbookWriter.workbook(dataset), to: out, replacing: force)
            case .csv: try Import.writeFolder(dataset, to: out, force: force)
            }
        }
    }

    /// `chiso data validate`.
    struct Validate: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Kiểm tra một thư mục dữ liệu và in các lỗi, cảnh báo tìm thấy.",
                             en: "Check a dataset folder and print its findings."),
                discussion: summary(vi: """
                    In mọi lỗi và cảnh báo (lỗi trước), rồi một dòng tổng hợp. Mã thoát 0 khi không có lỗi (cảnh báo \
                    ghi lại sai sót của nguồn, số liệu được giữ nguyên như khi công bố), 1 nếu có lỗi. Với --format \
                    json: các số đếm và từng lỗi, cảnh báo kèm mã cố định (ratio_mismatch, unknown_entity, …), vị \
                    trí và nội dung.

                    Ví dụ:
                      chiso data validate --data Datasets
                      chiso data validate --format json
                      chiso data validate --data so-lieu.xlsx --targets muc-tieu.csv
                    """, en: """
                    Prints every finding (errors first), then a one-line summary. Exit status 0 when there \
                    are no errors (warnings record defects of the sources kept as published), 1 otherwise. \
                    With --format json: the counts and every finding with its stable code \
                    (ratio_mismatch, unknown_entity, ...), position and message.

                    Examples:
                      chiso data validate --data Datasets
                      chiso data validate --format json
                      chiso data validate --data so-lieu.xlsx --targets muc-tieu.csv
                    """)
            )
        }

        /// How the findings are printed.
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

        @OptionGroup var options: DataOptions
        @Option(help: .text(vi: "Tệp mục tiêu (CSV hoặc sổ tính, như chiso gaps --targets) cần kiểm tra với bộ dữ liệu: liệt kê mọi lỗi và cảnh báo kèm vị trí ô.",
                            en: "A targets file (CSV or workbook, as for chiso gaps --targets) to check against the dataset: every finding with its cell."))
        var targets: String?
        @Option(help: .text(vi: "table (mặc định: mỗi lỗi hoặc cảnh báo một dòng) hoặc json (kèm mã của từng lỗi, cảnh báo).",
                            en: "table (default: one line per finding) or json (with each finding's code)."))
        var format: Format = .table
        @OptionGroup var language: LanguageOption

        /// A count and its noun: `3 observations` / `3 số liệu` (Vietnamese nouns have no plural;
        /// counts are grouped as 1.234).
        struct Noun {
            var vi: String, one: String, many: String

            func count(_ n: Int, _ language: Language) -> String {
                language == .vi ? "\(NumberText.plain(Double(n), decimals: 0, .vi)) \(vi)" : "\(n) \(n == 1 ? one : many)"
            }
        }

        static let observations = Noun(vi: "số liệu", one: "observation", many: "observations")
        static let indicators = Noun(vi: "chỉ tiêu", one: "indicator", many: "indicators")
        static let entities = Noun(vi: "đơn vị", one: "entity", many: "entities")
        static let sources = Noun(vi: "nguồn", one: "source", many: "sources")
        static let targets = Noun(vi: "mục tiêu", one: "target", many: "targets")
        static let errors = Noun(vi: "lỗi", one: "error", many: "errors")
        static let warnings = Noun(vi: "cảnh báo", one: "warning", many: "warnings")

        /// `961 observations, 368 indicators, 41 entities, 7 sources, 74 targets` /
        /// `961 số liệu, 368 chỉ tiêu, 41 đơn vị, 7 nguồn, 74 mục tiêu`.
        static func counts(_ dataset: Dataset, _ l: Language) -> String {
            [observations.count(dataset.observations.count, l), indicators.count(dataset.indicators.count, l),
             entities.count(dataset.entities.count, l), sources.count(dataset.sources.count, l),
             targets.count(dataset.targets.count, l)].joined(separator: ", ")
        }

        func run() throws {
            let l = language.language
            var (dataset, findings) = try options.load()
            if let targets {
                // The targets file's findings follow the dataset's; its targets replace the dataset's.
                let read = try DatasetLoader.targets(path: targets, against: dataset, format: options.numberFormat)
                findings = (findings + read.findings).enumerated()
                    .sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
                dataset.targets = read.targets
                dataset.sources = read.sources
            }
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            switch format {
            case .table:
                for line in FindingLines.lines(findings, l) { try Console.line(line) }
                try Console.line(Self.counts(dataset, l) + "; " + Self.errors.count(errors, l) + ", " + Self.warnings.count(warnings, l))
            case .json:
                try Console.line(Self.json(dataset, findings, l))
            }
            if errors > 0 { throw ExitCode.failure }
        }

        /// The findings as JSON: the dataset's counts, each indicator's kind (`kinds`: id → kind, as
        /// ``KindRule`` decided it for a planner's table), and each finding with its severity, stable
        /// code, position, indicator, entity, period and message in the language.
        static func json(_ dataset: Dataset, _ findings: [Finding], _ l: Language) -> String {
            func optional(_ s: String?) -> JSONText { s.map(JSONText.string) ?? .null }
            let errors = findings.filter { $0.severity == .error }.count
            return JSONText.object([
                ("observations", .integer(dataset.observations.count)), ("indicators", .integer(dataset.indicators.count)),
                ("entities", .integer(dataset.entities.count)), ("sources", .integer(dataset.sources.count)),
                ("targets", .integer(dataset.targets.count)), ("errors", .integer(errors)), ("warnings", .integer(findings.count - errors)),
                ("kinds", .object(dataset.indicators.map { ($0.id, .string($0.kind.rawValue)) })),
                ("findings", .array(findings.map { f in
                    .object([("severity", .string(f.severity.rawValue)), ("code", .string(f.code.rawValue)),
                             ("position", optional(f.position.map(\.description))), ("cause", optional(f.cause.map(\.description))),
                             ("indicator", optional(f.indicator)),
                             ("entity", optional(f.entity)), ("period", optional(f.period)),
                             ("message", .string(MessageText.line(Words.problem(f.problem).text(l))))])
                })),
            ]).rendered()
        }
    }
}
