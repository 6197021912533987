import ChisoTestSupport
import Forecasting
import Foundation
import Indicators
@testable import Reporting
import Testing

/// Units, periods and numbers by unit in words (``Words/period(_:)``, ``Words/quantity(_:_:decimals:_:)``,
/// ``ReportTable/format(of:in:value:)``), against the forms Vietnamese reports write by hand.
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

    /// A planner's own table names indicators and districts in Vietnamese only: English output shows
    /// those names, never an empty cell (gaps --lang en gave empty `indicator_name` and `entity_name`).
    @Test func missingEnglishNameIsTheVietnameseOne() {
        let indicator = Indicator(id: "dvc", nameVi: "Tỷ lệ hồ sơ trực tuyến", nameEn: "", unit: .percent, kind: .share,
                                  lower: 0, upper: 100, direction: .up, measure: .flow)
        #expect(Words.name(indicator) == Phrase(vi: "Tỷ lệ hồ sơ trực tuyến", en: "Tỷ lệ hồ sơ trực tuyến"))
        let entity = Entity(id: "dh", nameVi: "TP Đông Hà", nameEn: " ", level: .district)
        #expect(Words.name(entity).en == "TP Đông Hà")
        let named = Entity(id: "dh", nameVi: "TP Đông Hà", nameEn: "Dong Ha city", level: .district)
        #expect(Words.name(named) == Phrase(vi: "TP Đông Hà", en: "Dong Ha city"))
    }

    @Test func quantitiesByUnit() {
        #expect(Words.quantity(74.65, .percent, .vi) == "74,65 %" && Words.quantity(74.65, .percent, .en) == "74.65%")
        #expect(Words.quantity(655.26, .score, .vi) == "655,26 điểm" && Words.quantity(655.26, .score, .en) == "655.26 points")
        #expect(Words.quantity(1140, .count, .vi) == "1.140" && Words.quantity(1140, .count, .en) == "1,140")
        #expect(Words.quantity(12.4, .count, .vi) == "12" && Words.quantity(12.4, .count, decimals: 1, .vi) == "12,4")
        #expect(Words.quantity(5, .rank, .vi) == "hạng 5" && Words.quantity(5, .rank, .en) == "rank 5")
        #expect(Words.quantity(1_200_000, .vnd, .vi) == "1.200.000 đồng" && Words.quantity(1_200_000, .vnd, .en) == "1,200,000 VND")
        #expect(Words.changePerYear(3.2, .percent, .vi) == "3,20 điểm %/năm" && Words.changePerYear(-1.5, .percent, .en) == "−1.50 pp/yr")
        #expect(Words.changePerYear(4, .count, .vi) == "4,0/năm")
    }

    /// A share's values are percentages and its differences percentage points, with the row's decimals;
    /// a count's values are whole and its small changes per year have one decimal; a row without an
    /// indicator keeps the column's format.
    @Test func measuredColumnsByUnit() {
        let value = ReportTable.Column(key: "v", vi: "v", en: "v", format: .number(decimals: 2), measured: .value)
        let gap = ReportTable.Column(key: "g", vi: "g", en: "g", format: .number(decimals: 2), measured: .difference)
        let pace = ReportTable.Column(key: "p", vi: "p", en: "p", format: .number(decimals: 2), measured: .perYear)
        let plain = ReportTable.Column(key: "n", vi: "n", en: "n", format: .number(decimals: 2))
        #expect(ReportTable.format(of: value, in: .percent(decimals: 2)) == .percent(decimals: 2))
        #expect(ReportTable.format(of: value, in: .percent(decimals: 1)) == .percent(decimals: 1))
        #expect(ReportTable.format(of: gap, in: .percent(decimals: 2)) == .points(decimals: 2))
        #expect(ReportTable.format(of: pace, in: .percent(decimals: 2)) == .points(decimals: 2))
        #expect(ReportTable.format(of: pace, in: .whole, value: 64_304.5) == .number(decimals: 0))
        #expect(ReportTable.format(of: value, in: .whole) == .number(decimals: 0))
        #expect(ReportTable.format(of: gap, in: .whole) == .number(decimals: 0))
        #expect(ReportTable.format(of: pace, in: .whole) == .number(decimals: 1))
        #expect(ReportTable.format(of: value, in: .number) == .number(decimals: 2))
        #expect(ReportTable.format(of: plain, in: .percent(decimals: 1)) == .number(decimals: 2))
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

/// How an indicator's values are written (``ValueStyle``): decimals as its data are written, one
/// number of decimals for every value of a row, a target as written, a count with its noun, and no
/// number ever in scientific notation.
@Suite struct ValueStyleTests {
    static func indicator(_ unit: Indicator.Unit, _ kind: Indicator.Kind, noun: (String, String)? = nil) -> Indicator {
        Indicator(id: "i", nameVi: "Chỉ tiêu", nameEn: "Indicator", unit: unit, kind: kind, lower: 0, upper: unit == .percent ? 100 : nil,
                  direction: .up, measure: .flow, unitLabelVi: noun?.0, unitLabelEn: noun?.1)
    }

    @Test func decimalsAsTheDataAreWritten() {
        #expect(ValueStyle.decimalsWritten(74.65) == 2 && ValueStyle.decimalsWritten(36.5) == 1 && ValueStyle.decimalsWritten(80) == 0)
        #expect(ValueStyle.decimalsWritten(1.0 / 3) == 2 && ValueStyle.decimalsWritten(0.1 + 0.2) == 1)
        let share = Self.indicator(.percent, .share)
        #expect(ValueStyle(share, values: [36.5, 40]).decimals == 1 && ValueStyle(share, values: [74.65, 80]).decimals == 2)
        #expect(ValueStyle(share, values: [80, 60]).decimals == 1, "a share is read to a tenth of a point")
        #expect(ValueStyle(Self.indicator(.count, .count), values: [455_020, 31_000]).decimals == 0)
        #expect(ValueStyle(Self.indicator(.count, .count), values: [65.25, 70.1]).decimals == 2, "subscriptions per 100 people")
        #expect(ValueStyle(Self.indicator(.rank, .rank), values: [2.5]).decimals == 0)
    }

    /// "498.986,5" and "≥ 500.000" were what a planner found: a count is whole and has its noun.
    @Test func countsAreWholeWithTheirNoun() {
        let style = ValueStyle(Self.indicator(.count, .count, noun: ("hồ sơ", "dossiers")), values: [455_020])
        #expect(style.text(498_986.6, .vi) == "498.987 hồ sơ" && style.text(498_986.6, .en) == "498,987 dossiers")
        #expect(style.target(500_000, .vi) == "500.000 hồ sơ")
        #expect(style.range(2_294_433.3, 3_657_241.7, .vi) == "2.294.433–3.657.242 hồ sơ")
        #expect(style.unitWords == Phrase(vi: "hồ sơ", en: "dossiers"))
        #expect(Words.changePerYear(64_304.6, style, .vi) == "64.305 hồ sơ/năm" && Words.changePerYear(4, style, .vi) == "4,0 hồ sơ/năm")
        let bare = ValueStyle(Self.indicator(.count, .count), values: [455_020])
        #expect(bare.text(500_000, .vi) == "500.000" && bare.unitWords == Words.unit(.count))
        // A noun in one language only: the other shows the number alone.
        let viOnly = ValueStyle(Self.indicator(.count, .count, noun: ("hồ sơ", "")), values: [1])
        #expect(viOnly.text(3, .vi) == "3 hồ sơ" && viOnly.text(3, .en) == "3")
    }

    /// "≥ 80,00 %" was what a planner found: a target is written as it was set, with at most the row's decimals.
    @Test func targetsAsWritten() {
        let two = ValueStyle(unit: .percent, decimals: 2), one = ValueStyle(unit: .percent, decimals: 1)
        #expect(two.target(80, .vi) == "80 %" && two.target(80.5, .vi) == "80,5 %" && two.target(80.25, .en) == "80.25%")
        #expect(one.target(80.26, .vi) == "80,3 %" && one.text(80, .vi) == "80,0 %")
        let target = ReportTable.Column(key: "t", vi: "t", en: "t", format: .number(decimals: 2), measured: .target)
        #expect(ReportTable.format(of: target, in: .percent(decimals: 2), value: 80) == .percent(decimals: 0))
        #expect(ReportTable.format(of: target, in: .percent(decimals: 2), value: 80.5) == .percent(decimals: 1))
        #expect(ReportTable.format(of: target, in: .whole, value: 500_000) == .number(decimals: 0))
        #expect(Words.chartTargetLabel(.init(t: 2025.5, value: 80, year: 2025, comparator: .atLeast), style: two).vi == "Mục tiêu 2025: ≥ 80 %")
    }

    /// "36,50 %" beside "42,5 %" was what a planner found: every number of a row has its indicator's
    /// decimals (latest value, projection, range, gap), the target as written.
    @Test func oneNumberOfDecimalsPerRow() throws {
        let indicator = Self.indicator(.percent, .share)
        let entity = Entity(id: "e", nameVi: "Huyện E", nameEn: "E district", level: .district)
        let observations = [12.5, 21.4, 30.2, 36.5].enumerated().map { k, v in
            Observation(indicator: "i", entity: "e", period: .year(2020 + k), value: v, source: "s")
        }
        let data = Dataset(sources: ["s": Source(id: "s", title: "Kế hoạch chuyển đổi số", issuer: "UBND tỉnh", documentNumber: "45/KH-UBND",
                                                 date: "2021-03-15", file: "")],
                           indicators: [indicator], entities: [entity], observations: observations,
                           targets: [Target(indicator: "i", entity: "e", year: 2025, value: 80, comparator: .atLeast, source: "s")])
        let gaps = GapTable.build(data)
        let row = try #require(gaps.rows.first)
        #expect(row.style.decimals == 1)
        let table = gaps.table()
        func cell(_ key: String) throws -> String {
            let j = try #require(table.columns.firstIndex { $0.key == key })
            return table.display(table.rows[0][j], column: table.columns[j], row: 0, language: .vi)
        }
        #expect(try cell("latest_value") == "36,5 %" && cell("target_value") == "80 %" && cell("gap") == "43,5 điểm %")
        for key in ["projection", "lower_80", "upper_80", "lower_95", "upper_95"] {
            let text = try cell(key)
            #expect(text.range(of: "^[0-9]+,[0-9] %$", options: .regularExpression) != nil, "\(key): \(text)")
        }
        // The source is named, never by its id; the model is said once under the table, not on every row of a page.
        #expect(try cell("target_source_name") == "Kế hoạch số 45/KH-UBND")
        #expect(table.hiddenOnPages == ["model"] && table.notes.map(\.vi) == ["Mọi dự báo trong bảng theo cùng một phương pháp: hiệu chỉnh theo chuỗi thực."])
        #expect(!table.shownColumns().contains { ["indicator", "entity", "target_source", "model"].contains(table.columns[$0].key) })
        let reading = Words.reading(row).vi
        #expect(reading.contains("khả năng đạt mục tiêu ≥ 80 % là") && reading.range(of: "đạt [0-9]+,[0-9] % \\(khoảng 80 %: [0-9]+,[0-9]–[0-9]+,[0-9] %\\)",
                                                                                       options: .regularExpression) != nil, "\(reading)")
    }

    @Test func sourcesAsTablesCiteThem() {
        let decision = Source(id: "qd_749", title: "Quyết định phê duyệt Chương trình", issuer: "Thủ tướng Chính phủ", documentNumber: "749/QĐ-TTg",
                              date: "2020-06-03", file: "")
        #expect(Glossary.citation(decision) == Phrase(vi: "Quyết định số 749/QĐ-TTg", en: "Decision 749/QĐ-TTg"))
        let unnumbered = Source(id: "kn_bc", title: "Báo cáo kết quả", issuer: "UBND huyện Krông Nô", documentNumber: "/BC-UBND", date: "2024-09", file: "")
        #expect(Glossary.citation(unnumbered).vi == "Báo cáo của UBND huyện Krông Nô, tháng 9/2024")
        let titleOnly = Source(id: "kh_2021", title: "Kế hoạch 2021", issuer: "", documentNumber: "", date: "", file: "")
        #expect(Glossary.citation(titleOnly).vi == "Kế hoạch 2021")
    }

    /// "4,99e+05" was what a planner found in the terminal: no number is ever written with an exponent.
    @Test func neverScientificNotation() {
        #expect(NumberText.significant(498_986.6, digits: 4, .vi) == "498.987" && NumberText.significant(20_321.7, digits: 4, .en) == "20,322")
        #expect(NumberText.significant(0.10874, digits: 4, .vi) == "0,1087" && NumberText.significant(672.3, digits: 4, .vi) == "672,3")
        #expect(NumberText.significant(1.5e-20, digits: 4, .en) == "0" && NumberText.significant(-9.474e-15, digits: 4, .vi) == "0")
        #expect(NumberText.significant(-0.25, digits: 4, .vi) == "−0,25" && NumberText.significant(0, digits: 4, .vi) == "0")
        #expect((2.032e4).significant(4) == "20320" && (4.285e5).significant(4) == "428500" && (0.5).significant(4) == "0.5")
        for v in [4.99e5, 2.032e4, 1e15, 1.5e-20, -9.474e-15, 1.23e-7, 123_456_789.123] {
            for l in Language.allCases {
                let text = NumberText.significant(v, digits: 4, l)
                #expect(!text.contains("e") && !text.contains("E"), "\(v): \(text)")
            }
            #expect(!v.significant(4).contains("e"), "\(v)")
        }
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

    /// A projected share's reading, against the row's own numbers written by hand (printf, comma
    /// decimals): the indicator's decimals for the projection and its range, the target as written.
    @Test func readingOfAProjectedShare() throws {
        let gaps = GapTable.build(try DatasetLoader.loadValid(directory: shippedDatasets.path))
        func vi(_ v: Double, _ d: Int) -> String { String(format: "%.\(d)f", v).replacingOccurrences(of: ".", with: ",") }
        var checked = 0
        for row in gaps.rows where row.indicator.unit == .percent && row.status != .achieved {
            guard let p = row.projection, let i = p.intervals.first(where: { $0.level == 80 }), let lo = i.lower, let hi = i.upper,
                  let pm = row.forecast?.target?.pMeet else { continue }
            let d = row.style.decimals, written = (0...d).first { Double(String(format: "%.\($0)f", row.target.value)) == row.target.value } ?? d
            let expected = "Theo xu hướng hiện nay, năm \(row.target.year) dự kiến đạt \(vi(p.estimate, d)) % (khoảng 80 %: \(vi(lo, d))–\(vi(hi, d)) %); "
                + "khả năng đạt mục tiêu \(row.target.comparator == .atLeast ? "≥" : "≤") \(vi(row.target.value, written)) % là "
                + (pm > 0 && pm < 0.005 ? "< 1" : pm < 1 && pm >= 0.995 ? "> 99" : "\(Int((pm * 100).rounded()))") + " %."
            #expect(Words.reading(row).vi == expected)
            checked += 1
        }
        #expect(checked >= 10)
        let none = try #require(gaps.rows.first { $0.remark == .noObservation })
        #expect(Words.reading(none).vi == "Chưa có số liệu của chỉ tiêu này tại đơn vị này.")
        #expect(TargetOverview(gaps: gaps, sources: []).sentences.first?.vi == "Báo cáo đánh giá 74 mục tiêu của 37 chỉ tiêu tại 3 đơn vị.")
    }

    /// The summary's and the glossary's sentence on what the ranges rest on is read from the
    /// calibration table's own record (its corpus: indicators, entities, years), never a constant:
    /// the shipped table's, with the back-test's coverage; another table's, without it.
    @Test func corpusSentenceReadsTheCalibrationTable() throws {
        let shipped = try #require(CalibrationTable.shipped.corpus)
        let entities = NumberText.plain(Double(shipped.entities), decimals: 0, .vi)
        let words = "\(shipped.indicators) chỉ tiêu ở \(entities) đơn vị (\(shipped.firstYear)–\(shipped.lastYear))"
        let sentence = Glossary.rangesChecked().vi
        #expect(sentence.contains(words) && sentence.contains("73,3–92,7 %") && sentence.contains("94,0–98,1 %") && !sentence.contains("quốc gia"), "\(sentence)")
        let calibrated = try #require(Glossary.entries().first { $0.term.en == "Calibrated" })
        #expect(calibrated.definition.vi.contains(words))
        // A table learned elsewhere: its own record, and no claim of the shipped table's back-test.
        let text = CalibrationTable.shipped.text().replacingOccurrences(
            of: "corpus,,,,,,,\(shipped.indicators);\(shipped.entities);\(shipped.firstYear);\(shipped.lastYear)", with: "corpus,,,,,,,3;41;2019;2024")
        let own = try CalibrationTable(text: text)
        #expect(own.corpus == CalibrationTable.Corpus(indicators: 3, entities: 41, firstYear: 2019, lastYear: 2024))
        #expect(Glossary.rangesChecked(own).vi.contains("3 chỉ tiêu ở 41 đơn vị (2019–2024)") && !Glossary.rangesChecked(own).vi.contains("72,0"))
        #expect(Glossary.entries(own).contains { $0.definition.vi.contains("3 chỉ tiêu ở 41 đơn vị (2019–2024)") })
        #expect(!Glossary.entries(own).contains { $0.term.en == "How the ranges were checked" })
        let overview = TargetOverview(gaps: GapTable(rows: []), sources: [], calibration: own)
        #expect(overview.sentences.last == Glossary.rangesChecked(own))
    }
}
