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

    /// A number with 4 significant digits in the language ("NA"/"—" when missing).
    static func g(_ v: Double?, _ l: Language) -> String {
        guard let v, v.isFinite else { return l == .vi ? "—" : "NA" }
        let text = String(format: "%.4g", v == 0 ? 0 : v)  // never "-0"
        return l == .vi ? text.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−") : text
    }

    static func table(_ f: Forecast, levels: [Double], kind: String? = nil, language: Language = .en) -> String {
        let l = language, vi = l == .vi
        func g(_ v: Double?) -> String { Self.g(v, l) }
        func when(_ p: Projection) -> String { p.year.map(String.init) ?? String(format: "%.3f", p.t) }
        var header = ["", vi ? "Dự báo" : "Point Forecast"]
        for level in levels { header += [(vi ? "Thấp " : "Lo ") + levelKey(level), (vi ? "Cao " : "Hi ") + levelKey(level)] }
        var rows: [[String]] = []
        for p in f.projections {
            var row = [when(p), g(p.estimate)]
            for i in p.intervals { row += [g(i.lower), g(i.upper)] }
            rows.append(row)
        }
        var lines = kind.map { [(vi ? "Chuỗi: " : "Series: ") + $0] } ?? []
        lines.append((vi ? "Phương pháp dự báo: " : "Forecast method: ") + "\(Words.model(f.fit.model).text(l)) (n = \(f.fit.n)); \(Words.reason(f.reason).text(l))")
        let coefficients = f.fit.coefficients.map { c in
            "\(Words.coefficient(c.name).text(l)) = \(g(c.estimate))" + (f.fit.calibratedTrend != nil ? "" : (vi ? " (sai số chuẩn " : " (se ") + "\(g(c.standardError)))")
        }.joined(separator: vi ? "; " : ", ")
        if f.fit.calibratedTrend != nil {
            lines.append((vi ? "Mô hình: " : "Model: ") + coefficients)
            lines.append(vi ? "Khoảng dự báo: hiệu chỉnh theo kết quả thực (phân vị thực nghiệm; --intervals model cho khoảng Student t của sách giáo khoa)"
                            : "Intervals: calibrated (empirical quantiles of real outcomes; --intervals model gives the textbook Student t)")
        } else {
            lines.append((vi ? "Mô hình: " : "Model: ") + coefficients + (vi ? "; σ = " : ", sigma = ") + g(f.fit.sigma)
                         + (vi ? "; bậc tự do = " : ", df = ") + "\(f.fit.dfResidual)")
            lines.append(vi ? "Khoảng dự báo: theo sách giáo khoa (Student t trên thang của mô hình), chưa hiệu chỉnh theo kết quả thực"
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
            let (projected, required, achieved) = (g(z(t.projectedChangePerYear)), g(z(t.requiredChangePerYear)), g(z(t.achievedChangePerYear)))
            let ratio = g(t.progressRatio.map { abs($0) < 1e-12 ? 0 : $0 })
            if vi {
                let scale = t.progressScale == .logit ? ", tính trên thang logit" : t.progressScale == .log ? ", tính trên thang log" : ""
                let pace = f.fit.calibratedTrend != nil
                    ? "tỷ số tiến độ \(ratio)\(scale) (theo đơn vị của chỉ tiêu: dự kiến \(projected)/năm so với cần \(required)/năm; đã đạt \(achieved)/năm)"
                    : "tỷ số tiến độ \(ratio)\(scale) (theo đơn vị của chỉ tiêu: đã đạt \(achieved)/năm so với cần \(required)/năm)"
                lines.append("Mục tiêu \(t.atLeast ? "≥" : "≤") \(g(t.value)) năm \(t.year): \(status); xác suất đạt = \(t.pMeet.map { NumberText.format($0, .probability, .vi) } ?? "—"); \(pace); năm dự kiến đạt: \(crossing)")
                if t.disagreement { lines.append("Lưu ý: tình trạng và xác suất đạt không khớp nhau") }
            } else {
                let scale = t.progressScale == .logit ? ", on the logit scale" : t.progressScale == .log ? ", on the log scale" : ""
                let pace = f.fit.calibratedTrend != nil
                    ? "progress ratio \(ratio)\(scale) (in the indicator's units: projected \(projected)/yr vs required \(required)/yr; achieved so far \(achieved)/yr)"
                    : "progress ratio \(ratio)\(scale) (in the indicator's units: achieved \(achieved)/yr vs required \(required)/yr)"
                lines.append("Target \(t.atLeast ? "≥" : "≤") \(g(t.value)) in \(t.year): \(status); P(meet) = \(g(t.pMeet)); \(pace); crossing year \(crossing)")
                if t.disagreement { lines.append("Flag: the status and P(meet) disagree") }
            }
            for note in t.notes { lines.append((vi ? "Ghi chú: " : "Note: ") + Words.note(note).text(l)) }
        }
        return lines.joined(separator: "\n")
    }
}
