import Foundation

/// A planner's own tables (CSV files or workbook sheets, long or wide) made into a dataset: the
/// series' labels become indicators and entities, each file a source, each value an observation
/// whose locator is its cell (`so-lieu.xlsx[Sheet1]!E7`).
///
/// Which label column names the indicator and which the entity is read from the headers
/// (`Chỉ tiêu`, `Chỉ số`, `Indicator` / `Đơn vị`, `Huyện`, `Xã`, `Tỉnh`, `Địa phương`, `District`);
/// a lone label column names entities. Without an indicator column the indicator is the value
/// column's header (long) or the sheet's or file's name (wide); without an entity column the entity
/// is the file's name. Kinds come from ``KindRule`` (the one rule every command uses).
public enum PlannerImport {
    /// A dataset from planner tables.
    ///
    /// - Parameters:
    ///   - tables: the tables, each with the name of the file (or sheet) it came from.
    ///   - format: the number convention (default `auto`: decided per column).
    /// - Throws: ``DatasetError`` as ``PlannerTable/read(_:layout:columns:format:measure:)`` does, and
    ///   for a table whose label columns cannot be told apart.
    public static func dataset(_ tables: [(table: CSVTable, name: String)], format: NumberFormat = .auto) throws(DatasetError) -> Dataset {
        try read(tables, format: format).dataset
    }

    /// ``dataset(_:format:)``, with what of the reports' layouts was read and left out or turned
    /// into something else (``ReportLayout/Note``): footnotes, plan sub-columns (their values become
    /// targets of their year, the comparator from the indicator's direction), totals rows (the
    /// entity above the table's entities: the province, named `Toàn tỉnh` unless the row names it;
    /// in a table without an entity column, left out).
    ///
    /// - Throws: as ``dataset(_:format:)``.
    public static func read(_ tables: [(table: CSVTable, name: String)], format: NumberFormat = .auto) throws(DatasetError) -> (dataset: Dataset, notes: [ReportLayout.Note]) {
        var notes: [ReportLayout.Note] = [], targets: [Target] = []
        var indicators: [Indicator] = [], entities: [Entity] = [], sources: [String: Source] = [:], observations: [Observation] = []
        var indicatorIds: [String: String] = [:], entityIds: [String: String] = [:]
        // Each entity's index, and the normalised texts of its name and aliases.
        var entityIndex: [String: Int] = [:], entityNames: [Set<String>] = []
        // Keys and normalised texts by name (a name recurs in every series of its row or column).
        var keys: [String: String] = [:], normalisedNames: [String: String] = [:]
        func cachedKey(_ name: String) -> String {
            if let k = keys[name] { return k }
            let k = key(name)
            keys[name] = k
            return k
        }
        func cachedNormalised(_ name: String) -> String {
            if let n = normalisedNames[name] { return n }
            let n = PlannerTable.normalised(name)
            normalisedNames[name] = n
            return n
        }
        func unique(_ base: String, _ taken: some Collection<String>) -> String {
            var id = base, k = 2
            while taken.contains(id) { id = "\(base)_\(k)"; k += 1 }
            return id
        }
        for (table, _) in tables {
            let planner = try PlannerTable.read(table, format: format)
            let headers = planner.labelColumns.map(PlannerTable.normalised)
            let indicatorColumn = headers.firstIndex { PlannerTable.indicatorHeaders.contains($0) }
            var entityColumn = headers.firstIndex { PlannerTable.entityHeaders.contains($0) }
            if entityColumn == nil, indicatorColumn == nil, headers.count == 1 { entityColumn = 0 }
            let unclaimed = headers.indices.filter { $0 != indicatorColumn && $0 != entityColumn }
            if let extra = unclaimed.first {
                // Another text column (a remark such as "Đánh giá") is ignored with a note when the
                // indicator or entity column is known and no two of its rows then give one series a
                // value for the same period; otherwise it may name the series: say so.
                let place = table.position(nil, table.header.firstIndex(of: planner.labelColumns[extra]))
                guard indicatorColumn != nil || entityColumn != nil,
                      !mergesSeries(planner, by: [indicatorColumn, entityColumn].compactMap { $0 }) else {
                    throw .badLayout(place, problem: .unclearLabelColumn(planner.labelColumns[extra]))
                }
                for k in unclaimed {
                    notes.append(.ignoredColumn(table.position(nil, table.header.firstIndex(of: planner.labelColumns[k])),
                                                header: planner.labelColumns[k]))
                }
            }
            let fileName = (table.file as NSString).lastPathComponent
            let base = (fileName as NSString).deletingPathExtension
            var locator = Locators(file: table.file, name: fileName)
            let sourceId = DatasetWorkbook.slug(base, fallback: "source")
            if sources[sourceId] == nil {
                sources[sourceId] = Source(id: sourceId, title: base, issuer: "", documentNumber: "", date: "", file: (table.file as NSString).lastPathComponent)
            }
            notes += table.layoutNotes.filter { if case .titleRow = $0 { false } else { true } }
            // The table's entities, and its totals row's entity (their parent).
            var tableEntities: [Int] = [], totalEntity: String?
            for series in planner.series where !series.points.isEmpty || !series.plans.isEmpty {
                let indicatorName = series.indicator
                var entityName = entityColumn.map { series.labels[$0].text } ?? base
                // ``ReportLayout/isTotal(_:)`` on the cached key (a label without letters is never a total).
                if let c = entityColumn, ReportLayout.isTotal(key: cachedKey(series.labels[c].text)) {
                    let text = series.labels[c].text
                    entityName = ReportLayout.namesProvince(text) ? text : provinceName
                    notes.append(.totalsRow(series.position, text: text, entity: entityName))
                } else if let c = indicatorColumn, ReportLayout.isTotal(key: cachedKey(series.labels[c].text)) {
                    notes.append(.totalsRowLeftOut(series.position, text: series.labels[c].text))
                    continue
                }
                // Names are one entity (or indicator) when their ``NameKey``s agree: `Đắk Lắk`,
                // `Đăk Lăk`, `Dak Lak` and one with a zero-width space are one district, the
                // other spellings kept as its aliases; `_2` is only for names that truly differ.
                let iKey = cachedKey(indicatorName), eKey = cachedKey(entityName)
                if indicatorIds[iKey] == nil {
                    let id = unique(DatasetWorkbook.slug(indicatorName, fallback: "indicator"), indicatorIds.values)
                    indicatorIds[iKey] = id
                    indicators.append(indicator(id: id, name: indicatorName, kind: series.kind))
                }
                if entityIds[eKey] == nil {
                    let id = unique(DatasetWorkbook.slug(entityName, fallback: "entity"), entityIds.values)
                    entityIds[eKey] = id
                    entityIndex[eKey] = entities.count
                    entities.append(entity(id: id, name: entityName))
                    entityNames.append([cachedNormalised(entityName)])
                } else if let k = entityIndex[eKey], !entityNames[k].contains(cachedNormalised(entityName)), !entityName.contains("|") {
                    let alias = visible(entityName)
                    entities[k].aliases.append(alias)
                    entityNames[k].insert(cachedNormalised(alias))
                }
                guard let i = indicatorIds[iKey], let e = entityIds[eKey] else { continue }
                if let k = entityIndex[eKey] {
                    if entityName == provinceName || ReportLayout.isTotal(key: eKey) { totalEntity = e } else { tableEntities.append(k) }
                }
                let direction = indicators.first { $0.id == i }?.direction ?? .up
                for plan in series.plans {
                    guard case let .year(y) = plan.period else { continue }
                    targets.append(Target(indicator: i, entity: e, year: y, value: plan.value, comparator: direction == .down ? .atMost : .atLeast,
                                          source: sourceId, note: locator(plan.position), position: plan.position))
                }
                for point in series.points {
                    guard let period = point.period else { continue }
                    observations.append(Observation(indicator: i, entity: e, period: period, value: point.value, numerator: point.numerator,
                                                    denominator: point.denominator, source: sourceId,
                                                    locator: locator(point.position), note: "",
                                                    position: point.position))
                }
            }
            if let totalEntity {
                for k in Set(tableEntities) where entities[k].parent == nil && entities[k].level != .province { entities[k].parent = totalEntity }
            }
            for (j, period) in table.planColumns.sorted(by: { $0.key < $1.key }) {
                let year: Bool = if case .year = period { true } else { false }
                notes.append(.planColumn(table.position(nil, j), header: table.header[j], period: period.description, targets: year))
            }
        }
        let dataset = Dataset(sources: sources, indicators: indicators, entities: entities, observations: observations, targets: targets)
        return (dataset, notes)
    }

    /// Whether two series that differ only outside the label columns `kept` hold values for the
    /// same period (so the other columns tell series apart and cannot be ignored).
    static func mergesSeries(_ planner: PlannerTable, by kept: [Int]) -> Bool {
        var seen = Set<String>()
        for series in planner.series {
            let name = kept.map { key(series.labels[$0].text) }.joined(separator: "\u{1F}")
            for point in series.points {
                let time = point.period?.description ?? String(point.decimalTime ?? .nan)
                if !seen.insert(name + "\u{1F}" + time).inserted { return true }
            }
        }
        return false
    }

    /// The name a totals row (`Tổng cộng`, `Cộng`) gets as an entity, when it does not name itself.
    static let provinceName = "Toàn tỉnh"

    /// The key names are merged by: ``NameKey``, or the normalised text when it has no letter or digit.
    static func key(_ name: String) -> String {
        let k = NameKey.of(name)
        return k.isEmpty ? PlannerTable.normalised(name) : k
    }

    /// `name` without invisible characters (format characters such as a zero-width space), as an alias.
    static func visible(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.properties.generalCategory != .format }))
    }

    /// A cell as an observation's locator: the file's name without its folder (`so-lieu.xlsx[DVC]!C4`).
    static func locator(_ position: SourcePosition) -> String {
        var p = position
        p.file = (p.file as NSString).lastPathComponent
        return p.description
    }

    /// ``locator(_:)`` for the cells of one file `file`, whose name without its folder is `name`:
    /// the text before a cell's column (`so-lieu.xlsx[DVC]!`) and each column's letters made once,
    /// not once per value.
    struct Locators {
        let file: String, name: String
        private var prefixes: [String: String] = [:], letters: [Int: String] = [:]

        init(file: String, name: String) {
            self.file = file
            self.name = name
        }

        /// The locator of the cell at `position`: ``SourcePosition/description`` with the file's name.
        mutating func callAsFunction(_ position: SourcePosition) -> String {
            guard position.file == file, let line = position.line, let column = position.column else {
                var p = position
                if p.file == file { p.file = name; return p.description }
                return PlannerImport.locator(p)
            }
            guard let sheet = position.sheet else { return "\(name):\(line):\(column)" }
            let prefix = prefixes[sheet] ?? "\(name)[\(sheet)]!"
            prefixes[sheet] = prefix
            let l = letters[column] ?? SourcePosition.columnLetters(column)
            letters[column] = l
            return prefix + l + String(line)
        }
    }

    /// An indicator named `name`, of the kind the table gives it (``KindRule``).
    static func indicator(id: String, name: String, kind decision: KindDecision) -> Indicator {
        Indicator(id: id, nameVi: name, nameEn: "", unit: decision.unit, kind: decision.kind, lower: decision.lower, upper: decision.upper,
                  direction: decision.kind == .rank ? .down : .up, measure: .flow, parent: nil, ranks: nil, definition: "")
    }

    /// An entity named `name`: a province, a department or (by default) a district, from its name.
    static func entity(id: String, name: String) -> Entity {
        let key = PlannerTable.normalised(name)
        let level: Entity.Level = key.hasPrefix("tỉnh") || key.hasPrefix("toàn tỉnh") ? .province
            : (["sở ", "ban ", "văn phòng", "thanh tra", "bộ "].contains(where: key.hasPrefix) ? .department : .district)
        return Entity(id: id, nameVi: name, nameEn: "", level: level, parent: nil, aliases: [])
    }
}
