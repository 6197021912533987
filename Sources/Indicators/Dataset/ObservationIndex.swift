/// The observations of a dataset grouped by series (indicator, entity), each series oldest first,
/// and the indicators and entities by id: built once with one sort, after which a series, an
/// indicator or an entity is a lookup instead of a scan of the dataset.
///
/// A series lists its observations as ``Dataset/observations(indicator:entity:)`` does: by decimal
/// time (by the indicator's measure; flow for an unknown indicator), then in file order. The index
/// describes the dataset it was built from; build a new one after changing the dataset.
public struct ObservationIndex: Sendable {
    /// Observation positions (in `Dataset.observations`) sorted by series, then time, then file order.
    public let order: [Int32]
    /// Each series' key (indicator number << 32 | entity number), ascending, with its start in `order`.
    let seriesKeys: [UInt64]
    /// Start of each series in `order`, plus the end.
    let seriesStarts: [Int32]
    /// The number of each indicator id that has observations or a definition.
    let indicatorNumbers: [String: Int32]
    /// The number of each entity id that has observations or a definition.
    let entityNumbers: [String: Int32]
    /// The position of each indicator id in `Dataset.indicators` (the first, if repeated).
    let indicatorPositions: [String: Int]
    /// The position of each entity id in `Dataset.entities` (the first, if repeated).
    let entityPositions: [String: Int]

    /// Indexes `data`.
    public init(_ data: Dataset) {
        var indicatorPositions: [String: Int] = [:], entityPositions: [String: Int] = [:]
        for (k, i) in data.indicators.enumerated() where indicatorPositions[i.id] == nil { indicatorPositions[i.id] = k }
        for (k, e) in data.entities.enumerated() where entityPositions[e.id] == nil { entityPositions[e.id] = k }
        var indicatorNumbers: [String: Int32] = [:], entityNumbers: [String: Int32] = [:]
        for i in data.indicators where indicatorNumbers[i.id] == nil { indicatorNumbers[i.id] = Int32(indicatorNumbers.count) }
        for e in data.entities where entityNumbers[e.id] == nil { entityNumbers[e.id] = Int32(entityNumbers.count) }
        let measures = data.indicators.map(\.measure)
        struct Entry { var key: UInt64; var time: Double; var offset: Int32 }
        var entries: [Entry] = []
        entries.reserveCapacity(data.observations.count)
        // Consecutive rows often name the same indicator and entity: reuse the last lookup.
        var lastIndicator = "", lastEntity = ""
        var lastI: Int32 = -1, lastE: Int32 = -1
        var lastMeasure = Indicator.Measure.flow
        for (k, o) in data.observations.enumerated() {
            if lastI < 0 || o.indicator != lastIndicator {
                if let n = indicatorNumbers[o.indicator] { lastI = n } else {
                    lastI = Int32(indicatorNumbers.count)
                    indicatorNumbers[o.indicator] = lastI
                }
                lastIndicator = o.indicator
                lastMeasure = indicatorPositions[o.indicator].map { measures[$0] } ?? .flow
            }
            if lastE < 0 || o.entity != lastEntity {
                if let n = entityNumbers[o.entity] { lastE = n } else {
                    lastE = Int32(entityNumbers.count)
                    entityNumbers[o.entity] = lastE
                }
                lastEntity = o.entity
            }
            entries.append(Entry(key: UInt64(UInt32(lastI)) << 32 | UInt64(UInt32(lastE)),
                                 time: o.period.time(measure: lastMeasure), offset: Int32(k)))
        }
        entries.sort { ($0.key, $0.time, $0.offset) < ($1.key, $1.time, $1.offset) }
        var keys: [UInt64] = [], starts: [Int32] = []
        for (k, e) in entries.enumerated() where keys.last != e.key {
            keys.append(e.key)
            starts.append(Int32(k))
        }
        starts.append(Int32(entries.count))
        order = entries.map(\.offset)
        seriesKeys = keys
        seriesStarts = starts
        self.indicatorNumbers = indicatorNumbers
        self.entityNumbers = entityNumbers
        self.indicatorPositions = indicatorPositions
        self.entityPositions = entityPositions
    }

    /// The position in `Dataset.indicators` of the indicator with this id.
    public func indicatorPosition(_ id: String) -> Int? { indicatorPositions[id] }

    /// The position in `Dataset.entities` of the entity with this id.
    public func entityPosition(_ id: String) -> Int? { entityPositions[id] }

    /// Positions in `Dataset.observations` of one series, oldest first, then in file order (empty
    /// when it has no observation).
    public func series(indicator: String, entity: String) -> ArraySlice<Int32> {
        guard let i = indicatorNumbers[indicator], let e = entityNumbers[entity] else { return [] }
        let key = UInt64(UInt32(i)) << 32 | UInt64(UInt32(e))
        var lo = 0, hi = seriesKeys.count
        while lo < hi {
            let m = (lo + hi) / 2
            if seriesKeys[m] < key { lo = m + 1 } else { hi = m }
        }
        guard lo < seriesKeys.count, seriesKeys[lo] == key else { return [] }
        return order[Int(seriesStarts[lo])..<Int(seriesStarts[lo + 1])]
    }

    /// Positions in `Dataset.observations` of every observation of an indicator, series after
    /// series (by entity number, each oldest first).
    public func observations(indicator: String) -> ArraySlice<Int32> {
        guard let i = indicatorNumbers[indicator] else { return [] }
        let low = UInt64(UInt32(i)) << 32, high = UInt64(UInt32(i) + 1) << 32
        func first(atLeast key: UInt64) -> Int {
            var lo = 0, hi = seriesKeys.count
            while lo < hi {
                let m = (lo + hi) / 2
                if seriesKeys[m] < key { lo = m + 1 } else { hi = m }
            }
            return lo
        }
        let a = first(atLeast: low), b = UInt32(i) == UInt32.max ? seriesKeys.count : first(atLeast: high)
        return order[Int(seriesStarts[a])..<Int(seriesStarts[b])]
    }
}
