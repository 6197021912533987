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
    /// The calibration the ranges come from (the summary and the glossary describe what it was
    /// learned from, in its own words: `CalibrationTable.corpus`).
    public var calibration: CalibrationTable

    /// The overview of a gap table whose ranges come from `calibration` (nil: the shipped one).
    public init(gaps: GapTable, sources: [Source], projected: Int = 0, comparisons: Int = 0, calibration: CalibrationTable? = nil) {
        rows = gaps.rows
        self.sources = sources.sorted { ($0.date.isEmpty ? 1 : 0, $0.date, $0.id) < ($1.date.isEmpty ? 1 : 0, $1.date, $1.id) }
        self.projected = projected
        self.comparisons = comparisons
        self.calibration = calibration ?? .shipped
    }

    /// The glossary of the report: ``Glossary/entries(_:)`` of its calibration.
    public var glossary: [(term: Phrase, definition: Phrase)] { Glossary.entries(calibration) }

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
        // What else the report holds, leaving out what it does not hold.
        var also: [Phrase] = []
        if projected > 0 {
            also.append(Phrase(vi: "\(n(projected, .vi)) chuỗi số liệu được dự báo đến năm 2030",
                               en: "\(n(projected, .en)) series \(projected == 1 ? "is" : "are") projected to 2030"))
        }
        if comparisons > 0 {
            also.append(Phrase(vi: "\(n(comparisons, .vi)) bảng so sánh giữa các đơn vị",
                               en: "\(n(comparisons, .en)) \(comparisons == 1 ? "table compares" : "tables compare") units"))
        }
        if let joined = Phrase.joined(also) {
            out.append(Phrase(vi: joined.vi + ".", en: (joined.en.first.map { String($0).uppercased() + joined.en.dropFirst() } ?? joined.en) + "."))
        }
        out.append(Glossary.rangesChecked(calibration))
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
            let style = r.style
            let latest = r.latest.map { o in
                Phrase(vi: "\(style.text(o.value, .vi)) (\(Words.period(o.period).vi))",
                       en: "\(style.text(o.value, .en)) (\(Words.period(o.period).en))")
            }
            let target = Phrase(vi: "\(Words.comparator(r.target.comparator).vi) \(style.target(r.target.value, .vi)) năm \(r.target.year)",
                                en: "\(Words.comparator(r.target.comparator).en) \(style.target(r.target.value, .en)) by \(r.target.year)")
            let projection = r.projection.map { p in Words.estimate(p, style: style) }
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
    /// A projection with its 80 % range, in the indicator's style: "62,4 % (48,1–74,0 %)" /
    /// "62.4% (48.1–74.0%)", "512.300 hồ sơ (498.000–530.100 hồ sơ)"; the point alone without a range.
    public static func estimate(_ p: Projection, style: ValueStyle) -> Phrase {
        func text(_ l: Language) -> String {
            let point = style.text(p.estimate, l)
            guard let i = p.intervals.first(where: { $0.level == 80 }), let lo = i.lower, let hi = i.upper else { return point }
            return "\(point) (\(style.range(lo, hi, l)))"
        }
        return Phrase(vi: text(.vi), en: text(.en))
    }

    /// One sentence on a target: "Theo xu hướng hiện nay, năm 2025 dự kiến đạt 62,4 % (khoảng 80 %:
    /// 48,1–74,0 %); khả năng đạt mục tiêu 80 % là 9 %.", "Đã đạt mục tiêu …", "Chưa có số liệu …".
    public static func reading(_ r: GapRow) -> Phrase {
        let style = r.style
        func q(_ v: Double, _ l: Language) -> String { style.text(v, l) }
        let goal = Phrase(vi: "\(comparator(r.target.comparator).vi) \(style.target(r.target.value, .vi))",
                          en: "\(comparator(r.target.comparator).en) \(style.target(r.target.value, .en))")
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
                return Phrase(vi: "Chưa dự báo được (\(Words.forecastProblem(error).vi)).", en: "No projection could be made (\(Words.forecastProblem(error).en)).")
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
            vi += " (khoảng 80 %: \(style.range(lo, hi, .vi)))"
            en += " (80% range: \(style.range(lo, hi, .en)))"
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
        let style = r.style
        if r.indicator.kind == .rank, achieved == 0 {
            let place = Phrase(vi: style.text(latest.value, .vi), en: style.text(latest.value, .en))
            return Phrase(vi: "Thứ hạng giữ nguyên (\(place.vi)) trong các năm qua; dự báo tính cả khả năng thứ hạng thay đổi khi điểm số của các đơn vị khác thay đổi.",
                          en: "The rank has held (\(place.en)) in recent years; the projection allows for it to move as the other units' scores move.")
        }
        guard let projected = t.projectedChangePerYear, achieved != 0, (projected > 0) == (achieved > 0),
              abs(projected - achieved) > 0.25 * abs(achieved) else { return nil }
        let p = Phrase(vi: changePerYear(projected, style, .vi), en: changePerYear(projected, style, .en))
        let a = Phrase(vi: changePerYear(achieved, style, .vi), en: changePerYear(achieved, style, .en))
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
