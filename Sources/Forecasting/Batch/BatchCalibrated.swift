import Foundation

extension BatchForecaster {
    /// The calibrated default for every series of `batch`: the same ``CalibratedTrend`` as the
    /// one-series path (``Forecaster/forecast(_:_:pool:)``), run on all cores without allocating per
    /// series. Series that are empty, not strictly increasing in time, non-finite or outside the
    /// bounds get NaN (and a nil model).
    ///
    /// - Parameters:
    ///   - batch: the series.
    ///   - times: decimal times to project.
    ///   - levels: interval levels in percent.
    ///   - table: the calibration (default: the shipped one).
    ///   - peers: per series, how the same indicator moved in other entities (``PeerMotion``); nil: none
    ///     for any series.
    ///   - threads: worker count (default: active processors).
    public static func calibrated(
        _ batch: SeriesBatch, at times: [Double], levels: [Double] = [80, 95], table: CalibrationTable = .shipped,
        peers: [PeerMotion]? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> BatchForecast {
        let count = batch.count, nt = times.count, nl = levels.count
        var estimates = [Double](repeating: .nan, count: count * nt)
        var lower = [Double](repeating: .nan, count: count * nt * nl)
        var upper = [Double](repeating: .nan, count: count * nt * nl)
        var chosen = [Int8](repeating: -1, count: count)
        let chunks = max(1, min(count, threads * 8))
        let probabilities = [0.5] + levels.flatMap { [0.5 - $0 / 200, 0.5 + $0 / 200] }
        estimates.withUnsafeMutableBufferPointer { est in
            lower.withUnsafeMutableBufferPointer { lo in
                upper.withUnsafeMutableBufferPointer { hi in
                    chosen.withUnsafeMutableBufferPointer { ch in
                        let out = Output(estimates: est, lower: lo, upper: hi, chosen: ch)
                        batch.times.withUnsafeBufferPointer { tAll in
                            batch.values.withUnsafeBufferPointer { yAll in
                                let input = Input(times: tAll, values: yAll, batch: batch)
                                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                    let start = chunk * count / chunks, end = (chunk + 1) * count / chunks
                                    for i in start..<end {
                                        calibratedSeries(i, input: input, output: out, times: times, levels: levels,
                                                         probabilities: probabilities, table: table,
                                                         peers: peers.flatMap { i < $0.count ? $0[i] : nil } ?? .none)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return BatchForecast(times: times, levels: levels, models: chosen.map { $0 >= 0 ? .calibrated : nil },
                             estimates: estimates, lower: lower, upper: upper)
    }

    /// `probabilities`: the median, then each level's lower and upper ends.
    static func calibratedSeries(_ i: Int, input: Input, output: Output, times: [Double], levels: [Double], probabilities: [Double],
                                 table: CalibrationTable, peers: PeerMotion) {
        let start = input.batch.offsets[i], n = input.batch.offsets[i + 1] - start
        guard n >= 1 else { return }
        let t = UnsafeBufferPointer(rebasing: input.times[start..<(start + n)])
        let y = UnsafeBufferPointer(rebasing: input.values[start..<(start + n)])
        for k in 0..<n {
            guard t[k].isFinite, y[k].isFinite else { return }
            if k > 0 && !(t[k] > t[k - 1]) { return }
            if let l = input.batch.lower, y[k] < l { return }
            if let u = input.batch.upper, y[k] > u { return }
        }
        guard let trend = CalibratedTrend(times: t, values: y, kind: input.batch.kind, lower: input.batch.lower,
                                          upper: input.batch.upper, peers: peers,
                                          table: table) else { return }
        output.chosen[i] = 0
        let nt = times.count, nl = levels.count
        for (j, time) in times.enumerated() {
            // The median and every level's ends, read together (one centre, one spread shape per side).
            trend.quantiles(at: time, probabilities) { k, v in
                if k == 0 {
                    output.estimates[i * nt + j] = v
                } else if k % 2 == 1 {
                    output.lower[(i * nt + j) * nl + (k - 1) / 2] = v
                } else {
                    output.upper[(i * nt + j) * nl + (k - 2) / 2] = v
                }
            }
        }
    }
}
