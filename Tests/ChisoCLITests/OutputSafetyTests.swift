import ChisoTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Output that cannot be turned against its user: full or closed standard output, destinations that
/// are not regular files, links, interrupted and concurrent reports.
@Suite(.serialized) struct OutputSafetyTests {
    /// Every command that prints: with standard output on `/dev/full`, one error line and exit 1
    /// (before: a trap with exit 132 for `gaps` and `compare`, exit 0 and the output lost for the rest).
    @Test(arguments: [
        ["gaps"], ["compare", "--indicator", "dti_score"], ["data", "list", "indicators"], ["data", "validate"],
        ["data", "show", "--indicator", "dti_score"],
        ["forecast", "--indicator", "dvctt_with_applications_share", "--entity", "dak_nong", "--to", "2025"],
    ])
    func fullStandardOutputIsOneErrorLine(arguments: [String]) throws {
        let r = try runChiso(arguments, stdoutTo: "/dev/full", environment: ["CHISO_LANG": "en"])
        #expect(r.status == 1, "\(arguments): \(r.stderr)")
        #expect(r.stderr == "Error: standard output: cannot be written (No space left on device)\n", "\(arguments)")
        let vi = try runChiso(arguments, stdoutTo: "/dev/full", environment: ["CHISO_LANG": "vi"])
        #expect(vi.status == 1, "\(arguments): \(vi.stderr)")
        #expect(vi.stderr == "Lỗi: đầu ra chuẩn: không ghi được (thiết bị đã hết chỗ trống)\n", "\(arguments)")
    }

    /// The commands that need a file of their own: regress, calibrate, backtest, notebook.
    @Test func fullStandardOutputForTheOtherCommands() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "y,x\n1,1\n2,2\n3,4\n4,3\n".write(to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        try "indicator,kind,lower,upper,direction,title,observations,geos\nx,share,0,100,up,X,0,0\n"
            .write(to: dir.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        var panel = "indicator,geo,year,value\n"
        for g in 0..<12 { for y in 0..<8 { panel += "x,g\(g),\(2010 + y),\(20 + Double(g) + 3.5 * Double(y))\n" } }
        try panel.write(to: dir.appendingPathComponent("obs.csv"), atomically: true, encoding: .utf8)
        let notebook = dir.appendingPathComponent("nb.md")
        try "# Notebook\n\nNo commands.\n".write(to: notebook, atomically: true, encoding: .utf8)
        for arguments in [
            ["regress", dir.appendingPathComponent("r.csv").path, "--response", "y", "--predictors", "x"],
            ["calibrate", dir.appendingPathComponent("obs.csv").path, "--minimum-count", "10"],
            ["backtest", "--sizes", "1", "--max-horizon", "1"],
            ["notebook", "run", notebook.path],
        ] {
            let r = try runChiso(arguments, stdoutTo: "/dev/full", environment: ["CHISO_LANG": "en"])
            #expect(r.status == 1 && r.stderr == "Error: standard output: cannot be written (No space left on device)\n", "\(arguments[0]): \(r.stderr)")
        }
    }

    @Test func reportSummaryOnFullStandardOutput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runChiso(["report", "--out", dir.appendingPathComponent("r").path], stdoutTo: "/dev/full", environment: ["CHISO_LANG": "en"])
        #expect(r.status == 1)
        #expect(r.stderr.hasSuffix("Error: standard output: cannot be written (No space left on device)\n"))
    }

    /// A device, a pipe, a folder or a link as `--output`: refused, and left as it is.
    @Test func destinationThatIsNotARegularFileIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let victim = dir.appendingPathComponent("victim.txt")
        try Data("keep".utf8).write(to: victim)
        let link = dir.appendingPathComponent("gaps.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim.path)
        let cases: [(String, String)] = [("/dev/null", "character device"), (fifo, "pipe (FIFO)"), (dir.path, "folder"), (link, "symbolic link")]
        for (path, kind) in cases {
            let r = try runChiso(["gaps", "--format", "md", "--output", path, "--lang", "en"])
            #expect(r.status == 1 && r.stderr == "Error: \(path): cannot be written (it is a \(kind), not a regular file; left as it is)\n", "\(r.stderr)")
            let vi = try runChiso(["gaps", "--format", "md", "--output", path])
            #expect(vi.status == 1 && vi.stderr.hasPrefix("Lỗi: \(path): không ghi được (đây là một ")
                    && vi.stderr.hasSuffix(", không phải tệp thông thường; để nguyên như cũ)\n"), "\(vi.stderr)")
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == ["fifo", "victim.txt", "gaps.md"])
    }

    /// A folder holding files a report did not write (no .chiso-report marker) is not replaced.
    @Test func foreignFolderIsNotReplaced() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mine = dir.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: mine)
        let r = try runChiso(["report", "--out", dir.path, "--lang", "en"])
        #expect(r.status == 1 && r.stderr == "Error: \(dir.path): cannot be written (it holds \"notes.txt\" and was not written by a report (it has no .chiso-report file); left as it is: choose a new or empty folder)\n")
        let vi = try runChiso(["report", "--out", dir.path])
        #expect(vi.status == 1 && vi.stderr == "Lỗi: \(dir.path): không ghi được (thư mục có \"notes.txt\" và không phải do báo cáo ghi (không có tệp .chiso-report); để nguyên như cũ: hãy chọn một thư mục mới hoặc trống)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.txt"])
    }

    /// SIGINT after the new report is complete but before it is swapped in: the old report stays as
    /// it was, and no temporary folder is left.
    @Test func interruptedReportLeavesTheOldReport() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report")
        let first = try runChiso(["report", "--out", out.path, "--lang", "en"])
        #expect(first.status == 0)
        let before = try snapshot(out)
        let (process, err) = try startChiso(["report", "--out", out.path, "--lang", "vi"], environment: ["CHISO_PAUSE_BEFORE_SWAP": "30"])
        var seen = Data()
        let deadline = Date().addingTimeInterval(120)
        while !String(decoding: seen, as: UTF8.self).contains("new report ready"), Date() < deadline, process.isRunning {
            seen += err.fileHandleForReading.availableData
        }
        #expect(String(decoding: seen, as: UTF8.self).contains("new report ready"))
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try snapshot(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report"])
    }

    /// Two reports into one folder at once (one English, one Vietnamese): both succeed and the folder
    /// holds one whole report, never a mix of languages.
    @Test func concurrentReportsNeverMix() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report")
        let (a, _) = try startChiso(["report", "--out", out.path, "--lang", "en"])
        let (b, _) = try startChiso(["report", "--out", out.path, "--lang", "vi"])
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        // Files whose header names the indicator column in the report's language.
        let files = ["index.html", "gaps.md", "gaps.csv", "projections.csv"]
        let english = try files.map { name in
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains("Indicator") != text.contains("Chỉ tiêu"), "\(name)")
            return text.contains("Indicator")
        }
        #expect(Set(english).count == 1, "a mix of languages: \(zip(files, english).map { "\($0) \($1)" })")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report"])
    }

    /// File name → contents of a folder.
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }
}
