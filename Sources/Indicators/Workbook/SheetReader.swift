import Foundation

/// A worksheet part read into ``SheetCells`` by an `XMLScanner`: `<row>`s of `<c r="C7" t=".."
/// s="..">` cells with a cached `<v>` or an inline `<is>`, and the `<mergeCells>` after them.
///
/// A cell without `r` follows the one before it (a row without `r`, the row before it). Types:
/// `s` (shared string), `inlineStr`, `str` (a formula's text), `b`, `e`, `d` (ISO date), and `n` or
/// none (a number, shown through its style as a percentage or a date). A formula without a cached
/// value is an empty cell (a formula's own text, `<f>`, is not read). Each problem is one
/// ``DatasetError/workbook(_:problem:)`` naming the cell.
struct SheetReader: XMLHandler {
    /// A cell's `t`.
    enum CellType: Equatable {
        case number, shared, inline, formula, bool, error, date
        case unknown(String)
    }

    let file: String, sheet: String
    let shared: TextPool, formats: [CellFormat], date1904: Bool, maxCells: Int

    private(set) var rowNumbers: [Int32] = [], columnNumbers: [Int16] = []
    private(set) var kinds: [CellKind] = [], payloads: [UInt64] = []
    /// The sheet's own texts (inline strings, formulas' texts, error values, dates), each once.
    private(set) var texts = TextInterner()
    private(set) var merged: [CellRange] = []
    /// The merged ranges seen so far: a range listed again is kept once.
    private var mergedSeen: Set<CellRange> = []
    /// Excel's longest cell text, in UTF-16 code units; a longer `<v>` or inline text is refused as
    /// it is read, before it is held whole.
    static let maxText = 32_767
    private var textLength = 0
    /// The most `<mergeCell>` entries a sheet may list (copies included): a million. Real sheets
    /// list thousands.
    static let maxMergeEntries = 1_000_000
    private var mergeEntries = 0
    /// The most text the sheet's cells may hold, counted as ``SheetCells/table(uniqueHeader:)``
    /// counts it (a long text repeated down a column once), and what has been counted so far: a
    /// sheet past it is refused while it is read, not after.
    var textBudget = Int.max
    private var textBytes = 0
    /// Per sheet column, the number of the last long text counted (-1: none).
    private var lastText: [Int] = []
    private(set) var sorted = true

    private var row = 0, column = 0
    private var cellType = CellType.number, cellStyle = 0
    /// The text of the cell's `<v>` and of its inline string (freed by ``release()``).
    private var value = RawList<UInt8>(capacity: 1024), inline = RawList<UInt8>(capacity: 1024)
    private var hasValue = false, hasInline = false
    private var inValue = false, inInlineText = false, inInline = false, phonetic = 0, inSheetData = false

    init(file: String, sheet: String, shared: TextPool, formats: [CellFormat], date1904: Bool, maxCells: Int) {
        self.file = file
        self.sheet = sheet
        self.shared = shared
        self.formats = formats
        self.date1904 = date1904
        self.maxCells = maxCells
    }

    static let maxRow = 1_048_576, maxColumn = 16_384

    /// `C7` → (7, 3); nil unless it names a cell within XFD1048576.
    static func reference(_ text: String) -> (row: Int, column: Int)? {
        var text = text
        return text.withUTF8 { reference($0) }
    }

    /// The same on UTF-8 bytes.
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>) -> (row: Int, column: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in bytes {
            let upper = b & ~0x20
            if digits == 0, upper >= 65, upper <= 90 {
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

    /// An integer as Swift's `Int(String)` reads one: an optional sign and decimal digits, nil on
    /// anything else or on overflow.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, negative = false
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        guard i < b.count else { return nil }
        var n = 0
        while i < b.count {
            let d = Int(b[i]) - 48
            guard d >= 0, d <= 9 else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            n = s
            i += 1
        }
        return n
    }

    private func position(_ column: Int? = nil) -> SourcePosition {
        SourcePosition(file: file, line: row > 0 ? row : nil, column: row > 0 ? column : nil, sheet: sheet)
    }

    private func cellError(_ problem: DataProblem) -> DatasetError {
        .workbook(position(column), problem: problem)
    }

    private func sheetError(_ problem: DataProblem) -> DatasetError {
        .workbook(SourcePosition(file: file, sheet: sheet), problem: problem)
    }

    // MARK: - XMLHandler

    var wantsText: Bool { inValue || inInlineText }

    mutating func start(_ tag: XMLTag) throws(DatasetError) {
        let name = tag.name
        if name.is("c") {
            guard inSheetData else { return }
            try startCell(tag)
        } else if name.is("v") {
            guard inSheetData else { return }
            inValue = true
            hasValue = true
        } else if name.is("row") {
            guard inSheetData else { return }
            if let r = tag.value("r") {
                row = try r.withBytes { (b) throws(DatasetError) -> Int in
                    guard let n = Self.integer(b), (1...Self.maxRow).contains(n) else {
                        throw sheetError(.badRow(String(decoding: b, as: UTF8.self)))
                    }
                    return n
                }
            } else {
                row += 1
                guard row <= Self.maxRow else { throw cellError(.rowPastEnd) }
            }
            column = 0
        } else if name.is("is") {
            guard inSheetData else { return }
            inInline = true
            hasInline = true
        } else if name.is("t") {
            if inInline { inInlineText = phonetic == 0 }
        } else if name.is("rPh") {
            if inInline { phonetic += 1 }
        } else if name.is("sheetData") {
            inSheetData = true
        } else if name.is("mergeCell") {
            try mergeCell(tag)
        }
    }

    private mutating func startCell(_ tag: XMLTag) throws(DatasetError) {
        if let r = tag.value("r") {
            let at = try r.withBytes { (b) throws(DatasetError) -> (row: Int, column: Int) in
                guard let at = Self.reference(b) else { throw DatasetError.workbook(position(), problem: .badCellReference(String(decoding: b, as: UTF8.self))) }
                return at
            }
            row = at.row
            column = at.column
        } else {
            column += 1
            guard column <= Self.maxColumn, row > 0 else { throw cellError(.columnPastEnd) }
        }
        if let t = tag.value("t") {
            cellType = try t.withBytes { (b) throws(DatasetError) -> CellType in
                switch b.count {
                case 1:
                    switch b[0] {
                    case UInt8(ascii: "n"): return .number
                    case UInt8(ascii: "s"): return .shared
                    case UInt8(ascii: "b"): return .bool
                    case UInt8(ascii: "e"): return .error
                    case UInt8(ascii: "d"): return .date
                    default: break
                    }
                case 3 where XMLName(bytes: b).is("str"): return .formula
                case 9 where XMLName(bytes: b).is("inlineStr"): return .inline
                default: break
                }
                return .unknown(String(decoding: b, as: UTF8.self))
            }
        } else {
            cellType = .number
        }
        if let s = tag.value("s") {
            cellStyle = try s.withBytes { (b) throws(DatasetError) -> Int in
                guard let n = Self.integer(b), n >= 0, n < max(formats.count, 1) else {
                    throw cellError(.noStyle(index: String(decoding: b, as: UTF8.self), count: formats.count))
                }
                return n
            }
        } else {
            cellStyle = 0
        }
        value.removeAll()
        inline.removeAll()
        hasValue = false
        hasInline = false
        textLength = 0
    }

    private mutating func mergeCell(_ tag: XMLTag) throws(DatasetError) {
        mergeEntries += 1
        guard mergeEntries <= Self.maxMergeEntries else { throw sheetError(.damaged(.tooManyMergeEntries(limit: Self.maxMergeEntries))) }
        guard let ref = tag.value("ref") else { return }
        let range = try ref.withBytes { (b) throws(DatasetError) -> CellRange in
            let colon = b.firstIndex(of: UInt8(ascii: ":"))
            let first = UnsafeBufferPointer(rebasing: b[..<(colon ?? b.count)])
            let last = colon.map { UnsafeBufferPointer(rebasing: b[($0 + 1)...]) } ?? first
            guard let a = Self.reference(first), let z = Self.reference(last) else {
                throw sheetError(.badMergedRange(String(decoding: b, as: UTF8.self)))
            }
            return CellRange(rows: min(a.row, z.row)...max(a.row, z.row), columns: min(a.column, z.column)...max(a.column, z.column))
        }
        if range.rows.count > 1 || range.columns.count > 1, mergedSeen.insert(range).inserted { merged.append(range) }
    }

    mutating func end(_ name: XMLName) throws(DatasetError) {
        if name.is("c") {
            if inSheetData { try finishCell() }
        } else if name.is("v") {
            inValue = false
        } else if name.is("is") {
            inInline = false
        } else if name.is("t") {
            inInlineText = false
        } else if name.is("rPh") {
            if phonetic > 0 { phonetic -= 1 }
        } else if name.is("sheetData") {
            inSheetData = false
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(DatasetError) {
        textLength += Self.utf16Count(bytes)
        guard textLength <= Self.maxText else { throw cellError(.damaged(.cellTextTooLong(limit: Self.maxText))) }
        if inValue { value.append(contentsOf: bytes) } else { inline.append(contentsOf: bytes) }
    }

    /// The length of UTF-8 text in UTF-16 code units.
    @inline(__always) static func utf16Count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes { n += (b & 0xC0 != 0x80 ? 1 : 0) + (b >= 0xF0 ? 1 : 0) }
        return n
    }

    // MARK: - Cells

    /// `value` without leading and trailing white space and newlines (Foundation's
    /// `.whitespacesAndNewlines`). A cell's `<v>` almost always starts and ends with a printable
    /// ASCII character, which no such set contains: then it is kept as it is, without the
    /// Foundation call.
    private mutating func trimValue() {
        guard value.count > 0 else { return }
        if (0x21..<0x80).contains(value[0]), (0x21..<0x80).contains(value[value.count - 1]) { return }
        let trimmed = Array(valueText.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        value.removeAll()
        trimmed.withUnsafeBufferPointer { value.append(contentsOf: $0) }
    }

    private var valueText: String { String(decoding: value.buffer, as: UTF8.self) }

    /// Frees the cell's text buffers.
    func release() {
        value.free()
        inline.free()
    }

    /// The number of a text of the sheet's own (after the shared strings).
    private mutating func own(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        shared.count + texts.intern(text)
    }

    /// Stores the finished cell (nothing for an empty one).
    private mutating func finishCell() throws(DatasetError) {
        let kind: CellKind, payload: UInt64
        switch cellType {
        case .shared:
            guard hasValue else { return }
            trimValue()
            let k = Self.integer(value.buffer)
            guard let k, k >= 0, k < shared.count else { throw cellError(.noSharedString(index: valueText, count: shared.count)) }
            guard !shared.range(k).isEmpty else { return }
            kind = .text
            payload = UInt64(k)
        case .inline:
            guard hasInline || hasValue else { return }
            let text = hasInline ? inline.buffer : value.buffer
            guard !text.isEmpty else { return }
            kind = .text
            payload = UInt64(own(text))
        case .formula:
            guard hasValue, value.count > 0 else { return }
            kind = .text
            payload = UInt64(own(value.buffer))
        case .bool:
            guard hasValue else { return }
            trimValue()
            guard value.count == 1, value[0] == UInt8(ascii: "0") || value[0] == UInt8(ascii: "1") else { throw cellError(.notBoolean(valueText)) }
            kind = .bool
            payload = value[0] == UInt8(ascii: "1") ? 1 : 0
        case .error:
            guard hasValue else { return }
            trimValue()
            kind = .error
            payload = UInt64(own(value.buffer))
        case .date:
            guard hasValue else { return }
            trimValue()
            let date = Array(String(valueText.prefix(10)).utf8)
            kind = .date
            payload = UInt64(date.withUnsafeBufferPointer { own($0) })
        case .number:
            guard hasValue else { return }
            trimValue()
            guard value.count > 0 else { return }
            let parsed = CSVTable.isPlainDecimal(value.buffer) ? CellText.double(value.buffer) : nil
            guard let x = parsed, x.isFinite else { throw cellError(.notANumberCell(valueText)) }
            switch formats.isEmpty ? .number : formats[cellStyle] {
            case .number:
                kind = .number
                payload = x.bitPattern
            case .percent:
                kind = .percent
                payload = x.bitPattern
            case .date:
                if let civil = CellText.civilDate(serial: x, date1904: date1904) {
                    kind = .date
                    payload = UInt64(CellText.withDate(civil) { own($0) })
                } else {
                    kind = .number
                    payload = x.bitPattern
                }
            }
        case .unknown(let t):
            throw cellError(.unknownCellType(t))
        }
        if let lastRow = rowNumbers.last, let lastColumn = columnNumbers.last,
           (Int(lastRow), Int(lastColumn)) >= (row, column) { sorted = false }
        guard kinds.count < maxCells else { throw cellError(.sheetTooLarge(limit: maxCells)) }
        if kind == .text { try count(text: Int(payload)) }
        rowNumbers.append(Int32(row))
        columnNumbers.append(Int16(column))
        kinds.append(kind)
        payloads.append(payload)
    }

    /// The bytes of text number `k`.
    private func withText<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        k < shared.count ? shared.withText(k, body) : texts.pool.withText(k - shared.count, body)
    }

    /// Counts a text cell against ``textBudget``, a long text repeated down its column once.
    private mutating func count(text k: Int) throws(DatasetError) {
        let n = withText(k) { $0.count }
        if n >= CSVTable.sharedTextLength {
            if lastText.isEmpty { lastText = [Int](repeating: -1, count: Self.maxColumn + 1) }
            let last = lastText[column]
            if last == k || (last >= 0 && withText(last) { a in withText(k) { sameBytes(a, $0) } }) { return }
            lastText[column] = k
        }
        textBytes += n
        guard textBytes <= textBudget else { throw sheetError(.damaged(.tableTextTooLarge(bytes: Int64(textBudget)))) }
    }

    /// The cells in row order; a cell given twice is an error.
    func cells() throws(DatasetError) -> SheetCells {
        var rowNumbers = rowNumbers, columnNumbers = columnNumbers, kinds = kinds, payloads = payloads
        if !sorted {
            let order = kinds.indices.sorted { (rowNumbers[$0], columnNumbers[$0], $0) < (rowNumbers[$1], columnNumbers[$1], $1) }
            rowNumbers = order.map { rowNumbers[$0] }
            columnNumbers = order.map { columnNumbers[$0] }
            kinds = order.map { kinds[$0] }
            payloads = order.map { payloads[$0] }
            for k in kinds.indices.dropFirst() where rowNumbers[k] == rowNumbers[k - 1] && columnNumbers[k] == columnNumbers[k - 1] {
                throw .workbook(SourcePosition(file: file, line: Int(rowNumbers[k]), column: Int(columnNumbers[k]), sheet: sheet),
                                problem: .cellTwice)
            }
        }
        return SheetCells(file: file, sheet: sheet, merged: merged, rowNumbers: rowNumbers, columnNumbers: columnNumbers,
                          kinds: kinds, payloads: payloads, shared: shared, texts: texts.pool)
    }
}
