import Indicators

/// The words of the empty template: its instructions sheet, the example row of each sheet, and
/// what the drop-down lists say of a word not in them. The allowed words are `Vocabulary`'s.
extension DatasetWorkbookWriter {
    /// The title of the message shown for a typed value not in a drop-down list.
    static let listTitle = "Giá trị không có trong danh sách"
    /// The message shown for a typed value not in a drop-down list (Excel then lets it stand).
    static let listMessage = "Nên chọn một giá trị trong danh sách. Chiso cũng đọc được chữ không dấu và mã tiếng Anh (share, province…); giá trị khác sẽ bị báo lỗi khi kiểm tra."

    /// The example row of a sheet (`DatasetWorkbook.exampleMarker` first, grey italics): one
    /// indicator, one district, one report, its values for the first five `years`, one target.
    static func example(_ spec: DatasetWorkbook.Sheet, years: [String]) -> [Cell] {
        let marker = DatasetWorkbook.exampleMarker + " "
        let indicator = "Tỷ lệ hồ sơ trực tuyến toàn trình", entity = "huyện A", source = "Báo cáo kết quả chuyển đổi số năm 2024"
        let words: [String: String]
        let numbers: [String: Double]
        switch spec.name {
        case DatasetWorkbook.indicators.name:
            words = ["id": marker + "ty_le_ho_so_truc_tuyen", "name_vi": indicator, "name_en": "Share of applications processed fully online",
                     "unit": Vocabulary.unit.word(.percent), "kind": Vocabulary.kind.word(.share), "direction": Vocabulary.direction.word(.up),
                     "measure": Vocabulary.measure.word(.flow),
                     "definition": "Số hồ sơ tiếp nhận và giải quyết trực tuyến toàn trình trên tổng số hồ sơ tiếp nhận trong kỳ"]
            numbers = ["lower": 0, "upper": 100]
        case DatasetWorkbook.entities.name:
            words = ["id": marker + "huyen_a", "name_vi": entity, "name_en": "District A", "level": Vocabulary.level.word(.district),
                     "parent": "tinh_b", "aliases": "H. A|Huyện A cũ"]
            numbers = [:]
        case DatasetWorkbook.sources.name:
            words = ["title": marker + source, "document_number": "123/BC-UBND", "issuer": "UBND huyện A", "date": "2024-12-20",
                     "file": "bao-cao-cds-2024.pdf"]
            numbers = [:]
        case DatasetWorkbook.data.name:
            words = ["indicator": marker + indicator, "entity": entity, "source": source]
            numbers = Dictionary(zip(years.prefix(5), [12.5, 21.4, 30.2, 38.5, 45]), uniquingKeysWith: { a, _ in a })
        case DatasetWorkbook.observations.name:
            words = ["indicator": marker + indicator, "entity": entity, "period": "2024", "source": source, "locator": "Biểu 2, dòng 5"]
            numbers = ["value": 45, "numerator": 4_500, "denominator": 10_000]
        case DatasetWorkbook.targets.name:
            words = ["indicator": marker + indicator, "entity": entity, "comparator": Vocabulary.comparator.word(.atLeast), "source": source,
                     "note": "Kế hoạch chuyển đổi số của huyện"]
            numbers = ["year": 2025, "value": 80]
        default:
            words = [:]
            numbers = [:]
        }
        return (spec.columns.map(\.column) + years).map { column in
            if let w = words[column] { return .text(w, .example) }
            if let n = numbers[column] { return .number(n, .example) }
            return .empty
        }
    }

    /// The instructions sheet: a title, then one paragraph a row, wrapped, each row as tall as its text.
    static var instructions: XLSXWriter.Sheet {
        let width = 60.0
        var sheet = XLSXWriter.Sheet(name: DatasetWorkbook.instructions, rows: instructionLines.enumerated().map { k, line in
            [k == 0 ? .text(line, .title) : (line.isEmpty ? .empty : .text(line, .wrapped))]
        })
        sheet.widths = [width]
        sheet.fitToWidth = true
        for (k, row) in sheet.rows.enumerated() {
            if let height = XLSXWriter.fittedHeight(row, widths: [width]) { sheet.rowHeights[k + 1] = height }
        }
        return sheet
    }

    /// The instructions, one paragraph a line (Vietnamese), naming the drop-down lists' words.
    static var instructionLines: [String] {
        func words<T>(_ choices: Vocabulary.Choices<T>) -> String {
            let w = choices.entries.compactMap(\.words.first)
            return w.dropLast().joined(separator: ", ") + (w.count > 1 ? " hoặc " : "") + (w.last ?? "")
        }
        return [
            "Mẫu nhập số liệu chỉ tiêu (Chiso)",
            "",
            "Điền lần lượt các sheet Chỉ tiêu, Đơn vị, Nguồn, rồi Số liệu và Mục tiêu. Dòng 2 của mỗi sheet (chữ nghiêng màu xám, bắt đầu bằng \"\(DatasetWorkbook.exampleMarker)\") là dòng ví dụ: Chiso không đọc dòng này, có thể để nguyên hoặc xóa. Điền số liệu của đơn vị từ dòng 3.",
            "1. Sheet \"Chỉ tiêu\": mỗi dòng một chỉ tiêu. Mã chỉ tiêu chỉ gồm chữ không dấu, số và gạch dưới (ví dụ ty_le_ho_so_truc_tuyen); mã được dùng trong lệnh và tên tệp báo cáo. Loại: \(words(Vocabulary.kind)). Đơn vị tính: % (tỷ lệ), điểm, hạng, đồng, triệu đồng, hoặc danh từ đếm như hồ sơ, dịch vụ, doanh nghiệp khi Loại là số lượng (danh từ này được ghi sau số trong báo cáo: \"500.000 hồ sơ\"). Cận dưới, cận trên: giới hạn của giá trị (tỷ lệ: 0 và 100; điểm: 0 và điểm tối đa). Chiều tốt: \(words(Vocabulary.direction)). Cách đo: thời kỳ (số của cả kỳ, như số hồ sơ trong năm) hoặc thời điểm (số tại một ngày, như số doanh nghiệp đến 31/12). Chỉ tiêu tổng, Điểm được xếp hạng: mã của chỉ tiêu khác, không bắt buộc.",
            "2. Sheet \"Đơn vị\": mỗi dòng một tỉnh, huyện hoặc sở, ngành. Cấp: \(words(Vocabulary.level)). Trực thuộc: mã đơn vị cấp trên. Tên gọi khác: các cách viết khác của tên, cách nhau bởi dấu | (Krông Nô|K'rông Nô).",
            "3. Sheet \"Nguồn\": mỗi dòng một văn bản (báo cáo, kế hoạch, nghị quyết) mà số liệu hoặc mục tiêu được lấy từ đó. Chỉ cần ghi Tên văn bản; để trống Mã nguồn thì Chiso tự đặt mã từ tên văn bản. Ngày ban hành dạng 2024-12-20: khi hai văn bản ghi hai số khác nhau cho cùng một số liệu, số của văn bản ban hành sau được dùng.",
            "4. Sheet \"Số liệu\": mỗi dòng một chỉ tiêu của một đơn vị, mỗi cột một kỳ (2021, Năm 2023, 6 tháng đầu năm 2024, Quý I/2024, 30/6/2024); có thể thêm cột kỳ. Cột Chỉ tiêu, Đơn vị, Nguồn ghi tên hoặc mã (nguồn ghi tên văn bản). Ô để trống hoặc ghi \"-\" là không có số liệu. Số viết 12,5 hoặc 12.5 đều được, nhưng mỗi cột chỉ dùng một cách viết.",
            "5. Sheet \"Chi tiết số liệu\" (không bắt buộc): mỗi dòng một số liệu, có thêm tử số, mẫu số, vị trí trong nguồn và ghi chú. Một số liệu có ở cả hai sheet phải có cùng giá trị.",
            "6. Sheet \"Mục tiêu\": mỗi dòng một mục tiêu. Năm: năm phải đạt. So sánh: ≥ (đạt khi không thấp hơn giá trị) hoặc ≤ (đạt khi không cao hơn).",
            "Các cột Đơn vị tính, Loại, Chiều tốt, Cách đo, Cấp và So sánh có danh sách để chọn; gõ trực tiếp cũng được, không phân biệt chữ hoa, chữ thường, có dấu hay không dấu.",
            "",
            "Sau khi điền: chiso data validate --data ten-tep.xlsx để kiểm tra; chiso report --data ten-tep.xlsx --out bao-cao để lập báo cáo (hoặc chiso data import ten-tep.xlsx --out thu-muc để lưu thành bộ dữ liệu).",
        ]
    }
}
