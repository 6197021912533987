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
        var (dataset, findings) = try load { name throws(DatasetError) in
            try CSVTable.read(path: (directory as NSString).appendingPathComponent(name))
        }
        findings += try SourceTableCheck.check(directory: directory)
        let order = findings.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
        return (dataset, order.map(\.element))
    }

    /// Loads a dataset from texts in memory (file name → CSV text), without the source tables'
    /// check: what the fuzzer runs end to end.
    static func load(texts: [String: String]) throws(DatasetError) -> (dataset: Dataset, findings: [Finding]) {
        try load { name throws(DatasetError) in try CSVTable.parse(texts[name] ?? "", file: name) }
    }

    /// Loads and cross-checks the five tables given by `table(name)`, with the observations of
    /// `moreObservations` (tables with the columns of `observations.csv`, from other sheets) after
    /// those of `observations.csv`.
    static func load(_ table: (String) throws(DatasetError) -> CSVTable,
                     moreObservations: [CSVTable] = []) throws(DatasetError) -> (dataset: Dataset, findings: [Finding]) {
        var findings: [Finding] = []
        let sources = try readSources(table("sources.csv"), &findings)
        let indicators = try readIndicators(table("indicators.csv"), &findings)
        let entities = try readEntities(table("entities.csv"), &findings)
        var context = Context(sources: sources, indicators: indicators, entities: entities)
        var keys = Validator.FactKeys()
        var observations = try readObservations(table("observations.csv"), &context, &findings, keys: &keys)
        for more in moreObservations { observations += try readObservations(more, &context, &findings, keys: &keys) }
        let targets = try readTargets(table("targets.csv"), context, &findings)
        var dataset = Dataset(
            sources: Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            indicators: indicators, entities: entities, observations: observations, targets: targets)
        let (checks, superseded) = Validator.crossChecksDeciding(dataset, keys: keys)
        findings += checks
        // One value per fact: rows another source supersedes (or that repeat a source) are left out.
        if !superseded.isEmpty {
            dataset.observations = dataset.observations.enumerated().filter { !superseded.contains($0.offset) }.map(\.element)
        }
        return (dataset, findings)
    }

    /// Loads the dataset and throws ``DatasetError/invalid(first:errors:)`` if it has errors.
    public static func loadValid(directory: String) throws(DatasetError) -> Dataset {
        let (dataset, findings) = try load(directory: directory)
        let errors = findings.filter { $0.severity == .error }
        if let first = errors.first { throw .invalid(first: first, errors: errors.count) }
        return dataset
    }

    /// Reads a planner's targets file against a loaded dataset, and adds them (replacing the
    /// dataset's targets) with, when a row names no source, a source named after the file.
    ///
    /// The file is CSV or a workbook (its sheet `Mục tiêu`, else the first), with the columns of
    /// `targets.csv` headed in English or Vietnamese (``DatasetWorkbook/targets``); the indicator
    /// and entity may be ids, names or aliases; the comparator may be `≥`/`≤` or `>=`/`<=` and
    /// defaults to the indicator's direction (≥ when higher is better); values may use a decimal
    /// comma; each column's number convention is `format`, or under `auto` decided by its cells (a
    /// value that reads two ways, `500.000`, is refused with both readings).
    ///
    /// - Throws: ``DatasetError`` for file problems, and ``DatasetError/invalid(first:errors:)`` with
    ///   the first row error (unknown ids, a bad comparator, a value out of bounds) naming its cell.
    public static func addTargets(path: String, to dataset: inout Dataset, format: NumberFormat = .auto) throws(DatasetError) {
        let sheet: String?
        if TableFile.signature(path: path) == .zip {
            let names = try Workbook.open(path: path).sheetNames
            sheet = names.first { PlannerTable.normalised($0) == PlannerTable.normalised(DatasetWorkbook.targets.name) }
        } else {
            sheet = nil
        }
        let source = DatasetWorkbook.defaultSource(path)
        var usedDefault = false
        let data = dataset
        let table = try DatasetWorkbook.arranged(TableFile.read(path: path, sheet: sheet), DatasetWorkbook.targets, file: path, format: format) { column, fields in
            switch column {
            case "comparator":
                let ids = data.indicatorIds(named: fields[0])
                guard ids.count == 1, let indicator = data.indicator(ids[0]) else { return nil }
                return indicator.direction == .down ? "<=" : ">="
            case "source":
                usedDefault = true
                return source.id
            default:
                return nil
            }
        }
        // Names and aliases of indicators become ids (entities are resolved by the row reader).
        let resolved = try table.rewritten { _, fields in
            let ids = data.indicatorIds(named: fields[0])
            if ids.count == 1 { fields[0] = ids[0] }
        }
        var sources = Array(dataset.sources.values)
        if usedDefault && dataset.sources[source.id] == nil {
            sources.append(Source(id: source.id, title: source.title, issuer: "", documentNumber: "", date: "", file: source.file))
        }
        let context = Context(sources: sources, indicators: dataset.indicators, entities: dataset.entities)
        var findings: [Finding] = []
        let targets = try readTargets(resolved, context, &findings)
        let errors = findings.filter { $0.severity == .error }
        if let first = errors.first { throw .invalid(first: first, errors: errors.count) }
        dataset.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        dataset.targets = targets
    }

    // MARK: - Rows

    /// Lookup tables shared by the row readers.
    struct Context {
        var sources: Set<String>
        var indicators: [String: Indicator]
        /// The indicators in file order.
        var indicatorList: [Indicator]
        var entityIds: Set<String>
        /// Normalised alias → the entities it names (in file order; more than one is a clash).
        var aliases: [String: [String]]
        /// Entity → its parent.
        var parents: [String: String]
        /// Source → the entity its issuer names, when the issuer's name is an alias of exactly one.
        var issuers: [String: String]

        init(sources: [Source], indicators: [Indicator], entities: [Entity]) {
            self.sources = Set(sources.map(\.id))
            self.indicators = Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            indicatorList = indicators
            entityIds = Set(entities.map(\.id))
            var aliases: [String: [String]] = [:]
            for e in entities {
                for name in [e.nameVi, e.nameEn] + e.aliases where !name.isEmpty {
                    let key = Self.normalise(name)
                    guard !key.isEmpty, !(aliases[key]?.contains(e.id) ?? false) else { continue }
                    aliases[key, default: []].append(e.id)
                }
            }
            self.aliases = aliases
            parents = Dictionary(entities.compactMap { e in e.parent.map { (e.id, $0) } }, uniquingKeysWith: { a, _ in a })
            var issuers: [String: String] = [:]
            for s in sources {
                if let named = aliases[Self.normalise(s.issuer)], named.count == 1 { issuers[s.id] = named[0] }
            }
            self.issuers = issuers
        }

        /// Whether `ancestor` is `id` or one of its parents (bounded, so a parent cycle cannot loop).
        func isWithin(_ id: String, _ ancestor: String) -> Bool {
            var current: String? = id, steps = 0
            while let c = current, steps <= parents.count {
                if c == ancestor { return true }
                current = parents[c]
                steps += 1
            }
            return false
        }

        /// Lowercased, without diacritics, apostrophes, spaces or punctuation: "K'rông Nô" → "krongno"
        /// (``NameKey``, the key of every path).
        static func normalise(_ name: String) -> String { NameKey.of(name) }
    }

    /// Field access with positions for one row.
    struct Row {
        let table: CSVTable
        let index: Int
        let columns: [String: Int]

        func text(_ name: String) -> String {
            guard let j = columns[name] else { return "" }
            return text(at: j)
        }

        /// The field in column `j`, trimmed of spaces.
        func text(at j: Int) -> String {
            let fast: String? = table.withTrimmedBytes(index, j) { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
            return fast ?? table.field(index, j).trimmingCharacters(in: .whitespaces)
        }

        func position(_ name: String? = nil) -> SourcePosition {
            table.position(index, name.flatMap { columns[$0] })
        }

        /// A plain dot-decimal number, or nil for an empty optional cell; a finding otherwise.
        func number(_ name: String, required: Bool, _ findings: inout [Finding]) -> Double?? {
            number(at: columns[name], name, required: required, &findings)
        }

        /// ``number(_:required:_:)`` for the column at `j` (named `name`).
        func number(at j: Int?, _ name: String, required: Bool, _ findings: inout [Finding]) -> Double?? {
            if let j, let typed = table.number(index, j) { return .some(typed) }
            if let j, let parsed = table.withTrimmedBytes(index, j, { bytes -> Double?? in
                guard let bytes else { return nil }
                if bytes.isEmpty { return required ? nil : .some(nil) }
                guard CSVTable.isPlainDecimal(bytes), let v = Double(String(decoding: bytes, as: UTF8.self)), v.isFinite else { return nil }
                return .some(v)
            }) {
                return parsed
            }
            let t = text(name)
            if t.isEmpty {
                if required { findings.append(Finding(.error, .unparseable, at: position(name), .emptyCell(column: name))) ; return nil }
                return .some(nil)
            }
            guard CSVTable.isPlainDecimal(t), let v = Double(t), v.isFinite else {
                findings.append(Finding(.error, .unparseable, at: position(name),
                    .notPlainNumber(text: t, column: name)))
                return nil
            }
            return .some(v)
        }

        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, _ findings: inout [Finding]) -> T?
        where T.RawValue == String {
            let t = text(name)
            if let v = T(rawValue: t) { return v }
            findings.append(Finding(.error, .invalidChoice, at: position(name), .notOneOf(text: t, column: name, allowed: T.allCases.map(\.rawValue))))
            return nil
        }
    }

    static func columns(_ table: CSVTable, required: [String]) throws(DatasetError) -> [String: Int] {
        for name in required where !table.header.contains(name) {
            throw .missingColumn(file: table.file, name: name)
        }
        return Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func rows(_ table: CSVTable, required: [String]) throws(DatasetError) -> [Row] {
        let columns = try columns(table, required: required)
        return (0..<table.rowCount).map { Row(table: table, index: $0, columns: columns) }
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
                                    .invalidId(id)))
            return nil
        }
        if id.isEmpty {
            findings.append(Finding(.error, .unparseable, at: row.position("id"), .emptyId))
            return nil
        }
        if !seen.insert(id).inserted {
            findings.append(Finding(.error, .duplicateId, at: row.position("id"), .duplicateId(id)))
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
                findings.append(Finding(.error, .outOfBounds, at: row.position("upper"), indicator: id, .boundsReversed(lower: l, upper: u)))
                return nil
            }
            let parent = row.text("parent"), ranks = row.text("ranks")
            let labelVi = row.text("unit_label_vi"), labelEn = row.text("unit_label_en")
            return Indicator(id: id, nameVi: row.text("name_vi"), nameEn: row.text("name_en"), unit: unit, kind: kind,
                             lower: lower, upper: upper, direction: direction, measure: measure,
                             parent: parent.isEmpty ? nil : parent, ranks: ranks.isEmpty ? nil : ranks,
                             definition: row.text("definition"), unitLabelVi: labelVi.isEmpty ? nil : labelVi,
                             unitLabelEn: labelEn.isEmpty ? nil : labelEn)
        }
    }

    static func readEntities(_ table: CSVTable, _ findings: inout [Finding]) throws(DatasetError) -> [Entity] {
        var seen = Set<String>()
        return try rows(table, required: ["id", "name_vi", "name_en", "level", "parent", "aliases"]).compactMap { row in
            guard let id = checkId(row, &seen, &findings),
                  let level = row.choice("level", Entity.Level.self, &findings) else { return nil }
            let parent = row.text("parent")
            let aliases = row.text("aliases").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for alias in aliases where Context.normalise(alias).isEmpty {
                findings.append(Finding(.error, .badAlias, at: row.position("aliases"), entity: id,
                                        .aliasWithoutLetters(alias)))
            }
            return Entity(id: id, nameVi: row.text("name_vi"), nameEn: row.text("name_en"), level: level,
                          parent: parent.isEmpty ? nil : parent, aliases: aliases)
        }
    }

    /// Resolves an entity id, or an alias with a warning. An alias that names several entities is
    /// decided by the row's source when its issuer is one of them or above exactly one of them
    /// (the warning says so); otherwise it is an error.
    static func entity(_ row: Row, _ context: Context, _ findings: inout [Finding], indicator: String) -> String? {
        let text = row.text("entity")
        if context.entityIds.contains(text) { return text }
        let named = context.aliases[Context.normalise(text)] ?? []
        if named.count == 1 {
            findings.append(Finding(.warning, .entityAlias, at: row.position("entity"), indicator: indicator, entity: named[0],
                                    .entityByAlias(text: text, id: named[0])))
            return named[0]
        }
        if named.count > 1 {
            let source = row.text("source")
            if let issuer = context.issuers[source] {
                let decided = named.filter { context.isWithin($0, issuer) }
                if decided.count == 1 {
                    findings.append(Finding(.warning, .entityAlias, at: row.position("entity"), indicator: indicator, entity: decided[0],
                                            .entityByIssuer(text: text, named: named, source: source, issuer: issuer, id: decided[0])))
                    return decided[0]
                }
            }
            findings.append(Finding(.error, .aliasClash, at: row.position("entity"), indicator: indicator,
                                    .ambiguousEntity(text: text, named: named)))
            return nil
        }
        findings.append(Finding(.error, .unknownEntity, at: row.position("entity"), indicator: indicator,
                                .unknownEntity(text)))
        return nil
    }

    /// The rows of observations.csv that parse and name known ids, with their numbers in `keys`.
    static func readObservations(_ table: CSVTable, _ context: inout Context, _ findings: inout [Finding],
                                 keys: inout Validator.FactKeys) throws(DatasetError) -> [Observation] {
        let required = ["indicator", "entity", "period", "value", "numerator", "denominator", "source", "locator", "note"]
        let columns = try columns(table, required: required)
        func column(_ name: String) -> Int { columns[name] ?? 0 }
        let (ci, ce, cp, cs, cl, cn) = (column("indicator"), column("entity"), column("period"), column("source"), column("locator"), column("note"))
        let (cv, cnum, cden) = (column("value"), column("numerator"), column("denominator"))
        // Ids, periods and their lookups are resolved once per distinct text: every row holds the
        // same string storage as the first row that named it.
        var indicatorOf: [String: (id: String, index: Int?, key: Int32)] = [:]
        let indicatorIndex = Dictionary(context.indicatorList.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var entityOf: [String: (text: String, id: String?, key: Int32)] = [:]
        var sourceOf: [String: (id: String, known: Bool, key: Int32)] = [:]
        var periodOf: [String: Result<(Period, Int32), PeriodError>] = [:]
        var out: [Observation] = []
        out.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            let row = Row(table: table, index: r, columns: columns)
            let indicatorText = row.text(at: ci)
            let resolvedIndicator = indicatorOf[indicatorText] ?? {
                let v = (id: indicatorText, index: indicatorIndex[indicatorText], key: Validator.FactKeys.id(indicatorText, &keys.indicatorIds))
                indicatorOf[indicatorText] = v
                return v
            }()
            let indicatorId = resolvedIndicator.id
            let indicator = resolvedIndicator.index.map { context.indicatorList[$0] }
            if indicator == nil {
                findings.append(Finding(.error, .unknownIndicator, at: row.position("indicator"), .unknownIndicator(indicatorId)))
            }
            let entityText = row.text(at: ce)
            let entity: String?, entityKey: Int32
            if let known = entityOf[entityText], let id = known.id, id == known.text {
                (entity, entityKey) = (id, known.key)
            } else {
                entity = Self.entity(row, context, &findings, indicator: indicatorId)
                entityKey = entity.map { Validator.FactKeys.id($0, &keys.entityIds) } ?? -1
                entityOf[entityText] = (entityText, entity, entityKey)
            }
            let periodText = row.text(at: cp)
            let parsed = periodOf[periodText] ?? {
                let v: Result<(Period, Int32), PeriodError>
                do throws(PeriodError) {
                    let p = try Period(parsing: periodText)
                    v = .success((p, Validator.FactKeys.id(p, &keys.periodIds)))
                } catch { v = .failure(error) }
                periodOf[periodText] = v
                return v
            }()
            let period: Period?, periodKey: Int32
            switch parsed {
            case let .success((p, key)): (period, periodKey) = (p, key)
            case let .failure(error):
                findings.append(Finding(.error, .unparseable, at: row.position("period"), indicator: indicatorId, .period(error)))
                (period, periodKey) = (nil, -1)
            }
            let sourceText = row.text(at: cs)
            let resolvedSource = sourceOf[sourceText] ?? {
                let v = (id: sourceText, known: context.sources.contains(sourceText), key: Validator.FactKeys.id(sourceText, &keys.sourceIds))
                sourceOf[sourceText] = v
                return v
            }()
            if !resolvedSource.known {
                findings.append(Finding(.error, .unknownSource, at: row.position("source"), indicator: indicatorId, .unknownSource(resolvedSource.id)))
            }
            let value = row.number(at: cv, "value", required: true, &findings)
            let numerator = row.number(at: cnum, "numerator", required: false, &findings)
            let denominator = row.number(at: cden, "denominator", required: false, &findings)
            guard let indicator, let entity, let period, resolvedSource.known,
                  let v = value ?? nil, let numerator, let denominator else { continue }
            let observation = Observation(
                indicator: indicatorId, entity: entity, period: period, value: v, numerator: numerator,
                denominator: denominator, source: resolvedSource.id, locator: row.text(at: cl), note: row.text(at: cn),
                position: table.position(r, nil))
            Validator.rowChecks(observation, indicator: indicator, row: row, into: &findings)
            out.append(observation)
            keys.append(indicator: resolvedIndicator.key, entity: entityKey, period: periodKey, source: resolvedSource.key)
        }
        return out
    }

    static func readTargets(_ table: CSVTable, _ context: Context, _ findings: inout [Finding]) throws(DatasetError) -> [Target] {
        var out: [Target] = []
        for row in try rows(table, required: ["indicator", "entity", "year", "value", "comparator", "source", "note"]) {
            let indicatorId = row.text("indicator")
            let indicator = context.indicators[indicatorId]
            if indicator == nil {
                findings.append(Finding(.error, .unknownIndicator, at: row.position("indicator"), .unknownIndicator(indicatorId)))
            }
            let entity = entity(row, context, &findings, indicator: indicatorId)
            let yearText = row.text("year")
            let year = Int(yearText).flatMap { (1900...2100).contains($0) ? $0 : nil }
            if year == nil {
                findings.append(Finding(.error, .unparseable, at: row.position("year"), indicator: indicatorId, .notAYear(yearText)))
            }
            let comparator = row.choice("comparator", Target.Comparator.self, &findings)
            let source = row.text("source")
            if !context.sources.contains(source) {
                findings.append(Finding(.error, .unknownSource, at: row.position("source"), indicator: indicatorId, .unknownSource(source)))
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
