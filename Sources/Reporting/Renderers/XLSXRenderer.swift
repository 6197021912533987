import Foundation

/// Report tables as an Excel workbook (``XLSXWriter``): one sheet per table, a bold header row
/// frozen in place, numbers stored as numbers with a display format per column (years without
/// separators, probabilities as percentages, other numbers with thousands separators).
public enum XLSXRenderer {
    /// The workbook bytes.
    public static func workbook(_ tables: [ReportTable], language: Language) throws -> Data {
        try XLSXWriter.workbook(tables.map { sheet($0, language: language) })
    }

    /// A table as a sheet: a bold header row frozen in place, numbers with their column's format.
    static func sheet(_ table: ReportTable, language: Language) -> XLSXWriter.Sheet {
        let header = table.columns.map { XLSXWriter.Cell.text($0.label(language), .header) }
        let rows = table.rows.map { row in
            zip(table.columns, row).map { column, cell -> XLSXWriter.Cell in
                switch cell {
                case .text, .phrase:
                    return .text(table.display(cell, column: column, language: language))
                case let .number(v):
                    guard let v, v.isFinite else { return .empty }
                    switch column.format {
                    case .integer, .year: return .number(v, .whole)
                    case .probability: return .number(v, .percent)
                    case let .number(d): return .number(v, d >= 3 ? .decimal3 : .decimal2)
                    default: return .number(v, .decimal2)
                    }
                }
            }
        }
        var sheet = XLSXWriter.Sheet(name: table.title(language), rows: [header] + rows)
        sheet.frozenRows = 1
        return sheet
    }
}
