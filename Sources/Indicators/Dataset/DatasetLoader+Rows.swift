import Foundation

/// The row readers' shared parts: lookups, fields with their cells, and what left-out definitions
/// cause.
extension DatasetLoader {
    /// Lookup tables shared by the row readers.
    struct Context {
        var sources: Set<String>
        var indicators: [String: Indicator]
        /// The indicators in file order.
        var indicatorList: [Indicator]
        var entityIds: Set<String>
        /// Normalised alias → the entities it names (in file order; more than one is a clash).
        var aliases: [String: [String]]
        /// Normalised name → the entity whose own name (Vietnamese or English) it is: a row may name an
        /// entity so without a warning, as a planner writes "Đắk Mil" for the district Đắk Mil.
        var ownNames: [String: String] = [:]
        /// Entity → its parent.
        var parents: [String: String]
        /// Source → the entity its issuer names, when the issuer's name is an alias of exactly one.
        var issuers: [String: String]
        /// A source title's key (``NameKey``) → the sources of that title.
        var titles: [String: [String]]
        /// Definition rows left out for an error, for the rows that use them.
        var leftOut = LeftOut()
        /// Where the definitions' references (parents, ranks, aliases) are, for the cross checks.
        var cells = DefinitionCells()

        init(sources: [Source], indicators: [Indicator], entities: [Entity]) {
            self.sources = Set(sources.map(\.id))
            var titles: [String: [String]] = [:]
            for s in sources where !NameKey.of(s.title).isEmpty { titles[NameKey.of(s.title), default: []].append(s.id) }
            self.titles = titles
            self.indicators = Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            indicatorList = indicators
            entityIds = Set(entities.map(\.id))
            var aliases: [String: [String]] = [:]
            for e in entities {
                for name in [e.nameVi, e.nameEn] + e.aliases where !name.isEmpty {
                    let key = Self.normalise(name)
                    guard !key.isEmpty, !(aliases[key]?.contains(e.id) ?? false) else { continue }
                    aliases[key, default: []].append(e.id)
                }
            }
            self.aliases = aliases
            for e in entities {
                for key in [e.nameVi, e.nameEn].map(Self.normalise) where !key.isEmpty && ownNames[key] == nil { ownNames[key] = e.id }
            }
            parents = Dictionary(entities.compactMap { e in e.parent.map { (e.id, $0) } }, uniquingKeysWith: { a, _ in a })
            var issuers: [String: String] = [:]
            for s in sources {
                if let named = aliases[Self.normalise(s.issuer)], named.count == 1 { issuers[s.id] = named[0] }
            }
            self.issuers = issuers
        }

        /// The source `text` names: an id, or the title of exactly one source; nil otherwise.
        func source(_ text: String) -> String? {
            if sources.contains(text) { return text }
            let ids = titles[NameKey.of(text)] ?? []
            return ids.count == 1 ? ids[0] : nil
        }

        /// Whether `ancestor` is `id` or one of its parents (bounded, so a parent cycle cannot loop).
        func isWithin(_ id: String, _ ancestor: String) -> Bool {
            var current: String? = id, steps = 0
            while let c = current, steps <= parents.count {
                if c == ancestor { return true }
                current = parents[c]
                steps += 1
            }
            return false
        }

        /// Lowercased, without diacritics, apostrophes, spaces or punctuation: "K'rông Nô" → "krongno"
        /// (``NameKey``, the key of every path).
        static func normalise(_ name: String) -> String { NameKey.of(name) }
    }

    /// Field access with positions for one row.
    struct Row {
        let table: CSVTable
        let index: Int
        let columns: [String: Int]

        func text(_ name: String) -> String {
            guard let j = columns[name] else { return "" }
            return text(at: j)
        }

        /// The field in column `j`, trimmed of spaces.
        func text(at j: Int) -> String {
            let fast: String? = table.withTrimmedBytes(index, j) { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
            return fast ?? table.field(index, j).trimmingCharacters(in: .whitespaces)
        }

        func position(_ name: String? = nil) -> SourcePosition {
            table.position(index, name.flatMap { columns[$0] })
        }

        /// Column `name` as the input heads it: the template's Vietnamese header on a workbook
        /// sheet (`Loại`), the dataset's column name in a folder (`kind`).
        func label(_ name: String) -> String { DatasetLoader.label(name, in: table) }

        /// A plain dot-decimal number, or nil for an empty optional cell; a finding otherwise.
        func number(_ name: String, required: Bool, _ findings: inout [Finding]) -> Double?? {
            number(at: columns[name], name, required: required, &findings)
        }

        /// ``number(_:required:_:)`` for the column at `j` (named `name`).
        func number(at j: Int?, _ name: String, required: Bool, _ findings: inout [Finding]) -> Double?? {
            if let j, let typed = table.number(index, j) { return .some(typed) }
            if let j, let parsed = table.withTrimmedBytes(index, j, { bytes -> Double?? in
                guard let bytes else { return nil }
                if bytes.isEmpty { return required ? nil : .some(nil) }
                guard CSVTable.isPlainDecimal(bytes), let v = Double(String(decoding: bytes, as: UTF8.self)), v.isFinite else { return nil }
                return .some(v)
            }) {
                return parsed
            }
            let t = text(name)
            if t.isEmpty {
                if required { findings.append(Finding(.error, .unparseable, at: position(name), .emptyCell(column: label(name)))) ; return nil }
                return .some(nil)
            }
            guard CSVTable.isPlainDecimal(t), let v = Double(t), v.isFinite else {
                // A sheet or table read in its column's convention (``CSVTable/writtenHeader``) has
                // read every number it holds: this cell is none. A dataset folder takes dot decimals.
                findings.append(Finding(.error, .unparseable, at: position(name), table.writtenHeader.isEmpty
                    ? .notPlainNumber(text: t, column: label(name)) : .notANumberAsWritten(text: t, column: label(name))))
                return nil
            }
            return .some(v)
        }

        /// The value the cell of column `name` names in `choices` (a Vietnamese word or the English
        /// code); nil with a finding otherwise.
        func choice<T>(_ name: String, _ choices: Vocabulary.Choices<T>, _ findings: inout [Finding]) -> T? {
            let t = text(name)
            if let v = choices.value(t) { return v }
            findings.append(Finding(.error, .invalidChoice, at: position(name),
                                    .notOneOf(text: t, column: label(name), allowed: choices.dropDown, codes: choices.codes)))
            return nil
        }
    }

    static func columns(_ table: CSVTable, required: [String]) throws(DatasetError) -> [String: Int] {
        for name in required where !table.header.contains(name) {
            throw .missingColumn(file: table.file, name: name)
        }
        return Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func rows(_ table: CSVTable, required: [String]) throws(DatasetError) -> [Row] {
        let columns = try columns(table, required: required)
        return (0..<table.rowCount).map { Row(table: table, index: $0, columns: columns) }
    }


    /// Column `name` of `table` as the input heads it: on a sheet of the template's form, the
    /// template's header (``DatasetWorkbook/header(of:sheet:)``); otherwise `name`.
    static func label(_ name: String, in table: CSVTable) -> String {
        if let j = table.header.firstIndex(of: name), j < table.writtenHeader.count, !table.writtenHeader[j].isEmpty { return table.writtenHeader[j] }
        return table.sheet.flatMap { DatasetWorkbook.header(of: name, sheet: $0) } ?? name
    }

    /// Definition rows left out for an error, by the texts that name them (id, names, aliases,
    /// title, as written and as ``NameKey``s), each with the cell of the row's first error: the
    /// cause of every later row that uses them.
    struct LeftOut {
        /// By what they define: each naming text, and `U+001F` + its ``NameKey``, → the cell of the error.
        private var cells: [DataProblem.Definition: [String: SourcePosition]] = [:]

        /// Records a definition left out: `texts` name it, the error is at `cause`.
        mutating func add(_ what: DataProblem.Definition, _ texts: [String], cause: SourcePosition?) {
            guard let cause else { return }
            for text in texts where !text.isEmpty {
                cells[what, default: [:]][text] = cells[what]?[text] ?? cause
                let key = NameKey.of(text)
                if !key.isEmpty { cells[what, default: [:]]["\u{1F}" + key] = cells[what]?["\u{1F}" + key] ?? cause }
            }
        }

        /// The cell of the error that left out the definition `text` names, if one was.
        func cause(_ what: DataProblem.Definition, _ text: String) -> SourcePosition? {
            guard let named = cells[what] else { return nil }
            return named[text] ?? named["\u{1F}" + NameKey.of(text)]
        }

        /// The finding for a row that names (`text`) a definition left out, or nil.
        func finding(_ what: DataProblem.Definition, _ text: String, code: Finding.Code, at position: SourcePosition,
                     indicator: String? = nil) -> Finding? {
            cause(what, text).map { Finding(.error, code, at: position, indicator: indicator, .definitionWithError(what, text: text, at: $0), cause: $0) }
        }
    }

    /// Where each definition's references are (an indicator's parent and ranks, an entity's parent
    /// and aliases), with the column's header as the input writes it: the cross checks name these
    /// cells.
    struct DefinitionCells {
        /// A reference: what defines it, its id, and the dataset column.
        struct Key: Hashable { var what: DataProblem.Definition, id: String, column: String }
        /// Each reference's cell and the header of its column.
        private var cells: [Key: (position: SourcePosition, label: String)] = [:]

        /// Records where column `column` of the row defining `id` is.
        mutating func add(_ what: DataProblem.Definition, _ id: String, _ column: String, _ row: Row) {
            cells[Key(what: what, id: id, column: column)] = (row.position(column), row.label(column))
        }

        /// The cell and header of a reference (nil position and the column's name when unknown).
        func place(_ what: DataProblem.Definition, _ id: String, _ column: String) -> (position: SourcePosition?, label: String) {
            cells[Key(what: what, id: id, column: column)].map { ($0.position, $0.label) } ?? (nil, column)
        }
    }
}
