import Foundation

/// Problems with input files, each with a one-line description that starts with the position.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist.
    case fileNotFound(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: Unreadable)
    /// The file is not UTF-8 text.
    case notUTF8(path: String)
    /// The file has no header row.
    case empty(file: String)
    /// The header names the same column twice.
    case duplicateColumn(SourcePosition, name: String)
    /// A record with a different number of fields from the header.
    case raggedRow(SourcePosition, found: Int, expected: Int)
    /// A quoted field that is not closed, or text after a closing quote.
    case malformedQuote(SourcePosition)
    /// A column name that is not in the header.
    case unknownColumn(file: String, name: String, available: [String])
    /// An empty cell where a value is required.
    case emptyCell(SourcePosition, column: String)
    /// A cell that is not a number.
    case notANumber(SourcePosition, text: String, column: String)
    /// A cell that does not parse in the chosen number format, or does not fit (the problem says why).
    case badNumber(SourcePosition, column: String, problem: DataProblem)
    /// A cell holding NaN or an infinity, or a number too large for a double.
    case nonFinite(SourcePosition, text: String, column: String)
    /// A cell that must be a positive number (a weight) and is not.
    case notPositive(SourcePosition, text: String, column: String)
    /// A required column is missing from the header.
    case missingColumn(file: String, name: String)
    /// The dataset has error findings: the first is given, and how many there are to fix (errors
    /// that follow from another, ``Finding/cause``, are not counted).
    case invalid(first: Finding, errors: Int)
    /// The file has a header but no data rows.
    case noRows(file: String)
    /// A table whose layout cannot be read: columns that cannot be told, a series or period given
    /// twice, or a choice among several series that matches none or many (the problem says which).
    case badLayout(SourcePosition, problem: DataProblem)
    /// A workbook that cannot be read as asked: where (the file, and the sheet and cell where there
    /// is one, `book.xlsx[Sheet1]!H9`) and what is wrong (a damaged or oversized part, a cell
    /// reference past XFD1048576, a value outside the table's columns, an unknown sheet).
    case workbook(SourcePosition, problem: DataProblem)

    /// A one-line description, starting with the position.
    public var description: String {
        switch self {
        case let .fileNotFound(path):
            "\(path): no such file"
        case let .unreadable(path, reason):
            "\(path): cannot be read (\(reason))"
        case let .notUTF8(path):
            "\(path): not UTF-8 text (save it as CSV UTF-8)"
        case let .empty(file):
            "\(file): empty file (a header row is required)"
        case let .duplicateColumn(position, name):
            "\(position): column \"\(name)\" appears twice in the header"
        case let .raggedRow(position, found, expected):
            "\(position): \(found) field\(found == 1 ? "" : "s") but the header has \(expected)"
        case let .malformedQuote(position):
            "\(position): malformed quoted field (a quote is not closed, or text follows a closing quote)"
        case let .unknownColumn(file, name, available):
            "\(file): no column \"\(name)\" (columns: \(available.joined(separator: ", ")))"
        case let .emptyCell(position, column):
            "\(position): empty cell in column \"\(column)\""
        case let .notANumber(position, text, column):
            "\(position): \"\(text)\" in column \"\(column)\" is not a number"
        case let .badNumber(position, column, problem):
            "\(position): \(problem) (column \"\(column)\")"
        case let .nonFinite(position, text, column):
            "\(position): \"\(text)\" in column \"\(column)\" is not a finite number"
        case let .notPositive(position, text, column):
            "\(position): \"\(text)\" in column \"\(column)\" must be a positive number"
        case let .missingColumn(file, name):
            "\(file):1: missing required column \"\(name)\""
        case let .invalid(first, errors):
            errors == 1 ? first.description : "\(first) (and \(errors - 1) more error\(errors == 2 ? "" : "s"))"
        case let .noRows(file):
            "\(file): no data rows after the header"
        case let .badLayout(position, problem), let .workbook(position, problem):
            "\(position): \(problem)"
        }
    }

    /// Why a file that exists could not be read.
    public enum Unreadable: Sendable, Equatable, CustomStringConvertible {
        /// It could not be opened.
        case cannotOpen
        /// The system refused (no permission to read it).
        case permissionDenied
        /// It is a folder.
        case isDirectory
        /// It holds more than 2 GiB of text.
        case tooLarge
        /// It starts with a UTF-16 byte-order mark but is not UTF-16 text.
        case notUTF16
        /// It starts with a UTF-32 byte-order mark but is not UTF-32 text.
        case notUTF32
        /// It starts with two byte-order marks (a file saved twice with one): the first column's
        /// name would begin with an invisible character.
        case repeatedByteOrderMark
        /// zlib could not start inflating a part.
        case zlib
        /// Another failure, in the system's words.
        case system(String)

        /// The reason for `error` thrown by Foundation while reading: no permission, or the system's words.
        public static func from(_ error: any Error) -> Unreadable {
            if let cocoa = error as? CocoaError, cocoa.code == .fileReadNoPermission { return .permissionDenied }
            return .system(error.localizedDescription)
        }

        /// The reason in English.
        public var description: String {
            switch self {
            case .cannotOpen: "cannot be opened"
            case .permissionDenied: "permission denied"
            case .isDirectory: "it is a directory"
            case .tooLarge: "larger than 2 GiB"
            case .notUTF16: "not valid UTF-16 text"
            case .notUTF32: "not valid UTF-32 text"
            case .repeatedByteOrderMark: "it starts with two byte-order marks (U+FEFF); save it again as UTF-8"
            case .zlib: "zlib could not start"
            case let .system(reason): reason
            }
        }
    }
}
