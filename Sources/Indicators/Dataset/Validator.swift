import Foundation

/// The checks of DESIGN.md "Data": per row (bounds, counts, rate = numerator/denominator) and
/// across rows (duplicates, conflicting sources, ranks against scores, totals against parts,
/// references between definitions).
enum Validator {
    /// Decimals shown by a published number (at most 6): 50.65 → 2, 70 → 0.
    static func decimals(_ value: Double) -> Int {
        var decimals = 0
        var scaled = abs(value)
        while decimals < 6 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
            scaled *= 10
            decimals += 1
        }
        return decimals
    }

    /// The tolerance for a published number: half a unit in its last shown decimal (values are
    /// written with at most the decimals the source shows), plus a little for binary rounding.
    static func publishedTolerance(_ value: Double) -> Double {
        0.5 * pow(10, -Double(decimals(value))) + 1e-9 * max(1, abs(value))
    }

    static func boundsCheck(
        _ value: Double, indicator: Indicator, at position: SourcePosition?, entity: String, period: String
    ) -> Finding? {
        if let l = indicator.lower, value < l {
            return Finding(.error, .outOfBounds, at: position, indicator: indicator.id, entity: entity, period: period,
                           "value \(value) is below the lower bound \(l)")
        }
        if let u = indicator.upper, value > u {
            return Finding(.error, .outOfBounds, at: position, indicator: indicator.id, entity: entity, period: period,
                           "value \(value) is above the upper bound \(u)")
        }
        return nil
    }

    static func rowChecks(_ o: Observation, indicator: Indicator, row: DatasetLoader.Row) -> [Finding] {
        var out: [Finding] = []
        let period = o.period.description
        if let f = boundsCheck(o.value, indicator: indicator, at: row.position("value"), entity: o.entity, period: period) {
            out.append(f)
        }
        for (name, count) in [("numerator", o.numerator), ("denominator", o.denominator)] {
            if let c = count, c < 0 {
                out.append(Finding(.error, .badCounts, at: row.position(name), indicator: o.indicator, entity: o.entity,
                                   period: period, "\(name) \(c) is negative"))
            }
        }
        guard let n = o.numerator, let d = o.denominator, indicator.kind == .share else { return out }
        if n > d {
            out.append(Finding(.error, .badCounts, at: row.position("numerator"), indicator: o.indicator, entity: o.entity,
                               period: period, "numerator \(n.clean) exceeds denominator \(d.clean)"))
        } else if d == 0 {
            out.append(Finding(.warning, .zeroDenominator, at: row.position("value"), indicator: o.indicator, entity: o.entity,
                               period: period, "rate \(o.value.clean) published for \(n.clean) of \(d.clean)"))
        } else {
            let scale = indicator.upper ?? 100
            let ratio = scale * n / d
            if abs(ratio - o.value) > publishedTolerance(o.value) {
                out.append(Finding(.warning, .ratioMismatch, at: row.position("value"), indicator: o.indicator, entity: o.entity,
                                   period: period,
                                   "published rate \(o.value.clean) ≠ \(n.clean)/\(d.clean) = \(String(format: "%.2f", ratio)) (kept as published)"))
            }
        }
        return out
    }

    static func crossChecks(_ data: Dataset) -> [Finding] {
        references(data) + duplicates(data) + ranks(data) + totals(data)
    }

    static func references(_ data: Dataset) -> [Finding] {
        var out: [Finding] = []
        let ids = Set(data.indicators.map(\.id))
        for i in data.indicators {
            if let p = i.parent, !ids.contains(p) {
                out.append(Finding(.error, .badReference, indicator: i.id, "parent \"\(p)\" is not an indicator"))
            }
            if let r = i.ranks, !ids.contains(r) {
                out.append(Finding(.error, .badReference, indicator: i.id, "ranks \"\(r)\" is not an indicator"))
            }
        }
        let entityIds = Set(data.entities.map(\.id))
        // Aliases must be unique among entities of the same parent: "Sở Tài chính" names one
        // department in each province, which is fine.
        var aliasOwner: [String: String] = [:]
        for e in data.entities {
            if let p = e.parent, !entityIds.contains(p) {
                out.append(Finding(.error, .badReference, entity: e.id, "parent \"\(p)\" is not an entity"))
            }
            for alias in Set(e.aliases.map(DatasetLoader.Context.normalise)).sorted() {
                let key = "\(e.parent ?? "")|\(alias)"
                if let other = aliasOwner[key], other != e.id {
                    out.append(Finding(.warning, .aliasClash, entity: e.id, "alias \"\(alias)\" also names \(other)"))
                }
                aliasOwner[key] = e.id
            }
        }
        return out
    }

    static func duplicates(_ data: Dataset) -> [Finding] {
        struct Key: Hashable { var indicator, entity: String; var period: Period }
        var out: [Finding] = []
        var bySource: [String: Observation] = [:]
        var byFact: [Key: Observation] = [:]
        for o in data.observations {
            let exact = "\(o.indicator)|\(o.entity)|\(o.period)|\(o.source)"
            if let first = bySource[exact] {
                out.append(Finding(.error, .duplicateFact, at: o.position, indicator: o.indicator, entity: o.entity,
                                   period: o.period.description,
                                   "the same fact from \(o.source) is already at line \(first.position?.line.map(String.init) ?? "?")"))
                continue
            }
            bySource[exact] = o
            let key = Key(indicator: o.indicator, entity: o.entity, period: o.period)
            if let first = byFact[key],
               abs(first.value - o.value) > max(publishedTolerance(first.value), publishedTolerance(o.value)) {
                out.append(Finding(.warning, .conflictingValues, at: o.position, indicator: o.indicator, entity: o.entity,
                                   period: o.period.description,
                                   "\(o.source) gives \(o.value.clean), \(first.source) gives \(first.value.clean)"))
            }
            if byFact[key] == nil { byFact[key] = o }
        }
        return out
    }

    /// Published ranks against ranks recomputed from the scores (ties share the best rank),
    /// among the entities ranked in the same period by the same source.
    static func ranks(_ data: Dataset) -> [Finding] {
        var out: [Finding] = []
        for rankIndicator in data.indicators where rankIndicator.kind == .rank {
            guard let scoreId = rankIndicator.ranks, let score = data.indicator(scoreId) else { continue }
            let published = data.observations.filter { $0.indicator == rankIndicator.id }
            let groups = Dictionary(grouping: published) { "\($0.period)|\($0.source)" }
            for key in groups.keys.sorted() {
                guard let group = groups[key] else { continue }
                var scores: [String: Double] = [:]
                for o in data.observations where o.indicator == scoreId && o.period == group[0].period && o.source == group[0].source {
                    scores[o.entity] = o.value
                }
                let ranked = group.filter { scores[$0.entity] != nil }
                guard ranked.count >= 2 else { continue }
                for o in ranked {
                    guard let s = scores[o.entity] else { continue }
                    let better = ranked.filter { other in
                        guard let t = scores[other.entity] else { return false }
                        return score.direction == .up ? t > s : t < s
                    }.count
                    let recomputed = Double(better + 1)
                    if recomputed != o.value {
                        out.append(Finding(.warning, .rankContradiction, at: o.position, indicator: rankIndicator.id,
                                           entity: o.entity, period: o.period.description,
                                           "published rank \(o.value.clean) but its \(scoreId) \(s.clean) ranks \(recomputed.clean) of \(ranked.count) (kept as published)"))
                    }
                }
            }
        }
        return out
    }

    /// Totals against the sum of their parts, where every part is known.
    static func totals(_ data: Dataset) -> [Finding] {
        var out: [Finding] = []
        for total in data.indicators {
            let parts = data.indicators.filter { $0.parent == total.id }.map(\.id)
            guard !parts.isEmpty else { continue }
            for o in data.observations where o.indicator == total.id {
                let values = parts.compactMap { part in
                    data.observations.first { $0.indicator == part && $0.entity == o.entity && $0.period == o.period && $0.source == o.source }?.value
                }
                guard values.count == parts.count else { continue }
                let sum = values.reduce(0, +)
                // A table is printed to one precision: a whole number among two-decimal values
                // is exact to those decimals too. Each of the n + 1 roundings is at most ½ unit.
                let shown = (values + [o.value]).map(decimals).max() ?? 0
                let tolerance = Double(values.count + 1) * 0.5 * pow(10, -Double(shown)) + 1e-9 * abs(o.value)
                if abs(sum - o.value) > tolerance {
                    out.append(Finding(.warning, .totalMismatch, at: o.position, indicator: total.id, entity: o.entity,
                                       period: o.period.description,
                                       "total \(o.value.clean) ≠ sum of its \(parts.count) parts \(String(format: "%.\(shown)f", sum)) (kept as published)"))
                }
            }
        }
        return out
    }
}

extension Double {
    /// Shortest round-trip text, without a trailing `.0` for whole numbers ("13425", "50.65"), as
    /// Datasets/ store numbers and messages quote them.
    public var clean: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
        return description
    }
}
