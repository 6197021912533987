import ChisoTestSupport
import Foundation
import Indicators
@testable import Reporting
import Testing
import ZIPFoundation

/// The template a planner fills (`chiso data template`): drop-down lists of the one vocabulary, an
/// example row per sheet in grey italics, instructions that wrap with rows tall enough to show them.
struct TemplateWorkbookTests {
    /// The template's bytes and each part's XML text.
    struct Template {
        let data: Data
        let xml: [String: String]

        init() throws {
            data = try DatasetWorkbookWriter.workbook(nil, firstYear: 2020, lastYear: 2030)
            let archive = try Archive(data: data, accessMode: .read)
            var xml: [String: String] = [:]
            for entry in archive where entry.path.hasSuffix(".xml") {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                xml[entry.path] = String(decoding: bytes, as: UTF8.self)
            }
            self.xml = xml
        }

        /// Sheet `k` (1-based, in workbook order: 1 instructions, 2 indicators, 3 entities, …).
        func sheet(_ k: Int) throws -> String { try #require(xml["xl/worksheets/sheet\(k).xml"]) }
    }

    /// Each column that takes one of a few values offers the Vietnamese words of ``Vocabulary``;
    /// another word typed into it is warned about, not refused (Chiso reads spellings without
    /// marks and the English codes too), and a unit may be any count noun.
    @Test func dropDownsHoldTheVocabulary() throws {
        let t = try Template()
        let lists: [(sheet: Int, column: String, letter: String)] = [
            (2, "unit", "D"), (2, "kind", "E"), (2, "direction", "H"), (2, "measure", "I"), (3, "level", "D"), (7, "comparator", "E"),
        ]
        for (k, column, letter) in lists {
            let words = try #require(Vocabulary.dropDown(column: column))
            let xml = try t.sheet(k)
            let formula = "<formula1>\"\(words.joined(separator: ","))\"</formula1>"
            #expect(xml.contains("sqref=\"\(letter)2:\(letter)500\"><formula1>"), "\(column)")
            #expect(xml.contains(formula), "\(column): \(formula)")
            let rule = column == "unit" ? "showErrorMessage=\"0\"" : "errorStyle=\"warning\" showErrorMessage=\"1\""
            #expect(xml.contains("<dataValidation type=\"list\" allowBlank=\"1\" \(rule)"), "\(column)")
        }
        #expect(try t.sheet(2).contains("<formula1>\"%,số lượng,điểm,hạng,đồng,hồ sơ,"))
        #expect(try t.sheet(2).contains("<formula1>\"tỷ lệ,số lượng,điểm,hạng,số tiền\"</formula1>"))
        #expect(try t.sheet(3).contains("<formula1>\"tỉnh,huyện,sở/ngành\"</formula1>"))
        #expect(!t.xml.values.contains { $0.contains(">\"percent,") || $0.contains("\"share,") || $0.contains("\"province,") })
    }

    /// Row 2 of every sheet but the instructions is an example: it starts with "Ví dụ:", is grey
    /// italic, and the reader leaves it out (the fresh template is an empty dataset).
    @Test func exampleRowOnEverySheet() throws {
        let t = try Template()
        let styles = try #require(t.xml["xl/styles.xml"])
        #expect(styles.contains("<font><i/><sz val=\"11\"/><color rgb=\"FF7F7F7F\"/><name val=\"Calibri\"/></font>"))
        for k in 2...7 {
            let xml = try t.sheet(k)
            let a2 = try #require(xml.range(of: "<c r=\"A2\"").map { String(xml[$0.lowerBound...].prefix(200)) })
            #expect(a2.contains("<t xml:space=\"preserve\">Ví dụ: "), "sheet \(k): \(a2)")
        }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("mau.xlsx").path
        try t.data.write(to: URL(fileURLWithPath: path))
        let (data, findings) = try DatasetLoader.load(path: path)
        #expect(findings.isEmpty, "\(findings)")
        #expect(data.indicators.isEmpty && data.entities.isEmpty && data.sources.isEmpty && data.observations.isEmpty && data.targets.isEmpty)
    }

    /// Every instruction wraps in a column that fits a portrait page, and its row is at least as
    /// tall as its text needs where letters are widest (LibreOffice's DejaVu Sans: about 1.1
    /// characters a width unit; 15 points a line): no instruction shows as one clipped line.
    @Test func instructionsWrapAndShowWhole() throws {
        let sheet = DatasetWorkbookWriter.instructions
        #expect(sheet.widths == [60])
        #expect(sheet.fitToWidth)
        var checked = 0
        for (k, row) in sheet.rows.enumerated() {
            guard case let .text(text, style) = row.first, k > 0 else { continue }
            #expect(style.wrap, "row \(k + 1)")
            let lines = XLSXWriter.wrappedLines(text, perLine: 66)
            if lines > 1 {
                let height = try #require(sheet.rowHeights[k + 1], "row \(k + 1) has no height")
                #expect(height >= Double(lines) * 15, "row \(k + 1): \(height) pt for \(lines) lines")
                checked += 1
            }
        }
        #expect(checked == 9)
        let xml = try Template().sheet(1)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
        #expect(xml.contains("<pageSetup paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\" orientation=\"portrait\"/>"))
        // The instructions name the drop-down lists' words.
        let text = DatasetWorkbookWriter.instructionLines.joined(separator: "\n")
        for words in ["Loại: tỷ lệ, số lượng, điểm, hạng hoặc số tiền", "Cấp: tỉnh, huyện hoặc sở/ngành", "Chiều tốt: tăng hoặc giảm",
                      "để trống Mã nguồn thì Chiso tự đặt mã từ tên văn bản", "bắt đầu bằng \"Ví dụ:\""] {
            #expect(text.contains(words), "\(words)")
        }
    }

    /// A wrapped header or example cell longer than its column gets a row tall enough.
    @Test func fittedHeights() {
        #expect(XLSXWriter.wrappedLines("một hai ba", perLine: 7) == 2)
        #expect(XLSXWriter.wrappedLines("", perLine: 7) == 1)
        #expect(XLSXWriter.wrappedLines("abcdefghijklmno", perLine: 5) == 3)
        #expect(XLSXWriter.fittedHeight([.text("ngắn", .wrapped)], widths: [10]) == nil)
        #expect(XLSXWriter.fittedHeight([.text("Điểm được xếp hạng", .header)], widths: [16]) == 32)
        #expect(XLSXWriter.fittedHeight([.text("một câu dài hơn cột nhiều", .plain)], widths: [5]) == nil)
        let sheet = DatasetWorkbookWriter.sheet(DatasetWorkbook.indicators, [], example: true,
                                                widths: [28, 40, 32, 12, 11, 9, 9, 10, 11, 16, 16, 48, 12, 14])
        #expect(sheet.rowHeights[1] == 32 && sheet.rowHeights[2] == 32)
        #expect(sheet.landscape)
    }

    /// What Chiso itself writes for a unit, kind, direction, measure and level (its listings and
    /// reports) reads back as the same value, and the export writes the drop-down words.
    @Test func wordsChisoWritesReadBack() throws {
        for unit in Indicator.Unit.allCases { #expect(Vocabulary.unit.value(Words.unit(unit).vi) == unit, "\(unit)") }
        for kind in Indicator.Kind.allCases { #expect(Vocabulary.kind.value(Words.kind(kind).vi) == kind, "\(kind)") }
        for d in Indicator.Direction.allCases { #expect(Vocabulary.direction.value(Words.direction(d).vi) == d, "\(d)") }
        for m in Indicator.Measure.allCases { #expect(Vocabulary.measure.value(Words.measure(m).vi) == m, "\(m)") }
        for level in Entity.Level.allCases { #expect(Vocabulary.level.value(Words.level(level).vi) == level, "\(level)") }
        let data = try DatasetLoader.loadValid(directory: shippedDatasets.path)
        let archive = try Archive(data: DatasetWorkbookWriter.workbook(data), accessMode: .read)
        let entry = try #require(archive["xl/worksheets/sheet2.xml"])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        let indicators = String(decoding: bytes, as: UTF8.self)
        #expect(indicators.contains(">tỷ lệ</t>") && indicators.contains(">tăng</t>") && indicators.contains(">thời điểm</t>"))
        #expect(!indicators.contains(">share</t>") && !indicators.contains("Ví dụ:"))
    }
}
