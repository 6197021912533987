import Foundation

/// Columns of a ``CSVTable`` read as numbers: plain dot decimals, or the Vietnamese and English
/// report formats, with missing-value markers and the checks that refuse a number read two ways.
extension CSVTable {
    /// The named column as numbers: plain dot decimals (`-12.5`, `3e-4`) by default, or in a
    /// Vietnamese or English report format.
    ///
    /// - Parameters:
    ///   - name: the column.
    ///   - positive: require every value to be > 0 (for weights).
    ///   - only: the data rows to read (default: all), e.g. without rows whose value is missing.
    ///   - format: read `vi` or `en` report formats (`50,65%`, `13.425`, `6,102`); `auto` (a cell
    ///     that can be read only one way decides for its column) refuses
    ///     numbers that read differently in the two; nil for plain dot decimals.
    /// - Throws: ``DatasetError`` naming `file:line:column` for an empty cell, text that is not a
    ///   number, NaN/infinity/overflow, or (with `positive`) a value ≤ 0.
    public func numericColumn(_ name: String, positive: Bool = false, format: NumberFormat? = nil, rows only: [Int]? = nil) throws(DatasetError) -> [Double] {
        let j = try columnIndex(name)
        let chosen = only ?? Array(0..<rowCount)
        let requested = format
        let format = requested == .auto ? try columnFormat(j, name, rows: chosen) : requested
        if requested == nil { try refuseAmbiguousPlainColumn(j, name, rows: chosen) }
        var values: [Double] = []
        values.reserveCapacity(chosen.count)
        for r in chosen {
            let position = self.position(r, j)
            if let typed = number(r, j) {
                if positive && !(typed > 0) { throw .notPositive(position, text: field(r, j), column: name) }
                values.append(typed)
                continue
            }
            let text = field(r, j).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw .emptyCell(position, column: name) }
            let lowered = text.lowercased()
            if ["nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"].contains(lowered) {
                throw .nonFinite(position, text: text, column: name)
            }
            let value: Double
            if let format {
                do {
                    value = try format.parse(text)
                } catch {
                    throw .badNumber(position, column: name, problem: error.description)
                }
            } else {
                guard Self.isPlainDecimal(text), let plain = Double(text) else {
                    throw .notANumber(position, text: text, column: name)
                }
                value = plain
            }
            guard value.isFinite else { throw .nonFinite(position, text: text, column: name) }
            if positive && !(value > 0) { throw .notPositive(position, text: text, column: name) }
            values.append(value)
        }
        return values
    }

    /// Whether a cell says "no value": empty, a dash (`-`, `–`, `—`), `..`, `x`, `n/a`, `NA` or `KCS`
    /// (không có số liệu) and the like, or an Excel error value (`#N/A`, `#DIV/0!`, `#VALUE!`,
    /// `#REF!`, `#NAME?`, `#NUM!`, `#NULL!`, `#SPILL!`, `#CALC!`, `#GETTING_DATA`), ignoring case and spaces.
    public static func isMissing(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        return ["", "-", "–", "—", "..", "...", "x", "n/a", "na", "n.a.", "kcs", "k.c.s", "không có số liệu", "khong co so lieu"].contains(t)
            || excelErrors.contains(t)
    }

    /// Excel's error values, lower-cased.
    static let excelErrors: Set<String> = ["#n/a", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!",
                                           "#spill!", "#calc!", "#getting_data", "#field!", "#blocked!", "#unknown!", "#busy!", "#connect!"]

    /// Under `auto`, the convention of a whole column: a cell that can only be Vietnamese (`12,5`,
    /// `1.234,5`) or only English (`1.5`, `1,234.5`) decides for every cell; a column with both is an
    /// error naming one of each; a column with neither stays `auto` (each ambiguous cell is then an error).
    func columnFormat(_ j: Int, _ name: String, rows: [Int]) throws(DatasetError) -> NumberFormat {
        var vi: Int?, en: Int?
        for r in rows where number(r, j) == nil {
            var s = Substring(field(r, j).trimmingCharacters(in: .whitespaces))
            if s.hasSuffix("%") { s = Substring(s.dropLast().trimmingCharacters(in: .whitespaces)) }
            if let c = s.first, c == "-" || c == "+" || c == "−" { s = s.dropFirst() }
            guard s.contains(where: { $0 == "." || $0 == "," }),
                  let decimal = try? NumberFormat.inferDecimal(s, original: String(s)) else { continue }
            if decimal == "," { vi = vi ?? r } else { en = en ?? r }
        }
        switch (vi, en) {
        case let (v?, e?):
            throw .badNumber(position(max(v, e), j), column: name,
                             problem: "\"\(field(max(v, e), j))\" is written in the other convention from \"\(field(min(v, e), j))\" (\(position(min(v, e), j))): one column, one number format")
        case (_?, nil): return .vi
        case (nil, _?): return .en
        case (nil, nil): return .auto
        }
    }

    /// Plain dot decimals read a column of values like `13.425` as thirteen point four: when every
    /// cell has one dot and three digits after it (and at most three before), it may as well be
    /// Vietnamese thousands, so it is refused with both readings instead of read 1000× off.
    func refuseAmbiguousPlainColumn(_ j: Int, _ name: String, rows: [Int]) throws(DatasetError) {
        guard let first = rows.first else { return }
        for r in rows where number(r, j) != nil || !NumberFormat.isAmbiguous(field(r, j)) { return }
        let t = field(first, j).trimmingCharacters(in: .whitespaces)
        throw .badNumber(position(first, j), column: name,
                         problem: "\"\(t)\" is ambiguous: \(t.replacingOccurrences(of: ".", with: "")) (vi) or \(t) (en), and so is every value in the column; pass --number-format vi or en")
    }
}
