import ChisoTestSupport
import Foundation
import Testing

/// `chiso data` on the shipped dataset and on broken copies.
struct DataCommandTests {
    @Test func validateShippedDataset() throws {
        let r = try runChiso(["data", "validate", "--data", shippedDatasets.path])
        #expect(r.status == 0)
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.range(of: #"^\d+ observations, \d+ indicators, \d+ entities, \d+ sources, \d+ targets; 0 errors, \d+ warnings$"#,
                            options: .regularExpression) != nil, "\(last)")
        #expect(r.stdout.contains("warning[rank_contradiction] dti_rank dak_glong 2023"))
        #expect(r.stdout.contains("warning[header_mismatch]"))
    }

    @Test func showUsesTheShippedDatasetByDefault() throws {
        // No --data: found next to the executable's package.
        let r = try runChiso(["data", "show", "--indicator", "dti_score", "--entity", "dak_song", "--format", "json"],
                             in: FileManager.default.temporaryDirectory)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["period"] as? String == "2023" && rows[0]["value"] as? Double == 685.21 && rows[0]["t"] as? Double == 2023.5)
        #expect(Set(rows[0].keys) == ["indicator", "entity", "period", "t", "value", "numerator", "denominator", "source", "locator"])
    }

    @Test func showIsOldestFirst() throws {
        let r = try runChiso(["data", "show", "--indicator", "dvctt_with_applications_share", "--entity", "dak_nong", "--format", "csv"])
        #expect(r.status == 0)
        let periods = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }
        #expect(periods == ["2016", "2017", "2018", "2019", "2020H1"])
    }

    @Test func listFormats() throws {
        let json = try runChiso(["data", "list", "entities", "--format", "json"])
        let entities = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entities.contains { $0["id"] as? String == "krong_no" })
        let table = try runChiso(["data", "list", "targets"])
        #expect(table.status == 0 && table.stdout.hasPrefix("indicator"))
    }

    @Test func unknownIdsAndMissingFolder() throws {
        let r = try runChiso(["data", "show", "--indicator", "nope", "--data", shippedDatasets.path])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: \(shippedDatasets.path)/indicators.csv: no indicator \"nope\" (chiso data list indicators shows them)\n")
        let missing = try runChiso(["data", "validate", "--data", "/nonexistent/data"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Error: /nonexistent/data/sources.csv: no such file\n")
    }

    @Test func brokenDatasetFailsWithPositions() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["sources.csv", "indicators.csv", "entities.csv", "observations.csv", "targets.csv"] {
            try FileManager.default.copyItem(at: shippedDatasets.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let obs = dir.appendingPathComponent("observations.csv")
        let before = try Data(contentsOf: obs)
        try (String(decoding: before, as: UTF8.self) + "dti_score,dak_song,2023x,1,,,kn_bc_cds_8t_2024,,\n").write(to: obs, atomically: true, encoding: .utf8)
        let lines = String(decoding: try Data(contentsOf: obs), as: UTF8.self).split(separator: "\n").count
        let validate = try runChiso(["data", "validate", "--data", dir.path])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("\(dir.path)/observations.csv:\(lines):3: error[unparseable] dti_score: \"2023x\" is not a period"))
        #expect(validate.stdout.contains("; 1 error, "))
        let show = try runChiso(["data", "show", "--indicator", "dti_score", "--data", dir.path])
        #expect(show.status == 1)
        #expect(show.stderr.hasPrefix("Error: \(dir.path)/observations.csv:\(lines):3: error[unparseable]"))
        #expect(show.stderr.split(separator: "\n").count == 1)
        // Loading never writes to the input files.
        #expect(try Data(contentsOf: obs).count == before.count + "dti_score,dak_song,2023x,1,,,kn_bc_cds_8t_2024,,\n".utf8.count)
    }

    /// Ids that could reach a path, a terminal or a log: refused at load with their position, echoed
    /// without control characters and cut when huge; a report never writes outside its folder.
    @Test func hostileIdsAreRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["sources.csv", "indicators.csv", "entities.csv", "observations.csv", "targets.csv"] {
            try FileManager.default.copyItem(at: shippedDatasets.appendingPathComponent(name), to: data.appendingPathComponent(name))
        }
        let indicators = data.appendingPathComponent("indicators.csv")
        let text = try String(contentsOf: indicators, encoding: .utf8)
        let line = text.split(separator: "\n").count + 1
        let hostile = ["x/../../escaped", "a b", "\u{1B}[31mred", String(repeating: "z", count: 5000)]
        var added = text
        for id in hostile { added += "\"\(id)\",n,n,%,share,0,100,up,flow,,,\n" }
        try added.write(to: indicators, atomically: true, encoding: .utf8)
        let validate = try runChiso(["data", "validate", "--data", data.path])
        #expect(validate.status == 1)
        let errors = validate.stdout.split(separator: "\n").filter { $0.contains("error[invalid_id]") }
        #expect(errors.count == 4)
        #expect(errors.first?.hasPrefix("\(indicators.path):\(line):1: error[invalid_id] id \"x/../../escaped\" may use only") == true)
        #expect(!validate.stdout.contains("\u{1B}") && validate.stdout.contains("\"\u{FFFD}[31mred\""))
        #expect(validate.stdout.split(separator: "\n").allSatisfy { $0.count < 600 })
        let report = try runChiso(["report", "--data", data.path, "--out", dir.appendingPathComponent("out/r").path])
        #expect(report.status == 1)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == ["data"])
        #expect(!FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("escaped.md").path))
    }
}
