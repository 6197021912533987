import Foundation

/// A panel in the long layout, one observation a row: `indicator, entity, time, value` (the column
/// for the entity may be called `geo`, the one for time `year` or `period`), with the indicators'
/// kinds and bounds from a second file (`indicator` or `id`, `kind`, `lower`, `upper`, and
/// optionally `direction` and `measure`). The corpus in `Datasets/reference/indicator_corpus` has
/// this layout. An optional `field` column gives, for a rank, how many entities were ranked in that
/// period (the rank's own bound; without it, the indicator's `upper`).
public struct LongPanel: Sendable {
    /// One indicator's definition.
    public struct Definition: Sendable, Equatable {
        /// Indicator id.
        public var id: String
        /// Kind.
        public var kind: Indicator.Kind
        /// Lower bound, if any.
        public var lower: Double?
        /// Upper bound, if any.
        public var upper: Double?
        /// Which way is better (default up).
        public var direction: Indicator.Direction
        /// Stock or flow (default flow).
        public var measure: Indicator.Measure
    }

    /// One series: an indicator for an entity, oldest first.
    public struct Series: Sendable {
        /// Indicator id.
        public var indicator: String
        /// Entity id.
        public var entity: String
        /// Decimal times, strictly increasing.
        public var times: [Double]
        /// Values.
        public var values: [Double]
        /// For ranks with a `field` column: the entities ranked in each period (empty otherwise).
        public var fields: [Double] = []
    }

    /// Definitions by indicator id.
    public var definitions: [String: Definition]
    /// The series, in the order their first row appears.
    public var series: [Series]

    /// Reads a long panel.
    ///
    /// - Parameters:
    ///   - observations: the long CSV file.
    ///   - indicators: the definitions CSV file.
    /// - Throws: ``DatasetError`` with `file:line:column` for a missing column, an unknown kind or
    ///   indicator, a cell that is not a number or a period, a value outside its indicator's bounds,
    ///   or two rows for the same indicator, entity and time.
    public static func read(observations: String, indicators: String) throws(DatasetError) -> LongPanel {
        let defs = try CSVTable.read(path: indicators)
        let idColumn = try defs.columnIndex(defs.header.contains("indicator") ? "indicator" : "id")
        let kindColumn = try defs.columnIndex("kind")
        let lowerColumn = try defs.columnIndex("lower"), upperColumn = try defs.columnIndex("upper")
        let directionColumn = defs.header.firstIndex(of: "direction"), measureColumn = defs.header.firstIndex(of: "measure")
        var definitions: [String: Definition] = [:]
        for (r, row) in defs.rows.enumerated() {
            func position(_ j: Int) -> SourcePosition { defs.position(r, j) }
            let id = row[idColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw .emptyCell(position(idColumn), column: defs.header[idColumn]) }
            guard let kind = Indicator.Kind(rawValue: row[kindColumn].trimmingCharacters(in: .whitespaces)) else {
                throw .badNumber(position(kindColumn), column: "kind",
                                 problem: .notAKind(text: row[kindColumn], allowed: Indicator.Kind.allCases.map(\.rawValue)))
            }
            func bound(_ j: Int) throws(DatasetError) -> Double? {
                let text = row[j].trimmingCharacters(in: .whitespaces)
                if text.isEmpty { return nil }
                guard let v = Double(text), v.isFinite else { throw .notANumber(position(j), text: text, column: defs.header[j]) }
                return v
            }
            let lower = try bound(lowerColumn), upper = try bound(upperColumn)
            if let l = lower, let u = upper, !(l < u) {
                throw .badNumber(position(upperColumn), column: "upper", problem: .boundsReversed(lower: l, upper: u))
            }
            var direction = Indicator.Direction.up, measure = Indicator.Measure.flow
            if let j = directionColumn, let d = Indicator.Direction(rawValue: row[j].trimmingCharacters(in: .whitespaces)) { direction = d }
            if let j = measureColumn, let m = Indicator.Measure(rawValue: row[j].trimmingCharacters(in: .whitespaces)) { measure = m }
            if definitions[id] != nil { throw .badNumber(position(idColumn), column: defs.header[idColumn], problem: .indicatorDefinedTwice(id)) }
            definitions[id] = Definition(id: id, kind: kind, lower: lower, upper: upper, direction: direction, measure: measure)
        }

        let obs = try CSVTable.read(path: observations)
        func column(_ names: [String]) throws(DatasetError) -> Int {
            for name in names { if let j = obs.header.firstIndex(of: name) { return j } }
            throw .unknownColumn(file: obs.file, name: names.joined(separator: " or "), available: obs.header)
        }
        let ic = try column(["indicator"]), ec = try column(["entity", "geo"]), tc = try column(["time", "year", "period"])
        let vc = try column(["value"])
        let fc = obs.header.firstIndex(of: "field")
        var index: [String: Int] = [:]
        var series: [Series] = []
        var seen: [String: Set<Double>] = [:]
        for (r, row) in obs.rows.enumerated() {
            func position(_ j: Int) -> SourcePosition { obs.position(r, j) }
            let indicator = row[ic].trimmingCharacters(in: .whitespaces), entity = row[ec].trimmingCharacters(in: .whitespaces)
            guard let def = definitions[indicator] else {
                throw .badNumber(position(ic), column: obs.header[ic], problem: .indicatorNotIn(id: indicator, file: defs.file))
            }
            guard !entity.isEmpty else { throw .emptyCell(position(ec), column: obs.header[ec]) }
            let timeText = row[tc].trimmingCharacters(in: .whitespaces)
            let t: Double
            if let plain = Double(timeText), plain.isFinite, CSVTable.isPlainDecimal(timeText), timeText.contains(".") {
                t = plain
            } else {
                do {
                    t = try Period(parsing: timeText).time(measure: def.measure)
                } catch {
                    throw .badNumber(position(tc), column: obs.header[tc], problem: .period(error))
                }
            }
            let valueText = row[vc].trimmingCharacters(in: .whitespaces)
            guard !valueText.isEmpty else { throw .emptyCell(position(vc), column: obs.header[vc]) }
            guard CSVTable.isPlainDecimal(valueText), let v = Double(valueText), v.isFinite else {
                throw .notANumber(position(vc), text: valueText, column: obs.header[vc])
            }
            if let l = def.lower, v < l { throw .badNumber(position(vc), column: obs.header[vc], problem: .valueBelowBound(text: valueText, bound: l, indicator: indicator)) }
            if let u = def.upper, v > u { throw .badNumber(position(vc), column: obs.header[vc], problem: .valueAboveBound(text: valueText, bound: u, indicator: indicator)) }
            let key = indicator + "\u{1F}" + entity
            if seen[key, default: []].contains(t) {
                throw .badNumber(position(tc), column: obs.header[tc], problem: .secondRow(indicator: indicator, entity: entity, time: timeText))
            }
            seen[key, default: []].insert(t)
            var field: Double?
            if let fc {
                let text = row[fc].trimmingCharacters(in: .whitespaces)
                if !text.isEmpty {
                    guard CSVTable.isPlainDecimal(text), let f = Double(text), f.isFinite, f >= max(v, 1) else {
                        throw .notANumber(position(fc), text: text, column: obs.header[fc])
                    }
                    field = f
                }
            }
            if let k = index[key] {
                series[k].times.append(t)
                series[k].values.append(v)
                if let field { series[k].fields.append(field) }
            } else {
                index[key] = series.count
                series.append(Series(indicator: indicator, entity: entity, times: [t], values: [v], fields: field.map { [$0] } ?? []))
            }
        }
        for k in series.indices {
            let order = series[k].times.indices.sorted { series[k].times[$0] < series[k].times[$1] }
            series[k].times = order.map { series[k].times[$0] }
            series[k].values = order.map { series[k].values[$0] }
            if series[k].fields.count == order.count { series[k].fields = order.map { series[k].fields[$0] } }
        }
        return LongPanel(definitions: definitions, series: series)
    }
}
