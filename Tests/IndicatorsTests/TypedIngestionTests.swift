import ChisoTestSupport
import Foundation
import Indicators
import Testing

/// A planner's tables become a ``Dataset`` validated as typed values (issue 23, item 1): no CSV
/// text is written and read again, and every finding and every observation keeps the cell its
/// value came from.
struct TypedIngestionTests {
    /// Writes `files` (relative path → text) into a fresh folder and loads them as planner tables.
    func load(_ files: [(String, String)]) throws -> (dataset: Dataset, findings: [Finding], dir: URL) {
        let dir = try temporaryDirectory()
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let (dataset, findings) = try DatasetLoader.load(files: files.map { dir.appendingPathComponent($0.0).path })
        return (dataset, findings, dir)
    }

    /// A share above 100 % is an error at its cell; every observation keeps its own cell.
    @Test func findingsAndObservationsKeepTheirCells() throws {
        let (dataset, findings, dir) = try load([("dvc.csv", "Huyện;Năm;Tỷ lệ (%)\nĐắk Mil;2021;20,5\nĐắk Mil;2022;120\nĐắk Mil;2023;30,2\n")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("dvc.csv").path
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.outOfBounds])
        #expect(errors.first?.position?.description == "\(file):3:3")
        // Each observation keeps its cell (as a dataset folder, a row with a bounds error is kept
        // beside its error: the error stops the loading of a valid dataset).
        #expect(dataset.observations.map { $0.position?.description } == ["\(file):2:3", "\(file):3:3", "\(file):4:3"])
        #expect(dataset.observations.map(\.locator) == ["dvc.csv:2:3", "dvc.csv:3:3", "dvc.csv:4:3"])
    }

    /// The same fact twice from one source (two files of the same name) names the first one's line
    /// in its own file, not a line of a rendered observations.csv.
    @Test func aDuplicateNamesTheFirstRowsLine() throws {
        let first = "Huyện,Năm,Số hồ sơ\nĐắk Mil,2020,5\nĐắk Mil,2021,10\n"
        let second = "Huyện,Năm,Số hồ sơ\nĐắk Mil,2021,10\n"
        let (_, findings, dir) = try load([("a/so-lieu.csv", first), ("b/so-lieu.csv", second)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let duplicate = try #require(findings.first { $0.code == .duplicateFact })
        #expect(duplicate.position?.description == dir.appendingPathComponent("b/so-lieu.csv").path + ":2:3")
        #expect(duplicate.problem == .duplicateFact(source: "so_lieu", line: 3))
    }
}
