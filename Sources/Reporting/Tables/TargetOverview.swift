import Forecasting
import Foundation
import Indicators

/// The first page of a report: what a planner reads in two minutes. A summary in sentences, one
/// line per target (names, latest value with its unit and period, target, projection with its 80 %
/// range, P(meet), status and a one-sentence reading), a glossary and the source documents.
///
/// Every number comes from the ``GapTable`` it is built from (nothing is recomputed); the words are
/// ``Words``'.
public struct TargetOverview: Sendable {
    /// The gap table's rows, most at risk first.
    public var rows: [GapRow]
    /// The source documents the dataset cites, oldest first (undated ones last).
    public var sources: [Source]
    /// How many series were projected and how many comparison tables the report has.
    public var projected: Int, comparisons: Int

    /// The overview of a gap table.
    public init(gaps: GapTable, sources: [Source], projected: Int = 0, comparisons: Int = 0) {
        rows = gaps.rows
        self.sources = sources.sorted { ($0.date.isEmpty ? 1 : 0, $0.date, $0.id) < ($1.date.isEmpty ? 1 : 0, $1.date, $1.id) }
        self.projected = projected
        self.comparisons = comparisons
    }

    /// Targets by status, least at risk first (every status, with 0 where there is none).
    public var statusCounts: [(TargetAssessment.Status, Int)] {
        var counts: [TargetAssessment.Status: Int] = [:]
        for row in rows { counts[row.status, default: 0] += 1 }
        return GapTable.riskOrder.reversed().map { ($0, counts[$0] ?? 0) }
    }

    /// The summary in sentences: how many targets, how they stand (statuses with a count, in the
    /// order achieved to moving away, then those without enough data), how many series were
    /// projected, and how far the ranges can be trusted.
    public var sentences: [Phrase] {
        func n(_ v: Int, _ l: Language) -> String { NumberText.plain(Double(v), decimals: 0, l) }
        let indicators = Set(rows.map(\.indicator.id)).count, entities = Set(rows.map(\.entity.id)).count
        var out = [Phrase(vi: "Báo cáo đánh giá \(n(rows.count, .vi)) mục tiêu của \(n(indicators, .vi)) chỉ tiêu tại \(n(entities, .vi)) đơn vị.",
                          en: "The report assesses \(n(rows.count, .en)) targets of \(n(indicators, .en)) indicators in \(n(entities, .en)) units.")]
        let all = statusCounts
        let counts = all.filter { $0.0 != .insufficientData && $0.1 > 0 }
        let insufficient = all.first { $0.0 == .insufficientData }?.1 ?? 0
        if !counts.isEmpty || insufficient > 0 {
            let vi = counts.map { "\(n($0.1, .vi)) \(Words.status($0.0).vi)" }, en = counts.map { "\(n($0.1, .en)) \(Words.status($0.0).en)" }
            var sv = vi.isEmpty ? "" : "Trong đó \(vi.joined(separator: ", "))", se = en.isEmpty ? "" : "Of these, \(en.joined(separator: ", "))"
            if insufficient > 0 {
                sv += (sv.isEmpty ? "C" : "; c") + "òn \(n(insufficient, .vi)) mục tiêu chưa đủ số liệu để đánh giá"
                se += (se.isEmpty ? "" : "; ") + "\(n(insufficient, .en)) \(insufficient == 1 ? "target lacks" : "targets lack") the data to be assessed"
            }
            out.append(Phrase(vi: sv + ".", en: (se.first.map { String($0).uppercased() + se.dropFirst() } ?? se) + "."))
        }
        let behind = rows.filter { [.missed, .needsAcceleration, .offTrack, .movingAway].contains($0.status) }
        if let worst = behind.first {
            let names = Phrase(vi: "\(worst.indicator.nameVi) (\(worst.entity.nameVi))", en: "\(worst.indicator.nameEn) (\(worst.entity.nameEn))")
            out.append(Phrase(vi: "Cần ưu tiên nhất: \(names.vi), \(Words.status(worst.status).vi).",
                              en: "Most at risk: \(names.en), \(Words.status(worst.status).en)."))
        }
        if projected > 0 || comparisons > 0 {
            out.append(Phrase(vi: "\(n(projected, .vi)) chuỗi số liệu được dự báo đến năm 2030; \(n(comparisons, .vi)) bảng so sánh giữa các đơn vị.",
                              en: "\(n(projected, .en)) series are projected to 2030; \(n(comparisons, .en)) tables compare units."))
        }
        out.append(Glossary.rangesChecked)
        return out
    }

    /// One line per target.
    public func table() -> ReportTable {
        let columns: [ReportTable.Column] = [
            .init(key: "indicator_name", vi: "Chỉ tiêu", en: "Indicator", format: .text, isName: true),
            .init(key: "entity_name", vi: "Đơn vị", en: "Unit", format: .text, isName: true),
            .init(key: "latest", vi: "Hiện tại", en: "Latest", format: .text),
            .init(key: "target", vi: "Mục tiêu", en: "Target", format: .text),
            .init(key: "projection", vi: "Dự báo (khoảng 80 %)", en: "Projection (80% range)", format: .text),
            .init(key: "p_meet", vi: "Khả năng đạt", en: "P(meet)", format: .probability),
            .init(key: "status", vi: "Tình trạng", en: "Status", format: .text),
            .init(key: "reading", vi: "Nhận định", en: "Reading", format: .text),
        ]
        let cells: [[ReportTable.Cell]] = rows.map { r in
            let unit = r.indicator.unit
            let latest = r.latest.map { o in
                Phrase(vi: "\(Words.quantity(o.value, unit, .vi)) (\(Words.period(o.period).vi))",
                       en: "\(Words.quantity(o.value, unit, .en)) (\(Words.period(o.period).en))")
            }
            let target = Phrase(vi: "\(Words.comparator(r.target.comparator).vi) \(Words.quantity(r.target.value, unit, .vi)) năm \(r.target.year)",
                                en: "\(Words.comparator(r.target.comparator).en) \(Words.quantity(r.target.value, unit, .en)) by \(r.target.year)")
            let projection = r.projection.map { p in Words.estimate(p, unit: unit) }
            return [.phrase(Words.name(r.indicator)), .phrase(Words.name(r.entity)), latest.map { .phrase($0) } ?? .text(""), .phrase(target),
                    projection.map { .phrase($0) } ?? .text(""), .number(r.forecast?.target?.pMeet), .phrase(Words.status(r.status)),
                    .phrase(Words.reading(r))]
        }
        var table = ReportTable(id: "targets", titleVi: "Các mục tiêu: hiện trạng, dự báo và khả năng đạt",
                                titleEn: "Targets: where they stand, projections and the chance of meeting them",
                                columns: columns, rows: cells, charts: [], sheetVi: "Các mục tiêu", sheetEn: "Targets")
        table.rowStatuses = rows.map(\.status)
        table.cards = true
        return table
    }
}

extension Words {
    /// A projection with its 80 % range: "62,4 % (48,1–74,0 %)" / "62.4% (48.1–74.0%)"; the point
    /// alone without a range.
    public static func estimate(_ p: Projection, unit: Indicator.Unit) -> Phrase {
        func text(_ l: Language) -> String {
            let point = quantity(p.estimate, unit, decimals: 1, l)
            guard let i = p.intervals.first(where: { $0.level == 80 }), let lo = i.lower, let hi = i.upper else { return point }
            return "\(point) (\(range(lo, hi, unit, l)))"
        }
        return Phrase(vi: text(.vi), en: text(.en))
    }

    /// A range with its unit once: "48,1–74,0 %", "612,3–655,0 điểm", "1.020–1.260".
    static func range(_ lower: Double, _ upper: Double, _ unit: Indicator.Unit, _ l: Language) -> String {
        switch unit {
        case .percent, .score:
            let suffix = unit == .percent ? (l == .vi ? " %" : "%") : (l == .vi ? " điểm" : " points")
            return "\(NumberText.plain(lower, decimals: 1, l))–\(NumberText.plain(upper, decimals: 1, l))\(suffix)"
        case .count, .rank, .vnd:
            return "\(quantity(lower.rounded(), unit, l))–\(quantity(upper.rounded(), unit, l))"
        }
    }

    /// One sentence on a target: "Theo xu hướng hiện nay, năm 2025 dự kiến đạt 62,4 % (khoảng 80 %:
    /// 48,1–74,0 %); khả năng đạt mục tiêu 80 % là 9 %.", "Đã đạt mục tiêu …", "Chưa có số liệu …".
    public static func reading(_ r: GapRow) -> Phrase {
        let unit = r.indicator.unit
        func q(_ v: Double, _ l: Language) -> String { quantity(v, unit, decimals: 1, l) }
        let goal = Phrase(vi: "\(comparator(r.target.comparator).vi) \(q(r.target.value, .vi))", en: "\(comparator(r.target.comparator).en) \(q(r.target.value, .en))")
        guard let latest = r.latest else {
            return Phrase(vi: "Chưa có số liệu của chỉ tiêu này tại đơn vị này.", en: "There is no observation of this indicator for this unit.")
        }
        let now = Phrase(vi: "\(q(latest.value, .vi)) (\(period(latest.period).vi))", en: "\(q(latest.value, .en)) (\(period(latest.period).en))")
        switch r.remark {
        case let .judgedOnTargetYear(p, value), let .judgedOnNearest(p, value):
            let then = Phrase(vi: "\(q(value, .vi)) (\(period(p).vi))", en: "\(q(value, .en)) (\(period(p).en))")
            let year = r.target.year
            return r.status == .achieved
                ? Phrase(vi: "Đã đạt mục tiêu \(goal.vi) năm \(year): \(then.vi).", en: "Target \(goal.en) by \(year) met: \(then.en).")
                : Phrase(vi: "Không đạt mục tiêu \(goal.vi) năm \(year): \(then.vi).", en: "Target \(goal.en) by \(year) missed: \(then.en).")
        default:
            break
        }
        guard let p = r.projection else {
            if r.status == .achieved {
                return Phrase(vi: "Đã đạt mục tiêu \(goal.vi): \(now.vi).", en: "Target \(goal.en) met: \(now.en).")
            }
            if case let .noForecast(error) = r.remark {
                return Phrase(vi: "Chưa dự báo được (\(Words.error(error).vi)).", en: "No projection could be made (\(Words.error(error).en)).")
            }
            return Phrase(vi: "Chưa đủ số liệu để dự báo.", en: "Not enough data for a projection.")
        }
        if r.status == .achieved {
            return Phrase(vi: "Đã đạt mục tiêu \(goal.vi): \(now.vi).", en: "Target \(goal.en) met: \(now.en).")
        }
        let year = r.target.year
        var vi = "Theo xu hướng hiện nay, năm \(year) dự kiến đạt \(q(p.estimate, .vi))"
        var en = "On the current trend, \(q(p.estimate, .en)) is expected in \(year)"
        if let i = p.intervals.first(where: { $0.level == 80 }), let lo = i.lower, let hi = i.upper {
            vi += " (khoảng 80 %: \(range(lo, hi, unit, .vi)))"
            en += " (80% range: \(range(lo, hi, unit, .en)))"
        }
        if let pm = r.forecast?.target?.pMeet {
            vi += "; khả năng đạt mục tiêu \(goal.vi) là \(NumberText.format(pm, .probability, .vi))"
            en += "; the chance of meeting the target \(goal.en) is \(NumberText.format(pm, .probability, .en))"
        }
        vi += "."
        en += "."
        if let pace = pace(r) {
            vi += " " + pace.vi
            en += " " + pace.en
        }
        return Phrase(vi: vi, en: en)
    }

    /// Why the projected pace differs from the pace achieved so far, when it does by more than a
    /// quarter; that a rank held, when it did. Nil otherwise.
    static func pace(_ r: GapRow) -> Phrase? {
        guard let t = r.forecast?.target, let achieved = t.achievedChangePerYear, let latest = r.latest else { return nil }
        let unit = r.indicator.unit
        if r.indicator.kind == .rank, achieved == 0 {
            let place = Phrase(vi: quantity(latest.value, unit, .vi), en: quantity(latest.value, unit, .en))
            return Phrase(vi: "Thứ hạng giữ nguyên (\(place.vi)) trong các năm qua; dự báo tính cả khả năng thứ hạng thay đổi khi điểm số của các đơn vị khác thay đổi.",
                          en: "The rank has held (\(place.en)) in recent years; the projection allows for it to move as the other units' scores move.")
        }
        guard let projected = t.projectedChangePerYear, achieved != 0, (projected > 0) == (achieved > 0),
              abs(projected - achieved) > 0.25 * abs(achieved) else { return nil }
        let p = Phrase(vi: changePerYear(projected, unit, .vi), en: changePerYear(projected, unit, .en))
        let a = Phrase(vi: changePerYear(achieved, unit, .vi), en: changePerYear(achieved, unit, .en))
        if abs(projected) < abs(achieved) {
            var vi = "Dự báo giả định tốc độ chậm lại (\(p.vi), so với \(a.vi) đã đạt): trong số liệu thực tế của nhiều nước và địa phương, "
                + "các chỉ tiêu đã tăng nhanh như vậy phần lớn đều chậm lại"
            var en = "The projection assumes a slower pace (\(p.en), against \(a.en) so far): in real data from many countries and regions, "
                + "indicators that moved this fast mostly slowed down"
            if r.indicator.kind == .share, let u = r.indicator.upper, let l = r.indicator.lower, (latest.value - l) / (u - l) >= 0.6 {
                vi += ", và một tỷ lệ càng gần 100 % càng khó tăng nhanh"
                en += ", and a share grows more slowly the nearer it is to 100%"
            }
            return Phrase(vi: vi + ".", en: en + ".")
        }
        return Phrase(vi: "Dự báo giả định tốc độ nhanh hơn (\(p.vi), so với \(a.vi) đã đạt), theo diễn biến của chỉ tiêu này ở các đơn vị khác.",
                      en: "The projection assumes a faster pace (\(p.en), against \(a.en) so far), as this indicator moved in the other units.")
    }
}
