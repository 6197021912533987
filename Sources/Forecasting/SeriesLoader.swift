import Foundation
import Indicators

/// Builds ``Series`` from the dataset or from a user's CSV file.
public enum SeriesLoader {
    /// The observations of one indicator for one entity, oldest first, at their decimal times.
    ///
    /// - Throws: ``ForecastError/tooFewPoints(_:count:)`` when there are none.
    public static func dataset(_ data: Dataset, indicator: String, entity: String) throws(ForecastError) -> Series {
        let observations = data.observations(indicator: indicator, entity: entity)
        return try series(data.indicator(indicator), indicator: indicator, entity: entity, observations: observations)
    }

    /// ``dataset(_:indicator:entity:)`` through an index of the dataset (no scan of the observations).
    ///
    /// - Throws: ``ForecastError/tooFewPoints(_:count:)`` when there are none.
    public static func dataset(_ data: Dataset, index: ObservationIndex, indicator: String, entity: String) throws(ForecastError) -> Series {
        let definition = index.indicatorPosition(indicator).map { data.indicators[$0] }
        let positions = index.series(indicator: indicator, entity: entity)
        return try series(definition, indicator: indicator, entity: entity, observations: positions.lazy.map { data.observations[Int($0)] })
    }

    /// The series of `observations` (of one indicator and entity, oldest first).
    static func series<C: Collection>(_ definition: Indicator?, indicator: String, entity: String, observations: C) throws(ForecastError) -> Series
    where C.Element == Observation {
        let name = "\(indicator)/\(entity)"
        guard let definition else { throw .invalidSeries(name, .unknownIndicator) }
        guard !observations.isEmpty else { throw .tooFewPoints(name, count: 0) }
        return Series(
            name: name, kind: definition.kind, lower: definition.lower, upper: definition.upper,
            direction: definition.direction, measure: definition.measure,
            times: observations.map { $0.period.time(measure: definition.measure) }, values: observations.map(\.value),
            numerators: observations.map(\.numerator), denominators: observations.map(\.denominator))
    }

    /// Why a file's series has the kind it has (Indicators' `KindReason`).
    public typealias KindReason = Indicators.KindReason

    /// A series from one series of a planner's table (`PlannerTable`).
    ///
    /// - Parameters:
    ///   - table: the series.
    ///   - file: the file's name, the start of the series' name.
    ///   - kind: the kind (default: the table's, `TableSeries.kind`: Indicators' `KindRule`, as
    ///     every command decides it); shares default to bounds 0–100 (0–1000 when written with ‰), counts
    ///     and amounts to a lower bound of 0.
    ///   - lower: lower bound.
    ///   - upper: upper bound.
    ///   - measure: flow or stock (decides the time of a period).
    /// - Returns: the series and why it has its kind.
    public static func table(_ table: TableSeries, file: String, kind: Indicator.Kind?, lower: Double?, upper: Double?,
                             measure: Indicator.Measure) -> (Series, KindReason) {
        let (kind, reason) = kind.map { ($0, KindReason.given) } ?? (table.kind.kind, table.kind.reason)
        let defaultLower: Double? = [.share, .count, .amount].contains(kind) ? 0 : nil
        let defaultUpper: Double? = kind == .share ? (table.shareEvidence == .perMilleSigns ? 1000 : 100) : nil
        let name = table.name.isEmpty ? file : "\(file) · \(table.name)"
        let hasCounts = table.points.contains { $0.numerator != nil }
        let series = Series(
            name: name, kind: kind, lower: lower ?? defaultLower, upper: upper ?? defaultUpper,
            direction: kind == .rank ? .down : .up, measure: measure,
            times: table.points.map { $0.time(measure: measure) }, values: table.points.map(\.value),
            numerators: hasCounts ? table.points.map(\.numerator) : nil, denominators: hasCounts ? table.points.map(\.denominator) : nil)
        return (series, reason)
    }
}
