import Forecasting
import Foundation
import Testing

/// A small seedable generator (SplitMix64) so random cases are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The batch kernel gives the same model and numbers as the one-series path.
struct BatchTests {
    static func randomShares(seed: UInt64, count: Int) -> [Series] {
        var rng = SplitMix64(state: seed)
        return (0..<count).map { i in
            let n = Int.random(in: 2...9, using: &rng)
            var t = 2015.0 + Double.random(in: 0...1, using: &rng)
            var times: [Double] = [], values: [Double] = []
            let slope = Double.random(in: -0.3...0.9, using: &rng), start = Double.random(in: -4...1, using: &rng)
            for k in 0..<n {
                times.append(t)
                let p = 1 / (1 + exp(-(start + slope * Double(k) + Double.random(in: -0.4...0.4, using: &rng))))
                values.append(k == 0 && i % 7 == 0 ? 0 : (100 * p * 100).rounded() / 100)
                t += Double.random(in: 0.25...1.5, using: &rng)
            }
            return Series(name: "s\(i)", kind: .share, lower: 0, upper: 100, times: times, values: values)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func batchEqualsOneByOne(seed: UInt64) throws {
        let series = Self.randomShares(seed: seed, count: 300)
        let years = [2025.5, 2030.5]
        let batch = BatchForecaster.forecast(SeriesBatch(series), at: years, levels: [80, 95], threads: 2)
        var compared = 0
        for (i, s) in series.enumerated() {
            let one = try? Forecaster.forecast(s, ForecastRequest(times: years))
            #expect(batch.models[i] == one?.fit.model, "series \(i): batch \(String(describing: batch.models[i])) vs \(String(describing: one?.fit.model))")
            guard let one, batch.models[i] == one.fit.model else { continue }
            for (j, p) in one.projections.enumerated() {
                let e = batch.estimates[i * 2 + j]
                #expect(abs(e - p.estimate) <= 1e-9 * max(1, abs(p.estimate)))
                for (k, interval) in p.intervals.enumerated() {
                    let lo = batch.lower[(i * 2 + j) * 2 + k], hi = batch.upper[(i * 2 + j) * 2 + k]
                    if let l = interval.lower, let u = interval.upper {
                        #expect(abs(lo - l) <= 1e-9 * max(1, abs(l)) && abs(hi - u) <= 1e-9 * max(1, abs(u)))
                    } else {
                        #expect(lo.isNaN && hi.isNaN)
                    }
                }
            }
            compared += 1
        }
        #expect(compared > 250)
    }

    @Test func linearPathMatchesTrendFit() throws {
        let series = Self.randomShares(seed: 9, count: 50).filter { $0.count >= 3 }
        let out = BatchForecaster.linear(SeriesBatch(series), at: [2026.5], level: 95, threads: 1)
        for (i, s) in series.enumerated() {
            let fit = try TrendFit.fit(s, model: .linear)
            let d = fit.distribution(at: 2026.5)
            #expect(abs(out.estimates[i] - d.median) <= 1e-9 * max(1, abs(d.median)))
            #expect(abs(out.upper[i] - d.interval(level: 0.95).upper) <= 1e-9 * max(1, abs(out.upper[i])))
        }
    }
}
