import Foundation
import Indicators

/// What real series of one kind did after a window of n points: the numbers behind the default
/// (calibrated) forecast.
///
/// For every family (share, count, score, rank), window size n (1–6; longer series use their last 6
/// points), whole horizon h (1 … ``maxHorizon`` years), level bin of the last value and bin of the
/// window's own slope in units of its movement, the table holds the quantiles, on ``probabilities``,
/// of the standardised error `(z(actual) − z(base)) / u` on the family's natural scale (censored
/// logit for bounded shares and scores, the place in the field for ranks, log for counts), where
/// `z(base) = z(last) + β(n, h, persistence, slope bin) · slope · h` and u is the window's movement
/// unit (``CalibratedTrend``). The point forecast is the median of the distribution. A cell with
/// fewer than ``minimumCount`` errors falls back to the same cell without the slope bin, then
/// without the level bin, then without both. Learned by ``CalibrationLearner`` from panels of real
/// series (the shipped one from both corpora, `Datasets/calibration/`).
public struct CalibrationTable: Sendable, Equatable {
    /// The indicator families the table distinguishes.
    public enum Family: String, Sendable, CaseIterable {
        /// Shares with both bounds (percent of a population).
        case share
        /// Counts and amounts (≥ 0, no upper bound).
        case count
        /// Scores with both bounds (an index out of 1, a score out of 1000).
        case score
        /// Ranks among a field of entities (1 = best), on the place scale (``Scale/rankPlace(field:)``).
        case rank

        /// The family of an indicator kind with the given bounds.
        public static func of(kind: Indicator.Kind, lower: Double?, upper: Double?) -> Family {
            guard let l = lower, let u = upper, l < u else { return .count }
            switch kind {
            case .share: return .share
            case .count, .amount: return .count
            case .rank: return .rank
            default: return .score
            }
        }
    }

    /// The probabilities at which quantiles are stored (0.5 % … 99.5 %).
    public static let probabilities: [Double] = [
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
        0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995,
    ]
    /// Index of the median in ``probabilities``.
    static let medianIndex = 13
    /// Level-bin edges, as a fraction of the range, for bounded families.
    public static let levelEdges: [Double] = [0.05, 0.2, 0.5, 0.8, 0.95]
    /// Number of slope bins (deciles of |slope| by family and n).
    public static let slopeBins = 10
    /// The largest window size distinguished.
    public static let maxN = 6
    /// Number of level bins of the count family (deciles of the fraction of the peers' frontier).
    public static let countLevelBins = 10
    static let levelSlots = max(levelEdges.count + 1, countLevelBins) + 1   // any, then the bins
    static let slopeSlots = slopeBins + 1          // any, then the bins
    /// Edges of the persistence bins: how much of their earlier pace the same indicator's other entities
    /// kept in their latest step (``PeerMotion/persistence``, shrunk to ``persistencePrior``).
    public static let persistenceEdges: [Double] = [0, 0.25, 0.5, 0.75]
    /// Persistence slots: 0 unknown (fewer than ``PeerMotion/minimumPairs`` peers with a pace and a later
    /// step), then one per bin.
    static let persistenceSlots = persistenceEdges.count + 2
    /// The persistence a panel's own estimate is shrunk toward, and the weight of that prior in pairs.
    public static let persistencePrior = 0.4, persistencePriorWeight = 10.0
    /// The smallest movement unit (natural scale per year): a window whose peers did not move at all
    /// still has a spread.
    public static let minimumUnit = 0.005

    /// The longest whole horizon learned (years); longer horizons scale the last one's spread.
    public var maxHorizon: Int
    /// The fewest errors a cell needs to be used.
    public var minimumCount: Int
    /// What the table was learned from (one line, e.g. the corpus and its attribution).
    public var source: String
    /// Series learned from, per family.
    public var seriesCounts: [Family: Int]
    /// What the learned windows span, counted when the table was learned (nil for a table written
    /// before it was recorded): the words a report uses to say what its ranges rest on.
    public var corpus: Corpus?

    /// What a table's training windows span: how many indicators and entities, over which years.
    public struct Corpus: Sendable, Equatable {
        /// Distinct indicators.
        public var indicators: Int
        /// Distinct entities (countries, regions, districts: the panel's entity ids).
        public var entities: Int
        /// The first and last calendar years of a point or an outcome of a window.
        public var firstYear: Int, lastYear: Int

        /// A corpus record.
        public init(indicators: Int, entities: Int, firstYear: Int, lastYear: Int) {
            self.indicators = indicators
            self.entities = entities
            self.firstYear = firstYear
            self.lastYear = lastYear
        }
    }
    /// β by (family, n, h, persistence slot, slope slot): how much of the window's own slope the base
    /// forecast keeps. Learned over all families together (the slope bins and persistence are in units
    /// of the indicator's own movement), stored for each.
    var betas: [Double]
    /// By family: the movement unit (natural scale per year) of a window with neither peers nor a
    /// history of its own (the median of the training windows' peer units).
    var units: [Double]
    /// ``slopeBins`` − 1 quantile edges of |slope| by (family, n).
    var slopeEdges: [Double]
    /// The ``countLevelBins`` − 1 inner edges of the count family's level bins, on the fraction of the
    /// peers' frontier (``PeerLevel``): deciles of the training windows' fractions.
    var countLevelEdges: [Double]
    /// Spread factors by (family, n), two each (central, tails): the error quantiles' distances from
    /// the cell's median are multiplied by them (learned by an inner cross-validation,
    /// ``CalibrationLearner``; 1 = as learned). See ``spread(_:n:p:)``.
    var spreads: [Double]
    /// Centre factors by (family, n) (``centreFactor(_:n:)``; 1 = the centre as learned).
    var centres: [Double]
    /// Count family, by level slot (any, then the bins): the fastest move per year (natural scale) that
    /// the training counts made — the 99th percentile of |z(actual) − z(last)| / h over their outcomes.
    var growthLimits: [Double]
    /// Errors behind each cell (0: no cell).
    var counts: [Int]
    /// Error quantiles, ``probabilities``.count per cell.
    var quantiles: [Double]
    /// For each full key (family, n, h, level bin, slope bin), the cell to use after fallback (−1: none).
    var resolved: [Int32]

    /// An empty table (every cell missing) for `maxHorizon` years.
    init(maxHorizon: Int, minimumCount: Int, source: String) {
        self.maxHorizon = maxHorizon
        self.minimumCount = minimumCount
        self.source = source
        seriesCounts = [:]
        let families = Family.allCases.count
        betas = Array(repeating: 0, count: families * Self.maxN * maxHorizon * Self.persistenceSlots * Self.slopeSlots)
        units = Array(repeating: 0.1, count: families)
        growthLimits = Array(repeating: .infinity, count: Self.levelSlots)
        slopeEdges = Array(repeating: 0, count: families * Self.maxN * (Self.slopeBins - 1))
        countLevelEdges = Array(repeating: 0, count: Self.countLevelBins - 1)
        spreads = Array(repeating: 1, count: families * Self.maxN * 2)
        centres = Array(repeating: 1, count: families * Self.maxN)
        let cells = families * Self.maxN * maxHorizon * Self.levelSlots * Self.slopeSlots
        counts = Array(repeating: 0, count: cells)
        quantiles = Array(repeating: 0, count: cells * Self.probabilities.count)
        resolved = Array(repeating: -1, count: cells)
    }

    static func familyIndex(_ f: Family) -> Int {
        switch f {
        case .share: 0
        case .count: 1
        case .score: 2
        case .rank: 3
        }
    }

    func groupIndex(_ f: Family, n: Int, h: Int) -> Int { (Self.familyIndex(f) * Self.maxN + n - 1) * maxHorizon + h - 1 }
    func betaIndex(_ f: Family, n: Int, h: Int, persistenceSlot: Int, slopeSlot: Int) -> Int {
        (groupIndex(f, n: n, h: h) * Self.persistenceSlots + persistenceSlot) * Self.slopeSlots + slopeSlot
    }
    func edgeIndex(_ f: Family, n: Int) -> Int { (Self.familyIndex(f) * Self.maxN + n - 1) * (Self.slopeBins - 1) }

    /// Cell index; `levelSlot` 0 = any level, 1 … 6 = bin + 1; `slopeSlot` 0 = any slope, 1 … 10 = bin + 1.
    func cellIndex(_ f: Family, n: Int, h: Int, levelSlot: Int, slopeSlot: Int) -> Int {
        (groupIndex(f, n: n, h: h) * Self.levelSlots + levelSlot) * Self.slopeSlots + slopeSlot
    }

    /// β for (family, n, h), a persistence slot (0 unknown, 1 … 5 bins) and a slope bin (−1: any).
    public func beta(_ f: Family, n: Int, h: Int, persistenceSlot: Int, slopeBin: Int) -> Double {
        betas[betaIndex(f, n: n, h: min(max(h, 1), maxHorizon), persistenceSlot: persistenceSlot, slopeSlot: slopeBin + 1)]
    }

    /// The fastest move per year the training counts made at a level bin (−1: any; ∞ when unknown).
    public func growthLimit(levelBin: Int) -> Double {
        let own = growthLimits[min(max(levelBin + 1, 0), Self.levelSlots - 1)]
        return own.isFinite ? own : growthLimits[0]
    }

    /// The movement unit of a window of `family` with neither peers nor history of its own.
    public func defaultUnit(_ f: Family) -> Double { units[Self.familyIndex(f)] }

    /// The persistence slot of a peers' estimate `persistence` from `pairs` peers (0: unknown).
    public static func persistenceSlot(_ persistence: Double?, pairs: Int) -> Int {
        guard let p = persistence, p.isFinite, pairs >= PeerMotion.minimumPairs else { return 0 }
        let w = Double(pairs)
        let shrunk = min(max((w * p + persistencePriorWeight * persistencePrior) / (w + persistencePriorWeight), -1), 1.5)
        var bin = 1
        for edge in persistenceEdges where shrunk >= edge { bin += 1 }
        return bin
    }

    /// The spread factor for (family, n) at probability p: the central factor (fitted to the 80 % range)
    /// for 10 % ≤ p ≤ 90 %, the tail factor (fitted to the 95 % range) below 2.5 % and above 97.5 %,
    /// linear in between.
    public func spread(_ f: Family, n: Int, p: Double) -> Double {
        let k = spreadIndex(f, n: n), d = abs(p - 0.5)
        let central = spreads[k], tail = spreads[k + 1]
        if d <= 0.4 { return central }
        if d >= 0.475 { return tail }
        return central + (tail - central) * (d - 0.4) / 0.075
    }

    /// The centre factor for (family, n): the share of the learned centre's movement from the last value
    /// (the trend kept and the cells' median error) that the forecast keeps; 1 for every family but
    /// ranks (``CalibrationLearner``). Ranks are zero-sum: a district can climb only past others, so a
    /// rank's own run of places persists less on a new field than the trends learned with it; the
    /// factor is chosen, in 0 … 1.5, for the smallest absolute error in units on rank indicators the
    /// inner table did not learn from.
    public func centreFactor(_ f: Family, n: Int) -> Double { centres[centreIndex(f, n: n)] }

    func centreIndex(_ f: Family, n: Int) -> Int { Self.familyIndex(f) * Self.maxN + min(max(n, 1), Self.maxN) - 1 }

    func spreadIndex(_ f: Family, n: Int) -> Int { (Self.familyIndex(f) * Self.maxN + min(max(n, 1), Self.maxN) - 1) * 2 }

    /// The level bin of a window of `family` whose last value stands at `level` (−1, "any", for NaN):
    /// for counts its fraction of the peers' frontier against ``countLevelEdges``, for bounded
    /// families its fraction of the range against ``levelEdges``. One rule for learning and forecasting.
    func levelBin(_ family: Family, level: Double) -> Int {
        if level.isNaN { return -1 }
        return family == .count ? peerLevelBin(level) : Self.levelBin(level)
    }

    /// The level bin (0 … ``countLevelBins`` − 1) of a count at fraction `p` of its peers' frontier
    /// (``countLevelEdges``).
    func peerLevelBin(_ p: Double) -> Int {
        var bin = 0
        for edge in countLevelEdges where p >= edge { bin += 1 }
        return bin
    }

    /// The level bin (0 … `levelEdges.count`) of a value at fraction `p` of the range.
    static func levelBin(_ p: Double) -> Int {
        var bin = 0
        for edge in levelEdges where p >= edge { bin += 1 }
        return bin
    }

    /// The slope bin (0 … `slopeBins` − 1) of a window's slope (for n = 1, of its peers' slope).
    func slopeBin(_ f: Family, n: Int, slope: Double) -> Int {
        let k = edgeIndex(f, n: n), a = abs(slope)
        var bin = 0
        for e in 0..<(Self.slopeBins - 1) where a >= slopeEdges[k + e] { bin += 1 }
        return bin
    }

    /// The top inner edge of the slope bins of (family, n), on |slope| / unit.
    func topSlopeEdge(_ f: Family, n: Int) -> Double { slopeEdges[edgeIndex(f, n: n) + Self.slopeBins - 2] }

    /// Fills `resolved`: each full key's own cell if it has enough errors, else the fallbacks in order.
    mutating func resolve() {
        for f in Family.allCases {
            for n in 1...Self.maxN {
                for h in 1...maxHorizon {
                    for l in 0..<Self.levelSlots {
                        for s in 0..<Self.slopeSlots {
                            // One point with a peer slope never falls back to the naive ("any") cells.
                            // A count's level tells more about its moves than its slope does: its
                            // cells fall back to the level bin before the slope bin.
                            let order = n == 1 && s > 0 ? (f == .count ? [(l, s), (l, 0), (0, s)] : [(l, s), (0, s)])
                                : (f == .count ? [(l, s), (l, 0), (0, s), (0, 0)] : [(l, s), (0, s), (l, 0), (0, 0)])
                            var chosen: Int32 = -1
                            for (ll, ss) in order {
                                let c = cellIndex(f, n: n, h: h, levelSlot: ll, slopeSlot: ss)
                                if counts[c] >= minimumCount { chosen = Int32(c); break }
                            }
                            resolved[cellIndex(f, n: n, h: h, levelSlot: l, slopeSlot: s)] = chosen
                        }
                    }
                }
            }
        }
    }

    /// The cell for a full key and the horizon it was learned at: the key's own horizon, or the
    /// longest shorter one that has a cell (`cell` −1: none at all).
    func cell(_ f: Family, n: Int, h: Int, levelBin: Int, slopeBin: Int) -> (cell: Int, h: Int) {
        var hh = min(max(h, 1), maxHorizon)
        while hh >= 1 {
            let c = Int(resolved[cellIndex(f, n: n, h: hh, levelSlot: levelBin + 1, slopeSlot: slopeBin + 1)])
            if c >= 0 { return (c, hh) }
            hh -= 1
        }
        return (-1, 0)
    }

    /// Whether the table has a cell for this family and window size (1 … ``maxN``).
    public func covers(_ f: Family, n: Int) -> Bool {
        (1...maxHorizon).contains { h in counts[cellIndex(f, n: n, h: h, levelSlot: 0, slopeSlot: 0)] >= minimumCount }
    }

    /// Errors behind the cell used for a key (0 when none).
    public func errorCount(_ f: Family, n: Int, h: Int, levelBin: Int, slopeBin: Int) -> Int {
        let c = cell(f, n: min(n, Self.maxN), h: h, levelBin: levelBin, slopeBin: slopeBin).cell
        return c >= 0 ? counts[c] : 0
    }
}
