import Forecasting
import Foundation
import Indicators

extension EntityComparison {
    /// Where the parent's gap comes from (DESIGN.md "Reporting"; README "Where the province's gap
    /// comes from").
    ///
    /// A share with counts, parent target T % (at least): the parent's rate is N / D, its numerator
    /// and denominator its own counts (else its entities' sums). Were entity i alone at T, its
    /// numerator would grow by cᵢ = T/100 · dᵢ − nᵢ (0 when nᵢ/dᵢ ≥ T/100) and the parent's rate by
    /// 100 · cᵢ / D points. When N and D are the entities' sums and no entity is at or above T, the
    /// points add up to the parent's gap T − 100 · N / D exactly; otherwise the difference is shown.
    /// (For a target "at most" the signs flip.)
    ///
    /// A count: an entity's contribution is what it still needs to its own target of the parent's
    /// target year (0 when it is there), in the indicator's units; these add up to the parent's gap
    /// when the parent's target and value are the sums of its entities'.
    static func contributions(_ group: inout Group, indicator: Indicator) {
        guard let target = group.parentTarget, let figure = group.parentFigure else { return }
        let atLeast = target.comparator == .atLeast
        let ranked = group.rows.indices.filter { !group.rows[$0].otherPeriod }
        switch indicator.kind {
        case .share:
            let counts = ranked.compactMap { k -> (Int, Double, Double)? in
                let o = group.rows[k].observation
                guard let n = o.numerator, let d = o.denominator, d > 0 else { return nil }
                return (k, n, d)
            }
            guard counts.count == ranked.count, !counts.isEmpty else { return }
            // The parent's numerator and denominator: its own counts when it has them, else the
            // entities' sums; its gap is read off their rate (a published rate rounds it).
            let n = group.ownCounts?.numerator ?? counts.reduce(0) { $0 + $1.1 }
            let d = group.ownCounts?.denominator ?? counts.reduce(0) { $0 + $1.2 }
            guard d > 0 else { return }
            for (k, nk, dk) in counts {
                let needed = atLeast ? target.value / 100 * dk - nk : nk - target.value / 100 * dk
                let c = max(0, needed)
                group.rows[k].contribution = (100 * c / d, c)
                if needed < 0 { group.pastTarget.append((group.rows[k].entity, -100 * needed / d)) }
            }
            let rate = 100 * n / d
            group.parentGap = atLeast ? target.value - rate : rate - target.value
        case .count, .amount:
            var any = false
            for k in ranked {
                guard let own = group.rows[k].target, !group.rows[k].targetIsParents, own.year == target.year else { continue }
                let v = group.rows[k].observation.value
                let needed = own.comparator == .atLeast ? own.value - v : v - own.value
                group.rows[k].contribution = (max(0, needed), max(0, needed))
                if needed < 0 { group.pastTarget.append((group.rows[k].entity, -needed)) }
                any = true
            }
            if any { group.parentGap = atLeast ? target.value - figure.value : figure.value - target.value }
        case .score, .rank:
            return
        }
    }

    /// Whether the parent's own 80 % range at its target year overlaps the range its ranked entities'
    /// 10 % and 90 % quantiles add up to (Σ for a count; weighted by the latest denominators for a
    /// share with counts). Both are forecasts of one quantity; when they miss each other the
    /// comparison says so.
    static func agreement(_ group: inout Group, indicator: Indicator) {
        guard let target = group.parentTarget, let p = group.parentForecast?.projections.first(where: { $0.year == target.year }),
              let parent = p.intervals.first(where: { $0.level == 80 }), let pLo = parent.lower, let pHi = parent.upper else { return }
        let ranked = group.rows.filter { !$0.otherPeriod }
        let ranges = ranked.compactMap { r -> (Double, Double, Double)? in
            guard let i = r.atParentYear?.intervals.first(where: { $0.level == 80 }), let lower = i.lower, let upper = i.upper else { return nil }
            let weight: Double
            switch indicator.kind {
            case .share:
                guard let d = r.observation.denominator, d > 0 else { return nil }
                weight = d
            case .count, .amount: weight = 1
            case .score, .rank: return nil
            }
            return (lower, upper, weight)
        }
        guard ranges.count == ranked.count, !ranges.isEmpty else { return }
        let total = indicator.kind == .share ? ranges.reduce(0) { $0 + $1.2 } : 1
        let lo = ranges.reduce(0) { $0 + $1.0 * $1.2 } / total, hi = ranges.reduce(0) { $0 + $1.1 * $1.2 } / total
        if pHi < lo || pLo > hi { group.disagreement = ((pLo, pHi), (lo, hi)) }
    }
}

extension EntityComparison.Group {
    /// The parent's own numerator and denominator in the compared period, when its figure is its own
    /// observation with counts.
    var ownCounts: (numerator: Double, denominator: Double)? { parentObservation.flatMap { o in o.numerator.flatMap { n in o.denominator.map { (n, $0) } } } }
}
