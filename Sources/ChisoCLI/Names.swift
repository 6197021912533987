import Chiso
import Foundation

/// Entity and indicator arguments: an id, a name or an alias.
enum Names {
    /// The id of the entity `text` names.
    static func entity(_ text: String, in data: Dataset, directory: String) throws -> String {
        try one(data.entityIds(named: text), kind: .entity, text: text, file: place(directory, "entities.csv"))
    }

    /// Where a dataset's file is: in its folder, or the workbook or table the dataset was read from.
    static func place(_ directory: String, _ file: String) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        return exists && !isDirectory.boolValue ? directory : (directory as NSString).appendingPathComponent(file)
    }

    /// The id of the indicator `text` names.
    static func indicator(_ text: String, in data: Dataset, directory: String) throws -> String {
        try one(data.indicatorIds(named: text), kind: .indicator, text: text, file: place(directory, "indicators.csv"))
    }

    static func one(_ ids: [String], kind: CLIError.Kind, text: String, file: String) throws -> String {
        guard let id = ids.first else { throw CLIError.unknownId(kind: kind, id: text, file: file) }
        guard ids.count == 1 else { throw CLIError.ambiguousName(kind: kind, text: text, ids: ids) }
        return id
    }
}

/// Notes on standard error about a planner's file.
enum Notes {
    /// One note per cell left out for saying "no value" (the first 10, then how many more).
    static func missing(_ cells: [SourcePosition], _ language: Language) {
        let vi = language == .vi
        for position in cells.prefix(10) {
            Console.error(vi ? "ghi chú: \(position): không có giá trị (bỏ qua)\n" : "note: \(position): no value (left out)\n")
        }
        if cells.count > 10 {
            Console.error(vi ? "ghi chú: … và \(cells.count - 10) ô khác không có giá trị (bỏ qua)\n"
                             : "note: … and \(cells.count - 10) more cells with no value (left out)\n")
        }
    }

    /// One note per thing of a report's layout read around a table and left out (footnotes, plan
    /// sub-columns, which a forecast does not use); titles are not noted.
    static func layout(_ table: CSVTable, _ language: Language) {
        let plans = table.planColumns.sorted { $0.key < $1.key }.map { j, period in
            ReportLayout.Note.planColumn(table.position(nil, j), header: table.header[j], period: period.description, targets: false)
        }
        for note in table.layoutNotes + plans {
            if case .titleRow = note { continue }
            let words = Words.layout(note)
            Console.error(language == .vi ? "ghi chú: \(note.position): \(words.vi)\n" : "note: \(note.position): \(words.en)\n")
        }
    }
}
