import Foundation

/// Which label column names the indicator, and the kind of each indicator (``KindRule``).
extension PlannerTable {
    /// Headers of a column naming indicators.
    static let indicatorHeaders: Set<String> = ["chỉ tiêu", "chi tieu", "tên chỉ tiêu", "chỉ số", "tên chỉ số", "indicator", "nội dung", "mã chỉ tiêu"]
    /// Headers of a column naming entities.
    static let entityHeaders: Set<String> = ["đơn vị", "don vi", "tên đơn vị", "huyện", "xã", "tỉnh", "địa phương", "huyện, thành phố",
                                             "huyện/thành phố", "huyện/thị xã/thành phố", "địa bàn", "district", "province", "entity", "cơ quan",
                                             "sở, ngành", "mã đơn vị", "commune"]

    /// The label column (its index in ``labelColumns``) that names indicators, if one is headed so.
    var indicatorColumn: Int? {
        labelColumns.firstIndex { Self.indicatorHeaders.contains(Self.normalised($0)) }
    }

    /// Names each series' indicator (``TableSeries/indicator``) and decides each indicator's kind
    /// once from all its series (``KindRule/decide(texts:share:counts:values:)``): its name, the
    /// value column's header and the first unit given; the first series' evidence of a share; whether
    /// every point has both counts; every value.
    mutating func decideKinds(fallbackName: String) {
        let column = indicatorColumn
        var groups: [String: [Int]] = [:], order: [String] = [], keys: [String: String] = [:]
        for k in series.indices {
            let name = column.map { series[k].labels[$0].text } ?? valueColumn ?? fallbackName
            series[k].indicator = name
            // Each indicator's name recurs in every series of it: keyed once.
            let key = keys[name] ?? Self.labelKey(name)
            keys[name] = key
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(k)
        }
        let all = series
        var decisions: [(members: [Int], decision: KindDecision)] = []
        for key in order {
            guard let members = groups[key], let first = members.first else { continue }
            let name = all[first].indicator
            let unit = members.lazy.compactMap { all[$0].unit }.first { !$0.isEmpty } ?? ""
            let points = members.lazy.flatMap { all[$0].points }
            let counts = !points.isEmpty && points.allSatisfy { $0.numerator != nil && $0.denominator != nil }
            let share = members.lazy.compactMap { all[$0].shareEvidence }.first
                ?? (KindRule.saysPercent(name) ? .label(name) : nil)
            let decision = KindRule.decide(texts: [name, valueColumn ?? "", unit], share: share, counts: counts, values: points.lazy.map(\.value))
            decisions.append((members, decision))
        }
        for (members, decision) in decisions {
            for k in members { series[k].kind = decision }
        }
    }

    /// What in the texts says a series is a share.
    static func shareEvidence(header: String?, unit: String?, labels: [String], texts: some Collection<String>) -> ShareEvidence? {
        let says = KindRule.saysPercent
        if let header, says(header) { return .header(header) }
        if let unit, says(unit) { return .unit(unit) }
        if let label = labels.first(where: says) { return .label(label) }
        // Every text ending in the sign (checked until one does not).
        func all(_ sign: String) -> Bool {
            !texts.isEmpty && texts.allSatisfy { trimmed($0).hasSuffix(sign) }
        }
        if all("%") { return .percentSigns }
        if all("‰") { return .perMilleSigns }
        return nil
    }
}
