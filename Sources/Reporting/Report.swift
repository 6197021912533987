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

    /// Every file of the report, by name, rendered in memory.
    public func files() throws -> [(name: String, data: Data)] {
        try renderers().map { file in (file.name, try file.render()) }
    }

    /// Every file of the report, by name, each rendered when its closure is called (a national
    /// report is written one file at a time instead of being held in memory whole).
    public func renderers() -> [(name: String, render: @Sendable () throws -> Data)] {
        let gapTable = gaps.table(), projectionTable = projections.table()
        let (language, comparisons, summary) = (self.language, self.comparisons, self.summary)
        var out: [(name: String, render: @Sendable () throws -> Data)] = [
            ("index.html", { Data(HTMLRenderer.page(title: language == .vi ? "Báo cáo chỉ số chuyển đổi số" : "Digital transformation indicators report",
                                                    summary: summary, tables: [gapTable, projectionTable] + comparisons, language: language).utf8) }),
            ("gaps.md", { Data(TextRenderers.markdown(gapTable, language: language).utf8) }),
            ("gaps.csv", { Data(TextRenderers.csv(gapTable, language: language).utf8) }),
            ("gaps.json", { Data(TextRenderers.json([gapTable], language: language).utf8) }),
            ("gaps.xlsx", { try XLSXRenderer.workbook([gapTable, projectionTable] + comparisons, language: language) }),
            ("projections.md", { Data(TextRenderers.markdown(projectionTable, language: language).utf8) }),
            ("projections.csv", { Data(TextRenderers.csv(projectionTable, language: language).utf8) }),
            ("projections.json", { Data(TextRenderers.json([projectionTable], language: language).utf8) }),
        ]
        for table in comparisons {
            out.append(("\(table.id).md", { Data(TextRenderers.markdown(table, language: language).utf8) }))
            out.append(("\(table.id).csv", { Data(TextRenderers.csv(table, language: language).utf8) }))
            out.append(("\(table.id).json", { Data(TextRenderers.json([table], language: language).utf8) }))
        }
        return out
    }
}

/// Writes files so that none is ever half-written: each goes to a temporary name in the same
/// folder and is renamed into place.
public enum AtomicWriter {
    /// Writes `data` to `path`.
    ///
    /// - Throws: ``ReportError/write(path:reason:)``.
    public static func write(_ data: Data, to path: String) throws(ReportError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temp)
            // rename(2) replaces the destination atomically (FileManager.replaceItemAt on Linux
            // was seen to lose the destination).
            guard rename(temp.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedFailureReasonErrorKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw .write(path: path, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
    }

    /// Renders and writes several files into `directory` (created if missing), one at a time, each
    /// under a temporary name; once all are written, each is renamed into place. A file that cannot
    /// be rendered or written leaves every existing file as it was (and no temporary file behind).
    public static func write(rendering files: [(name: String, render: @Sendable () throws -> Data)], into directory: String) throws {
        try prepare(directory)
        var written: [(temp: URL, path: String)] = []
        do {
            for file in files {
                let path = (directory as NSString).appendingPathComponent(file.name)
                let url = URL(fileURLWithPath: path)
                let temp = url.deletingLastPathComponent()
                    .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
                let data = try file.render()
                do {
                    try data.write(to: temp)
                } catch {
                    throw ReportError.write(path: path, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
                }
                written.append((temp, path))
            }
            for (temp, path) in written {
                // rename(2) replaces the destination atomically.
                guard rename(temp.path, path) == 0 else { throw ReportError.write(path: path, reason: String(cString: strerror(errno))) }
            }
        } catch {
            for (temp, _) in written { try? FileManager.default.removeItem(at: temp) }
            throw error
        }
    }

    static func prepare(_ directory: String) throws(ReportError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .write(path: directory, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
        guard FileManager.default.isWritableFile(atPath: directory) else { throw .write(path: directory, reason: "the folder is not writable") }
    }

    /// Writes several files into `directory` (created if missing). All files are rendered before
    /// the first is written.
    public static func write(_ files: [(name: String, data: Data)], into directory: String) throws(ReportError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .write(path: directory, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
        guard FileManager.default.isWritableFile(atPath: directory) else { throw .write(path: directory, reason: "the folder is not writable") }
        for file in files { try write(file.data, to: (directory as NSString).appendingPathComponent(file.name)) }
    }
}
