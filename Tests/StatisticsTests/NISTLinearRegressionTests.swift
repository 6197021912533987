import ChisoTestSupport
import Foundation
import LinearAlgebra
import Statistics
import Testing

/// NIST StRD linear least squares (public domain): certified values in `Fixtures/nist_strd*/certified.json`
/// (recomputed exactly from the CSVs, agreeing with NIST's published values; see the READMEs).
struct NISTLinearRegressionTests {
    struct Certified: Decodable, Sendable {
        struct Coefficient: Decodable, Sendable {
            var name: String
            var estimate: Double
            var std_error: Double
        }
        var n: Int
        var df_residual: Int
        var intercept: Bool
        var predictors: [String]
        var coefficients: [Coefficient]
        var residual_std_error: Double
        var r_squared: Double
        var file: String
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var folder: String
        var minimumLRE: Double
        var testDescription: String { "\(name) (LRE ≥ \(minimumLRE))" }
    }

    static let cases: [Case] =
        ["Norris", "Pontius", "NoInt1", "NoInt2", "Longley"].map { Case(name: $0, folder: "nist_strd", minimumLRE: 9) }
        + ["Filip", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"].map {
            Case(name: $0, folder: "nist_strd_extra", minimumLRE: 7)
        }

    static func fixture(_ folder: String, _ file: String) throws -> URL {
        guard let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureError("Fixtures folder missing from the test bundle")
        }
        return base.appendingPathComponent(folder).appendingPathComponent(file)
    }

    /// Fits the case and returns the LRE of every certified quantity, by label.
    static func measure(_ c: Case) throws -> [(label: String, lre: Double, expected: Double, actual: Double)] {
        let all = try JSONDecoder().decode(
            [String: Certified].self, from: Data(contentsOf: fixture(c.folder, "certified.json")))
        guard let cert = all[c.name] else { throw FixtureError("\(c.name) not in certified.json") }
        let data = try loadNumericCSV(fixture(c.folder, cert.file))
        let x = try Matrix(columns: cert.predictors.map { data.columns[$0] ?? [] })
        let fit = try LinearModel.fit(
            design: x, response: data.columns["y"] ?? [], names: cert.predictors, intercept: cert.intercept)
        #expect(fit.observations == cert.n)
        #expect(fit.dfResidual == cert.df_residual)
        #expect(fit.coefficientNames == cert.coefficients.map(\.name))
        var out: [(String, Double, Double, Double)] = []
        for (j, coef) in cert.coefficients.enumerated() {
            out.append(("\(coef.name) estimate", lre(expected: coef.estimate, actual: fit.coefficients[j]), coef.estimate, fit.coefficients[j]))
            out.append(("\(coef.name) std error", lre(expected: coef.std_error, actual: fit.standardErrors[j]), coef.std_error, fit.standardErrors[j]))
        }
        out.append(("residual SD", lre(expected: cert.residual_std_error, actual: fit.sigma), cert.residual_std_error, fit.sigma))
        out.append(("R²", lre(expected: cert.r_squared, actual: fit.rSquared), cert.r_squared, fit.rSquared))
        return out
    }

    @Test("Certified values are matched", arguments: cases)
    func certified(_ c: Case) throws {
        let results = try Self.measure(c)
        for r in results {
            #expect(r.lre >= c.minimumLRE, "\(c.name) \(r.label): LRE \(r.lre) vs NIST (expected \(r.expected), got \(r.actual))")
        }
        let worst = results.map(\.lre).min() ?? 0
        if ProcessInfo.processInfo.environment["CHISO_LRE_DETAIL"] != nil { for r in results { print("  \(c.name) \(r.label): \(String(format: "%.1f", r.lre))") } }
        print("NIST \(c.name): minimum LRE \(String(format: "%.1f", worst))")
    }
}
