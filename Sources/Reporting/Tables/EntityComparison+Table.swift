import Forecasting
import Foundation
import Indicators

extension EntityComparison {
    /// The level's plural noun: "các huyện, thị xã, thành phố" / "districts".
    static func levelWords(_ level: Entity.Level) -> Phrase {
        switch level {
        case .province: Phrase(vi: "các tỉnh", en: "provinces")
        case .district: Phrase(vi: "các huyện, thị xã, thành phố", en: "districts")
        case .department: Phrase(vi: "các sở, ngành", en: "departments")
        }
    }

    /// The level as a sheet name begins: "Huyện" / "Districts".
    static func sheetWords(_ level: Entity.Level) -> Phrase {
        switch level {
        case .province: Phrase(vi: "Tỉnh", en: "Provinces")
        case .district: Phrase(vi: "Huyện", en: "Districts")
        case .department: Phrase(vi: "Sở", en: "Depts")
        }
    }

    /// The level's noun after a number: "6 đơn vị cấp huyện" / "6 districts".
    static func countedWords(_ level: Entity.Level) -> Phrase {
        switch level {
        case .province: Phrase(vi: "tỉnh", en: "provinces")
        case .district: Phrase(vi: "đơn vị cấp huyện", en: "districts")
        case .department: Phrase(vi: "sở, ngành", en: "departments")
        }
    }

    /// The stable id of the table (file names, anchors).
    public var id: String { "compare-\(indicator.id)-\(level.rawValue)" }

    /// The table for the renderers: one row per entity, group after group (each group best first),
    /// with sentences above it on the parent's figure and target, where its gap comes from, and
    /// whether the parent's forecast and its entities' agree; and the charts of the first
    /// ``chartedGroups`` groups (``charts()``).
    public func table() -> ReportTable {
        let hasContributions = groups.contains { g in g.rows.contains { $0.contribution != nil } }
        let share = indicator.kind == .share
        var columns: [ReportTable.Column] = [
            .init(key: "parent", vi: "Đơn vị cấp trên", en: "Parent", format: .text),
            .init(key: "parent_name", vi: "Thuộc", en: "Part of", format: .text, isName: true),
            .entity,
            .entityName,
            .init(key: "rank", vi: "Hạng", en: "Rank", format: .integer),
            .init(key: "rank_change", vi: "Thay đổi hạng", en: "Rank change", format: .text),
            .init(key: "value", vi: "Giá trị", en: "Value", format: .number(decimals: 2), measured: .value),
            .init(key: "period", vi: "Kỳ", en: "Period", format: .text),
            .init(key: "change", vi: share ? "Thay đổi so với kỳ trước" : "Thay đổi so với kỳ trước", en: "Change since previous",
                  format: .number(decimals: 2), measured: .difference),
            .init(key: "change_per_year", vi: "Thay đổi/năm", en: "Change/yr", format: .number(decimals: 2), measured: .perYear),
            .init(key: "parent_value", vi: "Số của cấp trên", en: "Parent's figure", format: .number(decimals: 2), measured: .value),
            .init(key: "difference_to_parent", vi: "Chênh lệch với cấp trên", en: "Difference to parent", format: .number(decimals: 2),
                  measured: .difference),
            .init(key: "target_value", vi: "Mục tiêu", en: "Target", format: .number(decimals: 2), measured: .target),
            .init(key: "target_year", vi: "Năm", en: "Year", format: .year),
            .init(key: "target_of", vi: "Mục tiêu của", en: "Target set for", format: .text),
            .init(key: "gap", vi: "Khoảng cách", en: "Gap", format: .number(decimals: 2), measured: .difference),
            .init(key: "projection", vi: "Dự báo năm mục tiêu", en: "Projection at target year", format: .number(decimals: 2), measured: .value),
            .lower80,
            .upper80,
            .pMeet,
            .init(key: "status", vi: "Tình trạng", en: "Status", format: .text),
            // Why the status and P(meet) point different ways, where they do (the gap table's sentence).
            .init(key: "remark", vi: "Ghi chú", en: "Remark", format: .text),
        ]
        if hasContributions {
            columns.append(.init(key: "contribution", vi: "Cấp trên tăng thêm nếu đơn vị đạt mục tiêu", en: "Parent gains if this entity meets the target",
                                 format: .number(decimals: 2), measured: .difference))
            if share {
                columns.append(.init(key: "contribution_count", vi: "Số cần thêm (tử số)", en: "Count to add (numerator)", format: .number(decimals: 0)))
            }
        }
        var rows: [[ReportTable.Cell]] = [], units: [ReportTable.MeasureUnit] = [], statuses: [TargetAssessment.Status] = []
        var periodWords: [String: Phrase] = [:], changeWords: [Int: Phrase] = [:]
        rows.reserveCapacity(groups.reduce(0) { $0 + $1.rows.count })
        for group in groups {
            for r in group.rows {
                let p = r.forecast?.projections.first, i80 = p?.intervals.first { $0.level == 80 }
                // The words of a period and of a rank change made once per table (a national table has 700 rows).
                let key = "\(r.observation.period)\(r.otherPeriod ? "*" : "")"
                let period = periodWords[key] ?? {
                    var p = Words.period(r.observation.period)
                    if r.otherPeriod { p = Phrase(vi: p.vi + " (*)", en: p.en + " (*)") }
                    periodWords[key] = p
                    return p
                }()
                let change = r.rankChange.map { c in
                    changeWords[c] ?? {
                        let p = Self.rankChange(c)
                        changeWords[c] = p
                        return p
                    }()
                }
                var cells: [ReportTable.Cell] = [
                    .text(group.parent?.id ?? ""), group.parent.map { .phrase(Words.name($0)) } ?? .text(""),
                    .text(r.entity.id), .phrase(Words.name(r.entity)),
                    .number(r.rank.map(Double.init)), change.map { .phrase($0) } ?? .text(""),
                    .number(r.observation.value), .phrase(period),
                    .number(r.change), .number(r.changePerYear),
                    .number(group.parentFigure?.value),
                    .number(r.differenceToParent),
                    .number(r.target?.value), .number(r.target.map { Double($0.year) }),
                    r.target.map { _ in .phrase(r.targetIsParents ? Self.parentsTarget : Self.ownTarget) } ?? .text(""),
                    .number(r.gap), .number(p?.estimate), .number(i80?.lower), .number(i80?.upper), .number(r.forecast?.target?.pMeet),
                    r.status.map { .phrase(Words.status($0)) } ?? .text(""),
                    r.forecast?.target.flatMap { $0.disagreement ? .phrase(Words.disagreement($0)) : nil } ?? .text(""),
                ]
                if hasContributions {
                    cells.append(.number(r.contribution?.points))
                    if share { cells.append(.number(r.contribution?.count)) }
                }
                rows.append(cells)
                units.append(.init(style))
                statuses.append(r.status ?? .insufficientData)
            }
        }
        let name = Words.name(indicator), who = Self.levelWords(level)
        let single = groups.count == 1 ? groups.first?.parent : nil
        let whose = single.map { p in Phrase(vi: "\(who.vi) của \(p.nameVi)", en: "\(who.en) of \(p.nameEn)") } ?? who
        let period = groups.first.map { Words.period($0.period) } ?? Phrase(vi: "", en: "")
        var table = ReportTable(id: id, titleVi: "So sánh \(whose.vi): \(name.vi), \(period.vi)", titleEn: "Comparison of \(whose.en): \(name.en), \(period.en)",
                                columns: columns, rows: rows, charts: charts(),
                                sheetVi: "\(Self.sheetWords(level).vi) - \(ReportTable.shortName(indicator.nameVi))",
                                sheetEn: "\(Self.sheetWords(level).en) - \(ReportTable.shortName(indicator.nameEn))",
                                rowUnits: units)
        if let single { table.sayOnce("parent_name", Phrase(vi: "Các đơn vị thuộc \(single.nameVi).", en: "Entities of \(single.nameEn).")) }
        // Columns no row fills are left out (a score without targets has no projection columns).
        func empty(_ key: String) -> Bool {
            guard let k = columns.firstIndex(where: { $0.key == key }) else { return false }
            return rows.allSatisfy { row in
                switch row[k] {
                case let .number(v): v == nil
                case let .text(t): t.isEmpty
                case .phrase: false
                }
            }
        }
        let optional: [[String]] = [["rank_change"], ["change", "change_per_year"], ["parent_value", "difference_to_parent"],
                                    ["target_value", "target_year", "target_of", "gap", "projection", "lower_80", "upper_80", "p_meet", "status"],
                                    ["remark"]]
        let dropped = Set(optional.filter { $0.allSatisfy(empty) }.flatMap { $0 } + (groups.allSatisfy { $0.parent == nil } ? ["parent", "parent_name"] : []))
        if !dropped.isEmpty {
            let kept = columns.indices.filter { !dropped.contains(columns[$0].key) }
            table.columns = kept.map { columns[$0] }
            table.rows = rows.map { row in kept.map { row[$0] } }
        }
        // The parent's figure said once per group (a national table of many provinces: once, in a note).
        table.lead = groups.count <= 3 ? groups.flatMap { sentences($0, figure: true) } : groups.flatMap { sentences($0, figure: false) }
        if groups.count > 3, groups.contains(where: { $0.parentFigure != nil }) {
            table.notes.append(Phrase(vi: "Số của cấp trên: số riêng của cấp trên khi có; nếu không, tỷ lệ gộp các đơn vị (cộng tử số và mẫu số), tổng (số đếm) hoặc trung bình (điểm số) của các đơn vị.",
                                      en: "Parent's figure: the parent's own when it has one; else its entities' pooled rate (numerators and denominators summed), sum (a count) or mean (a score)."))
        }
        if groups.contains(where: { $0.rows.contains(where: \.otherPeriod) }) {
            table.notes.append(Phrase(vi: "(*) Số liệu của kỳ khác kỳ so sánh: đơn vị không được xếp hạng.",
                                      en: "(*) Figures of another period than the one compared: the entity is not ranked."))
        }
        table.rowStatuses = statuses
        // On a page: where each entity stands and against its parent, then the target and its projection.
        table.partBreaks = ["target_value"].compactMap { key in table.columns.firstIndex { $0.key == key } }
        return table
    }

    /// The most groups whose charts a table carries: a national comparison has the districts of
    /// some 64 provinces per indicator, read in its table; the charts show the first groups.
    public static let chartedGroups = 2

    /// The charts of the first ``chartedGroups`` groups with two ranked entities or more, two per
    /// group: a sorted dot chart of the compared period (``DotChart``: values, projections with
    /// their 80 % ranges, the parent's figure and the target) and the entities' histories as small
    /// multiples (``SmallMultiples``; none when no entity has two observations). Rows of another
    /// period are left out of both, and a note says so; a note on the dot chart says when groups
    /// were left out.
    ///
    /// The parent's figure and target are drawn only for a share or a score, whose parent stands on
    /// its entities' scale; a count's or an amount's parent holds their sum (a province's dossiers
    /// beside its districts'), and a rank's parent is ranked among others. Those show a target only
    /// when every ranked entity has the same one of its own.
    public func charts() -> [Chart] {
        let charted = groups.filter { g in g.rows.filter { !$0.otherPeriod }.count >= 2 }
        let name = Words.name(indicator)
        var out: [Chart] = []
        for group in charted.prefix(Self.chartedGroups) {
            let ranked = group.rows.filter { !$0.otherPeriod }
            let who = Self.levelWords(level)
            let whose = group.parent.map { p in Phrase(vi: "\(who.vi) của \(p.nameVi)", en: "\(who.en) of \(p.nameEn)") } ?? who
            var notes: [Phrase] = []
            let others = group.rows.count - ranked.count
            if others > 0 {
                notes.append(Phrase(vi: "\(others) đơn vị có số liệu của kỳ khác không được vẽ.",
                                    en: "\(others) \(others == 1 ? "entity" : "entities") with figures of another period not drawn."))
            }
            var dotNotes = notes
            if charted.count > Self.chartedGroups {
                let n = { (l: Language) in NumberText.plain(Double(charted.count), decimals: 0, l) }
                dotNotes.append(Phrase(vi: "Biểu đồ của \(Self.chartedGroups) nhóm đầu trong \(n(.vi)) nhóm (theo đơn vị cấp trên); các nhóm khác xem ở bảng.",
                                       en: "Charts of the first \(Self.chartedGroups) of \(n(.en)) groups (by parent); the others are in the table."))
            }
            let period = Words.period(group.period)
            let rows = ranked.map { r in DotChart.Row(label: Words.name(r.entity), value: r.observation.value, projection: projected(r, group)) }
            out.append(.dots(DotChart(title: Phrase(vi: "\(name.vi): \(whose.vi), \(period.vi)", en: "\(name.en): \(whose.en), \(period.en)"),
                                      style: style, period: period, rows: rows, parent: parentLine(group), target: targetLine(group, ranked),
                                      lower: indicator.lower, upper: indicator.upper, notes: dotNotes)))
            // Histories of one observation each draw nothing the dot chart does not.
            guard ranked.contains(where: { $0.history.count >= 2 }) else { continue }
            let panels = ranked.map { SmallMultiples.Panel(label: Words.name($0.entity), rank: $0.rank, history: $0.history) }
            out.append(.multiples(SmallMultiples(title: Phrase(vi: "\(name.vi) theo thời gian: \(whose.vi)", en: "\(name.en) over time: \(whose.en)"),
                                                 style: style, panels: panels, lower: indicator.lower, upper: indicator.upper, notes: notes)))
        }
        return out
    }

    /// Whether the parent's figure and target stand on its entities' scale (a share, a score).
    var parentOnScale: Bool { indicator.kind == .share || indicator.kind == .score }

    /// A row's projection for the dot chart: at the parent's target year when the group has that
    /// target and it is drawn (every row then at one year, the year of the target line), else at
    /// the row's own target year.
    func projected(_ row: Row, _ group: Group) -> DotChart.Projected? {
        let atParentYear = parentOnScale && group.parentTarget != nil ? row.atParentYear : nil
        guard let p = atParentYear ?? row.forecast?.projections.first, p.estimate.isFinite else { return nil }
        let i80 = p.intervals.first { $0.level == 80 }
        return DotChart.Projected(year: p.year ?? Int((p.t - 1e-6).rounded(.down)), median: p.estimate, lower: i80?.lower, upper: i80?.upper)
    }

    /// The parent's figure as a line of the dot chart: "Số của tỉnh Minh Họa: 44,19 %" / "Minh Hoa
    /// province's figure: 44.19%"; an aggregate is named as the sentence above the table names it.
    func parentLine(_ group: Group) -> DotChart.Reference? {
        guard parentOnScale, let figure = group.parentFigure, figure.value.isFinite else { return nil }
        func line(_ l: Language) -> String {
            let value = style.text(figure.value, l)
            if case .own = figure, let parent = group.parent {
                return l == .vi ? "Số của \(parent.nameVi): \(value)" : "\(parent.nameEn)'s figure: \(value)"
            }
            let kind = Self.figureWords(figure, level: level).text(l)
            return kind.prefix(1).uppercased() + kind.dropFirst() + ": " + value
        }
        return DotChart.Reference(value: figure.value, label: Phrase(vi: line(.vi), en: line(.en)))
    }

    /// The target as a line of the dot chart: the parent's (a share's or a score's), else the one
    /// every ranked row shares (none when they differ): "Mục tiêu 2025: ≥ 50 %".
    func targetLine(_ group: Group, _ ranked: [Row]) -> DotChart.Reference? {
        let targets = ranked.compactMap(\.target)
        let common = targets.first.flatMap { t in
            targets.count == ranked.count && targets.allSatisfy { ($0.year, $0.value, $0.comparator) == (t.year, t.value, t.comparator) } ? t : nil
        }
        guard let t = (parentOnScale ? group.parentTarget : nil) ?? common, t.value.isFinite else { return nil }
        let mark = FanChart.TargetMark(t: Double(t.year), value: t.value, year: t.year, comparator: t.comparator)
        return DotChart.Reference(value: t.value, label: Words.chartTargetLabel(mark, style: style))
    }

    /// "lên 2 bậc" / "up 2", "giữ nguyên" / "same", "xuống 1 bậc" / "down 1".
    static func rankChange(_ places: Int) -> Phrase {
        if places == 0 { return Phrase(vi: "giữ nguyên", en: "same") }
        let n = abs(places)
        return places > 0 ? Phrase(vi: "lên \(n) bậc", en: "up \(n)") : Phrase(vi: "xuống \(n) bậc", en: "down \(n)")
    }

    /// Which figure of the parent a row is set beside.
    static func figureWords(_ figure: ParentFigure, level: Entity.Level) -> Phrase {
        let who = countedWords(level)
        switch figure {
        case .own: return Phrase(vi: "số của cấp trên", en: "the parent's own figure")
        case let .weighted(_, n): return Phrase(vi: "tỷ lệ gộp của \(n) \(who.vi) (cộng tử số và mẫu số)", en: "pooled rate of \(n) \(who.en) (numerators and denominators summed)")
        case let .sum(_, n): return Phrase(vi: "tổng của \(n) \(who.vi)", en: "sum of \(n) \(who.en)")
        case let .mean(_, n): return Phrase(vi: "trung bình của \(n) \(who.vi)", en: "mean of \(n) \(who.en)")
        }
    }

    /// Whose target a row is measured against: the parent's (its name is in the row) or the entity's own.
    static let parentsTarget = Phrase(vi: "cấp trên", en: "parent")
    /// … the entity's own.
    static let ownTarget = Phrase(vi: "đơn vị", en: "entity")

    /// The sentences above the table for a group: the parent's figure, target and forecast; the
    /// entities that hold it back most; whether its forecast and its entities' agree.
    func sentences(_ group: Group, figure showFigure: Bool) -> [Phrase] {
        guard let parent = group.parent else { return [] }
        var out: [Phrase] = []
        func both(_ make: (Language) -> String) -> Phrase { Phrase(vi: make(.vi), en: make(.en)) }
        if showFigure, let figure = group.parentFigure {
            out.append(both { l in
                let vi = l == .vi, value = "\(style.text(figure.value, l)), \(Words.period(group.period).text(l))"
                // The parent's own figure is named as the parent's; an aggregate says what it is of.
                var s: String
                if case .own = figure {
                    s = "\(Words.name(parent).text(l)): \(value)"
                } else {
                    let kind = Self.figureWords(figure, level: level).text(l)
                    s = vi ? "\(parent.nameVi) không có số riêng; \(kind): \(value)" : "\(parent.nameEn) has no figure of its own; \(kind): \(value)"
                }
                if let t = group.parentTarget {
                    let goal = "\(Words.comparator(t.comparator).text(l)) \(style.target(t.value, l))"
                    s += vi ? "; mục tiêu \(goal) năm \(t.year)" : "; target \(goal) by \(t.year)"
                    if let p = group.parentForecast?.projections.first, let i = p.intervals.first(where: { $0.level == 80 }),
                       let lo = i.lower, let hi = i.upper {
                        s += vi ? ", dự báo \(style.text(p.estimate, l)) (80 %: \(style.range(lo, hi, l)))"
                            : ", projected \(style.text(p.estimate, l)) (80%: \(style.range(lo, hi, l)))"
                        if let pm = group.parentForecast?.target?.pMeet {
                            s += vi ? ", xác suất đạt \(NumberText.format(pm, .probability, l))" : ", P(meet) \(NumberText.format(pm, .probability, l))"
                        }
                    }
                }
                return s + "."
            })
        }
        let largest = group.largestContributions
        if let gap = group.parentGap, !largest.isEmpty {
            out.append(both { l in
                let vi = l == .vi, share = indicator.kind == .share
                func amount(_ r: Row) -> String {
                    guard let c = r.contribution else { return "" }
                    let points = share ? NumberText.format(c.points, .points(decimals: style.decimals), l) : style.text(c.points, l)
                    return share ? "\(points); \(vi ? "tử số thêm" : "numerator +")\(vi ? " " : "")\(NumberText.plain(c.count, decimals: 0, l))" : points
                }
                let names = largest.map { "\(Words.name($0.entity).text(l)) (\(amount($0)))" }.joined(separator: "; ")
                let total = group.rows.reduce(0) { $0 + ($1.contribution?.points ?? 0) }
                let gapText = share ? NumberText.format(gap, .points(decimals: style.decimals), l) : style.text(gap, l)
                let totalText = share ? NumberText.format(total, .points(decimals: style.decimals), l) : style.text(total, l)
                let count = largest.count == 1 ? (vi ? "Đơn vị" : "The entity") : (vi ? "\(largest.count) đơn vị" : "The \(largest.count) entities")
                var s = vi ? "\(count) kéo \(parent.nameVi) xa mục tiêu nhất (cấp trên tăng thêm bao nhiêu nếu riêng đơn vị đó đạt mục tiêu): \(names)."
                    : "\(count) holding \(parent.nameEn) back most (what the parent gains if that entity alone meets the target): \(names)."
                let tolerance = 0.5 * pow(10, -Double(style.decimals))
                if abs(total - gap) <= tolerance {
                    s += vi ? " Cộng mọi đơn vị: \(totalText), đúng bằng khoảng cách của \(parent.nameVi)." : " All entities together: \(totalText), \(parent.nameEn)'s whole gap."
                } else {
                    s += vi ? " Cộng mọi đơn vị: \(totalText); khoảng cách của \(parent.nameVi) là \(gapText)"
                        : " All entities together: \(totalText); \(parent.nameEn)'s gap is \(gapText)"
                    let past = group.pastTarget.map { e in
                        "\(Words.name(e.entity).text(l)) \(share ? NumberText.format(e.amount, .points(decimals: style.decimals), l) : style.text(e.amount, l))"
                    }
                    if !past.isEmpty {
                        s += vi ? ", vì đã vượt mục tiêu: \(past.joined(separator: ", "))" : ", since past the target: \(past.joined(separator: ", "))"
                    }
                    let residual = total - group.pastTarget.reduce(0) { $0 + $1.amount } - gap
                    if abs(residual) > tolerance {
                        let r = share ? NumberText.format(residual, .points(decimals: style.decimals), l) : style.text(residual, l)
                        s += vi ? "; còn lệch \(r) vì số của \(parent.nameVi) không bằng tổng các đơn vị" : "; \(r) more because \(parent.nameEn)'s figure is not its entities' sum"
                    }
                    s += "."
                }
                return s
            })
        }
        if let d = group.disagreement {
            out.append(both { l in
                l == .vi ? "Dự báo riêng của \(parent.nameVi) (80 %: \(style.range(d.parent.0, d.parent.1, l))) không trùng với khoảng cộng từ dự báo của các đơn vị (\(style.range(d.entities.0, d.entities.1, l))): hai dự báo của cùng một đại lượng lệch nhau, nên xem lại số liệu."
                    : "\(parent.nameEn)'s own forecast (80%: \(style.range(d.parent.0, d.parent.1, l))) does not overlap the range its entities' forecasts add up to (\(style.range(d.entities.0, d.entities.1, l))): two forecasts of one quantity disagree; check the figures."
            })
        }
        return out
    }
}
