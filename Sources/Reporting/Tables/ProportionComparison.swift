import Foundation
import Indicators
import Statistics

/// Two windows of a share with counts, per entity: Wilson 95 % intervals and whether the change is
/// distinguishable from noise (Newcombe's 95 % interval for the difference excludes 0).
public struct ProportionComparison: Sendable {
    /// The indicator.
    public var indicator: Indicator
    /// The earlier and later windows.
    public var windows: (Period, Period)
    /// One row per entity with counts in both windows.
    public var rows: [(entity: Entity, first: Observation, second: Observation)]

    /// Builds the comparison (default windows: the last two periods with counts for at least two entities).
    public static func build(_ data: Dataset, indicator id: String, periods: (Period, Period)? = nil) throws(ReportError) -> ProportionComparison {
        try build(data, index: ObservationIndex(data), indicator: id, periods: periods)
    }

    /// ``build(_:indicator:periods:)`` through an index of the dataset.
    static func build(_ data: Dataset, index: ObservationIndex, indicator id: String, periods: (Period, Period)? = nil) throws(ReportError) -> ProportionComparison {
        guard let indicator = index.indicatorPosition(id).map({ data.indicators[$0] }) else { throw .unknownIndicator(id) }
        func counted(_ o: Observation) -> Bool { o.numerator != nil && (o.denominator ?? 0) > 0 }
        var perPeriod: [Period: Int] = [:]
        for k in index.observations(indicator: id) where counted(data.observations[Int(k)]) {
            perPeriod[data.observations[Int(k)].period, default: 0] += 1
        }
        let ordered = perPeriod.filter { $0.value >= 2 }.keys.sorted { $0.time(measure: indicator.measure) < $1.time(measure: indicator.measure) }
        let windows: (Period, Period)
        if let periods { windows = periods } else {
            guard ordered.count >= 2 else { throw .noCounts(id) }
            windows = (ordered[ordered.count - 2], ordered[ordered.count - 1])
        }
        var rows: [(entity: Entity, first: Observation, second: Observation)] = []
        for entity in data.entities {
            // The series is oldest first and in file order within a period: its first match is the file's first.
            let series = index.series(indicator: id, entity: entity.id).lazy.map { data.observations[Int($0)] }.filter(counted)
            guard let a = series.first(where: { $0.period == windows.0 }),
                  let b = series.first(where: { $0.period == windows.1 }) else { continue }
            rows.append((entity, a, b))
        }
        guard !rows.isEmpty else { throw .noData(indicator: id, period: "\(windows.0) and \(windows.1)") }
        return ProportionComparison(indicator: indicator, windows: windows, rows: rows)
    }

    /// The table for the renderers.
    public func table() -> ReportTable {
        let (w1, w2) = (windows.0.description, windows.1.description)
        let columns: [ReportTable.Column] = [
            .init(key: "entity", vi: "Đơn vị", en: "Entity", format: .text),
            .init(key: "entity_name", vi: "Tên đơn vị", en: "Entity name", format: .text, isName: true),
            .init(key: "numerator_1", vi: "Tử số \(w1)", en: "Numerator \(w1)", format: .integer),
            .init(key: "denominator_1", vi: "Mẫu số \(w1)", en: "Denominator \(w1)", format: .integer),
            .init(key: "rate_1", vi: "Tỷ lệ \(w1)", en: "Rate \(w1)", format: .percent(decimals: 1)),
            .init(key: "wilson_lower_1", vi: "Wilson thấp \(w1)", en: "Wilson low \(w1)", format: .percent(decimals: 1)),
            .init(key: "wilson_upper_1", vi: "Wilson cao \(w1)", en: "Wilson high \(w1)", format: .percent(decimals: 1)),
            .init(key: "numerator_2", vi: "Tử số \(w2)", en: "Numerator \(w2)", format: .integer),
            .init(key: "denominator_2", vi: "Mẫu số \(w2)", en: "Denominator \(w2)", format: .integer),
            .init(key: "rate_2", vi: "Tỷ lệ \(w2)", en: "Rate \(w2)", format: .percent(decimals: 1)),
            .init(key: "wilson_lower_2", vi: "Wilson thấp \(w2)", en: "Wilson low \(w2)", format: .percent(decimals: 1)),
            .init(key: "wilson_upper_2", vi: "Wilson cao \(w2)", en: "Wilson high \(w2)", format: .percent(decimals: 1)),
            .init(key: "change", vi: "Thay đổi (điểm %)", en: "Change (pp)", format: .number(decimals: 1)),
            .init(key: "change_lower", vi: "Thay đổi thấp 95", en: "Change lo 95", format: .number(decimals: 1)),
            .init(key: "change_upper", vi: "Thay đổi cao 95", en: "Change hi 95", format: .number(decimals: 1)),
            .init(key: "distinguishable", vi: "Khác biệt có ý nghĩa", en: "Beyond noise", format: .text),
        ]
        let rows: [[ReportTable.Cell]] = rows.map { r in
            let (n1, d1) = (r.first.numerator ?? 0, r.first.denominator ?? 0), (n2, d2) = (r.second.numerator ?? 0, r.second.denominator ?? 0)
            let w1 = Proportions.wilson(successes: n1, trials: d1), w2 = Proportions.wilson(successes: n2, trials: d2)
            let diff = Proportions.newcombeDifference(successes1: n1, trials1: d1, successes2: n2, trials2: d2)
            let beyond = diff.map { $0.lower > 0 || $0.upper < 0 }
            return [
                .text(r.entity.id), .text(r.entity.nameVi),
                .number(n1), .number(d1), .number(100 * n1 / d1), .number(w1.map { 100 * $0.lower }), .number(w1.map { 100 * $0.upper }),
                .number(n2), .number(d2), .number(100 * n2 / d2), .number(w2.map { 100 * $0.lower }), .number(w2.map { 100 * $0.upper }),
                .number(diff.map { 100 * $0.difference }), .number(diff.map { 100 * $0.lower }), .number(diff.map { 100 * $0.upper }),
                beyond.map { .phrase(Words.yesNo($0)) } ?? .text(""),
            ]
        }
        // Both windows side by side, the earlier first.
        func rate(_ o: Observation) -> Double? { o.denominator.flatMap { $0 > 0 ? 100 * (o.numerator ?? 0) / $0 : nil } }
        let chart = BarChart(title: Phrase(vi: "\(indicator.nameVi): \(w1) và \(w2)", en: "\(indicator.nameEn): \(w1) vs \(w2)"),
                             groups: [Phrase(vi: w1, en: w1), Phrase(vi: w2, en: w2)],
                             bars: self.rows.map { (Phrase(vi: $0.entity.nameVi, en: $0.entity.nameEn), [rate($0.first), rate($0.second)]) },
                             maximum: 100, unit: .percent)
        return ReportTable(id: "comparison-\(indicator.id)", titleVi: "So sánh \(indicator.nameVi): \(w1) và \(w2)",
                           titleEn: "Comparison: \(indicator.nameEn), \(w1) vs \(w2)", columns: columns, rows: rows, charts: [.bars(chart)],
                           sheetVi: "So sánh \(ReportTable.shortName(indicator.nameVi))", sheetEn: "Compare \(ReportTable.shortName(indicator.nameEn))")
    }
}
