import Foundation

/// A textbook trend model (linear, loglinear, logit on values, drift, mean) fitted on buffers: the one
/// implementation behind ``TrendFit/fit(_:model:)`` (which adds names, notes and counts) and the batch
/// kernel of ``BatchForecaster`` (which uses it directly, many series a second).
///
/// Fitting allocates nothing: times and values are read from buffers and the model-scale values are
/// written to a scratch buffer the caller provides (at least as long as the series). The caller has
/// checked the series (``Series/validate(minimumPoints:allowConstant:)``: n ≥ 2, finite, strictly
/// increasing times, values inside the bounds); the core checks only what each model needs.
///
/// Scores are on the *original* scale, so AICc compares models fitted on different scales: the Gaussian
/// log-likelihood at the MLE of σ² on the model scale plus Σ ln |dz/dy| at each point (the Jacobian,
/// read at the back-transformed model-scale value, as one-series fits always have), and the
/// leave-one-out errors back-transformed (ẑ₋ᵢ = zᵢ − eᵢ/(1 − hᵢ) for the lines, exact for OLS). The
/// arithmetic is the one the one-series fits have always done, operation for operation, so both paths
/// give the same bits; the lines agree with R's `lm`, the drift with `forecast::rwf(drift = TRUE)`, to
/// 1e-9 (`RReferenceTests`). A fit can be made without its scores and scored later
/// (`score(t:y:z:likelihood:)`), so that the batch kernel scores only the candidates the selection
/// rules read.
struct ModelCore: Sendable, Equatable {
    /// What the model is, on the model scale.
    enum Shape: Sendable, Equatable {
        /// A least-squares line (linear, loglinear, logit on values).
        case line(LineFit)
        /// Random walk with drift from the last point; `span` = t_n − t_1.
        case drift(lastT: Double, lastY: Double, drift: Double, span: Double)
        /// The mean of `n` values.
        case mean(mean: Double, n: Int)
    }

    /// Why a model does not apply to a series (the one-series path words it as a ``ForecastError``).
    enum Refusal: Error, Sendable, Equatable {
        /// Loglinear on a value ≤ 0.
        case needsPositiveValues
        /// Logit without an upper bound.
        case noUpperBound
        /// Drift with fewer than 3 points (no residual degree of freedom).
        case needsThreePoints
        /// ``TrendModel/calibrated`` is not a textbook model (it has its own paths).
        case notTextbook
    }

    /// The model (never ``TrendModel/calibrated``).
    var model: TrendModel
    /// The scale the model is fitted on (identity for drift and mean).
    var scale: Scale
    /// The fitted parameters.
    var shape: Shape
    /// Points used.
    var n: Int
    /// Residual sum of squares on the model scale (for the drift, of the changes over their time steps).
    var rss: Double
    /// Residual variance on the model scale; NaN at df = 0 (two points on a line).
    var sigma2: Double
    /// Residual degrees of freedom: n − 2 for lines and drift, n − 1 for the mean.
    var df: Int
    /// Log-likelihood on the original scale; nil when not finite (a perfect fit), not scored yet, or
    /// not asked for where no AICc needs it.
    var logLikelihood: Double?
    /// AICc on the original scale (``TrendFit/aicc(logLikelihood:k:n:)``); nil when n ≤ k + 1, the
    /// log-likelihood is unknown, and always for the drift (its likelihood is of the n − 1 changes).
    var aicc: Double?
    /// Leave-one-out RMSE on the original scale (n ≥ 4; for the drift the one-step errors of the
    /// n − 1 changes, each with the drift re-estimated without it).
    var looRMSE: Double?
}

extension ModelCore {
    /// Fits `model` to times `t` and values `y` (same length n ≥ 2, checked by the caller).
    ///
    /// - Parameters:
    ///   - lower: the indicator's lower bound (the logit's, 0 when nil).
    ///   - upper: the indicator's upper bound (the logit needs one).
    ///   - scratch: at least n doubles, overwritten with the model-scale values of the lines (which
    ///     `score(t:y:z:likelihood:)` reads again).
    ///   - scored: whether to compute the scores now (log-likelihood, AICc, LOO RMSE).
    /// - Throws: ``Refusal`` when the model does not apply.
    init(_ model: TrendModel, t: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, lower: Double?, upper: Double?,
         scratch: UnsafeMutableBufferPointer<Double>, scored: Bool = true) throws(Refusal) {
        let n = y.count
        switch model {
        case .linear:
            for k in 0..<n { scratch[k] = y[k] }
            self = Self.line(.linear, scale: .identity, t: t, z: scratch)
        case .loglinear:
            for k in 0..<n {
                guard y[k] > 0 else { throw .needsPositiveValues }
                scratch[k] = Foundation.log(y[k])
            }
            self = Self.line(.loglinear, scale: .log, t: t, z: scratch)
        case .logit:
            guard let u = upper else { throw .noUpperBound }
            let l = lower ?? 0
            let scale = Scale.logit(lower: l, upper: u)
            let (low, high) = Self.logitShifts(y, lower: l, upper: u)
            for k in 0..<n {
                scratch[k] = scale.forward(y[k] <= l ? l + low : (y[k] >= u ? u - high : y[k]))
            }
            self = Self.line(.logit, scale: scale, t: t, z: scratch)
        case .drift:
            guard n >= 3 else { throw .needsThreePoints }
            let span = t[n - 1] - t[0]
            let b = (y[n - 1] - y[0]) / span
            var rss = 0.0
            for i in 1..<n {
                let dt = t[i] - t[i - 1]
                let r = (y[i] - y[i - 1]) - b * dt
                rss += r * r / dt
            }
            self = ModelCore(model: .drift, scale: .identity, shape: .drift(lastT: t[n - 1], lastY: y[n - 1], drift: b, span: span),
                             n: n, rss: rss, sigma2: rss / Double(n - 2), df: n - 2)
        case .mean:
            var sum = 0.0
            for v in y { sum += v }
            let mean = sum / Double(n)
            var rss = 0.0
            for v in y { rss += (v - mean) * (v - mean) }
            self = ModelCore(model: .mean, scale: .identity, shape: .mean(mean: mean, n: n), n: n, rss: rss,
                             sigma2: n > 1 ? rss / Double(n - 1) : .nan, df: n - 1)
        case .calibrated:
            throw .notTextbook
        }
        if scored { score(t: t, y: y, z: UnsafeBufferPointer(scratch), likelihood: true) }
    }

    /// A fit without scores.
    private init(model: TrendModel, scale: Scale, shape: Shape, n: Int, rss: Double, sigma2: Double, df: Int) {
        self.init(model: model, scale: scale, shape: shape, n: n, rss: rss, sigma2: sigma2, df: df, logLikelihood: nil, aicc: nil,
                  looRMSE: nil)
    }

    /// OLS of the model-scale values `z` on time (the first n of the buffer, n = t.count).
    private static func line(_ model: TrendModel, scale: Scale, t: UnsafeBufferPointer<Double>,
                             z: UnsafeMutableBufferPointer<Double>) -> ModelCore {
        let fit = LineFit(t: t, z: UnsafeBufferPointer(rebasing: z[0..<t.count]))
        return ModelCore(model: model, scale: scale, shape: .line(fit), n: t.count, rss: fit.rss, sigma2: fit.sigma2, df: fit.df)
    }

    /// How far values on a bound are moved inside it for the logit (an empirical-logit adjustment):
    /// ``TrendFit/logitBoundaryShift`` of the range, or half the distance of the nearest value strictly
    /// inside to that bound if that is smaller (so a 0 % before 0.6 % stays below it). A value ≤ lower
    /// is read as `lower + low`, one ≥ upper as `upper − high`. Requires lower < upper.
    static func logitShifts(_ y: UnsafeBufferPointer<Double>, lower l: Double, upper u: Double) -> (low: Double, high: Double) {
        var lowGap = u - l, highGap = u - l
        for v in y where v > l && v < u {
            lowGap = min(lowGap, v - l)
            highGap = min(highGap, u - v)
        }
        let shift = TrendFit.logitBoundaryShift * (u - l)
        return (min(shift, lowGap / 2), min(shift, highGap / 2))
    }

    /// Computes the scores of this fit of `t`, `y`: log-likelihood, AICc and LOO RMSE (n ≥ 4).
    ///
    /// - Parameters:
    ///   - z: for a line, the model-scale values the fit was made from (its scratch, unchanged since).
    ///   - likelihood: whether to compute the log-likelihood where no AICc needs it: the drift's
    ///     (n − 1 logarithms; it has no AICc), the others' at n ≤ k + 1. The batch kernel, which only
    ///     ranks, passes false.
    mutating func score(t: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, z: UnsafeBufferPointer<Double>,
                        likelihood: Bool) {
        let k = model.informationParameters
        switch shape {
        case let .line(fit):
            // AICc on the original scale; leave-one-out on the model scale, ẑ₋ᵢ = zᵢ − eᵢ/(1 − hᵢ), then back.
            var ll = Double.nan
            if likelihood || n > k + 1 {
                ll = TrendFit.gaussianLogLikelihood(rss: rss, n: n) + Self.logJacobian(scale, z: UnsafeBufferPointer(rebasing: z[0..<n]), y: y)
            }
            logLikelihood = ll.isFinite ? ll : nil
            aicc = TrendFit.aicc(logLikelihood: ll, k: k, n: n)
            if n >= 4 {
                var sum = 0.0
                for i in 0..<n {
                    let e = z[i] - fit.fitted(t[i])
                    let err = y[i] - scale.inverse(z[i] - e / (1 - fit.leverage(t[i])))
                    sum += err * err
                }
                looRMSE = (sum / Double(n)).squareRoot()
            }
        case let .drift(_, _, b, span):
            // The likelihood of the n − 1 changes at the MLE σ̂²(n − 2)/(n − 1); no AICc.
            if likelihood {
                let mle = rss / Double(n - 1)
                var ll = 0.0
                for i in 1..<n {
                    let dt = t[i] - t[i - 1]
                    let r = (y[i] - y[i - 1]) - b * dt
                    ll += -0.5 * (Foundation.log(2 * Double.pi * mle * dt) + r * r / (mle * dt))
                }
                logLikelihood = ll.isFinite ? ll : nil
            }
            if n >= 4 {
                // One-step-ahead error for each point after the first, drift re-estimated without that change.
                var sum = 0.0
                for i in 1..<n {
                    let dt = t[i] - t[i - 1]
                    let bi = ((y[n - 1] - y[0]) - (y[i] - y[i - 1])) / (span - dt)
                    let err = y[i] - (y[i - 1] + bi * dt)
                    sum += err * err
                }
                looRMSE = (sum / Double(n - 1)).squareRoot()
            }
        case let .mean(mean, _):
            let ll = likelihood || n > k + 1 ? TrendFit.gaussianLogLikelihood(rss: rss, n: n) : .nan
            logLikelihood = ll.isFinite ? ll : nil
            aicc = TrendFit.aicc(logLikelihood: ll, k: k, n: n)
            if n >= 4 {
                var total = 0.0
                for v in y {
                    let others = (mean * Double(n) - v) / Double(n - 1)
                    total += (v - others) * (v - others)
                }
                looRMSE = (total / Double(n)).squareRoot()
            }
        }
    }

    /// Σ ln |dz/dy| over the points: each term is ``Scale/logJacobian(_:)`` at `scale.inverse(zₖ)`, to
    /// the bit (the one-series log-likelihoods have always read it there), with fewer logarithms: on the
    /// log scale −ln(e^z) is −z itself whenever e^z gives back the value z was taken of (zₖ = ln yₖ);
    /// on the logit scale ln(upper − lower) is taken once. 0 on the identity scale.
    static func logJacobian(_ scale: Scale, z: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        switch scale {
        case .identity:
            break
        case .log:
            for k in 0..<z.count {
                let back = Foundation.exp(z[k])
                sum += back == y[k] ? -z[k] : -Foundation.log(back)
            }
        case let .logit(l, u):
            let range = Foundation.log(u - l)
            for k in 0..<z.count {
                let back = scale.inverse(z[k])
                sum += range - Foundation.log(back - l) - Foundation.log(u - back)
            }
        case .censoredLogit, .logOffset, .rankPlace:
            for k in 0..<z.count { sum += scale.logJacobian(scale.inverse(z[k])) }
        }
        return sum
    }

    /// The centre of the predictive distribution at decimal time `t`, on the model scale (its
    /// back-transform is the median forecast).
    func location(at t: Double) -> Double {
        switch shape {
        case let .line(fit): fit.fitted(t)
        case let .drift(lastT, lastY, drift, _): lastY + drift * (t - lastT)
        case let .mean(mean, _): mean
        }
    }

    /// The predictive variance of a new value at `t` over σ²: 1 + 1/Σw + (t − t̄)²/Sxx for a line,
    /// h + h²/span for the drift (h = |t − t_n|, 0 at the last point), 1 + 1/n for the mean.
    func varianceFactor(at t: Double) -> Double {
        switch shape {
        case let .line(fit):
            let dt = t - fit.tBar
            return 1 / fit.weightSum + dt * dt / fit.sxx + 1
        case let .drift(lastT, _, _, span):
            let h = abs(t - lastT)
            return h + h * h / span
        case let .mean(_, n):
            return 1 + 1 / Double(n)
        }
    }

    /// The standard error of a new value at `t` on the model scale, √(σ² × ``varianceFactor(at:)``),
    /// for a residual variance `sigma2` (this fit's, or one pooled across series). There is an interval
    /// only where it is finite and positive and df > 0 (``PredictiveDistribution/hasSpread``).
    func spread(at t: Double, sigma2: Double) -> Double {
        (sigma2 * varianceFactor(at: t)).squareRoot()
    }
}
