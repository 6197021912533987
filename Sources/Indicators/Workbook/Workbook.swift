import Foundation

/// An Excel workbook (`.xlsx`, `.xlsm`: Office Open XML) opened for reading its sheets as tables.
///
/// ``open(path:displayName:limits:)`` reads the package's directory, the sheet list, the shared
/// strings and the cell styles; each sheet is read when asked for (``cells(sheet:)``,
/// ``table(sheet:uniqueHeader:)``), parsed as it unpacks so that memory holds the sheet's cells,
/// never its XML, and nothing is written to disk. Parts are found by their relationships (targets relative to `xl/`
/// or absolute), elements by their local names (Excel, LibreOffice and openpyxl prefix them
/// differently). Refused, each with one line naming the part or cell: a file that is not a ZIP
/// package, an encrypted part, a part that unpacks beyond ``Limits`` or more than its ratio, XML
/// that is not well-formed or declares a DTD, a cell reference past XFD1048576, a shared-string or
/// style index that does not exist; a part whose declared size is past the limits (before it is
/// inflated), that unpacks beyond what it declares, that is not UTF-8, or that holds a text longer
/// than Excel's 32,767 characters; two members of one name (or of names differing in case);
/// overlapping merged ranges (a range listed twice is kept once), more than a million merged-range
/// entries.
///
/// Parts are read by `XMLScanner`, a hand-written streaming scanner over the inflated bytes (no
/// callback per element, no object per cell). Memory: the cells (15 bytes each, and a cell takes at
/// least 15 bytes of XML), each distinct text once (a shared string used a million times is held
/// once), the scanner's buffer (64 KiB, up to 4.25 MiB for a long tag), and a table's text of at
/// most 64 MiB plus 4 × the declared sizes of the sheet and the shared strings (see
/// ``SheetCells/table(uniqueHeader:)``).
///
/// ```swift
/// let book = try Workbook.open(path: "chi_so.xlsx")
/// let table = try book.table(sheet: "Huyện")   // book.sheetNames: ["Tỉnh", "Huyện"]
/// ```
public struct Workbook: Sendable {
    /// How much a workbook may unpack to before it is refused (a ZIP bomb is a small file that
    /// unpacks to gigabytes); bytes are counted as they are inflated, never taken from the directory.
    public struct Limits: Sendable, Equatable {
        /// The most one sheet's XML may unpack to (standard: 2 GiB).
        public var sheetBytes: Int64
        /// The most any other part (shared strings, styles, the sheet list) may unpack to (256 MiB).
        public var partBytes: Int64
        /// The largest ratio of unpacked to packed size (1000; deflate reaches about 1030 only on
        /// runs of one byte, which a real workbook never is).
        public var compressionRatio: Int64
        /// The most cells one sheet may hold (50 million), and shared strings a workbook may hold.
        public var cells: Int

        /// Limits.
        public init(sheetBytes: Int64 = 2 << 30, partBytes: Int64 = 256 << 20, compressionRatio: Int64 = 1000, cells: Int = 50_000_000) {
            self.sheetBytes = sheetBytes
            self.partBytes = partBytes
            self.compressionRatio = compressionRatio
            self.cells = cells
        }

        /// 2 GiB a sheet, 256 MiB any other part, at most 1000:1, at most 50 million cells.
        public static let standard = Limits()
    }

    /// The file name used in messages.
    public let file: String
    /// The sheets, in workbook order.
    public let sheetNames: [String]
    /// Whether dates count from 1904-01-01 (`workbookPr date1904`) rather than from 1900.
    public let date1904: Bool
    let limits: Limits
    let archive: ZipArchive
    let sheetParts: [String]
    /// The shared strings.
    let strings: TextPool
    let formats: [CellFormat]
    /// The declared unpacked size of the shared strings (0: none).
    var sharedBytes: UInt64 = 0

    /// Opens the workbook at `path`.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - displayName: the name to use in messages (defaults to `path`).
    ///   - limits: how much the workbook may unpack to.
    /// - Throws: ``DatasetError`` for a missing or unreadable file, a file that is not a ZIP package
    ///   (an old `.xls` or an encrypted workbook: save it as `.xlsx` or CSV UTF-8), a missing or
    ///   damaged part, a workbook with no sheets, or a part past the limits.
    public static func open(path: String, displayName: String? = nil, limits: Limits = .standard) throws(DatasetError) -> Workbook {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: name) }
        guard !isDirectory.boolValue else { throw .unreadable(path: name, reason: .isDirectory) }
        if TableFile.signature(path: path) == .compoundDocument { throw TableFile.oldExcel(name) }
        let archive = try ZipArchive.open(path: path, file: name)
        func read<H: XMLHandler>(_ part: String, with reader: inout H) throws(DatasetError) {
            try archive.scan(part, limit: limits.partBytes, ratio: limits.compressionRatio, with: &reader)
        }
        // The main part: named by the package's relationships, else where every writer puts it.
        var main = "xl/workbook.xml"
        if archive.member("_rels/.rels") != nil {
            var root = RelationshipsReader()
            try read("_rels/.rels", with: &root)
            if let target = root.targets.values.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                main = RelationshipsReader.resolve(target.target, base: "")
            }
        }
        let folder = main.split(separator: "/").dropLast().map { $0 + "/" }.joined()
        var list = WorkbookListReader()
        try read(main, with: &list)
        var relations = RelationshipsReader()
        let relsPart = folder + "_rels/" + (main.split(separator: "/").last.map(String.init) ?? "workbook.xml") + ".rels"
        try read(relsPart, with: &relations)
        var parts: [String] = []
        for sheet in list.sheets {
            guard let target = relations.targets[sheet.id] else {
                throw archive.refuse(.sheetWithoutPart(sheet: sheet.name, relationship: sheet.id, relationships: relsPart))
            }
            parts.append(RelationshipsReader.resolve(target.target, base: folder))
        }
        guard !list.sheets.isEmpty else { throw archive.refuse(.noSheets(main)) }
        func part(_ type: String) -> String? {
            relations.targets.values.first { $0.type.hasSuffix("/" + type) }.map { RelationshipsReader.resolve($0.target, base: folder) }
        }
        var strings = TextPool()
        var sharedBytes: UInt64 = 0
        if let sharedPart = part("sharedStrings") ?? (archive.member(folder + "sharedStrings.xml") != nil ? folder + "sharedStrings.xml" : nil) {
            var reader = SharedStringsReader(maximum: limits.cells, file: name)
            try read(sharedPart, with: &reader)
            strings = reader.strings
            sharedBytes = archive.member(sharedPart)?.size ?? 0
        }
        var formats: [CellFormat] = []
        if let stylesPart = part("styles") ?? (archive.member(folder + "styles.xml") != nil ? folder + "styles.xml" : nil) {
            var reader = StylesReader()
            try read(stylesPart, with: &reader)
            formats = reader.kinds()
        }
        return Workbook(file: name, sheetNames: list.sheets.map(\.name), date1904: list.date1904, limits: limits,
                        archive: archive, sheetParts: parts, strings: strings, formats: formats, sharedBytes: sharedBytes)
    }

    /// The index of the sheet named `sheet` (nil: the first).
    ///
    /// - Throws: ``DatasetError/workbook(_:problem:)`` naming the sheets there are.
    func sheetIndex(_ sheet: String?) throws(DatasetError) -> Int {
        guard let sheet else { return 0 }
        guard let k = sheetNames.firstIndex(of: sheet) else {
            throw .workbook(SourcePosition(file: file), problem: .noSheet(sheet, sheets: sheetNames))
        }
        return k
    }

    /// The cells of a sheet (nil: the first), read from its part in chunks.
    ///
    /// - Throws: ``DatasetError`` for an unknown sheet name (naming the sheets there are), a part
    ///   past the limits, XML that is not well-formed, or a cell that cannot be read (named).
    public func cells(sheet: String? = nil) throws(DatasetError) -> SheetCells {
        let k = try sheetIndex(sheet)
        let name = sheetNames[k], part = sheetParts[k]
        var reader = SheetReader(file: file, sheet: name, shared: strings, formats: formats, date1904: date1904, maxCells: limits.cells)
        defer { reader.release() }
        let budget = Self.textBudget(sheetBytes: archive.member(part)?.size ?? 0, sharedBytes: sharedBytes)
        reader.textBudget = budget
        try archive.scan(part, limit: limits.sheetBytes, ratio: limits.compressionRatio, with: &reader)
        var cells = try reader.cells()
        cells.textBudget = budget
        return cells
    }

    /// The most text a sheet's table may hold: 64 MiB, plus 4 bytes for each byte the sheet's part
    /// and the shared strings declare. A cell's text comes from the sheet's XML or from one shared
    /// string, and a text repeated down a column is stored once, so a real sheet stays far below it;
    /// a small file that repeats a long shared string a million times across columns is refused.
    static func textBudget(sheetBytes: UInt64, sharedBytes: UInt64) -> Int {
        Int(clamping: (64 << 20) &+ 4 &* (sheetBytes &+ sharedBytes))
    }

    /// A sheet (nil: the first) as a table: see ``SheetCells/table(uniqueHeader:)``.
    ///
    /// - Throws: ``DatasetError`` as ``cells(sheet:)`` and ``SheetCells/table(uniqueHeader:)`` do.
    public func table(sheet: String? = nil, uniqueHeader: Bool = true) throws(DatasetError) -> CSVTable {
        try cells(sheet: sheet).table(uniqueHeader: uniqueHeader)
    }
}
