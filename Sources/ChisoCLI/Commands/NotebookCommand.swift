import ArgumentParser
import Chiso
import Foundation

/// `chiso notebook`: run the executable notebooks of Notebooks-text/, or accept their new output.
struct NotebookCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "notebook",
            abstract: summary(vi: "Chạy các sổ tay văn bản có lệnh, hoặc ghi lại kết quả mong đợi của chúng.",
                         en: "Run executable text notebooks, or rewrite their expected output."),
            discussion: summary(vi: """
                Sổ tay là tệp Markdown có các khối lệnh ```chiso (mỗi khối một lệnh, chạy từ thư mục của sổ tay \
                trên bộ dữ liệu đi kèm chiso), sau mỗi khối lệnh là một khối kết quả ```output.

                Ví dụ:
                  chiso notebook run Notebooks-text/*.md
                  chiso notebook update Notebooks-text/02-dich-vu-cong-truc-tuyen.md
                """, en: """
                A notebook is Markdown with fenced ```chiso blocks (one command each, run from the \
                notebook's folder against the shipped data), each followed by an ```output block.

                Examples:
                  chiso notebook run Notebooks-text/*.md
                  chiso notebook update Notebooks-text/02-dich-vu-cong-truc-tuyen.md
                """),
            subcommands: [Run.self, Update.self]
        )
    }

    /// Runs one command of a notebook with this executable; stdout, then stderr, then the exit status if not 0.
    static func execute(_ command: String, in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = Notebook.arguments(command)
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: o, as: UTF8.self)
        let errors = String(decoding: e, as: UTF8.self)
        if !errors.isEmpty { text += (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + errors }
        if process.terminationStatus != 0 { text += (text.hasSuffix("\n") || text.isEmpty ? "" : "\n") + "[exit \(process.terminationStatus)]" }
        return Notebook.normalise(text)
    }

    static func load(_ path: String) throws -> (Notebook, URL) {
        let url = URL(fileURLWithPath: path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw DatasetError.fileNotFound(path: path) }
        return (try Notebook(text: text, file: path), url.deletingLastPathComponent())
    }

    /// `chiso notebook run`.
    struct Run: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Chạy sổ tay và so sánh từng khối kết quả (bỏ qua khoảng trắng cuối dòng).",
                             en: "Run notebooks and compare every output block (trailing whitespace ignored)."),
                discussion: summary(vi: """
                    In phần khác nhau giữa kết quả mong đợi và kết quả mới của mỗi lệnh có thay đổi; mã thoát 1 nếu \
                    có lệnh như vậy.

                    Ví dụ:
                      chiso notebook run Notebooks-text/01-bat-dau.md
                    """, en: """
                    Prints a unified diff for each command whose output changed; exit 1 if any did.

                    Example:
                      chiso notebook run Notebooks-text/01-bat-dau.md
                    """)
            )
        }

        @Argument(help: .text(vi: "Các tệp sổ tay.", en: "Notebook files."))
        var files: [String]

        @OptionGroup var language: LanguageOption

        func run() throws {
            let vi = language.language == .vi
            var failed: [NotebookError] = []
            for file in files {
                let (notebook, dir) = try NotebookCommand.load(file)
                var mismatches = 0
                for cell in notebook.cells {
                    let actual = try NotebookCommand.execute(cell.command, in: dir)
                    let expected = Notebook.normalise(cell.expected ?? "")
                    if actual != expected || cell.expected == nil {
                        mismatches += 1
                        try Console.line(LineDiff.unified(expected: expected, actual: actual, label: "\(file):\(cell.line) chiso \(cell.command)"))
                    }
                }
                let (good, all) = (notebook.cells.count - mismatches, notebook.cells.count)
                try Console.line(vi ? "\(file): \(good)/\(all) lệnh cho kết quả như mong đợi" : "\(file): \(good) of \(all) commands as expected")
                if mismatches > 0 { failed.append(.mismatch(file: file, cells: mismatches)) }
            }
            if let first = failed.first { throw first }
        }
    }

    /// `chiso notebook update`.
    struct Update: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: summary(vi: "Chạy sổ tay và ghi kết quả của mỗi lệnh vào khối kết quả của nó.",
                             en: "Run notebooks and write each command's output into its output block."),
                discussion: summary(vi: """
                    Dùng khi thay đổi là có chủ ý: xem lại kết quả bằng git diff.

                    Ví dụ:
                      chiso notebook update Notebooks-text/04-muc-tieu-2025-2030.md
                    """, en: """
                    For intentional changes: review the result with git diff.

                    Example:
                      chiso notebook update Notebooks-text/04-muc-tieu-2025-2030.md
                    """)
            )
        }

        @Argument(help: .text(vi: "Các tệp sổ tay.", en: "Notebook files."))
        var files: [String]

        @OptionGroup var language: LanguageOption

        func run() throws {
            for file in files {
                let (notebook, dir) = try NotebookCommand.load(file)
                let outputs = try notebook.cells.map { try NotebookCommand.execute($0.command, in: dir) }
                try AtomicWriter.write(Data(notebook.rewritten(with: outputs).utf8), to: file)
                try Console.line(language.language == .vi ? "\(file): đã ghi \(outputs.count) khối kết quả" : "\(file): \(outputs.count) output blocks written")
            }
        }
    }
}
