import Foundation

/// Writes a ``Dataset`` as the five CSV files that ``DatasetLoader`` reads.
public enum DatasetWriter {
    /// The text of each file, by file name. Text fields a spreadsheet would run as formulas (an
    /// `=HYPERLINK(…)` read from a workbook's cell) are written inert (``CSVWriter/neutralise(_:)``).
    public static func render(_ data: Dataset) -> [String: String] {
        let n = CSVWriter.number
        let t = CSVWriter.neutralise
        return [
            "sources.csv": CSVWriter.table(
                header: ["id", "title", "issuer", "document_number", "date", "file"],
                rows: data.sources.values.sorted { $0.id < $1.id }.map {
                    [t($0.id), t($0.title), t($0.issuer), t($0.documentNumber), t($0.date), t($0.file)]
                }),
            "indicators.csv": CSVWriter.table(
                header: ["id", "name_vi", "name_en", "unit", "kind", "lower", "upper", "direction", "measure", "parent", "ranks", "definition",
                         "unit_label_vi", "unit_label_en"],
                rows: data.indicators.map {
                    [t($0.id), t($0.nameVi), t($0.nameEn), $0.unit.rawValue, $0.kind.rawValue, n($0.lower), n($0.upper),
                     $0.direction.rawValue, $0.measure.rawValue, t($0.parent ?? ""), t($0.ranks ?? ""), t($0.definition),
                     t($0.unitLabelVi ?? ""), t($0.unitLabelEn ?? "")]
                }),
            "entities.csv": CSVWriter.table(
                header: ["id", "name_vi", "name_en", "level", "parent", "aliases"],
                rows: data.entities.map { [t($0.id), t($0.nameVi), t($0.nameEn), $0.level.rawValue, t($0.parent ?? ""), t($0.aliases.joined(separator: "|"))] }),
            "observations.csv": observations(data.observations),
            "targets.csv": CSVWriter.table(
                header: ["indicator", "entity", "year", "value", "comparator", "source", "note"],
                rows: data.targets.map { [t($0.indicator), t($0.entity), String($0.year), n($0.value), $0.comparator.rawValue, t($0.source), t($0.note)] }),
        ]
    }

    /// `observations.csv`, written row by row (a national dataset has a million rows).
    static func observations(_ list: [Observation]) -> String {
        let n = CSVWriter.number
        let t = CSVWriter.neutralise
        var text = CSVWriter.Text()
        text.line(["indicator", "entity", "period", "value", "numerator", "denominator", "source", "locator", "note"])
        for o in list {
            text.field(t(o.indicator))
            text.field(t(o.entity))
            text.field(o.period.description)
            text.field(n(o.value))
            text.field(n(o.numerator))
            text.field(n(o.denominator))
            text.field(t(o.source))
            text.field(t(o.locator))
            text.field(t(o.note))
            text.endLine()
        }
        return text.string
    }

    /// Writes the files into `directory` (created if missing). Each file is written to a temporary
    /// name and moved into place, so a failure leaves no half-written file.
    public static func write(_ data: Dataset, to directory: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in render(data) {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            try Data(text.utf8).write(to: url, options: .atomic)
        }
    }
}
