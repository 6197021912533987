import Foundation
import Indicators

extension XLSXWriter {
    /// A cell's look: its number format, font (bold, italic, size, colour) and wrapping.
    ///
    /// The format code is Excel's (`#,##0.00`, `0.0%`, `0`): the reader shows the separators of
    /// the user's locale (a Vietnamese Excel shows `#,##0.00` as `13.425,50`), so codes are always
    /// written in this standard form. A percentage format shows a 0–1 value: 0.7465 as 74.65 %.
    public struct Style: Sendable, Hashable {
        /// The number format code (`General`: the number at full precision).
        public var numberFormat: String
        /// Bold font.
        public var bold: Bool
        /// Font size in points.
        public var size: Double
        /// Text wraps in its cell (aligned to the top).
        public var wrap: Bool
        /// Italic font.
        public var italic: Bool
        /// The font's colour as six hexadecimal digits (`7F7F7F`); nil: the reader's default (black).
        public var color: String?

        /// A style.
        public init(numberFormat: String = "General", bold: Bool = false, size: Double = 11, wrap: Bool = false,
                    italic: Bool = false, color: String? = nil) {
            self.numberFormat = numberFormat
            self.bold = bold
            self.size = size
            self.wrap = wrap
            self.italic = italic
            self.color = color
        }

        /// General (numbers at full precision).
        public static let plain = Style()
        /// Bold, wrapping (a header).
        public static let header = Style(bold: true, wrap: true)
        /// Bold and larger (a title).
        public static let title = Style(bold: true, size: 14)
        /// Text that wraps in its cell.
        public static let wrapped = Style(wrap: true)
        /// An example to follow, not data: grey italics, wrapping.
        public static let example = Style(wrap: true, italic: true, color: "7F7F7F")
        /// A whole number without separators (a year: `0`).
        public static let whole = Style(numberFormat: "0")
        /// A whole number with thousands separators (`#,##0`).
        public static let integer = decimal(0)

        /// A number with thousands separators and `decimals` decimals (0–15): `#,##0`, `#,##0.00`.
        public static func decimal(_ decimals: Int) -> Style {
            Style(numberFormat: "#,##0" + fraction(decimals))
        }

        /// A 0–1 value as a percentage with `decimals` decimals (0–15): `0%`, `0.0%`, `0.00%`.
        public static func percent(_ decimals: Int) -> Style {
            Style(numberFormat: "0" + fraction(decimals) + "%")
        }

        /// `.` and `decimals` zeros (none for 0).
        static func fraction(_ decimals: Int) -> String {
            let d = min(max(decimals, 0), 15)
            return d == 0 ? "" : "." + String(repeating: "0", count: d)
        }
    }

    /// The styles of a workbook, numbered as the sheets use them (0 is ``Style/plain``), and their
    /// `xl/styles.xml`: number formats (Excel's built-in ids where the code is one of them, custom
    /// ids from 164), fonts and cell formats.
    struct StyleTable {
        /// The styles in number order.
        private(set) var styles: [Style] = [.plain]
        private var ids: [Style: Int] = [.plain: 0]

        /// The number of a style (added when first seen).
        mutating func id(_ style: Style) -> Int {
            if let id = ids[style] { return id }
            styles.append(style)
            ids[style] = styles.count - 1
            return styles.count - 1
        }

        /// Numbers the styles of a sheet's cells in the order ``XLSXWriter/sheet(_:styles:)`` meets
        /// them (row by row, skipping the cells it does not write), so that sheets numbered one after
        /// another get the numbers they would get written one after another.
        mutating func register(_ sheet: Sheet) {
            var last: Style?
            for row in sheet.rows {
                for cell in row {
                    let style: Style
                    switch cell {
                    case .empty: continue
                    case let .text(s, st):
                        guard !s.isEmpty else { continue }
                        style = st
                    case let .number(v, st):
                        guard v.isFinite else { continue }
                        style = st
                    }
                    if style != last {
                        _ = id(style)
                        last = style
                    }
                }
            }
        }

        /// Excel's built-in number formats with a fixed code (ECMA-376 Part 1, 18.8.30).
        static let builtIn: [String: Int] = ["General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10]

        /// `xl/styles.xml`.
        var xml: String {
            var custom: [String: Int] = [:], customOrder: [String] = []
            var fonts: [Style: Int] = [:], fontOrder: [Style] = []
            func fontKey(_ s: Style) -> Style { Style(bold: s.bold, size: s.size, italic: s.italic, color: s.color) }
            fonts[fontKey(.plain)] = 0
            fontOrder.append(fontKey(.plain))
            var xfs = ""
            for style in styles {
                let format: Int
                if let id = Self.builtIn[style.numberFormat] {
                    format = id
                } else if let id = custom[style.numberFormat] {
                    format = id
                } else {
                    format = 164 + customOrder.count
                    custom[style.numberFormat] = format
                    customOrder.append(style.numberFormat)
                }
                let key = fontKey(style)
                let font: Int
                if let id = fonts[key] { font = id } else {
                    font = fontOrder.count
                    fonts[key] = font
                    fontOrder.append(key)
                }
                xfs += "<xf numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
                    + (format == 0 ? "" : " applyNumberFormat=\"1\"") + (font == 0 ? "" : " applyFont=\"1\"")
                    + (style.wrap ? " applyAlignment=\"1\"><alignment wrapText=\"1\" vertical=\"top\"/></xf>" : "/>")
            }
            let numFmts = customOrder.isEmpty ? "" : "<numFmts count=\"\(customOrder.count)\">"
                + customOrder.map { "<numFmt numFmtId=\"\(custom[$0] ?? 0)\" formatCode=\"\(OfficePackage.xml($0))\"/>" }.joined() + "</numFmts>"
            let fontXML = fontOrder.map { font in
                "<font>\(font.bold ? "<b/>" : "")\(font.italic ? "<i/>" : "")<sz val=\"\(font.size.clean)\"/>"
                    + (font.color.map { "<color rgb=\"FF\(OfficePackage.xml($0))\"/>" } ?? "") + "<name val=\"Calibri\"/></font>"
            }.joined()
            return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\(numFmts)<fonts count="\(fontOrder.count)">\(fontXML)</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="\(styles.count)">\(xfs)</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
                """
        }
    }
}
