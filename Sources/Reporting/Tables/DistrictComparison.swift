import Foundation
import Indicators
import Statistics

/// Comparison of entities on an indicator made of parts (the DTI total and its pillars).
///
/// Ranks are recomputed from the published totals (higher is better; ties share the best rank) and
/// set beside the published ranks; totals are recomputed from the parts; "available" points are a
/// part's maximum minus its score, and each entity's best gains are its three parts with the most
/// points still available.
public struct DistrictComparison: Sendable {
    /// One entity.
    public struct Row: Sendable {
        /// The entity.
        public var entity: Entity
        /// Published total.
        public var total: Double
        /// Sum of the parts (nil if a part is missing).
        public var recomputedTotal: Double?
        /// Published rank, if any.
        public var publishedRank: Double?
        /// Rank recomputed from the totals.
        public var rank: Int
        /// Part scores by part id (missing parts absent).
        public var parts: [String: Double]
        /// Leader's total minus this total.
        public var gapToLeader: Double
        /// Mean total minus this total (positive: below the mean).
        public var gapToMean: Double
        /// Total as a percentage of the maximum (nil without a maximum).
        public var percentOfMaximum: Double?
        /// The parts with the most points still available, best first.
        public var bestGains: [(part: String, points: Double)]
    }

    /// The total indicator.
    public var indicator: Indicator
    /// Its parts, in file order.
    public var parts: [Indicator]
    /// The period compared.
    public var period: Period
    /// Rows by recomputed rank.
    public var rows: [Row]
    /// How the total's and the parts' values are written (as the compared values are).
    public var style: ValueStyle

    /// Builds the comparison for `indicator` in `period` (default: the latest period with at least two entities).
    ///
    /// - Throws: ``ReportError`` for an unknown indicator or a period without data.
    public static func build(_ data: Dataset, indicator id: String, period: Period? = nil) throws(ReportError) -> DistrictComparison {
        try build(data, index: ObservationIndex(data), indicator: id, period: period)
    }

    /// ``build(_:indicator:period:)`` through an index of the dataset.
    static func build(_ data: Dataset, index: ObservationIndex, indicator id: String, period: Period? = nil) throws(ReportError) -> DistrictComparison {
        guard let total = index.indicatorPosition(id).map({ data.indicators[$0] }) else { throw .unknownIndicator(id) }
        let parts = data.indicators.filter { $0.parent == id }
        let rankIndicator = data.indicators.first { $0.ranks == id }
        // Series by series, each oldest first and in file order within a period: the first of an
        // entity in a period is its first in the file.
        let all = index.observations(indicator: id).map { data.observations[Int($0)] }
        let byPeriod = Dictionary(grouping: all, by: \.period)
        let chosen: Period
        if let period {
            guard byPeriod[period] != nil else { throw .noData(indicator: id, period: period.description) }
            chosen = period
        } else {
            let candidates = byPeriod.filter { $0.value.count >= 2 }.keys.sorted { $0.time(measure: total.measure) < $1.time(measure: total.measure) }
            guard let last = candidates.last ?? byPeriod.keys.first else { throw .noData(indicator: id, period: "any") }
            chosen = last
        }
        var latestByEntity: [String: Observation] = [:]
        for o in byPeriod[chosen] ?? [] where latestByEntity[o.entity] == nil { latestByEntity[o.entity] = o }
        /// The first value of `indicator` for `entity` in the chosen period.
        func value(_ indicator: String, _ entity: String) -> Double? {
            index.series(indicator: indicator, entity: entity).lazy.map { data.observations[Int($0)] }.first { $0.period == chosen }?.value
        }
        // In entity order, so that the mean is the same to the last bit on every run.
        let totals = latestByEntity.keys.sorted().compactMap { latestByEntity[$0]?.value }
        let sortedTotals = totals.sorted()
        let leader = totals.max() ?? 0
        let mean = totals.isEmpty ? 0 : totals.reduce(0, +) / Double(totals.count)
        var rows: [Row] = []
        for (entityId, o) in latestByEntity {
            guard let entity = index.entityPosition(entityId).map({ data.entities[$0] }) else { continue }
            var scores: [String: Double] = [:]
            for part in parts {
                if let v = value(part.id, entityId) { scores[part.id] = v }
            }
            let recomputed = scores.count == parts.count && !parts.isEmpty ? parts.reduce(0) { $0 + (scores[$1.id] ?? 0) } : nil
            let published = rankIndicator.flatMap { r in value(r.id, entityId) }
            let gains = parts.enumerated().compactMap { k, p -> (part: String, points: Double, order: Int)? in
                guard let s = scores[p.id], let u = p.upper else { return nil }
                return (p.id, u - s, k)
            }.sorted { ($0.points, -$0.order) > ($1.points, -$1.order) }.map { (part: $0.part, points: $0.points) }
            // Totals above this one: past the last total ≤ it.
            var lo = 0, hi = sortedTotals.count
            while lo < hi { let m = (lo + hi) / 2; if sortedTotals[m] <= o.value { lo = m + 1 } else { hi = m } }
            rows.append(Row(
                entity: entity, total: o.value, recomputedTotal: recomputed, publishedRank: published,
                rank: sortedTotals.count - lo + 1, parts: scores, gapToLeader: leader - o.value,
                gapToMean: mean - o.value, percentOfMaximum: total.upper.map { 100 * o.value / $0 }, bestGains: Array(gains.prefix(3))))
        }
        rows.sort { ($0.rank, $0.entity.id) < ($1.rank, $1.entity.id) }
        let style = ValueStyle(total, values: rows.flatMap { [$0.total] + $0.parts.values })
        return DistrictComparison(indicator: total, parts: parts, period: chosen, rows: rows, style: style)
    }

    /// The table for the renderers.
    public func table() -> ReportTable {
        var columns: [ReportTable.Column] = [
            .entity,
            .entityName,
            .init(key: "total", vi: "Tổng điểm", en: "Total", format: .number(decimals: 2), measured: .value),
            .init(key: "total_recomputed", vi: "Tổng tính lại", en: "Total recomputed", format: .number(decimals: 2), measured: .value),
            .init(key: "rank", vi: "Hạng tính lại", en: "Rank (recomputed)", format: .integer),
            .init(key: "rank_published", vi: "Hạng công bố", en: "Rank (published)", format: .integer),
            .init(key: "check", vi: "Kiểm tra", en: "Check", format: .text),
            .init(key: "percent_of_max", vi: "% điểm tối đa", en: "% of maximum", format: .percent(decimals: 1)),
            .init(key: "gap_to_leader", vi: "Cách dẫn đầu", en: "Gap to leader", format: .number(decimals: 2), measured: .difference),
            .init(key: "gap_to_mean", vi: "Cách trung bình", en: "Gap to mean", format: .number(decimals: 2), measured: .difference),
        ]
        for p in parts {
            columns.append(.init(key: p.id, vi: p.nameVi, en: p.nameEn, format: .number(decimals: 2), measured: .value))
            columns.append(.init(key: "\(p.id)_available", vi: "\(p.nameVi): còn", en: "\(p.nameEn): available", format: .number(decimals: 2), measured: .value))
        }
        columns.append(.init(key: "best_gains", vi: "Dư địa lớn nhất", en: "Most points available", format: .text))
        let names = Dictionary(parts.map { ($0.id, Words.name($0)) }, uniquingKeysWith: { a, _ in a })
        let rows: [[ReportTable.Cell]] = rows.map { r in
            var checks: [Phrase] = []
            if let p = r.publishedRank, Int(p) != r.rank {
                checks.append(Phrase(vi: "hạng công bố \(Int(p)) ≠ \(r.rank)", en: "published rank \(Int(p)) ≠ \(r.rank)"))
            }
            if let t = r.recomputedTotal, abs(t - r.total) > 0.015 {
                checks.append(Phrase(vi: "tổng ≠ tổng các thành phần (\(NumberText.plain(t, decimals: 2, .vi)))",
                                     en: "total ≠ sum of parts (\(NumberText.plain(t, decimals: 2, .en)))"))
            }
            var cells: [ReportTable.Cell] = [
                .text(r.entity.id), .phrase(Words.name(r.entity)), .number(r.total), .number(r.recomputedTotal), .number(Double(r.rank)),
                .number(r.publishedRank), Phrase.joined(checks).map { .phrase($0) } ?? .text(""), .number(r.percentOfMaximum),
                .number(r.gapToLeader), .number(r.gapToMean),
            ]
            for p in parts {
                cells.append(.number(r.parts[p.id]))
                cells.append(.number(r.parts[p.id].flatMap { s in p.upper.map { $0 - s } }))
            }
            let gains = r.bestGains.map { g in
                Phrase(vi: "\(names[g.part]?.vi ?? g.part) (+\(NumberText.plain(g.points, decimals: 2, .vi)))",
                       en: "\(names[g.part]?.en ?? g.part) (+\(NumberText.plain(g.points, decimals: 2, .en)))")
            }
            cells.append(Phrase.joined(gains).map { .phrase($0) } ?? .text(""))
            return cells
        }
        let chart = BarChart(title: Phrase(vi: "\(indicator.nameVi), \(Words.period(period).vi)", en: "\(indicator.nameEn), \(Words.period(period).en)"),
                             groups: [Phrase(vi: "Tổng điểm công bố, \(Words.period(period).vi)", en: "Published total, \(Words.period(period).en)")],
                             bars: self.rows.map { (Words.name($0.entity), [$0.total]) },
                             maximum: indicator.upper, unit: indicator.unit)
        var table = ReportTable(id: "comparison-\(indicator.id)-\(period.description.replacingOccurrences(of: "/", with: "_"))",
                           titleVi: "So sánh \(indicator.nameVi), \(Words.period(period).vi)",
                           titleEn: "Comparison: \(indicator.nameEn), \(Words.period(period).en)",
                           columns: columns, rows: rows, charts: [.bars(chart)],
                           sheetVi: "So sánh \(ReportTable.shortName(indicator.nameVi)) \(period)",
                           sheetEn: "Compare \(ReportTable.shortName(indicator.nameEn)) \(period)",
                           rowUnits: Array(repeating: .init(style), count: rows.count))
        // On a page: the totals and ranks, then the parts (score and points still available) five at a time.
        let firstPart = columns.firstIndex { $0.key == parts.first?.id }
        table.partBreaks = firstPart.map { Array(stride(from: $0, to: columns.count - 1, by: 10)) } ?? []
        return table
    }
}

/// Problems building a report, one line each.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such indicator.
    case unknownIndicator(String)
    /// No observations of the indicator in the period.
    case noData(indicator: String, period: String)
    /// The indicator has no counts to compare as proportions.
    case noCounts(String)

    /// One line.
    public var description: String {
        switch self {
        case let .unknownIndicator(id): "no indicator \"\(id)\""
        case let .noData(id, period): "indicator \(id) has no observations for period \(period)"
        case let .noCounts(id): "indicator \(id) has no parts and no counts to compare"
        }
    }
}
