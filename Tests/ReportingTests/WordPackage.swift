import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation

/// A `.docx` opened as Word would: unzipped with ZIPFoundation, each part parsed with Foundation's
/// `XMLParser` (a part that does not parse fails the test that reads it).
struct WordPackage {
    let archive: Archive

    init(_ data: Data) throws { archive = try Archive(data: data, accessMode: .read) }

    /// The names of the parts.
    var paths: [String] { archive.map(\.path) }

    /// A part parsed as XML.
    func xml(_ path: String) throws -> PartNode {
        let entry = try #require(archive[path], "\(path) is missing")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return try PartNode.parse(data, name: path)
    }
}

/// An element of a parsed XML part: its qualified name (`w:p`), attributes (`w:val`), children and text.
final class PartNode {
    let name: String
    let attributes: [String: String]
    private(set) var children: [PartNode] = []
    fileprivate(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Parses a document; throws the parser's error with the part's name.
    static func parse(_ data: Data, name: String) throws -> PartNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLPartError(part: name, reason: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    /// Every element named `name` below this one, in document order.
    func all(_ name: String) -> [PartNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    /// The first element named `name` below this one.
    func first(_ name: String) -> PartNode? { all(name).first }

    /// The children named `name`.
    func children(_ name: String) -> [PartNode] { children.filter { $0.name == name } }

    /// The `w:val` attribute.
    var val: String? { attributes["w:val"] }

    /// A paragraph's or cell's text: its `w:t` texts in order, a `w:br` as a line feed.
    var wordText: String {
        children.map { child in
            switch child.name {
            case "w:t": child.text
            case "w:br": "\n"
            default: child.wordText
            }
        }.joined()
    }

    /// A paragraph's style id.
    var paragraphStyle: String? { first("w:pPr")?.first("w:pStyle")?.val }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: PartNode?
        var stack: [PartNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = PartNode(name: elementName, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// A part that is not well-formed XML.
struct XMLPartError: Error, CustomStringConvertible {
    var part: String
    var reason: String
    var description: String { "\(part): \(reason)" }
}
