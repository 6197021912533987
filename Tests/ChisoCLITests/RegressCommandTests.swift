import ChisoTestSupport
import Foundation
import Testing

/// `chiso regress` run as a user runs it: every class of bad input gets one line on stderr
/// naming file:line:column where there is one, and exit status 1.
struct RegressCommandTests {
    static let good = "y,x,z\n1,1,0.5\n2,2.1,0.1\n3,2.9,0.7\n4,4.2,0.2\n5,4.8,0.9\n"

    /// Writes `text` as `name` in a fresh folder and runs `chiso regress name ... --lang language` there
    /// (English unless asked: most checks here are of the English wording; Vietnamese, the default, is checked beside it).
    func run(_ text: String, _ arguments: [String], name: String = "data.csv", language: String = "en") throws -> ChisoRun {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        return try runChiso(["regress", name] + arguments + ["--lang", language], in: dir)
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var label: String
        var csv: String
        var arguments: [String]
        var message: String
        /// The same line in Vietnamese (the default language).
        var messageVi: String
        var testDescription: String { label }
    }

    static let badInputs: [BadInput] = [
        BadInput(label: "unknown column", csv: good, arguments: ["--response", "y", "--predictors", "x,w"],
                 message: "Error: data.csv: no column \"w\" (columns: y, x, z)",
                 messageVi: "Lỗi: data.csv: không có cột \"w\" (các cột: y, x, z)"),
        BadInput(label: "non-numeric cell", csv: "y,x\n1,1\n2,abc\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: \"abc\" in column \"x\" is not a number",
                 messageVi: "Lỗi: data.csv:3:2: \"abc\" ở cột \"x\" không phải là số"),
        BadInput(label: "two conventions in a column", csv: "y,x\n1,1\n\"2,5\",2\n3.5,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:4:1: \"3.5\" is written in the other convention from \"2,5\" (data.csv:3:1): one column, one number format (column \"y\")",
                 messageVi: "Lỗi: data.csv:4:1: \"3.5\" viết số theo kiểu khác với \"2,5\" (data.csv:3:1): mỗi cột chỉ được dùng một kiểu viết số (cột \"y\")"),
        BadInput(label: "empty cell", csv: "y,x\n1,1\n2,\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: empty cell in column \"x\"",
                 messageVi: "Lỗi: data.csv:3:2: ô trống ở cột \"x\""),
        BadInput(label: "NaN", csv: "y,x\n1,1\nNaN,2\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:1: \"NaN\" in column \"y\" is not a finite number",
                 messageVi: "Lỗi: data.csv:3:1: \"NaN\" ở cột \"y\" không phải là số hữu hạn"),
        BadInput(label: "Inf", csv: "y,x\n1,1\n2,-Inf\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: \"-Inf\" in column \"x\" is not a finite number",
                 messageVi: "Lỗi: data.csv:3:2: \"-Inf\" ở cột \"x\" không phải là số hữu hạn"),
        BadInput(label: "overflow", csv: "y,x\n1,1\n2,1e400\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: \"1e400\" in column \"x\" is not a finite number",
                 messageVi: "Lỗi: data.csv:3:2: \"1e400\" ở cột \"x\" không phải là số hữu hạn"),
        BadInput(label: "response too large to square", csv: "y,x\n1,1\n2,2\n1e308,3\n-1e308,4\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:4:1: 1e+308 in column \"y\" is beyond ±1e150, where sums of squares overflow; rescale it (for example to thousands or millions)",
                 messageVi: "Lỗi: data.csv:4:1: 1e+308 ở cột \"y\" vượt quá ±1e150, ngưỡng mà tổng bình phương bị tràn số; hãy đổi đơn vị (ví dụ sang nghìn hoặc triệu)"),
        BadInput(label: "predictor too large to square", csv: "y,x\n1,1\n2,2e200\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: 2e+200 in column \"x\" is beyond ±1e150, where sums of squares overflow; rescale it (for example to thousands or millions)",
                 messageVi: "Lỗi: data.csv:3:2: 2e+200 ở cột \"x\" vượt quá ±1e150, ngưỡng mà tổng bình phương bị tràn số; hãy đổi đơn vị (ví dụ sang nghìn hoặc triệu)"),
        BadInput(label: "fewer rows than parameters", csv: "y,x,z\n1,1,2\n2,3,1\n", arguments: ["--response", "y", "--predictors", "x,z"],
                 message: "Error: data.csv: 2 usable observations for 3 parameters: at least 3 needed",
                 messageVi: "Lỗi: data.csv: có 2 quan sát dùng được cho 3 tham số: cần ít nhất 3"),
        BadInput(label: "header only", csv: "y,x\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv: 0 usable observations for 2 parameters: at least 2 needed",
                 messageVi: "Lỗi: data.csv: có 0 quan sát dùng được cho 2 tham số: cần ít nhất 2"),
        BadInput(label: "predictor listed twice", csv: good, arguments: ["--response", "y", "--predictors", "x,x"],
                 message: "Error: --predictors lists column \"x\" more than once",
                 messageVi: "Lỗi: --predictors liệt kê cột \"x\" nhiều lần"),
        BadInput(label: "response as predictor", csv: good, arguments: ["--response", "y", "--predictors", "x,y"],
                 message: "Error: the response \"y\" is also given in --predictors",
                 messageVi: "Lỗi: biến phụ thuộc \"y\" cũng có trong --predictors"),
        BadInput(label: "ragged row", csv: "y,x\n1,1\n2,2,9\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3: 3 fields but the header has 2",
                 messageVi: "Lỗi: data.csv:3: dòng có 3 ô nhưng dòng tiêu đề có 2 cột"),
        BadInput(label: "short row", csv: "y,x\n1,1\n2\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3: 1 field but the header has 2",
                 messageVi: "Lỗi: data.csv:3: dòng có 1 ô nhưng dòng tiêu đề có 2 cột"),
        BadInput(label: "unclosed quote", csv: "y,x\n1,1\n2,\"2\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: malformed quoted field (a quote is not closed, or text follows a closing quote)",
                 messageVi: "Lỗi: data.csv:3:2: ô trong ngoặc kép bị lỗi (thiếu dấu ngoặc kép đóng, hoặc có chữ sau dấu ngoặc kép đóng)"),
        BadInput(label: "non-positive weight", csv: "y,x,w\n1,1,1\n2,2,0\n3,3,1\n4,5,2\n", arguments: ["--response", "y", "--predictors", "x", "--weights", "w"],
                 message: "Error: data.csv:3:3: \"0\" in column \"w\" must be a positive number",
                 messageVi: "Lỗi: data.csv:3:3: \"0\" ở cột \"w\" phải là số dương"),
        BadInput(label: "CRLF keeps line numbers", csv: "y,x\r\n1,1\r\n2,2\r\n3,oops\r\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:4:2: \"oops\" in column \"x\" is not a number",
                 messageVi: "Lỗi: data.csv:4:2: \"oops\" ở cột \"x\" không phải là số"),
        BadInput(label: "embedded newline keeps line numbers", csv: "y,x,note\n1,1,\"two\nlines\"\n2,2,a\n3,x3,b\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:5:2: \"x3\" in column \"x\" is not a number",
                 messageVi: "Lỗi: data.csv:5:2: \"x3\" ở cột \"x\" không phải là số"),
    ]

    @Test("Bad input: one line, exit 1", arguments: badInputs)
    func badInput(_ c: BadInput) throws {
        let result = try run(c.csv, c.arguments)
        #expect(result.status == 1)
        #expect(result.stderr == c.message + "\n")
        #expect(result.stdout.isEmpty)
        let vi = try run(c.csv, c.arguments, language: "vi")
        #expect(vi.status == 1)
        #expect(vi.stderr == c.messageVi + "\n")
        #expect(vi.stdout.isEmpty)
    }

    @Test func notUTF8() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // "y,x\n\xE9,1\n": é in Latin-1, as a spreadsheet saved in the wrong encoding would write it.
        try Data([0x79, 0x2C, 0x78, 0x0A, 0xE9, 0x2C, 0x31, 0x0A]).write(to: dir.appendingPathComponent("data.csv"))
        let result = try runChiso(["regress", "data.csv", "--response", "y", "--predictors", "x", "--lang", "en"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: data.csv: not UTF-8 text (save it as CSV UTF-8)\n")
        let vi = try runChiso(["regress", "data.csv", "--response", "y", "--predictors", "x"], in: dir)
        #expect(vi.status == 1)
        #expect(vi.stderr == "Lỗi: data.csv: không phải văn bản UTF-8 (hãy lưu tệp dưới dạng CSV UTF-8)\n")
    }

    @Test func missingFile() throws {
        let result = try runChiso(["regress", "/nonexistent/missing.csv", "--response", "y", "--predictors", "x", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: /nonexistent/missing.csv: no such file\n")
        let vi = try runChiso(["regress", "/nonexistent/missing.csv", "--response", "y", "--predictors", "x"])
        #expect(vi.status == 1)
        #expect(vi.stderr == "Lỗi: /nonexistent/missing.csv: không có tệp này\n")
    }

    @Test func byteOrderMarkAndCRLFGiveTheSameFit() throws {
        let plain = try run(Self.good, ["--response", "y", "--predictors", "x,z", "--format", "json"])
        let bom = try run("\u{FEFF}" + Self.good.replacingOccurrences(of: "\n", with: "\r\n"),
                          ["--response", "y", "--predictors", "x,z", "--format", "json"])
        #expect(plain.status == 0 && bom.status == 0)
        #expect(plain.stdout == bom.stdout)
        #expect(bom.stderr.isEmpty)
    }

    @Test func jsonHasTheDocumentedKeysAndRoundTrips() throws {
        let result = try run(Self.good, ["--response", "y", "--predictors", "x,z", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["n", "df_residual", "rank", "coefficients", "residual_std_error", "r_squared",
                                     "adj_r_squared", "aic", "aicc", "bic"])
        #expect(object["n"] as? Int == 5 && object["df_residual"] as? Int == 2 && object["rank"] as? Int == 3)
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["name"] as? String } == ["(Intercept)", "x", "z"])
        #expect(Set(coefficients[0].keys) == ["name", "estimate", "std_error", "t_value", "p_value"])
        // Key order as documented.
        let keys = ["\"n\"", "\"df_residual\"", "\"rank\"", "\"coefficients\"", "\"residual_std_error\"",
                    "\"r_squared\"", "\"adj_r_squared\"", "\"aic\"", "\"aicc\"", "\"bic\""]
        let offsets = keys.compactMap { result.stdout.range(of: $0)?.lowerBound }
        #expect(offsets.count == keys.count && offsets == offsets.sorted())
    }

    @Test func constantPredictorIsFittedWithRankReported() throws {
        let csv = "y,x,c\n1,1,7\n2,2.1,7\n3,2.9,7\n4,4.2,7\n"
        let result = try run(csv, ["--response", "y", "--predictors", "x,c", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr == "warning: data.csv: \"c\" is a linear combination of the columns before it (constant or duplicated); its coefficient is not estimable (rank 2 of 3)\n")
        let vi = try run(csv, ["--response", "y", "--predictors", "x,c", "--format", "json"], language: "vi")
        #expect(vi.stderr == "cảnh báo: data.csv: \"c\" là tổ hợp tuyến tính của các cột đứng trước (hằng số hoặc trùng lặp); hệ số của cột này không ước lượng được (hạng 2 trên 3)\n")
        #expect(vi.stdout == result.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["rank"] as? Int == 2)
        #expect(object["df_residual"] as? Int == 2)
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients[2]["estimate"] is NSNull && coefficients[2]["std_error"] is NSNull)
        #expect(coefficients[1]["estimate"] as? Double != nil)
    }

    @Test func duplicatedColumnIsFittedWithRankReported() throws {
        let csv = "y,x,x_copy\n1,1,1\n2,2.1,2.1\n3,2.9,2.9\n4,4.2,4.2\n"
        let result = try run(csv, ["--response", "y", "--predictors", "x,x_copy"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("\"x_copy\" is a linear combination of the columns before it"))
        #expect(result.stdout.contains("(1 not defined because of singularities; rank 2)"))
        #expect(result.stdout.contains("x_copy") && result.stdout.contains("NA"))
        let vi = try run(csv, ["--response", "y", "--predictors", "x,x_copy"], language: "vi")
        #expect(vi.stdout.contains("(1 hệ số không xác định do suy biến; hạng 2)"))
        #expect(vi.stdout.contains { $0 == "—" } && !vi.stdout.contains("NA"))
    }

    @Test func usageErrorsKeepTheParsersStatus() throws {
        let result = try run(Self.good, ["--response", "y"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: Missing expected argument '--predictors <predictors>'"))
        let vi = try run(Self.good, ["--response", "y"], language: "vi")
        #expect(vi.status == 64)
        #expect(vi.stderr.hasPrefix("Lỗi: Thiếu đối số bắt buộc '--predictors <predictors>'\nCách dùng: chiso regress <file>"))
        #expect(vi.stderr.hasSuffix("\n  Xem 'chiso regress --help' để biết thêm.\n"))
        let format = try run(Self.good, ["--response", "y", "--predictors", "x", "--format", "xml"], language: "vi")
        #expect(format.status == 64)
        #expect(format.stderr.hasPrefix("Lỗi: Giá trị 'xml' không hợp lệ cho '--format <format>'. Hãy dùng một trong các giá trị 'table' và 'json'.\n"))
    }

    @Test func tableMatchesJSON() throws {
        let table = try run(Self.good, ["--response", "y", "--predictors", "x"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("Coefficients:\n"))
        #expect(table.stdout.contains("Residual standard error:"))
        #expect(table.stdout.contains("on 3 degrees of freedom (n = 5)"))
        let vi = try run(Self.good, ["--response", "y", "--predictors", "x"], language: "vi")
        #expect(vi.status == 0)
        #expect(vi.stdout.hasPrefix("Hệ số:\n"))
        #expect(vi.stdout.contains("hệ số chặn"))
        #expect(vi.stdout.contains("Sai số chuẩn của phần dư:") && vi.stdout.contains("với 3 bậc tự do (n = 5)"))
    }
}

extension RegressCommandTests {
    @Test func vietnameseNumberFormat() throws {
        let csv = "nam,ty_le\n2017,\"0,6%\"\n2018,\"2,9%\"\n2019,\"9,6%\"\n2020,\"7,1%\"\n"
        let vi = try run(csv, ["--response", "ty_le", "--predictors", "nam", "--number-format", "vi", "--format", "json"])
        let plain = try run("nam,ty_le\n2017,0.6\n2018,2.9\n2019,9.6\n2020,7.1\n", ["--response", "ty_le", "--predictors", "nam", "--format", "json"])
        #expect(vi.status == 0 && vi.stdout == plain.stdout)
        let ambiguous = try run("y,x\n1.045,1\n2,2\n3,3\n", ["--response", "y", "--predictors", "x", "--number-format", "auto"])
        #expect(ambiguous.status == 1)
        // The library gives both readings; the command line adds which flag chooses.
        #expect(ambiguous.stderr == "Error: data.csv:2:1: \"1.045\" is ambiguous: 1045 (vi) or 1.045 (en) (column \"y\"); pass --number-format vi or en\n")
        let ambiguousVi = try run("y,x\n1.045,1\n2,2\n3,3\n", ["--response", "y", "--predictors", "x"], language: "vi")
        #expect(ambiguousVi.stderr == "Lỗi: data.csv:2:1: \"1.045\" có hai cách đọc: 1045 (kiểu Việt Nam) hoặc 1,045 (kiểu tiếng Anh) (cột \"y\"); hãy chọn cách viết số bằng --number-format vi hoặc --number-format en\n")
    }
}
