import ChisoTestSupport
import Foundation
import LinearAlgebra
import Statistics
import Testing

/// LinearModel against R's `lm` (OLS, WLS, no intercept, aliased columns): every quantity it
/// reports, from `Fixtures/r_lm/lm_reference.json` written by `make_fixtures.R` beside it.
struct LinearModelRTests {
    struct Reference: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var coefficient_names: [String]
        var estimate: [Double?]
        var std_error: [Double?]
        var t_value: [Double?]
        var p_value: [Double?]
        var rank: Int
        var df_residual: Int
        var sigma: Double
        var r_squared: Double
        var adj_r_squared: Double
        var log_likelihood: Double
        var aic: Double
        var aicc: Double
        var bic: Double
        var hat_values: [Double]
        var residuals: [Double]
        var confint95_lower: [Double]?
        var confint95_upper: [Double]?
        var confint90_lower: [Double]?
        var confint90_upper: [Double]?
        var new_x: [[Double]]?
        var fit: [Double]?
        var se_fit: [Double]?
        var confidence95_lower: [Double]?
        var confidence95_upper: [Double]?
        var prediction80_lower: [Double]?
        var prediction80_upper: [Double]?
        var prediction_weights: [Double]?
        var testDescription: String { name }
    }

    struct File: Decodable { var cases: [Reference] }

    static func fixtures() throws -> URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureError("Fixtures missing")
        }
        return url
    }

    static func load() throws -> [Reference] {
        try JSONDecoder().decode(File.self, from: Data(contentsOf: fixtures().appendingPathComponent("r_lm/lm_reference.json"))).cases
    }

    static func model(for r: Reference) throws -> LinearModel {
        switch r.name {
        case "longley_ols":
            let data = try loadNumericCSV(fixtures().appendingPathComponent("nist_strd/Longley.csv"))
            let names = ["x1", "x2", "x3", "x4", "x5", "x6"]
            return try LinearModel.fit(
                design: Matrix(columns: names.map { data.columns[$0] ?? [] }), response: data.columns["y"] ?? [],
                names: names)
        default:
            let data = try loadNumericCSV(fixtures().appendingPathComponent("r_lm/wls_data.csv"))
            let names = Array(r.coefficient_names.filter { $0 != "(Intercept)" })
            let weighted = r.name != "ols_aliased"
            return try LinearModel.fit(
                design: Matrix(columns: names.map { data.columns[$0] ?? [] }), response: data.columns["y"] ?? [],
                names: names, intercept: r.coefficient_names.first == "(Intercept)",
                weights: weighted ? data.columns["w"] : nil)
        }
    }

    static let tolerance = 1e-9

    static func close(_ label: String, _ expected: [Double?], _ actual: [Double], _ name: String) {
        #expect(expected.count == actual.count, "\(name) \(label): length")
        for (e, a) in zip(expected, actual) {
            if let e {
                let error = relativeError(expected: e, actual: a)
                #expect(error <= tolerance, "\(name) \(label): R \(e), Chiso \(a), relative error \(error)")
            } else {
                #expect(a.isNaN, "\(name) \(label): R has NA, Chiso \(a)")
            }
        }
    }

    @Test("Matches R's lm", arguments: try load())
    func matchesR(_ r: Reference) throws {
        let m = try Self.model(for: r)
        #expect(m.coefficientNames == r.coefficient_names)
        #expect(m.rank == r.rank)
        #expect(m.dfResidual == r.df_residual)
        Self.close("estimate", r.estimate, m.coefficients, r.name)
        Self.close("std error", r.std_error, m.standardErrors, r.name)
        Self.close("t value", r.t_value, m.tValues, r.name)
        Self.close("p value", r.p_value, m.pValues, r.name)
        Self.close("scalars", [r.sigma, r.r_squared, r.adj_r_squared, r.log_likelihood, r.aic, r.aicc, r.bic],
                   [m.sigma, m.rSquared, m.adjustedRSquared, m.logLikelihood, m.aic, m.aicc, m.bic], r.name)
        Self.close("hat values", r.hat_values, m.hatValues, r.name)
        // Residuals are compared against their scale (σ), as they can be near 0.
        for (e, a) in zip(r.residuals, m.residuals) {
            #expect(abs(e - a) <= Self.tolerance * r.sigma, "\(r.name) residual: R \(e), Chiso \(a)")
        }
        guard let newX = r.new_x, let l95 = r.confint95_lower, let u95 = r.confint95_upper,
              let l90 = r.confint90_lower, let u90 = r.confint90_upper else {
            #expect(throws: StatisticsError.self) { try m.predict(at: Matrix(rows: 1, columns: m.coefficients.count - 1)) }
            return
        }
        let ci95 = try m.confidenceIntervals(level: 0.95), ci90 = try m.confidenceIntervals(level: 0.90)
        Self.close("confint 95 lower", l95, ci95.map(\.lower), r.name)
        Self.close("confint 95 upper", u95, ci95.map(\.upper), r.name)
        Self.close("confint 90 lower", l90, ci90.map(\.lower), r.name)
        Self.close("confint 90 upper", u90, ci90.map(\.upper), r.name)
        let x0 = try Matrix(rows: newX)
        let conf = try m.predict(at: x0, interval: .confidence, level: 0.95)
        let pred = try m.predict(at: x0, interval: .prediction, level: 0.80, weights: r.prediction_weights)
        Self.close("fit", r.fit ?? [], conf.map(\.estimate), r.name)
        Self.close("se fit", r.se_fit ?? [], conf.map(\.standardErrorOfFit), r.name)
        Self.close("confidence lower", r.confidence95_lower ?? [], conf.map(\.lower), r.name)
        Self.close("confidence upper", r.confidence95_upper ?? [], conf.map(\.upper), r.name)
        Self.close("prediction lower", r.prediction80_lower ?? [], pred.map(\.lower), r.name)
        Self.close("prediction upper", r.prediction80_upper ?? [], pred.map(\.upper), r.name)
    }

    @Test func refusesBadInput() throws {
        let x = try Matrix(columns: [[1, 2, 3]])
        #expect(throws: StatisticsError.tooFewObservations(observations: 3, parameters: 4)) {
            try LinearModel.fit(design: Matrix(columns: [[1, 2, 3], [1, 4, 9], [1, 8, 27]]), response: [1, 2, 3])
        }
        #expect(throws: StatisticsError.nonFinite(what: .response, row: 1)) {
            try LinearModel.fit(design: x, response: [1, .nan, 3])
        }
        #expect(throws: StatisticsError.invalidWeight(row: 2, value: 0)) {
            try LinearModel.fit(design: x, response: [1, 2, 3], weights: [1, 1, 0])
        }
        let exact = try LinearModel.fit(design: x, response: [1, 2, 4], names: ["x"])
        #expect(throws: StatisticsError.invalidLevel(1.5)) { try exact.confidenceIntervals(level: 1.5) }
        // n = p: an exact fit has no residual degrees of freedom: σ and standard errors are NaN, not 0.
        let saturated = try LinearModel.fit(design: try Matrix(columns: [[1, 2]]), response: [3, 5])
        #expect(saturated.dfResidual == 0 && saturated.sigma.isNaN && saturated.standardErrors.allSatisfy(\.isNaN))
        #expect(abs(saturated.coefficients[1] - 2) < 1e-15)
    }
}
