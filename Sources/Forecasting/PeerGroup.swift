import Indicators

/// Every entity's series of one indicator, built once, with what each member's forecast borrows
/// from the others: the peers' slope (``PeerSlope``, for a series of one point) and the latest
/// value as a fraction of their frontier (``PeerLevel``).
///
/// These equal ``PeerSlope/of(_:upTo:)`` and ``PeerLevel/of(_:among:upTo:)`` over the other
/// members, but are computed once per distinct last time of the members instead of once per member,
/// so a whole indicator costs about one sort per distinct time rather than one pass over the peers
/// per member.
public struct PeerGroup: Sendable {
    /// The members: one entry per entity, nil where the entity has no observation of the indicator.
    public let members: [Series?]
    /// Sorted latest values of all members up to each distinct last time.
    let latestByTime: [Double: [Double]]
    /// Median slope of all members up to each last time of a one-point member.
    let slopeByTime: [Double: Double?]

    /// The group of `members` (one per entity, nil for none).
    public init(_ members: [Series?]) {
        self.members = members
        var latest: [Double: [Double]] = [:], slopes: [Double: Double?] = [:]
        for case let member? in members {
            guard let t = member.times.last else { continue }
            if latest[t] == nil {
                latest[t] = members.compactMap { $0.flatMap { PeerLevel.latest(of: $0, upTo: t) } }.sorted()
            }
            // A one-point member has no slope itself, so the median over all members is the one over its peers.
            if member.count == 1, slopes[t] == nil {
                slopes[t] = .some(PeerSlope.median(members.compactMap { $0.flatMap { PeerSlope.slope(of: $0, upTo: t) } }))
            }
        }
        latestByTime = latest
        slopeByTime = slopes
    }

    /// The series of indicator `indicator` for every entity of `data`, through `index`.
    public init(_ data: Dataset, index: ObservationIndex, indicator: String) {
        self.init(data.entities.map { try? SeriesLoader.dataset(data, index: index, indicator: indicator, entity: $0.id) })
    }

    /// The peers' slope that member `k` borrows (nil unless it has exactly one point, or without peers).
    public func peerSlope(of k: Int) -> Double? {
        guard let member = members[k], member.count == 1, let t = member.times.last else { return nil }
        return slopeByTime[t] ?? nil
    }

    /// Member `k`'s latest value as a fraction of the highest of the other members' latest values up
    /// to its last time (nil with fewer than ``PeerLevel/minimumPeers`` peers).
    public func peerLevel(of k: Int) -> Double? {
        guard let member = members[k], let t = member.times.last, let y = member.values.last, let all = latestByTime[t] else { return nil }
        return PeerLevel.fraction(y, among: all, excludingOne: true)
    }

    /// The other members' series (the pool of ``Forecaster/forecast(_:_:pool:)``).
    public func others(excluding k: Int) -> [Series] {
        members.enumerated().compactMap { $0.offset == k ? nil : $0.element }
    }

    /// A request for member `k` with its peers' slope and level filled in, and the pool the
    /// forecaster still needs: none for the calibrated default (which uses only those two), the
    /// other members for the textbook models (whose residual variance may be pooled).
    public func prepare(_ request: ForecastRequest, member k: Int) -> (request: ForecastRequest, pool: [Series]) {
        var request = request
        let calibrated = request.model == .calibrated || (request.model == nil && request.intervals == .calibrated)
        if request.peerSlope == nil { request.peerSlope = peerSlope(of: k) }
        if request.peerLevel == nil { request.peerLevel = peerLevel(of: k) }
        return (request, calibrated ? [] : others(excluding: k))
    }
}
