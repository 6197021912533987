import ChisoTestSupport
import Foundation
import Testing

/// Output in one language: in `--lang vi` no English word outside ids, proper names and the data's
/// own text; in `--lang en` no Vietnamese label outside the data's own text (names, sources).
///
/// Scanned: every file of `chiso report`, `chiso gaps` in md, csv, json and html, `chiso compare`,
/// and `chiso forecast` as a table and JSON (a dataset series with a target, and a file's series with
/// the textbook selection). Not yet scanned: `data`, `regress`, `backtest` and `calibrate` output,
/// and error messages (issue 13 continues there).
@Suite struct LanguageTests {
    /// Words of the data itself (ids, names, sources, locators): allowed in either language.
    static func dataWords() throws -> Set<String> {
        var words: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: shippedDatasets.path) where name.hasSuffix(".csv") {
            let text = try String(contentsOf: shippedDatasets.appendingPathComponent(name), encoding: .utf8)
            words.formUnion(tokens(text))
        }
        return words
    }

    /// Letter-and-digit runs.
    static func tokens(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
    }

    /// ASCII words that our Vietnamese output may hold: Vietnamese syllables written without marks,
    /// abbreviations, method names (proper names) and symbols.
    static let viAllowed: Set<String> = [
        "Cao", "So", "Thay", "Ghi", "ghi", "sai", "w", "xu", "thang", "khoa", "cong", "trong", "theo", "tin", "an", "chia", "qua",
        "Trong", "Theo", "xem", "nhau", "hai", "xa", "ngang", "Chiso",
        "Wilson", "Newcombe", "Student", "AICc", "RMSE", "logit", "log", "GLM", "IRLS", "t", "n", "h", "se",
        "Gapminder", "Systema", "Globalis", "ITU", "WHO", "UNICEF", "UNESCO", "FAO", "UNDP", "CC", "BY", "DTI",
        "html", "csv", "md", "json", "xlsx",
    ]

    /// The visible text of a rendered file: HTML without tags, scripts and styles; JSON's string values
    /// except its codes (model, status, intervals, comparator ids and coefficient names, kept stable for machines).
    static func visibleText(_ text: String, name: String) throws -> String {
        if name.hasSuffix(".html") {
            var t = text.replacingOccurrences(of: "<style[^>]*>[\\s\\S]*?</style>", with: " ", options: .regularExpression)
            t = t.replacingOccurrences(of: "<script[^>]*>[\\s\\S]*?</script>", with: " ", options: .regularExpression)
            t = t.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            return t.replacingOccurrences(of: "&[a-z]+;|&#[0-9]+;", with: " ", options: .regularExpression)
        }
        if name.hasSuffix(".md") {
            // Markdown shows its entities as characters ("&lt; 1 %" reads "< 1 %").
            return text.replacingOccurrences(of: "&[a-z]+;|&#[0-9]+;", with: " ", options: .regularExpression)
        }
        if name.hasSuffix(".json") {
            var strings: [String] = []
            func walk(_ o: Any, key: String?) {
                if let d = o as? [String: Any] { for (k, v) in d { walk(v, key: k) } }
                else if let a = o as? [Any] { for v in a { walk(v, key: key) } }
                else if let s = o as? String, !["model", "status", "intervals", "name", "id"].contains(key ?? "") { strings.append(s) }
            }
            walk(try JSONSerialization.jsonObject(with: Data(text.utf8)), key: nil)
            return strings.joined(separator: " ")
        }
        return text
    }

    /// Words of `text` (file `name`) not allowed in `language`: for vi, ASCII words outside the data
    /// and the allow-list; for en, words with Vietnamese letters outside the data. Command-line flags
    /// named in hints (`--kind`, `--intervals model`) and file paths are left out.
    static func strangers(_ text: String, name: String, language: String, data: Set<String>) throws -> Set<String> {
        var t = try visibleText(text, name: name)
        t = t.replacingOccurrences(of: "--intervals model|--[a-z][a-z-]*", with: " ", options: .regularExpression)
        // Paths end at a space (a document number such as "749/QĐ-TTg" is not one: its letters are the data's).
        t = t.replacingOccurrences(of: "(/[A-Za-z0-9._-]+)+/?(?=\\s|$)", with: " ", options: .regularExpression)
        var out: Set<String> = []
        for w in tokens(t) where !data.contains(w) && !w.allSatisfy({ $0.isNumber }) {
            let ascii = w.unicodeScalars.allSatisfy(\.isASCII)
            if language == "vi", ascii, !viAllowed.contains(w), w.range(of: "^[0-9]+[A-Za-z]?[0-9]*$", options: .regularExpression) == nil {
                out.insert(w)
            }
            if language == "en", !ascii { out.insert(w) }
        }
        return out
    }

    /// Runs every scanned command in a language and returns (file or command, strangers) for those with any.
    static func scan(_ language: String) throws -> [String: Set<String>] {
        let data = try dataWords()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [(String, String)] = []
        let report = dir.appendingPathComponent("report")
        let r = try runChiso(["report", "--out", report.path, "--lang", language])
        #expect(r.status == 0, "\(r.stderr)")
        outputs.append(("report (stdout)", r.stdout))
        for name in try FileManager.default.contentsOfDirectory(atPath: report.path) where !name.hasSuffix(".xlsx") && !name.hasSuffix(".docx") {
            outputs.append((name, try String(contentsOf: report.appendingPathComponent(name), encoding: .utf8)))
        }
        for format in ["md", "csv", "json", "html"] {
            let g = try runChiso(["gaps", "--format", format, "--lang", language])
            #expect(g.status == 0, "\(g.stderr)")
            outputs.append(("gaps." + format, g.stdout))
        }
        let c = try runChiso(["compare", "--indicator", "dti_score", "--lang", language])
        outputs.append(("compare", c.stdout))
        for format in ["table", "json"] {
            let f = try runChiso(["forecast", "--indicator", "dti_score", "--entity", "krong_no", "--target", "700", "--target-year", "2025",
                                  "--format", format, "--lang", language])
            #expect(f.status == 0, "\(f.stderr)")
            outputs.append(("forecast." + (format == "json" ? "json" : "txt"), f.stdout))
        }
        let csv = dir.appendingPathComponent("w.csv")
        try Data("Năm,Tỷ lệ (%)\n2020,13\n2021,21.4\n2022,22\n2023,23.2\n2024,26\n".utf8).write(to: csv)
        let w = try runChiso(["forecast", csv.path, "--intervals", "model", "--lang", language])
        #expect(w.status == 0, "\(w.stderr)")
        outputs.append(("forecast file", w.stdout.replacingOccurrences(of: "Tỷ lệ (%)", with: "")))
        var found: [String: Set<String>] = [:]
        for (name, text) in outputs {
            let s = try strangers(text, name: name, language: language, data: data)
            if !s.isEmpty { found[name] = s }
        }
        return found
    }

    @Test func vietnameseOutputHasNoEnglishWords() throws {
        let found = try Self.scan("vi")
        #expect(found.isEmpty, "\(found.mapValues { $0.sorted() })")
    }

    @Test func englishOutputHasNoVietnameseLabels() throws {
        let found = try Self.scan("en")
        #expect(found.isEmpty, "\(found.mapValues { $0.sorted() })")
    }

    /// The scan finds what it looks for: an English status in Vietnamese text, a Vietnamese label in English.
    @Test func scanCatchesStrangers() throws {
        let data: Set<String> = ["dak_lak"]
        #expect(try Self.strangers("| dak_lak | off track |", name: "x.md", language: "vi", data: data) == ["off", "track"])
        #expect(try Self.strangers("| dak_lak | chậm tiến độ |", name: "x.md", language: "en", data: data) == ["chậm", "tiến", "độ"])
        #expect(try Self.strangers("{\"status\": \"off track\", \"s\": \"đã đạt\"}", name: "x.json", language: "vi", data: data).isEmpty)
    }
}
