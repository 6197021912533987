/// The trend models for short indicator series (DESIGN.md "Forecasting").
public enum TrendModel: String, Sendable, CaseIterable, Comparable {
    /// OLS of the value on time: a straight line; may leave the indicator's bounds (flagged).
    case linear
    /// OLS of ln(value) on time: constant growth; values must be positive.
    case loglinear
    /// Linear on logit((y − lower)/(upper − lower)): an S-shaped adoption curve that stays inside
    /// the bounds; with counts, a quasi-binomial GLM by IRLS.
    case logit
    /// Random walk with drift: the last value plus the average change per year.
    case drift
    /// The mean of the values: no trend.
    case mean
    /// The default: a shrunk local trend on the indicator's natural scale with ranges calibrated on
    /// how real series of the same kind moved (``CalibratedTrend``); applies from one point on.
    case calibrated

    /// Parameters counted by AICc: coefficients + σ².
    var informationParameters: Int {
        switch self {
        case .linear, .loglinear, .logit: 3
        case .drift, .mean, .calibrated: 2
        }
    }

    public static func < (a: TrendModel, b: TrendModel) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
