/// A place in an input file: 1-based line, and 1-based CSV field (column) where there is one; in a
/// workbook, the sheet, its 1-based row (`line`) and column.
///
/// Columns count CSV *fields*, not characters: `observations.csv:12:4` is the fourth field of the
/// record that starts on line 12. Printed as `file:line:column` (or `file:line`, or `file`); a
/// workbook cell as Excel names it, `file[Sheet]!C7` (a whole row `file[Sheet]!7:7`).
public struct SourcePosition: Sendable, Equatable, CustomStringConvertible {
    /// The file name as the user gave it.
    public var file: String
    /// The 1-based line where the record starts, if any.
    public var line: Int?
    /// The 1-based field number, if any.
    public var column: Int?
    /// The workbook sheet, for a cell of a workbook.
    public var sheet: String?

    /// A position.
    public init(file: String, line: Int? = nil, column: Int? = nil, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.sheet = sheet
    }

    /// Excel's letters for a 1-based column number: 1 → A, 27 → AA, 16384 → XFD.
    public static func columnLetters(_ column: Int) -> String {
        var n = max(column, 1), letters: [UInt8] = []
        while n > 0 {
            letters.append(UInt8(65 + (n - 1) % 26))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        if let sheet {
            let place = "\(file)[\(sheet)]"
            guard let line else { return place }
            guard let column else { return "\(place)!\(line):\(line)" }
            return "\(place)!\(Self.columnLetters(column))\(line)"
        }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}
