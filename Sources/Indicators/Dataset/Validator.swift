import Foundation

/// The checks of DESIGN.md "Data": per row (bounds, counts, rate = numerator/denominator) and
/// across rows (duplicates, conflicting sources, ranks against scores, totals against parts,
/// references between definitions).
enum Validator {
    /// Decimals shown by a published number (at most 6): 50.65 → 2, 70 → 0.
    static func decimals(_ value: Double) -> Int {
        var decimals = 0
        var scaled = abs(value)
        while decimals < 6 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
            scaled *= 10
            decimals += 1
        }
        return decimals
    }

    /// The tolerance for a published number: half a unit in its last shown decimal (values are
    /// written with at most the decimals the source shows), plus a little for binary rounding.
    static func publishedTolerance(_ value: Double) -> Double {
        0.5 * pow(10, -Double(decimals(value))) + 1e-9 * max(1, abs(value))
    }

    static func boundsCheck(
        _ value: Double, indicator: Indicator, at position: SourcePosition?, entity: String, period: String
    ) -> Finding? {
        if let l = indicator.lower, value < l {
            return Finding(.error, .outOfBounds, at: position, indicator: indicator.id, entity: entity, period: period,
                           .belowLowerBound(value: value, bound: l))
        }
        if let u = indicator.upper, value > u {
            return Finding(.error, .outOfBounds, at: position, indicator: indicator.id, entity: entity, period: period,
                           .aboveUpperBound(value: value, bound: u))
        }
        return nil
    }

    /// The largest magnitude a value, numerator or denominator may have: 1e150 (squares of larger
    /// numbers overflow in the statistics).
    public static let largestMagnitude = 1e150

    /// The checks of one observation against its indicator (magnitudes, counts, bounds, rate =
    /// numerator/denominator), each finding at the cell `row` names for its column; appended to
    /// `out` (nothing is allocated when there are none).
    static func rowChecks(_ o: Observation, indicator: Indicator, row: some ObservationCells, into out: inout [Finding]) {
        // The checks of every column only when one of them needs one (a million rows need none).
        let large = abs(o.value) > largestMagnitude || abs(o.numerator ?? 0) > largestMagnitude || abs(o.denominator ?? 0) > largestMagnitude
        for (name, v) in large ? [("value", Optional(o.value)), ("numerator", o.numerator), ("denominator", o.denominator)] : [] {
            guard let v, abs(v) > largestMagnitude else { continue }
            out.append(Finding(.error, .numberTooLarge, at: row.cell(name), indicator: o.indicator, entity: o.entity,
                               period: o.period.description, .beyondLargest(column: name, value: v)))
            return
        }
        // Numerators and denominators count things: a fraction is suspect, and "1.045" is most likely
        // 1045 written with a Vietnamese thousands separator (an error: the rate would be 1000× off).
        // A count indicator's value may be a rate per 100 people (106.6), so only the thousands
        // pattern is flagged there, as a warning.
        let fractional = (o.numerator.map { $0.rounded() != $0 } ?? false) || (o.denominator.map { $0.rounded() != $0 } ?? false)
            || (indicator.kind == .count && o.value.rounded() != o.value)
        var counts: [(name: String, value: Double, whole: Bool)] = fractional
            ? [("numerator", o.numerator), ("denominator", o.denominator)].compactMap { n, v in v.map { (n, $0, true) } } : []
        if fractional && indicator.kind == .count { counts.insert(("value", o.value, false), at: 0) }
        for (name, v, whole) in counts where v.rounded() != v {
            let text = row.text(name)
            if NumberFormat.isAmbiguous(text) {
                out.append(Finding(whole ? .error : .warning, .suspectNumber, at: row.cell(name), indicator: o.indicator, entity: o.entity,
                                   period: o.period.description,
                                   .thousandsReading(text: text, column: row.label(name), value: v, whole: text.replacingOccurrences(of: ".", with: ""))))
            } else if whole {
                out.append(Finding(.warning, .suspectNumber, at: row.cell(name), indicator: o.indicator, entity: o.entity,
                                   period: o.period.description, .notWhole(column: name, value: v)))
            }
        }
        if (indicator.lower.map { o.value < $0 } ?? false) || (indicator.upper.map { o.value > $0 } ?? false),
           let f = boundsCheck(o.value, indicator: indicator, at: row.cell("value"), entity: o.entity, period: o.period.description) {
            out.append(f)
        }
        if let c = o.numerator, c < 0 {
            out.append(Finding(.error, .badCounts, at: row.cell("numerator"), indicator: o.indicator, entity: o.entity,
                               period: o.period.description, .negativeCount(column: "numerator", value: c)))
        }
        if let c = o.denominator, c < 0 {
            out.append(Finding(.error, .badCounts, at: row.cell("denominator"), indicator: o.indicator, entity: o.entity,
                               period: o.period.description, .negativeCount(column: "denominator", value: c)))
        }
        guard let n = o.numerator, let d = o.denominator, indicator.kind == .share else { return }
        if n > d {
            out.append(Finding(.error, .badCounts, at: row.cell("numerator"), indicator: o.indicator, entity: o.entity,
                               period: o.period.description, .numeratorAboveDenominator(numerator: n, denominator: d)))
        } else if d == 0 {
            out.append(Finding(.warning, .zeroDenominator, at: row.cell("value"), indicator: o.indicator, entity: o.entity,
                               period: o.period.description, .zeroDenominator(rate: o.value, numerator: n, denominator: d)))
        } else {
            let scale = indicator.upper ?? 100
            let ratio = scale * n / d
            if abs(ratio - o.value) > publishedTolerance(o.value) {
                out.append(Finding(.warning, .ratioMismatch, at: row.cell("value"), indicator: o.indicator, entity: o.entity,
                                   period: o.period.description,
                                   .ratioMismatch(published: o.value, numerator: n, denominator: d, ratio: ratio)))
            }
        }
    }

    static func crossChecks(_ data: Dataset, keys: FactKeys? = nil) -> [Finding] {
        crossChecksDeciding(data, keys: keys).findings
    }

    /// The cross checks, and the observations (positions) that another row of the same fact
    /// supersedes: see ``duplicates(_:_:)``. `cells` place the references' findings; `leftOut`
    /// tells a reference to a definition left out for an error from one to nothing.
    static func crossChecksDeciding(_ data: Dataset, keys: FactKeys? = nil, cells: DatasetLoader.DefinitionCells = .init(),
                                    leftOut: DatasetLoader.LeftOut = .init()) -> (findings: [Finding], superseded: Set<Int>) {
        var keys = keys ?? FactKeys(data.observations)
        keys.finish()
        let (found, superseded) = duplicates(data, keys)
        return (references(data, cells: cells, leftOut: leftOut) + found + ranks(data, keys) + totals(data, keys)
                + targetsBeforeData(data, keys) + slips(data, keys, superseded: superseded), superseded)
    }

    /// The factor between consecutive values at or above which a step looks like a number read in
    /// the other convention (`238.450` read as 238450 beside `356.120` read as 356.12), up to `slipFactors.upperBound`.
    static let slipFactors = 300.0...3000.0
    /// The factor at or above which a step to or from a fractional count is suspect.
    static let fractionalCountFactor = 100.0

    /// Consecutive values of a series (oldest first, by the indicator's measure; rows another
    /// source supersedes left out) that change about a thousandfold, or a hundredfold with a
    /// fractional count: a warning naming both cells.
    static func slips(_ data: Dataset, _ keys: FactKeys, superseded: Set<Int>) -> [Finding] {
        var out: [Finding] = []
        let observations = data.observations
        for indicator in data.indicators {
            var byEntity: [Int32: [Int]] = [:]
            for k in keys.observations(of: indicator.id) where !superseded.contains(Int(k)) {
                byEntity[keys.entity[Int(k)], default: []].append(Int(k))
            }
            for (_, series) in byEntity.sorted(by: { $0.key < $1.key }) where series.count > 1 {
                let ordered = series.map { (time: observations[$0].period.time(measure: indicator.measure), offset: $0) }.sorted { $0 < $1 }
                for (a, b) in zip(ordered, ordered.dropFirst()) {
                    // The values first; the observations (whose texts a copy retains) only for a warning.
                    let (u, v) = (observations[a.offset].value, observations[b.offset].value)
                    guard u > 0, v > 0, a.time < b.time else { continue }
                    let factor = max(u, v) / min(u, v)
                    let fractional = indicator.kind == .count && (u.rounded() != u || v.rounded() != v)
                    guard slipFactors.contains(factor) || (fractional && factor >= fractionalCountFactor) else { continue }
                    let (x, y) = (observations[a.offset], observations[b.offset])
                    out.append(Finding(.warning, .suspectNumber, at: y.position, indicator: y.indicator, entity: y.entity, period: y.period.description,
                                       .implausibleJump(value: y.value, previous: x.value, previousPeriod: x.period.description,
                                                        previousAt: x.position, factor: factor, fractionalCount: fractional)))
                }
            }
        }
        return out
    }

    /// A source's date as ISO text (`2024`, `2024-06`, `2024-06-30`), or nil when it has none that compares.
    static func isoDate(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.unicodeScalars.enumerated().allSatisfy { k, c in [4, 7].contains(k) ? c == "-" : ("0"..."9").contains(c) }
        return [4, 7, 10].contains(t.unicodeScalars.count) && digits ? t : nil
    }

    /// Targets for a year before the first observation of their indicator and entity: there is
    /// nothing to judge them by (the latest value is years after them).
    static func targetsBeforeData(_ data: Dataset, _ keys: FactKeys) -> [Finding] {
        guard !data.targets.isEmpty else { return [] }
        func pair(_ i: Int32, _ e: Int32) -> Int64 { Int64(i) << 32 | Int64(UInt32(bitPattern: e)) }
        var first: [Int64: Int] = [:]
        for (k, o) in data.observations.enumerated() {
            let key = pair(keys.indicator[k], keys.entity[k]), year = o.period.year
            if year < first[key] ?? Int.max { first[key] = year }
        }
        var out: [Finding] = []
        for t in data.targets {
            guard let i = keys.indicatorIds[t.indicator], let e = keys.entityIds[t.entity], let year = first[pair(i, e)],
                  t.year < year else { continue }
            out.append(Finding(.error, .targetBeforeData, at: t.position, indicator: t.indicator, entity: t.entity,
                               .targetBeforeData(year: t.year, firstYear: year)))
        }
        return out
    }

    /// Every observation's indicator, entity, period and source as small integers (the same text,
    /// or the same period, gets the same number), and the observations of each indicator in file
    /// order: the cross checks group by these instead of searching the observations.
    struct FactKeys {
        /// A fact: indicator, entity, period and source numbers.
        struct Fact: Hashable { var indicator, entity, period, source: Int32 }

        var indicator: [Int32] = [], entity: [Int32] = [], period: [Int32] = [], source: [Int32] = []
        var indicatorIds: [String: Int32] = [:], entityIds: [String: Int32] = [:], sourceIds: [String: Int32] = [:]
        var periodIds: [Period: Int32] = [:]
        /// Observation positions of each indicator number, in file order.
        var byIndicator: [[Int32]] = []
        /// Indicators some of whose rows were left out for an error: checks across their rows
        /// (ranks against scores, totals against parts) would compare what is left and are skipped.
        var incomplete = Set<String>()

        /// No facts yet (the loader appends them as it reads).
        init(capacity: Int = 0) {
            indicator.reserveCapacity(capacity); entity.reserveCapacity(capacity)
            period.reserveCapacity(capacity); source.reserveCapacity(capacity)
        }

        /// The facts of `observations`.
        init(_ observations: [Observation]) {
            self.init(capacity: observations.count)
            for o in observations {
                append(indicator: Self.id(o.indicator, &indicatorIds), entity: Self.id(o.entity, &entityIds),
                       period: Self.id(o.period, &periodIds), source: Self.id(o.source, &sourceIds))
            }
        }

        /// The number of `key` in `table` (a new one for a key not seen before).
        static func id<K: Hashable>(_ key: K, _ table: inout [K: Int32]) -> Int32 {
            if let v = table[key] { return v }
            let v = Int32(table.count)
            table[key] = v
            return v
        }

        /// Adds the next observation's numbers.
        mutating func append(indicator i: Int32, entity e: Int32, period p: Int32, source s: Int32) {
            indicator.append(i); entity.append(e); period.append(p); source.append(s)
        }

        /// Groups the observations by indicator (after the last append).
        mutating func finish() {
            byIndicator = Array(repeating: [], count: indicatorIds.count)
            for (k, i) in indicator.enumerated() { byIndicator[Int(i)].append(Int32(k)) }
        }

        func fact(_ k: Int) -> Fact { Fact(indicator: indicator[k], entity: entity[k], period: period[k], source: source[k]) }

        /// Positions of the observations of indicator `id`, in file order (none for an id without any).
        func observations(of id: String) -> [Int32] { indicatorIds[id].map { byIndicator[Int($0)] } ?? [] }

        /// All positions sorted by indicator, entity, period, then file order.
        func byFact() -> [Int32] {
            let n = indicator.count
            let bits = { (count: Int) in max(1, Int.bitWidth - max(count - 1, 1).leadingZeroBitCount) }
            let (ib, eb, pb) = (bits(indicatorIds.count), bits(entityIds.count), bits(periodIds.count))
            guard ib + eb + pb <= 64 else {
                return (0..<Int32(n)).sorted { a, b in
                    let (x, y) = (Int(a), Int(b))
                    return (indicator[x], entity[x], period[x], a) < (indicator[y], entity[y], period[y], b)
                }
            }
            var pairs = (0..<n).map { k in
                (key: UInt64(indicator[k]) << UInt64(eb + pb) | UInt64(entity[k]) << UInt64(pb) | UInt64(period[k]), offset: Int32(k))
            }
            pairs.sort { ($0.key, $0.offset) < ($1.key, $1.offset) }
            return pairs.map(\.offset)
        }
    }

    /// One fact (indicator, entity, period) given more than once. The same source twice is an
    /// error (the later row is left out). Several sources: the rule for conflicting facts is that
    /// the source with the latest date (`sources.csv`'s `date`) is used and the others are left
    /// out, with a warning naming both when their values differ; when the values differ and no
    /// source is dated later than the others, it is an error and every row of the fact is left out
    /// (never decided by row order). Sources that agree are one fact (the latest dated, else the
    /// first, is kept).
    static func duplicates(_ data: Dataset, _ keys: FactKeys) -> (findings: [Finding], superseded: Set<Int>) {
        let observations = data.observations
        var superseded = Set<Int>()
        var found: [(offset: Int32, finding: Finding)] = []
        let order = keys.byFact()
        var g = 0
        var kept: [(source: Int32, offset: Int)] = []
        // Each group holds one indicator, entity and period, in file order: the first row of each
        // source is kept, later ones are duplicates; the first kept row is the one others are compared with.
        while g < order.count {
            let first = Int(order[g])
            var end = g + 1
            while end < order.count, keys.indicator[Int(order[end])] == keys.indicator[first],
                  keys.entity[Int(order[end])] == keys.entity[first], keys.period[Int(order[end])] == keys.period[first] {
                end += 1
            }
            kept.removeAll(keepingCapacity: true)
            for k in order[g..<end] {
                let k = Int(k)
                if let earlier = kept.first(where: { $0.source == keys.source[k] }) {
                    let o = observations[k]
                    let line = observations[earlier.offset].position?.line
                    found.append((Int32(k), Finding(.error, .duplicateFact, at: o.position, indicator: o.indicator, entity: o.entity,
                                                    period: o.period.description, .duplicateFact(source: o.source, line: line))))
                    superseded.insert(k)
                    continue
                }
                kept.append((keys.source[k], k))
            }
            g = end
            guard kept.count > 1 else { continue }
            // The latest dated source is used (the first in file order among those of that date
            // when they agree); when those candidates disagree nothing decides: an error.
            func date(_ k: Int) -> String? { data.sources[observations[k].source].flatMap { isoDate($0.date) } }
            func agree(_ a: Int, _ b: Int) -> Bool {
                let (x, y) = (observations[a].value, observations[b].value)
                return abs(x - y) <= max(publishedTolerance(x), publishedTolerance(y))
            }
            let latest = kept.compactMap { date($0.offset) }.max()
            let candidates = latest.map { l in kept.filter { date($0.offset) == l } } ?? kept
            let winner = candidates[0].offset
            if candidates.contains(where: { !agree($0.offset, winner) }) {
                let w = observations[winner]
                for entry in kept where entry.offset != winner {
                    let o = observations[entry.offset]
                    found.append((Int32(entry.offset), Finding(.error, .conflictingValues, at: o.position, indicator: o.indicator, entity: o.entity,
                                                               period: o.period.description,
                                                               .conflictingValues(source: o.source, value: o.value, otherSource: w.source, otherValue: w.value))))
                }
                for entry in kept { superseded.insert(entry.offset) }
                continue
            }
            let w = observations[winner]
            for entry in kept where entry.offset != winner {
                superseded.insert(entry.offset)
                guard !agree(entry.offset, winner) else { continue }
                let o = observations[entry.offset]
                found.append((Int32(entry.offset), Finding(.warning, .conflictingValues, at: o.position, indicator: o.indicator, entity: o.entity,
                                                           period: o.period.description,
                                                           .laterSourceUsed(source: o.source, value: o.value, date: date(entry.offset) ?? "",
                                                                            used: w.source, usedValue: w.value, usedDate: latest ?? ""))))
            }
        }
        return (found.sorted { $0.offset < $1.offset }.map(\.finding), superseded)
    }

    /// Published ranks against ranks recomputed from the scores (ties share the best rank),
    /// among the entities ranked in the same period by the same source.
    static func ranks(_ data: Dataset, _ keys: FactKeys) -> [Finding] {
        struct Group: Hashable { var period, source: Int32 }
        var out: [Finding] = []
        let observations = data.observations
        for rankIndicator in data.indicators where rankIndicator.kind == .rank && !keys.incomplete.contains(rankIndicator.id) {
            guard let scoreId = rankIndicator.ranks, let score = data.indicator(scoreId), !keys.incomplete.contains(scoreId) else { continue }
            var groups: [Group: [Int32]] = [:]
            for k in keys.observations(of: rankIndicator.id) {
                groups[Group(period: keys.period[Int(k)], source: keys.source[Int(k)]), default: []].append(k)
            }
            guard !groups.isEmpty else { continue }
            // The scores of each period and source, by entity (the last row wins).
            var scores: [Group: [Int32: Double]] = [:]
            for k in keys.observations(of: scoreId) {
                let group = Group(period: keys.period[Int(k)], source: keys.source[Int(k)])
                guard groups[group] != nil else { continue }
                scores[group, default: [:]][keys.entity[Int(k)]] = observations[Int(k)].value
            }
            let named = groups.keys.map { g -> (name: String, group: Group) in
                let o = observations[Int(groups[g]?[0] ?? 0)]
                return ("\(o.period)|\(o.source)", g)
            }.sorted { $0.name < $1.name }
            for (_, key) in named {
                guard let group = groups[key] else { continue }
                let byEntity = scores[key] ?? [:]
                let ranked = group.filter { byEntity[keys.entity[Int($0)]] != nil }
                guard ranked.count >= 2 else { continue }
                let sorted = ranked.compactMap { byEntity[keys.entity[Int($0)]] }.sorted()
                for k in ranked {
                    let o = observations[Int(k)]
                    guard let s = byEntity[keys.entity[Int(k)]] else { continue }
                    // Entries strictly better than s: above it when higher is better, below it otherwise.
                    var lo = 0, hi = sorted.count
                    if score.direction == .up {
                        while lo < hi { let m = (lo + hi) / 2; if sorted[m] <= s { lo = m + 1 } else { hi = m } }
                    } else {
                        while lo < hi { let m = (lo + hi) / 2; if sorted[m] < s { lo = m + 1 } else { hi = m } }
                    }
                    let better = score.direction == .up ? sorted.count - lo : lo
                    let recomputed = Double(better + 1)
                    if recomputed != o.value {
                        out.append(Finding(.warning, .rankContradiction, at: o.position, indicator: rankIndicator.id,
                                           entity: o.entity, period: o.period.description,
                                           .rankContradiction(published: o.value, score: scoreId, scoreValue: s, recomputed: recomputed, of: ranked.count)))
                    }
                }
            }
        }
        return out
    }

    /// Totals against the sum of their parts, where every part is known.
    static func totals(_ data: Dataset, _ keys: FactKeys) -> [Finding] {
        var out: [Finding] = []
        let observations = data.observations
        var partsOf: [String: [String]] = [:]
        for i in data.indicators { if let p = i.parent { partsOf[p, default: []].append(i.id) } }
        // The first observation of each fact of a part.
        var firstOfPart: [FactKeys.Fact: Int32] = [:]
        var seenParts = Set<String>()
        for part in data.indicators where part.parent != nil && seenParts.insert(part.id).inserted {
            for k in keys.observations(of: part.id) where firstOfPart[keys.fact(Int(k))] == nil {
                firstOfPart[keys.fact(Int(k))] = k
            }
        }
        for total in data.indicators where !keys.incomplete.contains(total.id) {
            guard let parts = partsOf[total.id], !parts.isEmpty, !parts.contains(where: keys.incomplete.contains) else { continue }
            let partNumbers = parts.map { keys.indicatorIds[$0] }
            var values: [Double] = []
            values.reserveCapacity(parts.count)
            for k in keys.observations(of: total.id) {
                values.removeAll(keepingCapacity: true)
                var fact = keys.fact(Int(k))
                for number in partNumbers {
                    guard let number else { break }
                    fact.indicator = number
                    guard let first = firstOfPart[fact] else { break }
                    values.append(observations[Int(first)].value)
                }
                guard values.count == parts.count else { continue }
                let sum = values.reduce(0, +)
                let value = observations[Int(k)].value
                // A table is printed to one precision: a whole number among two-decimal values
                // is exact to those decimals too. Each of the n + 1 roundings is at most ½ unit.
                let shown = max(values.map(decimals).max() ?? 0, decimals(value))
                let tolerance = Double(values.count + 1) * 0.5 * pow(10, -Double(shown)) + 1e-9 * abs(value)
                if abs(sum - value) > tolerance {
                    let o = observations[Int(k)]
                    out.append(Finding(.warning, .totalMismatch, at: o.position, indicator: total.id, entity: o.entity,
                                       period: o.period.description,
                                       .totalMismatch(total: o.value, parts: parts.count, sum: sum, decimals: shown)))
                }
            }
        }
        return out
    }
}

extension Double {
    /// Shortest round-trip text, without a trailing `.0` for whole numbers ("13425", "50.65"), as
    /// Datasets/ store numbers and messages quote them.
    public var clean: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
        return description
    }
}
