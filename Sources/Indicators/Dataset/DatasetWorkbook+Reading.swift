import Foundation

/// Reading a workbook in the template's form back into a dataset.
extension DatasetWorkbook {
    /// Whether a workbook with these sheets is in the template's form (it has the indicators sheet).
    public static func isDatasetWorkbook(sheetNames: [String]) -> Bool {
        sheetNames.contains { PlannerTable.normalised($0) == PlannerTable.normalised(indicators.name) }
    }

    /// Loads and validates a workbook in the template's form, as ``DatasetLoader/load(directory:)``
    /// loads a folder: every finding names its cell (`book.xlsx[Số liệu]!E7`).
    ///
    /// Sheets other than the indicators sheet may be missing (an empty one is assumed); columns may
    /// be in any order and headed in Vietnamese or with the dataset's column names; a column the
    /// sheet lacks is empty. Comparators may be `≥`/`≤`; numbers written as text in either
    /// convention (`80,5`) are read when they read one way only. In the wide data sheet the
    /// indicator and entity may be given by name (or alias) as well as id; an observation without a
    /// source gets one named after the file; its locator is its cell. An observation both in the
    /// wide sheet and in the details sheet is read once, from the details, and must have the same value.
    ///
    /// - Throws: ``DatasetError`` for sheets that cannot be read, an unknown column header, or a
    ///   wide-sheet header that is not a period.
    public static func load(_ book: Workbook, format: NumberFormat = .auto) throws(DatasetError) -> (dataset: Dataset, findings: [Finding]) {
        func sheetName(_ spec: Sheet) -> String? {
            book.sheetNames.first { PlannerTable.normalised($0) == PlannerTable.normalised(spec.name) }
        }
        var tables: [String: CSVTable] = [:]
        for spec in [indicators, entities, sources, observations, targets] {
            let raw = try sheetName(spec).map { name throws(DatasetError) in try book.table(sheet: name) }
            tables[spec.file] = try arranged(raw, spec, file: book.file, format: format)
        }
        var findings: [Finding] = tables.values.flatMap(\.layoutNotes).filter { if case .titleRow = $0 { false } else { true } }
            .map(DatasetLoader.layoutFinding)
        var wide: CSVTable?
        let names = Names(indicators: tables[indicators.file], entities: tables[entities.file])
        for file in [observations.file, targets.file] {
            tables[file] = try tables[file].map { t throws(DatasetError) in try resolvingNames(t, names) }
        }
        if let name = sheetName(data) {
            let sheet = try book.table(sheet: name, uniqueHeader: false)
            let source = defaultSource(book.file)
            let detailKeys = try detailValues(tables[observations.file])
            wide = try longRows(fromWide: sheet, names: names, defaultSource: source.id, details: detailKeys, format: format, findings: &findings)
            let sourceColumn = observations.columns.firstIndex { $0.column == "source" } ?? 0
            let idColumn = self.sources.columns.firstIndex { $0.column == "id" } ?? 0
            if let wideTable = wide, (0..<wideTable.rowCount).contains(where: { wideTable.field($0, sourceColumn) == source.id }),
               let sources = tables[sources.file], !(0..<sources.rowCount).contains(where: { sources.field($0, idColumn) == source.id }) {
                let fields = self.sources.columns.map { ["id": source.id, "title": source.title, "file": source.file][$0.column] ?? "" }
                tables[self.sources.file] = try sources.rewritten({ _, _ in },
                    appending: [((sources.lines.last ?? sources.headerLine) + 1, fields)])
            }
        }
        let loaded = try DatasetLoader.load({ name throws(DatasetError) in
            guard let table = tables[name] else { throw .empty(file: name) }
            return table
        }, moreObservations: wide.map { [$0] } ?? [])
        let all = findings + loaded.findings
        let order = all.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
        return (loaded.dataset, order.map(\.element))
    }

    /// The source given to observations of the wide sheet that name none: the file's name as a
    /// lowercase ASCII id (`so-lieu.xlsx` → `so_lieu`).
    static func defaultSource(_ file: String) -> (id: String, title: String, file: String) {
        let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return (slug(base, fallback: "workbook"), base, (file as NSString).lastPathComponent)
    }

    /// `text` as an id: Vietnamese letters without marks (đ → d), lowercase, other runs as `_`, at
    /// most 60 characters; `fallback` when nothing is left.
    public static func slug(_ text: String, fallback: String) -> String {
        let folded = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out = "", gap = false
        for c in folded.unicodeScalars {
            if (c.value >= 0x61 && c.value <= 0x7A) || (c.value >= 0x30 && c.value <= 0x39) {
                if gap && !out.isEmpty { out += "_" }
                out.unicodeScalars.append(c)
                gap = false
            } else {
                gap = true
            }
        }
        let cut = String(out.prefix(60))
        return cut.isEmpty ? fallback : cut
    }

    /// A sheet's table with the sheet spec's columns in the spec's order: headers mapped from
    /// Vietnamese, missing columns empty, example rows (``isExample(firstCell:)``) left out,
    /// `≥`/`≤` made `>=`/`<=`, numbers written as text read in
    /// their column's convention (`format`, or under `auto` the one the column's cells decide, as
    /// ``CSVTable/numbers(_:name:positive:format:)`` decides a block). A missing sheet is an empty table.
    ///
    /// - Throws: ``DatasetError/badNumber(_:column:problem:)`` for a column written in both
    ///   conventions, or a number that reads two ways in a column that does not decide.
    static func arranged(_ raw: CSVTable?, _ spec: Sheet, file: String, format: NumberFormat = .auto,
                         fill: ((_ column: String, _ fields: [String]) -> String?)? = nil) throws(DatasetError) -> CSVTable {
        let columns = spec.columns.map(\.column)
        guard var raw else {
            return try CSVTable(file: file, sheet: spec.name, headerLine: 1, header: columns, rows: [])
        }
        var from: [Int?] = Array(repeating: nil, count: columns.count)
        var notes = raw.layoutNotes
        for (j, header) in raw.header.enumerated() where !header.isEmpty {
            // A column the sheet does not have (`STT`, `Ghi chú` on a sheet without notes) is
            // ignored with a note; a column given twice is refused.
            guard let column = spec.column(forHeader: header), let k = columns.firstIndex(of: column) else {
                notes.append(.ignoredColumn(raw.position(nil, j), header: header))
                continue
            }
            from[k] = j
        }
        // Targets as written (``TargetText``): the year cell's words, and the value cell's comparator
        // and unit, taken apart before the value's number is read in its column's convention.
        let isTargets = spec.file == targets.file
        var written: [Int: TargetText.Parts] = [:], writtenText: [Int: String] = [:]
        if isTargets, let jv = columns.firstIndex(of: "value").flatMap({ from[$0] }) {
            for r in 0..<raw.rowCount where raw.number(r, jv) == nil && !isExample(raw, r) {
                let text = raw.field(r, jv).trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty, !CSVTable.isMissing(text) else { continue }
                written[r] = TargetText.parts(text)
                writtenText[r] = text
            }
            let jy = columns.firstIndex(of: "year").flatMap { from[$0] }
            let shown = raw
            raw = try raw.rewritten { r, fields in
                if let parts = written[r], parts.number.contains(where: \.isNumber) { fields[jv] = parts.number }
                if let jy, shown.number(r, jy) == nil, let y = TargetText.year(fields[jy].trimmingCharacters(in: .whitespaces)) { fields[jy] = String(y) }
            }
        }
        let numeric: Set<String> = ["lower", "upper", "value", "numerator", "denominator", "year"]
        // Each numeric column's convention is decided over the whole column (as on the wide data
        // sheet): `1.000` beside `80,5` is a thousand, beside `80.5` a one, and alone it is refused
        // with both readings; a column holding both conventions is refused naming one cell of each.
        var conventions: [Int: NumberFormat] = [:]
        for (k, column) in columns.enumerated() where numeric.contains(column) {
            guard let j = from[k] else { continue }
            let cells = (0..<raw.rowCount).filter { r in raw.number(r, j) == nil && !CSVTable.isMissing(raw.field(r, j)) && !isExample(raw, r) }
                .map { ($0, j) }
            conventions[j] = format == .auto ? try raw.blockFormat(cells, raw.header[j]) : format
        }
        var rows: [(line: Int, fields: [String], numbers: [Double?]?)] = [], places: [[Int]] = []
        for r in 0..<raw.rowCount where !isExample(raw, r) {
            var fields: [String] = [], numbers: [Double?] = [], place: [Int] = []
            for (k, column) in columns.enumerated() {
                guard let j = from[k] else {
                    fields.append("")
                    numbers.append(nil)
                    place.append(raw.header.count + raw.columnOffset + 1)
                    continue
                }
                var text = raw.field(r, j).trimmingCharacters(in: .whitespaces)
                var number = raw.number(r, j)
                if column == "comparator" {
                    text = ["≥": ">=", "≤": "<="][text] ?? text
                }
                if numeric.contains(column), number == nil, !text.isEmpty, let convention = conventions[j] {
                    do {
                        number = try convention.parse(text)
                    } catch {
                        // Text that is no number is left for the row reader to report; a number
                        // that reads two ways is refused here, with both readings.
                        if case .ambiguous = error.reason {
                            throw .badNumber(raw.position(r, j), column: raw.header[j], problem: .number(error))
                        }
                    }
                }
                if column == "year", let n = number, n == n.rounded(), abs(n) < 1e6 { text = String(Int(n)) }
                fields.append(text)
                numbers.append(number)
                place.append(j + 1 + raw.columnOffset)
            }
            if isTargets {
                // The value as written, the comparator its words say (when the comparator column
                // says something else: for the row reader to refuse) and its unit.
                let parts = written[r]
                let kc = columns.firstIndex(of: "comparator") ?? 0, kv = columns.firstIndex(of: "value") ?? 0
                var said = ""
                if let c = parts?.comparator {
                    if fields[kc].isEmpty { fields[kc] = c.rawValue } else { said = c.rawValue }
                }
                fields += [writtenText[r] ?? "", said, parts?.unit ?? ""]
                numbers += [nil, nil, nil]
                place += Array(repeating: place[kv], count: 3)
            }
            if let fill {
                for (k, column) in columns.enumerated() where fields[k].isEmpty && numbers[k] == nil {
                    if let value = fill(column, fields) { fields[k] = value }
                }
            }
            rows.append((raw.lines[r], fields, numbers))
            places.append(place)
        }
        var table = try CSVTable(file: raw.file, sheet: raw.sheet, headerLine: raw.headerLine, header: columns + (isTargets ? writtenColumns : []), rows: rows)
            .placing(columns: places)
        // Messages name each column as the input heads it (`Giá trị`, `Mục tiêu 2025`), not the dataset's name.
        table.writtenHeader = spec.columns.enumerated().map { k, c in from[k].map { raw.header[$0] } ?? c.header }
        if isTargets, let kv = columns.firstIndex(of: "value") { table.writtenHeader += Array(repeating: table.writtenHeader[kv], count: writtenColumns.count) }
        table.layoutNotes = notes
        return table
    }

    /// The columns a targets sheet gets beside the dataset's, for the row reader: the value as
    /// written, the comparator written in it when the comparator column says another, and its unit.
    static let writtenColumns = ["value_written", "value_comparator", "value_unit"]

    /// Whether row `r` of a sheet is an example row (its first non-empty cell, ``isExample(firstCell:)``).
    static func isExample(_ table: CSVTable, _ r: Int) -> Bool {
        // The first cell that is not empty: an `STT` column left of the template's may be empty there.
        let first = table.header.indices.lazy.map { table.field(r, $0) }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return first.map(isExample(firstCell:)) ?? false
    }

    /// `table` (with the columns `indicator` and `entity` first) with names and aliases made ids.
    static func resolvingNames(_ table: CSVTable, _ names: Names) throws(DatasetError) -> CSVTable {
        try table.rewritten { _, fields in
            fields[0] = Names.id(fields[0], in: names.indicator)
            fields[1] = Names.id(fields[1], in: names.entity)
        }
    }

    /// Ids of indicators and entities by their names and aliases, from the workbook's sheets.
    struct Names {
        /// The ids of one sheet, and each name's key (``key(_:)``) with the ids it names.
        struct Lookup {
            /// The ids the sheet defines.
            var ids = Set<String>()
            /// A name's or alias's key → the ids it names (more than one: the name decides nothing).
            var names: [String: [String]] = [:]
        }

        /// The indicators sheet's ids and names.
        var indicator = Lookup()
        /// The entities sheet's ids, names and aliases.
        var entity = Lookup()

        init(indicators: CSVTable?, entities: CSVTable?) {
            func add(_ table: CSVTable?, _ columns: [Int], aliases: Int?, into map: inout Lookup) {
                guard let table else { return }
                for r in 0..<table.rowCount {
                    let id = table.field(r, 0)
                    guard !id.isEmpty else { continue }
                    map.ids.insert(id)
                    var names = columns.map { table.field(r, $0) }
                    if let aliases { names += table.field(r, aliases).split(separator: "|").map(String.init) }
                    for name in Set(names.map(Names.key)) where !name.isEmpty && !(map.names[name]?.contains(id) ?? false) {
                        map.names[name, default: []].append(id)
                    }
                }
            }
            add(indicators, [1, 2], aliases: nil, into: &indicator)
            add(entities, [1, 2], aliases: 5, into: &entity)
        }

        /// The key a name is looked up by (``NameKey``; the text itself, normalised, when it has
        /// no letter or digit).
        static func key(_ text: String) -> String {
            let k = NameKey.of(text)
            return k.isEmpty ? PlannerTable.normalised(text) : k
        }

        /// The id `text` names: itself when it is an id or no name matches, the one id a name gives.
        static func id(_ text: String, in map: Lookup) -> String {
            if map.ids.contains(text) { return text }
            let ids = map.names[key(text)] ?? []
            return ids.count == 1 ? ids[0] : text
        }
    }

    /// The value of each observation of the details sheet, by indicator, entity and period.
    static func detailValues(_ table: CSVTable?) throws(DatasetError) -> [String: (value: String, position: SourcePosition)] {
        guard let table else { return [:] }
        var out: [String: (String, SourcePosition)] = [:]
        for r in 0..<table.rowCount {
            let period = (try? Period(parsing: table.field(r, 2)))?.description ?? table.field(r, 2)
            let value = table.number(r, 3).map { "\($0)" } ?? table.field(r, 3)
            out[table.field(r, 0) + "\u{1F}" + table.field(r, 1) + "\u{1F}" + period] = (value, table.position(r, 3))
        }
        return out
    }

    /// The wide data sheet as rows of `observations.csv`, each field placed at the cell it came from.
    static func longRows(fromWide sheet: CSVTable, names: Names, defaultSource: String,
                         details: [String: (value: String, position: SourcePosition)], format: NumberFormat = .auto,
                         findings: inout [Finding]) throws(DatasetError) -> CSVTable {
        var label: [String: Int] = [:], periods: [(Int, Period)] = []
        for (j, header) in sheet.header.enumerated() {
            if let column = data.column(forHeader: header) { label[column] = j; continue }
            if header.isEmpty && (0..<sheet.rowCount).allSatisfy({ CSVTable.isMissing(sheet.field($0, j)) }) { continue }
            if PlannerTable.ignoredHeaders.contains(PlannerTable.normalised(header)) {
                // `STT`, `Ghi chú`: a column of the report, not of the sheet.
                findings.append(DatasetLoader.layoutFinding(.ignoredColumn(sheet.position(nil, j), header: header)))
                continue
            }
            do {
                periods.append((j, try Period(parsing: header)))
            } catch {
                throw .workbook(sheet.position(nil, j), problem: .neitherColumnNorPeriod(header: header, sheet: data.name, columns: data.columns.map(\.header), reason: error.reason))
            }
        }
        guard let ci = label["indicator"], let ce = label["entity"] else {
            throw .workbook(sheet.position(nil, nil), problem: .sheetNeedsColumns(sheet: data.name, first: data.columns[0].header, second: data.columns[1].header))
        }
        var cells: [CSVTable.Cell] = []
        for r in 0..<sheet.rowCount where !isExample(sheet, r) {
            for (j, _) in periods where sheet.number(r, j) != nil || !CSVTable.isMissing(sheet.field(r, j)) { cells.append((r, j)) }
        }
        let values = try sheet.numbers(cells, name: data.name, format: format)
        let period = Dictionary(periods, uniquingKeysWith: { a, _ in a })
        var rows: [(line: Int, fields: [String], numbers: [Double?]?)] = [], places: [[Int]] = []
        for ((r, j), value) in zip(cells, values) {
            guard let p = period[j] else { continue }
            let indicator = Names.id(sheet.field(r, ci).trimmingCharacters(in: .whitespaces), in: names.indicator)
            let entity = Names.id(sheet.field(r, ce).trimmingCharacters(in: .whitespaces), in: names.entity)
            let source = label["source"].map { sheet.field(r, $0).trimmingCharacters(in: .whitespaces) } ?? ""
            let key = indicator + "\u{1F}" + entity + "\u{1F}" + p.description
            if let detail = details[key] {
                if detail.value != "\(value)" && Double(detail.value) != value {
                    findings.append(Finding(.error, .conflictingValues, at: sheet.position(r, j), indicator: indicator,
                                            .detailDiffers(value: value, detail: detail.value, at: detail.position, indicator: indicator, entity: entity, period: p.description)))
                }
                continue
            }
            let cell = sheet.position(r, j)
            let column = { (k: Int?) in (k ?? j) + 1 + sheet.columnOffset }
            rows.append((sheet.lines[r], [indicator, entity, p.description, "", "", "", source.isEmpty ? defaultSource : source, PlannerImport.locator(cell), ""],
                         [nil, nil, nil, value, nil, nil, nil, nil, nil]))
            places.append([column(ci), column(ce), column(j), column(j), column(j), column(j), column(label["source"]), column(j), column(j)])
        }
        let header = observations.columns.map(\.column)
        return try CSVTable(file: sheet.file, sheet: sheet.sheet, headerLine: sheet.headerLine, header: header, rows: rows)
            .placing(columns: places)
    }
}
