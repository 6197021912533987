import Forecasting
import Foundation
import Testing

/// Issue 21: a target on the bound that every value meets is certain, not "read as 99.5 %".
struct BoundTargetTests {
    /// A share at 100 % with a target of at most 100: P(meet) is 1.
    @Test func atMostTheUpperBoundIsCertain() throws {
        let s = TargetAndSelectionTests.share([97, 99, 100, 100])
        let f = try Forecaster.forecast(s, ForecastRequest(years: [2025], target: (100, 2025, false)))
        let t = try #require(f.target)
        #expect(t.pMeet == 1)
        #expect(t.status == .achieved)
        // At least 100 is still read as reaching within the boundary shift (not certain).
        let up = try #require(try Forecaster.forecast(s, ForecastRequest(years: [2025], target: (100, 2025, true))).target)
        #expect((up.pMeet ?? 1) < 1)
        // At least the lower bound is certain too.
        let falling = TargetAndSelectionTests.share([3, 2, 1, 0])
        let low = try #require(try Forecaster.forecast(falling, ForecastRequest(years: [2025], target: (0, 2025, true))).target)
        #expect(low.pMeet == 1)
    }
}
