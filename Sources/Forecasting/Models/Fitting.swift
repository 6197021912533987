import Foundation
import Indicators
import LinearAlgebra
import Statistics

extension TrendFit {
    /// The share of the range by which values at a bound are moved inside it for the logit
    /// (an empirical-logit adjustment): 0.5 %.
    public static let logitBoundaryShift = 0.005

    /// Fits `model` to `series`.
    ///
    /// - Throws: ``ForecastError/notApplicable(_:model:reason:)`` when the model does not apply
    ///   (non-positive values for loglinear, no bounds for logit, too few points), and the errors
    ///   of ``Series/validate(minimumPoints:allowConstant:)``.
    public static func fit(_ series: Series, model: TrendModel) throws(ForecastError) -> TrendFit {
        if model == .calibrated { return try calibrated(series, table: .shipped) }
        try series.validate()
        let n = series.count
        func refuse(_ reason: ForecastError.NotApplicable) -> ForecastError { .notApplicable(series.name, model: model.rawValue, reason: reason) }
        switch model {
        case .linear:
            return line(series, scale: .identity, z: series.values, notes: [])
        case .loglinear:
            guard series.values.allSatisfy({ $0 > 0 }) else { throw refuse(.needsPositiveValues) }
            return line(series, scale: .log, z: series.values.map { Foundation.log($0) }, notes: [])
        case .logit:
            guard let upper = series.upper else { throw refuse(.noUpperBound) }
            let lower = series.lower ?? 0
            if series.hasCounts && series.kind == .share {
                return try glm(series, lower: lower, upper: upper)
            }
            let (z, notes) = logitValues(series, lower: lower, upper: upper)
            return line(series, scale: .logit(lower: lower, upper: upper), z: z, notes: notes)
        case .drift:
            guard n >= 3 else { throw refuse(.needsThreePoints) }
            return drift(series)
        case .mean:
            return mean(series)
        case .calibrated:
            return try calibrated(series, table: .shipped)   // (returned above; kept for exhaustiveness)
        }
    }

    /// Values on a bound moved inside it for the logit: by ``logitBoundaryShift`` of the range, or by
    /// half the distance of the nearest other value to that bound if that is smaller (so a 0 % before
    /// 0.6 % stays below it).
    static func logitValues(_ series: Series, lower: Double, upper: Double) -> (z: [Double], notes: [FitNote]) {
        let scale = Scale.logit(lower: lower, upper: upper)
        let inside = series.values.filter { $0 > lower && $0 < upper }
        let lowShift = min(logitBoundaryShift * (upper - lower), (inside.map { $0 - lower }.min() ?? upper - lower) / 2)
        let highShift = min(logitBoundaryShift * (upper - lower), (inside.map { upper - $0 }.min() ?? upper - lower) / 2)
        var moved: [FitNote.Move] = []
        let z = zip(series.times, series.values).map { t, y -> Double in
            if y <= lower {
                moved.append(FitNote.Move(t: t, from: y, to: lower + lowShift))
                return scale.forward(lower + lowShift)
            }
            if y >= upper {
                moved.append(FitNote.Move(t: t, from: y, to: upper - highShift))
                return scale.forward(upper - highShift)
            }
            return scale.forward(y)
        }
        var notes: [FitNote] = []
        if !moved.isEmpty { notes.append(.valuesMovedInsideBounds(moved)) }
        return (z, notes)
    }

    /// A line fitted on a scale: linear, loglinear, or logit on values.
    static func line(_ series: Series, scale: Scale, z: [Double], notes: [FitNote]) -> TrendFit {
        let n = series.count
        let fit = series.times.withUnsafeBufferPointer { t in z.withUnsafeBufferPointer { LineFit(t: t, z: $0) } }
        var jacobian = 0.0
        var clampedY: [Double] = []
        for zi in z { clampedY.append(scale.inverse(zi)) }
        for y in clampedY { jacobian += scale.logJacobian(y) }
        let ll = gaussianLogLikelihood(rss: fit.rss, n: n) + jacobian
        let model: TrendModel = switch scale {
        case .identity, .rankPlace: .linear
        case .log, .logOffset: .loglinear
        case .logit, .censoredLogit: .logit
        }
        var result = TrendFit(
            model: model, name: series.name, n: n, coefficients: fit.coefficients(sigma2: fit.sigma2), sigma2: fit.sigma2,
            dfResidual: fit.df, logLikelihood: ll.isFinite ? ll : nil,
            aicc: aicc(logLikelihood: ll, k: model.informationParameters, n: n), looRMSE: nil, notes: notes,
            kernel: .line(fit, scale))
        if n >= 4 {
            // Leave-one-out on the model scale: ẑ₋ᵢ = zᵢ − eᵢ/(1 − hᵢ), then back to the original scale.
            var sum = 0.0
            for i in 0..<n {
                let e = z[i] - fit.fitted(series.times[i])
                let loo = z[i] - e / (1 - fit.leverage(series.times[i]))
                let err = series.values[i] - scale.inverse(loo)
                sum += err * err
            }
            result.looRMSE = (sum / Double(n)).squareRoot()
        }
        return result
    }

    /// The quasi-binomial GLM on counts; points without counts get the median denominator.
    static func glm(_ series: Series, lower: Double, upper: Double) throws(ForecastError) -> TrendFit {
        let n = series.count
        let core = try glmCore(series, lower: lower, upper: upper)
        var notes: [FitNote] = [.quasiBinomialGLM]
        if !core.imputed.isEmpty { notes.append(.pointsWithoutCounts(times: core.imputed, trials: core.median)) }
        let model = core.model, tCentre = core.tCentre
        let (b0c, b1) = (model.coefficients[0], model.coefficients[1])
        let cov = model.unscaledCovariance
        let phi = model.dispersion
        // Report on the decimal-time scale, as R's glm(y ~ t) does: b0 = b0c − b1·t̄.
        let var0 = phi * (cov[0, 0] - 2 * tCentre * cov[0, 1] + tCentre * tCentre * cov[1, 1])
        var result = core.fit
        result.coefficients = [
            Coefficient(name: "(Intercept)", estimate: b0c - b1 * tCentre, standardError: var0.squareRoot()),
            Coefficient(name: "t", estimate: b1, standardError: (phi * cov[1, 1]).squareRoot()),
        ]
        // AICc of the logit curve from the values-only fit (a quasi-likelihood has none).
        let (z, _) = logitValues(series, lower: lower, upper: upper)
        let valuesFit = line(series, scale: .logit(lower: lower, upper: upper), z: z, notes: [])
        result.logLikelihood = valuesFit.logLikelihood
        result.aicc = valuesFit.aicc
        notes.append(.aiccFromValues)
        result.notes = notes
        if n >= 4 {
            var sum = 0.0
            for i in 0..<n {
                var rest = series
                rest.times.remove(at: i)
                rest.values.remove(at: i)
                rest.numerators.remove(at: i)
                rest.denominators.remove(at: i)
                guard rest.hasCounts, let f = try? glmCore(rest, lower: lower, upper: upper) else { return result }
                let err = series.values[i] - f.fit.distribution(at: series.times[i]).median
                sum += err * err
            }
            result.looRMSE = (sum / Double(n)).squareRoot()
        }
        return result
    }

    /// The GLM fit itself: counts where known, the median denominator (and the published value) where not.
    static func glmCore(_ series: Series, lower: Double, upper: Double) throws(ForecastError)
        -> (fit: TrendFit, model: BinomialGLM, tCentre: Double, median: Double, imputed: [Double])
    {
        let n = series.count
        let known = (0..<n).compactMap { i in series.numerators[i] != nil ? series.denominators[i] : nil }.sorted()
        guard !known.isEmpty else { throw .notApplicable(series.name, model: "logit", reason: .noCounts) }
        let median = known.count % 2 == 1 ? known[known.count / 2] : (known[known.count / 2 - 1] + known[known.count / 2]) / 2
        var trials: [Double] = [], successes: [Double] = [], imputed: [Double] = []
        for i in 0..<n {
            if let num = series.numerators[i], let den = series.denominators[i] {
                trials.append(den)
                successes.append(num)
            } else {
                imputed.append(series.times[i])
                trials.append(median)
                successes.append(median * (series.values[i] - lower) / (upper - lower))
            }
        }
        let tCentre = series.times.reduce(0, +) / Double(n)
        let model: BinomialGLM
        let design: Matrix
        do {
            design = try Matrix(columns: [series.times.map { $0 - tCentre }])
        } catch {
            throw .statistics(series.name, .linearAlgebra(error))
        }
        do {
            model = try BinomialGLM.fit(design: design, successes: successes, trials: trials, names: ["t"], quasi: true)
        } catch {
            throw .statistics(series.name, error)
        }
        let cov = model.unscaledCovariance
        let fit = TrendFit(
            model: .logit, name: series.name, n: n, coefficients: [], sigma2: model.dispersion, dfResidual: model.dfResidual,
            logLikelihood: nil, aicc: nil, looRMSE: nil, notes: [],
            kernel: .glm(b0: model.coefficients[0], b1: model.coefficients[1], tCentre: tCentre, cov00: cov[0, 0],
                         cov01: cov[0, 1], cov11: cov[1, 1], newTrials: trials.last ?? median,
                         scale: .logit(lower: lower, upper: upper)))
        return (fit, model, tCentre, median, imputed)
    }

    /// Random walk with drift for irregular times: Δyᵢ = b Δtᵢ + eᵢ, Var eᵢ = σ² Δtᵢ.
    /// b̂ = (y_n − y_1)/(t_n − t_1), σ̂² = Σ (Δyᵢ − b̂Δtᵢ)²/Δtᵢ / (n − 2); on unit steps this is
    /// forecast::rwf(drift = TRUE): forecast variance σ̂²(h + h²/(t_n − t_1)).
    static func drift(_ series: Series) -> TrendFit {
        let t = series.times, y = series.values, n = series.count
        let span = t[n - 1] - t[0]
        let b = (y[n - 1] - y[0]) / span
        var rss = 0.0, ll = 0.0
        for i in 1..<n {
            let dt = t[i] - t[i - 1]
            let r = (y[i] - y[i - 1]) - b * dt
            rss += r * r / dt
        }
        let m = n - 1
        let sigma2 = rss / Double(m - 1)
        let mle = rss / Double(m)
        for i in 1..<n {
            let dt = t[i] - t[i - 1]
            let r = (y[i] - y[i - 1]) - b * dt
            ll += -0.5 * (Foundation.log(2 * Double.pi * mle * dt) + r * r / (mle * dt))
        }
        var result = TrendFit(
            model: .drift, name: series.name, n: n,
            coefficients: [Coefficient(name: "drift", estimate: b, standardError: (sigma2 / span).squareRoot())],
            sigma2: sigma2, dfResidual: m - 1, logLikelihood: ll.isFinite ? ll : nil,
            aicc: nil, looRMSE: nil,
            notes: [.driftHasNoAICc(changes: m, values: n)],
            kernel: .drift(lastT: t[n - 1], lastY: y[n - 1], drift: b, span: span))
        if n >= 4 {
            // One-step-ahead error for each point after the first, drift re-estimated without that change.
            var sum = 0.0
            for i in 1..<n {
                let dt = t[i] - t[i - 1]
                let bi = ((y[n - 1] - y[0]) - (y[i] - y[i - 1])) / (span - dt)
                let err = y[i] - (y[i - 1] + bi * dt)
                sum += err * err
            }
            result.looRMSE = (sum / Double(n - 1)).squareRoot()
        }
        return result
    }

    /// The mean with a Student t predictive: ȳ ± t s √(1 + 1/n).
    static func mean(_ series: Series) -> TrendFit {
        let n = series.count
        let y = series.values
        let mean = y.reduce(0, +) / Double(n)
        let rss = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let sigma2 = n > 1 ? rss / Double(n - 1) : .nan
        let ll = gaussianLogLikelihood(rss: rss, n: n)
        var result = TrendFit(
            model: .mean, name: series.name, n: n,
            coefficients: [Coefficient(name: "mean", estimate: mean, standardError: (sigma2 / Double(n)).squareRoot())],
            sigma2: sigma2, dfResidual: n - 1, logLikelihood: ll.isFinite ? ll : nil,
            aicc: aicc(logLikelihood: ll, k: 2, n: n), looRMSE: nil, notes: [], kernel: .mean(mean: mean, n: n))
        if n >= 4 {
            var sum = 0.0
            for i in 0..<n {
                let others = (mean * Double(n) - y[i]) / Double(n - 1)
                sum += (y[i] - others) * (y[i] - others)
            }
            result.looRMSE = (sum / Double(n)).squareRoot()
        }
        return result
    }
}
