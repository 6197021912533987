import Foundation
import Indicators

/// A dataset as the workbook planners fill in (`DatasetWorkbook` in Indicators): instructions, indicators,
/// entities, sources, the data wide (one row per indicator and entity, one column per period), the
/// same observations long with their details, and targets (comparator `≥`/`≤`), with drop-down
/// lists of Vietnamese words (`Vocabulary` in Indicators) for the columns that take one of a few. Numbers are
/// stored at full precision. The empty template also has a grey example row on each sheet
/// (`example(_:years:)`), which the reader leaves out.
public enum DatasetWorkbookWriter {
    typealias Cell = XLSXWriter.Cell

    /// The workbook of `data`; with nil, the empty template (the wide sheet headed by the years
    /// `firstYear`…`lastYear`, an example row on each sheet).
    ///
    /// - Throws: ZIPFoundation's errors when the archive cannot be built.
    public static func workbook(_ data: Dataset?, firstYear: Int = 2020, lastYear: Int = 2025) throws -> Data {
        func text(_ s: String?) -> Cell { (s ?? "").isEmpty ? .empty : .text(s ?? "") }
        func number(_ v: Double?) -> Cell { v.map { .number($0) } ?? .empty }

        let indicators = (data?.indicators ?? []).map { i -> [String: Cell] in
            ["id": text(i.id), "name_vi": text(i.nameVi), "name_en": text(i.nameEn), "unit": text(Vocabulary.unit.word(i.unit)),
             "kind": text(Vocabulary.kind.word(i.kind)), "lower": number(i.lower), "upper": number(i.upper),
             "direction": text(Vocabulary.direction.word(i.direction)), "measure": text(Vocabulary.measure.word(i.measure)),
             "parent": text(i.parent), "ranks": text(i.ranks), "definition": text(i.definition),
             "unit_label_vi": text(i.unitLabelVi), "unit_label_en": text(i.unitLabelEn)]
        }
        let entities = (data?.entities ?? []).map { e -> [String: Cell] in
            ["id": text(e.id), "name_vi": text(e.nameVi), "name_en": text(e.nameEn), "level": text(Vocabulary.level.word(e.level)),
             "parent": text(e.parent), "aliases": text(e.aliases.joined(separator: "|"))]
        }
        let sources = (data?.sources.values.sorted { $0.id < $1.id } ?? []).map { s -> [String: Cell] in
            ["id": text(s.id), "title": text(s.title), "issuer": text(s.issuer), "document_number": text(s.documentNumber),
             "date": text(s.date), "file": text(s.file)]
        }
        let observations = (data?.observations ?? []).map { o -> [String: Cell] in
            ["indicator": text(o.indicator), "entity": text(o.entity), "period": text(o.period.description), "value": .number(o.value),
             "numerator": number(o.numerator), "denominator": number(o.denominator), "source": text(o.source),
             "locator": text(o.locator), "note": text(o.note)]
        }
        let targets = (data?.targets ?? []).map { t -> [String: Cell] in
            ["indicator": text(t.indicator), "entity": text(t.entity), "year": .number(Double(t.year), .whole), "value": .number(t.value),
             "comparator": text(Vocabulary.comparator.word(t.comparator)), "source": text(t.source), "note": text(t.note)]
        }
        let (periods, wide) = wideRows(data?.observations ?? [])
        let years = data == nil ? (firstYear...max(firstYear, lastYear)).map(String.init) : periods.map(\.description)
        let wideRows = wide.map { row -> [String: Cell] in
            var cells: [String: Cell] = ["indicator": text(row.indicator), "entity": text(row.entity),
                                         "source": text(row.sources.count == 1 ? row.sources.first : nil)]
            for p in periods { cells[p.description] = number(row.values[p]) }
            return cells
        }
        let periodWidths = Array(repeating: 12.0, count: max(years.count, 1))
        return try XLSXWriter.workbook([
            instructions,
            sheet(DatasetWorkbook.indicators, indicators, example: data == nil,
                  widths: [28, 40, 32, 12, 11, 9, 9, 10, 11, 16, 16, 48, 12, 14]),
            sheet(DatasetWorkbook.entities, entities, example: data == nil, widths: [20, 28, 26, 11, 16, 40]),
            sheet(DatasetWorkbook.sources, sources, example: data == nil, widths: [48, 20, 30, 14, 24, 24]),
            sheet(DatasetWorkbook.data, wideRows, periods: years, example: data == nil, widths: [34, 18, 40] + periodWidths),
            sheet(DatasetWorkbook.observations, observations, example: data == nil, widths: [34, 18, 12, 10, 11, 11, 40, 24, 24]),
            sheet(DatasetWorkbook.targets, targets, example: data == nil, widths: [34, 18, 8, 10, 10, 40, 30]),
        ])
    }

    /// The wide sheet's rows: one per indicator and entity (in the order they first appear), with
    /// each period's value and the sources of its values; and the periods, oldest first.
    static func wideRows(_ observations: [Observation])
        -> (periods: [Period], rows: [(indicator: String, entity: String, sources: Set<String>, values: [Period: Double])]) {
        var periods: [Period] = [], seenPeriods = Set<Period>()
        var keys: [String] = [], rows: [String: (indicator: String, entity: String, sources: Set<String>, values: [Period: Double])] = [:]
        for o in observations {
            if seenPeriods.insert(o.period).inserted { periods.append(o.period) }
            let key = o.indicator + "\u{1F}" + o.entity
            if rows[key] == nil {
                keys.append(key)
                rows[key] = (o.indicator, o.entity, [], [:])
            }
            rows[key]?.sources.insert(o.source)
            rows[key]?.values[o.period] = o.value
        }
        periods.sort { ($0.span.end, $0.span.start ?? -.infinity, $0.description) < ($1.span.end, $1.span.start ?? -.infinity, $1.description) }
        return (periods, keys.compactMap { rows[$0] })
    }

    /// A sheet of the template's form: the header (then `periods` as further columns), the example
    /// row when `example`, the rows (cells by dataset column, or by period), drop-down lists, widths,
    /// and row heights so that the header and the example show whole.
    static func sheet(_ spec: DatasetWorkbook.Sheet, _ body: [[String: Cell]], periods: [String] = [], example: Bool,
                      widths: [Double]) -> XLSXWriter.Sheet {
        let keys = spec.columns.map(\.column) + periods
        let header: [Cell] = spec.columns.map { .text($0.header, .header) } + periods.map { .text($0, .header) }
        let sample: [[Cell]] = example ? [Self.example(spec, years: periods)] : []
        var s = XLSXWriter.Sheet(name: spec.name, rows: [header] + sample + body.map { row in keys.map { row[$0] ?? .empty } })
        s.frozenRows = 1
        s.frozenColumns = spec.file == "observations.csv" ? 2 : 1
        s.autofilter = true
        s.widths = widths
        s.landscape = true
        for (k, row) in s.rows.prefix(1 + sample.count).enumerated() {
            if let height = XLSXWriter.fittedHeight(row, widths: widths) { s.rowHeights[k + 1] = height }
        }
        let last = max(s.rows.count, 500)
        for (j, column) in spec.columns.enumerated() {
            guard let values = Vocabulary.dropDown(column: column.column) else { continue }
            let letter = XLSXWriter.letters(j)
            s.validations.append(.init(range: "\(letter)2:\(letter)\(last)", values: values,
                                       other: Vocabulary.isOpen(column: column.column) ? .allow : .warn(title: listTitle, message: listMessage)))
        }
        return s
    }
}
