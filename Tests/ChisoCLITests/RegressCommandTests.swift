import ChisoTestSupport
import Foundation
import Testing

/// `chiso regress` run as a user runs it: every class of bad input gets one line on stderr
/// naming file:line:column where there is one, and exit status 1.
struct RegressCommandTests {
    static let good = "y,x,z\n1,1,0.5\n2,2.1,0.1\n3,2.9,0.7\n4,4.2,0.2\n5,4.8,0.9\n"

    /// Writes `text` as `name` in a fresh folder and runs `chiso regress name ...` there.
    func run(_ text: String, _ arguments: [String], name: String = "data.csv") throws -> ChisoRun {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        return try runChiso(["regress", name] + arguments, in: dir)
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var label: String
        var csv: String
        var arguments: [String]
        var message: String
        var testDescription: String { label }
    }

    static let badInputs: [BadInput] = [
        BadInput(label: "unknown column", csv: good, arguments: ["--response", "y", "--predictors", "x,w"],
                 message: "Error: data.csv: no column \"w\" (columns: y, x, z)"),
        BadInput(label: "non-numeric cell", csv: "y,x\n1,1\n2,abc\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: \"abc\" in column \"x\" is not a number"),
        BadInput(label: "two conventions in a column", csv: "y,x\n1,1\n\"2,5\",2\n3.5,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:4:1: \"3.5\" is written in the other convention from \"2,5\" (data.csv:3:1): one column, one number format (column \"y\")"),
        BadInput(label: "empty cell", csv: "y,x\n1,1\n2,\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: empty cell in column \"x\""),
        BadInput(label: "NaN", csv: "y,x\n1,1\nNaN,2\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:1: \"NaN\" in column \"y\" is not a finite number"),
        BadInput(label: "Inf", csv: "y,x\n1,1\n2,-Inf\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: \"-Inf\" in column \"x\" is not a finite number"),
        BadInput(label: "overflow", csv: "y,x\n1,1\n2,1e400\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: \"1e400\" in column \"x\" is not a finite number"),
        BadInput(label: "response too large to square", csv: "y,x\n1,1\n2,2\n1e308,3\n-1e308,4\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:4:1: 1e+308 in column \"y\" is beyond ±1e150, where sums of squares overflow; rescale it (for example to thousands or millions)"),
        BadInput(label: "predictor too large to square", csv: "y,x\n1,1\n2,2e200\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: 2e+200 in column \"x\" is beyond ±1e150, where sums of squares overflow; rescale it (for example to thousands or millions)"),
        BadInput(label: "fewer rows than parameters", csv: "y,x,z\n1,1,2\n2,3,1\n", arguments: ["--response", "y", "--predictors", "x,z"],
                 message: "Error: data.csv: 2 usable observations for 3 parameters: at least 3 needed"),
        BadInput(label: "header only", csv: "y,x\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv: 0 usable observations for 2 parameters: at least 2 needed"),
        BadInput(label: "predictor listed twice", csv: good, arguments: ["--response", "y", "--predictors", "x,x"],
                 message: "Error: --predictors lists column \"x\" more than once"),
        BadInput(label: "response as predictor", csv: good, arguments: ["--response", "y", "--predictors", "x,y"],
                 message: "Error: the response \"y\" is also given in --predictors"),
        BadInput(label: "ragged row", csv: "y,x\n1,1\n2,2,9\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3: 3 fields but the header has 2"),
        BadInput(label: "short row", csv: "y,x\n1,1\n2\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3: 1 field but the header has 2"),
        BadInput(label: "unclosed quote", csv: "y,x\n1,1\n2,\"2\n3,3\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:3:2: malformed quoted field (a quote is not closed, or text follows a closing quote)"),
        BadInput(label: "non-positive weight", csv: "y,x,w\n1,1,1\n2,2,0\n3,3,1\n4,5,2\n", arguments: ["--response", "y", "--predictors", "x", "--weights", "w"],
                 message: "Error: data.csv:3:3: \"0\" in column \"w\" must be a positive number"),
        BadInput(label: "CRLF keeps line numbers", csv: "y,x\r\n1,1\r\n2,2\r\n3,oops\r\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:4:2: \"oops\" in column \"x\" is not a number"),
        BadInput(label: "embedded newline keeps line numbers", csv: "y,x,note\n1,1,\"two\nlines\"\n2,2,a\n3,x3,b\n", arguments: ["--response", "y", "--predictors", "x"],
                 message: "Error: data.csv:5:2: \"x3\" in column \"x\" is not a number"),
    ]

    @Test("Bad input: one line, exit 1", arguments: badInputs)
    func badInput(_ c: BadInput) throws {
        let result = try run(c.csv, c.arguments)
        #expect(result.status == 1)
        #expect(result.stderr == c.message + "\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func notUTF8() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // "y,x\n\xE9,1\n": é in Latin-1, as a spreadsheet saved in the wrong encoding would write it.
        try Data([0x79, 0x2C, 0x78, 0x0A, 0xE9, 0x2C, 0x31, 0x0A]).write(to: dir.appendingPathComponent("data.csv"))
        let result = try runChiso(["regress", "data.csv", "--response", "y", "--predictors", "x"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: data.csv: not UTF-8 text (save it as CSV UTF-8)\n")
    }

    @Test func missingFile() throws {
        let result = try runChiso(["regress", "/nonexistent/missing.csv", "--response", "y", "--predictors", "x"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: /nonexistent/missing.csv: no such file\n")
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
    }

    @Test func usageErrorsKeepTheParsersStatus() throws {
        let result = try run(Self.good, ["--response", "y"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: Missing expected argument '--predictors <predictors>'"))
    }

    @Test func tableMatchesJSON() throws {
        let table = try run(Self.good, ["--response", "y", "--predictors", "x"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("Coefficients:\n"))
        #expect(table.stdout.contains("Residual standard error:"))
        #expect(table.stdout.contains("on 3 degrees of freedom (n = 5)"))
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
        #expect(ambiguous.stderr == "Error: data.csv:2:1: \"1.045\" is ambiguous: 1045 (vi) or 1.045 (en); pass --number-format vi or en (column \"y\")\n")
    }
}
