import Foundation

/// A dataset from whatever a planner has: a dataset folder, a workbook in the template's form
/// (``DatasetWorkbook``), or their own tables (``PlannerImport``: CSV files, workbook sheets).
extension DatasetLoader {
    /// Loads and validates the dataset at `path`: a folder of the five CSV files; a workbook (told
    /// by its first bytes) in the template's form, or else every sheet of it as a planner table; a
    /// CSV file as a planner table.
    ///
    /// - Returns: the dataset and its findings (errors first), each naming its cell.
    /// - Throws: ``DatasetError`` for what cannot be read.
    public static func load(path: String, format: NumberFormat = .auto) throws(DatasetError) -> (dataset: Dataset, findings: [Finding]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        if isDirectory.boolValue { return try load(directory: path) }
        return try load(files: [path], format: format)
    }

    /// ``load(path:format:)`` that throws ``DatasetError/invalid(first:errors:)`` when there are errors.
    public static func loadValid(path: String, format: NumberFormat = .auto) throws(DatasetError) -> Dataset {
        let (dataset, findings) = try load(path: path, format: format)
        let errors = findings.filter { $0.severity == .error }
        if let invalid = DatasetError.invalid(errors) { throw invalid }
        return dataset
    }

    /// Loads and validates files together: one workbook in the template's form, or any number of
    /// planner tables (CSV files, and every non-empty sheet of other workbooks).
    ///
    /// `format` is the number convention of planner tables and of numbers written as text in the
    /// template's form (`auto`: decided per column, a number that reads two ways refused).
    ///
    /// - Throws: ``DatasetError`` for what cannot be read, and when a workbook in the template's
    ///   form comes with other files.
    public static func load(files: [String], format: NumberFormat = .auto) throws(DatasetError) -> (dataset: Dataset, findings: [Finding]) {
        var tables: [(table: CSVTable, name: String)] = []
        for path in files {
            guard TableFile.signature(path: path) == .zip else {
                tables.append((try TableFile.read(path: path), (path as NSString).lastPathComponent))
                continue
            }
            let book = try Workbook.open(path: path)
            if DatasetWorkbook.isDatasetWorkbook(sheetNames: book.sheetNames) {
                guard files.count == 1 else {
                    throw .workbook(SourcePosition(file: path), problem: .templateNotAlone)
                }
                return try DatasetWorkbook.load(book, format: format)
            }
            for sheet in book.sheetNames {
                do {
                    tables.append((try book.table(sheet: sheet), sheet))
                } catch .empty {
                    continue
                }
            }
        }
        let (dataset, notes) = try PlannerImport.read(tables, format: format)
        var (loaded, findings) = try validated(dataset)
        findings += notes.map(layoutFinding)
        return (loaded, findings)
    }

    /// A note on a report's layout (a footnote, plan sub-column, totals row or column left out) as
    /// a warning at its cell: the table was read, and this is what was read around it.
    static func layoutFinding(_ note: ReportLayout.Note) -> Finding {
        Finding(.warning, .layout, at: note.position, .layout(note))
    }

    /// Validates a dataset built in memory, as if loaded from its files, with each observation's
    /// findings placed at the cell the observation came from.
    static func validated(_ dataset: Dataset) throws(DatasetError) -> (dataset: Dataset, findings: [Finding]) {
        let (loaded, findings) = try load(texts: DatasetWriter.render(dataset))
        func original(_ p: SourcePosition?) -> SourcePosition? {
            guard let p, let line = p.line, line >= 2 else { return nil }
            if p.file == "targets.csv" { return line - 2 < dataset.targets.count ? dataset.targets[line - 2].position : nil }
            guard p.file == "observations.csv", line - 2 < dataset.observations.count else { return nil }
            return dataset.observations[line - 2].position
        }
        let placed = findings.map { f -> Finding in
            var f = f
            if let o = original(f.position) { f.position = o }
            if case let .implausibleJump(value, previous, period, at, factor, fractional) = f.problem, let o = original(at) {
                f.problem = .implausibleJump(value: value, previous: previous, previousPeriod: period, previousAt: o, factor: factor, fractionalCount: fractional)
            }
            return f
        }
        // Each observation kept (rows with errors, or that another source supersedes, are left out)
        // goes back to its cell by the line it was rendered on.
        var result = loaded
        result.observations = loaded.observations.map { o in
            var o = o
            if let p = original(o.position) { o.position = p }
            return o
        }
        result.targets = loaded.targets.map { t in
            var t = t
            if let p = original(t.position) { t.position = p }
            return t
        }
        return (result, placed)
    }
}
