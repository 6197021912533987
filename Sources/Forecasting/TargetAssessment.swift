import Foundation
import Indicators

/// Progress towards a plan target, in the SDG style of Eurostat and Statistics Canada.
///
/// The progress ratio is the annual change achieved so far (first → latest observation) over the
/// annual change required (latest → target), both on the indicator's scale (logit for shares, log
/// for counts and amounts, linear for scores and ranks). Statuses, checked in this order:
/// `achieved` (the latest value already meets the target), `insufficient data` (no change can be
/// measured), then by the ratio with the thresholds in ``StatusThresholds``: ≥ 0.95 `on track`,
/// ≥ 0.6 `needs acceleration`, ≥ 0 `off track`, < 0 `moving away`. A target of "at most" (≤) or
/// an indicator where lower is better needs no special case: both changes change sign together.
/// P(meet) comes from the forecast's predictive distribution; a status that contradicts it
/// (on track with P(meet) < 0.5, or off track / moving away with P(meet) ≥ 0.5) is flagged.
///
/// With the calibrated default the ratio's numerator is the *projected* annual change (latest value
/// → median of the predictive distribution at the target year), so that the status, P(meet) and
/// the crossing year all come from the same distribution, and a series of one point has a status.
/// The change achieved so far is still reported beside it.
public struct TargetAssessment: Sendable, Equatable {
    /// The statuses.
    public enum Status: String, Sendable, CaseIterable {
        /// The latest value meets the target.
        case achieved = "achieved"
        /// Progress ratio ≥ 0.95.
        case onTrack = "on track"
        /// Progress ratio in [0.6, 0.95).
        case needsAcceleration = "needs acceleration"
        /// Progress ratio in [0, 0.6).
        case offTrack = "off track"
        /// Progress ratio < 0: going the wrong way.
        case movingAway = "moving away"
        /// Too little data to measure progress.
        case insufficientData = "insufficient data"
        /// The target year is past and its value (or the nearest observation's) did not meet the
        /// target (decided by the gap table, never by ``assess(_:fit:value:year:atLeast:)``).
        case missed = "missed"
    }

    /// The target value.
    public var value: Double
    /// The plan year.
    public var year: Int
    /// Whether the target is "at least" (≥); otherwise "at most".
    public var atLeast: Bool
    /// The decimal time the target year is read at.
    public var time: Double
    /// P(the value at `time` meets the target); nil without a predictive spread.
    public var pMeet: Double?
    /// The first plan year whose projected median meets the target (nil if not before 2100, or already met).
    public var crossingYear: Int?
    /// The status.
    public var status: Status
    /// Achieved over required annual change (nil when it cannot be computed).
    public var progressRatio: Double?
    /// Annual change needed from the latest value to the target, on the indicator's scale.
    public var requiredAnnualChange: Double?
    /// Annual change from the first to the latest value, on the indicator's scale.
    public var achievedAnnualChange: Double?
    /// Annual change from the latest value to the projected median at the target year (the
    /// numerator of the ratio for the calibrated default).
    public var projectedAnnualChange: Double?
    /// The same ratio with compound annual growth rates (positive values only), shown beside it.
    public var cagrRatio: Double?
    /// Change per year still needed from the latest value to the target, in the indicator's own
    /// units (percentage points for a share): what a reader compares with
    /// ``achievedChangePerYear``; the status is decided on ``progressRatio`` (its scale), not on this.
    public var requiredChangePerYear: Double
    /// Change per year from the first to the latest value, in the indicator's own units (nil for a
    /// single point).
    public var achievedChangePerYear: Double?
    /// Change per year from the latest value to the projected median at the target year, in the
    /// indicator's own units.
    public var projectedChangePerYear: Double?
    /// The scale ``progressRatio`` and the `…AnnualChange` values are measured on.
    public var progressScale: ProgressScale

    /// The scale progress is measured on (see ``TargetAssessment/progressRatio``).
    public enum ProgressScale: String, Sendable, Equatable {
        /// The values themselves (scores, ranks; counts with a zero).
        case values
        /// The logit of the position between the bounds (shares).
        case logit
        /// The natural log (positive counts and amounts).
        case log
    }
    /// Whether the status and P(meet) disagree.
    public var disagreement: Bool
    /// How a target at the indicator's bound was read, and similar remarks.
    public var notes: [FitNote]
}

/// The status thresholds, in one place (Eurostat / Statistics Canada SDG progress assessment).
public enum StatusThresholds {
    /// Ratio at or above which progress is "on track".
    public static let onTrack = 0.95
    /// Ratio at or above which progress "needs acceleration".
    public static let needsAcceleration = 0.6
    /// Ratio at or above which progress is "off track" (below: "moving away").
    public static let offTrack = 0.0
}

extension TargetAssessment {
    /// Assesses `series` against a target, with the predictive distribution of `fit`.
    ///
    /// - Throws: ``ForecastError/targetBeforeData(_:year:lastTime:)`` when the target year is not
    ///   after the last observation.
    public static func assess(
        _ series: Series, fit: TrendFit, value: Double, year: Int, atLeast: Bool? = nil
    ) throws(ForecastError) -> TargetAssessment {
        let atLeast = atLeast ?? (series.direction == .up)
        let n = series.count
        let tLast = series.times[n - 1], tFirst = series.times[0]
        let t = series.time(ofYear: year)
        guard t > tLast else { throw .targetBeforeData(series.name, year: year, lastTime: tLast) }
        var notes: [FitNote] = []
        // A target on the bound (100 %) is read as reaching within the logit's boundary shift of it.
        var effective = value
        let shift = (series.upper.map { u in (u - (series.lower ?? 0)) * TrendFit.logitBoundaryShift }) ?? 0
        if let u = series.upper, atLeast, value >= u {
            effective = u - shift
            notes.append(.targetAtUpperBound(bound: u, readAs: effective, withinPercent: TrendFit.logitBoundaryShift * 100))
        }
        if let l = series.lower, !atLeast, value <= l {
            effective = l + shift
            notes.append(.targetAtLowerBound(bound: l, readAs: effective))
        }
        let latest = series.values[n - 1], first = series.values[0]
        let meets = atLeast ? latest >= effective : latest <= effective
        let g = progressScale(series)
        let span = tLast - tFirst
        let achieved = span > 0 ? (g(latest) - g(first)) / span : nil
        let required = (g(effective) - g(latest)) / (t - tLast)
        let distribution = fit.distribution(at: t)
        // Rounding noise is no change: a constant series projects to itself ± 1e-15, which must
        // not make it "moving away" (nor print as −9.5e-15/yr or a ratio of −0).
        func clean(_ v: Double, _ size: Double) -> Double { abs(v) <= 1e-12 * max(1, abs(size)) ? 0 : v }
        let projected = clean((g(distribution.point) - g(latest)) / (t - tLast), g(latest))
        let ratio = (fit.calibratedTrend != nil ? projected / required : achieved.map { $0 / required }).map { $0 == 0 ? 0 : $0 }
        // "≤ the upper bound" (or "≥ the lower") holds for every value the indicator can take: the
        // bound itself meets it, so it is certain, not "read as 99.5 %".
        let certain = atLeast ? series.lower.map { value <= $0 } ?? false : series.upper.map { value >= $0 } ?? false
        let p = certain ? 1 : distribution.hasSpread ? distribution.probability(atLeast: atLeast, effective) : nil
        var cagr: Double?
        if first > 0, latest > 0, effective > 0, span > 0 {
            let a = pow(latest / first, 1 / span) - 1, r = pow(effective / latest, 1 / (t - tLast)) - 1
            if r != 0 { cagr = a / r }
        }
        let status: Status
        if meets {
            status = .achieved
        } else if let ratio, ratio.isFinite {
            status = ratio >= StatusThresholds.onTrack ? .onTrack
                : ratio >= StatusThresholds.needsAcceleration ? .needsAcceleration
                : ratio >= StatusThresholds.offTrack ? .offTrack : .movingAway
        } else {
            status = .insufficientData
        }
        var disagreement = false
        if let p {
            disagreement = ([.onTrack, .achieved].contains(status) && p < 0.5) || ([.offTrack, .movingAway].contains(status) && p >= 0.5)
        }
        return TargetAssessment(
            value: value, year: year, atLeast: atLeast, time: t, pMeet: p,
            crossingYear: meets ? nil : crossingYear(fit, series: series, target: effective, atLeast: atLeast),
            status: status, progressRatio: ratio.flatMap { $0.isFinite ? $0 : nil }, requiredAnnualChange: required,
            achievedAnnualChange: achieved, projectedAnnualChange: projected.isFinite ? projected : nil, cagrRatio: cagr,
            requiredChangePerYear: (effective - latest) / (t - tLast), achievedChangePerYear: span > 0 ? (latest - first) / span : nil,
            projectedChangePerYear: distribution.point.isFinite ? clean((distribution.point - latest) / (t - tLast), latest) : nil, progressScale: scaleKind(series),
            disagreement: disagreement, notes: notes)
    }

    /// The scale progress is measured on: logit for shares (values on a bound moved inside as for
    /// the logit model), log for positive counts and amounts, the values themselves otherwise.
    static func progressScale(_ series: Series) -> (Double) -> Double {
        switch scaleKind(series) {
        case .logit:
            let l = series.lower ?? 0, u = series.upper ?? 100
            let shift = (u - l) * TrendFit.logitBoundaryShift
            let scale = Scale.logit(lower: l, upper: u)
            return { scale.forward(min(max($0, l + shift), u - shift)) }
        case .log:
            return { Foundation.log(max($0, .leastNormalMagnitude)) }
        case .values:
            return { $0 }
        }
    }

    /// Which scale a series' progress is measured on.
    static func scaleKind(_ series: Series) -> ProgressScale {
        switch series.kind {
        case .share: .logit
        case .count, .amount: series.values.allSatisfy { $0 > 0 } ? .log : .values
        case .score, .rank: .values
        }
    }

    /// The first plan year (up to 2100) whose point forecast meets the target.
    static func crossingYear(_ fit: TrendFit, series: Series, target: Double, atLeast: Bool) -> Int? {
        let last = series.times[series.count - 1]
        var year = Int(last.rounded(.down))
        while year <= 2100 {
            let t = series.time(ofYear: year)
            if t > last {
                let m = fit.distribution(at: t).point
                if atLeast ? m >= target : m <= target { return year }
            }
            year += 1
        }
        return nil
    }
}
