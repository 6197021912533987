/// The value of one workbook cell, typed as the workbook stores and shows it.
public enum CellValue: Sendable, Equatable {
    /// Text (a shared or inline string, or a formula's text result).
    case text(String)
    /// A number (a time-only format keeps its number too).
    case number(Double)
    /// A number formatted as a percentage, as stored: 0.455 is shown as 45.5 %.
    case percent(Double)
    /// A date-formatted number, as the date it shows: `yyyy-mm-dd`.
    case date(String)
    /// `TRUE` or `FALSE`.
    case bool(Bool)
    /// An error value (`#N/A`, `#DIV/0!`), as its text.
    case error(String)

    /// The cell as a table shows it: text as is, numbers in their shortest decimal form (`2023`,
    /// `0.455`), percentages as shown (`45.5%`), dates as `yyyy-mm-dd`, `TRUE`/`FALSE`, `#N/A`.
    public var text: String {
        switch self {
        case let .text(s), let .date(s), let .error(s): s
        case let .number(x): CellText.decimal(x)
        case let .percent(x): CellText.decimal(x, shiftedBy: 2) + "%"
        case let .bool(b): b ? "TRUE" : "FALSE"
        }
    }

    /// The number a table takes from the cell: a number, or a percentage as shown (0.455 → 45.5);
    /// nil for text, dates, booleans and errors.
    public var number: Double? {
        switch self {
        case let .number(x): x
        case let .percent(x): Double(CellText.decimal(x, shiftedBy: 2)) ?? x * 100
        default: nil
        }
    }
}

/// A rectangle of cells, 1-based and inclusive (`A1:A2` is rows 1–2 of column 1).
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    /// The first and last row.
    public var rows: ClosedRange<Int>
    /// The first and last column.
    public var columns: ClosedRange<Int>

    /// A range.
    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.rows = rows
        self.columns = columns
    }

    /// As Excel writes it: `A1:C2`.
    public var description: String {
        "\(SourcePosition.columnLetters(columns.lowerBound))\(rows.lowerBound):\(SourcePosition.columnLetters(columns.upperBound))\(rows.upperBound)"
    }

    /// Whether the cell at `row`, `column` lies in the range.
    public func contains(row: Int, column: Int) -> Bool {
        rows.contains(row) && columns.contains(column)
    }
}

/// How a cell's value is stored in ``SheetCells``: a text (by number) or a number (by its bits).
enum CellKind: UInt8, Sendable {
    /// Text: the payload is a text number (see ``SheetCells``).
    case text
    /// An error value's text, by number.
    case error
    /// A date's text (`yyyy-mm-dd`), by number.
    case date
    /// A number: the payload is its bits.
    case number
    /// A percent-formatted number, by its bits.
    case percent
    /// A boolean: 1 or 0.
    case bool
}

/// The cells of one sheet: a sparse grid of typed values in row order (columns ascending within a
/// row; empty cells are not kept) and the sheet's merged ranges.
///
/// Read any sheet of a workbook with ``Workbook/cells(sheet:)``; ``table(uniqueHeader:)`` makes
/// the sheet a ``CSVTable``. ``value(row:column:)`` gives a cell as written; ``filled(row:column:)``
/// gives a merged range's value in every cell of the range, as Excel shows it.
///
/// A cell takes 15 bytes (its row, column, kind, and a number or the number of its text); each
/// distinct text of the sheet is held once, and a shared string is the workbook's own copy.
public struct SheetCells: Sendable, RandomAccessCollection {
    /// One non-empty cell.
    public struct Cell: Sendable, Equatable {
        /// The 1-based sheet row and column.
        public var row: Int, column: Int
        /// The value.
        public var value: CellValue
    }

    /// The workbook's file name used in messages.
    public let file: String
    /// The sheet's name.
    public let sheet: String
    /// The merged ranges, as the sheet lists them.
    public let merged: [CellRange]
    let rowNumbers: [Int32]
    let columnNumbers: [Int16]
    let kinds: [CellKind]
    /// A number's bits, a boolean's 0 or 1, or a text's number: below `shared.count` a shared
    /// string, else text `k - shared.count` of `texts`.
    let payloads: [UInt64]
    let shared: TextPool
    let texts: TextPool
    /// The most text ``table(uniqueHeader:)`` may hold, in bytes (a multiple of the declared sizes
    /// of the parts the cells came from; see ``Workbook``).
    var textBudget = Int.max

    init(file: String, sheet: String, merged: [CellRange], rowNumbers: [Int32], columnNumbers: [Int16],
         kinds: [CellKind], payloads: [UInt64], shared: TextPool, texts: TextPool) {
        self.file = file
        self.sheet = sheet
        self.merged = merged
        self.rowNumbers = rowNumbers
        self.columnNumbers = columnNumbers
        self.kinds = kinds
        self.payloads = payloads
        self.shared = shared
        self.texts = texts
    }

    /// The first cell's index (0).
    public var startIndex: Int { 0 }
    /// The number of cells.
    public var endIndex: Int { kinds.count }
    /// The cell at `index` (row order).
    public subscript(index: Int) -> Cell {
        Cell(row: Int(rowNumbers[index]), column: Int(columnNumbers[index]), value: value(at: index))
    }

    /// Calls `body` with the bytes of text number `k`.
    @inline(__always) func withText<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        k < shared.count ? try shared.withText(k, body) : try texts.withText(k - shared.count, body)
    }

    /// The value of the cell at `index`.
    func value(at index: Int) -> CellValue {
        let payload = payloads[index]
        func text() -> String { withText(Int(payload)) { String(decoding: $0, as: UTF8.self) } }
        switch kinds[index] {
        case .text: return .text(text())
        case .error: return .error(text())
        case .date: return .date(text())
        case .number: return .number(Double(bitPattern: payload))
        case .percent: return .percent(Double(bitPattern: payload))
        case .bool: return .bool(payload != 0)
        }
    }

    /// Where a cell is: `book.xlsx[Sheet1]!C7`.
    public func position(row: Int, column: Int) -> SourcePosition {
        SourcePosition(file: file, line: row, column: column, sheet: sheet)
    }

    /// The index of the first cell at or after (`row`, `column`) in row order.
    func index(row: Int, column: Int) -> Int {
        var lo = 0, hi = kinds.count
        let key = Int64(row) << 16 | Int64(column)
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int64(rowNumbers[mid]) << 16 | Int64(columnNumbers[mid]) < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The index of the cell at `row`, `column` (nil when empty).
    func cellIndex(row: Int, column: Int) -> Int? {
        let i = index(row: row, column: column)
        guard i < kinds.count, Int(rowNumbers[i]) == row, Int(columnNumbers[i]) == column else { return nil }
        return i
    }

    /// The cell at `row`, `column` as written (nil when empty; a merged range's value is only in its
    /// top-left cell).
    public func value(row: Int, column: Int) -> CellValue? {
        cellIndex(row: row, column: column).map(value(at:))
    }

    /// The cell at `row`, `column` as Excel shows it: inside a merged range, the range's top-left value.
    public func filled(row: Int, column: Int) -> CellValue? {
        if let range = merged.first(where: { $0.contains(row: row, column: column) }) {
            return value(row: range.rows.lowerBound, column: range.columns.lowerBound)
        }
        return value(row: row, column: column)
    }
}
