import ChisoTestSupport
import Foundation
@testable import ChisoCLI
import Testing

/// Issue 21 through the command line: numbers given as values and in targets files, bounds, names.
struct NoSilentWrongNumberCLITests {
    func forecast(_ csv: String, _ arguments: [String]) throws -> ChisoRun {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(csv.utf8).write(to: dir.appendingPathComponent("s.csv"))
        return try runChiso(["forecast", "s.csv"] + arguments + ["--lang", "en"], in: dir)
    }

    static let series = "period,value\n2019,10\n2020,12\n2021,15\n2022,16\n"

    /// A target outside a share's bounds is refused with one line.
    @Test func targetOutsideTheBoundsIsRefused() throws {
        let r = try forecast(Self.series, ["--kind", "share", "--target", "101", "--target-year", "2030"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: --target: 101 is outside the indicator's bounds 0–100; no value of the indicator can meet it as stated\n")
        #expect(r.stdout.isEmpty)
    }

    /// `--target -1` is a value, not an option.
    @Test func negativeTargetIsAValue() throws {
        let r = try forecast(Self.series, ["--kind", "score", "--target", "-1", "--target-year", "2030"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Target ≤ −1 points in 2030") || r.stdout.contains("Target ≥ −1 points in 2030"), "\(r.stdout)")
    }

    /// A value that reads two ways is refused with both readings; one that reads one way is read.
    @Test func targetValueReadByTheNumberReader() throws {
        let r = try forecast(Self.series, ["--kind", "count", "--target", "1.000", "--target-year", "2030"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: --target: \"1.000\" is ambiguous: 1000 (vi) or 1.000 (en)\n")
        let comma = try forecast(Self.series, ["--kind", "score", "--target", "20,5", "--target-year", "2030"])
        #expect(comma.status == 0 && comma.stdout.contains("20.5 points in 2030"), "\(comma.stderr)")
    }

    /// `gaps --targets` with "500.000" (a Vietnamese thousands dot, or five hundred) is refused naming the cell.
    @Test func targetsFileNumberReadingTwoWaysIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = dir.appendingPathComponent("muc-tieu.csv")
        try Data("Chỉ tiêu;Đơn vị;Năm;Giá trị\nTỷ lệ hộ gia đình có kết nối băng rộng cố định;Đắk Nông;2025;80.000\n".utf8).write(to: t)
        let r = try runChiso(["gaps", "--targets", t.path, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: \(t.path):2:4: \"80.000\" is ambiguous: 80000 (vi) or 80.000 (en)"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    /// `data import` of one district spelled four ways makes one entity (no `_2` twins); forecast
    /// on the file uses all its points.
    @Test func importMakesOneEntityOfSpellings() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("names.csv")
        try Data("Đơn vị,Năm,Số hồ sơ\nĐắk Lắk,2019,10\nĐắk\u{200B}Lắk,2020,12\nĐăk Lăk,2021,14\nDak Lak,2022,16\nĐắk Lắk,2023,18\n".utf8).write(to: csv)
        let out = dir.appendingPathComponent("ds")
        let r = try runChiso(["data", "import", csv.path, "--out", out.path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let entities = try String(contentsOf: out.appendingPathComponent("entities.csv"), encoding: .utf8)
        #expect(entities.split(separator: "\n").count == 2, "\(entities)")
        #expect(!entities.contains("dak_lak_2"))
        let f = try runChiso(["forecast", csv.path, "--entity", "Đắk Lắk", "--format", "json", "--lang", "en"])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(f.stdout.contains("\"n\": 5,"), "\(f.stdout)")
    }

    /// An empty device as input is an empty file, not "permission denied".
    @Test func devNullIsEmpty() throws {
        let r = try runChiso(["forecast", "/dev/null", "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: /dev/null: empty file (a header row is required)\n")
    }

    /// An overflowing loglinear projection says why it is NA.
    @Test func overflowingProjectionHasANote() throws {
        let r = try forecast("period,value\n2019,1\n2020,1e10\n2021,1e20\n2022,1e30\n", ["--kind", "score", "--model", "loglinear", "--to", "2030,2100"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\nFlag 2100: the projection overflows the range of numbers (the loglinear model grows exponentially), shown as NA; use the default model or --model linear"), "\(r.stdout)")
        #expect(!r.stdout.contains("Flag 2030"))
    }

    /// Rounding noise around zero is printed as 0: no "-0", no "-9.474e-15/yr" (a change in the
    /// indicator's decimals: "0.0 pp/yr").
    @Test func noiseAroundZeroIsZero() throws {
        #expect(ForecastOutput.g(-0.0, .en) == "0" && ForecastOutput.g(-0.0, .vi) == "0")
        // A constant share of 3 % projects to itself: no change, so off track (not "moving away" on
        // a ratio of −1.4e-15), and every change printed 0.
        let r = try forecast("period,value\n2019,3\n2020,3\n2021,3\n2022,3\n", ["--kind", "share", "--target", "50", "--target-year", "2030"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Target") })
        #expect(line.hasPrefix("Target ≥ 50% in 2030: off track;"), "\(line)")
        #expect(line.contains("progress ratio 0,") && line.contains("projected 0.0 pp/yr") && line.contains("achieved so far 0.0 pp/yr"), "\(line)")
        #expect(!line.contains("e-1") && !line.contains("-0") && !line.contains("−0"), "\(line)")
        // Above the target: "≥ 50" met, a ratio of 0 (not −0).
        let met = try forecast("period,value\n2019,77.77\n2020,77.77\n2021,77.77\n", ["--kind", "score", "--target", "50", "--target-year", "2030"])
        let metLine = try #require(met.stdout.split(separator: "\n").first { $0.hasPrefix("Target") })
        #expect(metLine.contains("progress ratio 0 (") && metLine.contains("projected 0.00 points/yr"), "\(metLine)")
    }
}
