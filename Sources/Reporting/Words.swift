import Forecasting
import Foundation
import Indicators

/// A phrase in each report language: what a typed result (a status, a model, a remark) reads as.
public struct Phrase: Sendable, Equatable, Hashable {
    /// Vietnamese.
    public var vi: String
    /// English.
    public var en: String

    /// A phrase.
    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The phrase in a language.
    public func text(_ language: Language) -> String { language == .vi ? vi : en }

    /// Two phrases joined by "; " in each language (nil parts left out).
    public static func joined(_ parts: [Phrase]) -> Phrase? {
        guard !parts.isEmpty else { return nil }
        return Phrase(vi: parts.map(\.vi).joined(separator: "; "), en: parts.map(\.en).joined(separator: "; "))
    }
}

/// The one place where the library's typed results become words: statuses, models, projection flags,
/// gap-table remarks and forecast errors, in Vietnamese and English; the errors and findings of
/// every layer in `Words+Errors.swift` (`Words.error(_:)` for any error). Forecasting and Indicators return
/// enums; Reporting's tables hold ``Phrase``s; each renderer picks the language.
public enum Words {
    /// A target status: "đã đạt" / "achieved", …
    public static func status(_ status: TargetAssessment.Status) -> Phrase {
        switch status {
        case .achieved: Phrase(vi: "đã đạt", en: "achieved")
        case .onTrack: Phrase(vi: "đúng tiến độ", en: "on track")
        case .needsAcceleration: Phrase(vi: "cần tăng tốc", en: "needs acceleration")
        case .offTrack: Phrase(vi: "chậm tiến độ", en: "off track")
        case .movingAway: Phrase(vi: "đi ngược hướng", en: "moving away")
        case .insufficientData: Phrase(vi: "thiếu dữ liệu", en: "insufficient data")
        case .missed: Phrase(vi: "không đạt", en: "missed")
        }
    }

    /// The status a word names, in either language, any letter case, with `-`, `_` or spaces
    /// ("thiếu dữ liệu", "off track", "off_track", "on-track"); nil when it names none.
    public static func status(named text: String) -> TargetAssessment.Status? {
        func key(_ s: String) -> String {
            s.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
                .split(separator: " ").joined(separator: " ")
        }
        let wanted = key(text)
        return TargetAssessment.Status.allCases.first { s in
            let p = status(s)
            return [p.vi, p.en, s.rawValue].contains { key($0) == wanted }
        }
    }

    /// A trend model: "theo dữ liệu thực (hiệu chỉnh)" / "calibrated", "tuyến tính" / "linear", …
    public static func model(_ model: TrendModel) -> Phrase {
        switch model {
        case .calibrated: Phrase(vi: "hiệu chỉnh theo chuỗi thực", en: "calibrated")
        case .linear: Phrase(vi: "tuyến tính", en: "linear")
        case .loglinear: Phrase(vi: "tăng trưởng đều", en: "loglinear")
        case .logit: Phrase(vi: "đường cong chữ S", en: "logit")
        case .drift: Phrase(vi: "bước ngẫu nhiên có xu hướng", en: "drift")
        case .mean: Phrase(vi: "trung bình", en: "mean")
        }
    }

    /// What a table says once, under it, when every projection in it comes from the same model:
    /// "Mọi dự báo trong bảng theo cùng một phương pháp: hiệu chỉnh theo chuỗi thực." Nil when the
    /// rows use different models (each row then names its own) or none.
    public static func modelNote(_ models: [TrendModel]) -> Phrase? {
        guard let first = models.first, models.allSatisfy({ $0 == first }) else { return nil }
        let m = model(first)
        return Phrase(vi: "Mọi dự báo trong bảng theo cùng một phương pháp: \(m.vi).",
                      en: "Every projection in the table uses the same method: \(m.en).")
    }

    /// A projection flag, with the bound written in the language's digits.
    public static func flag(_ flag: Projection.Flag) -> Phrase {
        func bound(_ v: Double, _ l: Language) -> String { NumberText.plain(v, decimals: v == v.rounded() ? 0 : 2, l) }
        switch flag {
        case let .pointBelowLower(l):
            return Phrase(vi: "dự báo dưới cận dưới \(bound(l, .vi))", en: "point forecast below the lower bound \(bound(l, .en))")
        case let .intervalBelowLower(l):
            return Phrase(vi: "khoảng dự báo vượt cận dưới \(bound(l, .vi))", en: "interval crosses the lower bound \(bound(l, .en))")
        case let .pointAboveUpper(u):
            return Phrase(vi: "dự báo vượt cận trên \(bound(u, .vi))", en: "point forecast above the upper bound \(bound(u, .en))")
        case let .intervalAboveUpper(u):
            return Phrase(vi: "khoảng dự báo vượt cận trên \(bound(u, .vi))", en: "interval crosses the upper bound \(bound(u, .en))")
        case .noSpread:
            return Phrase(vi: "thiếu dữ liệu để tính khoảng dự báo (quá ít điểm cho mô hình này; hãy dùng cách dự báo mặc định)",
                          en: "insufficient data: no residual degrees of freedom for an interval (use the calibrated default)")
        }
    }

    /// Why a gap row has no forecast, or how it was judged.
    public static func remark(_ remark: GapRow.Remark) -> Phrase {
        switch remark {
        case .noObservation:
            Phrase(vi: "chưa có số liệu", en: "no observation")
        case let .judgedOnTargetYear(p, _):
            Phrase(vi: "số liệu đã đến năm mục tiêu: đánh giá theo giá trị \(period(p).vi)",
                   en: "the data already reach the target year: judged on the value of \(period(p).en)")
        case let .judgedOnNearest(p, _):
            Phrase(vi: "không có số liệu năm mục tiêu: đánh giá theo số liệu gần nhất (\(period(p).vi))",
                   en: "no observation in the target year: judged on the nearest one (\(period(p).en))")
        case let .noForecast(error):
            Words.forecastProblem(error)
        case .statusDisagreesWithPMeet:
            Phrase(vi: "tình trạng và xác suất đạt không khớp nhau", en: "status and P(meet) disagree")
        }
    }

    /// Why a row's status and P(meet) point different ways, from the numbers of its assessment: the
    /// status is read from the projected pace against the pace needed (its ratio beside the threshold
    /// it passed or missed), P(meet) from the whole range at the target year. "Tình trạng xét theo tốc
    /// độ dự kiến (bằng 0,96 lần tốc độ cần; từ 0,95 là đúng tiến độ), còn khả năng đạt (38 %) xét
    /// theo cả khoảng dự báo năm 2025, nên hai số này không cùng chiều." The generic remark when the
    /// ratio is unknown.
    static func disagreement(_ t: TargetAssessment) -> Phrase {
        guard t.disagreement, let ratio = t.progressRatio, let p = t.pMeet else { return remark(.statusDisagreesWithPMeet) }
        func n(_ v: Double, _ l: Language) -> String { NumberText.plain(v, decimals: 2, l) }
        func rule(_ l: Language) -> String {
            switch t.status {
            case .onTrack, .achieved: l == .vi ? "từ \(n(StatusThresholds.onTrack, l)) là đúng tiến độ" : "\(n(StatusThresholds.onTrack, l)) or more is on track"
            case .offTrack: l == .vi ? "dưới \(n(StatusThresholds.needsAcceleration, l)) là chậm tiến độ" : "under \(n(StatusThresholds.needsAcceleration, l)) is off track"
            case .movingAway: l == .vi ? "dưới 0 là đi ngược hướng" : "under 0 is moving away"
            case .needsAcceleration, .insufficientData, .missed: ""
            }
        }
        func line(_ l: Language) -> String {
            let probability = NumberText.format(p, .probability, l)
            return l == .vi
                ? "Tình trạng xét theo tốc độ dự kiến (bằng \(n(ratio, l)) lần tốc độ cần; \(rule(l))), còn khả năng đạt (\(probability)) xét theo cả khoảng dự báo năm \(t.year), nên hai số này không cùng chiều."
                : "The status is read from the projected pace (\(n(ratio, l)) times the pace needed; \(rule(l))), P(meet) (\(probability)) from the whole \(t.year) range, so the two point different ways."
        }
        return Phrase(vi: line(.vi), en: line(.en))
    }

    /// A forecast error as one line (the series' name kept as given).
    public static func error(_ error: ForecastError) -> Phrase {
        switch error {
        case let .tooFewPoints(name, count):
            return count == 0
                ? Phrase(vi: "\(name): chưa có số liệu", en: "\(name): no observation")
                : Phrase(vi: "\(name): \(count) điểm; mô hình này cần ít nhất 2",
                         en: "\(name): \(count) point\(count == 1 ? "" : "s"); this model needs at least 2")
        case let .targetBeforeData(name, year, last):
            return Phrase(vi: "\(name): năm mục tiêu \(year) không sau kỳ có số liệu cuối cùng (t = \(Words.time(last)))", en: error.description)
        case let .invalidLevel(level):
            return Phrase(vi: "mức tin cậy \(NumberText.plain(level, decimals: 0, .vi)) không nằm giữa 0 và 100", en: error.description)
        case let .outsideBounds(name, value, time, lower, upper):
            let l = lower.map(Words.number) ?? "−∞", u = upper.map(Words.number) ?? "∞"
            return Phrase(vi: "\(name): giá trị \(Words.number(value)) tại t = \(Words.time(time)) nằm ngoài khoảng [\(l); \(u)]", en: error.description)
        case let .notApplicable(name, model, reason):
            let m = model == "auto" ? "tự chọn" : (TrendModel(rawValue: model).map { Words.model($0).vi } ?? model)
            return Phrase(vi: "\(name): mô hình \(m) không áp dụng được: \(Words.notApplicable(reason).vi)", en: error.description)
        case let .invalidSeries(name, problem):
            return Phrase(vi: "\(name): \(Words.seriesProblem(problem).vi)", en: error.description)
        case let .statistics(name, failure):
            return Phrase(vi: "\(name): ước lượng GLM tựa nhị thức không thành công: \(Words.error(failure).vi)", en: error.description)
        }
    }

    /// A forecast error without the series' name (a report's row already names the indicator and
    /// the unit, by their names; the error's name is made of ids): "1 điểm; mô hình này cần ít nhất 2".
    public static func forecastProblem(_ error: ForecastError) -> Phrase {
        let name: String
        switch error {
        case let .tooFewPoints(n, _), let .invalidSeries(n, _), let .outsideBounds(n, _, _, _, _), let .notApplicable(n, _, _),
             let .targetBeforeData(n, _, _), let .statistics(n, _):
            name = n
        case .invalidLevel:
            return Words.error(error)
        }
        let phrase = Words.error(error)
        func drop(_ s: String) -> String { s.hasPrefix(name + ": ") ? String(s.dropFirst(name.count + 2)) : s }
        return Phrase(vi: drop(phrase.vi), en: drop(phrase.en))
    }

    /// "có" / "yes", "không" / "no".
    public static func yesNo(_ value: Bool) -> Phrase { value ? Phrase(vi: "có", en: "yes") : Phrase(vi: "không", en: "no") }

    /// A target's comparator as a mathematician writes it: "≥" or "≤" (the same in both languages).
    public static func comparator(_ comparator: Target.Comparator) -> Phrase {
        comparator == .atLeast ? Phrase(vi: "≥", en: "≥") : Phrase(vi: "≤", en: "≤")
    }
}

extension Words {
    /// A fit note.
    public static func note(_ note: FitNote) -> Phrase {
        func n(_ v: Double, _ d: Int = 2) -> String { NumberText.plain(v, decimals: v == v.rounded() ? 0 : d, .vi) }
        func t(_ v: Double) -> String { NumberText.plain(v, decimals: 2, .vi) }
        let vi: String
        switch note {
        case let .calibratedOn(points, similar, family, source):
            vi = "khoảng dự báo hiệu chỉnh: từ \(points) điểm và diễn biến của \(NumberText.plain(Double(similar), decimals: 0, .vi)) chuỗi \(familyVi(family)) tương tự (\(Words.source(source).vi))"
        case .onePointPeerTrend:
            vi = "một điểm: xu hướng lấy theo trung vị của các đơn vị khác cùng chỉ tiêu đến thời điểm đó"
        case let .calibrationRows(points, rows):
            vi = "bảng hiệu chỉnh không có cửa sổ \(points) điểm cho loại này: dùng các dòng \(rows) điểm"
        case let .trendFromLastPoints(k):
            vi = "xu hướng tính từ \(k) điểm cuối"
        case let .valuesMovedInsideBounds(moves):
            vi = "giá trị nằm trên biên được dời vào trong cho logit (" + moves.map { "t = \(t($0.t)): \(n($0.from)) → \(n($0.to, 4))" }.joined(separator: "; ") + ")"
        case .quasiBinomialGLM:
            vi = "logit ước lượng bằng GLM tựa nhị thức (IRLS) trên số đếm"
        case let .pointsWithoutCounts(times, trials):
            vi = "\(times.count) điểm không có số đếm (t = \(times.map(t).joined(separator: "; "))) được gán \(n(trials)) lượt, trung vị mẫu số"
        case .aiccFromValues:
            vi = "AICc tính từ đường logit khớp với giá trị (hàm tựa hợp lý không có AICc)"
        case let .driftHasNoAICc(changes, values):
            vi = "không có AICc: hàm hợp lý tính trên \(changes) bước thay đổi, không so được với \(values) giá trị của các mô hình khác"
        case let .variancePooled(series, df):
            vi = "phương sai phần dư gộp từ \(series) chuỗi cùng chỉ tiêu (bậc tự do = \(df))"
        case let .poolingFoundNone(model):
            vi = "không tìm được chuỗi nào khác cùng chỉ tiêu còn bậc tự do với mô hình \(Words.model(model).vi) để gộp phương sai"
        case let .targetAtUpperBound(bound, readAs, within):
            vi = "mục tiêu bằng cận trên \(n(bound)) được hiểu là ≥ \(n(readAs, 4)) (trong phạm vi \(n(within)) % của khoảng)"
        case let .targetAtLowerBound(bound, readAs):
            vi = "mục tiêu bằng cận dưới \(n(bound)) được hiểu là ≤ \(n(readAs, 4))"
        case let .unitFromPeers(peers):
            vi = "độ rộng khoảng dự báo theo tốc độ biến động của chỉ tiêu này ở \(peers) đơn vị"
        case .unitFromOwnHistory:
            vi = "không đơn vị nào khác có chỉ tiêu này: khoảng dự báo theo biến động của chính chuỗi và một mức tối thiểu rộng"
        case .unitFromPrior:
            vi = "chỉ có một điểm và không có đơn vị nào khác: khoảng dự báo theo mức mặc định rộng"
        case let .fasterThanPeers(peers):
            vi = "chuỗi tăng/giảm nhanh hơn hẳn \(peers) đơn vị khác: khoảng dự báo theo nhịp của chính chuỗi"
        case let .rangeCutAtFastestGrowth(factor):
            vi = "khoảng dự báo được giới hạn ở mức tăng nhanh nhất trong số liệu (×\(n(factor)) mỗi năm) nếu duy trì liên tục"
        }
        return Phrase(vi: vi, en: note.description)
    }

    /// Why the model was chosen.
    public static func reason(_ reason: SelectionReason) -> Phrase {
        func g(_ v: Double) -> String { NumberText.plain(v, decimals: abs(v) >= 100 ? 1 : 4, .vi) }
        let vi: String
        switch reason {
        case let .calibratedDefault(source):
            vi = "mặc định: xu hướng trên thang tự nhiên của chỉ tiêu, khoảng dự báo hiệu chỉnh theo các chuỗi thực (\(Words.source(source).vi))"
        case let .requested(model):
            vi = "mô hình \(Words.model(model).vi) theo yêu cầu"
        case let .byKind(n, kind, model):
            vi = "n = \(n) ≤ 3: chọn theo loại chỉ tiêu (\(kindVi(kind)) → \(Words.model(model).vi)), không theo số liệu"
        case let .nearTieByLOO(chosen, other, gap, a, b):
            vi = "AICc của \(Words.model(chosen).vi) chỉ kém \(Words.model(other).vi) \(g(gap)) và sai số kiểm định chéo bỏ-một thấp hơn (\(g(a)) so với \(g(b)))"
        case let .lowestAICc(aicc, gap, runnerUp):
            vi = "AICc thấp nhất (\(g(aicc))), thấp hơn \(Words.model(runnerUp).vi) \(g(gap))"
        case let .lowestLOO(n, rmse):
            vi = "n = \(n): đa số mô hình chưa có AICc; sai số kiểm định chéo bỏ-một thấp nhất (\(g(rmse)))"
        case let .noScore(kind, model):
            vi = "không có điểm số: chọn theo loại chỉ tiêu (\(kindVi(kind)) → \(Words.model(model).vi))"
        }
        return Phrase(vi: vi, en: reason.description)
    }

    /// Why `auto` left a candidate out.
    public static func exclusion(_ exclusion: Exclusion) -> Phrase {
        switch exclusion {
        case let .pointLeavesBounds(t):
            Phrase(vi: "dự báo vượt ra ngoài biên tại t = \(NumberText.plain(t, decimals: 2, .vi))", en: exclusion.description)
        case let .intervalLeavesBounds(t):
            Phrase(vi: "khoảng 95 % vượt ra ngoài biên tại t = \(NumberText.plain(t, decimals: 2, .vi)) (có mô hình khác nằm trong biên)",
                   en: exclusion.description)
        case let .failed(error):
            Words.error(error)
        }
    }

    /// A calibration's source line: the shipped corpus' credit in the language (the sources and their
    /// licences; what they hold is the table's `CalibrationTable.corpus` record), a table learned on
    /// one fold of a cross-validation ("…, entities of fold 1") with its fold in words; any other as written.
    public static func source(_ source: String) -> Phrase {
        // A table learned on one fold of a cross-validation (`BacktestRun`): "PANEL, entities of fold 1".
        if let range = source.range(of: ", entities of fold ", options: .backwards),
           let fold = Int(source[range.upperBound...]) {
            let panel = Words.source(String(source[..<range.lowerBound]))
            return Phrase(vi: "\(panel.vi), các đơn vị của nhóm \(fold)", en: source)
        }
        // A table learned without one indicator (the leave-one-indicator-out back-test): "PANEL without ID".
        if let range = source.range(of: " without ", options: .backwards) {
            let panel = Words.source(String(source[..<range.lowerBound]))
            return Phrase(vi: "\(panel.vi), trừ chỉ tiêu \(source[range.upperBound...])", en: source)
        }
        guard source.hasPrefix("Gapminder (Systema Globalis), from ITU") else { return Phrase(vi: source, en: source) }
        var vi = "Gapminder (Systema Globalis), tổng hợp từ ITU, WHO/UNICEF, Ngân hàng Thế giới, UNESCO, FAO và UNDP, giấy phép CC BY 4.0"
        if source.contains(Self.secondCorpusCredit) {
            vi += "; và Ngân hàng Thế giới (Doing Business, WDI, WGI của Kaufmann & Kraay, CPIA, SPI), CC BY 4.0; cơ sở dữ liệu SDG của Liên Hợp Quốc "
                + "(ITU, WHO/UNICEF) qua Gapminder/open-numbers; Global Data Lab (Area Database 4.1, Subnational HDI 5.0); Källa: Kolada "
                + "(PTS, Internetstiftelsen), thứ hạng do Chiso tính"
        }
        return Phrase(vi: vi, en: source)
    }

    /// The words by which the shipped calibration's source line credits the second corpus.
    static let secondCorpusCredit = "; and World Bank (Doing Business"

    /// Which way an indicator improves: "tăng là tốt" / "up", "giảm là tốt" / "down".
    public static func direction(_ direction: Indicator.Direction) -> Phrase {
        direction == .up ? Phrase(vi: "tăng là tốt", en: "up") : Phrase(vi: "giảm là tốt", en: "down")
    }

    /// Whether an indicator is measured over a period or at a moment: "thời kỳ" / "flow", "thời điểm" / "stock".
    public static func measure(_ measure: Indicator.Measure) -> Phrase {
        measure == .flow ? Phrase(vi: "thời kỳ", en: "flow") : Phrase(vi: "thời điểm", en: "stock")
    }

    /// An entity's level: "tỉnh" / "province", "huyện" / "district", "sở, ngành" / "department".
    public static func level(_ level: Entity.Level) -> Phrase {
        switch level {
        case .province: Phrase(vi: "tỉnh", en: "province")
        case .district: Phrase(vi: "huyện", en: "district")
        case .department: Phrase(vi: "sở, ngành", en: "department")
        }
    }

    /// An indicator kind: "tỷ lệ" / "share", …
    public static func kind(_ kind: Indicator.Kind) -> Phrase { Phrase(vi: kindVi(kind), en: kind.rawValue) }

    static func kindVi(_ kind: Indicator.Kind) -> String {
        switch kind {
        case .share: "tỷ lệ"
        case .count: "số đếm"
        case .score: "điểm số"
        case .rank: "thứ hạng"
        case .amount: "giá trị"
        }
    }

    static func familyVi(_ family: CalibrationTable.Family) -> String {
        switch family {
        case .share: "tỷ lệ"
        case .count: "số đếm"
        case .score: "điểm số"
        case .rank: "thứ hạng"
        }
    }

    /// A coefficient's name as the forecast prints it: R's names ("(Intercept)", "t", "drift") and the
    /// calibrated trend's ("level (log)", "slope/yr (log)", "beta (h = 1)"), in the language; in
    /// Vietnamese in plain words, the scales named after the models that use them ("thang tăng
    /// trưởng đều" for log, "thang đường cong chữ S" for logit), β as the share of the trend kept.
    public static func coefficient(_ name: String) -> Phrase {
        let scales = [("logit of the share of the range", "thang đường cong chữ S"), ("log", "thang tăng trưởng đều"), ("values", "giá trị"),
                      ("place in the field", "vị trí trong nhóm xếp hạng")]
        for (en, vi) in scales {
            if name == "level (\(en))" { return Phrase(vi: "mức (\(vi))", en: name) }
            if name == "slope/yr (\(en))" { return Phrase(vi: "độ dốc/năm (\(vi))", en: name) }
        }
        switch name {
        case "(Intercept)": return Phrase(vi: "hệ số chặn", en: name)
        case "drift": return Phrase(vi: "độ trôi/năm", en: name)
        case "mean": return Phrase(vi: "trung bình", en: name)
        case "beta (h = 1)": return Phrase(vi: "phần xu hướng được giữ (1 năm)", en: name)
        default: return Phrase(vi: name, en: name)
        }
    }
}
