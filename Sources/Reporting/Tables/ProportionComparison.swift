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
        // Columns name the windows "đợt 1" / "window 1"; the title says which periods they are.
        let (w1, w2) = (Words.period(windows.0), Words.period(windows.1))
        func column(_ key: String, _ vi: String, _ en: String, _ k: Int, _ format: ReportTable.Format) -> ReportTable.Column {
            .init(key: "\(key)_\(k)", vi: "\(vi) đợt \(k)", en: "\(en), window \(k)", format: format)
        }
        var columns: [ReportTable.Column] = [
            .entity,
            .entityName,
        ]
        for k in 1...2 {
            columns += [
                column("numerator", "Tử số", "Numerator", k, .integer), column("denominator", "Mẫu số", "Denominator", k, .integer),
                column("rate", "Tỷ lệ", "Rate", k, .percent(decimals: 1)), column("wilson_lower", "Wilson thấp", "Wilson low", k, .percent(decimals: 1)),
                column("wilson_upper", "Wilson cao", "Wilson high", k, .percent(decimals: 1)),
            ]
        }
        columns += [
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
                .text(r.entity.id), .phrase(Words.name(r.entity)),
                .number(n1), .number(d1), .number(100 * n1 / d1), .number(w1.map { 100 * $0.lower }), .number(w1.map { 100 * $0.upper }),
                .number(n2), .number(d2), .number(100 * n2 / d2), .number(w2.map { 100 * $0.lower }), .number(w2.map { 100 * $0.upper }),
                .number(diff.map { 100 * $0.difference }), .number(diff.map { 100 * $0.lower }), .number(diff.map { 100 * $0.upper }),
                beyond.map { .phrase(Words.yesNo($0)) } ?? .text(""),
            ]
        }
        // Both windows side by side, the earlier first, named as the columns name them.
        func rate(_ o: Observation) -> Double? { o.denominator.flatMap { $0 > 0 ? 100 * (o.numerator ?? 0) / $0 : nil } }
        let chart = BarChart(title: Words.name(indicator),
                             groups: [(1, w1), (2, w2)].map { k, w in Phrase(vi: "Đợt \(k) (\(w.vi))", en: "Window \(k) (\(w.en))") },
                             bars: self.rows.map { (Words.name($0.entity), [rate($0.first), rate($0.second)]) },
                             maximum: 100, unit: .percent)
        return ReportTable(id: "comparison-\(indicator.id)", titleVi: "So sánh \(indicator.nameVi): đợt 1 (\(w1.vi)) và đợt 2 (\(w2.vi))",
                           titleEn: "Comparison: \(indicator.nameEn), window 1 (\(w1.en)) vs window 2 (\(w2.en))", columns: columns, rows: rows, charts: [.bars(chart)],
                           sheetVi: "So sánh \(ReportTable.shortName(indicator.nameVi))", sheetEn: "Compare \(ReportTable.shortName(indicator.nameEn))")
    }
}
