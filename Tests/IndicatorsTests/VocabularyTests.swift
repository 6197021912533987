import ChisoTestSupport
import Foundation
import Testing
@testable import Indicators

/// The one vocabulary of the cells that take one of a few values (the template's drop-down lists
/// and every reader), source ids made from titles, example rows, and findings grouped by root cause.
struct VocabularyTests {
    /// A cell's text and the code it must read as.
    struct Word: Sendable, CustomTestStringConvertible {
        var text: String, code: String
        var testDescription: String { "\(text) → \(code)" }
    }

    /// Vietnamese words in the cases and spellings planners type, and the English codes.
    static let kinds: [Word] = [("tỷ lệ", "share"), ("TỶ LỆ", "share"), ("ty le", "share"), ("Tỉ lệ", "share"), ("share", "share"),
                                ("số lượng", "count"), ("so luong", "count"), ("điểm", "score"), ("Điểm số", "score"),
                                ("hạng", "rank"), ("Thứ hạng", "rank"), ("số tiền", "amount"), ("amount", "amount")].map(Word.init)
    static let levels: [Word] = [("tỉnh", "province"), ("Tỉnh", "province"), ("tinh", "province"), ("huyện", "district"),
                                 ("HUYỆN", "district"), ("thị xã", "district"), ("sở/ngành", "department"), ("sở, ngành", "department"),
                                 ("province", "province"), ("district", "district")].map(Word.init)
    static let units: [Word] = [("%", "percent"), (" % ", "percent"), ("phần trăm", "percent"), ("điểm", "score"), ("hạng", "rank"),
                                ("số lượng", "count"), ("đồng", "vnd"), ("percent", "percent"), ("count", "count")].map(Word.init)
    static let directions: [Word] = [("tăng", "up"), ("Tăng", "up"), ("tang", "up"), ("tăng là tốt", "up"), ("giảm", "down"),
                                     ("Giảm", "down"), ("càng thấp càng tốt", "down"), ("up", "up"), ("down", "down")].map(Word.init)
    static let measures: [Word] = [("thời kỳ", "flow"), ("Thời kỳ", "flow"), ("trong kỳ", "flow"), ("thời điểm", "stock"),
                                   ("tại thời điểm", "stock"), ("flow", "flow"), ("stock", "stock")].map(Word.init)
    static let comparators: [Word] = [("≥", ">="), ("≤", "<="), (">=", ">="), ("<=", "<="), ("tối thiểu", ">="), ("Tối đa", "<="),
                                      ("không quá", "<=")].map(Word.init)

    @Test(arguments: kinds) func kind(_ w: Word) { #expect(Vocabulary.kind.value(w.text)?.rawValue == w.code) }
    @Test(arguments: levels) func level(_ w: Word) { #expect(Vocabulary.level.value(w.text)?.rawValue == w.code) }
    @Test(arguments: units) func unit(_ w: Word) { #expect(Vocabulary.unit.value(w.text)?.rawValue == w.code) }
    @Test(arguments: directions) func direction(_ w: Word) { #expect(Vocabulary.direction.value(w.text)?.rawValue == w.code) }
    @Test(arguments: measures) func measure(_ w: Word) { #expect(Vocabulary.measure.value(w.text)?.rawValue == w.code) }
    @Test(arguments: comparators) func comparator(_ w: Word) { #expect(Vocabulary.comparator.value(w.text)?.rawValue == w.code) }

    /// Words that are no value of their column.
    @Test func otherWordsAreNone() {
        #expect(Vocabulary.kind.value("bình quân") == nil)
        #expect(Vocabulary.level.value("xã") == nil)
        #expect(Vocabulary.level.value("thành phố") == nil)
        #expect(Vocabulary.direction.value("") == nil)
        #expect(Vocabulary.comparator.value("=") == nil)
    }

    /// Every word of every column reads as its own value (no two values share a word once case,
    /// marks and spacing are ignored), and each drop-down list starts with one word per value.
    @Test func everyWordReadsAsItsOwnValue() {
        func check<T>(_ choices: Vocabulary.Choices<T>, _ firsts: [String]) {
            for entry in choices.entries {
                for word in entry.words { #expect(choices.value(word) == entry.value, "\(word)") }
                #expect(choices.value(entry.value.rawValue) == entry.value)
            }
            #expect(Array(choices.dropDown.prefix(firsts.count)) == firsts)
        }
        check(Vocabulary.kind, ["tỷ lệ", "số lượng", "điểm", "hạng", "số tiền"])
        check(Vocabulary.unit, ["%", "số lượng", "điểm", "hạng", "đồng"])
        check(Vocabulary.direction, ["tăng", "giảm"])
        check(Vocabulary.measure, ["thời kỳ", "thời điểm"])
        check(Vocabulary.level, ["tỉnh", "huyện", "sở/ngành"])
        check(Vocabulary.comparator, ["≥", "≤"])
        // A list validation's formula separates its values with commas: none may hold one.
        for column in ["unit", "kind", "direction", "measure", "level", "comparator"] {
            let list = Vocabulary.dropDown(column: column) ?? []
            #expect(!list.isEmpty && list.allSatisfy { !$0.contains(",") }, "\(column)")
        }
        #expect(Vocabulary.dropDown(column: "name_vi") == nil)
    }

    /// A unit may be a count's noun (its Vietnamese label) only for a count, or a multiple of the đồng.
    @Test func unitNouns() throws {
        let noun = try #require(Vocabulary.unit("Hồ sơ", kind: .count))
        #expect(noun.unit == .count && noun.noun == "hồ sơ")
        #expect(Vocabulary.unit("hồ sơ", kind: .share) == nil)
        #expect(Vocabulary.unit("", kind: .count) == nil)
        let money = try #require(Vocabulary.unit("Triệu đồng", kind: .amount))
        #expect(money.unit == .vnd && money.noun == "triệu đồng")
        let percent = try #require(Vocabulary.unit("%", kind: .share))
        #expect(percent.unit == .percent && percent.noun == nil)
    }

    @Test func sourceIdsFromTitles() {
        #expect(DatasetLoader.sourceId(title: "Báo cáo số 123/BC-UBND", taken: []) == "bao_cao_so_123_bc_ubnd")
        #expect(DatasetLoader.sourceId(title: "Báo cáo số 123/BC-UBND", taken: ["bao_cao_so_123_bc_ubnd"]) == "bao_cao_so_123_bc_ubnd_2")
        // Long titles keep their first whole words, at most 40 characters.
        #expect(DatasetLoader.sourceId(title: "Kế hoạch chuyển đổi số giai đoạn 2021-2025", taken: []) == "ke_hoach_chuyen_doi_so_giai_doan_2021")
        #expect(DatasetLoader.sourceId(title: "!!!", taken: []) == "nguon")
    }

    @Test func exampleRowsAreMarkedByTheirFirstCell() {
        for text in ["Ví dụ: ty_le", "ví dụ", "VI DU: Tỷ lệ", "Ví dụ :x"] { #expect(DatasetWorkbook.isExample(firstCell: text), "\(text)") }
        for text in ["ty_le", "Ví dụ điển hình", "", "Tỷ lệ: ví dụ"] { #expect(!DatasetWorkbook.isExample(firstCell: text), "\(text)") }
    }

    /// A dataset folder in Vietnamese words reads as its codes; a count's noun becomes its label;
    /// sources without ids get them from their titles and are named by title in the observations.
    @Test func datasetFolderInVietnameseWords() throws {
        let texts = [
            "sources.csv": "id,title,issuer,document_number,date,file\n,Báo cáo năm 2024,UBND,1/BC,2024-12-20,\n",
            "indicators.csv": "id,name_vi,name_en,unit,kind,lower,upper,direction,measure\n"
                + "ty_le,Tỷ lệ,Share,%,tỷ lệ,0,100,tăng,thời kỳ\nho_so,Số hồ sơ,Files,hồ sơ,số lượng,0,,Tăng,Thời điểm\n",
            "entities.csv": "id,name_vi,name_en,level,parent,aliases\np,Tỉnh P,,tỉnh,,\nd,Huyện D,,huyện,p,\n",
            "observations.csv": MiniDataset.header + "ty_le,d,2024,50,,,Báo cáo năm 2024,,\nho_so,d,2024,1200,,,bao_cao_nam_2024,,\n",
            "targets.csv": "indicator,entity,year,value,comparator,source,note\nty_le,d,2025,80,tối thiểu,Báo cáo năm 2024,\n",
        ]
        let (data, findings) = try DatasetLoader.load(texts: texts)
        #expect(findings.isEmpty, "\(findings)")
        #expect(data.indicators.map(\.kind) == [.share, .count])
        #expect(data.indicators.map(\.unit) == [.percent, .count])
        #expect(data.indicators.map(\.unitLabelVi) == [nil, "hồ sơ"])
        #expect(data.indicators.map(\.measure) == [.flow, .stock])
        #expect(data.entities.map(\.level) == [.province, .district])
        #expect(Array(data.sources.keys) == ["bao_cao_nam_2024"])
        #expect(data.observations.map(\.source) == ["bao_cao_nam_2024", "bao_cao_nam_2024"])
        #expect(data.targets.map(\.comparator) == [.atLeast])
    }

    /// One bad level leaves its entity out: every row naming it follows from that cell, and the
    /// rank check is not run on what is left (no warning about ranks among the other two).
    @Test func rowsUsingALeftOutEntityFollowFromItsCell() throws {
        let entities = MiniDataset.entities.replacingOccurrences(of: "d1,Huyện Một,District One,district", with: "d1,Huyện Một,District One,thôn")
        let texts = ["sources.csv": MiniDataset.sources, "indicators.csv": MiniDataset.indicators, "entities.csv": entities,
                     "observations.csv": MiniDataset.clean, "targets.csv": MiniDataset.targets]
        let (_, findings) = try DatasetLoader.load(texts: texts)
        let level = SourcePosition(file: "entities.csv", line: 3, column: 4)
        #expect(findings.first?.position == level)
        #expect(findings.first?.problem == .notOneOf(text: "thôn", column: "level", allowed: ["tỉnh", "huyện", "sở/ngành"],
                                                      codes: ["province", "district", "department"]))
        let following = findings.filter { $0.cause == level }
        // d1's rows: share 2023 and 2024, total, part_a, part_b, rank; and its target.
        #expect(following.count == 7, "\(findings.map(\.description))")
        #expect(following.allSatisfy { $0.problem == .definitionWithError(.entity, text: "d1", at: level) })
        #expect(!findings.contains { $0.code == .rankContradiction }, "\(findings.map(\.description))")
        let roots = Finding.rootCauses(findings)
        #expect(roots.count == 1)
        #expect(roots.first?.consequences == 7)
    }

    /// Grouping keeps every finding without a cause, in order, and counts the others at their cause.
    @Test func rootCausesCountWhatFollows() {
        let a = SourcePosition(file: "b.xlsx", line: 3, column: 5, sheet: "Chỉ tiêu")
        let b = SourcePosition(file: "b.xlsx", line: 4, column: 1, sheet: "Đơn vị")
        let elsewhere = SourcePosition(file: "b.xlsx", line: 9, column: 9, sheet: "Nguồn")
        let findings = [
            Finding(.error, .invalidChoice, at: a, .notOneOf(text: "x", column: "Loại", allowed: [], codes: [])),
            Finding(.error, .invalidId, at: b, .invalidId("a b")),
            Finding(.error, .unknownIndicator, at: SourcePosition(file: "b.xlsx", line: 2, column: 1, sheet: "Số liệu"),
                    .definitionWithError(.indicator, text: "i", at: a), cause: a),
            Finding(.error, .unknownIndicator, at: SourcePosition(file: "b.xlsx", line: 3, column: 1, sheet: "Số liệu"),
                    .definitionWithError(.indicator, text: "i", at: a), cause: a),
            Finding(.error, .unknownSource, at: SourcePosition(file: "b.xlsx", line: 3, column: 3, sheet: "Số liệu"),
                    .definitionWithError(.source, text: "s", at: elsewhere), cause: elsewhere),
            Finding(.warning, .entityAlias, at: b, .entityByAlias(text: "B", id: "b")),
        ]
        let roots = Finding.rootCauses(findings)
        #expect(roots.map(\.finding) == [findings[0], findings[1], findings[4], findings[5]])
        #expect(roots.map(\.consequences) == [2, 0, 0, 0])
    }
}
