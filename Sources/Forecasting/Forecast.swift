import Foundation
import Indicators

/// A projection at one time.
public struct Projection: Sendable, Equatable {
    /// The plan year asked for, if asked by year.
    public var year: Int?
    /// Decimal time.
    public var t: Double
    /// Point forecast: the back-transformed median.
    public var estimate: Double
    /// Central intervals by level (percent, e.g. 80 and 95); nil bounds when there is no spread.
    public var intervals: [Interval]
    /// Remarks such as a linear interval that crosses a bound (typed; Reporting words them).
    public var flags: [Flag]

    /// Something a reader should know about a projection.
    public enum Flag: Sendable, Equatable {
        /// The point forecast lies below the indicator's lower bound (an untransformed model).
        case pointBelowLower(Double)
        /// An interval reaches below the lower bound.
        case intervalBelowLower(Double)
        /// The point forecast lies above the upper bound.
        case pointAboveUpper(Double)
        /// An interval reaches above the upper bound.
        case intervalAboveUpper(Double)
        /// No interval: the model has no residual degrees of freedom (pooling across entities or the
        /// calibrated default would give one).
        case noSpread
    }

    /// One central interval.
    public struct Interval: Sendable, Equatable {
        /// Coverage in percent.
        public var level: Double
        /// Lower end (nil: insufficient data).
        public var lower: Double?
        /// Upper end.
        public var upper: Double?
    }
}

/// A forecast: the chosen fit, the candidates, projections and (optionally) a target assessment.
///
/// Fields: `fit` (model, coefficients, σ, df, scores, notes), `candidates` (every model tried by
/// `auto` with AICc, LOO RMSE and why it won or was excluded), `reason` (the selection rule that
/// decided), `projections` (median and intervals per requested time), `target`.
public struct Forecast: Sendable {
    /// The fitted model used.
    public var fit: TrendFit
    /// The candidates considered (one entry when a model was forced).
    public var candidates: [Candidate]
    /// Why this model.
    public var reason: SelectionReason
    /// Projections at the requested times.
    public var projections: [Projection]
    /// Progress towards a target, when one was given.
    public var target: TargetAssessment?
    /// Whether intervals could not be given (0 residual df and no pooling).
    public var insufficientData: Bool { fit.calibratedTrend == nil && (fit.dfResidual <= 0 || !fit.sigma2.isFinite) }
}

/// Where a forecast's ranges and P(meet) come from.
public enum IntervalMethod: String, Sendable, CaseIterable {
    /// From how real series of the same kind moved (``CalibrationTable``): the default, checked by
    /// back-test.
    case calibrated
    /// The model's textbook predictive distribution (Student t on its scale), equal to R's.
    case model
}

/// What to forecast.
public struct ForecastRequest: Sendable {
    /// The model, or nil for the default: the calibrated trend with ``IntervalMethod/calibrated``,
    /// the AICc selection among the textbook models with ``IntervalMethod/model``.
    public var model: TrendModel?
    /// Calibrated (default) or textbook intervals; a textbook model named in `model` always has its own.
    public var intervals: IntervalMethod = .calibrated
    /// The calibration for the default (nil: ``CalibrationTable/shipped``).
    public var calibration: CalibrationTable?
    /// How the same indicator moved in other entities up to the series' last point (``PeerMotion``;
    /// nil: computed from the `pool` given to ``Forecaster/forecast(_:_:pool:)``).
    public var peers: PeerMotion?
    /// Plan years to project (read at Y + 0.5 for flows, Y + 1 for stocks).
    public var years: [Int]
    /// Exact decimal times to project.
    public var times: [Double]
    /// Interval levels in percent (default 80 and 95).
    public var levels: [Double]
    /// A target value and year, and whether it is "at least" (default: by direction).
    public var target: (value: Double, year: Int, atLeast: Bool?)?

    /// A request.
    public init(model: TrendModel? = nil, intervals: IntervalMethod = .calibrated, calibration: CalibrationTable? = nil,
                years: [Int] = [], times: [Double] = [], levels: [Double] = [80, 95],
                target: (value: Double, year: Int, atLeast: Bool?)? = nil) {
        self.model = model
        self.intervals = intervals
        self.calibration = calibration
        self.years = years
        self.times = times
        self.levels = levels
        self.target = target
    }
}

/// Fits, selects and projects.
public enum Forecaster {
    /// Forecasts one series.
    ///
    /// - Parameters:
    ///   - series: the data.
    ///   - request: model, times, levels, target.
    ///   - pool: other series of the same indicator whose residual variance may be pooled with this
    ///     one when its own fit has fewer than 2 residual degrees of freedom.
    /// - Throws: ``ForecastError`` for bad series, inapplicable models, invalid levels, a target
    ///   year not after the data.
    public static func forecast(_ series: Series, _ request: ForecastRequest, pool: [Series] = []) throws(ForecastError) -> Forecast {
        try check(series, request)
        return try forecast(series, fitted: fit(series, request, pool: pool), request)
    }

    /// The errors a request gives before any fitting: a level outside (0, 100), a target year not
    /// after the data.
    static func check(_ series: Series, _ request: ForecastRequest) throws(ForecastError) {
        for level in request.levels where !(level > 0 && level < 100) { throw .invalidLevel(level) }
        if let target = request.target, series.time(ofYear: target.year) <= (series.times.last ?? 0) {
            throw .targetBeforeData(series.name, year: target.year, lastTime: series.times.last ?? 0)
        }
    }

    /// Whether a request asks for the calibrated default (named, or by default with calibrated intervals).
    static func isCalibrated(_ request: ForecastRequest) -> Bool {
        request.model == .calibrated || (request.model == nil && request.intervals == .calibrated)
    }

    /// The times the textbook selection checks bounds at (every time the request projects, and its
    /// target's); empty when the fit does not depend on them (the calibrated default, a named model).
    static func selectionTimes(_ series: Series, _ request: ForecastRequest) -> [Double] {
        guard request.model == nil, request.intervals == .model else { return [] }
        return request.years.map { series.time(ofYear: $0) } + request.times + (request.target.map { [series.time(ofYear: $0.year)] } ?? [])
    }

    /// The series fitted by the method the request names: the calibrated default with the request's
    /// peers (else the pool's motion), a named textbook model, or the AICc selection among the
    /// textbook models at ``selectionTimes(_:_:)``; a textbook fit with < 2 residual degrees of
    /// freedom gets its variance pooled over `pool`.
    static func fit(_ series: Series, _ request: ForecastRequest, pool: [Series]) throws(ForecastError) -> Fitted {
        var fit: TrendFit, candidates: [Candidate], reason: SelectionReason
        if isCalibrated(request) {
            let table = request.calibration ?? .shipped
            let last = series.times.last ?? 0
            let peers = request.peers ?? PeerMotion.of(pool + [series], upTo: last, value: series.values.last)
            fit = try TrendFit.calibrated(series, peers: peers, table: table)
            candidates = [Candidate(model: .calibrated, aicc: nil, looRMSE: nil, chosen: true, excluded: nil)]
            reason = .calibratedDefault(source: table.source)
        } else if let model = request.model {
            fit = try TrendFit.fit(series, model: model)
            candidates = [Candidate(model: model, aicc: fit.aicc, looRMSE: fit.looRMSE, chosen: true, excluded: nil)]
            reason = .requested(model)
        } else {
            (fit, candidates, reason) = try Selection.select(series, at: selectionTimes(series, request))
        }
        if fit.calibratedTrend == nil, fit.dfResidual < 2, !pool.isEmpty {
            fit = pooled(fit, with: pool)
        }
        return Fitted(fit: fit, candidates: candidates, reason: reason)
    }

    /// The projections and target assessment of a request, read off a series' fit (made once by
    /// ``fit(_:_:pool:)`` for the same method and, for the textbook selection, the same times).
    static func forecast(_ series: Series, fitted: Fitted, _ request: ForecastRequest) throws(ForecastError) -> Forecast {
        let fit = fitted.fit
        let yearTimes = request.years.map { series.time(ofYear: $0) }
        var projections: [Projection] = []
        for (i, t) in (yearTimes + request.times).enumerated() {
            projections.append(project(fit, series: series, at: t, year: i < yearTimes.count ? request.years[i] : nil, levels: request.levels))
        }
        let target = try request.target.map { (value, year, atLeast) throws(ForecastError) in
            try TargetAssessment.assess(series, fit: fit, value: value, year: year, atLeast: atLeast)
        }
        return Forecast(fit: fit, candidates: fitted.candidates, reason: fitted.reason, projections: projections, target: target)
    }

    /// A fit with the candidates and the rule that chose it: what a forecast's projections and
    /// target are read from.
    struct Fitted: Sendable {
        var fit: TrendFit
        var candidates: [Candidate]
        var reason: SelectionReason
    }

    /// Median and intervals at t, with flags where an untransformed model crosses a bound.
    static func project(_ fit: TrendFit, series: Series, at t: Double, year: Int?, levels: [Double]) -> Projection {
        let d = fit.distribution(at: t)
        var flags: [Projection.Flag] = []
        let intervals = levels.map { level -> Projection.Interval in
            guard d.hasSpread else { return Projection.Interval(level: level, lower: nil, upper: nil) }
            let (lo, hi) = d.interval(level: level / 100)
            return Projection.Interval(level: level, lower: lo, upper: hi)
        }
        let median = d.point
        let lows = intervals.compactMap(\.lower) + [median], highs = intervals.compactMap(\.upper) + [median]
        if let l = series.lower, let low = lows.min(), low < l {
            flags.append(median < l ? .pointBelowLower(l) : .intervalBelowLower(l))
        }
        if let u = series.upper, let high = highs.max(), high > u {
            flags.append(median > u ? .pointAboveUpper(u) : .intervalAboveUpper(u))
        }
        if !d.hasSpread { flags.append(.noSpread) }
        return Projection(year: year, t: t, estimate: median, intervals: intervals, flags: flags)
    }

    /// Pools the model-scale residual variance of `fit` with the same model fitted to `others`.
    static func pooled(_ fit: TrendFit, with others: [Series]) -> TrendFit {
        var rss = fit.dfResidual > 0 ? fit.residualSumOfSquares : 0
        var df = max(fit.dfResidual, 0), count = fit.dfResidual > 0 ? 1 : 0
        for other in others {
            guard let f = try? TrendFit.fit(other, model: fit.model), f.dfResidual > 0, f.sigma2.isFinite else { continue }
            rss += f.residualSumOfSquares
            df += f.dfResidual
            count += 1
        }
        guard df > 0 else {
            var unchanged = fit
            unchanged.notes.append(.poolingFoundNone(fit.model))
            return unchanged
        }
        return fit.pooled(sigma2: rss / Double(df), df: df, from: count)
    }
}
