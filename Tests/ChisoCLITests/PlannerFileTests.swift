import ChisoTestSupport
import Foundation
import Testing

/// `chiso forecast FILE` on tables as planners keep them: long or wide, rows in any order, a
/// district or indicator column, names instead of ids.
struct PlannerFileTests {
    /// Runs `chiso forecast` on each named file (written into a fresh folder) with `arguments`.
    func forecast(_ files: [String: String], _ arguments: [String]) throws -> ChisoRun {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return try runChiso(["forecast"] + arguments, in: dir)
    }

    /// The projections of a JSON forecast (estimates and ranges), for comparing two runs.
    func projections(_ r: ChisoRun) throws -> [[String: Double]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        let list = try #require(json["projections"] as? [[String: Any]])
        return list.map { $0.compactMapValues { $0 as? Double } }
    }

    static let sorted = "Năm,Tỷ lệ\n2019,12.5\n2020,21.4\n2021,30\n2022,38.5\n"

    @Test func rowsInAnyOrderGiveTheSameForecast() throws {
        let shuffled = "Năm,Tỷ lệ\n2021,30\n2019,12.5\n2022,38.5\n2020,21.4\n"
        let a = try forecast(["s.csv": Self.sorted], ["s.csv", "--format", "json"])
        let b = try forecast(["s.csv": shuffled], ["s.csv", "--format", "json"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout == b.stdout)
    }

    /// The same numbers long (with a district column), wide (one row per district, periods as
    /// headers in Vietnamese forms) and alone in a file give the same forecast.
    @Test func longWideAndSingleAgree() throws {
        let long = "Huyện;Năm;Tỷ lệ (%)\nĐắk Mil;2019;20\nKrông Nô;2021;30\nKrông Nô;2019;12,5\nĐắk Mil;2020;25\nKrông Nô;2020;21,4\nKrông Nô;2022;38,5\n"
        let wide = "STT,Đơn vị,Năm 2019,Năm 2020,2021,2022\n1,Đắk Mil,20,25,-,\n2,Krông Nô,12.5,21.4,30,38.5\n"
        let single = try forecast(["s.csv": Self.sorted], ["s.csv", "--format", "json"])
        let fromLong = try forecast(["l.csv": long], ["l.csv", "--entity", "krông nô", "--format", "json"])
        let fromWide = try forecast(["w.csv": wide], ["w.csv", "--entity", "Krông Nô", "--kind", "share", "--format", "json"])
        let expected = try projections(single)
        #expect(try projections(fromLong) == expected)
        #expect(try projections(fromWide) == expected)
        // The other district's empty and "-" cells are not in the chosen series, so no note.
        #expect(fromWide.stderr.isEmpty && fromLong.stderr.isEmpty)
        let other = try forecast(["w.csv": wide], ["w.csv", "--entity", "Đắk Mil", "--kind", "share", "--lang", "en"])
        #expect(other.status == 0)
        #expect(other.stderr == "note: w.csv:2:5: no value (left out)\nnote: w.csv:2:6: no value (left out)\n")
        let otherVi = try forecast(["w.csv": wide], ["w.csv", "--entity", "Đắk Mil", "--kind", "share"])
        #expect(otherVi.status == 0)
        #expect(otherVi.stderr == "ghi chú: w.csv:2:5: không có giá trị (bỏ qua)\nghi chú: w.csv:2:6: không có giá trị (bỏ qua)\n")
    }

    /// The kind a file's series gets, and why, is printed; a unit of "%" or values with "%" make a share.
    @Test func kindAndItsReasonArePrinted() throws {
        let wide = "Chỉ tiêu,ĐVT,2021,2022,2023\nTỷ lệ hồ sơ trực tuyến,%,\"12,5\",\"20,1\",\"30,2\"\nSố hồ sơ,hồ sơ,1.200,\"1.350,5\",2.100\n"
        let share = try forecast(["w.csv": wide], ["w.csv", "--indicator", "Tỷ lệ hồ sơ trực tuyến", "--lang", "en"])
        #expect(share.stdout.hasPrefix("Series: w.csv · Tỷ lệ hồ sơ trực tuyến: share, because the unit is \"%\" (--kind to change)\n"), "\(share.stderr)")
        let count = try forecast(["w.csv": wide], ["w.csv", "--indicator", "số hồ sơ", "--kind", "count", "--format", "json", "--lang", "en"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(count.stdout.utf8)) as? [String: Any], "\(count.stderr)")
        #expect(json["series"] as? String == "w.csv · Số hồ sơ: count, as given")
        // The block of year columns is Vietnamese (12,5 and 1.350,5 decide it), so 1.200 is 1200.
        let p = try projections(count)
        #expect((2_000...10_000).contains(p.first?["estimate"] ?? 0))
        let signs = try forecast(["s.csv": "Năm,Giá trị\n2021,12%\n2022,20%\n2023,31%\n"], ["s.csv", "--lang", "en"])
        #expect(signs.stdout.hasPrefix("Series: s.csv: share, because every value is written with % (--kind to change)\n"))
        // The one kind rule (``KindRule``): a word of the header, else the values.
        let word = try forecast(["s.csv": "Năm,Điểm\n2021,412\n2022,455\n2023,501\n"], ["s.csv", "--lang", "en"])
        #expect(word.stdout.hasPrefix("Series: s.csv: score, because the name or header has the word \"điểm\" (--kind to change)\n"))
        let none = try forecast(["s.csv": "Năm,Giá trị\n2021,412\n2022,455\n2023,501\n"], ["s.csv", "--lang", "en"])
        #expect(none.stdout.hasPrefix("Series: s.csv: count, because nothing in the file says percent, score or rank and no value is negative: a count (--kind to change)\n"))
        let negative = try forecast(["s.csv": "Năm,Giá trị\n2021,-1.5\n2022,0.5\n2023,2\n"], ["s.csv", "--lang", "en"])
        #expect(negative.stdout.hasPrefix("Series: s.csv: score, because nothing in the file says percent, count or rank and a value is negative: an unbounded score (--kind to change)\n"))
        // In Vietnamese (the default), the same reason in words a planner reads.
        let vi = try forecast(["w.csv": wide], ["w.csv", "--indicator", "Tỷ lệ hồ sơ trực tuyến"])
        #expect(vi.stdout.hasPrefix("Chuỗi: w.csv · Tỷ lệ hồ sơ trực tuyến: tỷ lệ, vì đơn vị là \"%\" (--kind để đổi)\n"))
    }

    /// Two rows for one series in a wide table, and a period twice among the headers, are errors
    /// naming the cells.
    @Test func wideTableErrorsNameTheCells() throws {
        let twice = try forecast(["w.csv": "Huyện,2021,2022\nKrông Nô,1,2\nkrông nô,3,4\n"], ["w.csv", "--lang", "en"])
        #expect(twice.status == 1 && twice.stderr == "Error: w.csv:3: the same series as w.csv:2 (krông nô): one row per series\n")
        let header = try forecast(["w.csv": "Huyện,2021,Năm 2021\nKrông Nô,1,2\n"], ["w.csv", "--lang", "en"])
        #expect(header.status == 1 && header.stderr == "Error: w.csv:1:3: the period \"Năm 2021\" is also the header of w.csv:1:2\n")
        let notWide = try forecast(["w.csv": "Huyện,Năm,Giá trị\nKrông Nô,2021,2\n"], ["w.csv", "--layout", "wide", "--lang", "en"])
        #expect(notWide.status == 1 && notWide.stderr.hasPrefix("Error: w.csv:1: no column header is a period"))
        // In Vietnamese (the default): the same cells named, in Vietnamese.
        let twiceVi = try forecast(["w.csv": "Huyện,2021,2022\nKrông Nô,1,2\nkrông nô,3,4\n"], ["w.csv"])
        #expect(twiceVi.status == 1 && twiceVi.stderr == "Lỗi: w.csv:3: trùng chuỗi số liệu với w.csv:2 (krông nô): mỗi chuỗi chỉ một dòng\n")
        let headerVi = try forecast(["w.csv": "Huyện,2021,Năm 2021\nKrông Nô,1,2\n"], ["w.csv"])
        #expect(headerVi.status == 1 && headerVi.stderr == "Lỗi: w.csv:1:3: kỳ \"Năm 2021\" cũng là tiêu đề của w.csv:1:2\n")
    }

    /// In the dataset, an entity or indicator is named by its id, its name or an alias.
    @Test func namesAndAliasesNameDatasetSeries() throws {
        let byId = try runChiso(["forecast", "--indicator", "dvctt_with_applications_share", "--entity", "dak_nong", "--format", "json"])
        let byAlias = try runChiso(["forecast", "--indicator", "dvctt_with_applications_share", "--entity", "Đắk Nông", "--format", "json"])
        let byName = try runChiso(["forecast", "--indicator", "dvctt_with_applications_share", "--entity", "tỉnh đắk nông", "--format", "json"])
        #expect(byId.status == 0 && byId.stdout == byAlias.stdout && byId.stdout == byName.stdout, "\(byAlias.stderr)")
        let unknown = try runChiso(["forecast", "--indicator", "dvctt_with_applications_share", "--entity", "Hà Nội", "--lang", "en"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no entity with the id, name or alias \"Hà Nội\""))
        let unknownVi = try runChiso(["forecast", "--indicator", "dvctt_with_applications_share", "--entity", "Hà Nội"])
        #expect(unknownVi.status == 1 && unknownVi.stderr.contains("không có đơn vị nào có mã, tên hoặc tên gọi khác là \"Hà Nội\""))
    }
}
