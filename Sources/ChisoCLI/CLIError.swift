/// Errors raised by the command-line layer itself: one line each, exit status 1.
enum CLIError: Error, CustomStringConvertible {
    /// A column named twice where each must be distinct.
    case repeatedColumn(option: String, name: String)
    /// The response is also listed as a predictor (or as the weights).
    case responseReused(name: String, option: String)
    /// An id that the dataset does not define.
    case unknownId(kind: String, id: String, file: String)
    /// A name that fits several ids.
    case ambiguousName(kind: String, text: String, ids: [String])
    /// An option value that cannot be used.
    case badOption(option: String, text: String)
    /// An error from the library about a whole file.
    case inFile(String, String)
    /// Standard output could not be written (the system's reason).
    case output(String)

    var description: String {
        switch self {
        case let .repeatedColumn(option, name):
            "\(option) lists column \"\(name)\" more than once"
        case let .responseReused(name, option):
            "the response \"\(name)\" is also given in \(option)"
        case let .unknownId(kind, id, file):
            "\(file): no \(kind) with the id, name or alias \"\(id)\" (chiso data list \(kind == "entity" ? "entities" : kind + "s") shows them)"
        case let .ambiguousName(kind, text, ids):
            "\"\(text)\" names \(ids.count) \(kind == "entity" ? "entities" : kind + "s"): \(ids.joined(separator: ", ")); give the id"
        case let .badOption(option, text):
            text.hasPrefix("is ") || text.hasPrefix("needs ") ? "\(option) \(text)" : "\(option): \"\(text)\" is not a valid value"
        case let .inFile(file, error):
            "\(file): \(error)"
        case let .output(reason):
            "standard output: cannot be written (\(reason))"
        }
    }
}
