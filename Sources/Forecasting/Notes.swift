import Foundation
import Indicators

/// Something a reader should know about a fit (typed; Reporting's `Words` puts it in Vietnamese or
/// English, ``description`` is the English line).
public enum FitNote: Sendable, Equatable, CustomStringConvertible {
    /// A value on a bound, moved inside it for the logit: at time `t`, from `from` to `to`.
    public struct Move: Sendable, Equatable {
        /// Decimal time.
        public var t: Double
        /// The value as given.
        public var from: Double
        /// The value used.
        public var to: Double
    }

    /// What the calibrated ranges rest on: the series' points and how many similar series of the
    /// family moved (with the calibration's source).
    case calibratedOn(points: Int, similar: Int, family: CalibrationTable.Family, source: String)
    /// One point: its trend is the median slope of the indicator's other entities.
    case onePointPeerTrend
    /// The calibration has no rows for this window size; the nearest rows are used.
    case calibrationRows(points: Int, rows: Int)
    /// The trend uses the last points only.
    case trendFromLastPoints(Int)
    /// Values on a bound were moved inside it for the logit.
    case valuesMovedInsideBounds([Move])
    /// The logit was fitted by a quasi-binomial GLM on the counts.
    case quasiBinomialGLM
    /// Points without counts were weighted with the median denominator.
    case pointsWithoutCounts(times: [Double], trials: Double)
    /// AICc from the logit fitted to the values (a quasi-likelihood has none).
    case aiccFromValues
    /// Drift has no AICc comparable with the other models'.
    case driftHasNoAICc(changes: Int, values: Int)
    /// The residual variance is pooled across series of the indicator.
    case variancePooled(series: Int, df: Int)
    /// Pooling found no other series with residual degrees of freedom under this model.
    case poolingFoundNone(TrendModel)
    /// A target at the upper bound is read as at least a value just inside it.
    case targetAtUpperBound(bound: Double, readAs: Double, withinPercent: Double)
    /// A target at the lower bound is read as at most a value just inside it.
    case targetAtLowerBound(bound: Double, readAs: Double)
    /// The calibrated ranges are scaled to how fast this indicator moved in `peers` entities.
    case unitFromPeers(peers: Int)
    /// No other entity has the indicator: ranges from the series' own history and a broad prior.
    case unitFromOwnHistory
    /// One point and no other entity: ranges from a broad prior only.
    case unitFromPrior
    /// The series moves far faster than its `peers` peers: ranges from its own pace.
    case fasterThanPeers(peers: Int)
    /// A count's ranges cut at its fastest yearly growth in the window, `factor` a year, sustained.
    case rangeCutAtFastestGrowth(factor: Double)

    /// The note in English.
    public var description: String {
        switch self {
        case let .calibratedOn(points, similar, family, source):
            "calibrated ranges: from \(points) point\(points == 1 ? "" : "s") and the movement of \(Self.grouped(similar)) similar \(family.rawValue) series (\(source))"
        case .onePointPeerTrend:
            "one point: the trend is the median of this indicator's other entities up to that point"
        case let .calibrationRows(points, rows):
            "the calibration has no windows of \(points) points for this kind: its \(rows)-point rows are used"
        case let .trendFromLastPoints(k):
            "the trend is taken from the last \(k) points"
        case let .valuesMovedInsideBounds(moves):
            "values on a bound moved inside it for the logit (\(moves.map { "t = \(String(format: "%.2f", $0.t)): \($0.from.clean) → \($0.to.clean)" }.joined(separator: "; ")))"
        case .quasiBinomialGLM:
            "logit by quasi-binomial GLM (IRLS) on the counts"
        case let .pointsWithoutCounts(times, trials):
            "\(times.count) point\(times.count == 1 ? "" : "s") without counts (t = \(times.map { String(format: "%.2f", $0) }.joined(separator: ", "))) weighted as \(trials.clean) trials, the median denominator"
        case .aiccFromValues:
            "AICc from the logit fit to the values (a quasi-likelihood has no AICc)"
        case let .driftHasNoAICc(changes, values):
            "no AICc: its likelihood is of the \(changes) changes given the first value, not comparable with the other models' \(values) values"
        case let .variancePooled(series, df):
            "residual variance pooled across \(series) series of this indicator (df = \(df))"
        case let .poolingFoundNone(model):
            "pooling found no other series of this indicator with residual degrees of freedom under the \(model.rawValue) model"
        case let .targetAtUpperBound(bound, readAs, within):
            "a target at the upper bound \(bound.clean) is read as ≥ \(readAs.clean) (within \(within) % of the range)"
        case let .targetAtLowerBound(bound, readAs):
            "a target at the lower bound \(bound.clean) is read as ≤ \(readAs.clean)"
        case let .unitFromPeers(peers):
            "ranges scaled to how fast this indicator moved in \(peers) entities"
        case .unitFromOwnHistory:
            "no other entity has this indicator: ranges from the series' own history and a broad prior"
        case .unitFromPrior:
            "one point and no other entity: ranges from a broad prior only"
        case let .fasterThanPeers(peers):
            "moves far faster than its \(peers) peers: ranges from its own pace"
        case let .rangeCutAtFastestGrowth(factor):
            "ranges cut at its fastest yearly growth in the data (×\(String(format: "%.2f", factor)) a year) sustained"
        }
    }

    /// 2306 → "2,306".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

/// Why a forecast uses the model it uses (typed; ``description`` is the English line).
public enum SelectionReason: Sendable, Equatable, CustomStringConvertible {
    /// The default: the calibrated trend (with the calibration's source).
    case calibratedDefault(source: String)
    /// The model was asked for.
    case requested(TrendModel)
    /// Too few points to choose from the data: chosen by the indicator's kind.
    case byKind(n: Int, kind: Indicator.Kind, model: TrendModel)
    /// AICc near-tie broken by the lower leave-one-out RMSE.
    case nearTieByLOO(chosen: TrendModel, other: TrendModel, gap: Double, chosenRMSE: Double, otherRMSE: Double)
    /// Lowest AICc, `gap` below the runner-up.
    case lowestAICc(aicc: Double, gap: Double, runnerUp: TrendModel)
    /// AICc undefined for most candidates: lowest leave-one-out RMSE.
    case lowestLOO(n: Int, rmse: Double)
    /// No score available: chosen by the indicator's kind.
    case noScore(kind: Indicator.Kind, model: TrendModel)

    /// The reason in English.
    public var description: String {
        switch self {
        case let .calibratedDefault(source):
            "default: trend on the indicator's natural scale, ranges calibrated on real series (\(source))"
        case let .requested(model):
            "model \(model.rawValue) requested"
        case let .byKind(n, kind, model):
            "n = \(n) ≤ 3: chosen by the indicator's kind (\(kind.rawValue) → \(model.rawValue)), not by the data"
        case let .nearTieByLOO(chosen, other, gap, a, b):
            "AICc of \(chosen.rawValue) within \(String(format: "%.2f", gap)) of \(other.rawValue), and its leave-one-out RMSE is lower (\(Self.g(a)) vs \(Self.g(b)))"
        case let .lowestAICc(aicc, gap, runnerUp):
            "lowest AICc (\(Self.g(aicc))), \(String(format: "%.2f", gap)) below \(runnerUp.rawValue)"
        case let .lowestLOO(n, rmse):
            "n = \(n): AICc is not defined for most candidates; lowest leave-one-out RMSE (\(Self.g(rmse)))"
        case let .noScore(kind, model):
            "no score available: chosen by the indicator's kind (\(kind.rawValue) → \(model.rawValue))"
        }
    }

    static func g(_ v: Double) -> String { v.significant(4) }
}

/// Why `auto` left a candidate model out (typed; ``description`` is the English line).
public enum Exclusion: Sendable, Equatable, CustomStringConvertible {
    /// Its point forecast leaves the bounds at time t.
    case pointLeavesBounds(t: Double)
    /// Its 95 % interval leaves the bounds at time t while another model stays inside.
    case intervalLeavesBounds(t: Double)
    /// It could not be fitted.
    case failed(ForecastError)

    /// The exclusion in English.
    public var description: String {
        switch self {
        case let .pointLeavesBounds(t): "its point forecast leaves the bounds at t = \(String(format: "%.2f", t))"
        case let .intervalLeavesBounds(t): "its 95 % interval leaves the bounds at t = \(String(format: "%.2f", t)) (a model that stays inside exists)"
        case let .failed(error): error.description
        }
    }
}
