import ChisoTestSupport
import Forecasting
import Foundation
import Indicators
@testable import Reporting
import Testing

/// Issue 21: a past target is judged on the value of its year, and "missed" when it was not met then.
struct PastTargetTests {
    static func dataset(targets: String) throws -> Dataset {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeDataset([
            "sources.csv": "id,title,issuer,document_number,date,file\ns1,Report,UBND,1/BC,2023-01-02,a.txt\n",
            "indicators.csv": "id,name_vi,name_en,unit,kind,lower,upper,direction,measure,parent,ranks,definition\nsh,Tỷ lệ,Share,percent,share,0,100,up,flow,,,\n",
            "entities.csv": "id,name_vi,name_en,level,parent,aliases\nd1,Huyện Một,District One,district,,\n",
            "observations.csv": "indicator,entity,period,value,numerator,denominator,source,locator,note\nsh,d1,2020,40,,,s1,,\nsh,d1,2022,55,,,s1,,\n",
            "targets.csv": "indicator,entity,year,value,comparator,source,note\n" + targets,
        ], to: dir)
        return try DatasetLoader.loadValid(directory: dir.path)
    }

    /// "≥ 45 in 2020" with 2020 = 40 and 2022 = 55 was missed in 2020.
    @Test func pastTargetIsJudgedOnItsYear() throws {
        let row = try #require(GapTable.build(try Self.dataset(targets: "sh,d1,2020,45,>=,s1,\n")).rows.first)
        #expect(row.status == .missed)
        #expect(row.remark == .judgedOnTargetYear(try Period(parsing: "2020"), value: 40))
        #expect(Words.status(.missed).vi == "không đạt" && Words.status(.missed).en == "missed")
        #expect(Words.reading(row).en == "Target ≥ 45% by 2020 missed: 40.0% (2020).")  // the target as written
        // Met in its year: achieved.
        let met = try #require(GapTable.build(try Self.dataset(targets: "sh,d1,2020,40,>=,s1,\n")).rows.first)
        #expect(met.status == .achieved)
    }

    /// A target year without an observation: the nearest one (the later of two as near), said so.
    @Test func pastTargetWithoutItsYearIsJudgedOnTheNearest() throws {
        let row = try #require(GapTable.build(try Self.dataset(targets: "sh,d1,2021,50,>=,s1,\n")).rows.first)
        #expect(row.status == .achieved)
        #expect(row.remark == .judgedOnNearest(try Period(parsing: "2022"), value: 55))
        #expect(Words.remark(try #require(row.remark)).en == "no observation in the target year: judged on the nearest one (2022)")
    }

    /// Every place statuses are listed knows "missed": the risk order, the page's badge.
    @Test func missedIsListedEverywhere() throws {
        #expect(GapTable.riskOrder.first == .missed)
        #expect(Set(GapTable.riskOrder) == Set(TargetAssessment.Status.allCases))
        let gaps = GapTable.build(try Self.dataset(targets: "sh,d1,2020,45,>=,s1,\n"))
        let summary = StatusSummary.table(gaps, by: .indicator)
        #expect(summary.rows.count == 1)
        #expect(HTMLRenderer.badgeClass(.missed) == "s-missed" && HTMLRenderer.style.contains(".s-missed{"))
    }
}
