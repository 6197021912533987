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
        func blank(_ v: CellValue?) -> Bool {
            switch v {
            case nil: true
            case let .text(s)?, let .error(s)?, let .date(s)?: s.allSatisfy { $0 == " " || $0 == "\t" }
            default: false
            }
        }
        // Rows and the span of each in the cell arrays.
        var spans: [Int: Range<Int>] = [:]
        var start = 0
        for k in values.indices where k + 1 == values.count || rowNumbers[k + 1] != rowNumbers[k] {
            spans[Int(rowNumbers[k])] = start..<(k + 1)
            start = k + 1
        }
        // Merged ranges by row (their area is bounded: a range over the whole sheet is refused), each
        // row's sorted by first column; ranges that overlap are refused (Excel refuses them too), so
        // a cell lies in at most one and is found by binary search.
        var mergesByRow: [Int: [Int]] = [:]
        var area = 0
        for (m, range) in merged.enumerated() where !blank(value(row: range.rows.lowerBound, column: range.columns.lowerBound)) {
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
        func filled(_ r: Int, _ c: Int) -> CellValue? {
            if let m = mergeAt(r, c) {
                return value(row: merged[m].rows.lowerBound, column: merged[m].columns.lowerBound)
            }
            guard let span = spans[r] else { return nil }
            let i = index(row: r, column: c)
            return span.contains(i) && Int(columnNumbers[i]) == c ? values[i] : nil
        }
        // Row `r` over `columns`, as `filled` gives each cell: its own cells walked once (they are in
        // column order), then each merged range that crosses the row with its top-left value.
        func row(_ r: Int, _ columns: ClosedRange<Int>) -> [CellValue?] {
            var cells = [CellValue?](repeating: nil, count: columns.count)
            for k in spans[r] ?? 0..<0 where columns.contains(Int(columnNumbers[k])) {
                cells[Int(columnNumbers[k]) - columns.lowerBound] = values[k]
            }
            for m in mergesByRow[r] ?? [] {
                let range = merged[m]
                let lo = Swift.max(range.columns.lowerBound, columns.lowerBound), hi = Swift.min(range.columns.upperBound, columns.upperBound)
                guard lo <= hi else { continue }
                let top = value(row: range.rows.lowerBound, column: range.columns.lowerBound)
                for c in lo...hi { cells[c - columns.lowerBound] = top }
            }
            return cells
        }
        func ownValues(_ r: Int) -> Bool {
            spans[r].map { $0.contains { !blank(values[$0]) } } ?? false
        }
        let rows = Set(spans.keys).union(mergesByRow.keys).sorted()
        guard let first = rows.first(where: ownValues) else { throw .empty(file: "\(file)[\(sheet)]") }
        let grouped = (mergesByRow[first] ?? []).contains { merged[$0].columns.count > 1 }
        let headerRow = grouped && ownValues(first + 1) ? first + 1 : first
        // The header's columns: its own cells and the merged ranges that reach it.
        var columns = Set(spans[headerRow].map { $0.map { Int(columnNumbers[$0]) } } ?? [])
        for m in mergesByRow[headerRow] ?? [] { columns.formUnion(merged[m].columns) }
        let used = columns.filter { !blank(filled(headerRow, $0)) }
        guard let lo = used.min(), let hi = used.max() else { throw .empty(file: "\(file)[\(sheet)]") }
        let header = row(headerRow, lo...hi).map { $0?.text ?? "" }
        let range = "\(SourcePosition.columnLetters(lo))–\(SourcePosition.columnLetters(hi))"
        var table: [(line: Int, fields: [String], numbers: [Double?]?)] = []
        var cellCount = 0
        // The table's text, a text repeated down a column (a shared string, a merged cell) counted
        // once as the table stores it once: at most `textBudget` bytes.
        var textBytes = 0
        var lastText = [String](repeating: "", count: hi - lo + 1)
        for r in rows where r > headerRow {
            if let span = spans[r], let k = span.first(where: { (Int(columnNumbers[$0]) < lo || Int(columnNumbers[$0]) > hi) && !blank(values[$0]) }) {
                throw .workbook(position(row: r, column: Int(columnNumbers[k])), problem: .valueOutsideTable(range: range))
            }
            let cells = row(r, lo...hi)
            guard cells.contains(where: { !blank($0) }) else { continue }
            cellCount += cells.count
            guard cellCount <= limit else {
                throw .workbook(SourcePosition(file: file, sheet: sheet), problem: .tableTooLarge(limit: limit))
            }
            let numbers = cells.map { $0?.number }
            let texts = cells.map { $0?.text ?? "" }
            for (j, text) in texts.enumerated() {
                let n = text.utf8.count
                if n >= CSVTable.sharedTextLength, text == lastText[j] { continue }
                textBytes += n
                if n >= CSVTable.sharedTextLength { lastText[j] = text }
            }
            guard textBytes <= textBudget else {
                throw .workbook(SourcePosition(file: file, sheet: sheet), problem: .damaged(.tableTextTooLarge(bytes: Int64(textBudget))))
            }
            table.append((r, texts, numbers.contains { $0 != nil } ? numbers : nil))
        }
        return try CSVTable(file: file, sheet: sheet, headerLine: headerRow, columnOffset: lo - 1, header: header,
                            rows: table, uniqueHeader: uniqueHeader)
    }
}
