import ChisoTestSupport
import Foundation
import Testing

/// Tables as provincial reports lay them out, and targets as planners write them, read by every
/// command (issue 23, item 2). The fixtures are in Fixtures/report-layouts: `dvc-huyen.csv` and
/// `ke-hoach-thuc-hien.csv` (a two-row header saved as CSV, with a remark column "Đánh giá") and the targets CSVs by hand, the workbooks by `make_workbooks.py` (openpyxl), whose docstring says
/// what each sheet holds: titles, "(Kèm theo …)" lines, blank rows, STT and Ghi chú columns, a
/// two-row header (a year over "Kế hoạch | Thực hiện"), totals rows and footnotes.
struct ReportLayoutTests {
    static let folder = packageRoot.appendingPathComponent("Tests/ChisoCLITests/Fixtures/report-layouts")
    static func fixture(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A CSV file's rows as fields (the files checked here quote nothing).
    func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The rows of `gaps --format json` (or a report's gaps.json), by indicator, entity and year.
    func gapRows(_ json: String) throws -> [String: [String: Any]] {
        let tables = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let rows = try #require(tables.first?["rows"] as? [[String: Any]])
        var out: [String: [String: Any]] = [:]
        for row in rows {
            let key = "\(row["indicator"] as? String ?? "?") \(row["entity"] as? String ?? "?") \(row["target_year"] as? Int ?? 0)"
            out[key] = row
        }
        return out
    }

    @Test func dataImportReadsReportLayouts() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("bo-du-lieu")
        let r = try runChiso(["data", "import", Self.fixture("dvc-huyen.csv"), Self.fixture("bao-cao-dvc.xlsx"), "--out", out.path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix("bo-du-lieu: 30 observations, 3 indicators, 4 entities, 2 sources, 6 targets\n"), "\(r.stdout)")
        // What was read around the tables is said, each at its cell; titles are not data.
        for line in [
            "dvc-huyen.csv:10: warning[layout] footnotes below the table (\"Ghi chú: Số liệu năm 2024 là số ước thực hiện.\" …), skipped",
            "dvc-huyen.csv:8: warning[layout] totals row \"Toàn tỉnh\" read as Toàn tỉnh, the entity above the table's others",
            "bao-cao-dvc.xlsx[Tỷ lệ hồ sơ trực tuyến]!D5: warning[layout] column \"Kế hoạch Năm 2023\" is the plan for 2023: read as targets",
            "bao-cao-dvc.xlsx[Tỷ lệ hồ sơ trực tuyến]!F5: warning[layout] column \"KH Năm 2024\" is the plan for 2024: read as targets",
            "bao-cao-dvc.xlsx[Tỷ lệ hồ sơ trực tuyến]!8:8: warning[layout] totals row \"Tổng cộng\" read as Toàn tỉnh",
            "bao-cao-dvc.xlsx[Điểm DTI]!A9: warning[layout] footnotes below the table (\"* Điểm tối đa 1000.\" …), skipped",
        ] {
            #expect(r.stdout.contains(line), "\(line)\n\(r.stdout)")
        }
        #expect(!r.stdout.contains("error"), "\(r.stdout)")

        // The observations: the CSV's values in the Vietnamese convention, the workbook's
        // "Thực hiện"/"TH" sub-columns (never the plans), each with its cell as locator.
        let observations = try rows(out.appendingPathComponent("observations.csv"))
        let byKey = Dictionary(observations.map { ("\($0[0]) \($0[1]) \($0[2])", $0) }, uniquingKeysWith: { a, _ in a })
        let expected: [(String, String, String, String, String)] = [
            ("ty_le_ho_so_truc_tuyen_toan_trinh", "dak_mil", "2022", "35.5", "dvc-huyen.csv:5:5"),
            ("ty_le_ho_so_truc_tuyen_toan_trinh", "cu_jut", "2024", "41.2", "dvc-huyen.csv:7:7"),
            ("ty_le_ho_so_truc_tuyen_toan_trinh", "toan_tinh", "2022", "31.4", "dvc-huyen.csv:8:5"),
            ("ty_le_ho_so_truc_tuyen", "dak_mil", "2023", "42.1", "bao-cao-dvc.xlsx[Tỷ lệ hồ sơ trực tuyến]!E6"),
            ("ty_le_ho_so_truc_tuyen", "krong_no", "2024", "45", "bao-cao-dvc.xlsx[Tỷ lệ hồ sơ trực tuyến]!G7"),
            ("ty_le_ho_so_truc_tuyen", "toan_tinh", "2024", "46.9", "bao-cao-dvc.xlsx[Tỷ lệ hồ sơ trực tuyến]!G8"),
            ("diem_dti", "cu_jut", "2022", "350.75", "bao-cao-dvc.xlsx[Điểm DTI]!C6"),
            ("diem_dti", "toan_tinh", "2024", "548", "bao-cao-dvc.xlsx[Điểm DTI]!E7"),
        ]
        for (indicator, entity, period, value, locator) in expected {
            let row = try #require(byKey["\(indicator) \(entity) \(period)"], "\(indicator) \(entity) \(period)")
            #expect(row[3] == value && row[7] == locator, "\(row)")
        }
        #expect(observations.count == 30)
        // No title, footnote, STT or Ghi chú text became an entity, an indicator or a value.
        let entities = try rows(out.appendingPathComponent("entities.csv"))
        #expect(entities.map { $0[0] } == ["dak_mil", "krong_no", "cu_jut", "toan_tinh"])
        // The totals rows ("Toàn tỉnh", "Tổng cộng") are the province, the districts' parent.
        #expect(entities.map { "\($0[3]):\($0[4])" } == ["district:toan_tinh", "district:toan_tinh", "district:toan_tinh", "province:"])
        let indicators = try rows(out.appendingPathComponent("indicators.csv"))
        #expect(indicators.map { "\($0[0]) \($0[4])" } == ["ty_le_ho_so_truc_tuyen_toan_trinh share", "ty_le_ho_so_truc_tuyen share", "diem_dti score"])
        // The plan sub-columns became targets of their year.
        let targets = try rows(out.appendingPathComponent("targets.csv")).map { $0[0...4].joined(separator: " ") }
        #expect(targets == [
            "ty_le_ho_so_truc_tuyen dak_mil 2023 40 >=", "ty_le_ho_so_truc_tuyen dak_mil 2024 50 >=",
            "ty_le_ho_so_truc_tuyen krong_no 2023 35 >=", "ty_le_ho_so_truc_tuyen krong_no 2024 45 >=",
            "ty_le_ho_so_truc_tuyen toan_tinh 2023 38 >=", "ty_le_ho_so_truc_tuyen toan_tinh 2024 48 >=",
        ])
    }

    /// (file, sheet, entity, n, linear projection for 2025, a note the command prints): the values
    /// each series was read with.
    static let forecasts: [(String, String?, String, Int, Double, String?)] = [
        // 35,5 / 42,1 / 48,6 at 2022–2024: slope 6.55 a year, 42.0667 + 2 × 6.55.
        ("dvc-huyen.csv", nil, "Đắk Mil", 3, 55.166_666_666_666_66,
         "dvc-huyen.csv:10: footnotes below the table (\"Ghi chú: Số liệu năm 2024 là số ước thực hiện.\" …), skipped"),
        // Thực hiện 38,4 / 45,0 (not Kế hoạch 35 / 45): 45.0 + 6.6.
        ("bao-cao-dvc.xlsx", "Tỷ lệ hồ sơ trực tuyến", "Krông Nô", 2, 51.6,
         "bao-cao-dvc.xlsx[Tỷ lệ hồ sơ trực tuyến]!D5: column \"Kế hoạch Năm 2023\" is the plan for 2023, not an observation: ignored"),
        // The same as CSV, the year's cell left empty over its second sub-column.
        ("ke-hoach-thuc-hien.csv", nil, "Krông Nô", 2, 51.6,
         "ke-hoach-thuc-hien.csv:3:6: column \"KH Năm 2024\" is the plan for 2024, not an observation: ignored"),
        // The totals row is a series too: 40,2 / 46,9.
        ("bao-cao-dvc.xlsx", "Tỷ lệ hồ sơ trực tuyến", "Tổng cộng", 2, 53.6, nil),
        // A wide sheet with a title, STT, Ghi chú and a footnote: 350,75 / 420 / 505,5.
        ("bao-cao-dvc.xlsx", "Điểm DTI", "Cư Jút", 3, (350.75 + 420 + 505.5) / 3 + 2 * (505.5 - 350.75) / 2,
         "bao-cao-dvc.xlsx[Điểm DTI]!A9: footnotes below the table (\"* Điểm tối đa 1000.\" …), skipped"),
    ]

    @Test(arguments: forecasts.indices) func forecastFileReadsReportLayouts(_ k: Int) throws {
        let (file, sheet, entity, n, projection, note) = Self.forecasts[k]
        var arguments = ["forecast", Self.fixture(file), "--entity", entity, "--model", "linear", "--to", "2025", "--format", "json", "--lang", "en"]
        if let sheet { arguments += ["--sheet", sheet] }
        let r = try runChiso(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        #expect(json["n"] as? Int == n)
        let estimate = try #require((json["projections"] as? [[String: Any]])?.first?["estimate"] as? Double)
        #expect(abs(estimate - projection) < 1e-9, "\(estimate) vs \(projection)")
        if let note { #expect(r.stderr.contains("note: \(Self.folder.path)/\(note)\n"), "\(r.stderr)") }
    }

    @Test func gapsReadsTargetsAsWritten() throws {
        // CSV with ";" under two title lines and a blank line; "Đến năm 2025", "Năm 2025", "2025";
        // "≥ 80%", "tối thiểu 75 %", "70,5" (≥ from the indicator's direction), "100%"; STT ignored.
        let csv = try runChiso(["gaps", "--data", Self.fixture("dvc-huyen.csv"), "--targets", Self.fixture("muc-tieu.csv"),
                                "--format", "json", "--lang", "en"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = try gapRows(csv.stdout)
        let share = "ty_le_ho_so_truc_tuyen_toan_trinh"
        for (entity, target, latest) in [("dak_mil", 80.0, 48.6), ("krong_no", 75.0, 45.0), ("cu_jut", 70.5, 41.2), ("toan_tinh", 100.0, 45.1)] {
            let row = try #require(rows["\(share) \(entity) 2025"], "\(entity): \(rows.keys.sorted())")
            #expect(row["target_value"] as? Double == target && row["comparator"] as? String == "≥" && row["latest_value"] as? Double == latest, "\(row)")
        }
        #expect(rows.count == 4)

        // A workbook: title, "(Kèm theo …)", a blank row, STT; "ít nhất 85%", "700 điểm" for a
        // score, a year typed as a number, "tối thiểu 650 điểm".
        let book = try runChiso(["gaps", "--data", Self.fixture("bao-cao-dvc.xlsx"), "--targets", Self.fixture("muc-tieu.xlsx"),
                                 "--format", "json", "--lang", "en"])
        #expect(book.status == 0, "\(book.stderr)")
        let bookRows = try gapRows(book.stdout)
        for (key, target, latest) in [("ty_le_ho_so_truc_tuyen dak_mil 2025", 80.0, 48.6), ("ty_le_ho_so_truc_tuyen krong_no 2025", 85.0, 45.0),
                                      ("diem_dti dak_mil 2025", 700.0, 561.25), ("diem_dti toan_tinh 2025", 650.0, 548.0)] {
            let row = try #require(bookRows[key], "\(key): \(bookRows.keys.sorted())")
            #expect(row["target_value"] as? Double == target && row["comparator"] as? String == "≥" && row["latest_value"] as? Double == latest, "\(row)")
        }
        #expect(bookRows.count == 4)

        // data validate --targets lists what the file says and holds (STT ignored with a warning).
        let validate = try runChiso(["data", "validate", "--data", Self.fixture("bao-cao-dvc.xlsx"), "--targets", Self.fixture("muc-tieu.xlsx"), "--lang", "en"])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.contains("muc-tieu.xlsx[Mục tiêu]!A4: warning[layout] column \"STT\" is not one that is read, ignored"), "\(validate.stdout)")
        // Districts named by their own names ("Đắk Mil") are no aliases: no warning for them.
        #expect(!validate.stdout.contains("entity_alias"), "\(validate.stdout)")
        #expect(validate.stdout.hasSuffix("18 observations, 2 indicators, 4 entities, 2 sources, 4 targets; 0 errors, 7 warnings\n"), "\(validate.stdout)")
    }

    @Test func reportReadsReportLayouts() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("bao-cao")
        let r = try runChiso(["report", "--data", Self.fixture("bao-cao-dvc.xlsx"), "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let gaps = try gapRows(String(contentsOf: out.appendingPathComponent("gaps.json"), encoding: .utf8))
        // The plans of the two-row header are the report's targets, judged on the "Thực hiện" values.
        for (key, target, latest, status) in [
            ("ty_le_ho_so_truc_tuyen dak_mil 2024", 50.0, 48.6, "không đạt"), ("ty_le_ho_so_truc_tuyen dak_mil 2023", 40.0, 48.6, "đã đạt"),
            ("ty_le_ho_so_truc_tuyen krong_no 2024", 45.0, 45.0, "đã đạt"), ("ty_le_ho_so_truc_tuyen toan_tinh 2024", 48.0, 46.9, "không đạt"),
        ] {
            let row = try #require(gaps[key], "\(key): \(gaps.keys.sorted())")
            #expect(row["target_value"] as? Double == target && row["latest_value"] as? Double == latest && row["status"] as? String == status, "\(row)")
        }
        #expect(gaps.count == 6)
        // The DTI sheet's districts are compared under their province, the totals row.
        let comparison = try String(contentsOf: out.appendingPathComponent("compare-diem_dti-district.csv"), encoding: .utf8)
        for text in ["Đắk Mil", "Krông Nô", "Cư Jút", "Toàn tỉnh", "548"] { #expect(comparison.contains(text), "\(text)\n\(comparison)") }
        #expect(!comparison.contains("Điểm tối đa"))
    }

    @Test func templateWithSTTAndGhiChuColumnsReadsTheSame() throws {
        // The filled Vietnamese template with "STT" first on two sheets, a "Ghi chú" column on the
        // indicators sheet and a title above the targets' header: each ignored with a warning.
        let r = try runChiso(["data", "validate", "--data", Self.fixture("mau-co-stt.xlsx"), "--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for line in ["mau-co-stt.xlsx[Số liệu]!A1: warning[layout] column \"STT\" is not one that is read, ignored",
                     "mau-co-stt.xlsx[Mục tiêu]!A2: warning[layout] column \"STT\" is not one that is read, ignored",
                     "mau-co-stt.xlsx[Chỉ tiêu]!O1: warning[layout] column \"Ghi chú\" is not one that is read, ignored"] {
            #expect(r.stdout.contains(line), "\(line)\n\(r.stdout)")
        }
        #expect(r.stdout.hasSuffix("38 observations, 4 indicators, 5 entities, 2 sources, 3 targets; 0 errors, 3 warnings\n"), "\(r.stdout)")
        // The same facts as the template without them (locators aside: the cells moved right).
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var read: [[String]] = []
        for (k, file) in [folderFile("filled-template-vi.xlsx"), Self.fixture("mau-co-stt.xlsx")].enumerated() {
            let out = dir.appendingPathComponent("d\(k)")
            let imported = try runChiso(["data", "import", file, "--out", out.path])
            #expect(imported.status == 0, "\(imported.stderr)")
            let observations = try rows(out.appendingPathComponent("observations.csv")).map { $0[0...3].joined(separator: " ") }
            let targets = try rows(out.appendingPathComponent("targets.csv")).map { $0[0...4].joined(separator: " ") }
            read.append(observations + targets)
        }
        #expect(read.count == 2 && read[0] == read[1] && read[0].count == 41)
    }

    @Test func aRemarkColumnIsIgnoredAColumnThatTellsSeriesApartIsNot() throws {
        // "Đánh giá" (Chưa đạt, Đạt) beside Huyện: a remark, ignored with a warning at its header.
        let r = try runChiso(["data", "validate", "--data", Self.fixture("ke-hoach-thuc-hien.csv"), "--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("ke-hoach-thuc-hien.csv:3:8: warning[layout] column \"Đánh giá\" is not one that is read, ignored"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("6 observations, 1 indicator, 3 entities, 1 source, 6 targets; 0 errors, 4 warnings\n"), "\(r.stdout)")
        // A text column whose rows give one district two values for a year names the series: refused as before.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("chi-tiet.csv")
        try Data("Huyện,Tên chỉ tiêu chi tiết,2023,2024\nĐắk Mil,Hồ sơ,1,2\nĐắk Mil,Dịch vụ,3,4\n".utf8).write(to: file)
        let refused = try runChiso(["data", "validate", "--data", file.path, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "Error: \(file.path):1:2: the column \"Tên chỉ tiêu chi tiết\" names neither indicators (head it Chỉ tiêu) nor entities (head it Đơn vị)\n")
    }

    /// A fixture of the folder above this one.
    func folderFile(_ name: String) -> String { Self.folder.deletingLastPathComponent().appendingPathComponent(name).path }

    /// (file, the errors' lines in English, each starting with its cell).
    static let badTargets: [(String, [String])] = [
        ("muc-tieu-sai.xlsx", [
            "muc-tieu-sai.xlsx[Mục tiêu]!E2: error[target_wording] ty_le_ho_so_truc_tuyen: \"≥ 80%\" in column \"Mục tiêu\" says at least (≥) but column \"So sánh\" says \"≤\": write the comparator once",
            "muc-tieu-sai.xlsx[Mục tiêu]!E3: error[target_wording] diem_dti: \"80%\" is written in \"%\" but diem_dti is measured in score",
            "muc-tieu-sai.xlsx[Mục tiêu]!D4: error[unparseable] ty_le_ho_so_truc_tuyen: \"Đến năm 20x5\" is not a year",
            "muc-tieu-sai.xlsx[Mục tiêu]!E5: error[unparseable] diem_dti: \"khoảng 80\" in column \"Mục tiêu\" is not a target value (write a number, with a comparator and unit if you like: 80,5; ≥ 80%; tối thiểu 80%; 700 điểm)",
        ]),
        ("muc-tieu-sai.csv", [
            "muc-tieu-sai.csv:2:5: error[target_wording] ty_le_ho_so_truc_tuyen_toan_trinh: \"≥ 80%\" in column \"Mục tiêu\" says at least (≥) but column \"So sánh\" says \"≤\": write the comparator once",
            "muc-tieu-sai.csv:3:4: error[unparseable] ty_le_ho_so_truc_tuyen_toan_trinh: \"Năm 20x5\" is not a year",
            "muc-tieu-sai.csv:4:5: error[unparseable] ty_le_ho_so_truc_tuyen_toan_trinh: \"khoảng 80\" in column \"Mục tiêu\" is not a target value (write a number, with a comparator and unit if you like: 80,5; ≥ 80%; tối thiểu 80%; 700 điểm)",
            "muc-tieu-sai.csv:5:5: error[target_wording] ty_le_ho_so_truc_tuyen_toan_trinh: \"700 điểm\" is written in \"điểm\" but ty_le_ho_so_truc_tuyen_toan_trinh is measured in percent",
        ]),
    ]

    @Test(arguments: badTargets.indices) func eachBadTargetCellIsOneLine(_ k: Int) throws {
        let (file, expected) = Self.badTargets[k]
        let data = Self.fixture(file.hasSuffix(".xlsx") ? "bao-cao-dvc.xlsx" : "dvc-huyen.csv")
        // gaps refuses the file with one line: the first bad cell, and the command that lists them all.
        let gaps = try runChiso(["gaps", "--data", data, "--targets", Self.fixture(file), "--lang", "en"])
        #expect(gaps.status == 1)
        #expect(gaps.stdout.isEmpty)
        let line = "Error: \(Self.fixture(file).replacingOccurrences(of: file, with: ""))\(expected[0]) (and 3 more errors); run chiso data validate --data \(data) --targets \(Self.fixture(file)) to see them all\n"
        #expect(gaps.stderr == line, "\(gaps.stderr)")
        // ... which works: each bad cell one line, at its cell, in the column's own header, and
        // no word of "dot decimals" for a column whose "80,5" reads.
        let validate = try runChiso(["data", "validate", "--data", data, "--targets", Self.fixture(file), "--lang", "en"])
        #expect(validate.status == 1)
        let errors = validate.stdout.split(separator: "\n").filter { $0.contains(": error[") }.map { String($0) }
        #expect(errors == expected.map { Self.fixture(file).replacingOccurrences(of: file, with: "") + $0 }, "\(validate.stdout)")
        #expect(!validate.stdout.contains("decimal") && !validate.stdout.contains("\"value\""))
        #expect(validate.stdout.hasSuffix("; 4 errors, \(file.hasSuffix(".xlsx") ? 7 : 3) warnings\n"), "\(validate.stdout)")
        // In Vietnamese, the same cells.
        let vi = try runChiso(["data", "validate", "--data", data, "--targets", Self.fixture(file)])
        #expect(vi.status == 1)
        #expect(vi.stdout.split(separator: "\n").filter { $0.contains(": lỗi: ") }.count == 4, "\(vi.stdout)")
        #expect(vi.stdout.contains("ở cột \"Mục tiêu\""), "\(vi.stdout)")
    }
}
