import ArgumentParser
import Chiso
import Foundation

/// `--data DIR`, shared by the commands that read the dataset.
struct DataOptions: ParsableArguments {
    @Option(help: .text(vi: "Bộ dữ liệu: một thư mục, một sổ tính Excel (theo sổ tính mẫu hoặc bảng số liệu tự lập) hoặc một bảng CSV (mặc định: $CHISO_DATA; nếu không có thì dùng thư mục Datasets/ đi kèm chiso).",
                        en: "Dataset: a folder, a workbook (the template's form or your own tables) or a CSV table (default: $CHISO_DATA, else the Datasets/ shipped with chiso)."))
    var data: String?
    @Option(name: .customLong("number-format"), help: .text(vi: "Cách ghi số trong bảng (tệp đưa vào chiso forecast hoặc --data): vi (12,5; 13.425), en (12.5; 13,425) hoặc auto (mặc định: xác định theo từng cột; số có thể hiểu theo cả hai cách thì không được chấp nhận).",
                                                            en: "Numbers in a table (a file given to forecast or --data): vi (12,5; 13.425), en (12.5; 13,425) or auto (default: decided per column; a number that reads both ways is refused)."))
    var numberFormat: NumberFormat = .auto

    /// The dataset, validated (errors are thrown).
    func dataset() throws -> Dataset { try DatasetLoader.loadValid(path: directory(), format: numberFormat) }

    /// The dataset and its findings.
    func load() throws -> (dataset: Dataset, findings: [Finding]) { try DatasetLoader.load(path: directory(), format: numberFormat) }

    /// The folder to read: `--data`, else `$CHISO_DATA`, else the `Datasets/` folder of the package
    /// the executable was built in (found by walking up from the executable), else `./Datasets`.
    func directory() -> String {
        if let data { return data }
        if let env = ProcessInfo.processInfo.environment["CHISO_DATA"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("Datasets")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("indicators.csv").path) {
                return Self.relative(candidate.standardizedFileURL.path)
            }
            url.deleteLastPathComponent()
        }
        return "Datasets"
    }

    /// `path` relative to the working directory when that is short (messages then read the same
    /// on every machine: `Datasets/observations.csv:12:4`), else as it is.
    static func relative(_ path: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.pathComponents
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        var common = 0
        while common < min(cwd.count, target.count) && cwd[common] == target[common] { common += 1 }
        let ups = cwd.count - common
        guard common > 1, ups <= 2 else { return path }
        let parts = Array(repeating: "..", count: ups) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

/// Output formats of the listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Aligned plain-text tables.
enum TextTable {
    /// Columns padded to their widest cell, two spaces apart; numeric-looking cells right-aligned.
    /// Control characters in a cell (an escape sequence that would retitle or clear the terminal, a
    /// bell, a line break that would break the table) are shown as `�`, never sent to the terminal.
    static func render(header: [String], rows: [[String]]) -> String {
        let all = ([header] + rows).map { $0.map(printable) }
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return numeric(cell) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }

    /// `cell` with every control character (C0, DEL, C1) and bidirectional override replaced by `�`.
    static func printable(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: isControl) else { return cell }
        var out = String.UnicodeScalarView()
        for u in cell.unicodeScalars { out.append(isControl(u) ? "\u{FFFD}" : u) }
        return String(out)
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
    }

    /// Whether a cell reads as a number in either language ("675.1", "675,1", "−0,94", "—" for none).
    static func numeric(_ cell: String) -> Bool {
        if cell == "—" || cell == "NA" { return true }
        let plain = cell.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        return Double(cell) != nil || (!cell.isEmpty && Double(plain) != nil)
    }

    /// Renders rows in the chosen format; JSON objects use the header as keys (numbers stay numbers).
    static func render(header: [String], rows: [[String]], format: ListFormat, numeric: Set<String> = []) -> String {
        switch format {
        case .table:
            return render(header: header, rows: rows)
        case .csv:
            // Text cells a spreadsheet would run as formulas are made inert; numbers stay numbers.
            let texts = header.map { !numeric.contains($0) }
            let safe = rows.map { row in zip(row, texts).map { cell, text in text ? CSVWriter.neutralise(cell) : cell } }
            return CSVWriter.table(header: header.map(CSVWriter.neutralise), rows: safe).trimmingCharacters(in: .newlines)
        case .json:
            return JSONText.array(rows.map { JSONText.object(pairs(header: header, row: $0, numeric: numeric)) }).rendered()
        }
    }

    /// A row's JSON fields, keyed by the header (cells of `numeric` columns as numbers, empty as null).
    static func pairs(header: [String], row: [String], numeric: Set<String>) -> [(String, JSONText)] {
        zip(header, row).map { key, cell in
            if numeric.contains(key) {
                return (key, cell.isEmpty ? .null : (Double(cell).map(JSONText.double) ?? .string(cell)))
            }
            return (key, .string(cell))
        }
    }
}

extension NumberFormat: ExpressibleByArgument {}

extension CSVTable.Delimiter: ExpressibleByArgument {}
extension CSVTable.Encoding: ExpressibleByArgument {}
extension TableLayout: ExpressibleByArgument {}

/// `--sheet`, `--delimiter` and `--encoding`, for commands that read a planner's own file.
struct TextFileOptions: ParsableArguments {
    @Option(help: .text(vi: "Sổ tính Excel: trang tính cần đọc (mặc định: trang đầu tiên).", en: "Workbook: the sheet to read (default: the first)."))
    var sheet: String?
    @Option(help: .text(vi: "Tệp CSV: dấu phân cách các cột: auto (mặc định: nhận biết từ dòng tiêu đề), comma (dấu phẩy), semicolon (dấu chấm phẩy) hoặc tab (ký tự tab).",
                        en: "CSV: field separator: auto (default: detected from the header line), comma, semicolon or tab."))
    var delimiter: CSVTable.Delimiter = .auto
    @Option(help: .text(vi: "Tệp CSV: bảng mã: auto (mặc định: UTF-16 khi tệp có dấu BOM, nếu không thì UTF-8), utf8 hoặc utf16.",
                        en: "CSV: text encoding: auto (default: UTF-16 with a byte-order mark, else UTF-8), utf8 or utf16."))
    var encoding: CSVTable.Encoding = .auto
}
