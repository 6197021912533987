/// The workbook form of a dataset: what `chiso data template` writes for a planner to fill,
/// `chiso data export --format xlsx` writes from a dataset, and `chiso data import` reads back.
///
/// One sheet per dataset file, headed in Vietnamese (the dataset's English column names are
/// accepted too), plus a wide data sheet (``data``): one row per indicator and entity, one column
/// per period, the way planners keep their numbers. Observations may be given in the wide sheet,
/// in the long sheet (``observations``: with counts, locator and note), or in both (an
/// observation in both must have the same value there; the long sheet adds its details).
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
        "indicator": ["chỉ tiêu", "tên chỉ tiêu", "chỉ số", "chi tieu"],
        "entity": ["đơn vị", "tên đơn vị", "địa phương", "huyện", "tỉnh", "don vi"],
        "source": ["nguồn", "nguồn số liệu", "văn bản"],
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
    /// Sources (`sources.csv`).
    public static let sources = Sheet(name: "Nguồn", file: "sources.csv", columns: [
        ("Mã nguồn", "id"), ("Tên văn bản", "title"), ("Cơ quan ban hành", "issuer"), ("Số hiệu", "document_number"),
        ("Ngày ban hành", "date"), ("Tệp", "file"),
    ])
    /// Observations, long, with their details (`observations.csv`).
    public static let observations = Sheet(name: "Chi tiết số liệu", file: "observations.csv", columns: [
        ("Mã chỉ tiêu", "indicator"), ("Mã đơn vị", "entity"), ("Kỳ", "period"), ("Giá trị", "value"), ("Tử số", "numerator"),
        ("Mẫu số", "denominator"), ("Mã nguồn", "source"), ("Vị trí trong nguồn", "locator"), ("Ghi chú", "note"),
    ])
    /// Targets (`targets.csv`); the comparator may be written `≥`/`≤` or `>=`/`<=`.
    public static let targets = Sheet(name: "Mục tiêu", file: "targets.csv", columns: [
        ("Mã chỉ tiêu", "indicator"), ("Mã đơn vị", "entity"), ("Năm", "year"), ("Giá trị", "value"), ("So sánh", "comparator"),
        ("Mã nguồn", "source"), ("Ghi chú", "note"),
    ])
    /// The wide data sheet: these label columns, then one column per period.
    public static let data = Sheet(name: "Số liệu", file: "observations.csv", columns: [
        ("Mã chỉ tiêu", "indicator"), ("Mã đơn vị", "entity"), ("Mã nguồn", "source"),
    ])

    /// The sheets holding dataset files, in the order they are written.
    public static let fileSheets = [indicators, entities, sources, data, observations, targets]

    /// The allowed values of the columns that take one of a list (for the workbook's drop-down lists).
    public static let choices: [String: [String]] = [
        "unit": Indicator.Unit.allCases.map(\.rawValue),
        "kind": Indicator.Kind.allCases.map(\.rawValue),
        "direction": Indicator.Direction.allCases.map(\.rawValue),
        "measure": Indicator.Measure.allCases.map(\.rawValue),
        "level": Entity.Level.allCases.map(\.rawValue),
        "comparator": ["≥", "≤"],
    ]

    /// The instructions, one paragraph a line (Vietnamese).
    public static let instructionLines = [
        "Mẫu nhập số liệu Chiso",
        "",
        "1. Sheet \"Chỉ tiêu\": mỗi dòng một chỉ tiêu. Mã chỉ tiêu chỉ gồm chữ không dấu, số, gạch dưới, gạch ngang (ví dụ ty_le_ho_so_truc_tuyen). Đơn vị tính: percent (phần trăm), count (số lượng), score (điểm), rank (thứ hạng), vnd. Loại: share (tỷ lệ 0–100), count, score, rank, amount. Chiều tốt: up (càng cao càng tốt) hoặc down. Cách đo: flow (trong kỳ) hoặc stock (tại thời điểm). Đơn vị đếm (không bắt buộc): danh từ đi sau số đếm trong báo cáo (hồ sơ, dịch vụ, doanh nghiệp), ví dụ \"500.000 hồ sơ\"; để trống thì chỉ ghi số.",
        "2. Sheet \"Đơn vị\": mỗi dòng một tỉnh, huyện hoặc cơ quan. Cấp: province (tỉnh), district (huyện) hoặc department (sở, ngành). Trực thuộc: mã đơn vị cấp trên. Tên gọi khác: các tên khác cách nhau bởi dấu |.",
        "3. Sheet \"Nguồn\": mỗi dòng một văn bản (báo cáo, kế hoạch) mà số liệu được lấy từ đó. Ngày ban hành dạng 2024-06-30.",
        "4. Sheet \"Số liệu\": mỗi dòng một chỉ tiêu của một đơn vị, mỗi cột một kỳ (2021, 2022, Năm 2023, 6 tháng đầu năm 2024, Quý I/2024, 30/6/2024). Có thể thêm cột kỳ. Ô để trống hoặc ghi \"-\" là không có số liệu. Số viết 12,5 hoặc 12.5 đều được, nhưng một cột chỉ dùng một cách viết.",
        "5. Sheet \"Chi tiết số liệu\" (không bắt buộc): số liệu dạng dài, có tử số, mẫu số, vị trí trong nguồn và ghi chú. Một số liệu có ở cả hai sheet phải có cùng giá trị.",
        "6. Sheet \"Mục tiêu\": mỗi dòng một mục tiêu. So sánh: ≥ (đạt khi không thấp hơn) hoặc ≤. Năm: năm phải đạt.",
        "",
        "Sau khi điền: chiso report --data ten-tep.xlsx --out bao-cao (hoặc chiso data import ten-tep.xlsx --out thu-muc để lưu thành bộ dữ liệu).",
    ]
}
