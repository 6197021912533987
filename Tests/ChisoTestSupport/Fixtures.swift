import Foundation

/// Errors from reading test fixtures.
public struct FixtureError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// An error with the given message.
    public init(_ description: String) { self.description = description }
}

/// Reads a plain numeric CSV fixture (header line, then rows of numbers).
///
/// - Returns: the header names and the columns, keyed by name.
public func loadNumericCSV(_ url: URL) throws -> (header: [String], columns: [String: [Double]]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    guard !lines.isEmpty else { throw FixtureError("\(url.lastPathComponent) is empty") }
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    var columns = [String: [Double]]()
    for (number, line) in lines.enumerated() {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        guard cells.count == header.count else {
            throw FixtureError("\(url.lastPathComponent):\(number + 2): \(cells.count) cells, expected \(header.count)")
        }
        for (name, cell) in zip(header, cells) {
            guard let v = Double(cell) else {
                throw FixtureError("\(url.lastPathComponent):\(number + 2): \(cell) is not a number")
            }
            columns[name, default: []].append(v)
        }
    }
    return (header, columns)
}
