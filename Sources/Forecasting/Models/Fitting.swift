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
    /// The textbook models on values come from `ModelCore` (the batch kernel's fits too); a share
    /// with counts gets the quasi-binomial GLM for `logit`; ``TrendModel/calibrated`` the calibrated trend
    /// with the shipped table.
    ///
    /// - Throws: ``ForecastError/notApplicable(_:model:reason:)`` when the model does not apply
    ///   (non-positive values for loglinear, no bounds for logit, too few points), and the errors
    ///   of ``Series/validate(minimumPoints:allowConstant:)``.
    public static func fit(_ series: Series, model: TrendModel) throws(ForecastError) -> TrendFit {
        if model == .calibrated { return try calibrated(series, table: .shipped) }
        try series.validate()
        if model == .logit, let upper = series.upper, series.hasCounts && series.kind == .share {
            return try glm(series, lower: series.lower ?? 0, upper: upper)
        }
        let core: ModelCore
        do {
            core = try textbookCore(series, model: model)
        } catch {
            let reason: ForecastError.NotApplicable
            switch error {
            case .needsPositiveValues: reason = .needsPositiveValues
            case .noUpperBound: reason = .noUpperBound
            case .needsThreePoints: reason = .needsThreePoints
            case .notTextbook: return try calibrated(series, table: .shipped)   // (returned above; kept for exhaustiveness)
            }
            throw .notApplicable(series.name, model: model.rawValue, reason: reason)
        }
        return textbook(series, core: core)
    }

    /// `ModelCore` on the series' times and values (a scratch buffer on the stack).
    static func textbookCore(_ series: Series, model: TrendModel) throws(ModelCore.Refusal) -> ModelCore {
        try series.times.withUnsafeBufferPointer { t throws(ModelCore.Refusal) in
            try series.values.withUnsafeBufferPointer { y throws(ModelCore.Refusal) in
                try withUnsafeTemporaryAllocation(of: Double.self, capacity: series.count) { z throws(ModelCore.Refusal) in
                    try ModelCore(model, t: t, y: y, lower: series.lower, upper: series.upper, scratch: z)
                }
            }
        }
    }

    /// A textbook fit made from its `ModelCore`: coefficients named as R names them (`(Intercept)`
    /// and `t` on decimal time for the lines, `drift`, `mean`) with their standard errors, and the notes:
    /// values moved inside the bounds for the logit, no AICc for the drift.
    static func textbook(_ series: Series, core: ModelCore) -> TrendFit {
        let n = series.count
        let coefficients: [Coefficient]
        var notes: [FitNote] = []
        switch core.shape {
        case let .line(fit):
            coefficients = fit.coefficients(sigma2: fit.sigma2)
            if case let .logit(lower, upper) = core.scale {
                let (low, high) = series.values.withUnsafeBufferPointer { ModelCore.logitShifts($0, lower: lower, upper: upper) }
                var moved: [FitNote.Move] = []
                for (t, y) in zip(series.times, series.values) {
                    if y <= lower {
                        moved.append(FitNote.Move(t: t, from: y, to: lower + low))
                    } else if y >= upper {
                        moved.append(FitNote.Move(t: t, from: y, to: upper - high))
                    }
                }
                if !moved.isEmpty { notes.append(.valuesMovedInsideBounds(moved)) }
            }
        case let .drift(_, _, drift, span):
            coefficients = [Coefficient(name: "drift", estimate: drift, standardError: (core.sigma2 / span).squareRoot())]
            notes.append(.driftHasNoAICc(changes: n - 1, values: n))
        case let .mean(mean, _):
            coefficients = [Coefficient(name: "mean", estimate: mean, standardError: (core.sigma2 / Double(n)).squareRoot())]
        }
        return TrendFit(
            model: core.model, name: series.name, n: n, coefficients: coefficients, sigma2: core.sigma2, dfResidual: core.df,
            logLikelihood: core.logLikelihood, aicc: core.aicc, looRMSE: core.looRMSE, notes: notes, kernel: .textbook(core))
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
        let valuesFit = try? textbookCore(series, model: .logit)
        result.logLikelihood = valuesFit?.logLikelihood
        result.aicc = valuesFit?.aicc
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
}
