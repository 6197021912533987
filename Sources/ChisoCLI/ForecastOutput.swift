import Chiso
import Foundation

/// Renderings of a ``Forecast``: a table in the layout of R's forecast print, and JSON.
enum ForecastOutput {
    static func levelKey(_ level: Double) -> String { level == level.rounded() ? String(Int(level)) : level.description }

    static func json(_ f: Forecast, levels: [Double], kind: String? = nil, language: Language = .en) -> String {
        let l = language
        var pairs: [(String, JSONText)] = kind.map { [("series", .string($0))] } ?? []
        pairs += [
            ("model", .string(f.fit.model.rawValue)),
            ("model_text", .string(Words.model(f.fit.model).text(l))),
            ("n", .integer(f.fit.n)),
            ("reason", .string(Words.reason(f.reason).text(l))),
            ("candidates", .array(f.candidates.map { c in
                var o: [(String, JSONText)] = [
                    ("model", .string(c.model.rawValue)), ("aicc", c.aicc.map(JSONText.double) ?? .null),
                    ("loo_rmse", c.looRMSE.map(JSONText.double) ?? .null), ("chosen", .bool(c.chosen)),
                ]
                if let why = c.excluded { o.append(("excluded", .string(Words.exclusion(why).text(l)))) }
                return .object(o)
            })),
            ("coefficients", .array(f.fit.coefficients.map {
                .object([("name", .string($0.name)), ("label", .string(Words.coefficient($0.name).text(l))), ("estimate", .double($0.estimate)),
                         ("std_error", .double($0.standardError))])
            })),
            ("sigma", .double(f.fit.sigma)),
            ("df_residual", .integer(f.fit.dfResidual)),
            ("log_likelihood", f.fit.logLikelihood.map(JSONText.double) ?? .null),
            ("aicc", f.fit.aicc.map(JSONText.double) ?? .null),
            ("pooled", .bool(f.fit.isPooled)),
            ("intervals", .string(f.fit.calibratedTrend != nil ? "calibrated" : "model")),
            ("notes", .array(f.fit.notes.map { .string(Words.note($0).text(l)) })),
            ("projections", .array(f.projections.map { p in
                var o: [(String, JSONText)] = []
                if let y = p.year { o.append(("year", .integer(y))) }
                o.append(("t", .double(p.t)))
                o.append(("estimate", .double(p.estimate)))
                for i in p.intervals {
                    let key = levelKey(i.level)
                    let lower: JSONText = i.lower.map(JSONText.double) ?? .null, upper: JSONText = i.upper.map(JSONText.double) ?? .null
                    o.append(("lower_" + key, lower))
                    o.append(("upper_" + key, upper))
                }
                o.append(("flags", .array(p.flags.map { .string(Words.flag($0).text(l)) })))
                return .object(o)
            })),
        ]
        if let t = f.target {
            let perYear: [(String, JSONText)] = [
                ("progress_scale", .string(t.progressScale.rawValue)),
                ("required_change_per_year", JSONText.double(t.requiredChangePerYear)),
                ("achieved_change_per_year", t.achievedChangePerYear.map(JSONText.double) ?? .null),
                ("projected_change_per_year", t.projectedChangePerYear.map(JSONText.double) ?? .null),
            ]
            pairs.append(("target", .object([
                ("value", .double(t.value)), ("year", .integer(t.year)),
                ("comparator", .string(t.atLeast ? ">=" : "<=")),
                ("p_meet", t.pMeet.map(JSONText.double) ?? .null),
                ("crossing_year", t.crossingYear.map(JSONText.integer) ?? .null),
                ("status", .string(t.status.rawValue)),
                ("status_text", .string(Words.status(t.status).text(l))),
                ("progress_ratio", t.progressRatio.map(JSONText.double) ?? .null),
                ("required_annual_change", t.requiredAnnualChange.map(JSONText.double) ?? .null),
                ("achieved_annual_change", t.achievedAnnualChange.map(JSONText.double) ?? .null),
                ("projected_annual_change", t.projectedAnnualChange.map(JSONText.double) ?? .null),
                ("cagr_ratio", t.cagrRatio.map(JSONText.double) ?? .null),
                ("status_disagrees_with_p_meet", .bool(t.disagreement)),
                ("notes", .array(t.notes.map { .string(Words.note($0).text(l)) })),
            ] + perYear)))
        }
        return JSONText.object(pairs).rendered()
    }

    /// A number with 4 significant digits in the language, never in scientific notation ("NA"/"—"
    /// when missing).
    static func g(_ v: Double?, _ l: Language) -> String {
        guard let v, v.isFinite else { return l == .vi ? "—" : "NA" }
        return NumberText.significant(v, digits: 4, l)
    }

    /// The forecast as text. Its values (projections, bounds, target, changes per year) are written
    /// in `style`: every number of the table with the same decimals, a target as it was written;
    /// coefficients and scores with 4 significant digits. Nothing is written in scientific notation.
    static func table(_ f: Forecast, levels: [Double], kind: String? = nil, language: Language = .en, style: ValueStyle) -> String {
        let l = language, vi = l == .vi
        func g(_ v: Double?) -> String { Self.g(v, l) }
        func value(_ v: Double?) -> String {
            guard let v, v.isFinite else { return vi ? "—" : "NA" }
            return style.number(v, l)
        }
        func when(_ p: Projection) -> String { p.year.map(String.init) ?? String(format: "%.3f", p.t) }
        var header = ["", vi ? "Dự báo" : "Point Forecast"]
        for level in levels { header += [(vi ? "Thấp " : "Lo ") + levelKey(level), (vi ? "Cao " : "Hi ") + levelKey(level)] }
        var rows: [[String]] = []
        for p in f.projections {
            var row = [when(p), value(p.estimate)]
            for i in p.intervals { row += [value(i.lower), value(i.upper)] }
            rows.append(row)
        }
        var lines = kind.map { [(vi ? "Chuỗi: " : "Series: ") + $0] } ?? []
        lines.append((vi ? "Phương pháp dự báo: " : "Forecast method: ") + "\(Words.model(f.fit.model).text(l)) (n = \(f.fit.n)); \(Words.reason(f.reason).text(l))")
        let coefficients = f.fit.coefficients.map { c in
            "\(Words.coefficient(c.name).text(l)) = \(g(c.estimate))" + (f.fit.calibratedTrend != nil ? "" : (vi ? " (sai số chuẩn " : " (se ") + "\(g(c.standardError)))")
        }.joined(separator: vi ? "; " : ", ")
        if f.fit.calibratedTrend != nil {
            lines.append((vi ? "Mô hình: " : "Model: ") + coefficients)
            lines.append(vi ? "Khoảng dự báo: hiệu chỉnh theo kết quả thực của các chuỗi tương tự (--intervals model: khoảng theo công thức của mô hình)"
                            : "Intervals: calibrated (empirical quantiles of real outcomes; --intervals model gives the textbook Student t)")
        } else {
            lines.append((vi ? "Mô hình: " : "Model: ") + coefficients + (vi ? "; σ = " : ", sigma = ") + g(f.fit.sigma)
                         + (vi ? "; bậc tự do = " : ", df = ") + "\(f.fit.dfResidual)")
            lines.append(vi ? "Khoảng dự báo: theo công thức của mô hình, chưa hiệu chỉnh theo kết quả thực"
                            : "Intervals: textbook (Student t on the model's scale), not calibrated on real outcomes")
        }
        for note in f.fit.notes { lines.append((vi ? "Ghi chú: " : "Note: ") + Words.note(note).text(l)) }
        lines.append("")
        lines.append(TextTable.render(header: header, rows: rows))
        for p in f.projections where !p.flags.isEmpty {
            lines.append((vi ? "Lưu ý " : "Flag ") + when(p) + ": " + p.flags.map { Words.flag($0).text(l) }.joined(separator: "; "))
        }
        let overflowing = f.projections.filter { p in !p.estimate.isFinite || p.intervals.contains { i in [i.lower, i.upper].contains { $0.map { !$0.isFinite } ?? false } } }
        if !overflowing.isEmpty {
            let years = overflowing.map(when).joined(separator: ", ")
            lines.append(vi ? "Lưu ý \(years): dự báo vượt quá giới hạn số thực (mô hình \(Words.model(f.fit.model).vi) tăng theo hàm mũ), ghi là —; hãy dùng mô hình mặc định hoặc --model linear"
                            : "Flag \(years): the projection overflows the range of numbers (the \(Words.model(f.fit.model).en) model grows exponentially), shown as NA; use the default model or --model linear")
        }
        if f.candidates.count > 1 {
            lines.append("")
            let head = vi ? ["Mô hình thử", "AICc", "RMSE bỏ-một", "Chọn"] : ["Candidate", "AICc", "LOO RMSE", "Chosen"]
            lines.append(TextTable.render(header: head, rows: f.candidates.map {
                [Words.model($0.model).text(l), g($0.aicc), g($0.looRMSE),
                 $0.chosen ? "*" : ($0.excluded.map { (vi ? "loại: " : "excluded: ") + Words.exclusion($0).text(l) } ?? "")]
            }))
        }
        if let t = f.target {
            lines.append("")
            let crossing = t.crossingYear.map(String.init) ?? (vi ? "chưa đạt trước 2100" : "none by 2100")
            let status = Words.status(t.status).text(l)
            // The ratio is measured on the progress scale (logit for shares, log for counts); the
            // changes a reader compares are shown in the indicator's own units.
            // Rounding noise around zero (−9.474e-15, −0) reads as 0: a change smaller than a
            // millionth of a millionth of the values it compares is none.
            let size = max(1, abs(t.value), abs(f.projections.first?.estimate ?? 0).isFinite ? abs(f.projections.first?.estimate ?? 0) : 1)
            func z(_ v: Double?) -> Double? { v.map { abs($0) < 1e-12 * size ? 0 : $0 } }
            func change(_ v: Double?) -> String {
                guard let v = z(v), v.isFinite else { return vi ? "—" : "NA" }
                return Words.changePerYear(v, style, l)
            }
            let (projected, required, achieved) = (change(t.projectedChangePerYear), change(t.requiredChangePerYear), change(t.achievedChangePerYear))
            let ratio = g(t.progressRatio.map { abs($0) < 1e-12 ? 0 : $0 })
            let goal = "\(t.atLeast ? "≥" : "≤") \(style.target(t.value, l))"
            // "xác suất đạt 19 %", "xác suất đạt < 1 %": the probability as every report writes it.
            let chance = t.pMeet.map { NumberText.format($0, .probability, l) } ?? (vi ? "—" : "NA")
            if vi {
                let scale = t.progressScale == .logit ? ", tính trên thang đường cong chữ S" : t.progressScale == .log ? ", tính trên thang tăng trưởng đều" : ""
                let pace = f.fit.calibratedTrend != nil
                    ? "tỷ số tiến độ \(ratio)\(scale) (theo đơn vị của chỉ tiêu: dự kiến \(projected) so với cần \(required); đã đạt \(achieved))"
                    : "tỷ số tiến độ \(ratio)\(scale) (theo đơn vị của chỉ tiêu: đã đạt \(achieved) so với cần \(required))"
                lines.append("Mục tiêu \(goal) năm \(t.year): \(status); xác suất đạt \(chance); \(pace); năm dự kiến đạt: \(crossing)")
                if t.disagreement { lines.append("Lưu ý: tình trạng và xác suất đạt không khớp nhau") }
            } else {
                let scale = t.progressScale == .logit ? ", on the logit scale" : t.progressScale == .log ? ", on the log scale" : ""
                let pace = f.fit.calibratedTrend != nil
                    ? "progress ratio \(ratio)\(scale) (in the indicator's units: projected \(projected) vs required \(required); achieved so far \(achieved))"
                    : "progress ratio \(ratio)\(scale) (in the indicator's units: achieved \(achieved) vs required \(required))"
                lines.append("Target \(goal) in \(t.year): \(status); P(meet) \(chance); \(pace); crossing year \(crossing)")
                if t.disagreement { lines.append("Flag: the status and P(meet) disagree") }
            }
            for note in t.notes { lines.append((vi ? "Ghi chú: " : "Note: ") + Words.note(note).text(l)) }
        }
        return lines.joined(separator: "\n")
    }
}
