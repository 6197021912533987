import ChisoTestSupport
import Forecasting
import Foundation
import Testing

/// Trend models against R (lm, glm quasibinomial, forecast::rwf) on 31 series: the seed series of
/// online services with applications (with counts), annual and irregular series, zero counts.
/// Fixtures: `Fixtures/r_forecast/forecast_reference.json`, written by `make_fixtures.R` beside it.
struct RReferenceTests {
    struct Linear: Decodable, Sendable {
        var estimate: [Double]
        var std_error: [Double]
        var sigma: Double
        var fit: [Double]
        var lower_80: [Double], upper_80: [Double], lower_95: [Double], upper_95: [Double]
    }
    struct LogLinear: Decodable, Sendable {
        var estimate: [Double]
        var std_error: [Double]
        var sigma: Double
        var median: [Double]
        var lower_80: [Double], upper_80: [Double], lower_95: [Double], upper_95: [Double]
    }
    struct Drift: Decodable, Sendable {
        var h: [Double]
        var mean: [Double]
        var se: [Double]
        var drift: Double
        var drift_se: Double
    }
    struct GLM: Decodable, Sendable {
        var estimate: [Double]
        var std_error: [Double]
        var dispersion: Double
        var converged: Bool
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var t: [Double]
        var y: [Double]
        var new_t: [Double]
        var upper: Double?
        var k: [Double]?
        var m: [Double]?
        var linear: Linear
        var loglinear: LogLinear?
        var drift: Drift?
        var glm: GLM?
        var testDescription: String { name }

        var series: Series {
            Series(name: name, kind: upper == nil ? .count : .share, lower: 0, upper: upper, times: t, values: y,
                   numerators: k.map { $0.map(Optional.some) }, denominators: m.map { $0.map(Optional.some) })
        }
    }
    struct File: Decodable { var cases: [Case] }

    static func load() throws -> [Case] {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?
            .appendingPathComponent("r_forecast/forecast_reference.json") else { throw FixtureError("fixture missing") }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    static func close(_ label: String, _ expected: [Double], _ actual: [Double], tolerance: Double, _ name: String) {
        #expect(expected.count == actual.count, "\(name) \(label): length")
        for (e, a) in zip(expected, actual) {
            let error = relativeError(expected: e, actual: a)
            #expect(error <= tolerance, "\(name) \(label): R \(e), Chiso \(a), relative error \(error)")
        }
    }

    @Test("At least 30 fixture series") func count() throws {
        let cases = try Self.load()
        #expect(cases.count >= 30)
        #expect(cases.contains { $0.name.hasPrefix("seed_") })
        #expect(cases.contains { ($0.k ?? []).contains(0) })
    }

    @Test("linear = lm + predict(interval = \"prediction\")", arguments: try load())
    func linear(_ c: Case) throws {
        let fit = try TrendFit.fit(c.series, model: .linear)
        Self.close("coefficients", c.linear.estimate, fit.coefficients.map(\.estimate), tolerance: 1e-9, c.name)
        Self.close("std errors", c.linear.std_error, fit.coefficients.map(\.standardError), tolerance: 1e-9, c.name)
        Self.close("sigma", [c.linear.sigma], [fit.sigma], tolerance: 1e-9, c.name)
        let d = c.new_t.map { fit.distribution(at: $0) }
        Self.close("fit", c.linear.fit, d.map(\.median), tolerance: 1e-9, c.name)
        Self.close("lower 80", c.linear.lower_80, d.map { $0.interval(level: 0.8).lower }, tolerance: 1e-9, c.name)
        Self.close("upper 80", c.linear.upper_80, d.map { $0.interval(level: 0.8).upper }, tolerance: 1e-9, c.name)
        Self.close("lower 95", c.linear.lower_95, d.map { $0.interval(level: 0.95).lower }, tolerance: 1e-9, c.name)
        Self.close("upper 95", c.linear.upper_95, d.map { $0.interval(level: 0.95).upper }, tolerance: 1e-9, c.name)
    }

    @Test("loglinear = lm(log(y) ~ t), back-transformed", arguments: try load().filter { $0.loglinear != nil })
    func loglinear(_ c: Case) throws {
        let r = try #require(c.loglinear)
        let fit = try TrendFit.fit(c.series, model: .loglinear)
        Self.close("coefficients", r.estimate, fit.coefficients.map(\.estimate), tolerance: 1e-9, c.name)
        Self.close("std errors", r.std_error, fit.coefficients.map(\.standardError), tolerance: 1e-9, c.name)
        let d = c.new_t.map { fit.distribution(at: $0) }
        Self.close("median", r.median, d.map(\.median), tolerance: 1e-9, c.name)
        Self.close("lower 80", r.lower_80, d.map { $0.interval(level: 0.8).lower }, tolerance: 1e-9, c.name)
        Self.close("upper 95", r.upper_95, d.map { $0.interval(level: 0.95).upper }, tolerance: 1e-9, c.name)
    }

    @Test("drift = forecast::rwf(drift = TRUE): point forecasts and standard errors", arguments: try load().filter { $0.drift != nil })
    func drift(_ c: Case) throws {
        let r = try #require(c.drift)
        let fit = try TrendFit.fit(c.series, model: .drift)
        let last = try #require(c.t.last)
        let d = r.h.map { fit.distribution(at: last + $0) }
        Self.close("mean", r.mean, d.map(\.location), tolerance: 1e-9, c.name)
        Self.close("se", r.se, d.map(\.scale), tolerance: 1e-9, c.name)
        Self.close("drift", [r.drift, r.drift_se], [fit.coefficients[0].estimate, fit.coefficients[0].standardError], tolerance: 1e-9, c.name)
    }

    @Test("logit with counts = glm(family = quasibinomial)", arguments: try load().filter { $0.glm != nil })
    func glm(_ c: Case) throws {
        let r = try #require(c.glm)
        #expect(r.converged)
        let fit = try TrendFit.fit(c.series, model: .logit)
        Self.close("coefficients", r.estimate, fit.coefficients.map(\.estimate), tolerance: 1e-8, c.name)
        Self.close("std errors", r.std_error, fit.coefficients.map(\.standardError), tolerance: 1e-8, c.name)
        Self.close("dispersion", [r.dispersion], [fit.sigma2], tolerance: 1e-8, c.name)
        // Intervals of a logit model never leave [0, 100].
        for t in c.new_t {
            let (lo, hi) = fit.distribution(at: t).interval(level: 0.95)
            #expect(lo >= 0 && hi <= 100)
        }
    }
}
