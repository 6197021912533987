import Foundation

/// Reading the definitions: sources, indicators and entities. A row with an error is left out, and
/// recorded (`LeftOut`) so that the rows using it are told why, not that it is unknown.
extension DatasetLoader {
    /// Whether `id` may name an indicator, entity or source: 1 to 100 characters from A–Z, a–z, 0–9,
    /// `_`, `-` and `.`, starting with a letter or digit. Ids become file names (report files) and
    /// command arguments, so nothing else (no `/`, space, quote or control character) is accepted.
    public static func isValidId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 100,
              first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-" || c == "."
        }
    }

    /// The row's id (`given`, or the id column), or nil with a finding: an id with other characters,
    /// an empty one, or one defined before.
    static func checkId(_ row: Row, _ seen: inout Set<String>, _ findings: inout [Finding], given: String? = nil) -> String? {
        Validator.checkedId(given ?? row.text("id"), &seen, &findings, at: row.position("id"))
    }

    /// The ids of sources without one, made from their titles (``sourceId(title:taken:)``), by row.
    static func sourceIds(_ rows: [Row]) -> [Int: String] {
        var taken = Set(rows.map { $0.text("id") }.filter { !$0.isEmpty })
        var made: [Int: String] = [:]
        for (k, row) in rows.enumerated() where row.text("id").isEmpty && !NameKey.of(row.text("title")).isEmpty {
            let id = sourceId(title: row.text("title"), taken: taken)
            taken.insert(id)
            made[k] = id
        }
        return made
    }

    /// An id for a source that has only a title: the title in lowercase ASCII (``DatasetWorkbook/slug(_:fallback:)``:
    /// "Báo cáo số 123/BC-UBND" → `bao_cao_so_123_bc_ubnd`), its first words up to 40 characters, with `_2`,
    /// `_3`, … when another source has it. The same sheet always gives the same ids.
    public static func sourceId(title: String, taken: Set<String>) -> String {
        var base = DatasetWorkbook.slug(title, fallback: "nguon")
        if base.count > 40 {
            let head = base.prefix(41)
            base = String(head.lastIndex(of: "_").map { head[..<$0] } ?? head.prefix(40))
        }
        var id = base, n = 1
        while taken.contains(id) {
            n += 1
            id = "\(base)_\(n)"
        }
        return id
    }

    static func readSources(_ table: CSVTable, _ findings: inout [Finding], _ leftOut: inout LeftOut) throws(DatasetError) -> [Source] {
        var seen = Set<String>()
        let rows = try rows(table, required: ["id", "title", "issuer", "document_number", "date", "file"])
        let made = sourceIds(rows)
        return rows.enumerated().compactMap { k, row in
            let first = findings.count
            guard let id = checkId(row, &seen, &findings, given: made[k]) else {
                leftOut.add(.source, [row.text("id"), row.text("title")], cause: findings[first...].first?.position)
                return nil
            }
            return Source(id: id, title: row.text("title"), issuer: row.text("issuer"),
                          documentNumber: row.text("document_number"), date: row.text("date"), file: row.text("file"))
        }
    }

    /// The indicators. Every cell of a row is checked (each bad cell is its own finding); the unit
    /// is read with the kind (``Vocabulary/unit(_:kind:)``: a count may be given by its noun, which
    /// becomes its Vietnamese unit label when that column is empty).
    static func readIndicators(_ table: CSVTable, _ findings: inout [Finding], _ leftOut: inout LeftOut,
                               _ cells: inout DefinitionCells) throws(DatasetError) -> [Indicator] {
        var seen = Set<String>()
        let required = ["id", "name_vi", "name_en", "unit", "kind", "lower", "upper", "direction", "measure"]
        return try rows(table, required: required).compactMap { row in
            let first = findings.count
            let id = checkId(row, &seen, &findings)
            let kind = row.choice("kind", Vocabulary.kind, &findings)
            // Under a kind that does not read, a noun is not held against the unit as well.
            let unit = Vocabulary.unit(row.text("unit"), kind: kind ?? .count)
            if unit == nil {
                findings.append(Finding(.error, .invalidChoice, at: row.position("unit"),
                                        .notOneOf(text: row.text("unit"), column: row.label("unit"),
                                                  allowed: Vocabulary.unit.dropDown, codes: Vocabulary.unit.codes)))
            }
            let direction = row.choice("direction", Vocabulary.direction, &findings)
            let measure = row.choice("measure", Vocabulary.measure, &findings)
            let lower = row.number("lower", required: false, &findings), upper = row.number("upper", required: false, &findings)
            if let l = lower ?? nil, let u = upper ?? nil, !(l < u) {
                findings.append(Finding(.error, .outOfBounds, at: row.position("upper"), indicator: id, .boundsReversed(lower: l, upper: u)))
            }
            guard findings.count == first, let id, let unit, let kind, let direction, let measure, let lower, let upper else {
                leftOut.add(.indicator, [row.text("id"), row.text("name_vi"), row.text("name_en")], cause: findings[first...].first?.position)
                return nil
            }
            for column in ["parent", "ranks"] { cells.add(.indicator, id, column, row) }
            let parent = row.text("parent"), ranks = row.text("ranks")
            let labelVi = row.text("unit_label_vi"), labelEn = row.text("unit_label_en")
            return Indicator(id: id, nameVi: row.text("name_vi"), nameEn: row.text("name_en"), unit: unit.unit, kind: kind,
                             lower: lower, upper: upper, direction: direction, measure: measure,
                             parent: parent.isEmpty ? nil : parent, ranks: ranks.isEmpty ? nil : ranks,
                             definition: row.text("definition"), unitLabelVi: labelVi.isEmpty ? unit.noun : labelVi,
                             unitLabelEn: labelEn.isEmpty ? nil : labelEn)
        }
    }

    static func readEntities(_ table: CSVTable, _ findings: inout [Finding], _ leftOut: inout LeftOut,
                             _ cells: inout DefinitionCells) throws(DatasetError) -> [Entity] {
        var seen = Set<String>()
        return try rows(table, required: ["id", "name_vi", "name_en", "level", "parent", "aliases"]).compactMap { row in
            let first = findings.count
            let id = checkId(row, &seen, &findings)
            let level = row.choice("level", Vocabulary.level, &findings)
            let aliases = row.text("aliases").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard let id, let level else {
                leftOut.add(.entity, [row.text("id"), row.text("name_vi"), row.text("name_en")] + aliases,
                            cause: findings[first...].first?.position)
                return nil
            }
            for alias in aliases where Context.normalise(alias).isEmpty {
                findings.append(Finding(.error, .badAlias, at: row.position("aliases"), entity: id,
                                        .aliasWithoutLetters(alias)))
            }
            for column in ["parent", "aliases"] { cells.add(.entity, id, column, row) }
            let parent = row.text("parent")
            return Entity(id: id, nameVi: row.text("name_vi"), nameEn: row.text("name_en"), level: level,
                          parent: parent.isEmpty ? nil : parent, aliases: aliases)
        }
    }
}
