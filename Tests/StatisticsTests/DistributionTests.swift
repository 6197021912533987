import ChisoTestSupport
import Foundation
import Statistics
import Testing

/// Distribution functions against 50-digit mpmath values (scipy alongside) on the grid in
/// `Fixtures/distributions/distributions.json`, made by `make_fixtures.py` beside it.
struct DistributionTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var dist: String
        var params: [Double]
        var fn: String
        var x: Double
        var value: Double
        var testDescription: String { "\(dist)\(params) \(fn)(\(x))" }
    }

    struct File: Decodable { var cases: [Case] }

    static func load() throws -> [Case] {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?
            .appendingPathComponent("distributions/distributions.json")
        else { throw FixtureError("distributions.json missing") }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    static func distribution(_ c: Case) -> (any ContinuousDistribution)? {
        switch c.dist {
        case "normal": Normal()
        case "t": StudentT(degreesOfFreedom: c.params[0])
        case "chisq": ChiSquared(degreesOfFreedom: c.params[0])
        case "f": FDistribution(numeratorDegreesOfFreedom: c.params[0], denominatorDegreesOfFreedom: c.params[1])
        default: nil
        }
    }

    static func evaluate(_ c: Case) -> Double {
        guard let d = distribution(c) else { return .nan }
        switch c.fn {
        case "cdf": return d.cdf(c.x)
        case "sf": return d.sf(c.x)
        case "quantile": return d.quantile(c.x)
        case "isf": return d.inverseSurvival(c.x)
        default: return .nan
        }
    }

    @Test("Every fixture value to 1e-12 relative")
    func allCases() throws {
        let cases = try Self.load()
        #expect(cases.count > 2000)
        var worst = (error: 0.0, label: "")
        var failures = 0
        for c in cases {
            let actual = Self.evaluate(c)
            let error = relativeError(expected: c.value, actual: actual)
            if error > worst.error { worst = (error, c.testDescription) }
            if !(error <= 1e-12) {
                failures += 1
                if failures <= 40 {
                    Issue.record("\(c.testDescription): expected \(c.value), got \(actual), relative error \(error)")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(cases.count) cases beyond 1e-12")
        print("Distributions: \(cases.count) cases, worst relative error \(worst.error) at \(worst.label)")
    }

    @Test func edgesAndInvalidParameters() {
        let t = StudentT(degreesOfFreedom: 3)
        #expect(t.quantile(0) == -.infinity && t.quantile(1) == .infinity && t.quantile(0.5) == 0)
        #expect(t.cdf(.infinity) == 1 && t.cdf(-.infinity) == 0)
        #expect(t.cdf(.nan).isNaN && t.quantile(1.5).isNaN)
        #expect(StudentT(degreesOfFreedom: 0).cdf(1).isNaN)
        #expect(StudentT(degreesOfFreedom: -1).quantile(0.3).isNaN)
        #expect(ChiSquared(degreesOfFreedom: 2).cdf(-1) == 0 && ChiSquared(degreesOfFreedom: 2).sf(-1) == 1)
        #expect(ChiSquared(degreesOfFreedom: 0).cdf(1).isNaN)
        #expect(FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 0).sf(1).isNaN)
        #expect(Normal(standardDeviation: 0).cdf(0).isNaN)
        // χ²₂ is exponential with mean 2: closed forms.
        let c = ChiSquared(degreesOfFreedom: 2)
        #expect(abs(c.sf(3) - exp(-1.5)) <= 1e-15 * exp(-1.5))
        #expect(abs(c.quantile(0.5) - 2 * log(2)) <= 1e-15 * 2 * log(2))
    }

    @Test func densitiesIntegrateToTheCDF() {
        // Simpson's rule on the density reproduces cdf differences (a check of pdf, used by Newton).
        let dists: [(any ContinuousDistribution, Double, Double)] = [
            (StudentT(degreesOfFreedom: 4.5), -2, 1.5),
            (ChiSquared(degreesOfFreedom: 7), 1, 9),
            (FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 11), 0.2, 3),
            (Normal(mean: 1, standardDeviation: 2), -1, 4),
        ]
        for (d, a, b) in dists {
            let n = 2000
            let h = (b - a) / Double(n)
            var s = d.pdf(a) + d.pdf(b)
            for i in 1..<n { s += d.pdf(a + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
            let integral = s * h / 3
            #expect(abs(integral - (d.cdf(b) - d.cdf(a))) < 1e-10)
        }
    }
}
