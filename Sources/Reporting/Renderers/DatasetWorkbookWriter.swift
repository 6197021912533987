import Foundation
import Indicators

/// A dataset as the workbook planners fill in (`DatasetWorkbook` in Indicators): instructions, indicators,
/// entities, sources, the data wide (one row per indicator and entity, one column per period), the
/// same observations long with their details, and targets (comparator `≥`/`≤`), with drop-down
/// lists for the columns that take one of a few words. Numbers are stored at full precision.
public enum DatasetWorkbookWriter {
    /// The workbook of `data`; with nil, the empty template (the wide sheet headed by the years
    /// `firstYear`…`lastYear`).
    ///
    /// - Throws: ZIPFoundation's errors when the archive cannot be built.
    public static func workbook(_ data: Dataset?, firstYear: Int = 2020, lastYear: Int = 2025) throws -> Data {
        typealias Cell = XLSXWriter.Cell
        func text(_ s: String) -> Cell { s.isEmpty ? .empty : .text(s) }
        func number(_ v: Double?) -> Cell { v.map { .number($0) } ?? .empty }
        func header(_ sheet: DatasetWorkbook.Sheet) -> [Cell] { sheet.columns.map { .text($0.header, .header) } }

        var instructions = XLSXWriter.Sheet(name: DatasetWorkbook.instructions, rows: DatasetWorkbook.instructionLines.enumerated().map { k, line in
            [k == 0 ? .text(line, .title) : (line.isEmpty ? .empty : .text(line, .wrapped))]
        })
        instructions.widths = [110]

        let indicators = (data?.indicators ?? []).map { i -> [Cell] in
            [text(i.id), text(i.nameVi), text(i.nameEn), text(i.unit.rawValue), text(i.kind.rawValue), number(i.lower), number(i.upper),
             text(i.direction.rawValue), text(i.measure.rawValue), text(i.parent ?? ""), text(i.ranks ?? ""), text(i.definition),
             text(i.unitLabelVi ?? ""), text(i.unitLabelEn ?? "")]
        }
        let entities = (data?.entities ?? []).map { e -> [Cell] in
            [text(e.id), text(e.nameVi), text(e.nameEn), text(e.level.rawValue), text(e.parent ?? ""), text(e.aliases.joined(separator: "|"))]
        }
        let sources = (data?.sources.values.sorted { $0.id < $1.id } ?? []).map { s -> [Cell] in
            [text(s.id), text(s.title), text(s.issuer), text(s.documentNumber), text(s.date), text(s.file)]
        }
        let observations = (data?.observations ?? []).map { o -> [Cell] in
            [text(o.indicator), text(o.entity), text(o.period.description), .number(o.value), number(o.numerator), number(o.denominator),
             text(o.source), text(o.locator), text(o.note)]
        }
        let targets = (data?.targets ?? []).map { t -> [Cell] in
            [text(t.indicator), text(t.entity), .number(Double(t.year), .whole), .number(t.value),
             text(t.comparator == .atLeast ? "≥" : "≤"), text(t.source), text(t.note)]
        }

        // The wide sheet: one row per indicator and entity (in the order they first appear), one
        // column per period (oldest first); the row's source when all its observations share one.
        var periods: [Period] = [], seenPeriods = Set<Period>()
        var keys: [String] = [], rows: [String: (indicator: String, entity: String, sources: Set<String>, values: [Period: Double])] = [:]
        for o in data?.observations ?? [] {
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
        let periodHeaders: [Cell] = data == nil
            ? (firstYear...max(firstYear, lastYear)).map { .text(String($0), .header) }
            : periods.map { .text($0.description, .header) }
        let wide = keys.compactMap { rows[$0] }.map { row -> [Cell] in
            [text(row.indicator), text(row.entity), text(row.sources.count == 1 ? row.sources.first ?? "" : "")]
                + periods.map { number(row.values[$0]) }
        }

        func sheet(_ spec: DatasetWorkbook.Sheet, _ body: [[Cell]], extra: [Cell] = [], widths: [Double]) -> XLSXWriter.Sheet {
            var s = XLSXWriter.Sheet(name: spec.name, rows: [header(spec) + extra] + body)
            s.frozenRows = 1
            s.frozenColumns = spec.file == "observations.csv" ? 2 : 1
            s.autofilter = true
            s.widths = widths
            let last = max(body.count + 1, 500)
            for (j, column) in spec.columns.enumerated() {
                if let values = DatasetWorkbook.choices[column.column] {
                    s.validations.append(.init(range: "\(XLSXWriter.letters(j))2:\(XLSXWriter.letters(j))\(last)", values: values))
                }
            }
            return s
        }
        let periodWidths = Array(repeating: 12.0, count: max(periodHeaders.count, 1))
        return try XLSXWriter.workbook([
            instructions,
            sheet(DatasetWorkbook.indicators, indicators, widths: [28, 48, 40, 10, 10, 9, 9, 9, 9, 20, 20, 60, 14, 14]),
            sheet(DatasetWorkbook.entities, entities, widths: [20, 30, 30, 12, 16, 50]),
            sheet(DatasetWorkbook.sources, sources, widths: [22, 60, 30, 16, 14, 26]),
            sheet(DatasetWorkbook.data, wide, extra: periodHeaders, widths: [28, 20, 22] + periodWidths),
            sheet(DatasetWorkbook.observations, observations, widths: [28, 20, 14, 12, 12, 12, 22, 40, 30]),
            sheet(DatasetWorkbook.targets, targets, widths: [28, 20, 8, 10, 10, 22, 40]),
        ])
    }
}
