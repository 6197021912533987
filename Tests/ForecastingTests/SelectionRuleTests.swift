@testable import Forecasting
import Testing

/// The selection rules written once (`Selection.decide`), on hand-made standings and scores: the edge
/// cases that random series seldom reach.
struct SelectionRuleTests {
    /// One candidate: where it stands, its AICc and LOO RMSE (nil: none).
    struct Row {
        var standing: Selection.Standing
        var aicc: Double?
        var loo: Double?
        init(_ standing: Selection.Standing, _ aicc: Double? = nil, _ loo: Double? = nil) {
            self.standing = standing
            self.aicc = aicc
            self.loo = loo
        }
    }

    static func decide(_ rows: [Row], n: Int, forced: Bool = false) -> Selection.Decision? {
        Selection.decide(count: rows.count, n: n, forced: forced, standing: { rows[$0].standing }, aicc: { rows[$0].aicc },
                         looRMSE: { rows[$0].loo })
    }

    @Test func forcedIsUsedAsItIs() {
        // A forced model whose median leaves the bounds is still used; one that could not be fitted is not.
        #expect(Self.decide([Row(.medianLeaves)], n: 6, forced: true) == .init(chosen: 0, rule: .forced, intervalsInside: false))
        #expect(Self.decide([Row(.notFitted)], n: 6, forced: true) == nil)
    }

    @Test func noAdmissibleCandidate() {
        #expect(Self.decide([Row(.notFitted), Row(.medianLeaves, 1, 1)], n: 6) == nil)
        #expect(Self.decide([], n: 6) == nil)
    }

    @Test func shortSeriesTakeTheFirstAdmissibleInKindOrder() {
        // n ≤ 3: the first admissible, ignoring scores; an interval inside beats an earlier one that leaves.
        let rows = [Row(.medianLeaves, -50), Row(.intervalLeaves, -40), Row(.inside, 10), Row(.inside, -99)]
        #expect(Self.decide(rows, n: 3) == .init(chosen: 2, rule: .byKind, intervalsInside: true))
        // No interval inside anywhere: intervals that leave are admissible.
        #expect(Self.decide([Row(.notFitted), Row(.intervalLeaves), Row(.intervalLeaves)], n: 2)
            == .init(chosen: 1, rule: .byKind, intervalsInside: false))
    }

    @Test func aiccThenLOOForNearTies() {
        // The lowest AICc among admissible ones; a candidate whose interval leaves is set aside.
        let clear = [Row(.inside, 10, 5), Row(.intervalLeaves, 0, 1), Row(.inside, 7, 9), Row(.inside, 12, 1)]
        #expect(Self.decide(clear, n: 6) == .init(chosen: 2, rule: .lowestAICc(gap: 3, runnerUp: 0), intervalsInside: true))
        // Within 2: the runner-up when its LOO RMSE is lower.
        let near = [Row(.inside, 10, 5), Row(.inside, 8.5, 6)]
        #expect(Self.decide(near, n: 6) == .init(chosen: 0, rule: .nearTieByLOO(other: 1, gap: 1.5), intervalsInside: true))
        // Within 2 but no LOO: the lowest AICc.
        #expect(Self.decide([Row(.inside, 10), Row(.inside, 8.5)], n: 6)
            == .init(chosen: 1, rule: .lowestAICc(gap: 1.5, runnerUp: 0), intervalsInside: true))
        // A tie goes to the earlier candidate, as does a tie for second place.
        #expect(Self.decide([Row(.inside, 3, 2), Row(.inside, 3, 2), Row(.inside, 4, 1)], n: 6)
            == .init(chosen: 0, rule: .lowestAICc(gap: 0, runnerUp: 1), intervalsInside: true))
    }

    @Test func looWhenAICcIsMissing() {
        // n = 4: only the mean has an AICc; the lowest LOO RMSE decides (NaN counts as none).
        let four = [Row(.inside, nil, 3), Row(.inside, nil, .nan), Row(.inside, 20, 2), Row(.medianLeaves, nil, 0.1)]
        #expect(Self.decide(four, n: 4) == .init(chosen: 2, rule: .lowestLOO, intervalsInside: true))
        // No score at all: the first admissible.
        #expect(Self.decide([Row(.medianLeaves), Row(.inside, .nan), Row(.inside)], n: 5)
            == .init(chosen: 1, rule: .noScore, intervalsInside: true))
    }
}
