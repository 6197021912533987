import Forecasting
import Indicators

/// What a report's terms mean, and where its data come from, in each language.
public enum Glossary {
    /// The back-test the glossary quotes for the shipped calibration: `make backtest`'s
    /// leave-one-indicator-out run on both corpora (each indicator scored with a table learned on the
    /// others, and by country inside it), 374,977 forecast windows. The ranges' coverage over the
    /// sixteen rows of kind × number of points (README, "Leave one indicator out"): 80 % ranges held
    /// the outcome 73.3–92.7 % of the time, 95 % ranges 94.0–98.1 % (measured 2026-12-07, session 11, after
    /// ranks kept a learned share of their centre's movement). Update with the README when the
    /// method or the corpora change; what the corpora hold is the table's own record
    /// (`CalibrationTable.corpus`).
    public static let backtest = (windows: 374_977, cover80: (73.3, 92.7), cover95: (94.0, 98.1))

    /// What a calibration was learned from, from its own record: "27 chỉ tiêu ở 3.412 đơn vị
    /// (1960–2024)" / "27 indicators in 3,412 units (1960–2024)"; its source line when it has no record.
    public static func corpus(_ table: CalibrationTable) -> Phrase {
        guard let c = table.corpus else { return Words.source(table.source) }
        func n(_ v: Int, _ l: Language) -> String { NumberText.plain(Double(v), decimals: 0, l) }
        let years = c.firstYear == c.lastYear ? "\(c.firstYear)" : "\(c.firstYear)–\(c.lastYear)"
        return Phrase(vi: "\(n(c.indicators, .vi)) chỉ tiêu ở \(n(c.entities, .vi)) đơn vị (\(years))",
                      en: "\(n(c.indicators, .en)) \(c.indicators == 1 ? "indicator" : "indicators") in \(n(c.entities, .en)) \(c.entities == 1 ? "unit" : "units") (\(years))")
    }

    /// Whether `table` is the shipped calibration, the one the back-test (``backtest``) measured.
    static func isShipped(_ table: CalibrationTable) -> Bool { table == CalibrationTable.shipped }

    /// One sentence on what the ranges rest on and how far they can be trusted: the corpus of
    /// `table` in its own words, and for the shipped table the back-test's coverage.
    public static func rangesChecked(_ table: CalibrationTable = .shipped) -> Phrase {
        func r(_ v: (Double, Double), _ l: Language) -> String {
            "\(NumberText.plain(v.0, decimals: 1, l))–\(NumberText.plain(v.1, decimals: 1, l))\(l == .vi ? " %" : "%")"
        }
        let corpus = corpus(table)
        guard isShipped(table) else {
            return Phrase(vi: "Các khoảng dự báo học từ số liệu thực của \(corpus.vi), theo bảng hiệu chỉnh riêng của người dùng; bảng này chưa được kiểm tra như bảng đi kèm Chiso.",
                          en: "The ranges were learned from real data of \(corpus.en), with the user's own calibration table, which has not been checked as the one shipped with Chiso was.")
        }
        return Phrase(
            vi: "Các khoảng dự báo học từ số liệu thực của \(corpus.vi) và đã được kiểm tra: khi dự báo lại mỗi chỉ tiêu bằng những gì học từ các chỉ tiêu còn lại, khoảng 80 % chứa giá trị thực \(r(backtest.cover80, .vi)) số lần, khoảng 95 % chứa \(r(backtest.cover95, .vi)) số lần.",
            en: "The ranges were learned from real data of \(corpus.en) and checked: forecasting each indicator again with what was learned from the others, 80% ranges held the outcome \(r(backtest.cover80, .en)) of the time, 95% ranges \(r(backtest.cover95, .en)).")
    }

    /// The terms a report uses, each with its definition (the calibrated default described by
    /// `table`, the shipped one unless the report was made with another).
    public static func entries(_ table: CalibrationTable = .shipped) -> [(term: Phrase, definition: Phrase)] {
        func t(_ v: Double) -> (vi: String, en: String) { (NumberText.plain(v, decimals: 2, .vi), NumberText.plain(v, decimals: 2, .en)) }
        let (onTrack, accelerate) = (t(StatusThresholds.onTrack), t(StatusThresholds.needsAcceleration))
        let windows = (vi: NumberText.plain(Double(backtest.windows), decimals: 0, .vi), en: NumberText.plain(Double(backtest.windows), decimals: 0, .en))
        let corpus = corpus(table), credit = Words.source(table.source)
        var out: [(term: Phrase, definition: Phrase)] = [
            (Phrase(vi: "Khả năng đạt", en: "P(meet)"),
             Phrase(vi: "Xác suất để giá trị của chỉ tiêu vào năm mục tiêu đạt mục tiêu, theo phân bố dự báo. 50 % nghĩa là khả năng đạt và không đạt ngang nhau; dưới 10 % là gần như không thể đạt nếu giữ xu hướng hiện nay.",
                    en: "The probability that the indicator's value in the target year meets the target, from the forecast distribution. 50% means meeting and missing are equally likely; below 10%, the target is out of reach on the current trend.")),
            (Phrase(vi: "Khoảng 80 % (khoảng 95 %)", en: "80% range (95% range)"),
             Phrase(vi: "Khoảng mà giá trị thực được dự kiến rơi vào 8 trên 10 lần (19 trên 20 lần với khoảng 95 %). Khoảng rộng nghĩa là còn nhiều bất định, thường vì chuỗi số liệu ngắn.",
                    en: "The range the true value is expected to fall in 8 times out of 10 (19 out of 20 for the 95% range). A wide range means much uncertainty, usually because the series is short.")),
            (Phrase(vi: "Tỷ số tiến độ", en: "Progress ratio"),
             Phrase(vi: "Mức tăng dự kiến mỗi năm đến năm mục tiêu chia cho mức tăng cần mỗi năm để đạt mục tiêu (với mô hình tuyến tính, tăng trưởng đều hoặc chữ S: mức tăng đã đạt). Tỷ lệ được tính trên thang logit, số lượng trên thang log.",
                    en: "The projected change per year to the target year over the change per year the target needs (for the linear, loglinear and logit models: the change achieved so far). Shares are measured on the logit scale, counts on the log scale.")),
            (Phrase(vi: "Tình trạng", en: "Status"),
             Phrase(vi: "Đã đạt: giá trị mới nhất đã đạt mục tiêu. Đúng tiến độ: tỷ số tiến độ từ \(onTrack.vi) trở lên. Cần tăng tốc: từ \(accelerate.vi) đến dưới \(onTrack.vi). Chậm tiến độ: từ 0 đến dưới \(accelerate.vi). Đi ngược hướng: âm (chỉ tiêu đi xa mục tiêu). Không đạt: năm mục tiêu đã qua và giá trị năm đó chưa đạt mục tiêu. Thiếu dữ liệu: chưa có số liệu hoặc chưa dự báo được.",
                    en: "Achieved: the latest value meets the target. On track: progress ratio \(onTrack.en) or more. Needs acceleration: \(accelerate.en) to below \(onTrack.en). Off track: 0 to below \(accelerate.en). Moving away: negative (the indicator moves away from the target). Missed: the target year has passed and that year's value fell short. Insufficient data: no observation, or no projection could be made.")),
            (Phrase(vi: "Điểm %", en: "pp (percentage points)"),
             Phrase(vi: "Hiệu của hai tỷ lệ: từ 60 % lên 65 % là tăng 5 điểm %.", en: "The difference of two percentages: from 60% to 65% is 5 pp.")),
            (Phrase(vi: "Hiệu chỉnh theo chuỗi thực", en: "Calibrated"),
             Phrase(vi: "Cách dự báo mặc định: xu hướng của chuỗi, đo bằng tốc độ biến động của chính chỉ tiêu đó ở các đơn vị khác trong bộ số liệu (các huyện, các tỉnh), với độ rộng khoảng dự báo học từ sai số thực của các chuỗi tương tự (cùng loại chỉ tiêu, cùng số điểm dữ liệu) trong số liệu thực của \(corpus.vi). Nguồn: \(credit.vi).",
                    en: "The default forecast: the series' trend, measured in how fast this indicator moves in the dataset's other units (districts, provinces), with range widths learned from the real errors of similar series (same kind of indicator, same number of points) in real data of \(corpus.en). Sources: \(credit.en).")),
        ]
        if isShipped(table) {
            out.append((Phrase(vi: "Cách kiểm tra các khoảng", en: "How the ranges were checked"),
                        Phrase(vi: "Dự báo lại \(windows.vi) lần từ số liệu quá khứ, mỗi chỉ tiêu bằng bảng học từ các chỉ tiêu khác và một nửa số đơn vị, chấm trên nửa còn lại, rồi đếm số lần giá trị thực nằm trong khoảng. " + rangesChecked(table).vi,
                               en: "\(windows.en) forecasts were made again from past data, each indicator with a table learned on the other indicators and half of the units, scored on the other half, counting how often the outcome fell in the range. " + rangesChecked(table).en)))
        }
        return out
    }

    /// A source's date as a period: a day (`2022-07-18`) or a month (`2024-09`); nil when blank or
    /// not a date.
    static func sourceDate(_ text: String) -> Period? {
        let parts = text.split(separator: "-")
        if parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) { return .month(y, m) }
        guard parts.count == 3, case let .date(day)? = try? Period(parsing: text) else { return nil }
        return .date(day)
    }

    /// The kinds of administrative document (Decree 30/2020/NĐ-CP) a title may begin with, and
    /// their English names: what a short citation calls the document.
    static let documentKinds: [(vi: String, en: String)] = [
        ("Quyết định", "Decision"), ("Báo cáo", "Report"), ("Kế hoạch", "Plan"), ("Nghị quyết", "Resolution"),
        ("Nghị định", "Decree"), ("Chỉ thị", "Directive"), ("Thông tư", "Circular"), ("Công văn", "Official letter"),
        ("Thông báo", "Notice"), ("Hướng dẫn", "Guidance"), ("Chương trình", "Programme"), ("Đề án", "Scheme"),
        ("Tờ trình", "Submission"), ("Luật", "Law"),
    ]

    /// A source document as a table cites it, short enough for a column: its kind (from the
    /// title's first words; "Văn bản" / "Document" otherwise) and number ("Quyết định số
    /// 749/QĐ-TTg" / "Decision 749/QĐ-TTg"); without a number, its kind, issuer and date ("Báo cáo
    /// của UBND huyện Krông Nô, tháng 9/2024"); the title when it has neither (its file's name
    /// when it has no title). Never the id.
    public static func citation(_ s: Source) -> Phrase {
        let title = s.title.trimmingCharacters(in: .whitespaces)
        let kind = documentKinds.first { title.lowercased().hasPrefix($0.vi.lowercased() + " ") || title.lowercased() == $0.vi.lowercased() }
        let number = s.documentNumber.trimmingCharacters(in: .whitespaces)
        if let first = number.unicodeScalars.first, ("0"..."9").contains(first) {
            return Phrase(vi: "\(kind?.vi ?? "Văn bản") số \(number)", en: "\(kind?.en ?? "Document") \(number)")
        }
        let issuer = s.issuer.trimmingCharacters(in: .whitespaces)
        guard !issuer.isEmpty else { return Phrase(vi: title.isEmpty ? s.file : title, en: title.isEmpty ? s.file : title) }
        let date = sourceDate(s.date).map { Words.period($0) }
        return Phrase(vi: "\(kind?.vi ?? "Văn bản") của \(issuer)" + (date.map { ", \($0.vi)" } ?? ""),
                      en: "\(kind?.en ?? "Document") of \(issuer)" + (date.map { ", \($0.en)" } ?? ""))
    }

    /// A source document as a reference line: "UBND tỉnh Đắk Nông, số 416/BC-UBND, ngày 18/7/2022:
    /// Báo cáo về kết quả …" (issuer, number and date where the dataset gives them).
    public static func source(_ s: Source) -> Phrase {
        let date = sourceDate(s.date).map { Words.period($0) }
        var vi: [String] = [], en: [String] = []
        if !s.issuer.isEmpty { vi.append(s.issuer); en.append(s.issuer) }
        if !s.documentNumber.isEmpty { vi.append("số \(s.documentNumber)"); en.append("no. \(s.documentNumber)") }
        if let date { vi.append(date.vi); en.append(date.en) }
        let head = (vi.joined(separator: ", "), en.joined(separator: ", "))
        return Phrase(vi: head.0.isEmpty ? s.title : "\(head.0): \(s.title)", en: head.1.isEmpty ? s.title : "\(head.1): \(s.title)")
    }
}
