import Foundation
import ZIPFoundation

/// An Excel workbook (Office Open XML) built with ZIPFoundation: one sheet per table, a bold header
/// row frozen in place, numbers stored as numbers with a display format per column, text as inline
/// strings (Vietnamese intact, XML-escaped, control characters removed).
public enum XLSXRenderer {
    /// The workbook bytes.
    public static func workbook(_ tables: [ReportTable], language: Language) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        var names: [String] = []
        for table in tables { names.append(sheetName(table.title(language), taken: names)) }
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\(tables.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())</Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(names.enumerated().map { "<sheet name=\"\(xml($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())</sheets></workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(tables.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())<Relationship Id="rId\(tables.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """)
        // Styles: 0 default, 1 bold header, 2 "0.00", 3 "0", 4 "0.0%"-like for probabilities, 5 "0.000".
        try add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        for (k, table) in tables.enumerated() {
            try add("xl/worksheets/sheet\(k + 1).xml", sheet(table, language: language))
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func sheet(_ table: ReportTable, language: Language) -> String {
        var rows = "<row r=\"1\">" + table.columns.enumerated().map { j, c in
            "<c r=\"\(ref(j, 1))\" t=\"inlineStr\" s=\"1\"><is><t>\(xml(c.label(language)))</t></is></c>"
        }.joined() + "</row>"
        let letters = table.columns.indices.map { ref($0, 1).dropLast() }
        for (i, row) in table.rows.enumerated() {
            let r = i + 2
            rows += "<row r=\"\(r)\">"
            for (j, (column, cell)) in zip(table.columns, row).enumerated() {
                func ref(_ j: Int, _ r: Int) -> String { letters[j] + String(r) }
                switch cell {
                case let .text(s):
                    if !s.isEmpty { rows += "<c r=\"\(ref(j, r))\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(xml(cellText(s)))</t></is></c>" }
                case let .number(v):
                    guard let v, v.isFinite else { continue }
                    let style: Int
                    switch column.format {
                    case .integer, .year: style = 3
                    case .probability: style = 4
                    case let .number(d): style = d >= 3 ? 5 : 2
                    default: style = 2
                    }
                    rows += "<c r=\"\(ref(j, r))\" s=\"\(style)\"><v>\(v.description)</v></c>"
                }
            }
            rows += "</row>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>\(rows)</sheetData></worksheet>
            """
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

    /// A1-style reference for a 0-based column and 1-based row.
    static func ref(_ column: Int, _ row: Int) -> String {
        var n = column + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return "\(letters)\(row)"
    }

    /// XML text: escaped, with characters XML 1.0 forbids removed.
    static func xml(_ s: String) -> String {
        // Most text has nothing to escape or remove (U+FFFE and U+FFFF are EF BF BE/BF in UTF-8).
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0xBF }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                if v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
