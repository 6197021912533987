import Forecasting
import Indicators

/// What a report's terms mean, and where its data come from, in each language.
public enum Glossary {
    /// The back-test the glossary quotes: `make backtest`'s leave-one-indicator-out run on both corpora
    /// (27 indicators; each scored with a table learned on the other 26, and by country inside it),
    /// 374,977 forecast windows. The ranges' coverage over the sixteen rows of kind × number of points
    /// (README, "Leave one indicator out"): 80 % ranges held the outcome 73.3–86.8 % of the time, 95 %
    /// ranges 93.5–96.9 %. Update with the README when the method or the corpora change.
    public static let backtest = (windows: 374_977, indicators: 27, cover80: (73.3, 86.8), cover95: (93.5, 96.9))

    /// One sentence on how far the ranges can be trusted.
    public static var rangesChecked: Phrase {
        func r(_ v: (Double, Double), _ l: Language) -> String {
            "\(NumberText.plain(v.0, decimals: 1, l))–\(NumberText.plain(v.1, decimals: 1, l))\(l == .vi ? " %" : "%")"
        }
        return Phrase(
            vi: "Các khoảng dự báo đã được kiểm tra trên số liệu thực của \(backtest.indicators) chỉ tiêu ở các nước và địa phương, mỗi chỉ tiêu được dự báo bằng những gì học từ các chỉ tiêu còn lại: khoảng 80 % chứa giá trị thực \(r(backtest.cover80, .vi)) số lần, khoảng 95 % chứa \(r(backtest.cover95, .vi)) số lần.",
            en: "The ranges were checked against real outcomes of \(backtest.indicators) indicators in countries and regions, each forecast with what was learned from the others: 80% ranges held the outcome \(r(backtest.cover80, .en)) of the time, 95% ranges \(r(backtest.cover95, .en)).")
    }

    /// The terms a report uses, each with its definition.
    public static var entries: [(term: Phrase, definition: Phrase)] {
        func t(_ v: Double) -> (vi: String, en: String) { (NumberText.plain(v, decimals: 2, .vi), NumberText.plain(v, decimals: 2, .en)) }
        let (onTrack, accelerate) = (t(StatusThresholds.onTrack), t(StatusThresholds.needsAcceleration))
        let windows = (vi: NumberText.plain(Double(backtest.windows), decimals: 0, .vi), en: NumberText.plain(Double(backtest.windows), decimals: 0, .en))
        return [
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
             Phrase(vi: "Cách dự báo mặc định: xu hướng của chuỗi, đo bằng tốc độ biến động của chính chỉ tiêu đó ở các đơn vị khác trong bộ số liệu (các huyện, các tỉnh), với độ rộng khoảng dự báo học từ sai số thực của các chuỗi tương tự (cùng loại chỉ tiêu, cùng số điểm dữ liệu) của \(backtest.indicators) chỉ tiêu ở các nước và địa phương.",
                    en: "The default forecast: the series' trend, measured in how fast this indicator moves in the dataset's other units (districts, provinces), with range widths learned from the real errors of similar series (same kind of indicator, same number of points) of \(backtest.indicators) indicators in countries and regions.")),
            (Phrase(vi: "Cách kiểm tra các khoảng", en: "How the ranges were checked"),
             Phrase(vi: "Dự báo lại \(windows.vi) lần từ số liệu quá khứ, mỗi chỉ tiêu bằng bảng học từ các chỉ tiêu khác và một nửa số quốc gia, chấm trên nửa còn lại, rồi đếm số lần giá trị thực nằm trong khoảng. " + rangesChecked.vi,
                    en: "\(windows.en) forecasts were made again from past data, each indicator with a table learned on the other indicators and half of the countries, scored on the other half, counting how often the outcome fell in the range. " + rangesChecked.en)),
        ]
    }

    /// A source's date as a period: a day (`2022-07-18`) or a month (`2024-09`); nil when blank or
    /// not a date.
    static func sourceDate(_ text: String) -> Period? {
        let parts = text.split(separator: "-")
        if parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) { return .month(y, m) }
        guard parts.count == 3, case let .date(day)? = try? Period(parsing: text) else { return nil }
        return .date(day)
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
