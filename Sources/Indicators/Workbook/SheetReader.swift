/// A worksheet part read into ``SheetCells``: `<row>`s of `<c r="C7" t=".." s="..">` cells with a
/// cached `<v>` or an inline `<is>`, and the `<mergeCells>` after them.
///
/// A cell without `r` follows the one before it (a row without `r`, the row before it). Types:
/// `s` (shared string), `inlineStr`, `str` (a formula's text), `b`, `e`, `d` (ISO date), and `n` or
/// none (a number, shown through its style as a percentage or a date). A formula without a cached
/// value is an empty cell. Each problem is one ``DatasetError/workbook(_:problem:)`` naming the cell.
final class SheetReader: XMLPartReader {
    let file: String, sheet: String, part: String
    let strings: [String], formats: [CellFormat], date1904: Bool, maxCells: Int

    var rowNumbers: [Int32] = [], columnNumbers: [Int16] = [], values: [CellValue] = []
    var merged: [CellRange] = []
    /// The merged ranges seen so far: a range listed again is kept once.
    private var mergedSeen: Set<CellRange> = []
    /// Excel's longest cell text, in UTF-16 code units; a longer `<v>` or inline text is refused as
    /// it is read, before it is held whole.
    static let maxText = 32_767
    private var textLength = 0
    /// The most `<mergeCell>` entries a sheet may list (copies included): a million. Real sheets
    /// list thousands; each entry costs the parser about 2 µs.
    static let maxMergeEntries = 1_000_000
    private var mergeEntries = 0
    /// The most text the sheet's cells may hold, counted as ``SheetCells/table(uniqueHeader:)``
    /// stores it (a long text repeated down a column once), and what has been counted so far: a sheet
    /// past it is refused while it is read, not after.
    var textBudget = Int.max
    private var textBytes = 0
    private var lastText: [Int: String] = [:]
    var sorted = true
    /// Inline texts seen so far (a column of district names repeats them): one copy each, up to 65,536.
    private var interned: [String: String] = [:]

    private var row = 0, column = 0
    private var cellType: String?, cellStyle = 0
    private var value = "", inline = "", hasValue = false, hasInline = false
    private var inValue = false, inInlineText = false, inInline = false, phonetic = 0, inSheetData = false

    init(file: String, sheet: String, part: String, strings: [String], formats: [CellFormat], date1904: Bool, maxCells: Int) {
        self.file = file
        self.sheet = sheet
        self.part = part
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
        self.maxCells = maxCells
    }

    static let maxRow = 1_048_576, maxColumn = 16_384

    /// `C7` → (7, 3); nil unless it names a cell within XFD1048576.
    static func reference(_ text: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in text.utf8 {
            if digits == 0, let upper = Optional(b & ~0x20), upper >= 65, upper <= 90 {
                letters += 1
                guard letters <= 3 else { return nil }
                column = column * 26 + Int(upper - 64)
            } else if b >= 48, b <= 57, letters > 0 {
                digits += 1
                guard digits <= 7 else { return nil }
                row = row * 10 + Int(b - 48)
            } else {
                return nil
            }
        }
        guard letters > 0, digits > 0, (1...maxRow).contains(row), (1...maxColumn).contains(column) else { return nil }
        return (row, column)
    }

    private func position(_ column: Int? = nil) -> SourcePosition {
        SourcePosition(file: file, line: row > 0 ? row : nil, column: row > 0 ? column : nil, sheet: sheet)
    }

    private func failCell(_ problem: DataProblem) {
        fail(.workbook(position(column), problem: problem))
    }

    override func start(_ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "sheetData": inSheetData = true
        case "row" where inSheetData:
            if let r = attributes["r"] {
                guard let n = Int(r), (1...Self.maxRow).contains(n) else {
                    return fail(.workbook(SourcePosition(file: file, sheet: sheet), problem: .badRow(String(r))))
                }
                row = n
            } else {
                row += 1
                guard row <= Self.maxRow else { return failCell(.rowPastEnd) }
            }
            column = 0
        case "c" where inSheetData:
            if let r = attributes["r"] {
                guard let (cellRow, cellColumn) = Self.reference(r) else {
                    return fail(.workbook(position(), problem: .badCellReference(String(r))))
                }
                row = cellRow
                column = cellColumn
            } else {
                column += 1
                guard column <= Self.maxColumn, row > 0 else { return failCell(.columnPastEnd) }
            }
            cellType = attributes["t"]
            if let s = attributes["s"] {
                guard let n = Int(s), n >= 0, n < max(formats.count, 1) else {
                    return failCell(.noStyle(index: s, count: formats.count))
                }
                cellStyle = n
            } else {
                cellStyle = 0
            }
            value = ""; inline = ""
            hasValue = false; hasInline = false
            textLength = 0
        case "v" where inSheetData:
            inValue = true
            hasValue = true
        case "is" where inSheetData:
            inInline = true
            hasInline = true
        case "t" where inInline:
            inInlineText = phonetic == 0
        case "rPh" where inInline:
            phonetic += 1
        case "mergeCell":
            mergeEntries += 1
            guard mergeEntries <= Self.maxMergeEntries else {
                return fail(.workbook(SourcePosition(file: file, sheet: sheet), problem: .damaged(.tooManyMergeEntries(limit: Self.maxMergeEntries))))
            }
            guard let ref = attributes["ref"] else { return }
            let ends = ref.split(separator: ":", omittingEmptySubsequences: false)
            guard ends.count <= 2, let a = Self.reference(String(ends[0])), let b = Self.reference(String(ends.last ?? ends[0])) else {
                return fail(.workbook(SourcePosition(file: file, sheet: sheet), problem: .badMergedRange(String(ref))))
            }
            let range = CellRange(rows: min(a.row, b.row)...max(a.row, b.row), columns: min(a.column, b.column)...max(a.column, b.column))
            if range.rows.count > 1 || range.columns.count > 1, mergedSeen.insert(range).inserted { merged.append(range) }
        default: break
        }
    }

    override func end(_ name: Substring) {
        switch name {
        case "sheetData": inSheetData = false
        case "v": inValue = false
        case "is": inInline = false
        case "t": inInlineText = false
        case "rPh" where phonetic > 0: phonetic -= 1
        case "c" where inSheetData:
            guard let cell = cellValue() else { return }
            if case .text(let s) = cell, s.isEmpty { return }
            if let lastRow = rowNumbers.last, let lastColumn = columnNumbers.last,
               (Int(lastRow), Int(lastColumn)) >= (row, column) { sorted = false }
            guard values.count < maxCells else { return failCell(.sheetTooLarge(limit: maxCells)) }
            if case .text(let text) = cell {
                let n = text.utf8.count
                if n < CSVTable.sharedTextLength || lastText[column] != text {
                    textBytes += n
                    if n >= CSVTable.sharedTextLength { lastText[column] = text }
                    guard textBytes <= textBudget else {
                        return fail(.workbook(SourcePosition(file: file, sheet: sheet), problem: .damaged(.tableTextTooLarge(bytes: Int64(textBudget)))))
                    }
                }
            }
            rowNumbers.append(Int32(row))
            columnNumbers.append(Int16(column))
            values.append(cell)
        default: break
        }
    }

    override func text(_ string: String) {
        guard inValue || inInlineText else { return }
        textLength += string.utf16.count
        guard textLength <= Self.maxText else { return failCell(.damaged(.cellTextTooLong(limit: Self.maxText))) }
        if inValue { value += string } else { inline += string }
    }

    /// `text` without leading and trailing white space and newlines (Foundation's
    /// `.whitespacesAndNewlines`). A cell's `<v>` almost always starts and ends with a printable
    /// ASCII character, which no such set contains: then `text` is returned as it is, without the
    /// Foundation call (on Linux it goes through NSString and was the largest cost per cell).
    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return text }
        if (0x21..<0x80).contains(first), (0x21..<0x80).contains(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The finished cell's value (nil: empty).
    private func cellValue() -> CellValue? {
        let v = Self.trimmed(value)
        switch cellType {
        case "s":
            guard hasValue else { return nil }
            guard let k = Int(v), k >= 0, k < strings.count else {
                failCell(.noSharedString(index: v, count: strings.count))
                return nil
            }
            return .text(strings[k])
        case "inlineStr":
            let text = hasInline ? inline : value
            guard hasInline || hasValue else { return nil }
            if let seen = interned[text] { return .text(seen) }
            if interned.count < 65_536 { interned[text] = text }
            return .text(text)
        case "str": return hasValue ? .text(value) : nil
        case "b":
            guard hasValue else { return nil }
            guard v == "0" || v == "1" else { failCell(.notBoolean(v)); return nil }
            return .bool(v == "1")
        case "e": return hasValue ? .error(v) : nil
        case "d":
            guard hasValue else { return nil }
            return .date(String(v.prefix(10)))
        case nil, "n":
            guard hasValue, !v.isEmpty else { return nil }
            guard CSVTable.isPlainDecimal(v), let x = Double(v), x.isFinite else {
                failCell(.notANumberCell(v))
                return nil
            }
            switch formats.isEmpty ? .number : formats[cellStyle] {
            case .number: return .number(x)
            case .percent: return .percent(x)
            case .date: return CellText.date(serial: x, date1904: date1904).map(CellValue.date) ?? .number(x)
            }
        case let t?:
            failCell(.unknownCellType(t))
            return nil
        }
    }

    /// The cells in row order; a cell given twice is an error.
    func cells() throws(DatasetError) -> SheetCells {
        if !sorted {
            let order = values.indices.sorted { (rowNumbers[$0], columnNumbers[$0], $0) < (rowNumbers[$1], columnNumbers[$1], $1) }
            rowNumbers = order.map { rowNumbers[$0] }
            columnNumbers = order.map { columnNumbers[$0] }
            values = order.map { values[$0] }
            for k in values.indices.dropFirst() where rowNumbers[k] == rowNumbers[k - 1] && columnNumbers[k] == columnNumbers[k - 1] {
                throw .workbook(SourcePosition(file: file, line: Int(rowNumbers[k]), column: Int(columnNumbers[k]), sheet: sheet),
                                problem: .cellTwice)
            }
        }
        return SheetCells(file: file, sheet: sheet, merged: merged, rowNumbers: rowNumbers, columnNumbers: columnNumbers, values: values)
    }
}
