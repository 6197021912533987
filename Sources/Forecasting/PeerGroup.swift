import Indicators

/// Every entity's series of one indicator, built once, with what each member's forecast borrows
/// from the others (``PeerMotion``): the peers' slope (for a series of one point), the latest value
/// as a fraction of their frontier (``PeerLevel``), their movement unit and persistence.
///
/// These equal ``PeerMotion/of(_:upTo:value:)`` over the members, but the contributions, their
/// sums and the median slope are computed once per distinct last time of the members instead of
/// once per member, so a whole indicator costs about one pass over the members (and one sort of
/// their slopes) per distinct time; a member then only places its last value against the frontier.
public struct PeerGroup: Sendable {
    /// The members: one entry per entity, nil where the entity has no observation of the indicator.
    public let members: [Series?]
    /// Per distinct last time: the members' sorted latest values and their motion (without a level).
    let byTime: [Double: Peers]

    struct Peers: Sendable {
        /// Every member's latest value up to the time, ascending.
        var latest: [Double]
        /// The members' motion up to the time (``PeerMotion/Sums/motion(level:)`` read once; no level).
        var motion: PeerMotion
    }

    /// The group of `members` (one per entity, nil for none).
    public init(_ members: [Series?]) {
        self.members = members
        var byTime: [Double: Peers] = [:]
        for case let member? in members {
            guard let t = member.times.last, byTime[t] == nil else { continue }
            var latest: [Double] = [], sums = PeerMotion.Sums()
            for case let other? in members {
                if let v = PeerLevel.latest(of: other, upTo: t) { latest.append(v) }
                if let c = PeerMotion.Contribution(other, upTo: t) { sums.add(c) }
            }
            byTime[t] = Peers(latest: latest.sorted(), motion: sums.motion())
        }
        self.byTime = byTime
    }

    /// The series of indicator `indicator` for every entity of `data`, through `index`.
    public init(_ data: Dataset, index: ObservationIndex, indicator: String) {
        self.init(data.entities.map { try? SeriesLoader.dataset(data, index: index, indicator: indicator, entity: $0.id) })
    }

    /// How the other members moved up to member `k`'s last time (``PeerMotion/none`` for no member).
    public func motion(of k: Int) -> PeerMotion {
        guard let member = members[k], let t = member.times.last, let y = member.values.last, let p = byTime[t] else { return .none }
        // The unit and persistence describe the indicator (every member's motion, this one's included);
        // the slope is borrowed only by a one-point member, which has no motion of its own.
        var motion = p.motion
        motion.level = PeerLevel.fraction(y, among: p.latest, excludingOne: true)
        return motion
    }

    /// The other members' series (the pool of ``Forecaster/forecast(_:_:pool:)``).
    public func others(excluding k: Int) -> [Series] {
        members.enumerated().compactMap { $0.offset == k ? nil : $0.element }
    }

    /// A request for member `k` with its peers' motion filled in, and the pool the forecaster still
    /// needs: none for the calibrated default (which uses only the motion), the other members for the
    /// textbook models (whose residual variance may be pooled).
    public func prepare(_ request: ForecastRequest, member k: Int) -> (request: ForecastRequest, pool: [Series]) {
        let request = withMotion(request, member: k)
        return (request, pool(for: request, member: k))
    }

    /// The request with member `k`'s peers' motion filled in (when it has none).
    func withMotion(_ request: ForecastRequest, member k: Int) -> ForecastRequest {
        var request = request
        if request.peers == nil { request.peers = motion(of: k) }
        return request
    }

    /// The pool of ``prepare(_:member:)``: the other members for the textbook models, none for the calibrated default.
    func pool(for request: ForecastRequest, member k: Int) -> [Series] {
        Forecaster.isCalibrated(request) ? [] : others(excluding: k)
    }
}
