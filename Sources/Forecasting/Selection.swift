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
// These rules are written once, in `Selection.decide`, for `select` (one series, with its table of
// candidates and the reason) and the batch kernel (many series, without allocating).

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
        var fits: [TrendFit?] = []
        var standings: [Standing] = []
        var table: [Candidate] = []
        var firstError: ForecastError?
        for model in order {
            do {
                let fit = try TrendFit.fit(series, model: model)
                fits.append(fit)
                if let t = leavesBounds(fit, series: series, at: times) {
                    standings.append(.medianLeaves)
                    table.append(Candidate(model: model, aicc: fit.aicc, looRMSE: fit.looRMSE, chosen: false,
                                           excluded: .pointLeavesBounds(t: t)))
                    continue
                }
                standings.append(intervalLeavesBounds(fit, series: series, at: times) == nil ? .inside : .intervalLeaves)
                table.append(Candidate(model: model, aicc: fit.aicc, looRMSE: fit.looRMSE, chosen: false, excluded: nil))
            } catch {
                firstError = firstError ?? error
                fits.append(nil)
                standings.append(.notFitted)
                table.append(Candidate(model: model, aicc: nil, looRMSE: nil, chosen: false, excluded: .failed(error)))
            }
        }
        let n = series.count
        guard let decision = decide(count: order.count, n: n, forced: false, standing: { standings[$0] },
                                    aicc: { fits[$0]?.aicc }, looRMSE: { fits[$0]?.looRMSE }),
              let winner = fits[decision.chosen]
        else {
            throw firstError ?? .notApplicable(series.name, model: "auto", reason: .noCandidateInBounds)
        }
        // Models whose 95 % interval leaves the bounds, when some candidate's stays inside.
        if decision.intervalsInside {
            for k in order.indices where standings[k] == .intervalLeaves {
                if let fit = fits[k], let t = intervalLeavesBounds(fit, series: series, at: times) {
                    table[k].excluded = .intervalLeavesBounds(t: t)
                }
            }
        }
        let reason: SelectionReason
        switch decision.rule {
        case .forced: reason = .requested(winner.model)
        case .byKind: reason = .byKind(n: n, kind: series.kind, model: winner.model)
        case let .nearTieByLOO(other, gap):
            reason = .nearTieByLOO(chosen: winner.model, other: order[other], gap: gap, chosenRMSE: winner.looRMSE ?? 0,
                                   otherRMSE: fits[other]?.looRMSE ?? 0)
        case let .lowestAICc(gap, runnerUp): reason = .lowestAICc(aicc: winner.aicc ?? 0, gap: gap, runnerUp: order[runnerUp])
        case .lowestLOO: reason = .lowestLOO(n: n, rmse: winner.looRMSE ?? 0)
        case .noScore: reason = .noScore(kind: series.kind, model: winner.model)
        }
        for i in table.indices where table[i].model == winner.model && table[i].excluded == nil { table[i].chosen = true }
        return (winner, table, reason)
    }

    /// Where a candidate stands against the indicator's bounds at the requested times.
    enum Standing: Sendable, Equatable {
        /// It could not be fitted (the model does not apply).
        case notFitted
        /// Its median leaves the bounds at some time: never chosen.
        case medianLeaves
        /// Its median stays inside but its 95 % interval leaves at some time.
        case intervalLeaves
        /// Median and 95 % interval inside at every time (or no interval: no spread to check).
        case inside
    }

    /// What `decide(count:n:forced:standing:aicc:looRMSE:)` chose, by candidate index.
    struct Decision: Sendable, Equatable {
        /// The rule that decided, with the other candidate it names.
        enum Rule: Sendable, Equatable {
            /// The only candidate, used as it is.
            case forced
            /// n ≤ 3: the first admissible candidate in the kind's order.
            case byKind
            /// The runner-up in AICc, `gap` above the lowest (`other`), with a lower LOO RMSE.
            case nearTieByLOO(other: Int, gap: Double)
            /// The lowest AICc, `gap` below `runnerUp`.
            case lowestAICc(gap: Double, runnerUp: Int)
            /// Fewer than two AICc: the lowest LOO RMSE.
            case lowestLOO
            /// No AICc pair and no LOO: the first admissible candidate.
            case noScore
        }

        /// The chosen candidate.
        var chosen: Int
        /// Why.
        var rule: Rule
        /// Whether some candidate's 95 % interval stays inside, so those whose interval leaves were set aside.
        var intervalsInside: Bool
    }

    /// The selection rules (see the top of this file), once for every caller: candidates are indices
    /// 0 ..< `count` in the order of preference when the data cannot decide, described by closures so
    /// that the batch kernel decides from its scratch buffers without allocating.
    ///
    /// 1. `forced` (a single candidate asked for): used as it is if it was fitted, whatever its bounds.
    /// 2. Admissible: median inside (``Standing/intervalLeaves`` or ``Standing/inside``); when some
    ///    candidate is ``Standing/inside``, only those.
    /// 3. n ≤ 3: the first admissible (by kind). Otherwise the two lowest AICc (earlier wins a tie):
    ///    the runner-up when within 2 and its LOO RMSE is lower, else the lowest; with fewer than two
    ///    AICc the lowest LOO RMSE (earlier wins a tie); with none, the first admissible.
    ///
    /// `standing` is first asked in order k = 0, 1, …: only of candidate 0 when forced, and for n ≤ 3 up
    /// to the first candidate inside (so a caller may fit candidates as they are asked for); later it
    /// may be asked again, as may `aicc` and `looRMSE`, only of candidates it was asked of before.
    /// A NaN score counts as none.
    /// - Returns: nil when no candidate is admissible (none fitted, or every median leaves the bounds).
    static func decide(count: Int, n: Int, forced: Bool, standing: (Int) -> Standing, aicc: (Int) -> Double?,
                       looRMSE: (Int) -> Double?) -> Decision? {
        if forced {
            return count == 1 && standing(0) != .notFitted ? Decision(chosen: 0, rule: .forced, intervalsInside: false) : nil
        }
        var anyInside = false, first = -1
        for k in 0..<count {
            switch standing(k) {
            case .inside:
                // n ≤ 3: the first candidate inside is the first admissible; the rest need not be looked at.
                if n <= 3 { return Decision(chosen: k, rule: .byKind, intervalsInside: true) }
                anyInside = true
            case .intervalLeaves: break
            case .notFitted, .medianLeaves: continue
            }
            if first < 0 { first = k }
        }
        guard first >= 0 else { return nil }
        func admissible(_ k: Int) -> Bool {
            switch standing(k) {
            case .inside: true
            case .intervalLeaves: !anyInside
            case .notFitted, .medianLeaves: false
            }
        }
        if anyInside {
            for k in 0..<count where admissible(k) { first = k; break }
        }
        if n <= 3 { return Decision(chosen: first, rule: .byKind, intervalsInside: anyInside) }
        func score(_ value: Double?) -> Double? { value.flatMap { $0.isNaN ? nil : $0 } }
        var best = -1, second = -1, bestAICc = 0.0, secondAICc = 0.0
        for k in 0..<count where admissible(k) {
            guard let a = score(aicc(k)) else { continue }
            if best < 0 || a < bestAICc {
                (second, secondAICc) = (best, bestAICc)
                (best, bestAICc) = (k, a)
            } else if second < 0 || a < secondAICc {
                (second, secondAICc) = (k, a)
            }
        }
        if best >= 0 && second >= 0 {
            let gap = secondAICc - bestAICc
            if gap < 2, let a = score(looRMSE(best)), let b = score(looRMSE(second)), b < a {
                return Decision(chosen: second, rule: .nearTieByLOO(other: best, gap: gap), intervalsInside: anyInside)
            }
            return Decision(chosen: best, rule: .lowestAICc(gap: gap, runnerUp: second), intervalsInside: anyInside)
        }
        var byLOO = -1, lowest = 0.0
        for k in 0..<count where admissible(k) {
            guard let r = score(looRMSE(k)) else { continue }
            if byLOO < 0 || r < lowest { (byLOO, lowest) = (k, r) }
        }
        if byLOO >= 0 { return Decision(chosen: byLOO, rule: .lowestLOO, intervalsInside: anyInside) }
        return Decision(chosen: first, rule: .noScore, intervalsInside: anyInside)
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
