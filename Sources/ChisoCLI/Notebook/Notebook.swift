import Chiso
import Foundation

/// An executable text notebook: Markdown prose with fenced ```` ```chiso ```` blocks of one command
/// each, every one followed by a fenced ```` ```output ```` block with its expected output.
struct Notebook {
    /// One command and where its expected output sits.
    struct Cell {
        /// The command line after `chiso`.
        var command: String
        /// 1-based line of the command block.
        var line: Int
        /// The expected output (nil when the output block is missing).
        var expected: String?
        /// Line range (0-based, half-open) of the output block's body in `lines`, if present.
        var outputBody: Range<Int>?
        /// Index in `lines` after which a missing output block would be inserted.
        var commandEnd: Int
    }

    var lines: [String]
    var cells: [Cell]

    /// Parses the notebook text.
    ///
    /// - Throws: ``NotebookError`` for a `chiso` block with no or several commands, or an unclosed fence.
    init(text: String, file: String) throws {
        lines = Notebook.normalise(text + "\n\n").components(separatedBy: "\n")
        cells = []
        var i = 0
        func closing(from start: Int) throws -> Int {
            var j = start
            while j < lines.count {
                if lines[j].trimmingCharacters(in: .whitespaces) == "```" { return j }
                j += 1
            }
            throw NotebookError.unclosedFence(file: file, line: start)
        }
        while i < lines.count {
            let fence = lines[i].trimmingCharacters(in: .whitespaces)
            guard fence == "```chiso" else { i += 1; continue }
            let end = try closing(from: i + 1)
            let body = lines[(i + 1)..<end].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard body.count == 1, let first = body.first else { throw NotebookError.commandCount(file: file, line: i + 1, count: body.count) }
            let command = first.hasPrefix("chiso ") ? String(first.dropFirst(6)) : first
            var cell = Cell(command: command, line: i + 1, expected: nil, outputBody: nil, commandEnd: end)
            var k = end + 1
            while k < lines.count && lines[k].trimmingCharacters(in: .whitespaces).isEmpty { k += 1 }
            if k < lines.count && lines[k].trimmingCharacters(in: .whitespaces) == "```output" {
                let outEnd = try closing(from: k + 1)
                cell.outputBody = (k + 1)..<outEnd
                cell.expected = lines[(k + 1)..<outEnd].joined(separator: "\n")
                i = outEnd + 1
            } else {
                i = end + 1
            }
            cells.append(cell)
        }
    }

    /// Output with line ends made `\n` (CSV output uses CRLF), trailing whitespace removed from
    /// every line, trailing blank lines dropped, and byte-order marks removed (invisible in a notebook).
    static func normalise(_ text: String) -> String {
        // Work on scalars: "\r\n" is a single Character, which Character-based splitting misses.
        var lines: [String] = [], current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{FEFF}", "\r": continue
            case "\n":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            default: current.append(scalar)
            }
        }
        lines.append(String(current))
        var out = lines.map { line in
            var l = Substring(line)
            while let c = l.last, c == " " || c == "\t" { l = l.dropLast() }
            return String(l)
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    /// The notebook text with every output block set to `outputs[i]` (inserting missing blocks).
    func rewritten(with outputs: [String]) -> String {
        var result = lines
        for (cell, output) in zip(cells, outputs).reversed() {
            let body = output.isEmpty ? [] : output.components(separatedBy: "\n")
            if let range = cell.outputBody {
                result.replaceSubrange(range, with: body)
            } else {
                result.insert(contentsOf: [""] + ["```output"] + body + ["```"], at: cell.commandEnd + 1)
            }
        }
        return result.joined(separator: "\n") + "\n"
    }

    /// Splits a command line like a shell would for simple cases: spaces separate, "double" and
    /// 'single' quotes group.
    static func arguments(_ command: String) -> [String] {
        var out: [String] = [], current = "", quote: Character? = nil, has = false
        for c in command {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                has = true
            } else if c == " " {
                if has || !current.isEmpty { out.append(current) }
                current = ""
                has = false
            } else {
                current.append(c)
            }
        }
        if has || !current.isEmpty { out.append(current) }
        return out
    }
}

/// Problems with a notebook file.
enum NotebookError: Error, CustomStringConvertible {
    case unclosedFence(file: String, line: Int)
    case commandCount(file: String, line: Int, count: Int)
    case mismatch(file: String, cells: Int)

    /// The message in both languages.
    var phrase: Phrase {
        switch self {
        case let .unclosedFence(file, line):
            Phrase(vi: "\(file):\(line): một khối mã chưa được đóng", en: "\(file):\(line): a fenced block is not closed")
        case let .commandCount(file, line, count):
            Phrase(vi: "\(file):\(line): mỗi khối chiso chỉ chứa một lệnh, khối này có \(count)",
                   en: "\(file):\(line): a chiso block holds one command, this one has \(count)")
        case let .mismatch(file, cells):
            Phrase(vi: "\(file): \(cells) lệnh cho kết quả khác (xem phần khác biệt ở trên; chiso notebook update \(file) chấp nhận kết quả mới)",
                   en: "\(file): \(cells) command\(cells == 1 ? "" : "s") gave different output (diff above; chiso notebook update \(file) accepts it)")
        }
    }

    var description: String { phrase.en }
}

/// A unified diff of two texts by lines (longest common subsequence; notebooks are small).
enum LineDiff {
    static func unified(expected: String, actual: String, label: String, context: Int = 2) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        // Edit script: (' ', '-', '+', text, index in a, index in b).
        var ops: [(Character, String, Int, Int)] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] { ops.append((" ", a[i], i, j)); i += 1; j += 1 }
            else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] { ops.append(("+", b[j], i, j)); j += 1 }
            else { ops.append(("-", a[i], i, j)); i += 1 }
        }
        var out = ["--- \(label) (expected)", "+++ \(label) (actual)"]
        var k = 0
        while k < ops.count {
            guard ops[k].0 != " " else { k += 1; continue }
            var start = max(0, k - context), end = k
            while end < ops.count {
                if ops[end].0 != " " { end += 1; continue }
                var run = end
                while run < ops.count && ops[run].0 == " " { run += 1 }
                if run - end > 2 * context || run == ops.count { end = min(ops.count, end + context); break }
                end = run
            }
            while start > 0 && start > k - context { start -= 1 }
            let hunk = ops[start..<end]
            let aCount = hunk.filter { $0.0 != "+" }.count, bCount = hunk.filter { $0.0 != "-" }.count
            out.append("@@ -\((hunk.first?.2 ?? 0) + 1),\(aCount) +\((hunk.first?.3 ?? 0) + 1),\(bCount) @@")
            out += hunk.map { "\($0.0)\($0.1)" }
            k = end
        }
        return out.joined(separator: "\n")
    }
}
