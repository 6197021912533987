import Foundation
@testable import Indicators
import Testing

/// The pieces of issue 23 item 2 in the library: what lies around a report's table
/// (``ReportLayout``) and targets as planners write them (``TargetText``).
struct ReportLayoutReadingTests {
    struct ValueCase: Sendable, CustomTestStringConvertible {
        var text: String, number: String, comparator: Target.Comparator?, unit: String?
        var testDescription: String { text }
    }

    static let values: [ValueCase] = [
        .init(text: "≥ 80%", number: "80", comparator: .atLeast, unit: "%"),
        .init(text: ">= 80 %", number: "80", comparator: .atLeast, unit: "%"),
        .init(text: "≥80,5%", number: "80,5", comparator: .atLeast, unit: "%"),
        .init(text: "tối thiểu 80%", number: "80", comparator: .atLeast, unit: "%"),
        .init(text: "Ít nhất 80 %", number: "80", comparator: .atLeast, unit: "%"),
        .init(text: "tối đa 5 ngày", number: "5", comparator: .atMost, unit: "ngày"),
        .init(text: "≤ 5 ngày", number: "5", comparator: .atMost, unit: "ngày"),
        .init(text: "80% trở lên", number: "80", comparator: .atLeast, unit: "%"),
        .init(text: "700 điểm", number: "700", comparator: nil, unit: "điểm"),
        .init(text: "100%", number: "100", comparator: nil, unit: "%"),
        .init(text: "80,5", number: "80,5", comparator: nil, unit: nil),
        .init(text: "500.000 hồ sơ", number: "500.000", comparator: nil, unit: "hồ sơ"),
        .init(text: "khoảng 80", number: "khoảng 80", comparator: nil, unit: nil),
    ]

    @Test(arguments: values) func targetValuesAsWritten(_ c: ValueCase) {
        let parts = TargetText.parts(c.text)
        #expect(parts.number == c.number)
        #expect(parts.comparator == c.comparator)
        #expect(parts.unit == c.unit)
    }

    @Test func targetYearsAsWritten() {
        #expect(TargetText.year("Đến năm 2025") == 2025)
        #expect(TargetText.year("Năm 2025") == 2025)
        #expect(TargetText.year("năm 2030") == 2030)
        #expect(TargetText.year("2025") == 2025)
        #expect(TargetText.year("đến hết năm 2030") == 2030)
        #expect(TargetText.year("Đến năm 20x5") == nil)
        #expect(TargetText.year("6 tháng đầu năm 2025") == nil)
        #expect(TargetText.year("1800") == nil)
    }

    @Test func unitsAreCheckedAgainstTheIndicator() {
        let share = Indicator(id: "s", nameVi: "Tỷ lệ", nameEn: "", unit: .percent, kind: .share, lower: 0, upper: 100,
                              direction: .up, measure: .flow, parent: nil, ranks: nil, definition: "")
        let score = Indicator(id: "d", nameVi: "Điểm", nameEn: "", unit: .score, kind: .score, lower: nil, upper: 1000,
                              direction: .up, measure: .flow, parent: nil, ranks: nil, definition: "")
        let count = Indicator(id: "c", nameVi: "Số ngày", nameEn: "", unit: .count, kind: .count, lower: 0, upper: nil,
                              direction: .down, measure: .flow, parent: nil, ranks: nil, definition: "")
        #expect(TargetText.fits(unit: "%", share) && !TargetText.fits(unit: "%", score) && !TargetText.fits(unit: "%", count))
        #expect(TargetText.fits(unit: "điểm", score) && !TargetText.fits(unit: "điểm", share))
        #expect(TargetText.fits(unit: "ngày", count) && !TargetText.fits(unit: "ngày", share))
    }

    @Test func titlesBlankRowsAndFootnotesAroundACSVTable() throws {
        let text = """
            BÁO CÁO KẾT QUẢ,,,
            "(Kèm theo Báo cáo số 123/BC-UBND)",,,
            ,,,
            STT,Huyện,2023,2024
            1,Đắk Mil,"42,1","48,6"
            ,,,
            2,Krông Nô,"38,4","45,0"
            ,,,
            Nguồn: Sở TT&TT,,,
            (1) Ước thực hiện,,,

            """
        let table = try CSVTable.parse(text, file: "t.csv")
        #expect(table.header == ["STT", "Huyện", "2023", "2024"])
        #expect(table.headerLine == 4)
        // A row of empty fields inside the table is a row (as RFC 4180 reads it; a planner table
        // skips it); the footnotes after the last one end the table, and that row goes with them.
        #expect(table.lines == [5, 6, 7])
        #expect(table.field(2, 1) == "Krông Nô")
        #expect(table.layoutNotes == [
            .titleRow(SourcePosition(file: "t.csv", line: 1), text: "BÁO CÁO KẾT QUẢ"),
            .titleRow(SourcePosition(file: "t.csv", line: 2), text: "(Kèm theo Báo cáo số 123/BC-UBND)"),
            .footnotes(SourcePosition(file: "t.csv", line: 9), text: "Nguồn: Sở TT&TT"),
        ])
        let planner = try PlannerTable.read(table, format: .auto)
        #expect(planner.series.map(\.name) == ["Đắk Mil", "Krông Nô"])
        #expect(planner.series[1].points.map(\.value) == [38.4, 45.0])
    }

    @Test func aTitleWithoutDelimitersOverASemicolonTable() throws {
        let table = try CSVTable.parse("KẾ HOẠCH NĂM 2025\n\nChỉ tiêu;Năm;Giá trị\nA;2025;70,5\n", file: "t.csv")
        #expect(table.delimiter == .semicolon)
        #expect(table.header == ["Chỉ tiêu", "Năm", "Giá trị"])
        #expect(table.rowCount == 1 && table.field(0, 2) == "70,5")
    }

    @Test func tablesThatAlreadyReadReadTheSame() throws {
        // A header on the first line, and a table of one column (every line one field).
        let plain = try CSVTable.parse("Năm,Giá trị\n2023,1\n2024,2\n", file: "t.csv")
        #expect(plain.header == ["Năm", "Giá trị"] && plain.rowCount == 2 && plain.layoutNotes.isEmpty)
        let one = try CSVTable.parse("value\n1\n2\n", file: "t.csv")
        #expect(one.header == ["value"] && one.rowCount == 2 && one.headerLine == 1)
        // A footnote-like text that is data (no blank row before it) stays a row.
        let data = try CSVTable.parse("Huyện,2023\n(1) Đắk Mil,5\n", file: "t.csv")
        #expect(data.rowCount == 1)
    }

    @Test func twoRowHeaderSavedAsCSV() throws {
        let text = "STT,Huyện,Năm 2023,,Năm 2024,\n,,Kế hoạch,Thực hiện,KH,TH\n1,Đắk Mil,40,\"42,1\",50,\"48,6\"\n"
        let table = try CSVTable.parse(text, file: "t.csv")
        #expect(table.header == ["STT", "Huyện", "Kế hoạch Năm 2023", "Năm 2023", "KH Năm 2024", "Năm 2024"])
        #expect(table.headerLine == 2 && table.lines == [3])
        #expect(table.planColumns == [2: .year(2023), 4: .year(2024)])
        let series = try #require(try PlannerTable.read(table, format: .auto).series.first)
        #expect(series.points.map(\.value) == [42.1, 48.6])
        #expect(series.plans.map(\.value) == [40, 50])
        #expect(series.plans.map(\.position.description) == ["t.csv:3:3", "t.csv:3:5"])
        // Without the sub-column row, two empty headers are still refused.
        #expect(throws: DatasetError.self) { try CSVTable.parse("STT,Huyện,Năm 2023,,Năm 2024,\n1,Đắk Mil,40,42,50,48\n", file: "t.csv") }
    }

    @Test func twoRowHeaderColumns() throws {
        #expect(ReportLayout.combine(upper: "Năm 2024", lower: "Thực hiện").header == "Năm 2024" && ReportLayout.combine(upper: "Năm 2024", lower: "Thực hiện").plan == nil)
        #expect(ReportLayout.combine(upper: "Năm 2024", lower: "Ước TH").header == "Năm 2024" && ReportLayout.combine(upper: "Năm 2024", lower: "Ước TH").plan == nil)
        let plan = ReportLayout.combine(upper: "Năm 2024", lower: "KH")
        #expect(plan.header == "KH Năm 2024" && plan.plan == .year(2024))
        #expect(ReportLayout.combine(upper: "Kế hoạch", lower: "2025").plan == .year(2025))
        // A group heading over periods, and a cell merged down, read as before.
        #expect(ReportLayout.combine(upper: "Năm", lower: "2023").header == "2023" && ReportLayout.combine(upper: "Năm", lower: "2023").plan == nil)
        #expect(ReportLayout.combine(upper: "Chỉ tiêu", lower: "Chỉ tiêu").header == "Chỉ tiêu" && ReportLayout.combine(upper: "Chỉ tiêu", lower: "Chỉ tiêu").plan == nil)
        #expect(ReportLayout.isTotal("Tổng cộng") && ReportLayout.isTotal("TOÀN TỈNH") && ReportLayout.isTotal("Cộng") && !ReportLayout.isTotal("Tổng số hồ sơ"))
        #expect(ReportLayout.isFootnote("Ghi chú: …") && ReportLayout.isFootnote("* Điểm tối đa") && ReportLayout.isFootnote("(1) Ước")
                && ReportLayout.isFootnote("Nguồn số liệu: Sở") && !ReportLayout.isFootnote("Đắk Mil"))
    }
}
