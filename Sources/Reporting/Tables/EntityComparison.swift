import Forecasting
import Foundation
import Indicators

/// Entities of one level compared on one indicator: the districts of a province (or the provinces,
/// or a province's departments) ranked best first, with their change, their parent's figure, their
/// nearest target and its projection, and for a share with counts (or a count with targets) how
/// much of the parent's gap each one holds.
///
/// Like is compared with like: entities are grouped by level and parent; the parent is shown beside
/// its group, never ranked in it. Ranks are competition ranks by the indicator's direction (ties
/// share the best place: 1, 2, 2, 4; for a rank indicator lower is better). The projections and
/// P(meet) are the gap table's rows when the report has them (one forecast per target), else made
/// by the same ``GapTable`` row code.
public struct EntityComparison: Sendable {
    /// The parent's figure a group is set beside.
    public enum ParentFigure: Sendable, Equatable {
        /// The parent's own observation in the compared period.
        case own(Double)
        /// Σ numerators / Σ denominators of the ranked entities (a share with counts), in percent.
        case weighted(Double, entities: Int)
        /// Σ of the ranked entities' values (a count or an amount).
        case sum(Double, entities: Int)
        /// The unweighted mean of the ranked entities' values (a score).
        case mean(Double, entities: Int)

        /// The value.
        public var value: Double {
            switch self {
            case let .own(v), let .weighted(v, _), let .sum(v, _), let .mean(v, _): v
            }
        }
    }

    /// One entity's row.
    public struct Row: Sendable {
        /// The entity.
        public var entity: Entity
        /// The observation shown (the compared period's, else the entity's latest before it).
        public var observation: Observation
        /// Whether the observation is of another period than the group's (the row is marked and not ranked).
        public var otherPeriod: Bool
        /// Place in the group (ties shared); nil when the row is of another period.
        public var rank: Int?
        /// Place in the group's previous period, if the entity was ranked there.
        public var previousRank: Int?
        /// The entity's previous observation (before the one shown).
        public var previous: Observation?
        /// Value minus the previous value (percentage points for a share).
        public var change: Double?
        /// `change` per year between the two observations.
        public var changePerYear: Double?
        /// Value minus the parent's figure (nil without one).
        public var differenceToParent: Double?
        /// The target the row is measured against: the entity's own nearest one, else its parent's
        /// (a share or a score: the parent's level is the standard for its parts).
        public var target: Target?
        /// Whether `target` is the parent's.
        public var targetIsParents: Bool
        /// The target minus the value, signed so that positive means still to go.
        public var gap: Double?
        /// The forecast to the target year (the gap table's row for an own target).
        public var forecast: Forecast?
        /// The status of the target.
        public var status: TargetAssessment.Status?
        /// For a share with counts: the points the parent would gain were this entity alone at the
        /// parent's target (0 when it is already there), and the numerator it would add.
        public var contribution: (points: Double, count: Double)?
        /// The projection at the parent's target year (the row's own forecast's when it is of that
        /// year; else one made for the check of ``Group/disagreement``).
        public var atParentYear: Projection?
        /// The entity's observations up to the one shown, oldest first (time in decimal years: a
        /// flow's mid-period, a stock's end): its panel of the small multiples.
        public var history: [(t: Double, value: Double)] = []

        /// Places moved up since the previous period (negative: down).
        public var rankChange: Int? { rank.flatMap { r in previousRank.map { $0 - r } } }
    }

    /// A parent's group: its entities of one level.
    public struct Group: Sendable {
        /// The parent (nil: entities without a parent, e.g. the provinces).
        public var parent: Entity?
        /// The parent's figure, and which figure it is.
        public var parentFigure: ParentFigure?
        /// The parent's own observation in the compared period, if any.
        public var parentObservation: Observation?
        /// The parent's target and the gap table's forecast of it, if the parent has one.
        public var parentTarget: Target?
        /// The parent's forecast to its target year.
        public var parentForecast: Forecast?
        /// Rows, best first; rows of another period last.
        public var rows: [Row]
        /// The compared period and the one before it.
        public var period: Period
        /// The previous period (nil at the first).
        public var previousPeriod: Period?
        /// The parent's gap to its target (percentage points, or the count), when contributions were counted.
        public var parentGap: Double?
        /// The entities already past the parent's target, with how far past (in the units of the
        /// contributions): why the contributions add up to more than the parent's gap.
        public var pastTarget: [(entity: Entity, amount: Double)] = []
        /// Whether the parent's own 80 % range at its target year misses the range its entities'
        /// 10 % and 90 % quantiles add up to (weighted by denominators for a share): the two are
        /// separate forecasts of one quantity. Nil when it could not be checked.
        public var disagreement: (parent: (Double, Double), entities: (Double, Double))?

        /// The rows that hold the parent back most (largest contributions first, at most three).
        public var largestContributions: [Row] {
            Array(rows.filter { ($0.contribution?.points ?? 0) > 0 }
                .sorted { ($0.contribution?.points ?? 0, $1.entity.id) > ($1.contribution?.points ?? 0, $0.entity.id) }.prefix(3))
        }
    }

    /// The indicator.
    public var indicator: Indicator
    /// The level compared.
    public var level: Entity.Level
    /// The groups, one per parent, in the dataset's order of parents.
    public var groups: [Group]
    /// How the indicator's values are written.
    public var style: ValueStyle

    /// The comparisons of `indicator`: one per level with at least `minimumEntities` entities under
    /// one parent at a common period, in the order province, district, department.
    ///
    /// - Throws: ``ReportError/unknownIndicator(_:)``; ``ReportError/noData(indicator:period:)``
    ///   when no level has two entities with data (or none in `period`).
    public static func build(_ data: Dataset, indicator id: String, period: Period? = nil, minimumEntities: Int = 2,
                             intervals: IntervalMethod = .calibrated, calibration: CalibrationTable? = nil) throws(ReportError) -> [EntityComparison] {
        guard data.indicators.contains(where: { $0.id == id }) else { throw .unknownIndicator(id) }
        var groups = ReportPanel(data, intervals: intervals, calibration: calibration)
        let gaps = GapTable.build(data, groups: &groups, years: nil, entities: nil, indicators: [id], statuses: nil, progress: nil)
        groups.build([id])
        let made = build(data, groups: groups, gaps: gaps.rows, targets: data.targets.filter { $0.indicator == id }, indicator: id, period: period, minimumEntities: minimumEntities)
        guard !made.isEmpty else { throw .noData(indicator: id, period: period?.description ?? "any") }
        return made
    }

    /// ``build(_:indicator:period:minimumEntities:intervals:calibration:)`` with the report's groups
    /// and gap rows (an own target's forecast is read from its gap row, not made again).
    /// The indicator's ``PeerGroup`` is expected built in `groups` (one is made here if not);
    /// `gaps` and `targets` are the indicator's (others are ignored).
    static func build(_ data: Dataset, groups: ReportPanel, gaps: [GapRow], targets: [Target], indicator id: String, period: Period?,
                      minimumEntities: Int) -> [EntityComparison] {
        guard let position = groups.index.indicatorPosition(id) else { return [] }
        let indicator = data.indicators[position], index = groups.index
        func entityPosition(_ id: String) -> Int? { index.entityPosition(id) }
        // Each entity's series, oldest first (its first observation in a period is the file's first).
        var series: [String: [Observation]] = [:]
        for entity in data.entities {
            // A period's first observation is kept (a series is a handful of periods: a scan, not a hash).
            var once: [Observation] = []
            for k in index.series(indicator: id, entity: entity.id) {
                let o = data.observations[Int(k)]
                if !once.contains(where: { $0.period == o.period }) { once.append(o) }
            }
            if !once.isEmpty { series[entity.id] = once }
        }
        let targets = Dictionary(grouping: targets.filter { $0.indicator == id }, by: \.entity)
        let gapRows = Dictionary(gaps.filter { $0.indicator.id == id }.map { (Key($0.target), $0) }, uniquingKeysWith: { a, _ in a })
        let intensive = indicator.kind == .share || indicator.kind == .score
        let measure = indicator.measure
        let shared = groups

        /// The entity's nearest target: the first not yet past (earliest year), else the latest.
        func nearestTarget(_ entity: String, after year: Int) -> Target? {
            let own = targets[entity] ?? []
            return own.filter { $0.year >= year }.min { ($0.year, $0.value) < ($1.year, $1.value) } ?? own.max { $0.year < $1.year }
        }
        /// The gap table's forecast of a target, else one made the same way.
        func assessed(_ target: Target, _ entity: Entity) -> GapRow? {
            if let row = gapRows[Key(target)] { return row }
            guard let member = entityPosition(entity.id) else { return nil }
            return GapTable.row(target, indicator: indicator, entity: entity, member: member, data: data, groups: shared)
        }

        var out: [EntityComparison] = []
        for level in Entity.Level.allCases {
            var parents: [String?] = [], members: [String?: [Entity]] = [:]
            for entity in data.entities where entity.level == level && series[entity.id] != nil {
                if members[entity.parent] == nil { parents.append(entity.parent) }
                members[entity.parent, default: []].append(entity)
            }
            var made: [Group] = []
            for parentId in parents {
                guard let entities = members[parentId], entities.count >= 2 else { continue }
                // The periods with at least `minimumEntities` of the group, oldest first.
                var count: [Period: Int] = [:]
                for e in entities { for o in series[e.id] ?? [] { count[o.period, default: 0] += 1 } }
                let common = count.filter { $0.value >= max(2, minimumEntities) }.keys.sorted { $0.time(measure: measure) < $1.time(measure: measure) }
                let chosen: Period
                if let period {
                    guard count[period, default: 0] >= 2 else { continue }
                    chosen = period
                } else {
                    guard let last = common.last else { continue }
                    chosen = last
                }
                let tChosen = chosen.time(measure: measure)
                let previousPeriod = common.last { $0.time(measure: measure) < tChosen }
                let parent = parentId.flatMap { entityPosition($0) }.map { data.entities[$0] }
                var rows: [Row] = []
                for entity in entities {
                    let s = series[entity.id] ?? []
                    guard let k = s.lastIndex(where: { $0.period.time(measure: measure) <= tChosen }) else { continue }
                    let o = s[k], prev = k > 0 ? s[k - 1] : nil
                    var row = Row(entity: entity, observation: o, otherPeriod: o.period != chosen, rank: nil, previousRank: nil, previous: prev,
                                  change: nil, changePerYear: nil, differenceToParent: nil, target: nil, targetIsParents: false, gap: nil,
                                  forecast: nil, status: nil, contribution: nil, atParentYear: nil,
                                  history: s[...k].map { (t: $0.period.time(measure: measure), value: $0.value) })
                    if let prev, Self.comparable(prev.period, o.period, indicator) {
                        row.change = o.value - prev.value
                        // Per year only over a year or more: a change between windows weeks apart,
                        // scaled to a year, would be a pace no one observed.
                        let years = o.period.time(measure: measure) - prev.period.time(measure: measure)
                        if years >= 0.99 { row.changePerYear = (o.value - prev.value) / years }
                    }
                    rows.append(row)
                }
                guard rows.filter({ !$0.otherPeriod }).count >= 2 else { continue }
                Self.rank(&rows, direction: indicator.direction)
                if let previousPeriod {
                    let earlier = rows.compactMap { r in series[r.entity.id]?.first { $0.period == previousPeriod }.map { (r.entity.id, $0.value) } }
                    let places = Self.places(earlier.map(\.1), direction: indicator.direction)
                    let previousRanks = Dictionary(zip(earlier.map(\.0), places), uniquingKeysWith: { a, _ in a })
                    for k in rows.indices where !rows[k].otherPeriod { rows[k].previousRank = previousRanks[rows[k].entity.id] }
                }
                let ranked = rows.filter { !$0.otherPeriod }
                let parentObservation = parent.flatMap { p in series[p.id]?.first { $0.period == chosen } }
                let figure = Self.parentFigure(parentObservation, ranked, indicator)
                if let figure {
                    for k in rows.indices { rows[k].differenceToParent = rows[k].observation.value - figure.value }
                }
                var group = Group(parent: parent, parentFigure: figure, parentObservation: parentObservation, parentTarget: nil, parentForecast: nil, rows: rows, period: chosen,
                                  previousPeriod: previousPeriod, parentGap: nil, disagreement: nil)
                if let parent, let t = nearestTarget(parent.id, after: chosen.year) {
                    group.parentTarget = t
                    group.parentForecast = assessed(t, parent)?.forecast
                }
                for k in group.rows.indices {
                    let entity = group.rows[k].entity
                    var target = nearestTarget(entity.id, after: chosen.year)
                    if target == nil, intensive, let t = group.parentTarget {
                        target = Target(indicator: id, entity: entity.id, year: t.year, value: t.value, comparator: t.comparator, source: t.source)
                        group.rows[k].targetIsParents = true
                    }
                    guard let target else { continue }
                    group.rows[k].target = target
                    let v = group.rows[k].observation.value
                    group.rows[k].gap = target.comparator == .atLeast ? target.value - v : v - target.value
                    if let row = assessed(target, entity) {
                        group.rows[k].forecast = row.forecast
                        group.rows[k].status = row.status
                    }
                }
                if let t = group.parentTarget {
                    for k in group.rows.indices where !group.rows[k].otherPeriod {
                        if let p = group.rows[k].forecast?.projections.first, p.year == t.year {
                            group.rows[k].atParentYear = p
                        } else if let member = entityPosition(group.rows[k].entity.id) {
                            group.rows[k].atParentYear = try? shared.forecaster.forecast(id, member: member, years: [t.year]).forecast.projections.first
                        }
                    }
                }
                Self.contributions(&group, indicator: indicator)
                Self.agreement(&group, indicator: indicator)
                made.append(group)
            }
            guard !made.isEmpty else { continue }
            let values = made.flatMap { $0.rows.map(\.observation.value) + [$0.parentFigure?.value].compactMap { $0 } }
            out.append(EntityComparison(indicator: indicator, level: level, groups: made, style: ValueStyle(indicator, values: values)))
        }
        return out
    }

    /// A target's identity (a gap row is found by it).
    struct Key: Hashable {
        let entity: String, year: Int, value: Double, atLeast: Bool
        init(_ t: Target) { (entity, year, value, atLeast) = (t.entity, t.year, t.value, t.comparator == .atLeast) }
        init(_ row: GapRow) { self.init(row.target) }
    }

    /// Whether two periods' values can be subtracted: always for a level (a share, a score, a rank,
    /// a stock), and for a flow count or amount only over periods of the same length (dossiers of
    /// a 10-day window are not fewer than those of a month).
    static func comparable(_ a: Period, _ b: Period, _ indicator: Indicator) -> Bool {
        guard indicator.measure == .flow, indicator.kind == .count || indicator.kind == .amount else { return true }
        guard let sa = a.span.start, let sb = b.span.start else { return false }
        return abs((a.span.end - sa) - (b.span.end - sb)) < 1.5 / 365
    }

    /// Competition places of `values` (1 is best; equal values share the best place).
    static func places(_ values: [Double], direction: Indicator.Direction) -> [Int] {
        values.map { v in 1 + values.filter { direction == .up ? $0 > v : $0 < v }.count }
    }

    /// Ranks the rows of the compared period and sorts them best first (ties by name), rows of
    /// another period last (by value, best first).
    static func rank(_ rows: inout [Row], direction: Indicator.Direction) {
        let ranked = rows.indices.filter { !rows[$0].otherPeriod }
        for (k, place) in zip(ranked, places(ranked.map { rows[$0].observation.value }, direction: direction)) { rows[k].rank = place }
        func better(_ a: Double, _ b: Double) -> Bool { direction == .up ? a > b : a < b }
        rows.sort { a, b in
            if a.otherPeriod != b.otherPeriod { return !a.otherPeriod }
            if a.observation.value != b.observation.value { return better(a.observation.value, b.observation.value) }
            return a.entity.nameVi < b.entity.nameVi
        }
    }

    /// The parent's own value in the period, else the aggregate its ranked entities allow.
    static func parentFigure(_ own: Observation?, _ ranked: [Row], _ indicator: Indicator) -> ParentFigure? {
        if let own { return .own(own.value) }
        switch indicator.kind {
        case .share:
            let counted = ranked.compactMap { r -> (Double, Double)? in
                guard let n = r.observation.numerator, let d = r.observation.denominator, d > 0 else { return nil }
                return (n, d)
            }
            guard counted.count == ranked.count, !counted.isEmpty else { return nil }
            let d = counted.reduce(0) { $0 + $1.1 }
            return .weighted(100 * counted.reduce(0) { $0 + $1.0 } / d, entities: counted.count)
        case .count, .amount:
            return .sum(ranked.reduce(0) { $0 + $1.observation.value }, entities: ranked.count)
        case .score:
            return .mean(ranked.reduce(0) { $0 + $1.observation.value } / Double(ranked.count), entities: ranked.count)
        case .rank:
            return nil
        }
    }
}
