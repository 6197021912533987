import ChisoTestSupport
import Foundation
import Testing
import ZIPFoundation

/// Output in one language: in `--lang vi` no English word outside ids, proper names and the data's
/// own text; in `--lang en` no Vietnamese label outside the data's own text (names, sources).
///
/// Scanned: every file of `chiso report` (the workbook's and the Word document's text too), `chiso
/// gaps` in md, csv, json, html, xlsx and docx, `chiso compare`,
/// `chiso forecast` as a table and JSON (a dataset series with a target, and a file's series with
/// the textbook selection), `chiso data list` (the four listings as tables, indicators as JSON),
/// `chiso data show` (table and JSON), `chiso data validate` on the shipped data and on a dataset
/// with findings of every kind (and the one-line error another command gives for it), `chiso
/// regress` as a table (its JSON has no words; a rank-deficient fit's warning too), `chiso backtest`
/// as a table and JSON on a small panel with a table written by `chiso calibrate` (whose own output
/// is a machine file with a fixed English header, not scanned), and error messages: a missing file,
/// bad option values (ours and the argument parser's, with its usage lines), a missing argument,
/// malformed cells (not a number, an unclosed quote, a number that reads two ways), a dataset that
/// does not load, destinations that cannot be written. Not scanned: `chiso notebook` (a developer's tool); `--help` is scanned, with this scan, by
/// ``HelpLanguageTests``.
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

    /// The text a reader sees in a workbook or a Word document: every text run (`<t>`, `<w:t>`) and
    /// sheet name of its XML parts, entities decoded (unzipped with ZIPFoundation, not Chiso's reader).
    static func officeText(_ url: URL) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        var out: [String] = []
        for entry in archive where entry.path.hasSuffix(".xml") && !entry.path.hasPrefix("docProps/") && !entry.path.contains("styles") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let xml = String(decoding: data, as: UTF8.self)
            let runs = xml.matches(of: /<(?:w:)?t(?: [^>]*)?>([^<]*)<\/(?:w:)?t>/).map { String($0.1) }
            let sheets = xml.matches(of: /<sheet name="([^"]*)"/).map { String($0.1) }
            out += (runs + sheets).map {
                $0.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
        }
        return out.joined(separator: "\n")
    }

    /// Letter-and-digit runs.
    static func tokens(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
    }

    /// ASCII words that our Vietnamese output may hold: Vietnamese syllables written without marks,
    /// abbreviations, method names (proper names) and symbols.
    ///
    /// Added for `data`, `regress`, `backtest` and errors: the statistics' abbreviations and symbols
    /// (AIC, BIC; MAE, MASE and IS, the interval score, each defined in the back-test's legend; p of
    /// "giá trị p"), the proper names of the Brier score and of Gneiting & Raftery's interval score,
    /// the program's name "chiso" and its textbook method's id "chiso_textbook" (the back-test's method
    /// ids), the file formats CSV, UTF (UTF-8, UTF-16), ZIP and XML, and "vi"/"en", the language codes
    /// a hint names as the values of `--number-format`.
    static let viAllowed: Set<String> = [
        "Cao", "So", "Thay", "Ghi", "ghi", "sai", "w", "xu", "thang", "khoa", "cong", "trong", "theo", "tin", "an", "chia", "qua",
        "Trong", "Theo", "xem", "nhau", "hai", "xa", "ngang", "Chiso",
        "Wilson", "Newcombe", "Student", "AICc", "RMSE", "logit", "log", "GLM", "IRLS", "t", "n", "h", "se",
        "Gapminder", "Systema", "Globalis", "ITU", "WHO", "UNICEF", "UNESCO", "FAO", "UNDP", "CC", "BY", "DTI",
        "html", "csv", "md", "json", "xlsx",
        // The dataset folder's name, quoted by the Word document's source lines ("bộ dữ liệu Datasets").
        "Datasets",
        "AIC", "BIC", "MAE", "MASE", "IS", "p", "Brier", "Gneiting", "Raftery", "chiso", "Chiso", "chiso_textbook",
        "CSV", "UTF", "ZIP", "XML", "vi", "en",
        "Anh", "Nam", "hai", "hay", "Xem", "xem", "Sai", "suy", "cha",
        // The calibration's credit of its second corpus: the proper names of its sources (World Bank's
        // Doing Business, WDI, WGI by Kaufmann & Kraay, CPIA, SPI; the UN SDG database; Global Data Lab's
        // Area Database and Subnational HDI; Kolada, credited as its terms require, "Källa: Kolada", with
        // PTS and Internetstiftelsen).
        "Doing", "Business", "WDI", "WGI", "Kaufmann", "Kraay", "CPIA", "SPI", "SDG", "Global", "Data", "Lab", "Area", "Database",
        "Subnational", "HDI", "Kolada", "PTS", "Internetstiftelsen",
    ]

    /// Vietnamese words our English output may hold: the period forms the parser reads, which an
    /// English message lists as what to write ("Năm 2019", "Quý I/2024").
    static let enAllowed: Set<String> = ["Năm", "Quý", "Källa"]

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
                else if let s = o as? String, !["model", "status", "intervals", "name", "id", "progress_scale"].contains(key ?? "") { strings.append(s) }
            }
            walk(try JSONSerialization.jsonObject(with: Data(text.utf8)), key: nil)
            return strings.joined(separator: " ")
        }
        return text
    }

    /// Words of `text` (file `name`) not allowed in `language`: for vi, ASCII words outside the data
    /// and the allow-list; for en, words with Vietnamese letters outside the data. Left out as what a
    /// user types or searches for: command-line flags named in hints (`--kind`, `--intervals model`),
    /// commands (`chiso data validate`), the placeholders of a usage line (`<file>`), and file paths
    /// and names (`Datasets/observations.csv`, `entities.csv`). The code of a finding is not left out:
    /// Vietnamese text has none (`lỗi[unknown_entity]` is a stranger; `--format json` keeps the code).
    static func strangers(_ text: String, name: String, language: String, data: Set<String>) throws -> Set<String> {
        var t = try visibleText(text, name: name)
        t = t.replacingOccurrences(of: "--intervals model|--[a-z][a-z-]*", with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: "\\bchiso( [a-z]+)+", with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: "<[a-z-]+>", with: " ", options: .regularExpression)
        // Paths end at a space or a locator's colon (a document number such as "749/QĐ-TTg" is not one:
        // its letters are the data's); file names are left out with their extension.
        t = t.replacingOccurrences(of: "(?<![\\p{L}\\p{N}])[A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)+/?(?=[\\s:,;)]|$)", with: " ",
                                   options: .regularExpression)
        t = t.replacingOccurrences(of: "[A-Za-z0-9_-]+\\.(csv|xlsx|md|json|html|docx|txt)\\b", with: " ", options: .regularExpression)
        var out: Set<String> = []
        for w in tokens(t) where !data.contains(w) && !w.allSatisfy({ $0.isNumber }) {
            let ascii = w.unicodeScalars.allSatisfy(\.isASCII)
            if language == "vi", ascii, !viAllowed.contains(w), w.range(of: "^[0-9]+[A-Za-z]?[0-9]*$", options: .regularExpression) == nil {
                out.insert(w)
            }
            if language == "en", !ascii, !enAllowed.contains(w) { out.insert(w) }
        }
        return out
    }

    /// Runs every scanned command in a language and returns (file or command, strangers) for those with any.
    static func scan(_ language: String) throws -> [String: Set<String>] {
        let data = try dataWords()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [(String, String)] = []
        var own: [String: Set<String>] = [:]  // words of a command's own input (a fixture, a typed value)
        let report = dir.appendingPathComponent("report")
        let r = try runChiso(["report", "--out", report.path, "--lang", language])
        #expect(r.status == 0, "\(r.stderr)")
        outputs.append(("report (stdout)", r.stdout))
        for name in try FileManager.default.contentsOfDirectory(atPath: report.path) {
            let url = report.appendingPathComponent(name)
            let office = name.hasSuffix(".xlsx") || name.hasSuffix(".docx")
            outputs.append((name, office ? try officeText(url) : try String(contentsOf: url, encoding: .utf8)))
        }
        for format in ["md", "csv", "json", "html"] {
            let g = try runChiso(["gaps", "--format", format, "--lang", language])
            #expect(g.status == 0, "\(g.stderr)")
            outputs.append(("gaps." + format, g.stdout))
        }
        for format in ["xlsx", "docx"] {
            let file = dir.appendingPathComponent("gaps." + format)
            let g = try runChiso(["gaps", "--format", format, "--output", file.path, "--lang", language])
            #expect(g.status == 0, "\(g.stderr)")
            outputs.append(("gaps." + format, try officeText(file)))
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
        try scanData(language, dir, &outputs, &own)
        try scanRegressAndBacktest(language, dir, &outputs, &own)
        try scanErrors(language, dir, &outputs, &own)
        var found: [String: Set<String>] = [:]
        for (name, text) in outputs {
            let s = try strangers(text, name: name, language: language, data: data.union(own[name] ?? []))
            if !s.isEmpty { found[name] = s }
        }
        return found
    }

    /// `data list`, `data show`, `data validate` (shipped, and a dataset with findings of every kind).
    static func scanData(_ language: String, _ dir: URL, _ outputs: inout [(String, String)], _ own: inout [String: Set<String>]) throws {
        for what in ["indicators", "entities", "sources", "targets"] {
            let r = try runChiso(["data", "list", what, "--lang", language])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(("data list " + what, r.stdout))
        }
        let json = try runChiso(["data", "list", "indicators", "--format", "json", "--lang", language])
        outputs.append(("data list indicators.json", json.stdout))
        for format in ["table", "json"] {
            let r = try runChiso(["data", "show", "--indicator", "dvctt_with_applications_share", "--format", format, "--lang", language])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(("data show." + (format == "json" ? "json" : "txt"), r.stdout))
        }
        let shipped = try runChiso(["data", "validate", "--lang", language])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        outputs.append(("data validate", shipped.stdout))
        // Findings of every kind: the shared fixture, and rows with a bad period, a value out of
        // bounds, counts the wrong way round, an unknown indicator and source, a bad comparator.
        var files = datasetWithFindings
        files["observations.csv", default: ""] += "sh,pb,2023x,50,,,s_b,,\nsh,pb,2021,150,,,s_b,,\nsh,pb,2020,40,3,2,s_b,,\nzz,pb,2020,40,,,s_q,,\n"
        files["targets.csv", default: ""] += "sh,pb,2025,60,=>,s_a,\n"
        let broken = dir.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try writeDataset(files, to: broken)
        let words = Set(files.values.flatMap(tokens)).union(["zz", "s_q", "2023x"])
        let validate = try runChiso(["data", "validate", "--data", broken.path, "--lang", language])
        #expect(validate.status == 1 && validate.stdout.split(separator: "\n").count > 15, "\(validate.stdout)")
        outputs.append(("data validate (findings)", validate.stdout))
        let gaps = try runChiso(["gaps", "--data", broken.path, "--lang", language])
        #expect(gaps.status == 1 && gaps.stderr.split(separator: "\n").count == 1, "\(gaps.stderr)")
        outputs.append(("gaps (findings) error", gaps.stderr))
        own["data validate (findings)"] = words
        own["gaps (findings) error"] = words
    }

    /// `regress` (table and a rank-deficient fit's warning), `calibrate` writing a table that
    /// `backtest` reads (table and JSON) on a small panel: fast.
    static func scanRegressAndBacktest(_ language: String, _ dir: URL, _ outputs: inout [(String, String)],
                                       _ own: inout [String: Set<String>]) throws {
        let r = dir.appendingPathComponent("r.csv")
        try "y,x,x_copy\n1,1,1\n2,2.1,2.1\n3,2.9,2.9\n4,4.2,4.2\n5,4.8,4.8\n".write(to: r, atomically: true, encoding: .utf8)
        let regress = try runChiso(["regress", r.path, "--response", "y", "--predictors", "x,x_copy", "--lang", language])
        #expect(regress.status == 0, "\(regress.stderr)")
        outputs.append(("regress", regress.stdout))
        outputs.append(("regress warning", regress.stderr))
        own["regress"] = ["x", "x_copy"]
        own["backtest.json"] = ["net", "subs"]
        own["regress warning"] = ["x", "x_copy"]
        // Two indicators over six entities and ten years.
        var panel = "indicator,geo,year,value\n"
        for g in 0..<6 {
            for y in 0..<10 {
                panel += "net,g\(g),\(2010 + y),\(min(99, 10 + Double(5 * g) + 4.5 * Double(y)))\n"
                panel += "subs,g\(g),\(2010 + y),\(Double(2 + g) * (1 + 0.15 * Double(y)))\n"
            }
        }
        try panel.write(to: dir.appendingPathComponent("panel.csv"), atomically: true, encoding: .utf8)
        try "indicator,kind,lower,upper,direction\nnet,share,0,100,up\nsubs,count,0,,up\n"
            .write(to: dir.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        let table = dir.appendingPathComponent("calibration.csv").path
        let calibrate = try runChiso(["calibrate", dir.appendingPathComponent("panel.csv").path, "--minimum-count", "10", "--max-horizon", "3",
                                      "--output", table, "--lang", language])
        #expect(calibrate.status == 0 && calibrate.stdout.isEmpty && calibrate.stderr.isEmpty, "\(calibrate.stderr)")
        for format in ["table", "json"] {
            let b = try runChiso(["backtest", "--panel", dir.appendingPathComponent("panel.csv").path, "--calibration", table, "--sizes", "1,2,3",
                                  "--max-horizon", "3", "--textbook", "--by-horizon", "--format", format, "--lang", language])
            #expect(b.status == 0, "\(b.stderr)")
            outputs.append(("backtest." + (format == "json" ? "json" : "txt"), b.stdout))
        }
    }

    /// One-line errors: a missing file, option values (ours and the parser's), a missing argument,
    /// malformed cells. The input's own texts (a typed value, a column, a cell) are the data's.
    static func scanErrors(_ language: String, _ dir: URL, _ outputs: inout [(String, String)], _ own: inout [String: Set<String>]) throws {
        func error(_ name: String, _ arguments: [String], status: Int32 = 1, words: Set<String> = []) throws {
            let r = try runChiso(arguments + ["--lang", language], in: dir)
            #expect(r.status == status && r.stdout.isEmpty, "\(name): \(r.status) \(r.stderr)")
            #expect(r.stderr.hasPrefix(language == "vi" ? "Lỗi: " : "Error: "), "\(name): \(r.stderr)")
            outputs.append((name, r.stderr))
            own[name] = words
        }
        try "y,x\n1,1\n2,abc\n3,3\n".write(to: dir.appendingPathComponent("cell.csv"), atomically: true, encoding: .utf8)
        try "y,x\n1,1\n2,\"2\n3,3\n".write(to: dir.appendingPathComponent("quote.csv"), atomically: true, encoding: .utf8)
        try "y,x\n1.045,1\n2,2\n3,3\n".write(to: dir.appendingPathComponent("twoways.csv"), atomically: true, encoding: .utf8)
        try error("missing file", ["regress", "missing.csv", "--response", "y", "--predictors", "x"])
        try error("missing folder", ["data", "validate", "--data", "/nonexistent/data"])
        try error("bad value", ["forecast", "--indicator", "dti_score", "--entity", "krong_no", "--to", "abc"], words: ["abc"])
        try error("unknown entity", ["forecast", "--indicator", "dti_score", "--entity", "nowhere"], words: ["nowhere"])
        try error("parser: bad value", ["data", "list", "indicators", "--format", "xml"], status: 64, words: ["xml", "table", "json", "csv"])
        try error("parser: missing argument", ["regress", "cell.csv", "--response", "y"], status: 64)
        try error("not a number", ["regress", "cell.csv", "--response", "y", "--predictors", "x"], words: ["abc", "x"])
        try error("unclosed quote", ["regress", "quote.csv", "--response", "y", "--predictors", "x"])
        try error("two readings", ["regress", "twoways.csv", "--response", "y", "--predictors", "x"], words: ["y"])
        try error("needs a file", ["gaps", "--format", "xlsx"])
        try error("not a regular file", ["gaps", "--output", "/dev/null"])
        try error("no such folder", ["gaps", "--output", "/nonexistent/folder/gaps.md"])
    }

    @Test func vietnameseOutputHasNoEnglishWords() throws {
        let found = try Self.scan("vi")
        #expect(found.isEmpty, "\(found.mapValues { $0.sorted() })")
    }

    @Test func englishOutputHasNoVietnameseLabels() throws {
        let found = try Self.scan("en")
        #expect(found.isEmpty, "\(found.mapValues { $0.sorted() })")
    }

    // MARK: - What a planner pastes

    /// Method words a Vietnamese reader of a report should not meet outside its glossary (which alone
    /// may explain the method): the models' scales (logit, log), coefficients and spreads (β, σ),
    /// the textbook distribution and scores (Student t, AICc, AIC, BIC, RMSE, LOO), the fitting
    /// machinery (GLM, IRLS, "tựa nhị thức", "bậc tự do", "phương sai", "sai số chuẩn", "phân vị",
    /// "kiểm định chéo", "sách giáo khoa") and "quan sát" for a value of the data (a report says "số
    /// liệu"). ASCII terms match whole words, any letter case ("log" is not "login"); the others as written.
    static let jargon = ["logit", "log", "β", "σ", "Student", "AICc", "AIC", "BIC", "RMSE", "LOO", "GLM", "IRLS",
                         "tựa nhị thức", "bậc tự do", "phương sai", "sai số chuẩn", "phân vị", "kiểm định chéo", "sách giáo khoa",
                         "quan sát"]

    /// What `text` shows a planner that does not belong in a pasted Vietnamese report: the dataset's
    /// ids (`ids`; and any snake_case word: an id or an internal code), a finding's code in brackets,
    /// numbers in scientific notation ("4,99e+05"), and the ``jargon`` (left out: the glossary, cut
    /// from `text` by the caller, and file names, which a reader opens).
    static func pasteProblems(_ text: String, ids: Set<String>) -> Set<String> {
        var out: Set<String> = []
        let t = text.replacingOccurrences(of: "[A-Za-z0-9_-]+\\.(csv|xlsx|md|json|html|docx|txt)\\b", with: " ", options: .regularExpression)
        for w in tokens(t) where ids.contains(w) || w.contains("_") { out.insert("id or code: " + w) }
        for m in t.matches(of: /\[[a-z]+(?:_[a-z]+)*\]/) { out.insert("code: " + String(m.0)) }
        for m in t.matches(of: /[0-9][.,]?[0-9]*[eE][+\-−]?[0-9]+/) { out.insert("exponent: " + String(m.0)) }
        let words = Set(tokens(t).map { $0.lowercased() })
        for term in jargon {
            let ascii = term.unicodeScalars.allSatisfy(\.isASCII)
            if ascii ? words.contains(term.lowercased()) : t.contains(term) { out.insert("jargon: " + term) }
        }
        return out
    }

    /// The text of a pasted file without its glossary: the web page's section `giai-thich`, the Word
    /// document's paragraphs from its heading "… Giải thích thuật ngữ" to the next heading.
    static func withoutGlossary(_ text: String, name: String) -> String {
        if name.hasSuffix(".html") {
            return text.replacingOccurrences(of: "<section id=\"giai-thich\">[\\s\\S]*?</section>", with: " ", options: .regularExpression)
        }
        return text.replacingOccurrences(of: "\\n[0-9]+\\. Giải thích thuật ngữ\\n[\\s\\S]*?(?=\\n[0-9]+\\. )", with: "",
                                         options: .regularExpression)
    }

    /// The ids of a dataset (its indicators, entities and sources), read with `chiso data list`.
    static func ids(of data: String) throws -> Set<String> {
        var out: Set<String> = []
        for what in ["indicators", "entities", "sources"] {
            let r = try runChiso(["data", "list", what, "--data", data, "--format", "csv"])
            #expect(r.status == 0, "\(r.stderr)")
            for line in r.stdout.split(separator: "\n").dropFirst() {
                if let id = line.split(separator: ",", omittingEmptySubsequences: false).first, !id.isEmpty { out.insert(String(id)) }
            }
        }
        return out
    }

    /// What a planner pastes from a Vietnamese report — the web page, the Word document and the
    /// workbook of `chiso report` on the shipped data and on a filled template (whose targets cite a
    /// source by id), and of `chiso gaps` as html, docx and xlsx — shows no id of the dataset, no
    /// internal code, no number in scientific notation and, outside the glossary, no method jargon;
    /// nor does `chiso forecast` of a large count (no "4,99e+05").
    @Test func pastedVietnameseHasNoIdsCodesExponentsOrJargon() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = packageRoot.appendingPathComponent("Tests/ChisoCLITests/Fixtures/filled-template.xlsx").path
        var found: [String: Set<String>] = [:]
        for (k, data) in [shippedDatasets.path, template].enumerated() {
            let ids = try Self.ids(of: data)
            #expect(ids.count > 3, "\(data)")
            let report = dir.appendingPathComponent("report\(k)")
            let r = try runChiso(["report", "--data", data, "--out", report.path, "--lang", "vi"])
            #expect(r.status == 0, "\(r.stderr)")
            var texts: [(String, String)] = []
            for name in ["index.html", "report.docx", "gaps.xlsx"] {
                let url = report.appendingPathComponent(name)
                let raw = name.hasSuffix(".html") ? try String(contentsOf: url, encoding: .utf8) : try Self.officeText(url)
                texts.append(("report\(k)/" + name, try Self.visibleText(Self.withoutGlossary(raw, name: name), name: name)))
            }
            for format in ["html", "docx", "xlsx"] {
                let file = dir.appendingPathComponent("gaps\(k).\(format)")
                let g = try runChiso(["gaps", "--data", data, "--format", format, "--output", file.path, "--lang", "vi"])
                #expect(g.status == 0, "\(g.stderr)")
                let raw = format == "html" ? try String(contentsOf: file, encoding: .utf8) : try Self.officeText(file)
                texts.append(("gaps\(k).\(format)", try Self.visibleText(raw, name: file.lastPathComponent)))
            }
            for (name, text) in texts {
                let problems = Self.pasteProblems(text, ids: ids)
                if !problems.isEmpty { found[name] = problems }
            }
        }
        let count = try runChiso(["forecast", "--indicator", "dossiers_level4_received_count", "--entity", "dak_nong", "--to", "2030", "--lang", "vi"])
        #expect(count.status == 0, "\(count.stderr)")
        #expect(count.stdout.matches(of: /[0-9][eE][+\-][0-9]/).isEmpty, "\(count.stdout)")
        #expect(found.isEmpty, "\(found.mapValues { $0.sorted() })")
    }

    /// The paste check finds what it looks for, and leaves file names and ordinary words alone.
    @Test func pasteCheckCatchesIdsCodesExponentsAndJargon() {
        let ids: Set<String> = ["kh2021", "dak_lak"]
        #expect(Self.pasteProblems("Nguồn mục tiêu: kh2021; dak_lak", ids: ids) == ["id or code: kh2021", "id or code: dak_lak"])
        #expect(Self.pasteProblems("lỗi[unknown_entity] ở cột", ids: []) == ["id or code: unknown_entity", "code: [unknown_entity]"])
        #expect(Self.pasteProblems("dự báo 4,99e+05 và 1.5E-3", ids: []) == ["exponent: 4,99e+05", "exponent: 1.5E-3"])
        #expect(Self.pasteProblems("trên thang logit, thang Log; 76 quan sát; β (h = 1)", ids: [])
            == ["jargon: logit", "jargon: log", "jargon: quan sát", "jargon: β"])
        #expect(Self.pasteProblems("đủ các dòng trong gaps.csv và gaps_2024.xlsx; đăng nhập (login), 500.000 hồ sơ", ids: []).isEmpty)
        let page = "<section id=\"giai-thich\"><dd>thang logit</dd></section><p>xu hướng</p>"
        #expect(!Self.withoutGlossary(page, name: "x.html").contains("logit"))
        let doc = "Tóm tắt\n6. Giải thích thuật ngữ\nTỷ số: thang logit\n7. Nguồn số liệu\n1. Báo cáo"
        #expect(Self.withoutGlossary(doc, name: "x.docx") == "Tóm tắt\n7. Nguồn số liệu\n1. Báo cáo")
    }

    /// The scan finds what it looks for: an English status in Vietnamese text, a Vietnamese label in English.
    @Test func scanCatchesStrangers() throws {
        let data: Set<String> = ["dak_lak"]
        #expect(try Self.strangers("| dak_lak | off track |", name: "x.md", language: "vi", data: data) == ["off", "track"])
        #expect(try Self.strangers("| dak_lak | chậm tiến độ |", name: "x.md", language: "en", data: data) == ["chậm", "tiến", "độ"])
        #expect(try Self.strangers("{\"status\": \"off track\", \"s\": \"đã đạt\"}", name: "x.json", language: "vi", data: data).isEmpty)
        // Commands and placeholders are left out; the words around them are not, nor is a finding's code.
        #expect(try Self.strangers("x.csv:2: lỗi[unknown_entity] dak_lak: missing", name: "x.txt", language: "vi", data: data)
            == ["unknown_entity", "missing"])
        #expect(try Self.strangers("chạy chiso data validate; Cách dùng: chiso regress <file> [--lang <lang>] Usage", name: "x.txt",
                                   language: "vi", data: data) == ["Usage"])
    }
}
