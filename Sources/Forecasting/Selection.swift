import Indicators

// Goals of model selection, in order:
// 1. never choose a model whose point forecast leaves the indicator's bounds at a requested time,
//    and prefer models whose 95 % intervals stay inside them too (a share's interval reaching below
//    0 % is not an honest interval); such a model is chosen only when no candidate stays inside;
// 2. with enough data (n ≥ 5, so that 3-parameter AICc is finite), prefer the lowest AICc on the
//    original scale, letting leave-one-out RMSE break near-ties (|ΔAICc| < 2);
// 3. with n = 4, where AICc is undefined for 3-parameter models, use leave-one-out RMSE;
// 4. with n ≤ 3, do not pretend to choose from the data: use the indicator's kind
//    (share → logit, count → loglinear, score and rank → linear).

/// One model considered by `auto`, with its scores and why it won or was excluded.
public struct Candidate: Sendable, Equatable {
    /// The model.
    public var model: TrendModel
    /// AICc on the original scale, if defined.
    public var aicc: Double?
    /// Leave-one-out RMSE on the original scale, if computed (n ≥ 4).
    public var looRMSE: Double?
    /// Whether this model was chosen.
    public var chosen: Bool
    /// Why it was not considered (does not apply, leaves the bounds), if so.
    public var excluded: Exclusion?
}

/// Chooses a trend model for a series (see the goals at the top of this file).
public enum Selection {
    /// The models tried for an indicator kind, in order of preference when the data cannot decide.
    public static func candidates(for kind: Indicator.Kind, hasUpperBound: Bool) -> [TrendModel] {
        switch kind {
        case .share: [.logit, .linear, .drift, .mean]
        case .score: hasUpperBound ? [.linear, .logit, .drift, .mean] : [.linear, .drift, .mean]
        case .count, .amount: [.loglinear, .linear, .drift, .mean]
        case .rank: [.linear, .drift, .mean]
        }
    }

    /// Fits every candidate, applies the rules, and returns the chosen fit with all candidates.
    ///
    /// - Parameters:
    ///   - series: the data.
    ///   - times: the decimal times that will be projected (bounds are checked there).
    ///   - models: the models to consider (default: by kind).
    /// - Throws: the first fitting error when no candidate can be fitted.
    public static func select(
        _ series: Series, at times: [Double], models: [TrendModel]? = nil
    ) throws(ForecastError) -> (fit: TrendFit, candidates: [Candidate], reason: SelectionReason) {
        try series.validate()
        let order = models ?? candidates(for: series.kind, hasUpperBound: series.upper != nil)
        var fits: [TrendFit] = []
        var table: [Candidate] = []
        var firstError: ForecastError?
        for model in order {
            do {
                let fit = try TrendFit.fit(series, model: model)
                if let t = leavesBounds(fit, series: series, at: times) {
                    table.append(Candidate(model: model, aicc: fit.aicc, looRMSE: fit.looRMSE, chosen: false,
                                           excluded: .pointLeavesBounds(t: t)))
                    continue
                }
                fits.append(fit)
                table.append(Candidate(model: model, aicc: fit.aicc, looRMSE: fit.looRMSE, chosen: false, excluded: nil))
            } catch {
                firstError = firstError ?? error
                table.append(Candidate(model: model, aicc: nil, looRMSE: nil, chosen: false, excluded: .failed(error)))
            }
        }
        guard !fits.isEmpty else {
            throw firstError ?? .notApplicable(series.name, model: "auto", reason: .noCandidateInBounds)
        }
        // Prefer models whose 95 % intervals stay inside the bounds, when there are any.
        let inside = fits.filter { intervalLeavesBounds($0, series: series, at: times) == nil }
        if !inside.isEmpty && inside.count < fits.count {
            for fit in fits where !inside.contains(where: { $0.model == fit.model }) {
                if let t = intervalLeavesBounds(fit, series: series, at: times), let i = table.firstIndex(where: { $0.model == fit.model }) {
                    table[i].excluded = .intervalLeavesBounds(t: t)
                }
            }
            fits = inside
        }
        let (winner, reason) = choose(fits, n: series.count, kind: series.kind)
        for i in table.indices where table[i].model == winner.model && table[i].excluded == nil { table[i].chosen = true }
        return (winner, table, reason)
    }

    static func choose(_ fits: [TrendFit], n: Int, kind: Indicator.Kind) -> (TrendFit, SelectionReason) {
        if n <= 3 { return (fits[0], .byKind(n: n, kind: kind, model: fits[0].model)) }
        let scored = fits.filter { $0.aicc != nil }.sorted { ($0.aicc ?? 0) < ($1.aicc ?? 0) }
        if scored.count >= 2 {
            let best = scored[0], second = scored[1]
            let gap = (second.aicc ?? 0) - (best.aicc ?? 0)
            if gap < 2, let a = best.looRMSE, let b = second.looRMSE, b < a {
                return (second, .nearTieByLOO(chosen: second.model, other: best.model, gap: gap, chosenRMSE: b, otherRMSE: a))
            }
            return (best, .lowestAICc(aicc: best.aicc ?? 0, gap: gap, runnerUp: second.model))
        }
        let byLOO = fits.filter { $0.looRMSE != nil }.sorted { ($0.looRMSE ?? 0) < ($1.looRMSE ?? 0) }
        if let best = byLOO.first {
            return (best, .lowestLOO(n: n, rmse: best.looRMSE ?? 0))
        }
        return (fits[0], .noScore(kind: kind, model: fits[0].model))
    }

    /// The first requested time at which the fit's 95 % interval leaves [lower, upper], if any.
    static func intervalLeavesBounds(_ fit: TrendFit, series: Series, at times: [Double]) -> Double? {
        for t in times {
            let d = fit.distribution(at: t)
            guard d.hasSpread else { continue }
            let (lo, hi) = d.interval(level: 0.95)
            if let l = series.lower, lo < l { return t }
            if let u = series.upper, hi > u { return t }
        }
        return nil
    }

    /// The first requested time at which the fit's median leaves [lower, upper], if any.
    static func leavesBounds(_ fit: TrendFit, series: Series, at times: [Double]) -> Double? {
        for t in times {
            let m = fit.distribution(at: t).median
            if let l = series.lower, m < l { return t }
            if let u = series.upper, m > u { return t }
        }
        return nil
    }

    static func format(_ v: Double) -> String { v.significant(4) }
}
