import Foundation

/// Columns of a ``CSVTable`` read as numbers: plain dot decimals, or the Vietnamese and English
/// report formats, with missing-value markers and the checks that refuse a number read two ways.
extension CSVTable {
    /// A field: data row and column (0-based).
    public typealias Cell = (row: Int, column: Int)

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
        return try numbers((only ?? Array(0..<rowCount)).map { ($0, j) }, name: name, positive: positive, format: format)
    }

    /// The numbers in `cells`, read as one block: under `auto` the convention is decided over all
    /// of them (a wide table's year columns are one block), and with plain decimals (`format` nil) a
    /// block whose every value could be thousands is refused. A workbook's typed numbers are taken
    /// as they are. `name` is the column (or block) named in messages.
    ///
    /// - Throws: ``DatasetError`` as ``numericColumn(_:positive:format:rows:)``.
    public func numbers(_ cells: [Cell], name: String, positive: Bool = false, format requested: NumberFormat?) throws(DatasetError) -> [Double] {
        let format = requested == .auto ? try blockFormat(cells, name) : requested
        if requested == nil { try refuseAmbiguousPlainBlock(cells, name) }
        var values: [Double] = []
        values.reserveCapacity(cells.count)
        for (r, j) in cells {
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
                // Text that no convention makes a number is "not a number", whatever the format.
                let numberish = text.unicodeScalars.allSatisfy { c in
                    (c.isASCII && (CharacterSet.decimalDigits.contains(c) || ".,+-eE ".unicodeScalars.contains(c))) || "%‰−".unicodeScalars.contains(c)
                }
                guard numberish else { throw .notANumber(position, text: text, column: name) }
                do {
                    value = try format.parse(text)
                } catch {
                    if error.reason == .tooLarge { throw .nonFinite(position, text: text, column: name) }
                    throw .badNumber(position, column: name, problem: .number(error))
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

    /// Under `auto`, the convention of a block of cells: a cell that can only be Vietnamese (`12,5`,
    /// `1.234,5`) or only English (`1.5`, `1,234.5`) decides for every cell; a block with both is an
    /// error naming one of each; a block with neither stays `auto` (each ambiguous cell is then an error).
    func blockFormat(_ cells: [Cell], _ name: String) throws(DatasetError) -> NumberFormat {
        var vi: Cell?, en: Cell?
        for (r, j) in cells where number(r, j) == nil {
            var s = Substring(field(r, j).trimmingCharacters(in: .whitespaces))
            if s.hasSuffix("%") || s.hasSuffix("‰") { s = Substring(s.dropLast().trimmingCharacters(in: .whitespaces)) }
            if let c = s.first, c == "-" || c == "+" || c == "−" { s = s.dropFirst() }
            guard s.contains(where: { $0 == "." || $0 == "," }),
                  let decimal = try? NumberFormat.inferDecimal(s, original: String(s)) else { continue }
            if decimal == "," { vi = vi ?? (r, j) } else { en = en ?? (r, j) }
        }
        switch (vi, en) {
        case let (v?, e?):
            let (late, early) = (v.row, v.column) > (e.row, e.column) ? (v, e) : (e, v)
            throw .badNumber(position(late.row, late.column), column: name,
                             problem: .mixedConventions(text: field(late.row, late.column), other: field(early.row, early.column),
                                                        at: position(early.row, early.column)))
        case (_?, nil): return .vi
        case (nil, _?): return .en
        case (nil, nil): return .auto
        }
    }

    /// Plain dot decimals read a column of values like `13.425` as thirteen point four: when every
    /// cell has one dot and three digits after it (and at most three before), it may as well be
    /// Vietnamese thousands, so it is refused with both readings instead of read 1000× off.
    func refuseAmbiguousPlainBlock(_ cells: [Cell], _ name: String) throws(DatasetError) {
        guard let first = cells.first else { return }
        for (r, j) in cells where number(r, j) != nil || !NumberFormat.isAmbiguous(field(r, j)) { return }
        let t = field(first.row, first.column).trimmingCharacters(in: .whitespaces)
        throw .badNumber(position(first.row, first.column), column: name,
                         problem: .ambiguousColumn(text: t, vi: t.replacingOccurrences(of: ".", with: ""), en: t))
    }
}
