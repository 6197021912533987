import Foundation

/// A sheet's cells shaped into a ``CSVTable``: where the header is, which columns the table spans,
/// which rows are data, with merged cells filled as Excel shows them.
extension SheetCells {
    /// The sheet as a table.
    ///
    /// The header is the first non-empty row, except when that row has a cell merged across columns
    /// (a group heading such as "Năm" over the year columns) and the row below is not empty: then
    /// the header is the lower row, where a cell merged down from the group row ("Chỉ tiêu" merged
    /// A1:A2) takes the group row's text. The table's columns run from the header's first to its
    /// last non-empty cell (``CSVTable/columnOffset`` is the number of sheet columns left of it).
    /// Every later row with a value in those columns is a data row (`line` = the sheet row; blank
    /// rows are skipped); a merged range's value fills every cell of the range. Numbers are typed
    /// (``CSVTable/number(_:_:)``), with their shortest decimal as text; percentages as shown
    /// (45.5, "45.5%"); dates as `yyyy-mm-dd` text.
    ///
    /// - Throws: ``DatasetError/empty(file:)`` for a sheet without values;
    ///   ``DatasetError/workbook(_:problem:)`` for a value outside the table's columns
    ///   (`book.xlsx[Sheet1]!H9: a value outside the table's columns (A–F)`), merged ranges or a
    ///   table of more than 50 million cells; ``DatasetError/duplicateColumn(_:name:)`` for a header
    ///   that names a column twice (with `uniqueHeader`).
    public func table(uniqueHeader: Bool = true) throws(DatasetError) -> CSVTable {
        let limit = 50_000_000
        let count = kinds.count
        /// Whether cell `i` (-1: none) shows nothing: no cell, or a text of spaces and tabs.
        func blank(_ i: Int) -> Bool {
            guard i >= 0 else { return true }
            switch kinds[i] {
            case .text, .error, .date: return withText(Int(payloads[i])) { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
            default: return false
            }
        }
        // The rows that have cells, in order, and where each one's cells start (`starts[k]` for
        // `rowList[k]`; one more entry for the end).
        var rowList: [Int] = [], starts: [Int] = []
        for k in 0..<count where k == 0 || rowNumbers[k] != rowNumbers[k - 1] {
            rowList.append(Int(rowNumbers[k]))
            starts.append(k)
        }
        starts.append(count)
        func span(_ r: Int) -> Range<Int>? {
            var lo = 0, hi = rowList.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if rowList[mid] < r { lo = mid + 1 } else { hi = mid }
            }
            return lo < rowList.count && rowList[lo] == r ? starts[lo]..<starts[lo + 1] : nil
        }
        // Merged ranges by row (their area is bounded: a range over the whole sheet is refused), each
        // row's sorted by first column; ranges that overlap are refused (Excel refuses them too), so
        // a cell lies in at most one and is found by binary search. Each range keeps the index of its
        // top-left cell; a range whose top-left cell is blank fills nothing.
        var mergesByRow: [Int: [Int]] = [:]
        var tops = [Int](repeating: -1, count: merged.count)
        var area = 0
        for (m, range) in merged.enumerated() {
            guard let top = cellIndex(row: range.rows.lowerBound, column: range.columns.lowerBound), !blank(top) else { continue }
            tops[m] = top
            area += range.rows.count * range.columns.count
            guard area <= limit else {
                throw .workbook(SourcePosition(file: file, sheet: sheet), problem: .mergedTooLarge(limit: limit))
            }
            for r in range.rows { mergesByRow[r, default: []].append(m) }
        }
        for (r, list) in mergesByRow {
            let sorted = list.sorted { merged[$0].columns.lowerBound < merged[$1].columns.lowerBound }
            for (a, b) in zip(sorted, sorted.dropFirst()) where merged[b].columns.lowerBound <= merged[a].columns.upperBound {
                throw .workbook(SourcePosition(file: file, sheet: sheet),
                                problem: .damaged(.mergedOverlap(merged[a].description, merged[b].description)))
            }
            mergesByRow[r] = sorted
        }
        func mergeAt(_ r: Int, _ c: Int) -> Int? {
            guard let list = mergesByRow[r] else { return nil }
            var lo = 0, hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if merged[list[mid]].columns.upperBound < c { lo = mid + 1 } else { hi = mid }
            }
            return lo < list.count && merged[list[lo]].columns.contains(c) ? list[lo] : nil
        }
        /// The cell shown at `r`, `c`: a merged range's top-left cell, else the cell itself (-1: none).
        func filled(_ r: Int, _ c: Int) -> Int {
            if let m = mergeAt(r, c) { return tops[m] }
            return cellIndex(row: r, column: c) ?? -1
        }
        // Row `r` over `columns` into `slots`, as `filled` gives each cell: its own cells walked once
        // (they are in column order), then each merged range that crosses the row with its top-left cell.
        func row(_ r: Int, _ columns: ClosedRange<Int>, into slots: inout [Int]) {
            for j in slots.indices { slots[j] = -1 }
            for k in span(r) ?? 0..<0 where columns.contains(Int(columnNumbers[k])) {
                slots[Int(columnNumbers[k]) - columns.lowerBound] = k
            }
            for m in mergesByRow[r] ?? [] {
                let range = merged[m]
                let lo = Swift.max(range.columns.lowerBound, columns.lowerBound), hi = Swift.min(range.columns.upperBound, columns.upperBound)
                guard lo <= hi else { continue }
                for c in lo...hi { slots[c - columns.lowerBound] = tops[m] }
            }
        }
        func ownValues(_ r: Int) -> Bool {
            span(r).map { $0.contains { !blank($0) } } ?? false
        }
        // Every row with cells or merged ranges, in order.
        var rows: [Int] = []
        if mergesByRow.isEmpty {
            rows = rowList
        } else {
            let merging = mergesByRow.keys.sorted()
            rows.reserveCapacity(rowList.count + merging.count)
            var a = 0, b = 0
            while a < rowList.count || b < merging.count {
                let next = b == merging.count || (a < rowList.count && rowList[a] <= merging[b]) ? rowList[a] : merging[b]
                rows.append(next)
                while a < rowList.count, rowList[a] == next { a += 1 }
                while b < merging.count, merging[b] == next { b += 1 }
            }
        }
        guard let top = rows.first(where: ownValues) else { throw .empty(file: "\(file)[\(sheet)]") }
        /// The distinct cells row `r` shows that are not blank (a merged range counts once).
        func shown(_ r: Int) -> Set<Int> {
            var ids = Set<Int>()
            for k in span(r) ?? 0..<0 where !blank(k) { ids.insert(filled(r, Int(columnNumbers[k]))) }
            for m in mergesByRow[r] ?? [] where tops[m] >= 0 { ids.insert(tops[m]) }
            return ids
        }
        // Titles, subtitles ("(Kèm theo …)") and blank rows above the header are skipped: the header
        // is the first row showing two or more cells, when one comes soon (``ReportLayout``).
        var layoutNotes: [ReportLayout.Note] = []
        var first = top
        if shown(top).count < 2, let at = rows.firstIndex(of: top) {
            let near = rows[at...].prefix(ReportLayout.titleRowLimit + 1)
            if let header = near.first(where: { shown($0).count >= 2 }) {
                for r in near where r < header {
                    for k in shown(r) { layoutNotes.append(.titleRow(position(row: r, column: Int(columnNumbers[k])), text: value(at: k).text)) }
                }
                first = header
            }
        }
        let grouped = (mergesByRow[first] ?? []).contains { merged[$0].columns.count > 1 }
        let headerRow = grouped && ownValues(first + 1) ? first + 1 : first
        // The header's columns: its own cells and the merged ranges that reach it (and the group row's).
        var columns = Set<Int>()
        for r in Set([first, headerRow]) {
            columns.formUnion(span(r).map { $0.map { Int(columnNumbers[$0]) } } ?? [])
            for m in mergesByRow[r] ?? [] { columns.formUnion(merged[m].columns) }
        }
        let used = columns.filter { !blank(filled(headerRow, $0)) || !blank(filled(first, $0)) }
        guard let lo = used.min(), let hi = used.max() else { throw .empty(file: "\(file)[\(sheet)]") }
        let width = hi - lo + 1
        var slots = [Int](repeating: -1, count: width)
        row(headerRow, lo...hi, into: &slots)
        var header = slots.map { $0 < 0 ? "" : value(at: $0).text }
        var planColumns: [Int: Period] = [:]
        if headerRow != first {
            // A two-row header: each column's group text and its own (``ReportLayout/combine(upper:lower:)``).
            var upper = [Int](repeating: -1, count: width)
            row(first, lo...hi, into: &upper)
            for j in header.indices {
                let (text, plan) = ReportLayout.combine(upper: upper[j] < 0 ? "" : value(at: upper[j]).text, lower: header[j])
                header[j] = text
                if let plan { planColumns[j] = plan }
            }
        }
        let range = "\(SourcePosition.columnLetters(lo))–\(SourcePosition.columnLetters(hi))"

        var writer = TableWriter(cells: self, width: width)
        var lines: [Int] = []
        var cellCount = 0
        // The table's text, a text repeated down a column (a shared string, a merged cell) counted
        // once: at most `textBudget` bytes.
        var textBytes = 0
        var lastText = [Range<Int>?](repeating: nil, count: width)
        let dataRows = rows.count - (rows.firstIndex { $0 > headerRow } ?? rows.count)
        writer.reserve(rows: dataRows)
        // A footnote after a blank row ends the table (``ReportLayout/isFootnote(_:)``).
        var previous = headerRow, afterBlank = false
        for r in rows where r > headerRow {
            afterBlank = afterBlank || r > previous + 1
            previous = r
            if afterBlank, let own = span(r) {
                let texts = own.filter { !blank($0) }
                if texts.count == 1, let k = texts.first, ReportLayout.isFootnote(value(at: k).text) {
                    layoutNotes.append(.footnotes(position(row: r, column: Int(columnNumbers[k])), text: value(at: k).text))
                    break
                }
            }
            if let own = span(r) {
                for k in own where (Int(columnNumbers[k]) < lo || Int(columnNumbers[k]) > hi) && !blank(k) {
                    throw .workbook(position(row: r, column: Int(columnNumbers[k])), problem: .valueOutsideTable(range: range))
                }
            }
            row(r, lo...hi, into: &slots)
            guard slots.contains(where: { !blank($0) }) else { afterBlank = true; continue }
            afterBlank = false
            cellCount += width
            guard cellCount <= limit else {
                throw .workbook(SourcePosition(file: file, sheet: sheet), problem: .tableTooLarge(limit: limit))
            }
            for (j, k) in slots.enumerated() {
                let text = writer.append(k)
                let n = text.count
                if n >= CSVTable.sharedTextLength {
                    if let last = lastText[j], writer.same(last, text) { continue }
                    lastText[j] = text
                }
                textBytes += n
            }
            guard textBytes <= textBudget else {
                throw .workbook(SourcePosition(file: file, sheet: sheet), problem: .damaged(.tableTextTooLarge(bytes: Int64(textBudget))))
            }
            lines.append(r)
        }
        var table = try writer.table(file: file, sheet: sheet, headerLine: headerRow, columnOffset: lo - 1, header: header,
                                     lines: lines, uniqueHeader: uniqueHeader)
        table.planColumns = planColumns
        table.layoutNotes = layoutNotes
        return table
    }
}

/// The fields of a table made from a sheet's cells, written as ``CSVTable`` keeps them: the text of
/// each field once in one byte array, each distinct text stored once (a district's name, a number
/// repeated down a column), with the number each field holds.
struct TableWriter {
    let cells: SheetCells
    private var bytes: [UInt8] = []
    private var bounds: [Int32] = []
    private var numbers: [Double] = []
    private var typed = false
    /// Where each of the cells' texts was stored (by text number; -1: not yet).
    private var stored: [Int] = []
    /// Recently written numbers' texts, by their bits and kind: (bits, kind, start, end, number).
    private var recent: [(bits: UInt64, kind: CellKind, start: Int32, end: Int32, number: Double)]
    private let width: Int

    init(cells: SheetCells, width: Int) {
        self.cells = cells
        self.width = width
        recent = Array(repeating: (0, .text, -1, -1, 0), count: 4096)
    }

    mutating func reserve(rows: Int) {
        bounds.reserveCapacity(2 * rows * width)
        numbers.reserveCapacity(rows * width)
    }

    /// Whether the texts at `a` and `b` in the table's bytes are the same.
    func same(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a == b || (a.count == b.count && bytes[a].elementsEqual(bytes[b]))
    }

    private mutating func field(_ start: Int, _ end: Int, _ number: Double) -> Range<Int> {
        bounds.append(Int32(truncatingIfNeeded: start))
        bounds.append(Int32(truncatingIfNeeded: end))
        numbers.append(number)
        return start..<end
    }

    /// Appends cell `k` (-1: an empty field): where its text lies in the table's bytes.
    mutating func append(_ k: Int) -> Range<Int> {
        guard k >= 0 else { return field(0, 0, .nan) }
        let payload = cells.payloads[k]
        let kind = cells.kinds[k]
        switch kind {
        case .text, .error, .date:
            let t = Int(payload)
            if stored.isEmpty { stored = [Int](repeating: -1, count: cells.shared.count + cells.texts.count) }
            if stored[t] >= 0 { return field(stored[t] >> 32, stored[t] & 0xFFFF_FFFF, .nan) }
            let start = bytes.count
            cells.withText(t) { bytes.append(contentsOf: $0) }
            stored[t] = start << 32 | bytes.count
            return field(start, bytes.count, .nan)
        case .number, .percent, .bool:
            let slot = Int(truncatingIfNeeded: ((payload ^ UInt64(kind.rawValue)) &* 0x9E37_79B9_7F4A_7C15) >> 52)
            let seen = recent[slot]
            typed = typed || kind != .bool
            if seen.start >= 0, seen.bits == payload, seen.kind == kind {
                return field(Int(seen.start), Int(seen.end), seen.number)
            }
            let start = bytes.count
            var number = Double.nan
            switch kind {
            case .number:
                number = Double(bitPattern: payload)
                CellText.decimal(number, into: &bytes)
            case .percent:
                CellText.decimal(Double(bitPattern: payload), shiftedBy: 2, into: &bytes)
                number = bytes[start...].withUnsafeBufferPointer { CellText.double($0) } ?? Double(bitPattern: payload) * 100
                bytes.append(UInt8(ascii: "%"))
            default:
                bytes.append(contentsOf: payload != 0 ? "TRUE".utf8 : "FALSE".utf8)
            }
            recent[slot] = (payload, kind, Int32(truncatingIfNeeded: start), Int32(truncatingIfNeeded: bytes.count), number)
            return field(start, bytes.count, number)
        }
    }

    /// The table.
    func table(file: String, sheet: String, headerLine: Int, columnOffset: Int, header: [String], lines: [Int],
               uniqueHeader: Bool) throws(DatasetError) -> CSVTable {
        guard bytes.count < Int(Int32.max) else { throw .unreadable(path: file, reason: .tooLarge) }
        return try CSVTable(file: file, sheet: sheet, headerLine: headerLine, columnOffset: columnOffset, header: header,
                            lines: lines, bytes: Data(bytes), bounds: bounds, numbers: typed ? numbers : [],
                            uniqueHeader: uniqueHeader)
    }
}
