import Foundation

/// The plan sub-columns of a report's two-row header (`Kế hoạch` under `Năm 2024`), read beside
/// the observed values.
extension PlannerTable {
    /// The plan values of each of `rows` (a wide table's series rows), by row: one point per plan
    /// column (``CSVTable/planColumns``) with a value, oldest first; missing-value marks left out.
    /// The plan columns are one block of numbers (one convention under `auto`).
    ///
    /// - Throws: ``DatasetError`` for a plan cell that is not a number.
    static func planPoints(_ table: CSVTable, rows: [Int], format: NumberFormat?, measure: Indicator.Measure) throws(DatasetError) -> [Int: [TablePoint]] {
        guard !table.planColumns.isEmpty else { return [:] }
        let columns = table.planColumns.keys.sorted()
        var cells: [CSVTable.Cell] = []
        for r in rows {
            for j in columns where table.number(r, j) != nil || !CSVTable.isMissing(table.field(r, j)) { cells.append((r, j)) }
        }
        let name = columns.map { table.header[$0] }.joined(separator: ", ")
        let values = try table.numbers(cells, name: name, format: format)
        var out: [Int: [TablePoint]] = [:]
        for ((r, j), v) in zip(cells, values) {
            guard let period = table.planColumns[j] else { continue }
            out[r, default: []].append(TablePoint(period: period, decimalTime: nil, value: v, numerator: nil, denominator: nil,
                                                  position: table.position(r, j)))
        }
        for r in out.keys { out[r]?.sort { $0.time(measure: measure) < $1.time(measure: measure) } }
        return out
    }
}
