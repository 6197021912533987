import Foundation

/// Reads a dataset folder (`sources.csv`, `indicators.csv`, `entities.csv`, `observations.csv`,
/// `targets.csv`) and validates it.
///
/// Problems with a whole file (missing, unreadable, malformed CSV, a missing required column) are
/// thrown as ``DatasetError``. Problems with rows and between rows become ``Finding``s: errors
/// (unparseable cells, unknown ids, duplicate facts, values out of bounds) and warnings (defects
/// of the sources kept as published: rates ≠ numerator/denominator, ranks that contradict
/// scores, totals ≠ sum of parts). Loading only reads.
public enum DatasetLoader {
    /// The file names of a dataset folder.
    public static let files = ["sources.csv", "indicators.csv", "entities.csv", "observations.csv", "targets.csv"]

    /// Loads and validates the dataset in `directory`.
    ///
    /// - Returns: the dataset (rows with errors left out) and every finding, errors first.
    /// - Throws: ``DatasetError`` for file-level problems.
    public static func load(directory: String) throws(DatasetError) -> (dataset: Dataset, findings: [Finding]) {
        func table(_ name: String) throws(DatasetError) -> CSVTable {
            let path = (directory as NSString).appendingPathComponent(name)
            return try CSVTable.read(path: path)
        }
        var findings: [Finding] = []
        let sources = try readSources(table("sources.csv"), &findings)
        let indicators = try readIndicators(table("indicators.csv"), &findings)
        let entities = try readEntities(table("entities.csv"), &findings)
        var context = Context(sources: sources, indicators: indicators, entities: entities)
        let observations = try readObservations(table("observations.csv"), &context, &findings)
        let targets = try readTargets(table("targets.csv"), context, &findings)
        let dataset = Dataset(
            sources: Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            indicators: indicators, entities: entities, observations: observations, targets: targets)
        findings += Validator.crossChecks(dataset)
        findings += try SourceTableCheck.check(directory: directory)
        let order = findings.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
        return (dataset, order.map(\.element))
    }

    /// Loads the dataset and throws ``DatasetError/invalid(first:errors:)`` if it has errors.
    public static func loadValid(directory: String) throws(DatasetError) -> Dataset {
        let (dataset, findings) = try load(directory: directory)
        let errors = findings.filter { $0.severity == .error }
        if let first = errors.first { throw .invalid(first: first.description, errors: errors.count) }
        return dataset
    }

    /// Reads a targets file (the columns of `targets.csv`) against a loaded dataset.
    ///
    /// - Throws: ``DatasetError`` for file problems, and ``DatasetError/invalid(first:errors:)`` with
    ///   the first row error (unknown ids, a bad comparator, a value out of bounds) naming file:line:column.
    public static func targets(path: String, for dataset: Dataset) throws(DatasetError) -> [Target] {
        let context = Context(sources: Array(dataset.sources.values), indicators: dataset.indicators, entities: dataset.entities)
        var findings: [Finding] = []
        let targets = try readTargets(CSVTable.read(path: path), context, &findings)
        let errors = findings.filter { $0.severity == .error }
        if let first = errors.first { throw .invalid(first: first.description, errors: errors.count) }
        return targets
    }

    // MARK: - Rows

    /// Lookup tables shared by the row readers.
    struct Context {
        var sources: Set<String>
        var indicators: [String: Indicator]
        var entityIds: Set<String>
        /// Normalised alias → entity id.
        var aliases: [String: String]

        init(sources: [Source], indicators: [Indicator], entities: [Entity]) {
            self.sources = Set(sources.map(\.id))
            self.indicators = Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            entityIds = Set(entities.map(\.id))
            var aliases: [String: String] = [:]
            for e in entities {
                for name in [e.nameVi, e.nameEn] + e.aliases where !name.isEmpty {
                    aliases[Self.normalise(name)] = aliases[Self.normalise(name)] ?? e.id
                }
            }
            self.aliases = aliases
        }

        /// Lowercased, without diacritics, apostrophes, spaces or punctuation: "K'rông Nô" → "krongno".
        static func normalise(_ name: String) -> String {
            let folded = name.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
                .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        }
    }

    /// Field access with positions for one row.
    struct Row {
        let table: CSVTable
        let index: Int
        let columns: [String: Int]

        func text(_ name: String) -> String {
            guard let j = columns[name] else { return "" }
            return table.rows[index][j].trimmingCharacters(in: .whitespaces)
        }

        func position(_ name: String? = nil) -> SourcePosition {
            SourcePosition(file: table.file, line: table.lines[index], column: name.flatMap { columns[$0] }.map { $0 + 1 })
        }

        /// A plain dot-decimal number, or nil for an empty optional cell; a finding otherwise.
        func number(_ name: String, required: Bool, _ findings: inout [Finding]) -> Double?? {
            let t = text(name)
            if t.isEmpty {
                if required { findings.append(Finding(.error, .unparseable, at: position(name), "empty cell in column \"\(name)\"")) ; return nil }
                return .some(nil)
            }
            guard CSVTable.isPlainDecimal(t), let v = Double(t), v.isFinite else {
                findings.append(Finding(.error, .unparseable, at: position(name),
                    "\"\(t)\" in column \"\(name)\" is not a plain number (Datasets/ use dot decimals, no thousands separators)"))
                return nil
            }
            return .some(v)
        }

        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, _ findings: inout [Finding]) -> T?
        where T.RawValue == String {
            let t = text(name)
            if let v = T(rawValue: t) { return v }
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            findings.append(Finding(.error, .invalidChoice, at: position(name), "\"\(t)\" in column \"\(name)\" is not one of: \(allowed)"))
            return nil
        }
    }

    static func rows(_ table: CSVTable, required: [String]) throws(DatasetError) -> [Row] {
        for name in required where !table.header.contains(name) {
            throw .missingColumn(file: table.file, name: name)
        }
        let columns = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return table.rows.indices.map { Row(table: table, index: $0, columns: columns) }
    }

    /// Whether `id` may name an indicator, entity or source: 1 to 100 characters from A–Z, a–z, 0–9,
    /// `_`, `-` and `.`, starting with a letter or digit. Ids become file names (report files) and
    /// command arguments, so nothing else (no `/`, space, quote or control character) is accepted.
    public static func isValidId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 100,
              first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-" || c == "."
        }
    }

    static func checkId(_ row: Row, _ seen: inout Set<String>, _ findings: inout [Finding]) -> String? {
        let id = row.text("id")
        if !id.isEmpty && !isValidId(id) {
            findings.append(Finding(.error, .invalidId, at: row.position("id"),
                                    "id \"\(id)\" may use only letters A–Z and a–z, digits, \"_\", \"-\" and \".\" (first a letter or digit; at most 100)"))
            return nil
        }
        if id.isEmpty {
            findings.append(Finding(.error, .unparseable, at: row.position("id"), "empty id"))
            return nil
        }
        if !seen.insert(id).inserted {
            findings.append(Finding(.error, .duplicateId, at: row.position("id"), "id \"\(id)\" is defined twice"))
            return nil
        }
        return id
    }

    static func readSources(_ table: CSVTable, _ findings: inout [Finding]) throws(DatasetError) -> [Source] {
        var seen = Set<String>()
        return try rows(table, required: ["id", "title", "issuer", "document_number", "date", "file"]).compactMap { row in
            guard let id = checkId(row, &seen, &findings) else { return nil }
            return Source(id: id, title: row.text("title"), issuer: row.text("issuer"),
                          documentNumber: row.text("document_number"), date: row.text("date"), file: row.text("file"))
        }
    }

    static func readIndicators(_ table: CSVTable, _ findings: inout [Finding]) throws(DatasetError) -> [Indicator] {
        var seen = Set<String>()
        let required = ["id", "name_vi", "name_en", "unit", "kind", "lower", "upper", "direction", "measure"]
        return try rows(table, required: required).compactMap { row in
            guard let id = checkId(row, &seen, &findings) else { return nil }
            guard let unit = row.choice("unit", Indicator.Unit.self, &findings),
                  let kind = row.choice("kind", Indicator.Kind.self, &findings),
                  let direction = row.choice("direction", Indicator.Direction.self, &findings),
                  let measure = row.choice("measure", Indicator.Measure.self, &findings),
                  let lower = row.number("lower", required: false, &findings),
                  let upper = row.number("upper", required: false, &findings)
            else { return nil }
            if let l = lower, let u = upper, !(l < u) {
                findings.append(Finding(.error, .outOfBounds, at: row.position("upper"), indicator: id, "upper bound \(u) is not above lower bound \(l)"))
                return nil
            }
            let parent = row.text("parent"), ranks = row.text("ranks")
            return Indicator(id: id, nameVi: row.text("name_vi"), nameEn: row.text("name_en"), unit: unit, kind: kind,
                             lower: lower, upper: upper, direction: direction, measure: measure,
                             parent: parent.isEmpty ? nil : parent, ranks: ranks.isEmpty ? nil : ranks,
                             definition: row.text("definition"))
        }
    }

    static func readEntities(_ table: CSVTable, _ findings: inout [Finding]) throws(DatasetError) -> [Entity] {
        var seen = Set<String>()
        return try rows(table, required: ["id", "name_vi", "name_en", "level", "parent", "aliases"]).compactMap { row in
            guard let id = checkId(row, &seen, &findings),
                  let level = row.choice("level", Entity.Level.self, &findings) else { return nil }
            let parent = row.text("parent")
            let aliases = row.text("aliases").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return Entity(id: id, nameVi: row.text("name_vi"), nameEn: row.text("name_en"), level: level,
                          parent: parent.isEmpty ? nil : parent, aliases: aliases)
        }
    }

    /// Resolves an entity id (or an alias, with a warning).
    static func entity(_ row: Row, _ context: Context, _ findings: inout [Finding], indicator: String) -> String? {
        let text = row.text("entity")
        if context.entityIds.contains(text) { return text }
        if let id = context.aliases[Context.normalise(text)] {
            findings.append(Finding(.warning, .entityAlias, at: row.position("entity"), indicator: indicator, entity: id,
                                    "entity given as \"\(text)\"; its id is \(id)"))
            return id
        }
        findings.append(Finding(.error, .unknownEntity, at: row.position("entity"), indicator: indicator,
                                "unknown entity \"\(text)\" (not an id or alias in entities.csv)"))
        return nil
    }

    static func readObservations(_ table: CSVTable, _ context: inout Context, _ findings: inout [Finding]) throws(DatasetError) -> [Observation] {
        let required = ["indicator", "entity", "period", "value", "numerator", "denominator", "source", "locator", "note"]
        var out: [Observation] = []
        for row in try rows(table, required: required) {
            let indicatorId = row.text("indicator")
            let indicator = context.indicators[indicatorId]
            if indicator == nil {
                findings.append(Finding(.error, .unknownIndicator, at: row.position("indicator"), "unknown indicator \"\(indicatorId)\""))
            }
            let entity = entity(row, context, &findings, indicator: indicatorId)
            let period: Period?
            do {
                period = try Period(parsing: row.text("period"))
            } catch {
                findings.append(Finding(.error, .unparseable, at: row.position("period"), indicator: indicatorId, error.description))
                period = nil
            }
            let source = row.text("source")
            if !context.sources.contains(source) {
                findings.append(Finding(.error, .unknownSource, at: row.position("source"), indicator: indicatorId, "unknown source \"\(source)\""))
            }
            let value = row.number("value", required: true, &findings)
            let numerator = row.number("numerator", required: false, &findings)
            let denominator = row.number("denominator", required: false, &findings)
            guard let indicator, let entity, let period, context.sources.contains(source),
                  let v = value ?? nil, let numerator, let denominator else { continue }
            let observation = Observation(
                indicator: indicatorId, entity: entity, period: period, value: v, numerator: numerator,
                denominator: denominator, source: source, locator: row.text("locator"), note: row.text("note"),
                position: row.position())
            findings += Validator.rowChecks(observation, indicator: indicator, row: row)
            out.append(observation)
        }
        return out
    }

    static func readTargets(_ table: CSVTable, _ context: Context, _ findings: inout [Finding]) throws(DatasetError) -> [Target] {
        var out: [Target] = []
        for row in try rows(table, required: ["indicator", "entity", "year", "value", "comparator", "source", "note"]) {
            let indicatorId = row.text("indicator")
            let indicator = context.indicators[indicatorId]
            if indicator == nil {
                findings.append(Finding(.error, .unknownIndicator, at: row.position("indicator"), "unknown indicator \"\(indicatorId)\""))
            }
            let entity = entity(row, context, &findings, indicator: indicatorId)
            let yearText = row.text("year")
            let year = Int(yearText).flatMap { (1900...2100).contains($0) ? $0 : nil }
            if year == nil {
                findings.append(Finding(.error, .unparseable, at: row.position("year"), indicator: indicatorId, "\"\(yearText)\" is not a year"))
            }
            let comparator = row.choice("comparator", Target.Comparator.self, &findings)
            let source = row.text("source")
            if !context.sources.contains(source) {
                findings.append(Finding(.error, .unknownSource, at: row.position("source"), indicator: indicatorId, "unknown source \"\(source)\""))
            }
            let value = row.number("value", required: true, &findings)
            guard let indicator, let entity, let year, let comparator, let v = value ?? nil,
                  context.sources.contains(source) else { continue }
            if let f = Validator.boundsCheck(v, indicator: indicator, at: row.position("value"), entity: entity, period: String(year)) {
                findings.append(f)
                continue
            }
            out.append(Target(indicator: indicatorId, entity: entity, year: year, value: v, comparator: comparator,
                              source: source, note: row.text("note"), position: row.position()))
        }
        return out
    }
}
