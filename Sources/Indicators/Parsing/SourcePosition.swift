/// A place in an input file: 1-based line, and 1-based CSV field (column) where there is one.
///
/// Columns count CSV *fields*, not characters: `observations.csv:12:4` is the fourth field of the
/// record that starts on line 12. Printed as `file:line:column` (or `file:line`, or `file`).
public struct SourcePosition: Sendable, Equatable, CustomStringConvertible {
    /// The file name as the user gave it.
    public var file: String
    /// The 1-based line where the record starts, if any.
    public var line: Int?
    /// The 1-based field number, if any.
    public var column: Int?

    /// A position.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}
