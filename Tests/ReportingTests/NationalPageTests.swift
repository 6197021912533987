import ChisoTestSupport
import Foundation
import Indicators
@testable import Reporting
import Testing

/// A report that stays readable at national size: counts by indicator and entity, capped tables,
/// no unreadable bar charts, long comparisons on pages of their own.
struct NationalPageTests {
    /// The status counts of the shipped report add up to its 74 targets, by indicator and by entity,
    /// and are sorted by the share behind, highest first.
    @Test func statusSummariesAddUp() throws {
        let data = try DatasetLoader.loadValid(directory: shippedDatasets.path)
        let gaps = GapTable.build(data)
        for grouping in [StatusSummary.Grouping.indicator, .entity] {
            let table = StatusSummary.table(gaps, by: grouping)
            func number(_ row: [ReportTable.Cell], _ k: Int) -> Double {
                if case let .number(v) = row[k], let v { return v }
                return .nan
            }
            #expect(table.rows.map { number($0, 2) }.reduce(0, +) == Double(gaps.rows.count))
            for row in table.rows { #expect(number(row, 3) + number(row, 4) + number(row, 5) == number(row, 2)) }
            let shares = table.rows.map { number($0, 6) }
            #expect(shares == shares.sorted(by: >))
        }
    }

    /// A table of 2,500 rows shows 2,000 and says where the rest are; a bar chart of 100 units is not
    /// drawn; links to pages of their own are listed.
    @Test func longTablesAreCapped() {
        let columns = [ReportTable.Column(key: "k", vi: "Khóa", en: "Key", format: .text)]
        let rows = (0..<2500).map { [ReportTable.Cell.text("row\($0)")] }
        let bars = BarChart(title: "bars", bars: (0..<100).map { (label: "u\($0)", value: Double($0)) }, maximum: nil)
        let table = ReportTable(id: "long", titleVi: "Dài", titleEn: "Long", columns: columns, rows: rows, charts: [.bars(bars)])
        let page = HTMLRenderer.page(title: "t", summary: [], tables: [table], language: .en, links: [(title: "Other", href: "comparison-x.html")])
        #expect(page.components(separatedBy: "<tr><td>").count - 1 == HTMLRenderer.maximumRows)
        #expect(page.contains("The first 2,000 of 2,500 rows; all rows are in long.csv, long.json and gaps.xlsx."))
        #expect(page.contains("Too many units for a bar chart (over 60); see the table.") && !page.contains("<svg class=\"bars\""))
        #expect(page.contains("<a href=\"comparison-x.html\">Other</a>"))
    }
}
