import Foundation
import Forecasting
import Indicators

/// The main job: the gap table and every comparison the dataset supports, rendered to files.
public struct Report: Sendable {
    /// The gap-to-target table.
    public var gaps: GapTable
    /// Projections of every series with a trend (n ≥ 3).
    public var projections: ProjectionTable
    /// Comparison tables: per indicator, its entities of each level compared (``EntityComparison``),
    /// then DTI-style totals with parts and two windows of a share with counts.
    public var comparisons: [ReportTable]
    /// The language of labels and numbers.
    public var language: Language
    /// What the report was computed from (the Word document's source lines name it).
    public var provenance: DOCXRenderer.Provenance
    /// The first page: summary in sentences, one line per target, glossary and sources.
    public var overview: TargetOverview

    /// Builds the report; `progress(done, total)` is called per target.
    public static func build(_ data: Dataset, language: Language, intervals: IntervalMethod = .calibrated,
                             calibration: CalibrationTable? = nil, progress: ((Int, Int) -> Void)? = nil) -> Report {
        // One panel: each series is fitted once, and its gap rows, projections and comparisons read off that fit.
        var groups = ReportPanel(data, intervals: intervals, calibration: calibration)
        let gaps = GapTable.build(data, groups: &groups, years: nil, entities: nil, indicators: nil, statuses: nil, progress: progress)
        let projections = ProjectionTable.build(data, groups: &groups, years: [2025, 2030], minimumPoints: 4)
        // Per indicator, on all cores: its entities of one level compared (at least three at a common
        // period), then the special cases: totals with scored parts (the DTI and its pillars), two
        // windows of a share with counts.
        groups.build(data.indicators.map(\.id))
        let parents = Set(data.indicators.compactMap(\.parent))
        // The gap rows and targets of each indicator sorted out once (not scanned again per indicator).
        let shared = groups, gapRows = Dictionary(grouping: gaps.rows, by: \.indicator.id)
        let targets = Dictionary(grouping: data.targets, by: \.indicator)
        let perIndicator = Parallel.map(data.indicators) { indicator -> [ReportTable] in
            var tables = EntityComparison.build(data, groups: shared, gaps: gapRows[indicator.id] ?? [], targets: targets[indicator.id] ?? [],
                                                indicator: indicator.id, period: nil, minimumEntities: 3).map { $0.table() }
            if indicator.kind == .score, indicator.upper != nil, parents.contains(indicator.id),
               let c = try? DistrictComparison.build(data, index: shared.index, indicator: indicator.id), c.rows.count >= 2 {
                tables.append(c.table())
            }
            if indicator.kind == .share, !parents.contains(indicator.id),
               let c = try? ProportionComparison.build(data, index: shared.index, indicator: indicator.id), c.rows.count >= 2 {
                tables.append(c.table())
            }
            return tables
        }
        let comparisons = perIndicator.flatMap { $0 ?? [] }
        let overview = TargetOverview(gaps: gaps, sources: Array(data.sources.values), projected: projections.rows.count,
                                      comparisons: comparisons.count, calibration: calibration)
        return Report(gaps: gaps, projections: projections, comparisons: comparisons, language: language, provenance: .init(data),
                      overview: overview)
    }

    /// Counts of gap rows by status.
    public var statusCounts: [(TargetAssessment.Status, Int)] { overview.statusCounts }

    /// The report's title (the web page's and the Word document's).
    public var title: String {
        language == .vi ? "Báo cáo chỉ số chuyển đổi số" : "Digital transformation indicators report"
    }

    /// One-line summary lines for the page and the terminal.
    public var summary: [String] {
        let onTrack = gaps.rows.filter { [.achieved, .onTrack].contains($0.status) }.count
        let off = gaps.rows.filter { [.needsAcceleration, .offTrack, .movingAway, .missed].contains($0.status) }.count
        let insufficient = gaps.rows.filter { $0.status == .insufficientData }.count
        let language = self.language
        func n(_ count: Int) -> String { NumberText.plain(Double(count), decimals: 0, language) }
        // A part of the report that is not there is not counted ("0 bảng so sánh"): it is left out.
        let projected = projections.rows.count, compared = comparisons.count
        if language == .vi {
            return ["\(n(gaps.rows.count)) mục tiêu: \(n(onTrack)) đạt hoặc đúng tiến độ, \(n(off)) chậm hoặc lệch hướng, \(n(insufficient)) thiếu dữ liệu"]
                + (projected > 0 ? ["\(n(projected)) chuỗi số liệu được dự báo đến năm 2030"] : [])
                + (compared > 0 ? ["\(n(compared)) bảng so sánh giữa các đơn vị"] : [])
        }
        return ["\(n(gaps.rows.count)) targets: \(n(onTrack)) achieved or on track, \(n(off)) behind or moving away, \(n(insufficient)) insufficient data"]
            + (projected > 0 ? ["\(n(projected)) series projected to 2030"] : [])
            + (compared > 0 ? ["\(n(compared)) comparison \(compared == 1 ? "table" : "tables")"] : [])
    }

    /// The marker file a report folder is written with, listing the files the report wrote: an
    /// existing folder is replaced by the next report only when it holds the marker and only the
    /// files it lists (file names alone never make a folder a report's).
    public static let marker = ".chiso-report"

    /// How ``AtomicWriter/replaceFolder(_:with:rules:beforeSwap:)`` treats an existing report folder.
    public static var folderRules: AtomicWriter.FolderRules { AtomicWriter.FolderRules(marker: marker) }

    /// Comparisons with more rows than this go on a page of their own.
    public static let longTable = 200

    /// Every file of the report, by name, rendered in memory (`generated`: the Word document's date).
    public func files(generated: Date = Date()) throws -> [(name: String, data: Data)] {
        try renderers(generated: generated).map { file in
            switch try file.render() {
            case let .text(text): (file.name, Data(text.utf8))
            case let .bytes(data): (file.name, data)
            }
        }
    }

    /// Every file of the report, by name, each rendered when its closure is called (a national
    /// report is written a file or two at a time instead of being held in memory whole).
    ///
    /// `report.docx` is the summary, the status summaries, the gap table, the projections and the
    /// comparisons of up to ``longTable`` rows (longer ones are named in its summary: they have files
    /// of their own), dated `generated`.
    public func renderers(generated: Date = Date()) -> [(name: String, render: @Sendable () throws -> FileContents)] {
        let gapTable = gaps.table(), projectionTable = projections.table(), targets = overview.table()
        let byIndicator = StatusSummary.table(gaps, by: .indicator), byEntity = StatusSummary.table(gaps, by: .entity)
        let (language, comparisons, summary, title, provenance, overview) = (self.language, self.comparisons, self.summary, self.title,
                                                                             self.provenance, self.overview)
        // Long comparisons (a national report compares 700 districts per indicator) get pages of their
        // own, linked from the index, so that the index opens in seconds.
        let inline = comparisons.filter { $0.rows.count <= Self.longTable }, paged = comparisons.filter { $0.rows.count > Self.longTable }
        let links = paged.map { (title: $0.title(language), href: "\($0.id).html") }
        var out: [(name: String, render: @Sendable () throws -> FileContents)] = [
            ("gaps.xlsx", { .bytes(try XLSXRenderer.workbook([gapTable, projectionTable, byIndicator, byEntity] + comparisons, language: language)) }),
            ("index.html", { .text(HTMLRenderer.page(title: title, summary: summary, tables: [targets, byIndicator, byEntity, gapTable, projectionTable] + inline,
                                                     language: language, links: links, overview: overview, generated: generated,
                                                     provenance: provenance)) }),
            ("report.docx", { .bytes(try DOCXRenderer.document(
                title: title, summary: summary + paged.map {
                    language == .vi ? "Bảng so sánh dài, ở tệp riêng: \($0.title(language)) (\($0.id).csv)"
                        : "Long comparison, in a file of its own: \($0.title(language)) (\($0.id).csv)"
                },
                tables: [targets, byIndicator, byEntity, gapTable, projectionTable] + inline, language: language, provenance: provenance,
                generated: generated, overview: overview)) }),
            ("gaps.md", { .text(TextRenderers.markdown(gapTable, language: language)) }),
            ("gaps.csv", { .text(TextRenderers.csv(gapTable, language: language)) }),
            ("gaps.json", { .text(TextRenderers.json([gapTable], language: language)) }),
            ("projections.md", { .text(TextRenderers.markdown(projectionTable, language: language)) }),
            ("projections.csv", { .text(TextRenderers.csv(projectionTable, language: language)) }),
            ("projections.json", { .text(TextRenderers.json([projectionTable], language: language)) }),
        ]
        for table in paged {
            out.append(("\(table.id).html", { .text(HTMLRenderer.page(title: table.title(language), summary: [], tables: [table], language: language)) }))
        }
        for table in [byIndicator, byEntity] + comparisons {
            out.append(("\(table.id).md", { .text(TextRenderers.markdown(table, language: language)) }))
            out.append(("\(table.id).csv", { .text(TextRenderers.csv(table, language: language)) }))
            out.append(("\(table.id).json", { .text(TextRenderers.json([table], language: language)) }))
        }
        return out
    }
}
