import ChisoTestSupport
import Foundation
import Testing

/// A planner's workbook in, a report out: the template filled by openpyxl
/// (Fixtures/fill_template.py made filled-template.xlsx and planner-wide.xlsx), import, export and
/// the round trip, and a planner's own targets file.
struct PlannerWorkbookTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/ChisoCLITests/Fixtures")

    /// The CSV rows of a file (split on commas outside quotes is not needed for these fields).
    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func filledTemplateGivesTheFullReport() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let filled = Self.fixtures.appendingPathComponent("filled-template.xlsx").path
        let validate = try runChiso(["data", "validate", "--data", filled, "--lang", "en"])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout == "19 observations, 2 indicators, 4 entities, 1 source, 3 targets; 0 errors, 0 warnings\n")
        let r = try runChiso(["report", "--data", filled, "--out", dir.appendingPathComponent("bao-cao").path])
        #expect(r.status == 0, "\(r.stderr)")
        let index = try String(contentsOf: dir.appendingPathComponent("bao-cao/index.html"), encoding: .utf8)
        for text in ["Tỷ lệ hồ sơ trực tuyến toàn trình", "huyện Krông Nô", "tỉnh Hòa Bình Xanh", "Số dịch vụ công mức độ 4"] {
            #expect(index.contains(text), "\(text)")
        }
        // The gap table carries the script's values: names resolved to ids, "80,5" and "≥" read,
        // the added "6 tháng đầu năm 2025" column the latest value of the province.
        let gaps = try runChiso(["gaps", "--data", filled, "--format", "json", "--lang", "en"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [[String: Any]], "\(gaps.stderr)")
        let rows = try #require(json.first?["rows"] as? [[String: Any]])
        #expect(rows.count == 3)
        let byEntity = Dictionary(rows.compactMap { row in (row["entity"] as? String).map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
        #expect(byEntity["tinh_x"]?["target_value"] as? Double == 80.5)
        #expect(byEntity["tinh_x"]?["latest_value"] as? Double == 51.3)
        #expect(byEntity["tinh_x"]?["latest_period"] as? String == "H1 2025")
        #expect(byEntity["huyen_1"]?["target_value"] as? Double == 90 && byEntity["huyen_1"]?["latest_value"] as? Double == 41.7)
        #expect(byEntity["huyen_3"]?["latest_value"] as? Double == 151)
        // The "-" of Đắk Mil in 2023 and the empty Krông Nô 2022 are not observations.
        let shown = try runChiso(["data", "show", "--data", filled, "--indicator", "ho_so_truc_tuyen", "--entity", "Đắk Mil", "--format", "csv"])
        #expect(shown.stdout.split(separator: "\n").count == 1 + 4, "\(shown.stdout)")
    }

    @Test func freshTemplateIsAnEmptyDataset() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("mau.xlsx").path
        #expect(try runChiso(["data", "template", "--out", path]).status == 0)
        let r = try runChiso(["data", "validate", "--data", path, "--lang", "en"])
        #expect(r.stdout == "0 observations, 0 indicators, 0 entities, 0 sources, 0 targets; 0 errors, 0 warnings\n", "\(r.stderr)")
        let vi = try runChiso(["data", "validate", "--data", path])
        #expect(vi.stdout == "0 số liệu, 0 chỉ tiêu, 0 đơn vị, 0 nguồn, 0 mục tiêu; 0 lỗi, 0 cảnh báo\n", "\(vi.stderr)")
    }

    /// `data export --format xlsx` then `data import` gives Datasets/ back, byte for byte.
    @Test func exportThenImportReproducesTheDataset() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = dir.appendingPathComponent("so-lieu.xlsx").path, out = dir.appendingPathComponent("bo-du-lieu")
        let export = try runChiso(["data", "export", "--format", "xlsx", "--out", book])
        #expect(export.status == 0, "\(export.stderr)")
        let imported = try runChiso(["data", "import", book, "--out", out.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        for name in ["sources.csv", "indicators.csv", "entities.csv", "observations.csv", "targets.csv"] {
            let a = try Data(contentsOf: out.appendingPathComponent(name)), b = try Data(contentsOf: shippedDatasets.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    /// A planner's own workbook (merged "Năm" heading, percent cells, "-") and a Vietnamese-locale
    /// CSV become one dataset; each value keeps its cell.
    @Test func plannerTablesImportWithTheirCells() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("so-ho-so.csv")
        try Data("Huyện;Năm;Số hồ sơ trực tuyến\nKrông Nô;2023;1.240\nKrông Nô;2024;2.315,5\n".utf8).write(to: csv)
        let out = dir.appendingPathComponent("ds")
        let r = try runChiso(["data", "import", Self.fixtures.appendingPathComponent("planner-wide.xlsx").path, csv.path, "--out", out.path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("ds: 7 observations, 2 indicators, 2 entities, 2 sources, 0 targets\n"))
        let observations = try lines(out.appendingPathComponent("observations.csv"))
        #expect(observations.contains("dvc,krong_no,2024,45.5,,,planner_wide,planner-wide.xlsx[DVC]!D3,"))
        #expect(observations.contains("dvc,dak_mil,2022,20,,,planner_wide,planner-wide.xlsx[DVC]!B4,"))
        #expect(!observations.contains { $0.hasPrefix("dvc,dak_mil,2023") })
        #expect(observations.contains("so_ho_so_truc_tuyen,krong_no,2024,2315.5,,,so_ho_so,so-ho-so.csv:3:3,"))
        let indicators = try lines(out.appendingPathComponent("indicators.csv"))
        #expect(indicators.contains("dvc,DVC,,percent,share,0,100,up,flow,,,,,"))
        #expect(indicators.contains("so_ho_so_truc_tuyen,Số hồ sơ trực tuyến,,count,count,0,,up,flow,,,,,"))
    }

    /// A file with a bad cell writes nothing and names the cell; an existing folder is kept.
    @Test func importWithAnErrorWritesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("x.csv")
        try Data("Đơn vị,2023,2024\nKrông Nô,\"12,5\",1.5\n".utf8).write(to: csv)
        let out = dir.appendingPathComponent("ds")
        let r = try runChiso(["data", "import", csv.path, "--out", out.path, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: \(csv.path):2:3: \"1.5\" is written in the other convention from \"12,5\" (\(csv.path):2:2): one column, one number format (column \"2023…2024\")\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A planner's targets: Vietnamese headers, names, a decimal comma, no comparator or source column.
    @Test func plannerTargetsFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = dir.appendingPathComponent("muc-tieu.csv")
        try Data("Chỉ tiêu;Đơn vị;Năm;Giá trị\nTỷ lệ hộ gia đình có kết nối băng rộng cố định;Đắk Nông;2025;80,5\n".utf8).write(to: t)
        let r = try runChiso(["gaps", "--targets", t.path, "--format", "json", "--lang", "en"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], "\(r.stderr)")
        let rows = try #require(json.first?["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["indicator"] as? String == "fixed_broadband_household_share")
        #expect(rows.first?["entity"] as? String == "dak_nong")
        #expect(rows.first?["target_value"] as? Double == 80.5 && rows.first?["comparator"] as? String == "≥")
        #expect(rows.first?["target_source"] as? String == "muc_tieu")
    }
}
