/// The indicator data Chiso works on: definitions, observations and targets, each traceable to a
/// source. Made by ``DatasetLoader`` from a folder of CSV files (see DESIGN.md "Data").
public struct Dataset: Sendable {
    /// Source documents, by id.
    public var sources: [String: Source]
    /// Indicator definitions, in file order.
    public var indicators: [Indicator]
    /// Entities, in file order.
    public var entities: [Entity]
    /// Observations, in file order.
    public var observations: [Observation]
    /// Plan targets, in file order.
    public var targets: [Target]

    /// A dataset from its parts.
    public init(
        sources: [String: Source], indicators: [Indicator], entities: [Entity], observations: [Observation],
        targets: [Target]
    ) {
        self.sources = sources
        self.indicators = indicators
        self.entities = entities
        self.observations = observations
        self.targets = targets
    }

    /// The indicator with this id.
    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    /// The entity with this id.
    public func entity(_ id: String) -> Entity? { entities.first { $0.id == id } }

    /// The ids of the entities that `text` names: an id exactly, else every entity whose
    /// Vietnamese or English name or an alias equals `text` ignoring case, spacing and Unicode
    /// normalisation (`Đắk Lắk`, `tỉnh Đắk Lắk`, `Dak Lak province`), else whose ``NameKey`` equals
    /// `text`'s (`Dak Lak`, `Đăk Lăk`, a zero-width space). Several ids mean the text is ambiguous.
    public func entityIds(named text: String) -> [String] {
        if entity(text) != nil { return [text] }
        let key = PlannerTable.normalised(text)
        let exact = entities.filter { e in ([e.nameVi, e.nameEn] + e.aliases).contains { PlannerTable.normalised($0) == key } }.map(\.id)
        guard exact.isEmpty else { return exact }
        let folded = NameKey.of(text)
        guard !folded.isEmpty else { return [] }
        return entities.filter { e in ([e.nameVi, e.nameEn] + e.aliases).contains { NameKey.of($0) == folded } }.map(\.id)
    }

    /// The ids of the indicators that `text` names: an id exactly, else every indicator whose
    /// Vietnamese or English name equals `text` ignoring case, spacing and Unicode normalisation,
    /// else whose ``NameKey`` equals `text`'s. Several ids mean the text is ambiguous.
    public func indicatorIds(named text: String) -> [String] {
        if indicator(text) != nil { return [text] }
        let key = PlannerTable.normalised(text)
        let exact = indicators.filter { PlannerTable.normalised($0.nameVi) == key || PlannerTable.normalised($0.nameEn) == key }.map(\.id)
        guard exact.isEmpty else { return exact }
        let folded = NameKey.of(text)
        guard !folded.isEmpty else { return [] }
        return indicators.filter { NameKey.of($0.nameVi) == folded || NameKey.of($0.nameEn) == folded }.map(\.id)
    }

    /// Observations of an indicator (for one entity, or all), oldest first, then by entity.
    public func observations(indicator: String, entity: String? = nil) -> [Observation] {
        let measure = self.indicator(indicator)?.measure ?? .flow
        return observations
            .filter { $0.indicator == indicator && (entity == nil || $0.entity == entity) }
            .enumerated()
            .sorted {
                let (a, b) = ($0.element.period.time(measure: measure), $1.element.period.time(measure: measure))
                if a != b { return a < b }
                if $0.element.entity != $1.element.entity { return $0.element.entity < $1.element.entity }
                return $0.offset < $1.offset
            }
            .map(\.element)
    }
}
