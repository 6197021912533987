import Forecasting
import Foundation
import Indicators

/// One row of the gap-to-target table: where an indicator is, where the plan wants it, and whether
/// the current pace gets it there.
public struct GapRow: Sendable {
    /// The target.
    public var target: Target
    /// The indicator.
    public var indicator: Indicator
    /// The entity.
    public var entity: Entity
    /// The latest observation, if any.
    public var latest: Observation?
    /// Target minus latest value, signed so that positive means still to go (nil without data).
    public var gap: Double?
    /// `gap` relative to the target value (nil for a rank: its gap is in places).
    public var relativeGap: Double?
    /// The forecast at the target year (nil when none could be made).
    public var forecast: Forecast?
    /// The status (from the forecast's target assessment; or insufficient data, achieved or, for a
    /// past target year, missed).
    public var status: TargetAssessment.Status
    /// Why there is no forecast, if there is none, or how the row was judged.
    public var remark: Remark?

    /// What a reader should know about a row (worded by ``Words/remark(_:)``).
    public enum Remark: Sendable, Equatable {
        /// The entity has no observation of the indicator.
        case noObservation
        /// The data already reach the target year: the status is read off the value of the target
        /// year (the observation of that period, and its value).
        case judgedOnTargetYear(Period, value: Double)
        /// The data pass the target year without an observation in it: the status is read off the
        /// observation nearest the target's time (this one, and its value).
        case judgedOnNearest(Period, value: Double)
        /// No forecast could be made.
        case noForecast(ForecastError)
        /// The status (from the pace) and P(meet) (from the forecast) point different ways.
        case statusDisagreesWithPMeet
    }
    /// The fan chart of the series and its projection to the target year.
    public var chart: FanChart?
    /// How the indicator's values are written (every number of the row shares its decimals).
    public var style: ValueStyle
    /// The document that set the target (nil when the dataset does not list it).
    public var targetSource: Source?

    /// The projection at the target year.
    public var projection: Projection? { forecast?.projections.first }
}

/// The gap-to-target table (DESIGN.md "Reporting").
public struct GapTable: Sendable {
    /// Rows, most at risk first.
    public var rows: [GapRow]

    /// The order of statuses from most to least at risk (the table's sort order).
    public static let riskOrder: [TargetAssessment.Status] = [.missed, .movingAway, .offTrack, .needsAcceleration, .insufficientData, .onTrack, .achieved]

    /// Builds the table for every target of the dataset that passes the filters.
    ///
    /// Each row forecasts its series with the calibrated default (a series of one point borrows the
    /// trend of the indicator's other entities up to that point) at the target year; with
    /// `intervals: .model`, the textbook selection, residual variance pooled across the indicator's
    /// entities where a series has < 2 df. A target without observations, or whose year the data
    /// already reach, gets a status without a projection and says why.
    public static func build(
        _ data: Dataset, years: Set<Int>? = nil, entities: Set<String>? = nil, indicators: Set<String>? = nil,
        statuses: Set<TargetAssessment.Status>? = nil, intervals: IntervalMethod = .calibrated,
        calibration: CalibrationTable? = nil, progress: ((Int, Int) -> Void)? = nil
    ) -> GapTable {
        var groups = ReportPanel(data, intervals: intervals, calibration: calibration)
        return build(data, groups: &groups, years: years, entities: entities, indicators: indicators, statuses: statuses,
                     progress: progress)
    }

    /// ``build(_:years:entities:indicators:statuses:intervals:calibration:progress:)`` on a report's
    /// panel (its series fitted once, shared with the projections and comparisons).
    static func build(
        _ data: Dataset, groups: inout ReportPanel, years: Set<Int>?, entities: Set<String>?, indicators: Set<String>?,
        statuses: Set<TargetAssessment.Status>?, progress: ((Int, Int) -> Void)?
    ) -> GapTable {
        let targets = data.targets.filter { t in
            (years?.contains(t.year) ?? true) && (entities?.contains(t.entity) ?? true) && (indicators?.contains(t.indicator) ?? true)
        }
        // Each indicator's group is built first; then the rows are forecast on all cores, a block of
        // targets at a time, with `progress` called for each target in order between blocks.
        var positions: [(target: Target, indicator: Int, entity: Int)?] = []
        for target in targets {
            guard let i = groups.index.indicatorPosition(target.indicator), let e = groups.index.entityPosition(target.entity) else {
                positions.append(nil)
                continue
            }
            positions.append((target, i, e))
        }
        groups.build(positions.compactMap { $0?.target.indicator })
        let shared = groups
        var rows: [GapRow] = []
        let block = 512
        for start in stride(from: 0, to: positions.count, by: block) {
            let slice = Array(positions[start..<min(start + block, positions.count)])
            let made = Parallel.map(slice) { p -> GapRow? in
                guard let p else { return nil }
                return row(p.target, indicator: data.indicators[p.indicator], entity: data.entities[p.entity], member: p.entity, data: data,
                           groups: shared)
            }
            for (k, r) in made.enumerated() {
                progress?(start + k + 1, targets.count)
                if let r = r ?? nil { rows.append(r) }
            }
        }
        if let statuses { rows = rows.filter { statuses.contains($0.status) } }
        rows = rows.enumerated().sorted { a, b in
            let ra = riskOrder.firstIndex(of: a.element.status) ?? 0, rb = riskOrder.firstIndex(of: b.element.status) ?? 0
            if ra != rb { return ra < rb }
            let pa = a.element.forecast?.target?.pMeet ?? 2, pb = b.element.forecast?.target?.pMeet ?? 2
            if pa != pb { return pa < pb }
            return a.offset < b.offset
        }.map(\.element)
        return GapTable(rows: rows)
    }

    static func row(_ target: Target, indicator: Indicator, entity: Entity, member: Int, data: Dataset, groups: ReportPanel) -> GapRow {
        let latest = groups.index.series(indicator: indicator.id, entity: entity.id).last.map { data.observations[Int($0)] }
        let atLeast = target.comparator == .atLeast
        var gap: Double?, relative: Double?
        if let latest {
            gap = atLeast ? target.value - latest.value : latest.value - target.value
            // A rank's distance is in places: a percentage of a rank means nothing.
            relative = target.value != 0 && indicator.kind != .rank ? (gap ?? 0) / abs(target.value) : nil
        }
        let style = groups.style(indicator)
        var result = GapRow(target: target, indicator: indicator, entity: entity, latest: latest, gap: gap, relativeGap: relative,
                            forecast: nil, status: .insufficientData, remark: nil, chart: nil, style: style,
                            targetSource: data.sources[target.source])
        guard let latest else {
            result.remark = .noObservation
            return result
        }
        let meets = atLeast ? latest.value >= target.value : latest.value <= target.value
        let tTarget = indicator.measure == .flow ? Double(target.year) + 0.5 : Double(target.year) + 1
        if latest.period.time(measure: indicator.measure) >= tTarget {
            // A past target is judged on the value of its year (the last of that year), else on the
            // observation nearest its time (the later of two as near), never on today's value.
            let history = groups.index.series(indicator: indicator.id, entity: entity.id).map { data.observations[Int($0)] }
            let judged: Observation
            if let inYear = history.last(where: { $0.period.year == target.year }) {
                judged = inYear
                result.remark = .judgedOnTargetYear(inYear.period, value: inYear.value)
            } else {
                func distance(_ o: Observation) -> Double { abs(o.period.time(measure: indicator.measure) - tTarget) }
                judged = history.reversed().min { distance($0) < distance($1) } ?? latest
                result.remark = .judgedOnNearest(judged.period, value: judged.value)
            }
            let met = atLeast ? judged.value >= target.value : judged.value <= target.value
            result.status = met ? .achieved : .missed
            return result
        }
        do throws(ForecastError) {
            let (series, forecast) = try groups.forecaster.forecast(indicator.id, member: member, years: [target.year],
                                                                    target: (target.value, target.year, atLeast))
            result.forecast = forecast
            result.status = forecast.target?.status ?? .insufficientData
            result.chart = fan(series: series, fit: forecast.fit, end: tTarget, indicator: indicator, entity: entity, style: style,
                               target: .init(t: tTarget, value: target.value, year: target.year, comparator: target.comparator))
        } catch {
            result.status = meets ? .achieved : .insufficientData
            result.remark = .noForecast(error)
        }
        return result
    }

    /// History, and the median with 80/95 % bands from the last observation to `end` (the target's time).
    static func fan(series: Series, fit: TrendFit, end: Double, indicator: Indicator, entity: Entity, style: ValueStyle,
                    target: FanChart.TargetMark?) -> FanChart {
        let start = series.times.last ?? end
        let steps = 12, spread = fit.distribution(at: end).hasSpread
        let path = (0...steps).map { k -> FanChart.Step in
            let t = start + (end - start) * Double(k) / Double(steps)
            // The bands open from the last observation.
            if k == 0, let v = series.values.last {
                return spread ? FanChart.Step(t: t, median: v, lo80: v, hi80: v, lo95: v, hi95: v) : FanChart.Step(t: t, median: v)
            }
            let d = fit.distribution(at: t)
            guard d.hasSpread else { return FanChart.Step(t: t, median: d.point) }
            let (l80, h80) = d.interval(level: 0.8), (l95, h95) = d.interval(level: 0.95)
            return FanChart.Step(t: t, median: d.point, lo80: l80, hi80: h80, lo95: l95, hi95: h95)
        }
        return FanChart(title: Phrase(vi: "\(indicator.nameVi) — \(entity.nameVi)", en: "\(indicator.nameEn) — \(entity.nameEn)"), style: style,
                        history: Array(zip(series.times, series.values)).map { (t: $0.0, value: $0.1) }, path: path, target: target,
                        lower: indicator.lower, upper: indicator.upper, yearOffset: series.time(ofYear: 0))
    }

    /// The table for the renderers.
    public func table(id: String = "gaps") -> ReportTable {
        let columns: [ReportTable.Column] = [
            .indicator,
            .indicatorName,
            .entity,
            .entityName,
            .init(key: "unit", vi: "Đơn vị tính", en: "Unit", format: .text),
            .init(key: "latest_value", vi: "Giá trị mới nhất", en: "Latest value", format: .number(decimals: 2), measured: .value),
            .init(key: "latest_period", vi: "Kỳ", en: "Period", format: .text),
            .init(key: "target_value", vi: "Mục tiêu", en: "Target", format: .number(decimals: 2), measured: .target),
            .init(key: "target_year", vi: "Năm", en: "Year", format: .year),
            .init(key: "comparator", vi: "So sánh", en: "Comparator", format: .text),
            .init(key: "target_source", vi: "Nguồn mục tiêu", en: "Target source", format: .text),
            .init(key: "target_source_name", vi: "Văn bản đặt mục tiêu", en: "Document setting the target", format: .text),
            .init(key: "gap", vi: "Khoảng cách", en: "Gap", format: .number(decimals: 2), measured: .difference),
            .init(key: "relative_gap", vi: "Khoảng cách tương đối", en: "Relative gap", format: .probability),
            .init(key: "projection", vi: "Dự báo", en: "Projection", format: .number(decimals: 2), measured: .value),
            .lower80,
            .upper80,
            .init(key: "lower_95", vi: "Thấp 95", en: "Lo 95", format: .number(decimals: 2), measured: .value),
            .init(key: "upper_95", vi: "Cao 95", en: "Hi 95", format: .number(decimals: 2), measured: .value),
            .pMeet,
            .init(key: "model", vi: "Mô hình", en: "Model", format: .text),
            .init(key: "n", vi: "Số điểm", en: "n", format: .integer),
            .init(key: "status", vi: "Tình trạng", en: "Status", format: .text),
            .init(key: "achieved_change_per_year", vi: "Mức tăng đã đạt/năm", en: "Achieved change/yr", format: .number(decimals: 2),
                  measured: .perYear),
            .init(key: "required_change_per_year", vi: "Mức tăng cần/năm", en: "Required change/yr", format: .number(decimals: 2),
                  measured: .perYear),
            // The pace the status is read from (the projection's): with the two above, a reader reproduces the status.
            .init(key: "projected_change_per_year", vi: "Mức tăng dự kiến/năm", en: "Projected change/yr", format: .number(decimals: 2),
                  measured: .perYear),
            .init(key: "progress_ratio", vi: "Tỷ số tiến độ", en: "Progress ratio", format: .number(decimals: 2)),
            .init(key: "crossing_year", vi: "Năm dự kiến đạt", en: "Expected crossing year", format: .year),
            .init(key: "remark", vi: "Ghi chú", en: "Remark", format: .text),
        ]
        let rows: [[ReportTable.Cell]] = rows.map { r in
            let p = r.projection, t = r.forecast?.target
            func interval(_ level: Double) -> Projection.Interval? { p?.intervals.first { $0.level == level } }
            var remarks = r.remark.map { [Words.remark($0)] } ?? []
            if let t, t.disagreement { remarks.append(Words.disagreement(t)) }
            remarks += (p?.flags ?? []).map(Words.flag)
            let remark: ReportTable.Cell = Phrase.joined(remarks).map { .phrase($0) } ?? .text("")
            return [
                .text(r.indicator.id), .phrase(Words.name(r.indicator)), .text(r.entity.id), .phrase(Words.name(r.entity)),
                .phrase(r.style.unitWords), .number(r.latest?.value), r.latest.map { .phrase(Words.period($0.period)) } ?? .text(""),
                .number(r.target.value), .number(Double(r.target.year)), .phrase(Words.comparator(r.target.comparator)), .text(r.target.source),
                r.targetSource.map { .phrase(Glossary.citation($0)) } ?? .text(""),
                .number(r.gap), .number(r.relativeGap), .number(p?.estimate),
                .number(interval(80)?.lower), .number(interval(80)?.upper), .number(interval(95)?.lower), .number(interval(95)?.upper),
                .number(t?.pMeet), r.forecast.map { .phrase(Words.model($0.fit.model)) } ?? .text(""), .number(r.forecast.map { Double($0.fit.n) }),
                .phrase(Words.status(r.status)), .number(t?.achievedChangePerYear), .number(t?.requiredChangePerYear), .number(t?.projectedChangePerYear),
                .number(t?.progressRatio), .number(t?.crossingYear.map(Double.init)), remark,
            ]
        }
        let charts = self.rows.compactMap { $0.chart.map(Chart.fan) }
        var table = ReportTable(id: id, titleVi: "Khoảng cách đến mục tiêu", titleEn: "Gap to target", columns: columns, rows: rows, charts: charts,
                           sheetVi: "Khoảng cách mục tiêu", sheetEn: "Gap to target", rowUnits: self.rows.map { .init($0.style) })
        table.sayOnce("model", Words.modelNote(self.rows.compactMap { $0.forecast?.fit.model }))
        // On a page: where the target stands (latest value to relative gap), then the projection, then
        // the status with the paces it is read from.
        table.partBreaks = ["projection", "status"].compactMap { key in columns.firstIndex { $0.key == key } }
        table.rowStatuses = self.rows.map(\.status)
        return table
    }
}
