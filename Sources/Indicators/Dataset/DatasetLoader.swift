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
        var leftOut = LeftOut(), cells = DefinitionCells()
        let sources = try readSources(table("sources.csv"), &findings, &leftOut)
        let indicators = try readIndicators(table("indicators.csv"), &findings, &leftOut, &cells)
        let entities = try readEntities(table("entities.csv"), &findings, &leftOut, &cells)
        var context = Context(sources: sources, indicators: indicators, entities: entities)
        context.leftOut = leftOut
        context.cells = cells
        var keys = Validator.FactKeys()
        var observations = try readObservations(table("observations.csv"), &context, &findings, keys: &keys)
        for more in moreObservations { observations += try readObservations(more, &context, &findings, keys: &keys) }
        let targets = try readTargets(table("targets.csv"), context, &findings)
        var dataset = Dataset(
            sources: Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            indicators: indicators, entities: entities, observations: observations, targets: targets)
        let (checks, superseded) = Validator.crossChecksDeciding(dataset, keys: keys, cells: cells, leftOut: leftOut)
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
        if let invalid = DatasetError.invalid(errors) { throw invalid }
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
        let read = try targets(path: path, against: dataset, format: format)
        let errors = read.findings.filter { $0.severity == .error }
        if let invalid = DatasetError.invalid(errors) { throw invalid }
        dataset.sources = read.sources
        dataset.targets = read.targets
    }

    /// Reads a planner's targets file against a loaded dataset (as ``addTargets(path:to:format:)``
    /// reads it) and returns every finding rather than the first error: what `data validate` lists.
    ///
    /// Targets may be written as planners write them (``TargetText``): the year `2025`, `Năm 2025`
    /// or `Đến năm 2025`; the value with its comparator and unit (`≥ 80%`, `tối thiểu 80%`,
    /// `tối đa 5 ngày`, `700 điểm`, `80,5`): the comparator from the words unless a comparator
    /// column says otherwise (then an error), the unit checked against the indicator's. A column the
    /// sheet does not have (`STT`) is ignored with a warning.
    ///
    /// - Returns: the targets read (rows with errors left out), the dataset's sources with the one
    ///   made for rows naming none, and the findings (errors first), each naming its cell.
    /// - Throws: ``DatasetError`` for a file that cannot be read.
    public static func targets(path: String, against dataset: Dataset, format: NumberFormat = .auto) throws(DatasetError)
        -> (targets: [Target], sources: [String: Source], findings: [Finding]) {
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
        findings += table.layoutNotes.filter { if case .titleRow = $0 { false } else { true } }.map(layoutFinding)
        let order = findings.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
        return (targets, Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }), order.map(\.element))
    }

    /// Resolves an entity id, or an alias with a warning. An alias that names several entities is
    /// decided by the row's source when its issuer is one of them or above exactly one of them
    /// (the warning says so); otherwise it is an error.
    static func entity(_ row: Row, _ context: Context, _ findings: inout [Finding], indicator: String) -> String? {
        let text = row.text("entity")
        if context.entityIds.contains(text) { return text }
        let key = Context.normalise(text)
        let named = context.aliases[key] ?? []
        // The entity's own name is no alias: no warning.
        if named.count == 1, context.ownNames[key] == named[0] { return named[0] }
        if named.count == 1 {
            findings.append(Finding(.warning, .entityAlias, at: row.position("entity"), indicator: indicator, entity: named[0],
                                    .entityByAlias(text: text, id: named[0])))
            return named[0]
        }
        if named.count > 1 {
            let source = context.source(row.text("source")) ?? row.text("source")
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
        findings.append(context.leftOut.finding(.entity, text, code: .unknownEntity, at: row.position("entity"), indicator: indicator)
            ?? Finding(.error, .unknownEntity, at: row.position("entity"), indicator: indicator, .unknownEntity(text)))
        return nil
    }

    /// The rows of observations.csv that parse and name known ids, with their numbers in `keys`.
    ///
    /// A row naming a definition left out for an error gets a finding caused by that error. On a
    /// sheet read as long rows (the wide data sheet: one row per period cell), a finding for a cell
    /// the previous row already reported (the same indicator cell, say) is not repeated.
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
        let rearranged = !table.placements.isEmpty
        var previous: [Finding] = []
        for r in 0..<table.rowCount {
            let row = Row(table: table, index: r, columns: columns)
            let start = findings.count
            defer {
                if rearranged, findings.count > start || !previous.isEmpty {
                    let new = Array(findings[start...])
                    findings.removeSubrange(start...)
                    findings += new.filter { !previous.contains($0) }
                    previous = new
                }
            }
            let indicatorText = row.text(at: ci)
            let resolvedIndicator = indicatorOf[indicatorText] ?? {
                let v = (id: indicatorText, index: indicatorIndex[indicatorText], key: Validator.FactKeys.id(indicatorText, &keys.indicatorIds))
                indicatorOf[indicatorText] = v
                return v
            }()
            let indicatorId = resolvedIndicator.id
            let indicator = resolvedIndicator.index.map { context.indicatorList[$0] }
            if indicator == nil {
                findings.append(context.leftOut.finding(.indicator, indicatorId, code: .unknownIndicator, at: row.position("indicator"))
                    ?? Finding(.error, .unknownIndicator, at: row.position("indicator"), .unknownIndicator(indicatorId)))
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
                let id = context.source(sourceText)
                let v = (id: id ?? sourceText, known: id != nil, key: Validator.FactKeys.id(id ?? sourceText, &keys.sourceIds))
                sourceOf[sourceText] = v
                return v
            }()
            if !resolvedSource.known {
                findings.append(context.leftOut.finding(.source, sourceText, code: .unknownSource, at: row.position("source"), indicator: indicatorId)
                    ?? Finding(.error, .unknownSource, at: row.position("source"), indicator: indicatorId, .unknownSource(resolvedSource.id)))
            }
            let value = row.number(at: cv, "value", required: true, &findings)
            let numerator = row.number(at: cnum, "numerator", required: false, &findings)
            let denominator = row.number(at: cden, "denominator", required: false, &findings)
            guard let indicator, let entity, let period, resolvedSource.known,
                  let v = value ?? nil, let numerator, let denominator else {
                keys.incomplete.insert(indicatorId)
                continue
            }
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
                findings.append(context.leftOut.finding(.indicator, indicatorId, code: .unknownIndicator, at: row.position("indicator"))
                    ?? Finding(.error, .unknownIndicator, at: row.position("indicator"), .unknownIndicator(indicatorId)))
            }
            let entity = entity(row, context, &findings, indicator: indicatorId)
            let yearText = row.text("year")
            let year = Int(yearText).flatMap { (1900...2100).contains($0) ? $0 : nil }
            if year == nil {
                findings.append(Finding(.error, .unparseable, at: row.position("year"), indicator: indicatorId, .notAYear(yearText)))
            }
            var comparator = row.choice("comparator", Vocabulary.comparator, &findings)
            let sourceText = row.text("source"), source = context.source(sourceText)
            if source == nil {
                findings.append(context.leftOut.finding(.source, sourceText, code: .unknownSource, at: row.position("source"), indicator: indicatorId)
                    ?? Finding(.error, .unknownSource, at: row.position("source"), indicator: indicatorId, .unknownSource(sourceText)))
            }
            // A target as written (``TargetText``, on a sheet or file arranged by the workbook reader).
            let written = row.text("value_written"), unit = row.text("value_unit")
            let value: Double??
            if !written.isEmpty, table.number(row.index, row.columns["value"] ?? 0) == nil, !CSVTable.isPlainDecimal(row.text("value")) {
                findings.append(Finding(.error, .unparseable, at: row.position("value"), indicator: indicatorId,
                                        .target(.notAValue(text: written, column: row.label("value")))))
                value = nil
            } else {
                value = row.number("value", required: true, &findings)
            }
            if let said = Target.Comparator(rawValue: row.text("value_comparator")), let c = comparator, said != c {
                findings.append(Finding(.error, .targetWording, at: row.position("value"), indicator: indicatorId,
                                        .target(.comparatorConflict(text: written, column: row.label("value"), written: said,
                                                                    given: c == .atLeast ? "≥" : "≤", comparatorColumn: row.label("comparator")))))
                comparator = nil
            }
            if !unit.isEmpty, let indicator, !TargetText.fits(unit: unit, indicator) {
                findings.append(Finding(.error, .targetWording, at: row.position("value"), indicator: indicatorId,
                                        .target(.wrongUnit(text: written, unit: unit, indicator: indicatorId, indicatorUnit: indicator.unit))))
                continue
            }
            guard let indicator, let entity, let year, let comparator, let v = value ?? nil, let source else { continue }
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
