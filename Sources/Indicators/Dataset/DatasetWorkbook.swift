/// The workbook form of a dataset: what `chiso data template` writes for a planner to fill,
/// `chiso data export --format xlsx` writes from a dataset, and `chiso data import` reads back.
///
/// One sheet per dataset file, headed in Vietnamese (the dataset's English column names are
/// accepted too), plus a wide data sheet (``data``): one row per indicator and entity, one column
/// per period, the way planners keep their numbers. Observations may be given in the wide sheet,
/// in the long sheet (``observations``: with counts, locator and note), or in both (an
/// observation in both must have the same value there; the long sheet adds its details).
///
/// Cells that take one of a few values hold the words of ``Vocabulary`` (Vietnamese, or the
/// English codes). A row whose first cell starts with ``exampleMarker`` (the template's grey
/// example rows) is not read.
public enum DatasetWorkbook {
    /// A sheet holding one dataset file: its name, the file, and each column's Vietnamese header
    /// beside the file's column name.
    public struct Sheet: Sendable {
        /// The sheet's name in the workbook.
        public let name: String
        /// The dataset file the sheet holds (`indicators.csv`).
        public let file: String
        /// The columns: the Vietnamese header and the dataset column it holds.
        public let columns: [(header: String, column: String)]

        /// The dataset column a header names (Vietnamese, a common synonym such as `Chỉ tiêu` or
        /// `Đơn vị`, or the dataset's English name; ignoring case and spacing), if any.
        public func column(forHeader header: String) -> String? {
            let key = PlannerTable.normalised(header)
            return columns.first { PlannerTable.normalised($0.header) == key || $0.column == key }?.column
                ?? columns.first { (DatasetWorkbook.synonyms[$0.column] ?? []).contains(key) }?.column
        }
    }

    /// Other headers planners write for a dataset column (normalised: lowercase, NFC).
    static let synonyms: [String: [String]] = [
        "indicator": ["chỉ tiêu", "tên chỉ tiêu", "chỉ số", "chi tieu", "mã chỉ tiêu"],
        "entity": ["đơn vị", "tên đơn vị", "địa phương", "huyện", "tỉnh", "don vi", "mã đơn vị"],
        "source": ["nguồn", "nguồn số liệu", "văn bản", "mã nguồn", "tên văn bản"],
        "value": ["mục tiêu", "giá trị mục tiêu", "chỉ tiêu phấn đấu", "số liệu"],
        "comparator": ["so sánh", "điều kiện"],
        "year": ["năm", "năm mục tiêu", "năm đạt"],
        "period": ["năm", "thời gian", "kỳ báo cáo"],
        "note": ["ghi chú", "ghi chu"],
    ]

    /// The instructions sheet.
    public static let instructions = "Hướng dẫn"

    /// Indicators (`indicators.csv`).
    public static let indicators = Sheet(name: "Chỉ tiêu", file: "indicators.csv", columns: [
        ("Mã chỉ tiêu", "id"), ("Tên chỉ tiêu", "name_vi"), ("Tên tiếng Anh", "name_en"), ("Đơn vị tính", "unit"),
        ("Loại", "kind"), ("Cận dưới", "lower"), ("Cận trên", "upper"), ("Chiều tốt", "direction"), ("Cách đo", "measure"),
        ("Chỉ tiêu tổng", "parent"), ("Điểm được xếp hạng", "ranks"), ("Định nghĩa", "definition"),
        ("Đơn vị đếm", "unit_label_vi"), ("Đơn vị đếm tiếng Anh", "unit_label_en"),
    ])
    /// Entities (`entities.csv`).
    public static let entities = Sheet(name: "Đơn vị", file: "entities.csv", columns: [
        ("Mã đơn vị", "id"), ("Tên đơn vị", "name_vi"), ("Tên tiếng Anh", "name_en"), ("Cấp", "level"),
        ("Trực thuộc", "parent"), ("Tên gọi khác", "aliases"),
    ])
    /// Sources (`sources.csv`): the title first; the id may be left empty (one is made from the
    /// title, ``DatasetLoader/sourceId(title:taken:)``).
    public static let sources = Sheet(name: "Nguồn", file: "sources.csv", columns: [
        ("Tên văn bản", "title"), ("Số hiệu", "document_number"), ("Cơ quan ban hành", "issuer"), ("Ngày ban hành", "date"),
        ("Mã nguồn", "id"), ("Tệp", "file"),
    ])
    /// Observations, long, with their details (`observations.csv`). The indicator, entity and
    /// source may be given by id or by name (a source by its title).
    public static let observations = Sheet(name: "Chi tiết số liệu", file: "observations.csv", columns: [
        ("Chỉ tiêu", "indicator"), ("Đơn vị", "entity"), ("Kỳ", "period"), ("Giá trị", "value"), ("Tử số", "numerator"),
        ("Mẫu số", "denominator"), ("Nguồn", "source"), ("Vị trí trong nguồn", "locator"), ("Ghi chú", "note"),
    ])
    /// Targets (`targets.csv`); the comparator is one of ``Vocabulary/comparator`` (`≥`, `≤`, `>=`, …).
    public static let targets = Sheet(name: "Mục tiêu", file: "targets.csv", columns: [
        ("Chỉ tiêu", "indicator"), ("Đơn vị", "entity"), ("Năm", "year"), ("Giá trị", "value"), ("So sánh", "comparator"),
        ("Nguồn", "source"), ("Ghi chú", "note"),
    ])
    /// The wide data sheet: these label columns, then one column per period.
    public static let data = Sheet(name: "Số liệu", file: "observations.csv", columns: [
        ("Chỉ tiêu", "indicator"), ("Đơn vị", "entity"), ("Nguồn", "source"),
    ])

    /// The sheets holding dataset files, in the order they are written.
    public static let fileSheets = [indicators, entities, sources, data, observations, targets]

    /// What the first cell of an example row starts with: `Ví dụ:` (matched ignoring case and marks).
    public static let exampleMarker = "Ví dụ:"

    /// Whether a row whose first cell is `text` is an example (``exampleMarker``): the text before
    /// its first colon is `Ví dụ` (or `ví dụ`, `Vi du`), or the whole cell is.
    public static func isExample(firstCell text: String) -> Bool {
        let head = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        return NameKey.of(head) == NameKey.of(exampleMarker)
    }

    /// The header the template gives dataset column `column` on the sheet named `sheet` (matched
    /// as the reader matches sheets); on the data sheet, a column of the details sheet (its values
    /// are the cells under the periods). Nil for a sheet the template does not have.
    public static func header(of column: String, sheet: String) -> String? {
        let key = PlannerTable.normalised(sheet)
        guard let spec = fileSheets.first(where: { PlannerTable.normalised($0.name) == key }) else { return nil }
        let specs = spec.name == data.name ? [data, observations] : [spec]
        return specs.lazy.compactMap { $0.columns.first { $0.column == column }?.header }.first
    }
}
