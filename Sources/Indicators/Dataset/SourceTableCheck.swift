import Foundation

/// Checks published tables kept verbatim in `tables/` of a dataset folder: each column's header
/// must describe what its cells hold.
///
/// A header that says "Tỷ lệ" (rate) or "%" must head cells written as percentages; a header
/// that starts with "Tổng" (total) or "Số" (number of) must head whole counts. A mismatch is a
/// `header_mismatch` warning: the tidy observations were transcribed by meaning, and the finding
/// records that the published table's labels cannot be trusted as printed.
/// Headers are the published labels; a label may carry a bracketed prefix naming its group
/// (`[01/9–20/9/2024] Tổng HS tiếp nhận`), which is ignored for the check.
enum SourceTableCheck {
    enum Role: String { case rate = "rates", count = "counts" }

    static func role(ofHeader header: String) -> Role? {
        var label = header
        if label.hasPrefix("["), let close = label.firstIndex(of: "]") { label = String(label[label.index(after: close)...]) }
        let lower = label.trimmingCharacters(in: .whitespaces).lowercased()
        if lower.contains("tỷ lệ") || lower.contains("tỉ lệ") || lower.contains("%") { return .rate }
        if lower.hasPrefix("tổng") || lower.hasPrefix("số") { return .count }
        return nil
    }

    static func role(ofCells cells: [String]) -> Role? {
        let values = cells.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !values.isEmpty else { return nil }
        if values.allSatisfy({ $0.hasSuffix("%") }) { return .rate }
        if values.allSatisfy({ v in !v.isEmpty && v.allSatisfy { $0.isNumber || $0 == "." } }) { return .count }
        return nil
    }

    /// Findings for every table file in `directory/tables` (none when the folder is absent).
    static func check(directory: String) throws(DatasetError) -> [Finding] {
        let folder = (directory as NSString).appendingPathComponent("tables")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var out: [Finding] = []
        for name in names.sorted() where name.hasSuffix(".csv") {
            let table = try CSVTable.read(path: (folder as NSString).appendingPathComponent(name), uniqueHeader: false)
            for (j, header) in table.header.enumerated() {
                guard let said = role(ofHeader: header) else { continue }
                let cells = table.rows.map { $0[j] }
                guard let held = role(ofCells: cells), held != said else { continue }
                let sample = cells.prefix(3).joined(separator: ", ")
                out.append(Finding(.warning, .headerMismatch, at: table.position(nil, j),
                                   .headerMismatch(header: header, said: said.rawValue, held: held.rawValue, sample: sample)))
            }
        }
        return out
    }
}
