import ChisoTestSupport
import Foundation
import Testing

/// `chiso forecast` as users run it.
struct ForecastCommandTests {
    /// `chiso forecast s.csv ... --lang language` on `csv` (English unless asked: these checks are of the
    /// English wording; the Vietnamese default is checked beside it).
    func run(_ csv: String, _ arguments: [String], language: String = "en") throws -> ChisoRun {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(csv.utf8).write(to: dir.appendingPathComponent("s.csv"))
        return try runChiso(["forecast", "s.csv"] + arguments + ["--lang", language], in: dir)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var label: String
        var csv: String
        var extra: [String]
        var message: String
        /// The same line in Vietnamese (the default language).
        var messageVi: String
        var testDescription: String { label }
    }

    static let share = ["--time", "period", "--value", "share", "--kind", "share"]
    static let bad: [Bad] = [
        Bad(label: "unknown column", csv: "period,share\n2019,10\n2020,12\n", extra: ["--time", "period", "--value", "nope"],
            message: "Error: s.csv: no column \"nope\" (columns: period, share)",
            messageVi: "Lỗi: s.csv: không có cột \"nope\" (các cột: period, share)"),
        Bad(label: "one point", csv: "period,share\n2019,10\n", extra: share + ["--intervals", "model"],
            message: "Error: s.csv: 1 point; this model needs at least 2",
            messageVi: "Lỗi: s.csv: 1 điểm; mô hình này cần ít nhất 2"),
        Bad(label: "all equal", csv: "period,share\n2019,10\n2020,10\n2021,10\n", extra: share + ["--intervals", "model"],
            message: "Error: s.csv: all 3 values equal 10: no trend and no spread can be estimated",
            messageVi: "Lỗi: s.csv: cả 3 giá trị đều bằng 10: không ước lượng được xu hướng và độ phân tán"),
        Bad(label: "duplicate times", csv: "period,share\n2019,10\n2019,12\n2020,11\n", extra: share,
            message: "Error: s.csv:3:2: a second value for 2019 (the first is at s.csv:2:2); if the file holds several series, a column must tell them apart (district, indicator)",
            messageVi: "Lỗi: s.csv:3:2: giá trị thứ hai cho kỳ 2019 (giá trị đầu ở s.csv:2:2); nếu tệp có nhiều chuỗi số liệu thì phải có một cột để phân biệt (huyện, chỉ tiêu)"),
        Bad(label: "two series, none chosen", csv: "Huyện,Năm,Tỷ lệ\nKrông Nô,2019,10\nĐắk Mil,2019,12\n", extra: [],
            message: "Error: s.csv:1: 2 series: \"Krông Nô\" (s.csv:2), \"Đắk Mil\" (s.csv:3); choose one by its entity or indicator",
            messageVi: "Lỗi: s.csv:1: có 2 chuỗi số liệu: \"Krông Nô\" (s.csv:2), \"Đắk Mil\" (s.csv:3); hãy chọn một theo đơn vị hoặc chỉ tiêu"),
        Bad(label: "no such series", csv: "Huyện,Năm,Tỷ lệ\nKrông Nô,2019,10\nĐắk Mil,2019,12\n", extra: ["--entity", "Cư Jút"],
            message: "Error: s.csv:1: no series is named \"cư jút\"; there are 2: \"Krông Nô\" (s.csv:2), \"Đắk Mil\" (s.csv:3)",
            messageVi: "Lỗi: s.csv:1: không có chuỗi nào mang tên \"cư jút\"; tệp có 2 chuỗi: \"Krông Nô\" (s.csv:2), \"Đắk Mil\" (s.csv:3)"),
        Bad(label: "columns not found", csv: "A,B\n2019,10\n", extra: [],
            message: "Error: s.csv:1: which column holds the periods? None of \"A\", \"B\" is headed Năm, Kỳ, Year or Period, and no two headers are periods (a wide table)",
            messageVi: "Lỗi: s.csv:1: cột nào chứa kỳ số liệu? Không cột nào trong \"A\", \"B\" có tiêu đề Năm hoặc Kỳ, và không có hai tiêu đề nào là kỳ (bảng dạng ngang)"),
        Bad(label: "two values columns", csv: "Năm,A,B\n2019,10,3\n", extra: [],
            message: "Error: s.csv:1: several columns could hold the values: \"A\", \"B\"",
            messageVi: "Lỗi: s.csv:1: có nhiều cột có thể chứa giá trị: \"A\", \"B\""),
        Bad(label: "outside bounds for logit", csv: "period,share\n2019,10\n2020,112\n2021,30\n", extra: share + ["--model", "logit"],
            message: "Error: s.csv: value 112 at t = 2020.5 is outside the bounds [0, 100]",
            messageVi: "Lỗi: s.csv: giá trị 112 tại t = 2020,5 nằm ngoài khoảng [0; 100]"),
        Bad(label: "target year before data", csv: "period,share\n2019,10\n2020,12\n2021,15\n", extra: share + ["--target", "50", "--target-year", "2020"],
            message: "Error: s.csv: target year 2020 is not after the last observation (t = 2021.5)",
            messageVi: "Lỗi: s.csv: năm mục tiêu 2020 không sau kỳ có số liệu cuối cùng (t = 2021,5)"),
        Bad(label: "bad period", csv: "period,share\n2019,10\n2020H3,12\n", extra: share,
            message: "Error: s.csv:3:1: \"2020H3\" is not a period: half must be H1 or H2 (column \"period\")",
            messageVi: "Lỗi: s.csv:3:1: \"2020H3\" không phải là kỳ số liệu: nửa năm phải là H1 hoặc H2 (cột \"period\")"),
        Bad(label: "loglinear on zero", csv: "year,n\n2019,0\n2020,3\n2021,5\n", extra: ["--time", "year", "--value", "n", "--kind", "count", "--model", "loglinear"],
            message: "Error: s.csv: model loglinear does not apply: it needs positive values (ln y)",
            messageVi: "Lỗi: s.csv: mô hình tăng trưởng đều không áp dụng được: cần các giá trị dương (để lấy logarit)"),
        Bad(label: "bad level", csv: "period,share\n2019,10\n2020,12\n2021,15\n", extra: share + ["--level", "80,100"],
            message: "Error: --level: \"100\" is not a valid value",
            messageVi: "Lỗi: --level: \"100\" không phải là giá trị hợp lệ"),
    ]

    @Test("Bad input: one line, exit 1", arguments: bad)
    func badInput(_ c: Bad) throws {
        let r = try run(c.csv, c.extra)
        #expect(r.status == 1)
        #expect(r.stderr == c.message + "\n")
        #expect(r.stdout.isEmpty)
        let vi = try run(c.csv, c.extra, language: "vi")
        #expect(vi.status == 1)
        #expect(vi.stderr == c.messageVi + "\n")
        #expect(vi.stdout.isEmpty)
    }

    @Test func seedSeriesStaysInsideTheBounds() throws {
        let r = try runChiso(["forecast", "--indicator", "dvctt_with_applications_share", "--entity", "dak_nong",
                              "--to", "2025,2030", "--target", "80", "--target-year", "2025", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["model"] as? String == "calibrated" && o["intervals"] as? String == "calibrated")
        for key in ["model", "n", "candidates", "coefficients", "sigma", "df_residual", "projections", "target"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        let projections = try #require(o["projections"] as? [[String: Any]])
        #expect(projections.map { $0["year"] as? Int } == [2025, 2030])
        for p in projections {
            for key in ["lower_80", "upper_80", "lower_95", "upper_95", "estimate"] {
                let v = try #require(p[key] as? Double)
                #expect(v >= 0 && v <= 100, "\(key) = \(v)")
            }
        }
        let target = try #require(o["target"] as? [String: Any])
        for key in ["value", "year", "p_meet", "crossing_year", "status", "progress_ratio", "required_annual_change", "achieved_annual_change"] {
            #expect(target.keys.contains(key), "target.\(key)")
        }
        // The ratio is on the logit scale; the changes per year a reader compares are in percent
        // units, by hand: 0 % in 2016 (t 2016.5), 7.1 % in 2020H1 (t 2020.25), 80 % by 2025 (t 2025.5).
        #expect(target["progress_scale"] as? String == "logit")
        #expect(abs((target["required_change_per_year"] as? Double ?? 0) - (80 - 7.1) / (2025.5 - 2020.25)) < 1e-12)
        #expect(abs((target["achieved_change_per_year"] as? Double ?? 0) - 7.1 / (2020.25 - 2016.5)) < 1e-12)
        let candidates = try #require(o["candidates"] as? [[String: Any]])
        #expect(candidates.filter { $0["chosen"] as? Bool == true }.count == 1)
        let coefficients = try #require(o["coefficients"] as? [[String: Any]])
        #expect(coefficients.count == 3)
        // The textbook choice is still there, and still the logit with R's coefficient names.
        let textbook = try runChiso(["forecast", "--indicator", "dvctt_with_applications_share", "--entity", "dak_nong",
                                     "--to", "2025,2030", "--intervals", "model", "--format", "json"])
        let t = try #require(try JSONSerialization.jsonObject(with: Data(textbook.stdout.utf8)) as? [String: Any])
        #expect(t["model"] as? String == "logit" && t["intervals"] as? String == "model")
        #expect((t["coefficients"] as? [[String: Any]])?.map { $0["name"] as? String } == ["(Intercept)", "t"])
    }

    /// Excel's "CSV" from a Vietnamese-locale machine (";" and decimal commas) and its "Unicode text"
    /// (UTF-16, tabs) give the same forecast as the plain CSV.
    @Test func excelExportsReadAsThePlainFile() throws {
        let plain = try run("Nam,TyLe\n2019,12.5\n2020,21.4\n2021,30\n", ["--time", "Nam", "--value", "TyLe", "--kind", "share", "--to", "2025", "--format", "json"])
        let vi = try run("Nam;TyLe\n2019;12,5\n2020;21,4\n2021;30\n",
                         ["--time", "Nam", "--value", "TyLe", "--kind", "share", "--number-format", "vi", "--to", "2025", "--format", "json"])
        #expect(plain.status == 0 && vi.status == 0, "\(vi.stderr)")
        #expect(vi.stdout == plain.stdout)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try (Data([0xFF, 0xFE]) + ("Nam\tTyLe\n2019\t12.5\n2020\t21.4\n2021\t30\n".data(using: .utf16LittleEndian) ?? Data()))
            .write(to: dir.appendingPathComponent("u.txt"))
        let utf16 = try runChiso(["forecast", "u.txt", "--time", "Nam", "--value", "TyLe", "--kind", "share", "--to", "2025", "--format", "json", "--lang", "en"], in: dir)
        #expect(utf16.status == 0 && utf16.stdout == plain.stdout.replacingOccurrences(of: "s.csv", with: "u.txt"), "\(utf16.stderr)")
    }

    /// No silently misread number: a column of "13.425" (Vietnamese thousands or decimals?) is refused
    /// with both readings under the default (auto) and when asked for auto; one cell that can
    /// only be read one way decides for its column, and two conventions in one column are refused.
    @Test func ambiguousNumbersAreRefusedNotGuessed() throws {
        let thousands = "Nam,SoLuong\n2019,13.425\n2020,14.210\n2021,16.115\n"
        let plain = try run(thousands, ["--time", "Nam", "--value", "SoLuong", "--kind", "count", "--to", "2025"])
        #expect(plain.status == 1 && plain.stderr == "Error: s.csv:2:2: \"13.425\" is ambiguous: 13425 (vi) or 13.425 (en) (column \"SoLuong\"); pass --number-format vi or en\n")
        let plainVi = try run(thousands, ["--time", "Nam", "--value", "SoLuong", "--kind", "count", "--to", "2025"], language: "vi")
        #expect(plainVi.status == 1 && plainVi.stderr == "Lỗi: s.csv:2:2: \"13.425\" có hai cách đọc: 13425 (kiểu Việt Nam) hoặc 13,425 (kiểu tiếng Anh) (cột \"SoLuong\"); hãy chọn cách viết số bằng --number-format vi hoặc --number-format en\n")
        let auto = try run(thousands, ["--time", "Nam", "--value", "SoLuong", "--kind", "count", "--number-format", "auto", "--to", "2025"])
        #expect(auto.status == 1 && auto.stderr.contains("\"13.425\" is ambiguous: 13425 (vi) or 13.425 (en)"))
        let vi = try run(thousands, ["--time", "Nam", "--value", "SoLuong", "--kind", "count", "--number-format", "vi", "--to", "2025", "--format", "json"])
        func estimate(_ r: ChisoRun) throws -> Double {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let projections = try #require(json["projections"] as? [[String: Any]])
            return try #require(projections.first?["estimate"] as? Double)
        }
        #expect(vi.status == 0, "\(vi.stderr)")
        let thousandsEstimate = try estimate(vi)
        #expect((15_000...30_000).contains(thousandsEstimate))
        // "1.5" can only be English: the whole column is read so, "3.125" included.
        let decided = try run("Nam,v\n2019,1.5\n2020,2.25\n2021,3.125\n", ["--time", "Nam", "--value", "v", "--kind", "count", "--number-format", "auto", "--to", "2025", "--format", "json"])
        #expect(decided.status == 0, "\(decided.stderr)")
        let decidedEstimate = try estimate(decided)
        #expect((3...10).contains(decidedEstimate))
        let mixed = try run("Nam;v\n2019;1.5\n2020;2,25\n", ["--time", "Nam", "--value", "v", "--kind", "count", "--number-format", "auto", "--to", "2025"])
        #expect(mixed.status == 1 && mixed.stderr.contains("one column, one number format"))
        let mixedVi = try run("Nam;v\n2019;1.5\n2020;2,25\n", ["--time", "Nam", "--value", "v", "--kind", "count", "--to", "2025"], language: "vi")
        #expect(mixedVi.status == 1 && mixedVi.stderr.contains("mỗi cột chỉ được dùng một kiểu viết số"))
    }

    /// A column of percentages without --kind is a share: its projection and ranges stay within
    /// 0–100 (before: a score, with a 2030 value of 102.4 % and a 95 % upper end of 115.3 %).
    @Test func percentColumnIsAShare() throws {
        for (header, cells) in [("Gia tri", ["12,5%", "21,4%", "33%", "45,5%"]), ("Tỷ lệ", ["12,5", "21,4", "33", "45,5"])] {
            let csv = "Nam;\(header)\n" + zip(2018..., cells).map { "\($0);\($1)" }.joined(separator: "\n") + "\n"
            let r = try run(csv, ["--time", "Nam", "--value", header, "--number-format", "vi", "--to", "2030", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let projection = try #require((json["projections"] as? [[String: Any]])?.first)
            let uppers = ["upper_80", "upper_95"].compactMap { projection[$0] as? Double }
            #expect(uppers.count == 2 && uppers.allSatisfy { $0 <= 100 }, "\(header): \(uppers)")
        }
    }

    /// Cells that say "no value" (-, —, KCS, n/a, empty) leave their row out, each named on standard
    /// error; the run goes on with the other points.
    @Test func missingValueMarkersAreSkippedWithANote() throws {
        let r = try run("Nam,TyLe\n2019,12.5\n2020,-\n2021,30\n2022,KCS\n2023,41\n2024,n/a\n2025,—\n2026,\n",
                        ["--time", "Nam", "--value", "TyLe", "--kind", "share", "--to", "2030", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == [3, 5, 7, 8, 9].map { "note: s.csv:\($0):2: no value (left out)\n" }.joined())
        #expect(r.stdout.contains("from 3 points"))
    }

    @Test func tableFollowsRForecastLayout() throws {
        let r = try run("period,share\n2019,10\n2020,12\n2021,15\n2022,19\n2023,22\n", Self.share + ["--to", "2025", "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Point Forecast  Lo 80  Hi 80  Lo 95  Hi 95"))
        // The same table in Vietnamese (the default): headers, words and decimal commas.
        let vi = try run("period,share\n2019,10\n2020,12\n2021,15\n2022,19\n2023,22\n", Self.share + ["--to", "2025"], language: "vi")
        #expect(vi.stdout.contains("Dự báo  Thấp 80  Cao 80  Thấp 95  Cao 95"))
        #expect(vi.stdout.contains("Phương pháp dự báo: hiệu chỉnh theo chuỗi thực (n = 5)") && !vi.stdout.contains("Point Forecast"))
    }

    @Test func twoPointsGetCalibratedRanges() throws {
        let r = try runChiso(["forecast", "--indicator", "dti_score", "--entity", "krong_no", "--to", "2025", "--format", "json", "--lang", "en"])
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let p = try #require((o["projections"] as? [[String: Any]])?.first)
        let lo = try #require(p["lower_95"] as? Double), hi = try #require(p["upper_95"] as? Double)
        let lo80 = try #require(p["lower_80"] as? Double), hi80 = try #require(p["upper_80"] as? Double)
        let e = try #require(p["estimate"] as? Double)
        #expect(lo < lo80 && lo80 < e && e < hi80 && hi80 < hi && lo >= 0 && hi <= 1000)   // DTI: 0–1000
        #expect((o["notes"] as? [String])?.first?.contains("from 2 points and the movement of") == true)
    }

    @Test func twoPointsSayInsufficientDataNotZeroWidth() throws {
        let r = try runChiso(["forecast", "--indicator", "dti_score", "--entity", "krong_no", "--to", "2025", "--intervals", "model",
                              "--format", "json", "--lang", "en"])
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let p = try #require((o["projections"] as? [[String: Any]])?.first)
        #expect(p["lower_95"] is NSNull && p["upper_95"] is NSNull)
        #expect((p["flags"] as? [String])?.first?.hasPrefix("insufficient data") == true)
    }
}
