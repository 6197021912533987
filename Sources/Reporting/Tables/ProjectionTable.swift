import Forecasting
import Foundation
import Indicators

/// Every series with enough points for a trend and its spread (n ≥ 4, so a line keeps 2 residual
/// degrees of freedom; with 3 points the 95 % interval is σ × 12.7 wide and says little), projected
/// with `auto` to plan years, with a fan chart each: where the indicators are heading whether or not
/// a target is set.
public struct ProjectionTable: Sendable {
    /// One projected series.
    public struct Row: Sendable {
        /// The indicator.
        public var indicator: Indicator
        /// The entity.
        public var entity: Entity
        /// The forecast (projections at the plan years, in order).
        public var forecast: Forecast
        /// The series projected.
        public var series: Series
        /// The last plan year (the end of the chart).
        public var lastYear: Int
        /// How the indicator's values are written.
        public var style: ValueStyle

        /// The fan chart to the last plan year (drawn when asked for: a national report has 140,000 rows).
        public var chart: FanChart {
            GapTable.fan(series: series, fit: forecast.fit, end: series.time(ofYear: lastYear), indicator: indicator, entity: entity, style: style,
                         target: nil)
        }
    }

    /// The plan years projected.
    public var years: [Int]
    /// Rows in dataset order of indicators, then entities.
    public var rows: [Row]

    /// Projects every (indicator, entity) series with at least `minimumPoints` observations spanning
    /// at least a year.
    public static func build(_ data: Dataset, years: [Int] = [2025, 2030], minimumPoints: Int = 4,
                             intervals: IntervalMethod = .calibrated, calibration: CalibrationTable? = nil) -> ProjectionTable {
        var groups = ReportPanel(data, intervals: intervals, calibration: calibration)
        return build(data, groups: &groups, years: years, minimumPoints: minimumPoints)
    }

    /// ``build(_:years:minimumPoints:intervals:calibration:)`` on a report's panel (its series fitted once).
    static func build(_ data: Dataset, groups: inout ReportPanel, years: [Int], minimumPoints: Int) -> ProjectionTable {
        var jobs: [(indicator: Int, member: Int)] = []
        groups.build(data.indicators.map(\.id))
        for (i, indicator) in data.indicators.enumerated() {
            // Every entity's series of the indicator, loaded once: the peers a count's level is read against.
            let group = groups.group(indicator.id)
            for k in data.entities.indices {
                guard let series = group.members[k], series.count >= minimumPoints,
                      // A trend seen over less than a year (campaign windows) is not extrapolated for years.
                      let firstTime = series.times.first, let lastTime = series.times.last, lastTime - firstTime >= 1 else { continue }
                jobs.append((i, k))
            }
        }
        let shared = groups
        let made = Parallel.map(jobs) { job -> Row? in
            let (indicator, entity) = (data.indicators[job.indicator], data.entities[job.member])
            guard let (series, forecast) = try? shared.forecaster.forecast(indicator.id, member: job.member, years: years) else { return nil }
            return Row(indicator: indicator, entity: entity, forecast: forecast, series: series, lastYear: years.last ?? 2030,
                       style: shared.style(indicator))
        }
        // Rows held as long as the report is (140,000 at national scale): an array of their exact
        // size, not one grown by doubling (which left up to half of it, about 100 MB, unused).
        var rows: [Row] = []
        rows.reserveCapacity(made.count { ($0 ?? nil) != nil })
        for case let row?? in made { rows.append(row) }
        return ProjectionTable(years: years, rows: rows)
    }

    /// The table for the renderers.
    public func table() -> ReportTable {
        var columns: [ReportTable.Column] = [
            .indicator,
            .indicatorName,
            .entity,
            .entityName,
            .init(key: "unit", vi: "Đơn vị tính", en: "Unit", format: .text),
            .init(key: "n", vi: "Số điểm", en: "n", format: .integer),
            .init(key: "model", vi: "Mô hình", en: "Model", format: .text),
        ]
        for y in years {
            columns += [
                .init(key: "projection_\(y)", vi: "Dự báo \(y)", en: "Projection \(y)", format: .number(decimals: 2), measured: .value),
                .init(key: "lower_80_\(y)", vi: "Thấp 80 \(y)", en: "Lo 80 \(y)", format: .number(decimals: 2), measured: .value),
                .init(key: "upper_80_\(y)", vi: "Cao 80 \(y)", en: "Hi 80 \(y)", format: .number(decimals: 2), measured: .value),
                .init(key: "lower_95_\(y)", vi: "Thấp 95 \(y)", en: "Lo 95 \(y)", format: .number(decimals: 2), measured: .value),
                .init(key: "upper_95_\(y)", vi: "Cao 95 \(y)", en: "Hi 95 \(y)", format: .number(decimals: 2), measured: .value),
            ]
        }
        columns.append(.init(key: "flags", vi: "Ghi chú", en: "Flags", format: .text))
        let rows: [[ReportTable.Cell]] = rows.map { r in
            // One array of the row's exact size (140,000 rows at national scale, held while the files are written).
            var cells: [ReportTable.Cell] = []
            cells.reserveCapacity(columns.count)
            cells += [.text(r.indicator.id), .phrase(Words.name(r.indicator)), .text(r.entity.id),
                      .phrase(Words.name(r.entity)), .phrase(r.style.unitWords), .number(Double(r.forecast.fit.n)), .phrase(Words.model(r.forecast.fit.model))]
            for p in r.forecast.projections {
                let i80 = p.intervals.first { $0.level == 80 }, i95 = p.intervals.first { $0.level == 95 }
                cells += [.number(p.estimate), .number(i80?.lower), .number(i80?.upper), .number(i95?.lower), .number(i95?.upper)]
            }
            cells.append(Phrase.joined(r.forecast.projections.flatMap(\.flags).map(Words.flag)).map { .phrase($0) } ?? .text(""))
            return cells
        }
        var table = ReportTable(id: "projections", titleVi: "Dự báo các chỉ tiêu có từ 4 điểm dữ liệu",
                                titleEn: "Projections of indicators with at least 4 data points", columns: columns, rows: rows,
                                charts: self.rows.prefix(HTMLRenderer.maximumCharts).map { .fan($0.chart) },
                                chartsLeftOut: max(0, self.rows.count - HTMLRenderer.maximumCharts),
                                sheetVi: "Dự báo", sheetEn: "Projections", rowUnits: self.rows.map { .init($0.style) })
        table.sayOnce("model", Words.modelNote(self.rows.map(\.forecast.fit.model)))
        return table
    }
}
