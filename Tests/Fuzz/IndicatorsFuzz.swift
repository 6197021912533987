// libFuzzer entry over the input parsers of the Indicators layer: the CSV reader, the number
// parser (all three formats), the period parser, and the dataset loader end to end (an input with
// NUL bytes is split into sources, indicators, entities, observations and targets, in that order,
// loaded and cross-checked). Built by `make fuzz` with
// `swiftc -sanitize=fuzzer,address` (not a SwiftPM target: libFuzzer supplies `main`).
// An input that starts with "PK" is a workbook: written to a temporary file, opened, and every
// sheet read as cells and as a table with its numbers, as a planner table and as a targets sheet.
// Every CSV table is also read as a planner's own table (long, wide, auto; each series chosen; made
// a dataset and validated) and as a planner's targets file (the template's columns, numbers read per
// column); a sixth NUL-separated part is a targets file read against the loaded dataset.
// Any input may be rejected with an error; none may crash, trap or hang.
import Foundation

/// The workbook path: open, read each sheet's cells and table, and every typed number.
func fuzzWorkbook(_ bytes: UnsafeBufferPointer<UInt8>) {
    let path = NSTemporaryDirectory() + "chiso-fuzz-\(getpid()).xlsx"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let limits = Workbook.Limits(sheetBytes: 64 << 20, partBytes: 16 << 20, cells: 1_000_000)
    guard let book = try? Workbook.open(path: path, displayName: "fuzz.xlsx", limits: limits) else { return }
    for name in book.sheetNames {
        if let cells = try? book.cells(sheet: name) {
            for cell in cells.prefix(1000) { _ = cell.value.text; _ = cells.filled(row: cell.row, column: cell.column) }
            if let table = try? cells.table() {
                for r in 0..<min(table.rowCount, 200) {
                    for j in table.header.indices { _ = table.number(r, j); _ = table.field(r, j) }
                }
                for name in table.header { _ = try? table.numericColumn(name) }
                fuzzPlanner(table)
                fuzzTargets(table, against: nil)
            }
        }
    }
}

/// The planner-table path: the table read in each layout and number convention, every series
/// chosen by its labels, and the table made a dataset (`data import`) and validated.
func fuzzPlanner(_ table: CSVTable) {
    for layout in TableLayout.allCases {
        for format in NumberFormat.allCases {
            guard let planner = try? PlannerTable.read(table, layout: layout, format: format) else { continue }
            for series in planner.series.prefix(20) {
                _ = series.name
                for label in series.labels { _ = try? planner.select(entity: label.text, indicator: nil) }
            }
        }
    }
    if let dataset = try? PlannerImport.dataset([(table, "fuzz.csv")]) {
        let (loaded, findings) = DatasetLoader.validated(dataset)
        for f in findings { _ = f.description }
        precondition(loaded.observations.count <= dataset.observations.count, "validation added observations")
    }
}

/// The targets path: the table as a planner's targets file (the template's columns, names or
/// ids, ≥/≤, numbers in either convention decided per column), read against `dataset` (or none).
func fuzzTargets(_ table: CSVTable, against dataset: Dataset?) {
    let data = dataset ?? Dataset(sources: [:], indicators: [], entities: [], observations: [], targets: [])
    guard let arranged = try? DatasetWorkbook.arranged(table, DatasetWorkbook.targets, file: "targets.csv", fill: { column, fields in
        column == "comparator" ? (data.indicatorIds(named: fields[0]).isEmpty ? nil : ">=") : nil
    }) else { return }
    let context = DatasetLoader.Context(sources: Array(data.sources.values), indicators: data.indicators, entities: data.entities)
    var findings: [Finding] = []
    if let targets = try? DatasetLoader.readTargets(arranged, context, &findings) {
        precondition(targets.count <= table.rowCount, "more targets than rows")
        for t in targets { precondition(t.value.isFinite, "a target that is not a number") }
    }
    for f in findings { _ = f.description }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if bytes.starts(with: [0x50, 0x4B]) {
        fuzzWorkbook(bytes)
        return 0
    }
    let text = String(decoding: bytes, as: UTF8.self)
    if let table = try? CSVTable.parse(text, file: "fuzz.csv") {
        for name in table.header {
            _ = try? table.numericColumn(name)
        }
        for row in table.rows.prefix(50) {
            for cell in row {
                for format in NumberFormat.allCases { _ = try? format.parse(cell) }
                if let p = try? Period(parsing: cell) {
                    _ = p.time(measure: .flow)
                    _ = p.time(measure: .stock)
                    precondition((try? Period(parsing: p.description)) == p, "period does not round-trip: \(cell)")
                }
            }
        }
        fuzzPlanner(table)
        fuzzTargets(table, against: nil)
        let written = CSVWriter.table(header: table.header, rows: table.rows)
        if let again = try? CSVTable.parse(written, file: "fuzz.csv") {
            precondition(again.rows == table.rows, "CSV does not round-trip")
        }
    }
    for format in NumberFormat.allCases { _ = try? format.parse(text) }
    _ = try? Period(parsing: text)
    if bytes.contains(0) {
        let names = ["sources.csv", "indicators.csv", "entities.csv", "observations.csv", "targets.csv"]
        let parts = text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        var texts: [String: String] = [:]
        for (name, part) in zip(names, parts) { texts[name] = part }
        if let (dataset, findings) = try? DatasetLoader.load(texts: texts) {
            for f in findings { _ = f.description }
            precondition(dataset.observations.count <= (texts["observations.csv"]?.count ?? 0), "more observations than bytes")
            if parts.count > names.count, let targets = try? CSVTable.parse(parts[names.count], file: "muc-tieu.csv") {
                fuzzTargets(targets, against: dataset)
            }
        }
    }
    return 0
}
