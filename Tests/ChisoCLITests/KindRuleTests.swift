import ChisoTestSupport
import Foundation
import Testing

/// One kind rule (issue 23, item 1): the same column of a planner's table gets the same kind in
/// every command that reads it. The tables are in Fixtures/kinds: a share with "%" in its header, a
/// share with `Tử số` and `Mẫu số` columns and no "%", a count (`Số …`), a score (`Điểm …`), a rank
/// (`Xếp hạng …`), and a tab-separated UTF-16 file (as Excel saves "Unicode text") whose value
/// column says nothing and whose indicator is named `Tỷ lệ …`. Before the rule, `forecast FILE`
/// called all but the first two a score and `data import` called the UTF-16 share a count.
struct KindRuleTests {
    static let folder = packageRoot.appendingPathComponent("Tests/ChisoCLITests/Fixtures/kinds")

    /// A fixture table, the name its indicator gets, and the kind the rule gives it.
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String, indicator: String, kind: String
        var testDescription: String { "\(file) → \(kind)" }
        var path: String { KindRuleTests.folder.appendingPathComponent(file).path }
    }

    static let cases = [
        Case(file: "share-percent.csv", indicator: "Tỷ lệ hồ sơ trực tuyến (%)", kind: "share"),
        Case(file: "share-counts.csv", indicator: "Giá trị", kind: "share"),
        Case(file: "count.csv", indicator: "Số hồ sơ trực tuyến", kind: "count"),
        Case(file: "score.csv", indicator: "Điểm DTI", kind: "score"),
        Case(file: "rank.csv", indicator: "Xếp hạng DTI", kind: "rank"),
        Case(file: "share-utf16.csv", indicator: "Tỷ lệ hồ sơ trực tuyến toàn trình", kind: "share"),
    ]

    /// The kind of each unit the tables' JSON write (`unit`): an imported indicator's unit is its kind's.
    static let kindOfUnit = ["%": "share", "count": "count", "points": "score", "rank": "rank"]

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// The rows of the first table of a JSON rendering (`[{"id": …, "rows": [...]}]`).
    func rows(_ text: String) throws -> [[String: Any]] {
        let tables = try #require(try json(text) as? [[String: Any]])
        return try #require(tables.first?["rows"] as? [[String: Any]])
    }

    /// Runs chiso with `arguments` and `--out` a fresh folder, and returns the text of `file` in it.
    func written(_ arguments: [String], file: String) throws -> String {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let r = try runChiso(arguments + ["--out", out.path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
    }

    @Test(arguments: cases) func dataImport(_ c: Case) throws {
        let lines = try written(["data", "import", c.path], file: "indicators.csv").split(separator: "\n")
        #expect(lines.count == 2)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        let k = try #require(header.firstIndex(of: "kind"))
        #expect(row[k] == Substring(c.kind), "\(lines[1])")
    }

    @Test(arguments: cases) func dataValidate(_ c: Case) throws {
        let r = try runChiso(["data", "validate", "--data", c.path, "--format", "json", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try json(r.stdout) as? [String: Any])
        let kinds = try #require(object["kinds"] as? [String: String])
        #expect(Array(kinds.values) == [c.kind], "\(kinds)")
    }

    @Test(arguments: cases) func forecastFile(_ c: Case) throws {
        let r = try runChiso(["forecast", c.path, "--entity", "Đắk Mil", "--format", "json", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try json(r.stdout) as? [String: Any])
        let series = try #require(object["series"] as? String)
        // "FILE · … · Đắk Mil: KIND, because …"
        let kind = try #require(series.components(separatedBy: "Đắk Mil: ").last?.components(separatedBy: ",").first)
        #expect(kind == c.kind, "\(series)")
    }

    @Test(arguments: cases) func gapsWithTargets(_ c: Case) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let targets = dir.appendingPathComponent("muc-tieu.csv")
        let value = c.kind == "rank" ? "1" : (c.kind == "share" ? "80" : "3000")
        try Data("Chỉ tiêu,Đơn vị,Năm,Giá trị\n\"\(c.indicator)\",Đắk Mil,2030,\(value)\n".utf8).write(to: targets)
        let r = try runChiso(["gaps", "--data", c.path, "--targets", targets.path, "--format", "json", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let found = try rows(r.stdout)
        #expect(found.count == 1)
        #expect(found.map { Self.kindOfUnit[$0["unit"] as? String ?? ""] } == [c.kind], "\(found)")
    }

    @Test(arguments: cases) func reportData(_ c: Case) throws {
        let found = try rows(try written(["report", "--data", c.path], file: "projections.json"))
        #expect(found.count == 2)
        #expect(Set(found.map { Self.kindOfUnit[$0["unit"] as? String ?? ""] }) == [c.kind], "\(found)")
    }

    /// `compare` writes no kind, but its table shows the one it used: a share's values in % with
    /// changes in percentage points; a rank's best place for the lowest value; a count's parent value
    /// the districts' sum, a score's their mean.
    @Test(arguments: cases) func compareData(_ c: Case) throws {
        let md = try runChiso(["compare", "--indicator", c.indicator, "--data", c.path, "--format", "md", "--lang", "en"])
        let js = try runChiso(["compare", "--indicator", c.indicator, "--data", c.path, "--format", "json", "--lang", "en"])
        #expect(md.status == 0 && js.status == 0, "\(md.stderr)\(js.stderr)")
        let found = try rows(js.stdout)
        #expect(found.count == 2)
        let values = found.compactMap { $0["value"] as? Double }
        let first = try #require(found.first { $0["rank"] as? Int == 1 }?["value"] as? Double)
        let kind: String
        if md.stdout.contains("% |") && md.stdout.contains(" pp |") {
            kind = "share"
        } else if first == values.min() {
            kind = "rank"
        } else {
            let parent = try #require(found.first?["parent_value"] as? Double)
            let sum = values.reduce(0, +)
            kind = abs(parent - sum) < 1e-9 ? "count" : (abs(parent - sum / Double(values.count)) < 1e-9 ? "score" : "?")
        }
        #expect(kind == c.kind, "\(md.stdout)")
    }
}
