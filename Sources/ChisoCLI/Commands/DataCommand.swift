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
            discussion: """
                Examples:
                  chiso data validate
                  chiso data list indicators --format csv
                  chiso data show --indicator dti_score --entity dak_song --format json
                """,
            subcommands: [Validate.self, List.self, Show.self, Import.self, Template.self, Export.self]
        )
    }

    /// `chiso data import`.
    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Chuyển sổ tính Excel và bảng CSV thành một thư mục dữ liệu.",
                             en: "Turn workbooks and CSV tables into a dataset folder."),
                discussion: """
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
                    """
            )
        }

        @Argument(help: "Workbooks (.xlsx) and CSV files.")
        var files: [String]
        @Option(help: "The dataset folder to write (new or empty, or replaced whole with --force).")
        var out: String
        @Option(name: .customLong("number-format"), help: "Numbers in the tables: vi, en or auto (default: decided per column).")
        var numberFormat: NumberFormat = .auto
        @Flag(help: "Replace an existing dataset folder (one holding only the five dataset files).")
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
                discussion: """
                    Sheets: Hướng dẫn (instructions), Chỉ tiêu, Đơn vị, Nguồn, Số liệu (one row per \
                    indicator and district, one column per period), Chi tiết số liệu (optional details) \
                    and Mục tiêu (comparator ≥ or ≤), with drop-down lists of Vietnamese words (tỷ lệ, \
                    số lượng, điểm, hạng; tỉnh, huyện; %, hồ sơ; tăng, giảm; the English codes are read \
                    too) and a grey example row (row 2, "Ví dụ: …", not read) on each sheet. A source \
                    needs only its title. A filled workbook is read by chiso report --data FILE.xlsx \
                    and chiso data import FILE.xlsx.

                    Example:
                      chiso data template --out mau-so-lieu.xlsx
                    """
            )
        }

        @Option(help: "The workbook to write (atomically; an existing file only with --force).")
        var out: String
        @Flag(help: "Replace an existing workbook (a filled one is lost).")
        var force = false
        @Option(help: "First year column of the data sheet.")
        var from: Int = 2020
        @Option(help: "Last year column of the data sheet.")
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
                discussion: """
                    --format xlsx writes the dataset in the template's form (chiso data template), which \
                    chiso data import reads back to the same dataset; --format csv writes the five CSV \
                    files of a dataset folder.

                    Examples:
                      chiso data export --format xlsx --out so-lieu.xlsx
                      chiso data export --data so-lieu.xlsx --format csv --out bo-du-lieu
                    """
            )
        }

        enum Format: String, ExpressibleByArgument, CaseIterable { case xlsx, csv }

        @OptionGroup var options: DataOptions
        @Option(help: "xlsx (a workbook) or csv (a dataset folder).")
        var format: Format = .xlsx
        @Option(help: "The workbook or folder to write (an existing one only with --force).")
        var out: String
        @Flag(help: "Replace an existing workbook, or a dataset folder holding only the five dataset files.")
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
                discussion: """
                    Prints every finding (errors first), then a one-line summary. Exit status 0 when there \
                    are no errors (warnings record defects of the sources kept as published), 1 otherwise. \
                    With --format json: the counts and every finding with its stable code \
                    (ratio_mismatch, unknown_entity, ...), position and message.

                    Examples:
                      chiso data validate --data Datasets
                      chiso data validate --format json
                    """
            )
        }

        /// How the findings are printed.
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

        @OptionGroup var options: DataOptions
        @Option(help: "table (default: one line per finding) or json (with each finding's code).")
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
            let (dataset, findings) = try options.load()
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

        /// The findings as JSON: the dataset's counts, and each finding with its severity, stable
        /// code, position, indicator, entity, period and message in the language.
        static func json(_ dataset: Dataset, _ findings: [Finding], _ l: Language) -> String {
            func optional(_ s: String?) -> JSONText { s.map(JSONText.string) ?? .null }
            let errors = findings.filter { $0.severity == .error }.count
            return JSONText.object([
                ("observations", .integer(dataset.observations.count)), ("indicators", .integer(dataset.indicators.count)),
                ("entities", .integer(dataset.entities.count)), ("sources", .integer(dataset.sources.count)),
                ("targets", .integer(dataset.targets.count)), ("errors", .integer(errors)), ("warnings", .integer(findings.count - errors)),
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

    /// `chiso data list`.
    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Liệt kê các chỉ tiêu, đơn vị, nguồn hoặc mục tiêu của bộ dữ liệu.",
                             en: "List the indicators, entities, sources or targets of a dataset."),
                discussion: """
                    Examples:
                      chiso data list indicators
                      chiso data list entities --format csv
                    """
            )
        }

        /// What to list.
        enum What: String, ExpressibleByArgument, CaseIterable {
            case indicators, entities, sources, targets
        }

        @Argument(help: "indicators, entities, sources or targets")
        var what: What

        @OptionGroup var options: DataOptions

        @Option(help: "Output format: table, json or csv.")
        var format: ListFormat = .table
        @OptionGroup var language: LanguageOption

        func run() throws {
            let data = try options.dataset()
            let l = language.language
            let listing: Listing
            switch what {
            case .indicators: listing = Self.indicators(data)
            case .entities: listing = Self.entities(data)
            case .sources: listing = Self.sources(data)
            case .targets: listing = Self.targets(data)
            }
            try Console.line(listing.render(format, l))
        }

        /// The indicators: codes for machines (csv, json, and the table in English), words for the Vietnamese table.
        static func indicators(_ data: Dataset) -> Listing {
            let n = CSVWriter.number
            return Listing(
                header: ["id", "name_vi", "name_en", "unit", "kind", "lower", "upper", "direction", "measure", "parent", "ranks"],
                headerVi: ["Mã", "Tên tiếng Việt", "Tên tiếng Anh", "Đơn vị tính", "Loại", "Cận dưới", "Cận trên", "Chiều tốt", "Tính theo",
                           "Chỉ tiêu cha", "Xếp hạng theo"],
                rows: data.indicators.map { [$0.id, $0.nameVi, $0.nameEn, $0.unit.rawValue, $0.kind.rawValue, n($0.lower), n($0.upper),
                                             $0.direction.rawValue, $0.measure.rawValue, $0.parent ?? "", $0.ranks ?? ""] },
                rowsVi: data.indicators.map { [$0.id, $0.nameVi, $0.nameEn, Words.unit($0.unit).vi, Words.kind($0.kind).vi,
                                               $0.lower.map(Words.number) ?? "", $0.upper.map(Words.number) ?? "",
                                               Words.direction($0.direction).vi, Words.measure($0.measure).vi, $0.parent ?? "", $0.ranks ?? ""] },
                numeric: ["lower", "upper"],
                texts: data.indicators.map { i in { l in [("unit_text", Words.unit(i.unit).text(l)), ("kind_text", Words.kind(i.kind).text(l)),
                                                          ("direction_text", Words.direction(i.direction).text(l)),
                                                          ("measure_text", Words.measure(i.measure).text(l))] } })
        }

        /// The entities.
        static func entities(_ data: Dataset) -> Listing {
            Listing(
                header: ["id", "name_vi", "name_en", "level", "parent", "aliases"],
                headerVi: ["Mã", "Tên tiếng Việt", "Tên tiếng Anh", "Cấp", "Đơn vị cấp trên", "Tên gọi khác"],
                rows: data.entities.map { [$0.id, $0.nameVi, $0.nameEn, $0.level.rawValue, $0.parent ?? "", $0.aliases.joined(separator: "|")] },
                rowsVi: data.entities.map { [$0.id, $0.nameVi, $0.nameEn, Words.level($0.level).vi, $0.parent ?? "", $0.aliases.joined(separator: "; ")] },
                numeric: [],
                texts: data.entities.map { e in { l in [("level_text", Words.level(e.level).text(l))] } })
        }

        /// The sources.
        static func sources(_ data: Dataset) -> Listing {
            let rows = data.sources.values.sorted { $0.id < $1.id }.map { [$0.id, $0.title, $0.issuer, $0.documentNumber, $0.date, $0.file] }
            return Listing(header: ["id", "title", "issuer", "document_number", "date", "file"],
                           headerVi: ["Mã", "Tên văn bản", "Cơ quan ban hành", "Số, ký hiệu", "Ngày", "Tệp"],
                           rows: rows, rowsVi: rows, numeric: [], texts: nil)
        }

        /// The targets.
        static func targets(_ data: Dataset) -> Listing {
            let n = CSVWriter.number
            return Listing(
                header: ["indicator", "entity", "year", "value", "comparator", "source", "note"],
                headerVi: ["Chỉ tiêu", "Đơn vị", "Năm", "Giá trị", "So sánh", "Nguồn", "Ghi chú"],
                rows: data.targets.map { [$0.indicator, $0.entity, String($0.year), n($0.value), $0.comparator.rawValue, $0.source, $0.note] },
                rowsVi: data.targets.map { [$0.indicator, $0.entity, String($0.year), Words.number($0.value), Words.comparator($0.comparator).vi,
                                            $0.source, $0.note] },
                numeric: ["year", "value"], texts: nil)
        }
    }

    /// A listing in both forms: codes and dot decimals (csv, json, the English table) and words and
    /// Vietnamese numbers (the Vietnamese table); JSON objects add the words of their codes (`kind_text`, …).
    struct Listing {
        var header: [String], headerVi: [String]
        var rows: [[String]], rowsVi: [[String]]
        var numeric: Set<String>
        /// Per row, the `*_text` fields of its JSON object in a language.
        var texts: [(Language) -> [(String, String)]]?

        func render(_ format: ListFormat, _ language: Language) -> String {
            switch format {
            case .table:
                return language == .vi ? TextTable.render(header: headerVi, rows: rowsVi) : TextTable.render(header: header, rows: rows)
            case .csv:
                return TextTable.render(header: header, rows: rows, format: .csv, numeric: numeric)
            case .json:
                guard let texts else { return TextTable.render(header: header, rows: rows, format: .json, numeric: numeric) }
                let objects = zip(rows, texts).map { row, text in
                    JSONText.object(TextTable.pairs(header: header, row: row, numeric: numeric) + text(language).map { ($0.0, .string($0.1)) })
                }
                return JSONText.array(objects).rendered()
            }
        }
    }

    /// `chiso data show`.
    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Xem số liệu của một chỉ tiêu, cũ nhất trước.",
                             en: "Show the observations of an indicator, oldest first."),
                discussion: """
                    t is the decimal time of each period (a flow at its midpoint, a stock at its end).

                    Examples:
                      chiso data show --indicator dti_score --entity dak_song
                      chiso data show --indicator dvctt_with_applications_share --format json
                    """
            )
        }

        @Option(help: "Indicator: id, name or alias.")
        var indicator: String

        @Option(help: "Entity: id, name or alias (default: all entities).")
        var entity: String?

        @OptionGroup var options: DataOptions

        @Option(help: "Output format: table, json or csv.")
        var format: ListFormat = .table
        @OptionGroup var language: LanguageOption

        func run() throws {
            let dir = options.directory()
            let data = try options.dataset()
            let indicator = try Names.indicator(self.indicator, in: data, directory: dir)
            let entity = try self.entity.map { try Names.entity($0, in: data, directory: dir) }
            guard let definition = data.indicator(indicator) else {
                throw CLIError.unknownId(kind: .indicator, id: indicator, file: (dir as NSString).appendingPathComponent("indicators.csv"))
            }
            let n = CSVWriter.number
            let header = ["indicator", "entity", "period", "t", "value", "numerator", "denominator", "source", "locator"]
            let observations = data.observations(indicator: indicator, entity: entity)
            if format == .table && language.language == .vi {
                let rows = observations.map { o in
                    [o.indicator, o.entity, o.period.description, String(format: "%.3f", o.period.time(measure: definition.measure)).replacingOccurrences(of: ".", with: ","),
                     Words.number(o.value), o.numerator.map(Words.number) ?? "", o.denominator.map(Words.number) ?? "", o.source, o.locator]
                }
                let headerVi = ["Chỉ tiêu", "Đơn vị", "Kỳ", "t", "Giá trị", "Tử số", "Mẫu số", "Nguồn", "Vị trí trong nguồn"]
                try Console.line(TextTable.render(header: headerVi, rows: rows))
                return
            }
            let rows = observations.map { o in
                let t = o.period.time(measure: definition.measure)
                return [o.indicator, o.entity, o.period.description, format == .table ? String(format: "%.3f", t) : t.description,
                 n(o.value), n(o.numerator), n(o.denominator), o.source, o.locator]
            }
            try Console.line(TextTable.render(header: header, rows: rows, format: format, numeric: ["t", "value", "numerator", "denominator"]))
        }
    }
}
