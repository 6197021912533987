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

    /// The kinds of series the batch kernel is checked on.
    enum Family: String, CaseIterable, Sendable {
        case share, boundedScore, openScore, count, rank
    }

    /// Random series of one family: n = 2, 3, 4, 5 most often (up to 9), irregular times, and every
    /// fifth series with a value on a bound (0 % or 100 %, a score of 0 or 10, a count of 0, rank 1
    /// or the last); never constant.
    static func randomSeries(_ family: Family, seed: UInt64, count: Int) -> [Series] {
        var rng = SplitMix64(state: seed)
        let sizes = [2, 3, 4, 5, 2, 3, 4, 5, 6, 7, 9]
        let field = 12.0
        return (0..<count).map { i in
            let n = sizes[i % sizes.count]
            var t = 2015.0 + Double.random(in: 0...1, using: &rng)
            var times: [Double] = [], values: [Double] = []
            let start = Double.random(in: -3...3, using: &rng), slope = Double.random(in: -0.6...0.9, using: &rng)
            for k in 0..<n {
                times.append(t)
                t += Double.random(in: 0.25...1.5, using: &rng)
                let x = start + slope * Double(k) + Double.random(in: -0.5...0.5, using: &rng)
                switch family {
                case .share: values.append((100 / (1 + exp(-x)) * 100).rounded() / 100)
                case .boundedScore: values.append((10 / (1 + exp(-x)) * 10).rounded() / 10)
                case .openScore: values.append((50 + 20 * x).rounded())
                case .count: values.append(exp(2 + x).rounded())
                case .rank: values.append(min(max((6 + 3 * x).rounded(), 1), field))
                }
            }
            if i % 5 == 0 {
                let k = Int.random(in: 0..<n, using: &rng), low = Bool.random(using: &rng)
                switch family {
                case .share: values[k] = low ? 0 : 100
                case .boundedScore: values[k] = low ? 0 : 10
                case .openScore: break
                case .count: values[k] = 0
                case .rank: values[k] = low ? 1 : field
                }
            }
            if values.allSatisfy({ $0 == values[0] }) { values[n - 1] = values[0] == 1 ? 2 : values[0] - 1 }
            let name = "\(family.rawValue)\(i)"
            switch family {
            case .share: return Series(name: name, kind: .share, lower: 0, upper: 100, times: times, values: values)
            case .boundedScore: return Series(name: name, kind: .score, lower: 0, upper: 10, times: times, values: values)
            case .openScore: return Series(name: name, kind: .score, times: times, values: values)
            case .count: return Series(name: name, kind: .count, lower: 0, times: times, values: values)
            case .rank: return Series(name: name, kind: .rank, lower: 1, upper: field, direction: .down, times: times, values: values)
            }
        }
    }

    /// A family with `auto` (nil) or one forced textbook model.
    struct Case: Sendable, CustomTestStringConvertible {
        var family: Family
        var model: TrendModel?
        var testDescription: String { "\(family.rawValue), \(model?.rawValue ?? "auto")" }
        static let all: [Case] = Family.allCases.flatMap { family in
            ([nil] + [TrendModel.linear, .loglinear, .logit, .drift, .mean]).map { Case(family: family, model: $0) }
        }
    }

    /// The batch kernel and the one-series path (``Forecaster`` with textbook intervals) agree on every
    /// series to the bit: the same model, or both refuse; the same medians and intervals, or both none.
    @Test(arguments: Case.all)
    func batchEqualsOneByOne(_ c: Case) {
        let series = Self.randomSeries(c.family, seed: UInt64(Family.allCases.firstIndex(of: c.family) ?? 0) + 1, count: 300)
        let years = [2025.5, 2030.5]
        let batch = BatchForecaster.forecast(SeriesBatch(series), at: years, levels: [80, 95], models: c.model.map { [$0] }, threads: 2)
        func same(_ a: Double, _ b: Double?) -> Bool { b.map { a == $0 } ?? a.isNaN }
        var compared = 0, refused = 0
        for (i, s) in series.enumerated() {
            let one: Forecast
            do {
                one = try Forecaster.forecast(s, ForecastRequest(model: c.model, intervals: .model, times: years))
            } catch {
                #expect(batch.models[i] == nil, "\(s.name): one-series refuses (\(error)), batch chose \(String(describing: batch.models[i]))")
                refused += 1
                continue
            }
            #expect(batch.models[i] == one.fit.model, "\(s.name): batch \(String(describing: batch.models[i])) vs \(one.fit.model)")
            guard batch.models[i] == one.fit.model else { continue }
            for (j, p) in one.projections.enumerated() {
                #expect(batch.estimates[i * 2 + j] == p.estimate, "\(s.name) t = \(p.t): \(batch.estimates[i * 2 + j]) vs \(p.estimate)")
                for (k, interval) in p.intervals.enumerated() {
                    let lo = batch.lower[(i * 2 + j) * 2 + k], hi = batch.upper[(i * 2 + j) * 2 + k]
                    #expect(same(lo, interval.lower) && same(hi, interval.upper),
                            "\(s.name) t = \(p.t) \(interval.level) %: [\(lo), \(hi)] vs \(String(describing: interval.lower)), \(String(describing: interval.upper))")
                }
            }
            compared += 1
        }
        #expect(compared + refused == series.count)
        // The logit needs an upper bound; everything else applies to most series (not drift at n = 2,
        // not loglinear on a 0).
        let applies = !(c.model == .logit && (c.family == .openScore || c.family == .count))
        #expect(applies ? compared >= 200 : compared == 0, "\(compared) compared, \(refused) refused")
    }

    /// The calibrated default: the batch path and the one-series path give the same numbers.
    @Test(arguments: [UInt64(4), 5])
    func calibratedBatchEqualsOneByOne(seed: UInt64) throws {
        var series = Self.randomShares(seed: seed, count: 300)
        // One-point and constant series are forecast too.
        series[0] = Series(name: "one", kind: .share, lower: 0, upper: 100, times: [2020.5], values: [37])
        series[1].values = Array(repeating: 95, count: series[1].count)
        let years = [2025.5, 2031.25]
        let batch = BatchForecaster.calibrated(SeriesBatch(series), at: years, levels: [80, 95], threads: 2)
        for (i, s) in series.enumerated() {
            let one = try Forecaster.forecast(s, ForecastRequest(times: years))
            #expect(batch.models[i] == .calibrated && one.fit.model == .calibrated)
            for (j, p) in one.projections.enumerated() {
                #expect(abs(batch.estimates[i * 2 + j] - p.estimate) <= 1e-9 * max(1, abs(p.estimate)))
                for (k, interval) in p.intervals.enumerated() {
                    let l = try #require(interval.lower), u = try #require(interval.upper)
                    #expect(l <= p.estimate && p.estimate <= u && l >= 0 && u <= 100)
                    #expect(abs(batch.lower[(i * 2 + j) * 2 + k] - l) <= 1e-9 * max(1, abs(l)))
                    #expect(abs(batch.upper[(i * 2 + j) * 2 + k] - u) <= 1e-9 * max(1, abs(u)))
                }
            }
        }
    }

    /// Counts with their peers' level (and a one-point count with its peers' slope): the batch path and
    /// the one-series path read the same cells.
    @Test func calibratedCountsWithPeersAgree() throws {
        var rng = SplitMix64(state: 11)
        var series: [Series] = [], levels: [Double] = [], slopes: [Double] = []
        for k in 0..<200 {
            let n = k % 7 + 1
            var y = Double.random(in: 0.5...500, using: &rng), values: [Double] = []
            for _ in 0..<n {
                values.append(y)
                y *= Double.random(in: 0.9...1.4, using: &rng)
            }
            series.append(Series(name: "c\(k)", kind: .count, lower: 0, times: (0..<n).map { 2018.5 + Double($0) }, values: values))
            levels.append(k % 5 == 0 ? .nan : Double.random(in: 0...1, using: &rng))
            slopes.append(n == 1 ? Double.random(in: -0.1...0.4, using: &rng) : .nan)
        }
        let years = [2025.5, 2030.5]
        let motions: [PeerMotion] = (0..<series.count).map { i in
            PeerMotion(slope: slopes[i].isFinite ? slopes[i] : nil, level: levels[i].isFinite ? levels[i] : nil,
                       unit: i % 3 == 0 ? nil : 0.05 + 0.01 * Double(i % 7), persistence: i % 4 == 0 ? nil : 0.3, pairs: i % 4 == 0 ? 0 : 5,
                       peers: i % 3 == 0 ? 0 : 6)
        }
        let batch = BatchForecaster.calibrated(SeriesBatch(series), at: years, levels: [80, 95], peers: motions, threads: 2)
        for (i, s) in series.enumerated() {
            var request = ForecastRequest(times: years)
            request.peers = motions[i]
            let one = try Forecaster.forecast(s, request)
            for (j, p) in one.projections.enumerated() {
                #expect(abs(batch.estimates[i * 2 + j] - p.estimate) <= 1e-9 * max(1, abs(p.estimate)), "\(s.name)")
                let u95 = try #require(p.intervals[1].upper)
                #expect(abs(batch.upper[(i * 2 + j) * 2 + 1] - u95) <= 1e-9 * max(1, abs(u95)), "\(s.name)")
            }
        }
        // The level moves the range: the same count far behind its peers' leader and level with it.
        let s = series[1]
        let low = try #require(CalibratedTrend(s, peers: PeerMotion(level: 0.001), table: .shipped))
        let high = try #require(CalibratedTrend(s, peers: PeerMotion(level: 0.95), table: .shipped))
        #expect(low.levelBin == 1 && high.levelBin == CalibrationTable.countLevelBins - 1)
        #expect(low.distribution(at: 2030.5).interval(level: 0.95) != high.distribution(at: 2030.5).interval(level: 0.95))
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
