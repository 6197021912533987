import Chiso
import Foundation

/// Renderings of a ``Forecast``: a table in the layout of R's forecast print, and JSON.
enum ForecastOutput {
    static func levelKey(_ level: Double) -> String { level == level.rounded() ? String(Int(level)) : level.description }

    static func json(_ f: Forecast, levels: [Double], kind: String? = nil) -> String {
        var pairs: [(String, JSONText)] = kind.map { [("series", .string($0))] } ?? []
        pairs += [
            ("model", .string(f.fit.model.rawValue)),
            ("n", .integer(f.fit.n)),
            ("reason", .string(f.reason)),
            ("candidates", .array(f.candidates.map { c in
                var o: [(String, JSONText)] = [
                    ("model", .string(c.model.rawValue)), ("aicc", c.aicc.map(JSONText.double) ?? .null),
                    ("loo_rmse", c.looRMSE.map(JSONText.double) ?? .null), ("chosen", .bool(c.chosen)),
                ]
                if let why = c.excluded { o.append(("excluded", .string(why))) }
                return .object(o)
            })),
            ("coefficients", .array(f.fit.coefficients.map {
                .object([("name", .string($0.name)), ("estimate", .double($0.estimate)), ("std_error", .double($0.standardError))])
            })),
            ("sigma", .double(f.fit.sigma)),
            ("df_residual", .integer(f.fit.dfResidual)),
            ("log_likelihood", f.fit.logLikelihood.map(JSONText.double) ?? .null),
            ("aicc", f.fit.aicc.map(JSONText.double) ?? .null),
            ("pooled", .bool(f.fit.isPooled)),
            ("intervals", .string(f.fit.calibratedTrend != nil ? "calibrated" : "model")),
            ("notes", .array(f.fit.notes.map(JSONText.string))),
            ("projections", .array(f.projections.map { p in
                var o: [(String, JSONText)] = []
                if let y = p.year { o.append(("year", .integer(y))) }
                o.append(("t", .double(p.t)))
                o.append(("estimate", .double(p.estimate)))
                for i in p.intervals {
                    o.append(("lower_\(levelKey(i.level))", i.lower.map(JSONText.double) ?? .null))
                    o.append(("upper_\(levelKey(i.level))", i.upper.map(JSONText.double) ?? .null))
                }
                o.append(("flags", .array(p.flags.map(JSONText.string))))
                return .object(o)
            })),
        ]
        if let t = f.target {
            pairs.append(("target", .object([
                ("value", .double(t.value)), ("year", .integer(t.year)),
                ("comparator", .string(t.atLeast ? ">=" : "<=")),
                ("p_meet", t.pMeet.map(JSONText.double) ?? .null),
                ("crossing_year", t.crossingYear.map(JSONText.integer) ?? .null),
                ("status", .string(t.status.rawValue)),
                ("progress_ratio", t.progressRatio.map(JSONText.double) ?? .null),
                ("required_annual_change", t.requiredAnnualChange.map(JSONText.double) ?? .null),
                ("achieved_annual_change", t.achievedAnnualChange.map(JSONText.double) ?? .null),
                ("projected_annual_change", t.projectedAnnualChange.map(JSONText.double) ?? .null),
                ("cagr_ratio", t.cagrRatio.map(JSONText.double) ?? .null),
                ("status_disagrees_with_p_meet", .bool(t.disagreement)),
                ("notes", .array(t.notes.map(JSONText.string))),
            ])))
        }
        return JSONText.object(pairs).rendered()
    }

    static func table(_ f: Forecast, levels: [Double], kind: String? = nil) -> String {
        func g(_ v: Double?) -> String { v.map { $0.isFinite ? String(format: "%.4g", $0) : "NA" } ?? "NA" }
        var header = ["", "Point Forecast"]
        for l in levels { header += ["Lo \(levelKey(l))", "Hi \(levelKey(l))"] }
        var rows: [[String]] = []
        for p in f.projections {
            var row = [p.year.map(String.init) ?? String(format: "%.3f", p.t), g(p.estimate)]
            for i in p.intervals { row += [g(i.lower), g(i.upper)] }
            rows.append(row)
        }
        var lines = kind.map { ["Series: \($0)"] } ?? []
        lines.append("Forecast method: \(f.fit.model.rawValue) (n = \(f.fit.n)); \(f.reason)")
        if f.fit.calibratedTrend != nil {
            lines.append("Model: " + f.fit.coefficients.map { "\($0.name) = \(g($0.estimate))" }.joined(separator: ", "))
            lines.append("Intervals: calibrated (empirical quantiles of real outcomes; --intervals model gives the textbook Student t)")
        } else {
            let coefficients = f.fit.coefficients.map { "\($0.name) = \(g($0.estimate)) (se \(g($0.standardError)))" }
            lines.append("Model: " + coefficients.joined(separator: ", ") + ", sigma = \(g(f.fit.sigma)), df = \(f.fit.dfResidual)")
            lines.append("Intervals: textbook (Student t on the model's scale), not calibrated on real outcomes")
        }
        for note in f.fit.notes { lines.append("Note: \(note)") }
        lines.append("")
        lines.append(TextTable.render(header: header, rows: rows))
        for p in f.projections where !p.flags.isEmpty {
            lines.append("Flag \(p.year.map(String.init) ?? String(format: "%.3f", p.t)): " + p.flags.joined(separator: "; "))
        }
        if f.candidates.count > 1 {
            lines.append("")
            lines.append(TextTable.render(header: ["Candidate", "AICc", "LOO RMSE", "Chosen"], rows: f.candidates.map {
                [$0.model.rawValue, g($0.aicc), g($0.looRMSE), $0.chosen ? "*" : ($0.excluded.map { "excluded: \($0)" } ?? "")]
            }))
        }
        if let t = f.target {
            lines.append("")
            lines.append("Target \(t.atLeast ? "≥" : "≤") \(g(t.value)) in \(t.year): \(t.status.rawValue); P(meet) = \(g(t.pMeet)); "
                + (f.fit.calibratedTrend != nil
                    ? "progress ratio \(g(t.progressRatio)) (projected \(g(t.projectedAnnualChange))/yr vs required \(g(t.requiredAnnualChange))/yr; achieved so far \(g(t.achievedAnnualChange))/yr); "
                    : "progress ratio \(g(t.progressRatio)) (achieved \(g(t.achievedAnnualChange))/yr vs required \(g(t.requiredAnnualChange))/yr); ")
                + "crossing year \(t.crossingYear.map(String.init) ?? "none by 2100")")
            if t.disagreement { lines.append("Flag: the status and P(meet) disagree") }
            for note in t.notes { lines.append("Note: \(note)") }
        }
        return lines.joined(separator: "\n")
    }
}
