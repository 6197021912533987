import Foundation
@testable import Indicators
import Testing

struct NumberParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var format: NumberFormat
        var expected: Double?
        var testDescription: String { "\(format.rawValue) \"\(text)\"" }
    }

    /// Forms seen in the seeds (50,65%; 13.425; 1.045; 6,102; 0.00%) and their edges.
    static let cases: [Case] = [
        Case(text: "50,65", format: .vi, expected: 50.65),
        Case(text: "50,65%", format: .vi, expected: 50.65),
        Case(text: "88,9 %", format: .vi, expected: 88.9),
        Case(text: "13.425", format: .vi, expected: 13425),
        Case(text: "1.045", format: .vi, expected: 1045),
        Case(text: "56.681.504.119", format: .vi, expected: 56_681_504_119),
        Case(text: "1.234,5", format: .vi, expected: 1234.5),
        Case(text: "-2,5", format: .vi, expected: -2.5),
        Case(text: "655,26", format: .vi, expected: 655.26),
        Case(text: "0.5", format: .vi, expected: nil),
        Case(text: "1.04", format: .vi, expected: nil),
        Case(text: "6,102", format: .en, expected: 6102),
        Case(text: "0.00%", format: .en, expected: 0),
        Case(text: "1,234.5", format: .en, expected: 1234.5),
        Case(text: "50.65", format: .en, expected: 50.65),
        Case(text: "50,65", format: .en, expected: nil),
        Case(text: "50,65", format: .auto, expected: 50.65),
        Case(text: "50.65", format: .auto, expected: 50.65),
        Case(text: "0,123", format: .auto, expected: 0.123),
        Case(text: "1.234.567", format: .auto, expected: 1_234_567),
        Case(text: "1,234,567", format: .auto, expected: 1_234_567),
        Case(text: "1.234,5", format: .auto, expected: 1234.5),
        Case(text: "1,234.5", format: .auto, expected: 1234.5),
        Case(text: "1.045", format: .auto, expected: nil),
        Case(text: "6,102", format: .auto, expected: nil),
        Case(text: "13.425", format: .auto, expected: nil),
        Case(text: "42", format: .auto, expected: 42),
        Case(text: "", format: .auto, expected: nil),
        Case(text: "abc", format: .vi, expected: nil),
        Case(text: "1,,5", format: .vi, expected: nil),
        Case(text: "1.2.3,4.5", format: .vi, expected: nil),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) {
        do {
            let v = try c.format.parse(c.text)
            #expect(v == c.expected, "got \(v)")
        } catch {
            #expect(c.expected == nil, "unexpected error: \(error)")
        }
    }

    @Test func ambiguityIsExplained() {
        // Both readings, and no command-line flag: the library does not know how the convention is chosen.
        #expect(throws: NumberParseError(text: "1.045", reason: .ambiguous(vi: "1045", en: "1.045"))) {
            try NumberFormat.auto.parse("1.045")
        }
        #expect(throws: NumberParseError(text: "6,102", reason: .ambiguous(vi: "6.102", en: "6102"))) {
            try NumberFormat.auto.parse("6,102")
        }
        #expect(NumberParseError(text: "1.045", reason: .ambiguous(vi: "1045", en: "1.045")).description == "\"1.045\" is ambiguous: 1045 (vi) or 1.045 (en)")
    }
}

struct PeriodTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var flow: Double?
        var stock: Double?
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(text: "2019", flow: 2019.5, stock: 2020),
        Case(text: "2020H1", flow: 2020.25, stock: 2020.5),
        Case(text: "2020H2", flow: 2020.75, stock: 2021),
        Case(text: "2024Q1", flow: 2024.125, stock: 2024.25),
        Case(text: "2024M08", flow: 2024 + 7.5 / 12, stock: 2024 + 8.0 / 12),
        Case(text: "2022-06-30", flow: 2022 + 181.0 / 365, stock: 2022 + 181.0 / 365),
        Case(text: "2024-12-31", flow: 2025, stock: 2025),
        Case(text: "2024-02-29", flow: 2024 + 60.0 / 366, stock: 2024 + 60.0 / 366),
        Case(text: "2024-09-01/2024-09-20", flow: 2024 + (244.0 + 264.0) / 2 / 366, stock: 2024 + 264.0 / 366),
        Case(text: "../2024-08-31", flow: 2024 + 244.0 / 366, stock: 2024 + 244.0 / 366),
        Case(text: "2020H3", flow: nil, stock: nil),
        Case(text: "2024Q5", flow: nil, stock: nil),
        Case(text: "2024M13", flow: nil, stock: nil),
        Case(text: "2024M8", flow: nil, stock: nil),
        Case(text: "2023-02-29", flow: nil, stock: nil),
        Case(text: "2024-09-20/2024-09-01", flow: nil, stock: nil),
        Case(text: "19", flow: nil, stock: nil),
        Case(text: "1800", flow: nil, stock: nil),
        Case(text: "2019/2020", flow: nil, stock: nil),
        Case(text: "", flow: nil, stock: nil),
    ]

    @Test(arguments: cases)
    func parsesAndMapsToTime(_ c: Case) throws {
        guard let flow = c.flow, let stock = c.stock else {
            #expect(throws: PeriodError.self) { try Period(parsing: c.text) }
            return
        }
        let p = try Period(parsing: c.text)
        #expect(abs(p.time(measure: .flow) - flow) < 1e-12)
        #expect(abs(p.time(measure: .stock) - stock) < 1e-12)
        #expect(p.description == c.text)
        #expect(try Period(parsing: p.description) == p)
    }

    @Test func designExample() throws {
        // DESIGN.md: 2022-06-30 → 2022.496.
        #expect(String(format: "%.3f", try Period(parsing: "2022-06-30").time(measure: .stock)) == "2022.496")
        #expect(try Period(parsing: "../2024-08-31").hasUnknownStart)
    }

    /// Period labels as Vietnamese reports write them, each read into the period it names.
    @Test(arguments: [
        ("Năm 2023", "2023"), ("năm  2023", "2023"), ("Year 2023", "2023"),
        ("6 tháng đầu năm 2024", "2024H1"), ("6 tháng cuối năm 2024", "2024H2"), ("06 tháng đầu năm 2024", "2024H1"),
        ("H1/2024", "2024H1"), ("2024-H1", "2024H1"), ("H2 2024", "2024H2"),
        ("Quý I/2024", "2024Q1"), ("quý IV năm 2024", "2024Q4"), ("Quý 3/2024", "2024Q3"), ("Q1/2024", "2024Q1"),
        ("Q3-2024", "2024Q3"), ("2024-Q2", "2024Q2"),
        ("T8/2024", "2024M08"), ("tháng 8/2024", "2024M08"), ("tháng 8 năm 2024", "2024M08"), ("08/2024", "2024M08"),
        ("2024-08", "2024M08"),
        ("30/6/2024", "2024-06-30"), ("30-06-2024", "2024-06-30"), ("30.6.2024", "2024-06-30"), ("ngày 30/6/2024", "2024-06-30"),
        ("1/12/2023", "2023-12-01"),
    ])
    func plannerForms(_ written: String, _ canonical: String) throws {
        #expect(try Period(parsing: written) == Period(parsing: canonical), "\(written)")
    }

    /// Impossible numbers in a recognised form name the problem; anything else lists every form.
    @Test func plannerFormErrors() {
        let cases: [(String, PeriodError.Reason, String)] = [
            ("31/2/2024", .noSuchDayMonthYear, "no such date (day/month/year)"), ("T13/2024", .month, "month must be 1–12"),
            ("Năm 1800", .yearOutOfRange("1800"), "year 1800 is outside 1900–2100"), ("H3/2024", .half, "half must be H1 or H2"),
            ("Quý V/2024", .romanQuarter, "quarter must be I–IV (1–4)"),
            ("2023x", .unknownForm, "expected a year (2019, Năm 2019), a half (2020H1, H1/2020, 6 tháng đầu năm 2020), a quarter (2024Q1, Quý I/2024), a month (2024M08, T8/2024), a date (2022-05-20, 30/6/2022) or a range (2024-09-01/2024-09-20)"),
            ("Kỳ báo cáo", .unknownForm, "expected a year (2019, Năm 2019), a half (2020H1, H1/2020, 6 tháng đầu năm 2020), a quarter (2024Q1, Quý I/2024), a month (2024M08, T8/2024), a date (2022-05-20, 30/6/2022) or a range (2024-09-01/2024-09-20)"),
        ]
        for (text, reason, words) in cases {
            #expect(throws: PeriodError(text: text, reason: reason)) { try Period(parsing: text) }
            #expect(reason.description == words)
        }
    }
}
