import ArgumentParser
import Chiso
import Foundation

/// Errors raised by the command-line layer itself: one line each, exit status 1, in Vietnamese or
/// English (``phrase``; ``description`` is the English).
enum CLIError: Error, CustomStringConvertible {
    /// What an id names.
    enum Kind: Sendable {
        case entity, indicator

        /// The `chiso data list` argument that lists them.
        var listName: String { self == .entity ? "entities" : "indicators" }
    }

    /// A column named twice where each must be distinct.
    case repeatedColumn(option: String, name: String)
    /// The response is also listed as a predictor (or as the weights).
    case responseReused(name: String, option: String)
    /// An id that the dataset does not define.
    case unknownId(kind: Kind, id: String, file: String)
    /// A name that fits several ids.
    case ambiguousName(kind: Kind, text: String, ids: [String])
    /// An option value that cannot be used.
    case badValue(option: String, text: String)
    /// An option that needs another one, followed by a file (`needs`: `--output`).
    case needsFile(option: String, needs: String)
    /// An option required when no file is given.
    case requiredWithoutFile(option: String)
    /// `--target` and `--target-year` go together.
    case targetNeedsBoth(option: String)
    /// An empty name in a comma-separated list of columns (1-based position).
    case emptyName(option: String, position: Int)
    /// An error from the library about a file (worded by Reporting's `Words`).
    case inFile(String, any Error)
    /// A dataset folder not written because of errors (the findings were printed above).
    case notWritten(path: String, errors: Int)
    /// A value too large to square, at its cell.
    case tooLarge(position: SourcePosition, value: Double, column: String)
    /// A peers file whose horizon is not a whole number.
    case horizonNotWhole(place: String, text: String)
    /// Standard output could not be written (the system's error number).
    case output(errno: Int32)
    /// A number given to an option that does not read, or reads two ways.
    case badNumber(option: String, NumberParseError)
    /// A target no value within the indicator's bounds can reach or miss.
    case targetOutsideBounds(value: Double, lower: Double?, upper: Double?)
    /// A `--targets` file with errors: the library's error, and the command that lists them all.
    case invalidTargets(DatasetError, path: String, data: String?)

    /// The message in both languages.
    var phrase: Phrase {
        switch self {
        case let .repeatedColumn(option, name):
            return Phrase(vi: "\(option) liệt kê cột \"\(name)\" nhiều lần", en: "\(option) lists column \"\(name)\" more than once")
        case let .responseReused(name, option):
            return Phrase(vi: "biến phụ thuộc \"\(name)\" cũng có trong \(option)", en: "the response \"\(name)\" is also given in \(option)")
        case let .unknownId(kind, id, file):
            return Phrase(vi: "\(file): không có \(kind == .entity ? "đơn vị" : "chỉ tiêu") nào có mã, tên hoặc tên gọi khác là \"\(id)\" (chiso data list \(kind.listName) liệt kê các \(kind == .entity ? "đơn vị" : "chỉ tiêu"))",
                          en: "\(file): no \(kind == .entity ? "entity" : "indicator") with the id, name or alias \"\(id)\" (chiso data list \(kind.listName) shows them)")
        case let .ambiguousName(kind, text, ids):
            return Phrase(vi: "\"\(text)\" ứng với \(ids.count) \(kind == .entity ? "đơn vị" : "chỉ tiêu"): \(ids.joined(separator: ", ")); hãy ghi mã",
                          en: "\"\(text)\" names \(ids.count) \(kind.listName): \(ids.joined(separator: ", ")); give the id")
        case let .badValue(option, text):
            return Phrase(vi: "\(option): \"\(text)\" không phải là giá trị hợp lệ", en: "\(option): \"\(text)\" is not a valid value")
        case let .needsFile(option, needs):
            return Phrase(vi: "\(option) cần có \(needs) TỆP", en: "\(option) needs \(needs) FILE")
        case let .requiredWithoutFile(option):
            return Phrase(vi: "\(option) là bắt buộc khi không có tệp", en: "\(option) is required without a file")
        case let .targetNeedsBoth(option):
            return Phrase(vi: "\(option) cần có cả --target và --target-year", en: "\(option) needs both --target and --target-year")
        case let .emptyName(option, position):
            return Phrase(vi: "\(option) có tên để trống ở vị trí \(position)", en: "\(option) has an empty name at position \(position)")
        case let .inFile(file, error):
            let p = ErrorText.phrase(error)
            return Phrase(vi: "\(file): \(p.vi)", en: "\(file): \(p.en)")
        case let .notWritten(path, errors):
            return Phrase(vi: "\(path): không ghi: có \(errors) lỗi ở trên", en: "\(path): not written: \(errors) error\(errors == 1 ? "" : "s") above")
        case let .tooLarge(position, value, column):
            return Phrase(vi: "\(position): \(Words.number(value)) ở cột \"\(column)\" vượt quá ±1e150, ngưỡng mà tổng bình phương bị tràn số; hãy đổi đơn vị (ví dụ sang nghìn hoặc triệu)",
                          en: "\(position): \(value) in column \"\(column)\" is beyond ±1e150, where sums of squares overflow; rescale it (for example to thousands or millions)")
        case let .horizonNotWhole(place, text):
            return Phrase(vi: "\(place): h \"\(text)\" không phải là số nguyên", en: "\(place): h \"\(text)\" is not a whole number")
        case let .badNumber(option, error):
            let p = Words.error(error)
            return Phrase(vi: "\(option): \(p.vi)", en: "\(option): \(p.en)")
        case let .targetOutsideBounds(value, lower, upper):
            func bounds(_ l: Language) -> String {
                "\(lower.map { NumberText.plain($0, decimals: $0 == $0.rounded() ? 0 : 2, l) } ?? "−∞")–\(upper.map { NumberText.plain($0, decimals: $0 == $0.rounded() ? 0 : 2, l) } ?? "∞")"
            }
            return Phrase(vi: "--target: \(Words.number(value)) nằm ngoài giới hạn \(bounds(.vi)) của chỉ tiêu; không giá trị nào của chỉ tiêu có thể đạt đúng mục tiêu này",
                          en: "--target: \(value.clean) is outside the indicator's bounds \(bounds(.en)); no value of the indicator can meet it as stated")
        case let .invalidTargets(error, path, data):
            let words = Words.error(error)
            guard case let .invalid(_, errors) = error, errors > 1 else { return words }
            let command = "chiso data validate" + (data.map { " --data \(CLIError.shellWord($0))" } ?? "") + " --targets \(CLIError.shellWord(path))"
            return Phrase(vi: words.vi + "; chạy \(command) để xem tất cả", en: words.en + "; run \(command) to see them all")
        case let .output(code):
            let reason = Words.system(code)
            return Phrase(vi: "đầu ra chuẩn: không ghi được (\(reason.vi))", en: "standard output: cannot be written (\(reason.en))")
        }
    }

    /// The message in English.
    var description: String { phrase.en }

    /// A `--targets` file's error: ``invalidTargets(_:path:data:)`` when the file has errors (its
    /// message names the command that lists them all), else the error as it is.
    static func targetsError(_ error: DatasetError, path: String, data: String?) -> any Error {
        if case .invalid = error { return CLIError.invalidTargets(error, path: path, data: data) }
        return error
    }

    /// `text` as one word a shell reads back as it is: unchanged when it holds only letters, digits
    /// and `-_./,:+@%`, else in single quotes.
    static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || CharacterSet.decimalDigits.contains($0) || "-_./,:+@%".unicodeScalars.contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Errors in words, with the command-line hints a library's message leaves out (which flag chooses
/// a number convention, which command lists every finding).
enum ErrorText {
    /// The one-line message of `error` in both languages: the command line's own errors, the
    /// libraries' typed errors through Reporting's `Words`, and anything else as it describes itself.
    static func phrase(_ error: any Error) -> Phrase {
        if let e = error as? CLIError { return e.phrase }
        if let e = error as? NotebookError { return e.phrase }
        guard let words = Words.error(error) else {
            let text = String(describing: error)
            return Phrase(vi: text, en: text)
        }
        guard let hint = hint(error) else { return words }
        return Phrase(vi: words.vi + hint.vi, en: words.en + hint.en)
    }

    /// The hint that follows a library's message, if any.
    static func hint(_ error: any Error) -> Phrase? {
        if let error = error as? WriteError {
            switch error {
            case .exists, .existingWork(_, _, false): return Phrase(vi: "; --force để thay thế", en: "; --force replaces it")
            default: return nil
            }
        }
        guard let error = error as? DatasetError else { return nil }
        switch error {
        case let .badNumber(_, _, problem):
            let ambiguous: Bool
            switch problem {
            case .ambiguousColumn: ambiguous = true
            case let .number(e): if case .ambiguous = e.reason { ambiguous = true } else { ambiguous = false }
            default: ambiguous = false
            }
            return ambiguous ? Phrase(vi: "; hãy chọn cách viết số bằng --number-format vi hoặc --number-format en",
                                      en: "; pass --number-format vi or en") : nil
        case let .invalid(_, errors) where errors > 1:
            return Phrase(vi: "; chạy chiso data validate để xem tất cả", en: "; run chiso data validate to see them all")
        default:
            return nil
        }
    }
}

/// A number given on the command line (`--target 80,5`, `--target -1`), read by the same reader as
/// a table's cells: either convention, and a number that reads two ways (`1.000`) refused with both
/// readings rather than guessed.
struct CLINumber: ExpressibleByArgument {
    /// The text as given.
    var text: String

    init?(argument: String) { text = argument }

    /// The number, or ``CLIError/badNumber(option:_:)`` naming `option`.
    func value(_ option: String) throws -> Double {
        do { return try NumberFormat.auto.parse(text) } catch { throw CLIError.badNumber(option: option, error) }
    }
}
