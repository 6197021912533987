import Foundation

/// The fixed parts of ``DOCXRenderer``'s documents: the styles, the settings, the page-number header
/// and the document properties.
enum DOCXStyles {
    /// The size of `TableText` and `TableHeader`, in half-points (11 pt).
    static let tableHalfPoints = 22

    /// A table's borders: a thin black line on every side and between all cells (`w:tblBorders`).
    static let tableBorders = "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
        "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    }.joined() + "</w:tblBorders>"

    /// `word/styles.xml`: Times New Roman 13 pt throughout (Vietnamese set as the language), and the
    /// paragraph styles the body uses: `Title` and `Heading1` (14 pt bold), `DateLine` (italic,
    /// centred), `Lead` (a table's lead sentences: body text kept with the table, so that no heading is
    /// left alone at a page foot), `Figure` (a line of charts, centred), `Caption` (bold, centred, kept with its table), `SourceNote` (12 pt italic),
    /// `TableText` (11 pt, single-spaced) and `TableHeader` (the same, bold and centred), and the table
    /// style `TableGrid` (a border on every cell).
    static let styles: String = {
        let font = "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
        func size(_ halfPoints: Int) -> String { "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>" }
        func style(_ id: String, name: String, basedOn: String? = "Normal", next: String? = nil, paragraph: String, run: String = "") -> String {
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
                + (basedOn.map { "<w:basedOn w:val=\"\($0)\"/>" } ?? "") + (next.map { "<w:next w:val=\"\($0)\"/>" } ?? "")
                + "<w:qFormat/><w:pPr>\(paragraph)</w:pPr>" + (run.isEmpty ? "" : "<w:rPr>\(run)</w:rPr>") + "</w:style>"
        }
        return OfficePackage.declaration
            + "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr>\(font)\(size(26))<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
            + "<w:pPr><w:jc w:val=\"both\"/></w:pPr><w:rPr>\(font)\(size(26))</w:rPr></w:style>"
            + style("Title", name: "Title", next: "Normal", paragraph: "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"120\"/><w:jc w:val=\"center\"/>",
                    run: "<w:b/><w:bCs/>\(size(28))")
            + style("DateLine", name: "Date Line", next: "Normal", paragraph: "<w:spacing w:before=\"0\" w:after=\"240\"/><w:jc w:val=\"center\"/>",
                    run: "<w:i/><w:iCs/>")
            + style("Heading1", name: "heading 1", next: "Normal",
                    paragraph: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/>",
                    run: "<w:b/><w:bCs/>\(size(28))")
            + style("Lead", name: "Lead", next: "Normal", paragraph: "<w:keepNext/><w:keepLines/>")
            + style("Figure", name: "Figure", next: "Normal", paragraph: "<w:keepLines/><w:spacing w:before=\"120\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>")
            + style("Caption", name: "caption", next: "Normal", paragraph: "<w:keepNext/><w:spacing w:before=\"60\" w:after=\"120\"/><w:jc w:val=\"center\"/>",
                    run: "<w:b/><w:bCs/>")
            + style("SourceNote", name: "Source Note", next: "Normal", paragraph: "<w:spacing w:before=\"60\" w:after=\"240\"/><w:jc w:val=\"left\"/>",
                    run: "<w:i/><w:iCs/>\(size(24))")
            + style("TableText", name: "Table Text", paragraph: "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
                    run: size(tableHalfPoints))
            + style("TableHeader", name: "Table Header", basedOn: "TableText", paragraph: "<w:keepNext/><w:jc w:val=\"center\"/>", run: "<w:b/><w:bCs/>")
            + style("Header", name: "header", paragraph: "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>")
            + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
            + "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
            + "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>"
            + "<w:tblPr>\(tableBorders)</w:tblPr></w:style></w:styles>"
    }()

    /// `word/settings.xml`: Word 2013's layout rules (so that Word does not open the document in
    /// compatibility mode).
    static let settings = OfficePackage.declaration
        + "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:defaultTabStop w:val=\"720\"/>"
        + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"

    /// `word/header1.xml`: the page number, centred at the top (as Decree 30/2020/NĐ-CP places it).
    static let pageNumberHeader = OfficePackage.declaration
        + "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>"
        + "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:hdr>"

    /// `docProps/core.xml`: the title, Chiso as the creator, the language and the time made.
    static func coreProperties(title: String, language: Language, created: Date) -> String {
        let time = ISO8601DateFormatter().string(from: created)
        return OfficePackage.declaration
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(OfficePackage.xml(title))</dc:title><dc:creator>Chiso</dc:creator>"
            + "<dc:language>\(language == .vi ? "vi-VN" : "en-GB")</dc:language>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(time)</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(time)</dcterms:modified></cp:coreProperties>"
    }
}
