import ArgumentParser
import Chiso
import Foundation

/// `chiso data`: validate, list and show the indicator dataset.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Validate, list and show the indicator dataset.",
        discussion: """
            Examples:
              chiso data validate
              chiso data list indicators --format csv
              chiso data show --indicator dti_score --entity dak_song --format json
            """,
        subcommands: [Validate.self, List.self, Show.self, Import.self, Template.self, Export.self]
    )

    /// `chiso data import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn workbooks and CSV tables into a dataset folder.",
            discussion: """
                A workbook in the template's form (chiso data template) is read whole; other \
                workbooks and CSV files are read as tables, long or wide, every sheet: district and \
                indicator columns become entities and indicators, each file a source, and each \
                value keeps its cell (so-lieu.xlsx[Sheet1]!E7) as its locator. Nothing is written \
                when there are errors; the folder is replaced whole, never left half-written.

                Examples:
                  chiso data import so-lieu.xlsx --out bo-du-lieu
                  chiso data import dvc-2023.csv dvc-2024.xlsx --out bo-du-lieu --number-format vi
                """
        )

        @Argument(help: "Workbooks (.xlsx) and CSV files.")
        var files: [String]
        @Option(help: "The dataset folder to write (replaced whole).")
        var out: String
        @Option(name: .customLong("number-format"), help: "Numbers in the tables: vi, en or auto (default: decided per column).")
        var numberFormat: NumberFormat = .auto

        func run() throws {
            let (dataset, findings) = try DatasetLoader.load(files: files, format: numberFormat)
            for f in findings { try Console.line(f.description) }
            let errors = findings.filter { $0.severity == .error }.count
            if errors > 0 {
                throw CLIError.inFile(out, "not written: \(errors) error\(errors == 1 ? "" : "s") above")
            }
            let texts = DatasetWriter.render(dataset)
            try AtomicWriter.replaceFolder(out, with: DatasetLoader.files.compactMap { name in texts[name].map { (name, Data($0.utf8)) } },
                                           owns: { DatasetLoader.files.contains($0) })
            try Console.line("\(out): " + Validate.counts(dataset))
        }
    }

    /// `chiso data template`.
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the workbook a planner fills in (indicators, districts, sources, data, targets).",
            discussion: """
                Sheets: Hướng dẫn (instructions), Chỉ tiêu, Đơn vị, Nguồn, Số liệu (one row per \
                indicator and district, one column per period), Chi tiết số liệu (optional details) \
                and Mục tiêu (comparator ≥ or ≤), with drop-down lists. A filled workbook is read by \
                chiso report --data FILE.xlsx and chiso data import FILE.xlsx.

                Example:
                  chiso data template --out mau-so-lieu.xlsx
                """
        )

        @Option(help: "The workbook to write (atomically).")
        var out: String
        @Option(help: "First year column of the data sheet.")
        var from: Int = 2020
        @Option(help: "Last year column of the data sheet.")
        var to: Int = 2030

        func validate() throws {
            guard (1900...2100).contains(from), (from...2100).contains(to) else {
                throw ValidationError("--from and --to must be years with --from ≤ --to")
            }
        }

        func run() throws {
            try AtomicWriter.write(DatasetWorkbookWriter.workbook(nil, firstYear: from, lastYear: to), to: out)
        }
    }

    /// `chiso data export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a dataset in another form: the planner's workbook (xlsx) or a dataset folder (csv).",
            discussion: """
                --format xlsx writes the dataset in the template's form (chiso data template), which \
                chiso data import reads back to the same dataset; --format csv writes the five CSV \
                files of a dataset folder.

                Examples:
                  chiso data export --format xlsx --out so-lieu.xlsx
                  chiso data export --data so-lieu.xlsx --format csv --out bo-du-lieu
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case xlsx, csv }

        @OptionGroup var options: DataOptions
        @Option(help: "xlsx (a workbook) or csv (a dataset folder).")
        var format: Format = .xlsx
        @Option(help: "The workbook or folder to write.")
        var out: String

        func run() throws {
            let dataset = try options.dataset()
            switch format {
            case .xlsx: try AtomicWriter.write(DatasetWorkbookWriter.workbook(dataset), to: out)
            case .csv: try DatasetWriter.write(dataset, to: out)
            }
        }
    }

    /// `chiso data validate`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a dataset folder and print its findings.",
            discussion: """
                Prints every finding (errors first), then a one-line summary. Exit status 0 when there \
                are no errors (warnings record defects of the sources kept as published), 1 otherwise.

                Example:
                  chiso data validate --data Datasets
                """
        )

        @OptionGroup var options: DataOptions

        static func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

        /// `961 observations, 368 indicators, 41 entities, 7 sources, 74 targets`.
        static func counts(_ dataset: Dataset) -> String {
            "\(n(dataset.observations.count, "observation")), \(n(dataset.indicators.count, "indicator")), "
                + "\(n(dataset.entities.count, "entity").replacingOccurrences(of: "entitys", with: "entities")), "
                + "\(n(dataset.sources.count, "source")), \(n(dataset.targets.count, "target"))"
        }

        func run() throws {
            let (dataset, findings) = try options.load()
            for f in findings { try Console.line(f.description) }
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            try Console.line(Self.counts(dataset) + "; \(Self.n(errors, "error")), \(Self.n(warnings, "warning"))")
            if errors > 0 { throw ExitCode.failure }
        }
    }

    /// `chiso data list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the indicators, entities, sources or targets of a dataset.",
            discussion: """
                Examples:
                  chiso data list indicators
                  chiso data list entities --format csv
                """
        )

        /// What to list.
        enum What: String, ExpressibleByArgument, CaseIterable {
            case indicators, entities, sources, targets
        }

        @Argument(help: "indicators, entities, sources or targets")
        var what: What

        @OptionGroup var options: DataOptions

        @Option(help: "Output format: table, json or csv.")
        var format: ListFormat = .table

        func run() throws {
            let data = try options.dataset()
            let n = CSVWriter.number
            let header: [String], rows: [[String]], numeric: Set<String>
            switch what {
            case .indicators:
                header = ["id", "name_vi", "name_en", "unit", "kind", "lower", "upper", "direction", "measure", "parent", "ranks"]
                rows = data.indicators.map { [$0.id, $0.nameVi, $0.nameEn, $0.unit.rawValue, $0.kind.rawValue, n($0.lower), n($0.upper),
                                              $0.direction.rawValue, $0.measure.rawValue, $0.parent ?? "", $0.ranks ?? ""] }
                numeric = ["lower", "upper"]
            case .entities:
                header = ["id", "name_vi", "name_en", "level", "parent", "aliases"]
                rows = data.entities.map { [$0.id, $0.nameVi, $0.nameEn, $0.level.rawValue, $0.parent ?? "", $0.aliases.joined(separator: "|")] }
                numeric = []
            case .sources:
                header = ["id", "title", "issuer", "document_number", "date", "file"]
                rows = data.sources.values.sorted { $0.id < $1.id }.map { [$0.id, $0.title, $0.issuer, $0.documentNumber, $0.date, $0.file] }
                numeric = []
            case .targets:
                header = ["indicator", "entity", "year", "value", "comparator", "source", "note"]
                rows = data.targets.map { [$0.indicator, $0.entity, String($0.year), n($0.value), $0.comparator.rawValue, $0.source, $0.note] }
                numeric = ["year", "value"]
            }
            try Console.line(TextTable.render(header: header, rows: rows, format: format, numeric: numeric))
        }
    }

    /// `chiso data show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the observations of an indicator, oldest first.",
            discussion: """
                t is the decimal time of each period (a flow at its midpoint, a stock at its end).

                Examples:
                  chiso data show --indicator dti_score --entity dak_song
                  chiso data show --indicator dvctt_with_applications_share --format json
                """
        )

        @Option(help: "Indicator: id, name or alias.")
        var indicator: String

        @Option(help: "Entity: id, name or alias (default: all entities).")
        var entity: String?

        @OptionGroup var options: DataOptions

        @Option(help: "Output format: table, json or csv.")
        var format: ListFormat = .table

        func run() throws {
            let dir = options.directory()
            let data = try options.dataset()
            let indicator = try Names.indicator(self.indicator, in: data, directory: dir)
            let entity = try self.entity.map { try Names.entity($0, in: data, directory: dir) }
            guard let definition = data.indicator(indicator) else {
                throw CLIError.unknownId(kind: "indicator", id: indicator, file: (dir as NSString).appendingPathComponent("indicators.csv"))
            }
            let n = CSVWriter.number
            let header = ["indicator", "entity", "period", "t", "value", "numerator", "denominator", "source", "locator"]
            let rows = data.observations(indicator: indicator, entity: entity).map { o in
                let t = o.period.time(measure: definition.measure)
                return [o.indicator, o.entity, o.period.description, format == .table ? String(format: "%.3f", t) : t.description,
                 n(o.value), n(o.numerator), n(o.denominator), o.source, o.locator]
            }
            try Console.line(TextTable.render(header: header, rows: rows, format: format, numeric: ["t", "value", "numerator", "denominator"]))
        }
    }
}
