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
        var (loaded, findings) = validated(dataset)
        findings += notes.map(layoutFinding)
        return (loaded, findings)
    }

    /// A note on a report's layout (a footnote, plan sub-column, totals row or column left out) as
    /// a warning at its cell: the table was read, and this is what was read around it.
    static func layoutFinding(_ note: ReportLayout.Note) -> Finding {
        Finding(.warning, .layout, at: note.position, .layout(note))
    }

    /// Validates a dataset built in memory (``Validator/validate(_:)``): each finding at the cell
    /// its value came from, each observation and target kept with its own cell.
    static func validated(_ dataset: Dataset) -> (dataset: Dataset, findings: [Finding]) {
        Validator.validate(dataset)
    }
}
