import ChisoTestSupport
import Foundation
import Testing

/// `chiso gaps`, `compare` and `report` as users run them, including their bad input.
struct ReportCommandTests {
    @Test func reportWritesEveryFileAndASummary() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runChiso(["report", "--out", dir.appendingPathComponent("r").path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("74 targets: "))
        #expect(r.stderr.contains("Forecasting 74/74"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("r").path)
        for name in ["index.html", "report.docx", "gaps.md", "gaps.csv", "gaps.json", "gaps.xlsx", "comparison-dti_score-2023.md",
                     "comparison-dti_score-2023.csv", "comparison-dti_score-2023.json", "projections.csv"] {
            #expect(files.contains(name), "missing \(name)")
        }
        #expect(!files.contains { $0.contains(".tmp-") })
    }

    @Test func unwritableOutputFolderLeavesNothingBehind() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A file where the folder should be: the folder cannot be created.
        let blocker = dir.appendingPathComponent("report")
        try Data("x".utf8).write(to: blocker)
        let r = try runChiso(["report", "--out", blocker.path, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").last?.hasPrefix("Error: \(blocker.path): cannot be written") == true)
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "x")
        let out = try runChiso(["gaps", "--output", dir.appendingPathComponent("missing/gaps.md").path, "--lang", "en"])
        #expect(out.status == 1 && out.stderr.hasPrefix("Error: \(dir.path)/missing/gaps.md: cannot be written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report"])
    }

    @Test func unknownIndicatorAndBadTargetsFile() throws {
        let unknown = try runChiso(["compare", "--indicator", "nope", "--lang", "en"])
        #expect(unknown.status == 1 && unknown.stderr == "Error: Datasets/indicators.csv: no indicator with the id, name or alias \"nope\" (chiso data list indicators shows them)\n")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let targets = dir.appendingPathComponent("t.csv")
        try Data("indicator,entity,year,value,comparator,source,note\nfixed_broadband_household_share,dak_nong,2025,80,=>,qd_749_2020,\n".utf8).write(to: targets)
        let r = try runChiso(["gaps", "--targets", targets.path, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: \(targets.path):2:5: error[invalid_choice] \"=>\" in column \"comparator\" is not one of: ≥, ≤ (or >=, <=)\n")
        let vi = try runChiso(["gaps", "--targets", targets.path])
        #expect(vi.status == 1)
        // In Vietnamese without the internal code (and without saying "lỗi" twice).
        #expect(vi.stderr == "Lỗi: \(targets.path):2:5: \"=>\" ở cột \"comparator\" không phải là một trong các giá trị: ≥, ≤\n")
    }

    @Test func gapsFiltersAndFormats() throws {
        let md = try runChiso(["gaps", "--entity", "dak_lak", "--year", "2024", "--lang", "en"])
        #expect(md.status == 0 && md.stdout.hasPrefix("## Gap to target"))
        #expect(!md.stdout.contains("dak_nong"))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xlsx = try runChiso(["gaps", "--format", "xlsx", "--output", dir.appendingPathComponent("g.xlsx").path])
        #expect(xlsx.status == 0)
        let bytes = try Data(contentsOf: dir.appendingPathComponent("g.xlsx"))
        #expect(bytes.prefix(2) == Data("PK".utf8))
        let noOutput = try runChiso(["gaps", "--format", "xlsx", "--lang", "en"])
        #expect(noOutput.status == 1 && noOutput.stderr == "Error: --format xlsx needs --output FILE\n")
        let noOutputVi = try runChiso(["gaps", "--format", "xlsx"])
        #expect(noOutputVi.status == 1 && noOutputVi.stderr == "Lỗi: --format xlsx cần có --output TỆP\n")
        let docx = try runChiso(["gaps", "--year", "2024", "--format", "docx", "--output", dir.appendingPathComponent("g.docx").path])
        #expect(docx.status == 0 && docx.stdout.isEmpty, "\(docx.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("g.docx")).prefix(2) == Data("PK".utf8))
        let noDocxOutput = try runChiso(["gaps", "--format", "docx", "--lang", "en"])
        #expect(noDocxOutput.status == 1 && noDocxOutput.stderr == "Error: --format docx needs --output FILE\n")
        #expect(try runChiso(["gaps", "--help"]).stdout.contains("chiso gaps --year 2025 --format docx --output gaps.docx"))
        let csv = try runChiso(["compare", "--indicator", "dti_score", "--format", "csv"])
        // Two tables in one file: the entities compared, then the totals and parts, each under its
        // title, with one byte-order mark.
        #expect(csv.stdout.hasPrefix("\u{FEFF}\"So sánh các huyện, thị xã, thành phố của tỉnh Đắk Nông: "))
        #expect(csv.stdout.contains("\r\n\r\n\"So sánh Chỉ số chuyển đổi số (DTI) - tổng điểm, năm 2023\"\r\nĐơn vị,Tên đơn vị,Tổng điểm,"))
        #expect(csv.stdout.filter { $0 == "\u{FEFF}" }.count == 1)
    }
}
