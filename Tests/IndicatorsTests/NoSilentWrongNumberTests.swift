import ChisoTestSupport
import Foundation
@testable import Indicators
import Testing

/// Issue 21: a number, a name or a fact that would be read wrong without a word is read right or refused.
struct NoSilentWrongNumberTests {
    /// The template's *Mục tiêu* sheet (and a `--targets` file, read the same way) as a table.
    static func targetsSheet(_ rows: [[String]]) throws -> CSVTable {
        try CSVTable(file: "book.xlsx", sheet: "Mục tiêu", headerLine: 1, header: ["Mã chỉ tiêu", "Mã đơn vị", "Năm", "Giá trị", "So sánh"],
                     rows: rows.enumerated().map { (line: $0.offset + 2, fields: $0.element, numbers: nil) })
    }

    /// A target "500.000" alone is refused with both readings and its cell, not read as 500.
    @Test func targetReadingTwoWaysIsRefused() throws {
        let table = try Self.targetsSheet([["share", "d1", "2025", "500.000", ">="]])
        #expect {
            try DatasetWorkbook.arranged(table, DatasetWorkbook.targets, file: "book.xlsx")
        } throws: { error in
            guard case let .badNumber(position, column, .number(e)) = error as? DatasetError else { return false }
            return position.description == "book.xlsx[Mục tiêu]!D2" && column == "Giá trị" && e.reason == .ambiguous(vi: "500000", en: "500.000")
        }
    }

    /// The column decides: `1.000` beside `80,5` is a thousand (not one, as cell by cell).
    @Test func targetColumnDecidesTheConvention() throws {
        let table = try Self.targetsSheet([["share", "d1", "2025", "1.000", ">="], ["share", "d2", "2025", "80,5", ">="]])
        let arranged = try DatasetWorkbook.arranged(table, DatasetWorkbook.targets, file: "book.xlsx")
        let value = try #require(arranged.header.firstIndex(of: "value"))
        #expect(arranged.number(0, value) == 1000)
        #expect(arranged.number(1, value) == 80.5)
    }

    /// Both conventions in one target column are refused naming a cell of each.
    @Test func targetColumnWithBothConventionsIsRefused() throws {
        let table = try Self.targetsSheet([["share", "d1", "2025", "1,000.5", ">="], ["share", "d2", "2025", "80,5", ">="]])
        #expect {
            try DatasetWorkbook.arranged(table, DatasetWorkbook.targets, file: "book.xlsx")
        } throws: { error in
            guard case let .badNumber(position, _, .mixedConventions(_, _, other)) = error as? DatasetError else { return false }
            return position.description == "book.xlsx[Mục tiêu]!D3" && other.description == "book.xlsx[Mục tiêu]!D2"
        }
    }

    /// A planner's `--targets` CSV with "500.000" is refused through `addTargets`.
    @Test func targetsFileReadingTwoWaysIsRefused() throws {
        let dir = try MiniDataset.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var data = try DatasetLoader.loadValid(directory: dir.path)
        let file = dir.appendingPathComponent("t.csv")
        try Data("indicator,entity,year,value\nshare,d1,2025,50.000\n".utf8).write(to: file)
        #expect(throws: DatasetError.self) { try DatasetLoader.addTargets(path: file.path, to: &data) }
        try Data("indicator,entity,year,value\nshare,d1,2025,\"1.000\"\nshare,d2,2025,\"7,5\"\n".utf8).write(to: file)
        #expect(throws: DatasetError.self) { try DatasetLoader.addTargets(path: file.path, to: &data) }  // 1000 > 100: out of bounds, not 1
        try Data("indicator,entity,year,value\nshare,d1,2025,\"1.000\"\nshare,d2,2025,7.5\n".utf8).write(to: file)
        try DatasetLoader.addTargets(path: file.path, to: &data)
        #expect(data.targets.map(\.value) == [1, 7.5])
    }

    // MARK: Names

    /// One district spelled four ways in one table: one series, one entity, every point.
    static let spellings = "Đơn vị,Năm,Số hồ sơ\nĐắk Lắk,2019,10\nĐắk\u{200B}Lắk,2020,12\nĐăk Lăk,2021,14\nDak  Lak,2022,16\nĐắk Lắk,2023,18\n"

    @Test func spellingsOfOneNameAreOneEntity() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("names.csv")
        try Data(Self.spellings.utf8).write(to: file)
        let planner = try PlannerTable.read(try CSVTable.read(path: file.path), format: .auto)
        #expect(planner.series.count == 1)
        #expect(try planner.select(entity: "Đắk Lắk", indicator: nil).points.count == 5)
        #expect(try planner.select(entity: "Dak Lak", indicator: nil).points.count == 5)
        let (data, _) = try DatasetLoader.load(files: [file.path])
        #expect(data.entities.map(\.id) == ["dak_lak"])
        #expect(data.observations.count == 5)
        for text in ["Đắk Lắk", "Đăk Lăk", "dak lak", "Đắk\u{200B}Lắk"] { #expect(data.entityIds(named: text) == ["dak_lak"], "\(text)") }
    }

    /// Two entities whose names fold to one key are a clash the lookup refuses (both ids), not a guess.
    @Test func foldedNameNamingTwoEntitiesIsAClash() throws {
        let entities = MiniDataset.entities.replacingOccurrences(of: "d3,Huyện Ba,District Three,district,p,", with: "d3,Huyện Một,District 3,district,p,")
        let dir = try MiniDataset.folder(entities: entities)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try DatasetLoader.load(directory: dir.path).dataset
        #expect(data.entityIds(named: "Huyen Mot") == ["d1", "d3"])
    }

    // MARK: Conflicting facts

    static func conflict(observations: String, dates: (String, String)) throws -> (Dataset, [Finding]) {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sources = "id,title,issuer,document_number,date,file\ns1,Report,UBND,1/BC,\(dates.0),a.txt\ns2,Other,UBND,2/BC,\(dates.1),b.txt\n"
        try writeDataset(["sources.csv": sources, "indicators.csv": MiniDataset.indicators, "entities.csv": MiniDataset.entities,
                          "observations.csv": MiniDataset.header + observations, "targets.csv": MiniDataset.targets], to: dir)
        return try DatasetLoader.load(directory: dir.path)
    }

    /// The later source wins whatever the row order, with a warning naming both.
    @Test func laterSourceDecidesAConflict() throws {
        let rows = ["share,d1,2023,50,,,s1,t1,\n", "share,d1,2024,55,,,s1,t1,\n", "share,d1,2024,90,,,s2,t1,\n"]
        for order in [rows, [rows[0], rows[2], rows[1]]] {
            let (data, findings) = try Self.conflict(observations: order.joined(), dates: ("2024-01-02", "2024-02-02"))
            #expect(data.observations(indicator: "share", entity: "d1").map(\.value) == [50, 90])
            let warning = try #require(findings.first { $0.code == .conflictingValues })
            #expect(warning.severity == .warning)
            #expect(warning.problem == .laterSourceUsed(source: "s1", value: 55, date: "2024-01-02", used: "s2", usedValue: 90, usedDate: "2024-02-02"))
        }
    }

    /// Undated (or same-dated) sources that disagree: an error, and neither value is used.
    @Test func undecidedConflictIsAnError() throws {
        let rows = "share,d1,2023,50,,,s1,t1,\nshare,d1,2024,55,,,s1,t1,\nshare,d1,2024,90,,,s2,t1,\n"
        for dates in [("", ""), ("2024-01-02", "2024-01-02")] {
            let (data, findings) = try Self.conflict(observations: rows, dates: dates)
            #expect(findings.contains { $0.code == .conflictingValues && $0.severity == .error })
            #expect(data.observations(indicator: "share", entity: "d1").map(\.value) == [50])
        }
        // Sources that agree are one fact (the series keeps one point per period).
        let (data, findings) = try Self.conflict(observations: "share,d1,2024,60,,,s1,t1,\nshare,d1,2024,60,,,s2,t1,\n", dates: ("", ""))
        #expect(findings.filter { $0.severity == .error }.isEmpty)
        #expect(data.observations(indicator: "share", entity: "d1").count == 1)
    }

    // MARK: Slips

    /// 238.450 read as thousands, then 356.120 read as a decimal: a warning naming both cells.
    @Test func thousandfoldStepIsWarned() throws {
        let indicators = MiniDataset.indicators + "ct,Số hồ sơ,Applications,count,count,0,,up,flow,,,\n"
        let rows = MiniDataset.clean + "ct,d1,2022,238450,,,s1,t3,\nct,d1,2023,356.12,,,s1,t3,\n"
        let dir = try MiniDataset.folder(observations: rows, indicators: indicators)
        defer { try? FileManager.default.removeItem(at: dir) }
        let findings = try DatasetLoader.load(directory: dir.path).findings
        let slip = try #require(findings.first { if case .implausibleJump = $0.problem { true } else { false } })
        #expect(slip.severity == .warning && slip.position?.line == 13)
        guard case let .implausibleJump(value, previous, _, at, _, fractional) = slip.problem else { return }
        #expect(value == 356.12 && previous == 238450 && at?.line == 12 && fractional)
        // A steady series is not warned.
        let steady = try MiniDataset.folder(observations: MiniDataset.clean + "ct,d1,2022,238,,,s1,t3,\nct,d1,2023,356,,,s1,t3,\n", indicators: indicators)
        defer { try? FileManager.default.removeItem(at: steady) }
        #expect(!(try DatasetLoader.load(directory: steady.path).findings).contains { if case .implausibleJump = $0.problem { true } else { false } })
    }

    // MARK: Smaller

    @Test func periodErrorQuotesTheWholeText() {
        #expect(throws: PeriodError.self) { try Period(parsing: "2024/06/30") }
        do { _ = try Period(parsing: "2024/06/30") } catch { #expect(error.text == "2024/06/30") }
    }

    /// A date in a column of numbers names its cell instead of "no column of numbers".
    @Test func textInAValueColumnNamesTheCell() throws {
        let table = try CSVTable.parse("Năm,Giá trị\n2021,10\n2022,30/6/2024\n2023,12\n", file: "t.csv")
        #expect {
            try PlannerTable.read(table, format: .auto)
        } throws: { error in
            guard case let .notANumber(position, text, column) = error as? DatasetError else { return false }
            return position.description == "t.csv:3:2" && text == "30/6/2024" && column == "Giá trị"
        }
    }

    @Test func doubleByteOrderMarkIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bom.csv")
        try Data([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("indicator,value\na,1\n".utf8)).write(to: file)
        #expect(throws: DatasetError.unreadable(path: file.path, reason: .repeatedByteOrderMark)) { try CSVTable.read(path: file.path) }
    }

    @Test func utf32IsReadAsUTF32() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, big) in [("le.csv", false), ("be.csv", true)] {
            let file = dir.appendingPathComponent(name)
            var bytes: [UInt8] = []
            for scalar in "\u{FEFF}Năm,Giá trị\n2021,10\n".unicodeScalars {
                let v = scalar.value
                let be: [UInt8] = [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
                bytes += big ? be : be.reversed()
            }
            try Data(bytes).write(to: file)
            let table = try CSVTable.read(path: file.path)
            #expect(table.header == ["Năm", "Giá trị"] && table.field(0, 1) == "10", "\(name)")
        }
    }

    @Test func devNullIsAnEmptyFile() {
        #expect(throws: DatasetError.empty(file: "/dev/null")) { try CSVTable.read(path: "/dev/null") }
    }
}
