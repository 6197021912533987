import ArgumentParser
import Chiso
import Foundation

/// `chiso data list` and `chiso data show`: the dataset's definitions and observations, as tables
/// in the run's language or as CSV and JSON for machines.
extension DataCommand {
    /// `chiso data list`.
    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Liệt kê các chỉ tiêu, đơn vị, nguồn hoặc mục tiêu của bộ dữ liệu.",
                             en: "List the indicators, entities, sources or targets of a dataset."),
                discussion: summary(vi: """
                    Ví dụ:
                      chiso data list indicators
                      chiso data list entities --format csv
                    """, en: """
                    Examples:
                      chiso data list indicators
                      chiso data list entities --format csv
                    """)
            )
        }

        /// What to list.
        enum What: String, ExpressibleByArgument, CaseIterable {
            case indicators, entities, sources, targets
        }

        @Argument(help: .text(vi: "indicators (chỉ tiêu), entities (đơn vị), sources (nguồn) hoặc targets (mục tiêu)",
                              en: "indicators, entities, sources or targets"))
        var what: What

        @OptionGroup var options: DataOptions

        @Option(help: .text(vi: "Dạng kết quả: table (bảng), json hoặc csv.", en: "Output format: table, json or csv."))
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
                discussion: summary(vi: """
                    t là thời điểm của mỗi kỳ dạng số thập phân (chỉ tiêu thời kỳ lấy giữa kỳ, chỉ tiêu thời điểm \
                    lấy cuối kỳ).

                    Ví dụ:
                      chiso data show --indicator dti_score --entity dak_song
                      chiso data show --indicator dvctt_with_applications_share --format json
                    """, en: """
                    t is the decimal time of each period (a flow at its midpoint, a stock at its end).

                    Examples:
                      chiso data show --indicator dti_score --entity dak_song
                      chiso data show --indicator dvctt_with_applications_share --format json
                    """)
            )
        }

        @Option(help: .text(vi: "Chỉ tiêu: mã, tên hoặc tên gọi khác.", en: "Indicator: id, name or alias."))
        var indicator: String

        @Option(help: .text(vi: "Đơn vị: mã, tên hoặc tên gọi khác (mặc định: mọi đơn vị).",
                            en: "Entity: id, name or alias (default: all entities)."))
        var entity: String?

        @OptionGroup var options: DataOptions

        @Option(help: .text(vi: "Dạng kết quả: table (bảng), json hoặc csv.", en: "Output format: table, json or csv."))
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
