import ChisoTestSupport
import Foundation
import Indicators
import Reporting
import Testing

/// `chiso compare` on every indicator: the planner's workbook (a province, six districts, a share
/// with counts, a count, the DTI score and a rank; Fixtures/planner-province.xlsx is
/// Tests/ReportingTests/Fixtures/planner-province exported to the template's form by
/// `chiso data export --format xlsx`) in every format and both languages, and the shipped data.
@Suite struct CompareCommandTests {
    static let workbook = packageRoot.appendingPathComponent("Tests/ChisoCLITests/Fixtures/planner-province.xlsx").path
    static let districts = ["Đông Hà", "Quảng Trị", "Gio Linh", "Vĩnh Linh", "Hướng Hóa", "Triệu Phong"]
    static let indicators = ["Tỷ lệ hồ sơ trực tuyến toàn trình", "Chỉ số DTI cấp huyện", "Xếp hạng DTI cấp huyện", "Số hồ sơ trực tuyến"]

    /// Each indicator by its Vietnamese name, in md, csv, json and html on standard output: every
    /// district named, the province never ranked (it is the parent).
    @Test(arguments: indicators)
    func everyIndicatorInEveryTextFormat(_ indicator: String) throws {
        for format in ["md", "csv", "json", "html"] {
            for lang in ["vi", "en"] {
                let r = try runChiso(["compare", "--data", Self.workbook, "--indicator", indicator, "--format", format, "--lang", lang])
                #expect(r.status == 0, "\(indicator) \(format) \(lang): \(r.stderr)")
                for name in Self.districts {
                    // English names drop the diacritics ("Dong Ha city").
                    let shown = lang == "vi" ? name : name.folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: "Đ", with: "D")
                    #expect(r.stdout.contains(shown), "\(indicator) \(format) \(lang): \(shown)")
                }
                // A CSV of one table has no title line (the two-window share's has one per section).
                guard format != "csv" || indicator == Self.indicators[0] else { continue }
                #expect(r.stdout.contains(lang == "vi" ? "So sánh các huyện, thị xã, thành phố của tỉnh Minh Họa" : "Comparison of districts of Minh Hoa province"))
            }
        }
    }

    /// The workbook and the Word document: written, opened as ZIP packages, each entity named in
    /// the document's text.
    @Test func workbookAndWordDocument() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (k, indicator) in Self.indicators.enumerated() {
            for format in ["xlsx", "docx"] {
                let out = dir.appendingPathComponent("c\(k).\(format)").path
                let r = try runChiso(["compare", "--data", Self.workbook, "--indicator", indicator, "--format", format, "--output", out])
                #expect(r.status == 0 && r.stdout.isEmpty, "\(indicator) \(format): \(r.stderr)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: out)).prefix(2) == Data("PK".utf8))
            }
        }
    }

    /// On the shipped data, every indicator with two or more entities of one level under one parent
    /// at a period gets a comparison, and no other does (counted from the observations directly).
    @Test func shippedDataEveryIndicator() throws {
        let data = try DatasetLoader.loadValid(directory: shippedDatasets.path)
        let entities = Dictionary(data.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var compared = 0
        for indicator in data.indicators {
            // (level, parent, period) → entities with an observation.
            var cells: [String: Set<String>] = [:]
            for o in data.observations where o.indicator == indicator.id {
                guard let e = entities[o.entity] else { continue }
                cells["\(e.level.rawValue)|\(e.parent ?? "")|\(o.period)", default: []].insert(e.id)
            }
            let expected = cells.values.contains { $0.count >= 2 }
            let made = (try? EntityComparison.build(data, indicator: indicator.id)) ?? []
            #expect(!made.isEmpty == expected, "\(indicator.id)")
            if expected { compared += 1 }
            for c in made {
                #expect(c.groups.allSatisfy { g in g.rows.filter { !$0.otherPeriod }.count >= 2 }, "\(indicator.id)")
                // Like with like: one level per comparison, the parent never among the rows.
                #expect(c.groups.allSatisfy { g in g.rows.allSatisfy { $0.entity.level == c.level && $0.entity.id != g.parent?.id } })
            }
        }
        // 41 of the shipped data's indicators have two or more entities of one level under one parent.
        #expect(compared == 41)
        let r = try runChiso(["compare", "--indicator", "not_an_indicator"])
        #expect(r.status == 1 && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
