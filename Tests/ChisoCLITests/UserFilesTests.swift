import Chiso
import ChisoTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the user made is never deleted, replaced or exposed (issue 21, items 7, 8, 9 and 12): a
/// report folder is known by its `.chiso-report` marker, not by the names of the files in it; modes
/// are kept; template, import and export leave existing work alone without `--force`; CSV text is
/// never a live formula; terminal tables carry no control characters.
@Suite(.serialized) struct UserFilesTests {
    static func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    /// A folder of the user's own files whose names a report also writes (`index.html`, `gaps.*`,
    /// `summary-*`): on main it was taken for an old report and deleted.
    @Test func userFilesWithReportNamesSurvive() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mine = ["index.html": "my page", "summary-meeting.docx": "my minutes", "gaps.txt": "my notes"]
        for (name, text) in mine { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        let before = try Self.files(dir)
        let r = try runChiso(["report", "--out", dir.path, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: \(dir.path): cannot be written (it holds \"gaps.txt\" and was not written by a report (it has no .chiso-report file); left as it is: choose a new or empty folder)\n")
        #expect(try Self.files(dir) == before)
    }

    /// A report folder is replaced by the next report and keeps its mode (0700 stays 0700); a file
    /// of the user's put into it afterwards makes the next report refuse, and the file stays.
    @Test func reportFolderIsMarkedAndKeepsItsMode() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report")
        #expect(try runChiso(["report", "--out", out.path, "--lang", "en"]).status == 0)
        let marker = try String(contentsOf: out.appendingPathComponent(".chiso-report"), encoding: .utf8)
        #expect(marker.hasPrefix("# chiso\n") && marker.contains("\nindex.html\n") && marker.contains("\nreport.docx\n"))
        #expect(chmod(out.path, 0o700) == 0)
        let again = try runChiso(["report", "--out", out.path, "--lang", "en"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Self.mode(out.path) == 0o700)
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let refused = try runChiso(["report", "--out", out.path, "--lang", "en"])
        #expect(refused.status == 1 && refused.stderr == "Error: \(out.path): cannot be written (it holds \"notes.txt\", which a report does not write; choose a new or empty folder)\n")
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    /// A 0600 file replaced by `--output` stays 0600.
    @Test func replacedFileKeepsItsMode() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("gaps.md")
        try Data("old".utf8).write(to: file)
        #expect(chmod(file.path, 0o600) == 0)
        let r = try runChiso(["gaps", "--format", "md", "--output", file.path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.mode(file.path) == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8) != "old")
    }

    /// `data template --out`, `data export --out`: an existing workbook is left alone without --force.
    @Test func templateAndExportKeepAnExistingWorkbook() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let filled = dir.appendingPathComponent("filled.xlsx")
        try Data("a filled workbook".utf8).write(to: filled)
        for arguments in [["data", "template", "--out", filled.path], ["data", "export", "--format", "xlsx", "--out", filled.path]] {
            let r = try runChiso(arguments + ["--lang", "en"])
            #expect(r.status == 1 && r.stderr == "Error: \(filled.path): cannot be written (it already exists; left as it is); --force replaces it\n", "\(arguments): \(r.stderr)")
            #expect(try String(contentsOf: filled, encoding: .utf8) == "a filled workbook")
        }
        let forced = try runChiso(["data", "template", "--out", filled.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Data(contentsOf: filled).starts(with: [0x50, 0x4B]))
    }

    /// `data import --out`, `data export --format csv --out`: an existing dataset folder is left
    /// alone without --force; with it, a folder of dataset files is replaced, and a folder with any
    /// other file is still refused.
    @Test func importAndExportKeepAnExistingDatasetFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("x.csv")
        try Data("Chỉ tiêu,Đơn vị,2023,2024\nSố hồ sơ,Krông Nô,12,15\n".utf8).write(to: csv)
        let out = dir.appendingPathComponent("ds")
        #expect(try runChiso(["data", "import", csv.path, "--out", out.path]).status == 0)
        try Data("hand-edited\n".utf8).write(to: out.appendingPathComponent("targets.csv"))
        let before = try Self.files(out)
        for arguments in [["data", "import", csv.path, "--out", out.path], ["data", "export", "--format", "csv", "--out", out.path]] {
            let r = try runChiso(arguments + ["--lang", "en"])
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr.hasSuffix("Error: \(out.path): cannot be written (it already holds \"entities.csv\"; left as it is); --force replaces it\n"), "\(arguments): \(r.stderr)")
            #expect(try Self.files(out) == before)
        }
        #expect(try runChiso(["data", "import", csv.path, "--out", out.path, "--force"]).status == 0)
        #expect(try String(contentsOf: out.appendingPathComponent("targets.csv"), encoding: .utf8) != "hand-edited\n")
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let r = try runChiso(["data", "import", csv.path, "--out", out.path, "--force", "--lang", "en"])
        #expect(r.status == 1 && r.stderr.contains("notes.txt"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
    }

    /// An empty `--out` (which named the current folder) is refused with one line; the folder is untouched.
    @Test func emptyOutIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("x.csv")
        try Data("Chỉ tiêu,Đơn vị,2023,2024\nSố hồ sơ,Krông Nô,12,15\n".utf8).write(to: csv)
        let work = dir.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for arguments in [["report", "--data", shippedDatasets.path, "--out", ""], ["data", "import", csv.path, "--out", ""],
                          ["data", "template", "--out", ""], ["data", "export", "--data", shippedDatasets.path, "--format", "csv", "--out", ""]] {
            let r = try runChiso(arguments + ["--lang", "en"], in: work)
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr == "Error: cannot write to an empty path\n", "\(arguments): \(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty, "\(arguments)")
        }
    }

    /// A temporary sibling `.report.chiso-XXXXXX` left by a killed run is removed by the next run;
    /// a folder of the user's with a like name is not.
    @Test func staleSiblingOfAKilledRunIsRemoved() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stale = dir.appendingPathComponent(".report.chiso-Ab3xYz")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data(count: 1000).write(to: stale.appendingPathComponent("index.html"))
        let other = dir.appendingPathComponent(".report.backup")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let r = try runChiso(["report", "--out", dir.appendingPathComponent("report").path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == ["report", ".report.backup"])
    }

    /// SIGKILL just before the swap leaves the temporary folder; the next run removes it. SIGHUP
    /// and SIGTERM at the same point leave nothing (on main SIGHUP left the folder).
    @Test(arguments: [SIGKILL, SIGHUP, SIGTERM])
    func interruptedReportLeavesNoDebrisOnceTheNextRunStarts(_ sig: Int32) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report")
        let (process, err) = try startChiso(["report", "--out", out.path, "--lang", "en"], environment: ["CHISO_PAUSE_BEFORE_SWAP": "30"])
        var seen = Data()
        let deadline = Date().addingTimeInterval(120)
        while !String(decoding: seen, as: UTF8.self).contains("new report ready"), Date() < deadline, process.isRunning {
            seen += err.fileHandleForReading.availableData
        }
        #expect(String(decoding: seen, as: UTF8.self).contains("new report ready"))
        kill(process.processIdentifier, sig)
        process.waitUntilExit()
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        if sig == SIGKILL {
            #expect(left.count == 1 && left[0].hasPrefix(".report.chiso-"), "\(left)")
            let next = try runChiso(["report", "--out", out.path, "--lang", "en"])
            #expect(next.status == 0, "\(next.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report"])
        } else {
            #expect(process.terminationStatus == 128 + sig)
            #expect(left.isEmpty, "\(left)")
        }
    }

    /// SIGINT, SIGTERM or SIGHUP while a workbook is read leave nothing in $TMPDIR (on main each
    /// sheet was unpacked to `chiso-<UUID>.xml` there, and an interrupt left it).
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func interruptWhileReadingAWorkbookLeavesNothingInTemporaryFolder(_ sig: Int32) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmp = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let book = dir.appendingPathComponent("big.xlsx")
        var sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row><c t=\"inlineStr\"><is><t>Chỉ tiêu</t></is></c><c t=\"inlineStr\"><is><t>Đơn vị</t></is></c><c t=\"inlineStr\"><is><t>2023</t></is></c></row>"
        for k in 0..<300_000 {
            sheet += "<row><c t=\"inlineStr\"><is><t>Số hồ sơ \(k % 50)</t></is></c><c t=\"inlineStr\"><is><t>Huyện \(k)</t></is></c><c><v>\(k)</v></c></row>"
        }
        try PlannerBook.write(sheet + "</sheetData></worksheet>", to: book)
        let (process, _) = try startChiso(["data", "import", book.path, "--out", dir.appendingPathComponent("ds").path], environment: ["TMPDIR": tmp.path + "/"])
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, process.isRunning, try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty {
            usleep(2000)
        }
        usleep(100_000)
        kill(process.processIdentifier, sig)
        process.waitUntilExit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }

    /// A dataset whose names are formulas: every CSV writer makes them inert.
    @Test func csvFromImportExportListAndShowHasNoLiveFormula() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("x.csv")
        try Data("Chỉ tiêu,Đơn vị,2023,2024\n\"=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\", @SUM(1),12,15\n".utf8).write(to: csv)
        let out = dir.appendingPathComponent("ds")
        let imported = try runChiso(["data", "import", csv.path, "--out", out.path, "--lang", "en"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let indicators = try String(contentsOf: out.appendingPathComponent("indicators.csv"), encoding: .utf8)
        #expect(indicators.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""), "\(indicators)")
        let entities = try String(contentsOf: out.appendingPathComponent("entities.csv"), encoding: .utf8)
        #expect(entities.contains(",'@SUM(1),"), "\(entities)")
        // A hand-edited dataset with raw formulas: list, show and export make them inert.
        try Data("id,name_vi,name_en,level,parent,aliases\nsum_1,@SUM(1),-2+3,district,,\n".utf8)
            .write(to: out.appendingPathComponent("entities.csv"))
        let observations = try String(contentsOf: out.appendingPathComponent("observations.csv"), encoding: .utf8)
        try Data(observations.replacingOccurrences(of: "x.csv:2:3", with: "=1+1").utf8).write(to: out.appendingPathComponent("observations.csv"))
        let list = try runChiso(["data", "list", "entities", "--data", out.path, "--format", "csv"])
        #expect(list.status == 0 && list.stdout.contains("sum_1,'@SUM(1),'-2+3,district"), "\(list.stdout)")
        let show = try runChiso(["data", "show", "--indicator", "hyperlink_http_x_a", "--data", out.path, "--format", "csv"])
        #expect(show.status == 0 && show.stdout.contains(",'=1+1\n") && !show.stdout.contains(",=1+1"), "\(show.stdout)")
        let exported = dir.appendingPathComponent("ex")
        let export = try runChiso(["data", "export", "--data", out.path, "--format", "csv", "--out", exported.path])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try String(contentsOf: exported.appendingPathComponent("entities.csv"), encoding: .utf8).contains("sum_1,'@SUM(1),'-2+3,district"))
        #expect(try String(contentsOf: exported.appendingPathComponent("observations.csv"), encoding: .utf8).contains(",'=1+1,"))
    }

    /// The one neutralising rule, as OWASP gives it: also after leading spaces, tabs or line breaks.
    @Test func neutralisingRule() {
        for text in ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", " =1", "\n@x", "＝1"] {
            #expect(CSVWriterProbe.neutralise(text) == "'" + text, "\(text.debugDescription)")
        }
        for text in ["Krông Nô", "a=b", "", "1-2"] {
            #expect(CSVWriterProbe.neutralise(text) == text, "\(text.debugDescription)")
        }
    }

    /// A name with an escape sequence that retitles the terminal, a bell and a line break: the
    /// table shows none of them.
    @Test func terminalTableHasNoControlCharacters() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("x.csv")
        try Data("Chỉ tiêu,Đơn vị,2023,2024\nSố hồ sơ,\"Krông\u{1B}]0;pwned\u{07}\nNô\",12,15\n".utf8).write(to: csv)
        let out = dir.appendingPathComponent("ds")
        let imported = try runChiso(["data", "import", csv.path, "--out", out.path, "--lang", "en"])
        #expect(imported.status == 0, "\(imported.stderr)")
        for lang in ["en", "vi"] {
            let r = try runChiso(["data", "list", "entities", "--data", out.path, "--lang", lang])
            #expect(r.status == 0)
            #expect(!r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }, "\(r.stdout.debugDescription)")
            #expect(r.stdout.split(separator: "\n").count == 2, "\(r.stdout)")
        }
    }
}

/// ``CSVWriter`` under a name that does not clash with the test's own.
typealias CSVWriterProbe = CSVWriter

import ZIPFoundation

/// A one-sheet workbook around a sheet part's XML.
enum PlannerBook {
    static func write(_ sheet: String, to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts = [
            ("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/s.xml\"/></Relationships>"),
            ("xl/worksheets/s.xml", sheet),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { p, n in
                data.subdata(in: Int(p)..<Int(p) + n)
            }
        }
    }
}
