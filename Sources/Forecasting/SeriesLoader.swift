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
        guard let definition else { throw .invalidSeries(name, "unknown indicator") }
        guard !observations.isEmpty else { throw .tooFewPoints(name, count: 0) }
        return Series(
            name: name, kind: definition.kind, lower: definition.lower, upper: definition.upper,
            direction: definition.direction, measure: definition.measure,
            times: observations.map { $0.period.time(measure: definition.measure) }, values: observations.map(\.value),
            numerators: observations.map(\.numerator), denominators: observations.map(\.denominator))
    }

    /// The kind of a file's value column when none is given: a share when counts are given, when the
    /// header says so ("%", "tỷ lệ", "ty le", "rate", "share") or when every value carries "%"; else a
    /// score.
    static func defaultKind(_ table: CSVTable, value: String, counts: Bool) -> Indicator.Kind {
        if counts { return .share }
        let header = value.lowercased()
        if ["%", "tỷ lệ", "ty le", "tyle", "tỷlệ", "rate", "share", "percent"].contains(where: { header.contains($0) }) { return .share }
        guard let j = try? table.columnIndex(value), table.rowCount > 0 else { return .score }
        let percent = (0..<table.rowCount).allSatisfy { table.field($0, j).trimmingCharacters(in: .whitespaces).hasSuffix("%") }
        return percent ? .share : .score
    }

    /// A series from columns of a CSV file.
    ///
    /// - Parameters:
    ///   - path: the CSV file.
    ///   - value: column of values.
    ///   - numerator: column of successes behind a share, if any.
    ///   - denominator: column of trials behind a share, if any.
    ///   - lower: lower bound (default 0 for shares, counts and amounts).
    ///   - upper: upper bound (default 100 for shares).
    ///   - measure: flow or stock (decides the time of a period).
    ///   - decimalTime: the time column holds decimal times to use as they are.
    ///   - numberFormat: `vi`, `en` or `auto` number format, or nil for plain dot decimals.
    ///   - delimiter: the field separator (default: detected from the header line).
    ///   - encoding: the text encoding (default: UTF-16 with a byte-order mark, else UTF-8).
    ///   - missing: receives the cells that said "no value" (empty, a dash, `KCS`, `n/a`: `CSVTable.isMissing`); their rows are left out.
    ///   - time: column of periods (`2019`, `2020H1`, `2022-06-30`, ranges) or, with `decimalTime`, decimal times.
    ///   - kind: default share when counts are given or the value column is a percentage (its header
    ///     says "%", "Tỷ lệ" or "rate", or every value ends in "%"), else score; shares default to
    ///     bounds 0–100, counts and amounts to a lower bound of 0.
    /// - Throws: `DatasetError` (with file:line:column) for unreadable files, unknown columns and
    ///   cells that do not parse.
    public static func csv(
        path: String, time: String, value: String, numerator: String?, denominator: String?, kind: Indicator.Kind?,
        lower: Double?, upper: Double?, measure: Indicator.Measure, decimalTime: Bool, numberFormat: NumberFormat?,
        delimiter: CSVTable.Delimiter = .auto, encoding: CSVTable.Encoding = .auto, missing: inout [SourcePosition]
    ) throws(DatasetError) -> Series {
        let table = try CSVTable.read(path: path, delimiter: delimiter, encoding: encoding)
        // Rows whose value (or count) cell says "no value" are left out, each named in `missing`.
        var kept: [Int] = []
        let checked = try ([value] + [numerator, denominator].compactMap { $0 }).map { c throws(DatasetError) in try table.columnIndex(c) }
        for r in 0..<table.rowCount {
            if let j = checked.first(where: { CSVTable.isMissing(table.field(r, $0)) }) {
                missing.append(table.position(r, j))
            } else {
                kept.append(r)
            }
        }
        let values = try table.numericColumn(value, format: numberFormat, rows: kept)
        let nums = try numerator.map { c throws(DatasetError) in try table.numericColumn(c, format: numberFormat, rows: kept) }
        let dens = try denominator.map { c throws(DatasetError) in try table.numericColumn(c, format: numberFormat, rows: kept) }
        var times: [Double] = []
        if decimalTime {
            times = try table.numericColumn(time, rows: kept)
        } else {
            let j = try table.columnIndex(time)
            for r in kept {
                do {
                    times.append(try Period(parsing: table.field(r, j)).time(measure: measure))
                } catch {
                    throw .badNumber(table.position(r, j),
                                     column: time, problem: error.description + " (or pass --decimal-time)")
                }
            }
        }
        let kind = kind ?? defaultKind(table, value: value, counts: nums != nil && dens != nil)
        let defaultLower: Double? = [.share, .count, .amount].contains(kind) ? 0 : nil
        return Series(
            name: (path as NSString).lastPathComponent, kind: kind, lower: lower ?? defaultLower,
            upper: upper ?? (kind == .share ? 100 : nil), direction: kind == .rank ? .down : .up, measure: measure,
            times: times, values: values, numerators: nums?.map(Optional.some), denominators: dens?.map(Optional.some))
    }
}
