import Foundation
import Indicators

/// A minimal Office Open XML workbook writer (ZIPFoundation): sheets of text and number cells with
/// column widths, a frozen header, an autofilter, drop-down lists (data validation) and a small
/// fixed set of styles. Text is stored inline (Vietnamese intact, XML-escaped, control characters
/// removed, cut at Excel's 32,767-character cell limit); numbers as numbers.
public enum XLSXWriter {
    /// A cell's look: its number format and font.
    public enum Style: Int, Sendable {
        /// General (numbers at full precision).
        case plain = 0
        /// Bold (a header).
        case header = 1
        /// Two decimals with thousands separators (`#,##0.00`).
        case decimal2 = 2
        /// A whole number with thousands separators (`#,##0`).
        case integer = 3
        /// A percentage of a 0–1 value (`0.0%`).
        case percent = 4
        /// Three decimals.
        case decimal3 = 5
        /// Text that wraps in its cell.
        case wrapped = 6
        /// Bold and larger (a title).
        case title = 7
        /// A 0–100 value shown with a percent sign and one decimal (`0.0"%"`).
        case percentOf100 = 8
        /// A whole number without separators (a year: `0`).
        case whole = 9
    }

    /// A cell.
    public enum Cell: Sendable {
        /// No cell.
        case empty
        /// Text.
        case text(String, Style = .plain)
        /// A finite number (others are left empty).
        case number(Double, Style = .plain)
    }

    /// A drop-down list on a range of cells: `values` are the allowed entries.
    public struct Validation: Sendable {
        /// The range, e.g. `D2:D1000`.
        public var range: String
        /// The allowed values.
        public var values: [String]

        /// A list validation.
        public init(range: String, values: [String]) {
            self.range = range
            self.values = values
        }
    }

    /// A sheet.
    public struct Sheet: Sendable {
        /// The name (made acceptable to Excel and unique by ``workbook(_:)``).
        public var name: String
        /// The rows, from row 1.
        public var rows: [[Cell]]
        /// Column widths in characters (missing: Excel's default).
        public var widths: [Double] = []
        /// Rows frozen at the top (0: none).
        public var frozenRows = 0
        /// Columns frozen at the left (0: none).
        public var frozenColumns = 0
        /// An autofilter over the first row and the used columns.
        public var autofilter = false
        /// Drop-down lists.
        public var validations: [Validation] = []

        /// A sheet of `rows`.
        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// The workbook bytes.
    ///
    /// - Throws: ZIPFoundation's errors when the archive cannot be built.
    public static func workbook(_ sheets: [Sheet]) throws -> Data {
        let package = try OfficePackage()
        var names: [String] = []
        for sheet in sheets { names.append(sheetName(sheet.name, taken: names)) }
        let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        try package.addContentTypes([("/xl/workbook.xml", "\(spreadsheetML).sheet.main+xml"), ("/xl/styles.xml", "\(spreadsheetML).styles+xml")]
            + sheets.indices.map { ("/xl/worksheets/sheet\($0 + 1).xml", "\(spreadsheetML).worksheet+xml") })
        try package.addRelationships("_rels/.rels", [(OfficePackage.officeDocument, "xl/workbook.xml")])
        let filters = sheets.enumerated().compactMap { k, s -> String? in
            guard s.autofilter, let width = s.rows.first?.count, width > 0 else { return nil }
            return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(k)\" hidden=\"1\">'\(OfficePackage.xml(names[k].replacingOccurrences(of: "'", with: "''")))'!$A$1:$\(letters(width - 1))$\(max(s.rows.count, 1))</definedName>"
        }
        try package.add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(names.enumerated().map { "<sheet name=\"\(OfficePackage.xml($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())</sheets>\(filters.isEmpty ? "" : "<definedNames>\(filters.joined())</definedNames>")</workbook>
            """)
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try package.addRelationships("xl/_rels/workbook.xml.rels", sheets.indices.map { ("\(relationships)/worksheet", "worksheets/sheet\($0 + 1).xml") }
            + [("\(relationships)/styles", "styles.xml")])
        try package.add("xl/styles.xml", styles)
        for (k, sheet) in sheets.enumerated() {
            try package.add("xl/worksheets/sheet\(k + 1).xml", self.sheet(sheet))
        }
        return try package.data()
    }

    /// The styles of ``Style``, in its raw-value order.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="0.000"/><numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="0.0&quot;%&quot;"/></numFmts><fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="14"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="10"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """

    /// One worksheet's XML.
    static func sheet(_ sheet: Sheet) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews><sheetView workbookViewId=\"0\">"
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let pane = sheet.frozenRows > 0 && sheet.frozenColumns > 0 ? "bottomRight" : (sheet.frozenRows > 0 ? "bottomLeft" : "topRight")
            out += "<pane\(sheet.frozenColumns > 0 ? " xSplit=\"\(sheet.frozenColumns)\"" : "")\(sheet.frozenRows > 0 ? " ySplit=\"\(sheet.frozenRows)\"" : "") topLeftCell=\"\(letters(sheet.frozenColumns))\(sheet.frozenRows + 1)\" activePane=\"\(pane)\" state=\"frozen\"/>"
        }
        out += "</sheetView></sheetViews>"
        if !sheet.widths.isEmpty {
            out += "<cols>" + sheet.widths.enumerated().map { "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"\(String(format: "%.1f", $1))\" customWidth=\"1\"/>" }.joined() + "</cols>"
        }
        out += "<sheetData>"
        for (i, row) in sheet.rows.enumerated() {
            out += "<row r=\"\(i + 1)\">"
            for (j, cell) in row.enumerated() {
                let ref = "\(letters(j))\(i + 1)"
                switch cell {
                case .empty:
                    continue
                case let .text(s, style):
                    guard !s.isEmpty else { continue }
                    out += "<c r=\"\(ref)\" t=\"inlineStr\"\(style == .plain ? "" : " s=\"\(style.rawValue)\"")><is><t xml:space=\"preserve\">\(OfficePackage.xml(cellText(s)))</t></is></c>"
                case let .number(v, style):
                    guard v.isFinite else { continue }
                    out += "<c r=\"\(ref)\"\(style == .plain ? "" : " s=\"\(style.rawValue)\"")><v>\(v.description)</v></c>"
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        if sheet.autofilter, let width = sheet.rows.first?.count, width > 0 {
            out += "<autoFilter ref=\"A1:\(letters(width - 1))\(max(sheet.rows.count, 1))\"/>"
        }
        if !sheet.validations.isEmpty {
            out += "<dataValidations count=\"\(sheet.validations.count)\">"
            for v in sheet.validations {
                // A list formula is at most 255 characters; the values are short words.
                out += "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"\(v.range)\"><formula1>\"\(OfficePackage.xml(v.values.joined(separator: ",")))\"</formula1></dataValidation>"
            }
            out += "</dataValidations>"
        }
        return out + "</worksheet>"
    }

    /// The most characters (UTF-16 units) Excel keeps in a cell.
    static let cellLimit = 32_767

    /// A cell's text within Excel's limit: longer text is cut and ends with "…".
    static func cellText(_ s: String) -> String {
        guard s.utf16.count > cellLimit else { return s }
        var out = "", units = 0
        for c in s {
            let n = String(c).utf16.count
            if units + n > cellLimit - 1 { break }
            out.append(c)
            units += n
        }
        return out + "…"
    }

    /// A sheet name Excel accepts, unique among `taken` (ignoring case): without `[ ] : * ? / \`
    /// and control characters, not starting or ending with an apostrophe, at most 31 characters, not
    /// "History"; an empty or repeated name is numbered.
    static func sheetName(_ title: String, taken: [String]) -> String {
        func clean(_ s: String) -> String {
            var name = String(s.unicodeScalars.filter { !"[]:*?/\\".unicodeScalars.contains($0) && $0.value >= 0x20 }.map(Character.init))
            var units = 0, cut = ""
            for c in name {
                let n = String(c).utf16.count
                if units + n > 31 { break }
                cut.append(c)
                units += n
            }
            name = cut
            while name.hasPrefix("'") || name.hasPrefix(" ") { name.removeFirst() }
            while name.hasSuffix("'") || name.hasSuffix(" ") { name.removeLast() }
            return name
        }
        let lowered = Set(taken.map { $0.lowercased() })
        let name = clean(title)
        if !name.isEmpty, !lowered.contains(name.lowercased()), name.lowercased() != "history" { return name }
        var k = taken.count + 1
        while true {
            let numbered = clean("\(k) \(name)")
            if !lowered.contains(numbered.lowercased()) { return numbered }
            k += 1
        }
    }

    /// Excel's letters for a 0-based column (``SourcePosition/columnLetters(_:)`` counts from 1).
    static func letters(_ column: Int) -> String { SourcePosition.columnLetters(column + 1) }

}
