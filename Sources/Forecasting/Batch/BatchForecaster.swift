import Foundation
import Statistics

/// Fits, selects and projects many series at once, on all cores, without allocating per series.
///
/// The same fits (`ModelCore`) and selection rules (`Selection.decide(count:n:forced:standing:aicc:looRMSE:)`)
/// as ``Forecaster`` with ``IntervalMethod/model`` (a test checks that both give the same model and
/// numbers on random series of every kind), on values only (counts are not used here). Work is
/// split into chunks run with `DispatchQueue.concurrentPerform`; each chunk reuses one scratch
/// buffer; Student t quantiles are tabulated once per call for the degrees of freedom that occur.
public enum BatchForecaster {
    /// Forecasts every series of `batch` at `times` with intervals at `levels` (percent).
    ///
    /// - Parameters:
    ///   - batch: the series.
    ///   - times: decimal times to project.
    ///   - levels: interval levels in percent.
    ///   - models: the candidates (default: by the batch's kind); one model forces it.
    ///   - threads: worker count (default: active processors).
    public static func forecast(
        _ batch: SeriesBatch, at times: [Double], levels: [Double] = [80, 95], models: [TrendModel]? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> BatchForecast {
        let candidates = models ?? Selection.candidates(for: batch.kind, hasUpperBound: batch.upper != nil)
        let count = batch.count, nt = times.count, nl = levels.count
        let maxN = (0..<count).reduce(0) { max($0, batch.offsets[$1 + 1] - batch.offsets[$1]) }
        let table = QuantileTable(maxDF: max(maxN, 2), levels: levels)
        var estimates = [Double](repeating: .nan, count: count * nt)
        var lower = [Double](repeating: .nan, count: count * nt * nl)
        var upper = [Double](repeating: .nan, count: count * nt * nl)
        var chosen = [Int8](repeating: -1, count: count)
        let chunks = max(1, min(count, threads * 8))
        estimates.withUnsafeMutableBufferPointer { est in
            lower.withUnsafeMutableBufferPointer { lo in
                upper.withUnsafeMutableBufferPointer { hi in
                    chosen.withUnsafeMutableBufferPointer { ch in
                        let out = Output(estimates: est, lower: lo, upper: hi, chosen: ch)
                        batch.times.withUnsafeBufferPointer { tAll in
                            batch.values.withUnsafeBufferPointer { yAll in
                                let input = Input(times: tAll, values: yAll, batch: batch)
                                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                    Kernel.with(candidates: candidates, times: times, levels: levels, table: table, lower: batch.lower,
                                                upper: batch.upper, maxN: maxN) { kernel in
                                        let start = chunk * count / chunks, end = (chunk + 1) * count / chunks
                                        for i in start..<end { kernel.run(series: i, input: input, output: out) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return BatchForecast(
            times: times, levels: levels,
            models: chosen.map { $0 >= 0 ? candidates[Int($0)] : nil }, estimates: estimates, lower: lower, upper: upper)
    }

    /// The linear model alone with one interval level: the path compared with vectorised numpy.
    public static func linear(_ batch: SeriesBatch, at times: [Double], level: Double = 95,
                              threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> BatchForecast {
        forecast(batch, at: times, levels: [level], models: [.linear], threads: threads)
    }

    struct Input: @unchecked Sendable {
        let times: UnsafeBufferPointer<Double>
        let values: UnsafeBufferPointer<Double>
        let batch: SeriesBatch
    }

    /// Disjoint writes per series index, so sharing the buffers across workers is safe.
    struct Output: @unchecked Sendable {
        let estimates: UnsafeMutableBufferPointer<Double>
        let lower: UnsafeMutableBufferPointer<Double>
        let upper: UnsafeMutableBufferPointer<Double>
        let chosen: UnsafeMutableBufferPointer<Int8>
    }

    /// Student t quantiles `t_{df, 0.5 + level/200}` for df = 1 … maxDF, and for 95 %.
    struct QuantileTable: Sendable {
        let values: [Double]
        let ninetyFive: [Double]
        let levels: Int

        init(maxDF: Int, levels: [Double]) {
            var v: [Double] = [], n95: [Double] = []
            for df in 0...maxDF {
                let t = StudentT(degreesOfFreedom: Double(df))
                for l in levels { v.append(df == 0 ? .nan : t.quantile(0.5 + l / 200)) }
                n95.append(df == 0 ? .nan : t.quantile(0.975))
            }
            values = v
            ninetyFive = n95
            self.levels = levels.count
        }

        func quantile(df: Int, level k: Int) -> Double { values[df * levels + k] }
    }
}
