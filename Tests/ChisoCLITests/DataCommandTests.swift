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
        #expect(r.stderr == "Error: \(shippedDatasets.path)/indicators.csv: no indicator with the id, name or alias \"nope\" (chiso data list indicators shows them)\n")
        let missing = try runChiso(["data", "validate", "--data", "/nonexistent/data"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Error: /nonexistent/data: no such file\n")
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

    /// The data checks of issue 11: each case is one finding with its position, errors where the
    /// number would be wrong, warnings where it may be.
    @Test func aliasAndNumberChecks() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files: [String: String] = [
            "sources.csv": "id,title,issuer,document_number,date,file\ns_a,Report A,UBND tỉnh A,1/BC,2024-01-01,a.txt\ns_b,Report B,UBND tỉnh B,2/BC,2024-01-01,b.txt\ns_x,Report X,Someone else,3/BC,2024-01-01,x.txt\n",
            "indicators.csv": "id,name_vi,name_en,unit,kind,lower,upper,direction,measure,parent,ranks,definition\nsh,Tỷ lệ,Share,percent,share,0,100,up,stock,,,\nct,Số,Count,count,count,0,,up,stock,,,\n",
            "entities.csv": "id,name_vi,name_en,level,parent,aliases\n"
                + "pa,tỉnh A,Province A,province,,UBND tỉnh A\npb,tỉnh B,Province B,province,,UBND tỉnh B\n"
                + "fa,Sở Tài chính tỉnh A,Finance A,department,pa,Sở Tài chính\nfb,Sở Tài chính tỉnh B,Finance B,department,pb,Sở Tài chính\n"
                + "odd,Odd,Odd,department,pa,???\nloop,Loop,Loop,district,loop,\nc1,C1,C1,district,c2,\nc2,C2,C2,district,c1,\n",
            "observations.csv": "indicator,entity,period,value,numerator,denominator,source,locator,note\n"
                + "sh,Sở Tài chính,2023,50,1,2,s_a,,\n"            // line 2: decided by the source's issuer (tỉnh A) → fa
                + "sh,Sở Tài chính,2023,50,1,2,s_x,,\n"            // line 3: not decided → error
                + "sh,???,2022,50,1,2,s_a,,\n"                     // line 4: an alias of nothing → unknown entity
                + "sh,pa,2023,50,1.045,2.090,s_a,,\n"              // line 5: thousands in counts → errors
                + "sh,pb,2023,50,1.5,3,s_b,,\n"                    // line 6: a fractional count → warning
                + "ct,pa,2023,1.045,,,s_a,,\n"                     // line 7: a count value like thousands → warning
                + "sh,pa,2022,50,1e308,2e300,s_a,,\n",             // line 8: too large → error
            "targets.csv": "indicator,entity,year,value,comparator,source,note\nsh,pa,1900,60,>=,s_a,\nsh,pa,2025,60,>=,s_a,\n",
        ]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let r = try runChiso(["data", "validate", "--data", dir.path])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        func has(_ prefix: String, _ text: String) -> Bool { lines.contains { $0.hasPrefix(dir.path + "/" + prefix) && $0.contains(text) } }
        #expect(has("entities.csv:6:6: error[bad_alias]", "alias \"???\" has no letters or digits"))
        #expect(has("observations.csv:2:2: warning[entity_alias]", "names fa and fb; source s_a is issued by pa, so it is fa"))
        #expect(has("observations.csv:3:2: error[alias_clash]", "entity \"Sở Tài chính\" names fa and fb and the source does not tell which; write the id"))
        #expect(has("observations.csv:4:2: error[unknown_entity]", "unknown entity \"???\""))
        #expect(has("observations.csv:5:5: error[suspect_number]", "\"1.045\" in column \"numerator\" reads as 1.045, but with a thousands separator it is 1045"))
        #expect(has("observations.csv:5:6: error[suspect_number]", "\"2.090\" in column \"denominator\""))
        #expect(has("observations.csv:6:5: warning[suspect_number]", "numerator 1.5 is not a whole number"))
        #expect(has("observations.csv:7:4: warning[suspect_number]", "\"1.045\" in column \"value\" reads as 1.045"))
        #expect(has("observations.csv:8:5: error[number_too_large]", "numerator 1e+308 is beyond ±1e150"))
        #expect(lines.contains { $0.contains("error[bad_reference] loop: parents form a cycle: loop → loop") })
        #expect(lines.contains { $0.contains("error[bad_reference] c1: parents form a cycle: c1 → c2 → c1") })
        #expect(has("targets.csv:2:", "error[target_before_data] sh pa: target year 1900 is before the first observation (2022)"))
        #expect(!lines.contains { $0.contains("targets.csv:3:") })
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
