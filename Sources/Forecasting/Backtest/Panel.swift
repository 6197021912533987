import Foundation
import Indicators

/// Many series of several indicators and entities: what a back-test and a calibration run over.
public struct Panel: Sendable {
    /// One series of the panel.
    public struct Member: Sendable {
        /// Indicator id.
        public var indicator: String
        /// Entity id (a country code in the corpus, a district in a dataset).
        public var entity: String
        /// The series (kind, bounds and points).
        public var series: Series
        /// For a rank: how many entities were ranked at each point (empty: the series' `upper`).
        public var fields: [Double] = []

        /// A member.
        public init(indicator: String, entity: String, series: Series) {
            self.indicator = indicator
            self.entity = entity
            self.series = series
        }
    }

    /// The series.
    public var members: [Member]
    /// What the panel is (a path, a corpus name), for labels.
    public var source: String

    /// A panel.
    public init(members: [Member], source: String) {
        self.members = members
        self.source = source
    }

    /// Every (indicator, entity) series of a dataset with at least one observation.
    public static func dataset(_ data: Dataset, source: String) -> Panel {
        var members: [Member] = []
        for indicator in data.indicators {
            for entity in data.entities {
                guard let series = try? SeriesLoader.dataset(data, indicator: indicator.id, entity: entity.id) else { continue }
                members.append(Member(indicator: indicator.id, entity: entity.id, series: series))
            }
        }
        return Panel(members: members, source: source)
    }

    /// Every series of a long panel file.
    public static func long(_ panel: LongPanel, source: String) -> Panel {
        let members = panel.series.compactMap { s -> Member? in
            guard let d = panel.definitions[s.indicator] else { return nil }
            var member = Member(indicator: s.indicator, entity: s.entity, series: Series(
                name: "\(s.indicator)/\(s.entity)", kind: d.kind, lower: d.lower, upper: d.upper, direction: d.direction,
                measure: d.measure, times: s.times, values: s.values))
            if d.kind == .rank, s.fields.count == s.times.count { member.fields = s.fields }
            return member
        }
        return Panel(members: members, source: source)
    }

    /// The members whose entity falls in `fold` (0 or 1) of a two-way split by a hash of the entity
    /// id (FNV-1a): the same entity is always in the same fold, whatever the panel.
    public func fold(_ fold: Int) -> Panel {
        Panel(members: members.filter { Self.fold(of: $0.entity) == fold }, source: source)
    }

    /// The fold (0 or 1) of an entity id.
    public static func fold(of entity: String) -> Int { Int(hash(entity) % 2) }

    /// A second split (0 or 1) of an entity id, independent of ``fold(of:)``: what a calibration
    /// uses inside its own training entities (``CalibrationLearner``).
    static func innerFold(of entity: String) -> Int { Int((hash(entity) >> 17) % 2) }

    static func hash(_ entity: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in entity.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// The rolling-origin windows of a back-test: which points a forecast may use, and what happened later.
public struct BacktestWindow: Sendable {
    /// One later observation.
    public struct Outcome: Sendable, Equatable {
        /// Its decimal time.
        public var t: Double
        /// Its value.
        public var value: Double
        /// Years after the window's last point.
        public var horizon: Double
    }

    /// Indicator id.
    public var indicator: String
    /// Entity id.
    public var entity: String
    /// The window's points (the n points up to and including the origin).
    public var series: Series
    /// Later observations within the design's horizon.
    public var outcomes: [Outcome]
    /// How the same indicator moved in the panel's other entities up to the origin (``PeerMotion``:
    /// their median slope, borrowed by a window of one point; for counts the last value's place against
    /// their frontier; their movement unit and persistence).
    public var peers: PeerMotion

    /// Points in the window.
    public var n: Int { series.count }
    /// The origin: the time of the window's last point.
    public var origin: Double { series.times.last ?? .nan }

    /// Every window of `panel` under `design`: for each series, each of its points as origin and
    /// each window size n with n points up to the origin, the later points within the horizon.
    /// Windows without a later point are left out.
    public static func windows(_ panel: Panel, design: WindowDesign) -> [BacktestWindow] {
        var result: [BacktestWindow] = []
        var byIndicator: [String: [Panel.Member]] = [:]
        for m in panel.members { byIndicator[m.indicator, default: []].append(m) }
        // (indicator, origin) → each entity's contribution up to the origin, their sums, and every
        // entity's latest value up to the origin, sorted (the series itself included).
        struct Peers {
            var own: [String: PeerMotion.Contribution] = [:]
            var sums = PeerMotion.Sums()
            var latest: [Double] = []
        }
        var cache: [String: Peers] = [:]
        func peers(_ member: Panel.Member, at origin: Double, value: Double) -> PeerMotion {
            let key = "\(member.indicator)\u{1F}\(origin)"
            if cache[key] == nil {
                var p = Peers()
                for m in byIndicator[member.indicator] ?? [] {
                    if let c = PeerMotion.Contribution(m.series, upTo: origin) {
                        p.own[m.entity] = c
                        p.sums.add(c)
                    }
                    if let v = PeerLevel.latest(of: m.series, upTo: origin) { p.latest.append(v) }
                }
                p.latest.sort()
                cache[key] = p
            }
            guard let p = cache[key] else { return .none }
            let level = member.series.upper == nil ? PeerLevel.fraction(value, among: p.latest, excludingOne: true) : nil
            // A one-point window borrows the median slope of the others only.
            // The unit and persistence describe the indicator: every entity's motion up to the origin,
            // this one's included (an entity-specific value would sort entities by their own pace).
            var motion = p.sums.motion(level: level)
            if p.own[member.entity] != nil {
                var others = PeerMotion.Sums()
                for (entity, c) in p.own where entity != member.entity { others.add(c) }
                motion.slope = others.motion().slope
            }
            return motion
        }
        for member in panel.members {
            let s = member.series
            let count = s.count
            guard count >= 2 else { continue }
            for i in 0..<count {
                let origin = s.times[i]
                if let years = design.originYears, !years.contains(Int(origin.rounded(.down))) { continue }
                var outcomes: [Outcome] = []
                for j in (i + 1)..<count {
                    let h = s.times[j] - origin
                    guard h <= design.maxHorizon + 1e-9 else { break }
                    if h >= design.minHorizon - 1e-9 { outcomes.append(Outcome(t: s.times[j], value: s.values[j], horizon: h)) }
                }
                if outcomes.isEmpty { continue }
                let motion = peers(member, at: origin, value: s.values[i])
                for n in design.sizes where n >= 1 && i + 1 >= n {
                    var w = s
                    let r = (i + 1 - n)...i
                    w.times = Array(s.times[r])
                    w.values = Array(s.values[r])
                    w.numerators = Array(s.numerators[r])
                    w.denominators = Array(s.denominators[r])
                    // A rank is bounded by the field it was ranked in at the origin.
                    if member.fields.count == count { w.upper = member.fields[i] }
                    result.append(BacktestWindow(indicator: member.indicator, entity: member.entity, series: w, outcomes: outcomes,
                                                 peers: motion))
                }
            }
        }
        return result
    }
}

/// Which windows a back-test or a calibration uses.
public struct WindowDesign: Sendable, Equatable {
    /// Window sizes n (points up to the origin); 1 is allowed.
    public var sizes: [Int]
    /// The shortest horizon scored, in years.
    public var minHorizon: Double
    /// The longest horizon scored, in years.
    public var maxHorizon: Double
    /// Only origins in these calendar years (nil: every point is an origin).
    public var originYears: Set<Int>?

    /// A design.
    public init(sizes: [Int], minHorizon: Double = 0.5, maxHorizon: Double, originYears: Set<Int>? = nil) {
        self.sizes = sizes
        self.minHorizon = minHorizon
        self.maxHorizon = maxHorizon
        self.originYears = originYears
    }

    /// The back-test's default: n = 1, 2, 3, 5 and horizons up to 6 years (2025 and 2030 from 2024).
    public static let backtest = WindowDesign(sizes: [1, 2, 3, 5], maxHorizon: 6)
    /// What a calibration learns from: n = 1 … 6 and horizons up to 10 years.
    public static let calibration = WindowDesign(sizes: [1, 2, 3, 4, 5, 6], maxHorizon: 10)
}
