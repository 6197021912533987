import Foundation
import Forecasting
import Indicators

/// The gap table counted by indicator or by entity, worst first: where a national report starts
/// (which indicators and which districts lag), before the row-by-row tables.
public enum StatusSummary {
    /// What the rows are grouped by.
    public enum Grouping: Sendable {
        /// One row per indicator.
        case indicator
        /// One row per entity (district, province, department).
        case entity
    }

    /// Targets per group and status: achieved or on track, behind (needs acceleration, off track,
    /// moving away or missed), insufficient data; sorted by the share behind (highest first), then by id.
    public static func table(_ gaps: GapTable, by grouping: Grouping) -> ReportTable {
        struct Counts { var id = "", name = Phrase(vi: "", en: ""), targets = 0, met = 0, behind = 0, insufficient = 0 }
        var groups: [String: Counts] = [:]
        for row in gaps.rows {
            let (id, name) = grouping == .indicator ? (row.indicator.id, Words.name(row.indicator)) : (row.entity.id, Words.name(row.entity))
            var c = groups[id] ?? Counts(id: id, name: name)
            c.targets += 1
            switch row.status {
            case .achieved, .onTrack: c.met += 1
            case .needsAcceleration, .offTrack, .movingAway, .missed: c.behind += 1
            case .insufficientData: c.insufficient += 1
            }
            groups[id] = c
        }
        let sorted = groups.values.sorted {
            let a = Double($0.behind) / Double($0.targets), b = Double($1.behind) / Double($1.targets)
            return a != b ? a > b : $0.id < $1.id
        }
        let (key, vi, en) = grouping == .indicator ? ("indicator", "Chỉ tiêu", "Indicator") : ("entity", "Đơn vị", "Entity")
        let columns: [ReportTable.Column] = [
            .init(key: key, vi: vi, en: en, format: .text),
            .init(key: "\(key)_name", vi: "Tên", en: "Name", format: .text, isName: true),
            .init(key: "targets", vi: "Số mục tiêu", en: "Targets", format: .integer),
            .init(key: "achieved_or_on_track", vi: "Đạt hoặc đúng tiến độ", en: "Achieved or on track", format: .integer),
            .init(key: "behind", vi: "Chậm hoặc lệch hướng", en: "Behind or moving away", format: .integer),
            .init(key: "insufficient_data", vi: "Thiếu dữ liệu", en: "Insufficient data", format: .integer),
            .init(key: "behind_share", vi: "Tỷ lệ chậm", en: "Share behind", format: .probability),
        ]
        let rows: [[ReportTable.Cell]] = sorted.map { c in
            [.text(c.id), .phrase(c.name), .number(Double(c.targets)), .number(Double(c.met)), .number(Double(c.behind)),
             .number(Double(c.insufficient)), .number(Double(c.behind) / Double(c.targets))]
        }
        return grouping == .indicator
            ? ReportTable(id: "summary-by-indicator", titleVi: "Tình trạng theo chỉ tiêu (chậm nhất trước)",
                          titleEn: "Status by indicator (most behind first)", columns: columns, rows: rows, charts: [],
                          sheetVi: "Theo chỉ tiêu", sheetEn: "By indicator")
            : ReportTable(id: "summary-by-entity", titleVi: "Tình trạng theo đơn vị (chậm nhất trước)",
                          titleEn: "Status by entity (most behind first)", columns: columns, rows: rows, charts: [],
                          sheetVi: "Theo đơn vị", sheetEn: "By entity")
    }
}
