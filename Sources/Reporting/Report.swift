import Foundation
import Forecasting
import Indicators

/// The main job: the gap table and every comparison the dataset supports, rendered to files.
public struct Report: Sendable {
    /// The gap-to-target table.
    public var gaps: GapTable
    /// Projections of every series with a trend (n ≥ 3).
    public var projections: ProjectionTable
    /// Comparison tables (DTI-style totals with parts, and two-window shares with counts).
    public var comparisons: [ReportTable]
    /// The language of labels and numbers.
    public var language: Language

    /// Builds the report; `progress(done, total)` is called per target.
    public static func build(_ data: Dataset, language: Language, intervals: IntervalMethod = .calibrated,
                             calibration: CalibrationTable? = nil, progress: ((Int, Int) -> Void)? = nil) -> Report {
        var groups = PeerGroups(data)
        let gaps = GapTable.build(data, groups: &groups, years: nil, entities: nil, indicators: nil, statuses: nil,
                                  intervals: intervals, calibration: calibration, progress: progress)
        var comparisons: [ReportTable] = []
        // Totals of scored parts (the DTI and its pillars, with maximum points).
        let parents = Set(data.indicators.compactMap(\.parent))
        for total in data.indicators where total.kind == .score && total.upper != nil && parents.contains(total.id) {
            if let c = try? DistrictComparison.build(data, index: groups.index, indicator: total.id), c.rows.count >= 2 { comparisons.append(c.table()) }
        }
        for indicator in data.indicators where indicator.kind == .share && !parents.contains(indicator.id) {
            if let c = try? ProportionComparison.build(data, index: groups.index, indicator: indicator.id), c.rows.count >= 2 { comparisons.append(c.table()) }
        }
        let projections = ProjectionTable.build(data, groups: &groups, years: [2025, 2030], minimumPoints: 4, intervals: intervals,
                                                calibration: calibration)
        return Report(gaps: gaps, projections: projections, comparisons: comparisons, language: language)
    }

    /// Counts of gap rows by status.
    public var statusCounts: [(TargetAssessment.Status, Int)] {
        GapTable.riskOrder.reversed().map { s in (s, gaps.rows.filter { $0.status == s }.count) }
    }

    /// One-line summary lines for the page and the terminal.
    public var summary: [String] {
        let onTrack = gaps.rows.filter { [.achieved, .onTrack].contains($0.status) }.count
        let off = gaps.rows.filter { [.needsAcceleration, .offTrack, .movingAway].contains($0.status) }.count
        let insufficient = gaps.rows.filter { $0.status == .insufficientData }.count
        if language == .vi {
            return ["\(gaps.rows.count) mục tiêu: \(onTrack) đạt hoặc đúng tiến độ, \(off) chậm hoặc lệch hướng, \(insufficient) thiếu dữ liệu",
                    "\(projections.rows.count) chuỗi số liệu được dự báo đến 2030", "\(comparisons.count) bảng so sánh"]
        }
        return ["\(gaps.rows.count) targets: \(onTrack) achieved or on track, \(off) behind or moving away, \(insufficient) insufficient data",
                "\(projections.rows.count) series projected to 2030", "\(comparisons.count) comparison tables"]
    }

    /// Whether a file name is one a report writes (`index.html`, `gaps.*`, `projections.*`,
    /// `comparison-*`): what an existing report folder may hold for ``AtomicWriter/replaceFolder(_:with:owns:beforeSwap:)``
    /// to replace it.
    public static func ownsFileName(_ name: String) -> Bool {
        name == "index.html" || name.hasPrefix("gaps.") || name.hasPrefix("projections.") || name.hasPrefix("comparison-")
    }

    /// Every file of the report, by name, rendered in memory.
    public func files() throws -> [(name: String, data: Data)] {
        try renderers().map { file in
            switch try file.render() {
            case let .text(text): (file.name, Data(text.utf8))
            case let .bytes(data): (file.name, data)
            }
        }
    }

    /// Every file of the report, by name, each rendered when its closure is called (a national
    /// report is written a file or two at a time instead of being held in memory whole).
    public func renderers() -> [(name: String, render: @Sendable () throws -> FileContents)] {
        let gapTable = gaps.table(), projectionTable = projections.table()
        let (language, comparisons, summary) = (self.language, self.comparisons, self.summary)
        var out: [(name: String, render: @Sendable () throws -> FileContents)] = [
            ("gaps.xlsx", { .bytes(try XLSXRenderer.workbook([gapTable, projectionTable] + comparisons, language: language)) }),
            ("index.html", { .text(HTMLRenderer.page(title: language == .vi ? "Báo cáo chỉ số chuyển đổi số" : "Digital transformation indicators report",
                                                     summary: summary, tables: [gapTable, projectionTable] + comparisons, language: language)) }),
            ("gaps.md", { .text(TextRenderers.markdown(gapTable, language: language)) }),
            ("gaps.csv", { .text(TextRenderers.csv(gapTable, language: language)) }),
            ("gaps.json", { .text(TextRenderers.json([gapTable], language: language)) }),
            ("projections.md", { .text(TextRenderers.markdown(projectionTable, language: language)) }),
            ("projections.csv", { .text(TextRenderers.csv(projectionTable, language: language)) }),
            ("projections.json", { .text(TextRenderers.json([projectionTable], language: language)) }),
        ]
        for table in comparisons {
            out.append(("\(table.id).md", { .text(TextRenderers.markdown(table, language: language)) }))
            out.append(("\(table.id).csv", { .text(TextRenderers.csv(table, language: language)) }))
            out.append(("\(table.id).json", { .text(TextRenderers.json([table], language: language)) }))
        }
        return out
    }
}
