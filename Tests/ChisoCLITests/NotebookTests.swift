import ChisoTestSupport
import Foundation
import Testing

/// The notebooks of Notebooks-text/ are a regression suite, and every command has help with an example.
struct NotebookTests {
    static var notebooks: [String] {
        let dir = packageRoot.appendingPathComponent("Notebooks-text")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0).path }
    }

    @Test func everyNotebookRunsGreen() throws {
        #expect(Self.notebooks.count == 6)
        let r = try runChiso(["notebook", "run"] + Self.notebooks)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "lệnh cho kết quả như mong đợi").count == 7, "\(r.stdout)")
        let en = try runChiso(["notebook", "run", "--lang", "en", Self.notebooks[0]])
        #expect(en.status == 0 && en.stdout.hasSuffix("commands as expected\n"), "\(en.stdout)")
    }

    @Test func editingADatasetNumberFailsTheNotebookWithADiff() throws {
        let copy = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: copy) }
        for name in ["sources.csv", "indicators.csv", "entities.csv", "observations.csv", "targets.csv"] {
            try FileManager.default.copyItem(at: shippedDatasets.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let obs = copy.appendingPathComponent("observations.csv")
        let text = try String(contentsOf: obs, encoding: .utf8)
        #expect(text.contains("dti_score,dak_song,2023,685.21,"))
        try text.replacingOccurrences(of: "dti_score,dak_song,2023,685.21,", with: "dti_score,dak_song,2023,686.21,")
            .write(to: obs, atomically: true, encoding: .utf8)
        let notebook = packageRoot.appendingPathComponent("Notebooks-text/03-dti-huyen.md").path
        let process = Process()
        process.executableURL = try chisoExecutable()
        process.arguments = ["notebook", "run", notebook]
        process.environment = ProcessInfo.processInfo.environment.merging(["CHISO_DATA": copy.path]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stdout.contains("--- \(notebook):13 chiso compare --indicator dti_score --period 2023 --format md (expected)"))
        #expect(stdout.contains("\n-| dak_song | huyện Đắk Song | 685,21 |"))
        #expect(stdout.contains("\n+| dak_song | huyện Đắk Song | 686,21 |"))
        #expect(stderr.contains("chiso notebook update"))
    }

    static let commands: [[String]] = [
        [], ["report"], ["gaps"], ["compare"], ["forecast"], ["regress"], ["data"], ["data", "validate"], ["data", "list"],
        ["data", "show"], ["notebook"], ["notebook", "run"], ["notebook", "update"],
    ]

    /// Every command's help has an example; its summary is in the run's language (Vietnamese by
    /// default, under the heading "MÔ TẢ:"; English with `--lang en`, under "OVERVIEW:").
    @Test(arguments: commands)
    func helpHasAnExample(_ command: [String]) throws {
        let r = try runChiso(command + ["--help", "--lang", "en"])
        #expect(r.status == 0 && r.stdout.hasPrefix("OVERVIEW: "))
        #expect(r.stdout.contains("Example"), "chiso \(command.joined(separator: " ")) --help has no example")
        let vi = try runChiso(command + ["--help"])
        let viaHelp = try runChiso(["help"] + command)
        #expect(viaHelp.stdout == vi.stdout)
        let overview = vi.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(vi.status == 0 && overview.hasPrefix("MÔ TẢ: ") && vi.stdout.contains("\nVí dụ") && overview.contains { "ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịúùủũụéèẻẽẹóòỏõọýỳỷỹỵ".contains($0) },
                "chiso \(command.joined(separator: " ")) --help: \(overview)")
    }
}
