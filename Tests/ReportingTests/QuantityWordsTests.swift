import ChisoTestSupport
import Foundation
import Indicators
@testable import Reporting
import Testing

/// Units, periods and numbers by unit in words (``Words/period(_:)``, ``Words/quantity(_:_:decimals:_:)``,
/// ``ReportTable/format(of:in:)``), against the forms Vietnamese reports write by hand.
@Suite struct QuantityWordsTests {
    @Test(arguments: [
        ("2024", "năm 2024", "2024"),
        ("2024H1", "6 tháng đầu năm 2024", "H1 2024"),
        ("2023H2", "6 tháng cuối năm 2023", "H2 2023"),
        ("2024Q3", "quý III/2024", "Q3 2024"),
        ("2024M08", "tháng 8/2024", "Aug 2024"),
        ("2024-06-30", "ngày 30/6/2024", "30 Jun 2024"),
        ("../2024-08-31", "đến 31/8/2024", "to 31 Aug 2024"),
        ("2024-09-01/2024-09-20", "từ 1/9/2024 đến 20/9/2024", "1 Sep 2024 – 20 Sep 2024"),
    ])
    func periodsInWords(_ code: String, _ vi: String, _ en: String) throws {
        let words = Words.period(try Period(parsing: code))
        #expect(words.vi == vi && words.en == en)
    }

    @Test func quantitiesByUnit() {
        #expect(Words.quantity(74.65, .percent, .vi) == "74,65 %" && Words.quantity(74.65, .percent, .en) == "74.65%")
        #expect(Words.quantity(655.26, .score, .vi) == "655,26 điểm" && Words.quantity(655.26, .score, .en) == "655.26 points")
        #expect(Words.quantity(1140, .count, .vi) == "1.140" && Words.quantity(1140, .count, .en) == "1,140")
        #expect(Words.quantity(12.4, .count, .vi) == "12,4")
        #expect(Words.quantity(5, .rank, .vi) == "hạng 5" && Words.quantity(5, .rank, .en) == "rank 5")
        #expect(Words.quantity(1_200_000, .vnd, .vi) == "1.200.000 đồng" && Words.quantity(1_200_000, .vnd, .en) == "1,200,000 VND")
        #expect(Words.changePerYear(3.2, .percent, .vi) == "3,20 điểm %/năm" && Words.changePerYear(-1.5, .percent, .en) == "−1.50 pp/yr")
        #expect(Words.changePerYear(4, .count, .vi) == "4,0/năm")
    }

    /// A share's values are percentages and its differences percentage points; a count's values are
    /// whole and its changes per year have one decimal; a score keeps the column's format.
    @Test func measuredColumnsByUnit() {
        let value = ReportTable.Column(key: "v", vi: "v", en: "v", format: .number(decimals: 2), measured: .value)
        let gap = ReportTable.Column(key: "g", vi: "g", en: "g", format: .number(decimals: 2), measured: .difference)
        let pace = ReportTable.Column(key: "p", vi: "p", en: "p", format: .number(decimals: 2), measured: .perYear)
        let plain = ReportTable.Column(key: "n", vi: "n", en: "n", format: .number(decimals: 2))
        #expect(ReportTable.format(of: value, in: .percent) == .percent(decimals: 2))
        #expect(ReportTable.format(of: gap, in: .percent) == .points(decimals: 2))
        #expect(ReportTable.format(of: pace, in: .percent) == .points(decimals: 2))
        #expect(ReportTable.format(of: value, in: .whole) == .number(decimals: 0))
        #expect(ReportTable.format(of: gap, in: .whole) == .number(decimals: 0))
        #expect(ReportTable.format(of: pace, in: .whole) == .number(decimals: 1))
        #expect(ReportTable.format(of: value, in: .number) == .number(decimals: 2))
        #expect(ReportTable.format(of: plain, in: .percent) == .number(decimals: 2))
        #expect(NumberText.format(0.3, .probability, .vi) == "30 %" && NumberText.format(0, .probability, .vi) == "0 %")
        #expect(NumberText.format(1e-9, .probability, .vi) == "< 1 %" && NumberText.format(0.999, .probability, .en) == ">99%")
        #expect(NumberText.format(1, .probability, .en) == "100%" && NumberText.format(0.006, .probability, .en) == "1%")
        #expect(NumberText.format(25.35, .points(decimals: 2), .vi) == "25,35 điểm %" && NumberText.format(25.35, .points(decimals: 2), .en) == "25.35 pp")
    }

    /// A wide table's parts each start with the ids and names.
    @Test func columnParts() {
        func column(_ key: String, name: Bool = false) -> ReportTable.Column {
            .init(key: key, vi: key, en: key, format: .text, isName: name)
        }
        var table = ReportTable(id: "t", titleVi: "t", titleEn: "t",
                                columns: [column("a"), column("a_name", name: true), column("u"), column("x"), column("y"), column("z")],
                                rows: [], charts: [])
        #expect(table.columnParts() == [[0, 1, 2, 3, 4, 5]])
        table.partBreaks = [4]
        #expect(table.columnParts() == [[0, 1, 2, 3], [0, 1, 4, 5]])
        table.partBreaks = [3, 5]
        #expect(table.columnParts() == [[0, 1, 2], [0, 1, 3, 4], [0, 1, 5]])
    }
}

/// The first page's words: a target's reading, and a source as a reference line.
@Suite struct FirstPageWordsTests {
    @Test func sourcesAsReferenceLines() {
        let decision = Source(id: "qd", title: "Quyết định phê duyệt Chương trình", issuer: "Thủ tướng Chính phủ", documentNumber: "749/QĐ-TTg",
                              date: "2020-06-03", file: "")
        #expect(Glossary.source(decision).vi == "Thủ tướng Chính phủ, số 749/QĐ-TTg, ngày 3/6/2020: Quyết định phê duyệt Chương trình")
        #expect(Glossary.source(decision).en == "Thủ tướng Chính phủ, no. 749/QĐ-TTg, 3 Jun 2020: Quyết định phê duyệt Chương trình")
        let monthOnly = Source(id: "b", title: "Báo cáo", issuer: "UBND huyện Krông Nô", documentNumber: "", date: "2024-09", file: "")
        #expect(Glossary.source(monthOnly).vi == "UBND huyện Krông Nô, tháng 9/2024: Báo cáo")
        let bare = Source(id: "c", title: "Báo cáo", issuer: "", documentNumber: "", date: "", file: "")
        #expect(Glossary.source(bare).vi == "Báo cáo")
    }

    /// A projected share's reading, against the row's own numbers written by hand (printf, comma decimals).
    @Test func readingOfAProjectedShare() throws {
        let gaps = GapTable.build(try DatasetLoader.loadValid(directory: shippedDatasets.path))
        func vi(_ v: Double) -> String { String(format: "%.1f", v).replacingOccurrences(of: ".", with: ",") }
        var checked = 0
        for row in gaps.rows where row.indicator.unit == .percent && row.status != .achieved {
            guard let p = row.projection, let i = p.intervals.first(where: { $0.level == 80 }), let lo = i.lower, let hi = i.upper,
                  let pm = row.forecast?.target?.pMeet else { continue }
            let expected = "Theo xu hướng hiện nay, năm \(row.target.year) dự kiến đạt \(vi(p.estimate)) % (khoảng 80 %: \(vi(lo))–\(vi(hi)) %); "
                + "khả năng đạt mục tiêu \(row.target.comparator == .atLeast ? "≥" : "≤") \(vi(row.target.value)) % là "
                + (pm > 0 && pm < 0.005 ? "< 1" : pm < 1 && pm >= 0.995 ? "> 99" : "\(Int((pm * 100).rounded()))") + " %."
            #expect(Words.reading(row).vi == expected)
            checked += 1
        }
        #expect(checked >= 10)
        let none = try #require(gaps.rows.first { $0.remark == .noObservation })
        #expect(Words.reading(none).vi == "Chưa có số liệu của chỉ tiêu này tại đơn vị này.")
        #expect(TargetOverview(gaps: gaps, sources: []).sentences.first?.vi == "Báo cáo đánh giá 74 mục tiêu của 37 chỉ tiêu tại 3 đơn vị.")
    }
}
