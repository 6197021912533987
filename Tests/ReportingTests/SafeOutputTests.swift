import ChisoTestSupport
import Foundation
import Indicators
@testable import Reporting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The writer and the Markdown renderer against planted links and hostile names.
struct SafeOutputTests {
    /// A link planted at the temporary name is never followed: the name is refused (`O_EXCL |
    /// O_NOFOLLOW`), the link's target keeps its contents, and a fresh name is tried.
    @Test func plantedLinkAtTheTemporaryNameIsNotFollowed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let victim = dir.appendingPathComponent("victim")
        try Data("keep".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(".gaps.md.planted.tmp").path,
                                                   withDestinationPath: victim.path)
        // Always the planted name: no file can be created.
        #expect(throws: WriteError.self) {
            _ = try AtomicWriter.createTemporaryFile(in: dir.path, for: "gaps.md", reportAs: "gaps.md") { "planted" }
        }
        // The planted name first, then a fresh one.
        var names = ["planted", "fresh"].makeIterator()
        let (fd, temp) = try AtomicWriter.createTemporaryFile(in: dir.path, for: "gaps.md", reportAs: "gaps.md") { names.next() ?? "x" }
        close(fd)
        #expect(temp == dir.path + "/.gaps.md.fresh.tmp")
        unlink(temp)
        AtomicWriter.removePending()
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep")
        // A whole write leaves only the destination.
        try AtomicWriter.write(Data("new".utf8), to: dir.appendingPathComponent("gaps.md").path)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == ["victim", ".gaps.md.planted.tmp", "gaps.md"])
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep")
    }

    /// Names that would reach a path are refused as file names.
    @Test func unsafeFileNames() {
        for name in ["", ".", "..", "a/b", "../x", "a\0b", String(repeating: "x", count: 256)] {
            #expect(!AtomicWriter.isSafeFileName(name), "\(name.prefix(20))")
        }
        #expect(AtomicWriter.isSafeFileName("comparison-dti_score-2023.md"))
    }

    /// Excel's limits: sheet names without forbidden characters or edge apostrophes, at most 31
    /// characters and unique ignoring case; cell text at most 32,767 characters.
    @Test func workbookStaysWithinExcelLimits() {
        #expect(XLSXWriter.sheetName("'Quoted'", taken: []) == "Quoted")
        #expect(XLSXWriter.sheetName("a/b:c*d?[e]\\f", taken: []) == "a-b-cde-f")
        #expect(XLSXWriter.sheetName("Dự báo các chỉ tiêu có từ 4 điểm trở lên", taken: []).utf16.count <= 31)
        #expect(XLSXWriter.sheetName("Gaps", taken: ["gaps"]) == "Gaps (2)")
        #expect(XLSXWriter.sheetName("History", taken: []) == "History (2)")
        #expect(XLSXWriter.sheetName("''", taken: ["x"]) == "2")
        let long = String(repeating: "ạ", count: 40_000)
        let cut = XLSXWriter.cellText(long)
        #expect(cut.utf16.count == 32_767 && cut.hasSuffix("…"))
        #expect(XLSXWriter.cellText("short") == "short")
    }

    /// Markdown payloads stay text: no tag, link, image, code or table break survives escaping.
    @Test func markdownCellsAreInert() {
        let cases: [(String, String)] = [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
            ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
            ("![x](http://e/x.png)", "!\\[x\\](http://e/x.png)"),
            ("a | b", "a \\| b"),
            ("`code` *em* ~s~", "\\`code\\` \\*em\\* \\~s\\~"),
            ("_em_ dak_nong", "\\_em\\_ dak_nong"),
            ("line\nbreak\u{1B}[31m", "line break\\[31m"),
            ("Đắk Lắk & Đắk Nông", "Đắk Lắk &amp; Đắk Nông"),
        ]
        for (input, expected) in cases { #expect(TextRenderers.markdownEscape(input) == expected, "\(input)") }
    }
}
