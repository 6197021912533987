import Foundation
import Statistics

extension BatchForecaster {
    /// Per-worker state: scratch buffers reused for every series of a chunk.
    ///
    /// Each series is checked as ``Series/validate(minimumPoints:allowConstant:)`` checks it, its
    /// candidates are fitted by `ModelCore` and chosen by `Selection.decide(count:n:forced:standing:aicc:looRMSE:)`:
    /// the one-series path's fits and rules, so both give the same model and the same numbers (to the
    /// bit: `BatchTests`). Nothing is allocated per series.
    struct Kernel {
        let candidates: [TrendModel]
        let times: [Double]
        let levels: [Double]
        let table: QuantileTable
        let lower: Double?
        let upper: Double?
        /// The longest series' length.
        let maxN: Int
        /// `ModelCore`'s scratch, `maxN` doubles per candidate: the model-scale values of the current
        /// series under candidate k at `k * maxN ..<`, kept until the fit is scored.
        let scratch: UnsafeMutableBufferPointer<Double>
        /// The current series' fits by candidate index (nil: the model does not apply), where asked.
        let fits: UnsafeMutableBufferPointer<ModelCore?>
        /// The current series' fits against the bounds at `times`, by candidate index (nil: not asked yet).
        let standings: UnsafeMutableBufferPointer<Selection.Standing?>
        /// Whether the current series' fit of candidate k has its scores (computed when the rules read them).
        let scored: UnsafeMutableBufferPointer<Bool>

        /// Runs `body` with a worker's kernel for series of at most `maxN` points, its buffers (scratch,
        /// fit, standing and scored flag per candidate) allocated for the call (on the stack when small).
        static func with(candidates: [TrendModel], times: [Double], levels: [Double], table: QuantileTable, lower: Double?,
                         upper: Double?, maxN: Int, _ body: (Kernel) -> Void) {
            let count = max(candidates.count, 1), maxN = max(maxN, 1)
            withUnsafeTemporaryAllocation(of: Double.self, capacity: maxN * count) { scratch in
                withUnsafeTemporaryAllocation(of: ModelCore?.self, capacity: count) { fits in
                    withUnsafeTemporaryAllocation(of: Selection.Standing?.self, capacity: count) { standings in
                        withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { scored in
                            fits.initialize(repeating: nil)
                            standings.initialize(repeating: nil)
                            scored.initialize(repeating: false)
                            body(Kernel(candidates: candidates, times: times, levels: levels, table: table, lower: lower, upper: upper,
                                        maxN: maxN, scratch: scratch, fits: fits, standings: standings, scored: scored))
                        }
                    }
                }
            }
        }

        /// Fits, chooses and projects series `i`; a series the one-series path would refuse (fewer than
        /// 2 points, a non-finite or huge number, times not increasing, a value outside the bounds, all
        /// values equal) or with no admissible candidate is left NaN with no model.
        func run(series i: Int, input: Input, output: Output) {
            let start = input.batch.offsets[i], n = input.batch.offsets[i + 1] - start
            guard n >= 2 else { return }
            let t = UnsafeBufferPointer(rebasing: input.times[start..<(start + n)])
            let y = UnsafeBufferPointer(rebasing: input.values[start..<(start + n)])
            var allEqual = true
            for k in 0..<n {
                guard t[k].isFinite, y[k].isFinite, abs(y[k]) <= LinearModel.largestMagnitude else { return }
                if k > 0 && !(t[k] > t[k - 1]) { return }
                if let l = lower, y[k] < l { return }
                if let u = upper, y[k] > u { return }
                if y[k] != y[0] { allEqual = false }
            }
            if allEqual { return }
            // A forced model (one candidate) is used as it is, as Forecaster does: its bounds are not checked.
            let forced = candidates.count == 1
            for k in standings.indices {
                standings[k] = nil
                scored[k] = false
            }
            // Candidates are fitted as the rules ask where they stand (in order; at n ≤ 3 up to the first
            // inside), and scored only when the rules read their scores (admissible ones, n ≥ 4).
            func z(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
                UnsafeMutableBufferPointer(rebasing: scratch[(k * maxN)..<(k * maxN + n)])
            }
            func candidate(_ k: Int) -> Selection.Standing {
                if let known = standings[k] { return known }
                let fit = try? ModelCore(candidates[k], t: t, y: y, lower: lower, upper: upper, scratch: z(k), scored: false)
                let found: Selection.Standing = fit.map { forced ? .inside : standing(of: $0) } ?? .notFitted
                fits[k] = fit
                standings[k] = found
                return found
            }
            func scores(_ k: Int) -> ModelCore? {
                if !scored[k], var fit = fits[k] {
                    fit.score(t: t, y: y, z: UnsafeBufferPointer(z(k)), likelihood: false)
                    fits[k] = fit
                    scored[k] = true
                }
                return fits[k]
            }
            guard let decision = Selection.decide(count: candidates.count, n: n, forced: forced, standing: candidate,
                                                  aicc: { scores($0)?.aicc }, looRMSE: { scores($0)?.looRMSE }),
                  let fit = fits[decision.chosen]
            else { return }
            output.chosen[i] = candidates.firstIndex(of: fit.model).flatMap { Int8(exactly: $0) } ?? -1
            write(fit, series: i, output: output)
        }

        /// Where `f` stands against the bounds at `times`, read as ``Selection/select(_:at:models:)``
        /// reads a ``TrendFit``: the back-transformed median, and the 95 % Student t interval wherever
        /// there is spread (df > 0, finite positive standard error).
        func standing(of f: ModelCore) -> Selection.Standing {
            var intervalInside = true
            for t in times {
                let loc = f.location(at: t)
                let m = f.scale.inverse(loc)
                if let l = lower, m < l { return .medianLeaves }
                if let u = upper, m > u { return .medianLeaves }
                let s = f.spread(at: t, sigma2: f.sigma2)
                guard intervalInside, f.df > 0, s.isFinite, s > 0 else { continue }
                let q = table.ninetyFive[f.df] * s
                if let l = lower, f.scale.inverse(loc - q) < l { intervalInside = false }
                if let u = upper, f.scale.inverse(loc + q) > u { intervalInside = false }
            }
            return intervalInside ? .inside : .intervalLeaves
        }

        /// The back-transformed median and the intervals at every time, as ``Forecaster`` projects them.
        func write(_ f: ModelCore, series i: Int, output: Output) {
            let nt = times.count, nl = levels.count
            for (j, t) in times.enumerated() {
                let loc = f.location(at: t)
                output.estimates[i * nt + j] = f.scale.inverse(loc)
                let s = f.spread(at: t, sigma2: f.sigma2)
                guard f.df > 0, s.isFinite, s > 0 else { continue }
                for k in 0..<nl {
                    let q = table.quantile(df: f.df, level: k) * s
                    output.lower[(i * nt + j) * nl + k] = f.scale.inverse(loc - q)
                    output.upper[(i * nt + j) * nl + k] = f.scale.inverse(loc + q)
                }
            }
        }
    }
}
