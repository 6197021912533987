/// The checks of references between definitions (DESIGN.md "Data": unknown ids, parent cycles,
/// aliases naming two entities).
extension Validator {
    /// References between definitions: parents and ranks that name no indicator, parents that
    /// name no entity or make a cycle, aliases of two entities under one parent. Each finding is at
    /// the referring cell (when `cells` has it); a reference to a definition left out for an error
    /// follows from that error.
    static func references(_ data: Dataset, cells: DatasetLoader.DefinitionCells = .init(),
                           leftOut: DatasetLoader.LeftOut = .init()) -> [Finding] {
        var out: [Finding] = []
        let ids = Set(data.indicators.map(\.id))
        func reference(_ what: DataProblem.Definition, _ id: String, _ column: String, to target: String,
                       indicator: String? = nil, entity: String? = nil, _ problem: (String) -> DataProblem) -> Finding {
            let (position, label) = cells.place(what, id, column)
            if let cause = leftOut.cause(what, target) {
                return Finding(.error, .badReference, at: position, indicator: indicator, entity: entity,
                               .definitionWithError(what, text: target, at: cause), cause: cause)
            }
            return Finding(.error, .badReference, at: position, indicator: indicator, entity: entity, problem(label))
        }
        for i in data.indicators {
            if let p = i.parent, !ids.contains(p) {
                out.append(reference(.indicator, i.id, "parent", to: p, indicator: i.id) { .notAnIndicator(field: $0, id: p) })
            }
            if let r = i.ranks, !ids.contains(r) {
                out.append(reference(.indicator, i.id, "ranks", to: r, indicator: i.id) { .notAnIndicator(field: $0, id: r) })
            }
        }
        let entityIds = Set(data.entities.map(\.id))
        // Aliases must be unique among entities of the same parent: "Sở Tài chính" names one
        // department in each province, which is fine.
        var aliasOwner: [String: String] = [:]
        let parentOf = Dictionary(data.entities.map { ($0.id, $0.parent) }, uniquingKeysWith: { a, _ in a })
        for e in data.entities {
            if let p = e.parent, !entityIds.contains(p) {
                out.append(reference(.entity, e.id, "parent", to: p, entity: e.id) { .notAnEntity(field: $0, id: p) })
            }
            // Parents must lead to a top: an entity that is its own ancestor makes totals and
            // district comparisons loop.
            var path = [e.id], current = e.parent
            while let p = current, entityIds.contains(p), path.count <= data.entities.count {
                if p == e.id {
                    out.append(Finding(.error, .badReference, at: cells.place(.entity, e.id, "parent").position, entity: e.id, .parentCycle(path + [p])))
                    break
                }
                path.append(p)
                current = parentOf[p] ?? nil
            }
            for alias in Set(e.aliases.map(DatasetLoader.Context.normalise)).sorted() {
                let key = "\(e.parent ?? "")|\(alias)"
                if let other = aliasOwner[key], other != e.id {
                    out.append(Finding(.warning, .aliasClash, at: cells.place(.entity, e.id, "aliases").position, entity: e.id,
                                       .aliasAlsoNames(alias: alias, other: other)))
                }
                aliasOwner[key] = e.id
            }
        }
        return out
    }
}
