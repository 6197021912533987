// chiso-bench: throughput of Chiso's forecasting paths on synthetic series.
//
//   chiso-bench [N] [--write DIR]
//
// Generates N series (n = 3…10 points, irregular decimal times, shares in (0, 100)) with a seeded
// SplitMix64, optionally writes them for the Python peers (Tests/Benchmarks/bench_peers.py), and
// times: the one-series API (Forecaster, linear + 95 % PI, one thread), the batch linear + 95 % PI
// path, the calibrated default (one series at a time and batch) with 80/95 % intervals, and the
// batch textbook `auto` path (linear, loglinear, logit, drift, mean) with 80/95 % intervals.
// Prints one line per path: "name: S series/s (T s for N series)". Times are wall-clock, best of 3.
//
//   chiso-bench --table FILE [--sheet NAME]
//
// Loads one table (a workbook's sheet or a CSV file, through TableFile.read) once and prints its
// rows, cells and seconds (`make bench-xlsx` runs it under /usr/bin/time -v for the peak memory).
import Chiso
import Foundation

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

func makeBatch(_ count: Int) -> SeriesBatch {
    var rng = SplitMix64(state: 20_261_123)
    var times: [Double] = [], values: [Double] = [], offsets = [0]
    times.reserveCapacity(count * 7)
    values.reserveCapacity(count * 7)
    offsets.reserveCapacity(count + 1)
    for _ in 0..<count {
        let n = Int.random(in: 3...10, using: &rng)
        var t = 2015.0 + Double.random(in: 0..<1, using: &rng)
        let start = Double.random(in: -3...0.5, using: &rng), slope = Double.random(in: -0.2...0.8, using: &rng)
        for k in 0..<n {
            times.append(t)
            let z = start + slope * Double(k) + Double.random(in: -0.3...0.3, using: &rng)
            values.append(100 / (1 + exp(-z)))
            t += Double.random(in: 0.5...1.5, using: &rng)
        }
        offsets.append(times.count)
    }
    return SeriesBatch(times: times, values: values, offsets: offsets, kind: .share, lower: 0, upper: 100)
}

func time(_ label: String, count: Int, repeats: Int = 3, _ body: () -> Void) {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print("\(label): \(Int(Double(count) / best)) series/s (\(String(format: "%.3f", best)) s for \(count) series)")
}

var arguments = Array(CommandLine.arguments.dropFirst())
if let i = arguments.firstIndex(of: "--table"), i + 1 < arguments.count {
    let sheet = arguments.firstIndex(of: "--sheet").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    let start = Date()
    do {
        let table = try TableFile.read(path: arguments[i + 1], sheet: sheet)
        let seconds = Date().timeIntervalSince(start)
        print("table: \(table.rowCount) rows, \(table.rowCount * table.header.count) cells, \(String(format: "%.2f", seconds)) s")
        exit(0)
    } catch {
        print("error: \(error)")
        exit(1)
    }
}
var writeDir: String?
if let i = arguments.firstIndex(of: "--write"), i + 1 < arguments.count {
    writeDir = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
let count = arguments.first.flatMap(Int.init) ?? 1_000_000
let batch = makeBatch(count)
if let dir = writeDir {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    func write(_ a: [Double], _ name: String) throws {
        try a.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name)) }
    }
    try write(batch.times, "times.f64")
    try write(batch.values, "values.f64")
    try write(batch.offsets.map(Double.init), "offsets.f64")
}
let horizon = [2026.5]
let threads = ProcessInfo.processInfo.activeProcessorCount
print("machine: \(threads) cores; series: \(count), n = 3…10 points")

// One-series API, one thread: what a caller looping over series gets.
let perSeriesCount = min(count, 100_000)
let singles: [Series] = (0..<perSeriesCount).map { i in
    let r = batch.offsets[i]..<batch.offsets[i + 1]
    return Series(name: "s", kind: .share, lower: 0, upper: 100, times: Array(batch.times[r]), values: Array(batch.values[r]))
}
time("per-series API, linear + 95% PI, 1 thread", count: perSeriesCount) {
    var sink = 0.0
    for s in singles {
        if let f = try? Forecaster.forecast(s, ForecastRequest(model: .linear, times: horizon, levels: [95])) {
            sink += f.projections[0].intervals[0].upper ?? 0
        }
    }
    precondition(sink.isFinite || sink.isNaN)
}
time("batch kernel, linear + 95% PI, 1 thread", count: count) {
    _ = BatchForecaster.linear(batch, at: horizon, level: 95, threads: 1)
}
time("batch linear + 95% PI, \(threads) threads", count: count) {
    _ = BatchForecaster.linear(batch, at: horizon, level: 95, threads: threads)
}
time("per-series API, calibrated default + 80/95% intervals, 1 thread", count: perSeriesCount) {
    var sink = 0.0
    for s in singles {
        if let f = try? Forecaster.forecast(s, ForecastRequest(times: horizon)) { sink += f.projections[0].intervals[0].upper ?? 0 }
    }
    precondition(sink.isFinite || sink.isNaN)
}
time("batch calibrated default + 80/95% intervals, \(threads) threads", count: count) {
    _ = BatchForecaster.calibrated(batch, at: horizon, levels: [80, 95], threads: threads)
}
time("batch auto (linear, loglinear, logit, drift, mean) + 80/95% intervals, \(threads) threads", count: count) {
    _ = BatchForecaster.forecast(batch, at: horizon, levels: [80, 95], models: [.logit, .linear, .loglinear, .drift, .mean], threads: threads)
}
