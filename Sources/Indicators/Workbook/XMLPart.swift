import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A SAX reader of one part of a workbook: element names and attributes by their local names (the
/// prefix a writer chose, `x:c` or `c`, is dropped), text as it comes, and the first error kept.
///
/// Subclasses override ``start(_:_:)``, ``end(_:)`` and ``text(_:)``; ``fail(_:)`` stops the parse.
class XMLPartReader: NSObject, XMLParserDelegate {
    /// The first problem found; the parse stops there.
    private(set) var failure: DatasetError?
    /// Whether ``failure`` is set: the callbacks test this flag at every element (testing the
    /// optional error would copy it each time).
    private var failed = false
    /// How deep the parse is (0 outside the root), and whether the root element was closed.
    private(set) var depth = 0
    private(set) var closedRoot = false
    /// The parser while ``parse(_:part:file:)`` runs (held strongly and let go when it returns: a
    /// weak reference would give the parser a side table, and make each of the retains and releases
    /// it does at every element the slow kind).
    private var parser: XMLParser?

    func start(_ name: Substring, _ attributes: [String: String]) {}
    func end(_ name: Substring) {}
    func text(_ string: String) {}

    /// Keeps the first error and stops the parse.
    final func fail(_ error: DatasetError) {
        if !failed { failure = error; failed = true }
        parser?.abortParsing()
    }

    /// The value of the attribute whose local name is `local` (`id` finds `r:id`).
    static func attribute(_ attributes: [String: String], _ local: String) -> String? {
        if let v = attributes[local] { return v }
        for (key, value) in attributes where key.hasSuffix(local) {
            let prefix = key.dropLast(local.count)
            if prefix.last == ":", !prefix.hasPrefix("xmlns") { return value }
        }
        return nil
    }

    static func local(_ name: String) -> Substring {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return Substring(name) }
        return name[name.utf8.index(after: colon)...]
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String]) {
        guard !failed else { return }
        depth += 1
        start(Self.local(elementName), attributeDict)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard !failed else { return }
        depth -= 1
        if depth == 0 { closedRoot = true }
        end(Self.local(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !failed else { return }
        text(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !failed else { return }
        text(String(decoding: CDATABlock, as: UTF8.self))
    }

    /// Parses a part as it unpacks (libxml2 pulls it from `stream` in chunks) with this reader.
    ///
    /// - Throws: the reader's own error, the stream's (a part past its limits, not UTF-8, declaring a
    ///   DTD), or ``DatasetError/workbook(_:problem:)`` naming `part` for XML that is not well-formed
    ///   or ends before its root element is closed.
    final func parse(_ stream: PartStream, part: String, file: String) throws(DatasetError) {
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        self.parser = parser
        let ok = parser.parse()
        self.parser = nil
        if let failure { throw failure }
        if let failure = stream.failure { throw failure }
        let where_ = SourcePosition(file: file)
        guard ok else {
            let code = (parser.parserError as NSError?).map(\.code)
            throw .workbook(where_, problem: .damaged(.notWellFormed(part, line: parser.lineNumber, code: code)))
        }
        guard closedRoot else {
            throw .workbook(where_, problem: .damaged(.unclosed(part)))
        }
    }
}
