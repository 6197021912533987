import ChisoTestSupport
import Foundation
import Testing

/// `chiso data` on the shipped dataset and on broken copies.
struct DataCommandTests {
    @Test func validateShippedDataset() throws {
        let r = try runChiso(["data", "validate", "--data", shippedDatasets.path, "--lang", "en"])
        #expect(r.status == 0)
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.range(of: #"^\d+ observations, \d+ indicators, \d+ entities, \d+ sources, \d+ targets; 0 errors, \d+ warnings$"#,
                            options: .regularExpression) != nil, "\(last)")
        #expect(r.stdout.contains("warning[rank_contradiction] dti_rank dak_glong 2023"))
        #expect(r.stdout.contains("warning[header_mismatch]"))
        // The default is Vietnamese: the same findings in Vietnamese words, without the codes (which
        // --format json keeps for searching).
        let vi = try runChiso(["data", "validate", "--data", shippedDatasets.path])
        #expect(vi.status == 0)
        let lastVi = vi.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastVi.range(of: #"^[\d.]+ số liệu, \d+ chỉ tiêu, \d+ đơn vị, \d+ nguồn, \d+ mục tiêu; 0 lỗi, \d+ cảnh báo$"#,
                              options: .regularExpression) != nil, "\(lastVi)")
        #expect(vi.stdout.contains("cảnh báo: dti_rank dak_glong 2023: thứ hạng công bố là"))
        #expect(!vi.stdout.contains("[") || !vi.stdout.contains("_mismatch]"))
        let json = try runChiso(["data", "validate", "--data", shippedDatasets.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(json.status == 0 && object["errors"] as? Int == 0 && findings.count == vi.stdout.split(separator: "\n").count - 1)
        #expect(findings.contains { $0["code"] as? String == "rank_contradiction" && $0["indicator"] as? String == "dti_rank"
            && ($0["message"] as? String)?.hasPrefix("thứ hạng công bố là") == true })
        #expect(vi.stdout.split(separator: "\n").count == r.stdout.split(separator: "\n").count)
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
        let table = try runChiso(["data", "list", "targets", "--lang", "en"])
        #expect(table.status == 0 && table.stdout.hasPrefix("indicator"))
        let vi = try runChiso(["data", "list", "targets"])
        #expect(vi.status == 0 && vi.stdout.hasPrefix("Chỉ tiêu"))
        #expect(vi.stdout.split(separator: "\n").count == table.stdout.split(separator: "\n").count)
        // Machine formats do not change with the language; JSON adds the words of its codes.
        let csv = try runChiso(["data", "list", "indicators", "--format", "csv"]), csvEn = try runChiso(["data", "list", "indicators", "--format", "csv", "--lang", "en"])
        #expect(csv.status == 0 && csv.stdout == csvEn.stdout && csv.stdout.hasPrefix("id,name_vi,name_en,unit,kind,"))
        let indicators = try #require(try JSONSerialization.jsonObject(with: Data(try runChiso(["data", "list", "indicators", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        let share = try #require(indicators.first { $0["kind"] as? String == "share" })
        #expect(share["kind_text"] as? String == "tỷ lệ" && share["unit"] as? String == "percent" && share["unit_text"] as? String == "%")
    }

    @Test func unknownIdsAndMissingFolder() throws {
        let r = try runChiso(["data", "show", "--indicator", "nope", "--data", shippedDatasets.path, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: \(shippedDatasets.path)/indicators.csv: no indicator with the id, name or alias \"nope\" (chiso data list indicators shows them)\n")
        let missing = try runChiso(["data", "validate", "--data", "/nonexistent/data", "--lang", "en"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Error: /nonexistent/data: no such file\n")
        let vi = try runChiso(["data", "show", "--indicator", "nope", "--data", shippedDatasets.path])
        #expect(vi.status == 1)
        #expect(vi.stderr == "Lỗi: \(shippedDatasets.path)/indicators.csv: không có chỉ tiêu nào có mã, tên hoặc tên gọi khác là \"nope\" (chiso data list indicators liệt kê các chỉ tiêu)\n")
        let missingVi = try runChiso(["data", "validate", "--data", "/nonexistent/data"])
        #expect(missingVi.status == 1 && missingVi.stderr == "Lỗi: /nonexistent/data: không có tệp này\n")
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
        let validate = try runChiso(["data", "validate", "--data", dir.path, "--lang", "en"])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("\(dir.path)/observations.csv:\(lines):3: error[unparseable] dti_score: \"2023x\" is not a period"))
        #expect(validate.stdout.contains("; 1 error, "))
        let show = try runChiso(["data", "show", "--indicator", "dti_score", "--data", dir.path, "--lang", "en"])
        #expect(show.status == 1)
        #expect(show.stderr.hasPrefix("Error: \(dir.path)/observations.csv:\(lines):3: error[unparseable]"))
        #expect(show.stderr.split(separator: "\n").count == 1)
        let validateVi = try runChiso(["data", "validate", "--data", dir.path])
        #expect(validateVi.status == 1)
        #expect(validateVi.stdout.contains("\(dir.path)/observations.csv:\(lines):3: lỗi: dti_score: \"2023x\" không phải là kỳ số liệu"))
        #expect(validateVi.stdout.contains("; 1 lỗi, "))
        let showVi = try runChiso(["data", "show", "--indicator", "dti_score", "--data", dir.path])
        #expect(showVi.status == 1)
        #expect(showVi.stderr.hasPrefix("Lỗi: \(dir.path)/observations.csv:\(lines):3: dti_score: \"2023x\""))
        #expect(showVi.stderr.split(separator: "\n").count == 1)
        // Loading never writes to the input files.
        #expect(try Data(contentsOf: obs).count == before.count + "dti_score,dak_song,2023x,1,,,kn_bc_cds_8t_2024,,\n".utf8.count)
    }

    /// The data checks of issue 11: each case is one finding with its position, errors where the
    /// number would be wrong, warnings where it may be.
    @Test func aliasAndNumberChecks() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeDataset(datasetWithFindings, to: dir)
        let r = try runChiso(["data", "validate", "--data", dir.path, "--lang", "en"])
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
        // The same findings in Vietnamese (the default), numbers with a decimal comma, texts from the file as written.
        let vi = try runChiso(["data", "validate", "--data", dir.path])
        let viLines = vi.stdout.split(separator: "\n").map(String.init)
        func hasVi(_ prefix: String, _ text: String) -> Bool { viLines.contains { $0.hasPrefix(dir.path + "/" + prefix) && $0.contains(text) } }
        #expect(vi.status == 1 && viLines.count == lines.count)
        #expect(hasVi("entities.csv:6:6: lỗi: ", "tên gọi khác \"???\" không có chữ cái hay chữ số nào"))
        #expect(hasVi("observations.csv:2:2: cảnh báo: ", "tên này ứng với fa và fb; nguồn s_a do pa ban hành nên đó là fa"))
        #expect(hasVi("observations.csv:3:2: lỗi: ", "đơn vị \"Sở Tài chính\" có thể là fa hoặc fb và nguồn không cho biết là đơn vị nào; hãy ghi mã"))
        #expect(hasVi("observations.csv:5:5: lỗi: ", "\"1.045\" ở cột \"numerator\" được đọc là 1,045, nhưng nếu dấu chấm là dấu phân cách hàng nghìn thì là 1045"))
        #expect(hasVi("observations.csv:6:5: cảnh báo: ", "tử số 1,5 không phải là số nguyên"))
        #expect(hasVi("observations.csv:8:5: lỗi: ", "tử số 1e+308 vượt quá ±1e150"))
        #expect(viLines.contains { $0.contains("lỗi: c1: quan hệ cấp trên tạo thành vòng lặp: c1 → c2 → c1") })
        #expect(hasVi("targets.csv:2:", "lỗi: sh pa: năm mục tiêu 1900 sớm hơn năm có số liệu đầu tiên (2022)"))
        // No internal code in the Vietnamese lines.
        #expect(!viLines.contains { $0.contains("lỗi[") || $0.contains("cảnh báo[") })
        let errors = lines.filter { $0.contains(" error[") || $0.hasPrefix("error[") }.count
        let warnings = lines.filter { $0.contains(" warning[") || $0.hasPrefix("warning[") }.count
        #expect(lines.last?.hasSuffix("; \(errors) errors, \(warnings) warnings") == true, "\(lines.last ?? "")")
        #expect(viLines.last?.hasSuffix("; \(errors) lỗi, \(warnings) cảnh báo") == true, "\(viLines.last ?? "")")
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
        for id in hostile { added += "\"\(id)\",n,n,%,share,0,100,up,flow,,,,,\n" }
        try added.write(to: indicators, atomically: true, encoding: .utf8)
        let validate = try runChiso(["data", "validate", "--data", data.path, "--lang", "en"])
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
