import Foundation

/// The cells of one observation's row as the row checks see them: a column's text, its cell and
/// its header as the input writes it.
protocol ObservationCells {
    /// The text of column `column` (`value`, `numerator`, `denominator`).
    func text(_ column: String) -> String
    /// Where column `column` of the row is.
    func cell(_ column: String) -> SourcePosition?
    /// Column `column` as the input heads it.
    func label(_ column: String) -> String
}

extension DatasetLoader.Row: ObservationCells {
    func cell(_ column: String) -> SourcePosition? { position(column) }
}

/// An observation built in memory (a planner's table read into a ``Dataset``): its numbers as the
/// dataset folder writes them, every column at the observation's cell.
struct TypedCells: ObservationCells {
    let observation: Observation

    func text(_ column: String) -> String {
        switch column {
        case "value": CSVWriter.number(observation.value)
        case "numerator": CSVWriter.number(observation.numerator)
        case "denominator": CSVWriter.number(observation.denominator)
        default: ""
        }
    }

    func cell(_ column: String) -> SourcePosition? { observation.position }

    func label(_ column: String) -> String { column }
}

extension Validator {
    /// Validates a dataset built in memory (typed values with their cells: ``PlannerImport``) with
    /// the checks a dataset folder gets, without writing it out: ids, the row checks
    /// (``rowChecks(_:indicator:row:into:)``) and the cross checks, each finding at the cell its
    /// value came from.
    ///
    /// The dataset returned is the one its folder would read back as: texts trimmed of spaces and
    /// made inert for spreadsheets (``CSVWriter/neutralise(_:)``), rows with errors and rows another
    /// source supersedes left out.
    static func validate(_ dataset: Dataset) -> (dataset: Dataset, findings: [Finding]) {
        let t = stored
        var findings: [Finding] = []
        var seen = Set<String>()
        var sources: [String: Source] = [:]
        for s in dataset.sources.values.sorted(by: { $0.id < $1.id }) {
            guard let id = checkedId(t(s.id), &seen, &findings, at: nil) else { continue }
            sources[id] = Source(id: id, title: t(s.title), issuer: t(s.issuer), documentNumber: t(s.documentNumber), date: t(s.date), file: t(s.file))
        }
        seen.removeAll()
        var indicators: [Indicator] = []
        for var i in dataset.indicators {
            let first = findings.count
            let id = checkedId(t(i.id), &seen, &findings, at: nil)
            if let l = i.lower, let u = i.upper, !(l < u) {
                findings.append(Finding(.error, .outOfBounds, at: nil, indicator: id, .boundsReversed(lower: l, upper: u)))
            }
            guard findings.count == first, let id else { continue }
            i.id = id
            (i.nameVi, i.nameEn, i.definition) = (t(i.nameVi), t(i.nameEn), t(i.definition))
            i.parent = i.parent.map(t).flatMap { $0.isEmpty ? nil : $0 }
            i.ranks = i.ranks.map(t).flatMap { $0.isEmpty ? nil : $0 }
            i.unitLabelVi = i.unitLabelVi.map(t).flatMap { $0.isEmpty ? nil : $0 }
            i.unitLabelEn = i.unitLabelEn.map(t).flatMap { $0.isEmpty ? nil : $0 }
            indicators.append(i)
        }
        seen.removeAll()
        var entities: [Entity] = []
        for var e in dataset.entities {
            guard let id = checkedId(t(e.id), &seen, &findings, at: nil) else { continue }
            e.id = id
            (e.nameVi, e.nameEn) = (t(e.nameVi), t(e.nameEn))
            e.parent = e.parent.map(t).flatMap { $0.isEmpty ? nil : $0 }
            // The aliases as the folder's one `|`-separated cell reads back.
            e.aliases = t(e.aliases.joined(separator: "|")).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for alias in e.aliases where NameKey.of(alias).isEmpty {
                findings.append(Finding(.error, .badAlias, at: nil, entity: id, .aliasWithoutLetters(alias)))
            }
            entities.append(e)
        }
        let byId = Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let entityIds = Set(entities.map(\.id))
        var keys = FactKeys(capacity: dataset.observations.count)
        // A table's rows run by series: the previous row's indicator and entity (looked up, and
        // numbered once the first of their rows is kept) serve while their ids recur.
        var lastIndicator: (id: String, indicator: Indicator?, key: Int32) = ("\u{0}", nil, -1)
        var lastEntity: (id: String, known: Bool, key: Int32) = ("\u{0}", false, -1)
        var observations: [Observation] = []
        observations.reserveCapacity(dataset.observations.count)
        for var o in dataset.observations {
            (o.indicator, o.entity, o.source, o.locator, o.note) = (t(o.indicator), t(o.entity), t(o.source), t(o.locator), t(o.note))
            if o.indicator != lastIndicator.id { lastIndicator = (o.indicator, byId[o.indicator], -1) }
            if o.entity != lastEntity.id { lastEntity = (o.entity, entityIds.contains(o.entity), -1) }
            let indicator = lastIndicator.indicator
            let before = findings.count
            referenceFindings(indicator: o.indicator, known: indicator != nil, entity: o.entity, known: lastEntity.known,
                              source: o.source, known: sources[o.source] != nil, at: o.position, &findings)
            let finite = o.value.isFinite && (o.numerator?.isFinite ?? true) && (o.denominator?.isFinite ?? true)
            for (column, v) in finite ? [] : [("value", Optional(o.value)), ("numerator", o.numerator), ("denominator", o.denominator)] {
                guard let v, !v.isFinite else { continue }
                findings.append(Finding(.error, .unparseable, at: o.position, .notPlainNumber(text: CSVWriter.number(v), column: column)))
            }
            guard let indicator, findings.count == before else {
                keys.incomplete.insert(o.indicator)
                continue
            }
            rowChecks(o, indicator: indicator, row: TypedCells(observation: o), into: &findings)
            observations.append(o)
            if lastIndicator.key < 0 { lastIndicator.key = FactKeys.id(o.indicator, &keys.indicatorIds) }
            if lastEntity.key < 0 { lastEntity.key = FactKeys.id(o.entity, &keys.entityIds) }
            keys.append(indicator: lastIndicator.key, entity: lastEntity.key, period: FactKeys.id(o.period, &keys.periodIds),
                        source: FactKeys.id(o.source, &keys.sourceIds))
        }
        var targets: [Target] = []
        for var target in dataset.targets {
            (target.indicator, target.entity, target.source, target.note) = (t(target.indicator), t(target.entity), t(target.source), t(target.note))
            let indicator = byId[target.indicator]
            let before = findings.count
            referenceFindings(indicator: target.indicator, known: indicator != nil, entity: target.entity, known: entityIds.contains(target.entity),
                              source: target.source, known: sources[target.source] != nil, at: target.position, &findings)
            if !(1900...2100).contains(target.year) {
                findings.append(Finding(.error, .unparseable, at: target.position, indicator: target.indicator, .notAYear(String(target.year))))
            }
            if !target.value.isFinite {
                findings.append(Finding(.error, .unparseable, at: target.position,
                                        .notPlainNumber(text: CSVWriter.number(target.value), column: "value")))
            }
            guard let indicator, findings.count == before else { continue }
            if let f = boundsCheck(target.value, indicator: indicator, at: target.position, entity: target.entity, period: String(target.year)) {
                findings.append(f)
                continue
            }
            targets.append(target)
        }
        var checked = Dataset(sources: sources, indicators: indicators, entities: entities, observations: observations, targets: targets)
        let (checks, superseded) = crossChecksDeciding(checked, keys: keys)
        findings += checks
        if !superseded.isEmpty {
            checked.observations = checked.observations.enumerated().filter { !superseded.contains($0.offset) }.map(\.element)
        }
        return (checked, findings)
    }

    /// A text as a dataset folder stores and reads it back: made inert for spreadsheets
    /// (``CSVWriter/neutralise(_:)``), then trimmed of spaces and tabs.
    static func stored(_ text: String) -> String {
        if text.isEmpty { return text }
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
           !"\t\r \n=+-@".utf8.contains(first), last != 0x20, last != 0x09 {
            return text
        }
        return CSVWriter.neutralise(text).trimmingCharacters(in: .whitespaces)
    }

    /// The finding for an id that is not valid, empty, or seen before (nil with no finding otherwise).
    static func checkedId(_ id: String, _ seen: inout Set<String>, _ findings: inout [Finding], at position: SourcePosition?) -> String? {
        if !id.isEmpty && !DatasetLoader.isValidId(id) {
            findings.append(Finding(.error, .invalidId, at: position, .invalidId(id)))
            return nil
        }
        if id.isEmpty {
            findings.append(Finding(.error, .unparseable, at: position, .emptyId))
            return nil
        }
        if !seen.insert(id).inserted {
            findings.append(Finding(.error, .duplicateId, at: position, .duplicateId(id)))
            return nil
        }
        return id
    }

    /// The findings for a row naming an indicator, entity or source the dataset does not define.
    static func referenceFindings(indicator: String, known indicatorKnown: Bool, entity: String, known entityKnown: Bool,
                                  source: String, known sourceKnown: Bool, at position: SourcePosition?, _ findings: inout [Finding]) {
        if !indicatorKnown { findings.append(Finding(.error, .unknownIndicator, at: position, .unknownIndicator(indicator))) }
        if !entityKnown { findings.append(Finding(.error, .unknownEntity, at: position, indicator: indicator, .unknownEntity(entity))) }
        if !sourceKnown { findings.append(Finding(.error, .unknownSource, at: position, indicator: indicator, .unknownSource(source))) }
    }
}
