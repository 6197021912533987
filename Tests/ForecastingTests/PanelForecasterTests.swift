import ChisoTestSupport
import Foundation
import Testing
@testable import Forecasting
@testable import Indicators

/// The panel forecasts each series once and gives, to the bit, what the one-series path gives with
/// the same peers: the report's gap rows, projections and comparisons read one fit.
@Suite struct PanelForecasterTests {
    static let data: Dataset? = try? DatasetLoader.loadValid(directory: shippedDatasets.path)

    /// Every member of every indicator of the shipped data, at the plan years and at a target year:
    /// the same projections, intervals, P(meet) and fit as ``Forecaster/forecast(_:_:pool:)``.
    @Test(arguments: IntervalMethod.allCases)
    func equalsTheOneSeriesPath(_ intervals: IntervalMethod) throws {
        let data = try #require(Self.data)
        var panel = PanelForecaster(data, intervals: intervals)
        panel.build(data.indicators.map(\.id))
        var compared = 0, refused = 0
        for indicator in data.indicators {
            let group = try #require(panel.group(indicator.id))
            for k in data.entities.indices {
                guard let series = group.members[k], let last = series.times.last else { continue }
                let year = Int(last.rounded(.down)) + 3
                let target = (value: (series.values.last ?? 0) * 1.1, year: year, atLeast: Bool?.none)
                for (years, t) in [([2025, 2030], nil), ([year], target)] as [([Int], (value: Double, year: Int, atLeast: Bool?)?)] {
                    let (request, pool) = group.prepare(ForecastRequest(intervals: intervals, years: years, target: t), member: k)
                    let expected = Result { () throws(ForecastError) in try Forecaster.forecast(series, request, pool: pool) }
                    let got = Result { () throws(ForecastError) in try panel.forecast(indicator.id, member: k, years: years, target: t).forecast }
                    switch (expected, got) {
                    case let (.success(e), .success(g)):
                        #expect(e.projections == g.projections, "\(series.name) \(years)")
                        func bits(_ f: TrendFit) -> [String] {
                            f.coefficients.map { "\($0.name) \($0.estimate.bitPattern) \($0.standardError.bitPattern)" }
                                + ["\(f.model) \(f.sigma2.bitPattern) \(f.dfResidual)"]
                        }
                        #expect(bits(e.fit) == bits(g.fit), "\(series.name)")
                        #expect(e.target?.pMeet?.bitPattern == g.target?.pMeet?.bitPattern, "\(series.name)")
                        #expect(e.target?.status == g.target?.status, "\(series.name)")
                        compared += 1
                    case let (.failure(e), .failure(g)):
                        #expect(String(describing: e) == String(describing: g))
                        refused += 1
                    default:
                        Issue.record("\(series.name) \(years): \(expected) against \(got)")
                    }
                }
            }
        }
        // Every member was asked twice; the calibrated default forecasts nearly all (the textbook
        // models refuse series of fewer than 2 points, or constant ones).
        let members = data.indicators.reduce(0) { n, i in n + (panel.group(i.id)?.members.count { $0 != nil } ?? 0) }
        #expect(members > 800)
        #expect(compared + refused == 2 * members)
        #expect(Double(compared) > (intervals == .calibrated ? 0.99 : 0.05) * Double(2 * members))
    }

    /// The calibrated default fits each series once, whatever years it is asked for; the textbook
    /// selection once per set of times it checks its bounds at.
    @Test func eachSeriesIsFittedOnce() throws {
        let data = try #require(Self.data)
        for intervals in IntervalMethod.allCases {
            var panel = PanelForecaster(data, intervals: intervals)
            panel.build(data.indicators.map(\.id))
            var members = 0
            for indicator in data.indicators {
                let group = try #require(panel.group(indicator.id))
                for k in data.entities.indices where group.members[k] != nil {
                    members += 1
                    for years in [[2025, 2030], [2030], [2025, 2030]] { _ = try? panel.forecast(indicator.id, member: k, years: years) }
                }
            }
            #expect(members > 200)
            #expect(panel.fitsKept == (intervals == .calibrated ? members : 2 * members))
        }
    }
}
