import Foundation
import Indicators

extension BatchForecaster {
    /// One model fitted inside the kernel: enough to score it and project it.
    struct Fitted {
        var model: TrendModel
        var aicc: Double        // .nan when undefined
        var loo: Double         // .nan when not computed
        var df: Int
        var sigma2: Double
        var scale: Scale
        // line: zBar, slope, tBar, 1/Σw, Sxx; drift: lastY, drift, lastT, span; mean: mean, n.
        var a: Double, b: Double, c: Double, d: Double, e: Double

        func location(_ t: Double) -> Double {
            switch model {
            case .linear, .loglinear, .logit: a + b * (t - c)
            case .drift: a + b * (t - c)
            case .mean, .calibrated: a
            }
        }

        func spread(_ t: Double) -> Double {
            switch model {
            case .linear, .loglinear, .logit:
                let dt = t - c
                return (sigma2 * (d + dt * dt / e + 1)).squareRoot()
            case .drift:
                let h = abs(t - c)
                return (sigma2 * (h + h * h / d)).squareRoot()
            case .mean, .calibrated:
                return (sigma2 * (1 + 1 / d)).squareRoot()
            }
        }
    }

    /// Per-worker state: scratch buffers reused for every series of a chunk.
    struct Kernel {
        let candidates: [TrendModel]
        let times: [Double]
        let levels: [Double]
        let table: QuantileTable
        let lower: Double?
        let upper: Double?
        let kind: Indicator.Kind
        var z: [Double]
        var fitted: [Fitted]
        var inside: [Bool]

        init(candidates: [TrendModel], times: [Double], levels: [Double], table: QuantileTable, lower: Double?, upper: Double?,
             kind: Indicator.Kind, maxN: Int) {
            self.candidates = candidates
            self.times = times
            self.levels = levels
            self.table = table
            self.lower = lower
            self.upper = upper
            self.kind = kind
            z = [Double](repeating: 0, count: max(maxN, 1))
            fitted = []
            fitted.reserveCapacity(candidates.count)
            inside = []
            inside.reserveCapacity(candidates.count)
        }

        mutating func run(series i: Int, input: Input, output: Output) {
            let start = input.batch.offsets[i], n = input.batch.offsets[i + 1] - start
            guard n >= 2 else { return }
            let t = UnsafeBufferPointer(rebasing: input.times[start..<(start + n)])
            let y = UnsafeBufferPointer(rebasing: input.values[start..<(start + n)])
            var allEqual = true
            for k in 0..<n {
                if k > 0 && !(t[k] > t[k - 1]) { return }
                if let l = lower, y[k] < l { return }
                if let u = upper, y[k] > u { return }
                if y[k] != y[0] { allEqual = false }
            }
            if allEqual { return }
            fitted.removeAll(keepingCapacity: true)
            for model in candidates {
                if let f = fit(model, t: t, y: y, n: n) { fitted.append(f) }
            }
            guard let best = choose(n: n) else { return }
            output.chosen[i] = Int8(candidates.firstIndex(of: fitted[best].model) ?? -1)
            write(fitted[best], series: i, output: output)
        }

        mutating func fit(_ model: TrendModel, t: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, n: Int) -> Fitted? {
            switch model {
            case .linear, .loglinear, .logit:
                let scale: Scale
                var jacobian = 0.0
                switch model {
                case .linear:
                    scale = .identity
                    for k in 0..<n { z[k] = y[k] }
                case .loglinear:
                    scale = .log
                    for k in 0..<n {
                        guard y[k] > 0 else { return nil }
                        z[k] = Foundation.log(y[k])
                        jacobian -= z[k]
                    }
                default:
                    guard let u = upper else { return nil }
                    let l = lower ?? 0
                    scale = .logit(lower: l, upper: u)
                    var lowGap = u - l, highGap = u - l
                    for k in 0..<n where y[k] > l && y[k] < u {
                        lowGap = min(lowGap, y[k] - l)
                        highGap = min(highGap, u - y[k])
                    }
                    let lowShift = min(TrendFit.logitBoundaryShift * (u - l), lowGap / 2)
                    let highShift = min(TrendFit.logitBoundaryShift * (u - l), highGap / 2)
                    for k in 0..<n {
                        let v = y[k] <= l ? l + lowShift : (y[k] >= u ? u - highShift : y[k])
                        z[k] = Foundation.log((v - l) / (u - v))
                        jacobian += Foundation.log(u - l) - Foundation.log(v - l) - Foundation.log(u - v)
                    }
                }
                let line = z.withUnsafeBufferPointer { LineFit(t: t, z: UnsafeBufferPointer(rebasing: $0[0..<n])) }
                let ll = TrendFit.gaussianLogLikelihood(rss: line.rss, n: n) + jacobian
                var loo = Double.nan
                if n >= 4 {
                    var sum = 0.0
                    for k in 0..<n {
                        let e = z[k] - line.fitted(t[k])
                        let err = y[k] - scale.inverse(z[k] - e / (1 - line.leverage(t[k])))
                        sum += err * err
                    }
                    loo = (sum / Double(n)).squareRoot()
                }
                return Fitted(model: model, aicc: TrendFit.aicc(logLikelihood: ll, k: 3, n: n) ?? .nan, loo: loo, df: n - 2,
                              sigma2: line.sigma2, scale: scale, a: line.zBar, b: line.slope, c: line.tBar, d: 1 / line.weightSum, e: line.sxx)
            case .drift:
                guard n >= 3 else { return nil }
                let span = t[n - 1] - t[0]
                let b = (y[n - 1] - y[0]) / span
                var rss = 0.0
                for k in 1..<n {
                    let dt = t[k] - t[k - 1]
                    let r = (y[k] - y[k - 1]) - b * dt
                    rss += r * r / dt
                }
                var loo = Double.nan
                if n >= 4 {
                    var sum = 0.0
                    for k in 1..<n {
                        let dt = t[k] - t[k - 1]
                        let bk = ((y[n - 1] - y[0]) - (y[k] - y[k - 1])) / (span - dt)
                        let err = y[k] - (y[k - 1] + bk * dt)
                        sum += err * err
                    }
                    loo = (sum / Double(n - 1)).squareRoot()
                }
                return Fitted(model: .drift, aicc: .nan, loo: loo, df: n - 2, sigma2: rss / Double(n - 2), scale: .identity,
                              a: y[n - 1], b: b, c: t[n - 1], d: span, e: 0)
            case .calibrated:
                // Not a textbook candidate: the calibrated default has its own batch path.
                return nil
            case .mean:
                var s = 0.0
                for k in 0..<n { s += y[k] }
                let mean = s / Double(n)
                var rss = 0.0
                for k in 0..<n { rss += (y[k] - mean) * (y[k] - mean) }
                let ll = TrendFit.gaussianLogLikelihood(rss: rss, n: n)
                var loo = Double.nan
                if n >= 4 {
                    var sum = 0.0
                    for k in 0..<n {
                        let others = (s - y[k]) / Double(n - 1)
                        sum += (y[k] - others) * (y[k] - others)
                    }
                    loo = (sum / Double(n)).squareRoot()
                }
                return Fitted(model: .mean, aicc: TrendFit.aicc(logLikelihood: ll, k: 2, n: n) ?? .nan, loo: loo, df: n - 1,
                              sigma2: rss / Double(n - 1), scale: .identity, a: mean, b: 0, c: 0, d: Double(n), e: 0)
            }
        }

        /// The rules of ``Selection``: medians inside the bounds, prefer 95 % intervals inside,
        /// then AICc (LOO for near-ties), LOO at n = 4, kind order at n ≤ 3.
        mutating func choose(n: Int) -> Int? {
            // A forced model (one candidate) is used as it is, as Forecaster does.
            if candidates.count == 1 { return fitted.isEmpty ? nil : 0 }
            // admissible[k]: median inside the bounds at every time, and the 95 % interval too
            // whenever some candidate manages both.
            inside.removeAll(keepingCapacity: true)
            var anyInside = false, anyMedian = false
            for f in fitted {
                var medianOK = true, intervalOK = true
                let spread = f.df > 0 && f.sigma2 > 0 && f.sigma2.isFinite
                for t in times {
                    let loc = f.location(t)
                    let m = f.scale.inverse(loc)
                    if let l = lower, m < l { medianOK = false }
                    if let u = upper, m > u { medianOK = false }
                    if spread {
                        let q = table.ninetyFive[f.df] * f.spread(t)
                        if let l = lower, f.scale.inverse(loc - q) < l { intervalOK = false }
                        if let u = upper, f.scale.inverse(loc + q) > u { intervalOK = false }
                    }
                }
                // Two bits per model: 1 = median inside, 2 = interval inside as well.
                inside.append(medianOK)
                inside.append(medianOK && intervalOK)
                anyMedian = anyMedian || medianOK
                anyInside = anyInside || (medianOK && intervalOK)
            }
            guard anyMedian else { return nil }
            func admissible(_ k: Int) -> Bool { anyInside ? inside[2 * k + 1] : inside[2 * k] }
            var fallback = -1
            for k in fitted.indices where admissible(k) { fallback = k; break }
            if n <= 3 { return fallback }
            var best = -1, second = -1
            for k in fitted.indices where admissible(k) && !fitted[k].aicc.isNaN {
                if best < 0 || fitted[k].aicc < fitted[best].aicc {
                    second = best
                    best = k
                } else if second < 0 || fitted[k].aicc < fitted[second].aicc {
                    second = k
                }
            }
            if best >= 0 && second >= 0 {
                let gap = fitted[second].aicc - fitted[best].aicc
                if gap < 2, !fitted[best].loo.isNaN, !fitted[second].loo.isNaN, fitted[second].loo < fitted[best].loo { return second }
                return best
            }
            var byLOO = -1
            for k in fitted.indices where admissible(k) && !fitted[k].loo.isNaN {
                if byLOO < 0 || fitted[k].loo < fitted[byLOO].loo { byLOO = k }
            }
            return byLOO >= 0 ? byLOO : fallback
        }

        func write(_ f: Fitted, series i: Int, output: Output) {
            let nt = times.count, nl = levels.count
            let hasSpread = f.df > 0 && f.sigma2 > 0 && f.sigma2.isFinite
            for (j, t) in times.enumerated() {
                let loc = f.location(t)
                output.estimates[i * nt + j] = f.scale.inverse(loc)
                guard hasSpread else { continue }
                let s = f.spread(t)
                for k in 0..<nl {
                    let q = table.quantile(df: f.df, level: k) * s
                    output.lower[(i * nt + j) * nl + k] = f.scale.inverse(loc - q)
                    output.upper[(i * nt + j) * nl + k] = f.scale.inverse(loc + q)
                }
            }
        }
    }
}
