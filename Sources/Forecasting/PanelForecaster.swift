import Indicators
import Synchronization

/// A dataset's series forecast with their peers, each series fitted once however many times it is
/// projected: the gap table's target years, the plan years of the projections and a comparison's
/// parent target year are all read off the one fit (DESIGN.md "Forecasting").
///
/// Each indicator's ``PeerGroup`` (every entity's series, and how they moved) is built once
/// (``build(_:)``, on all cores); a member's fit is made the first time it is asked for and kept.
/// The fit of the calibrated default depends on the series, its peers and the calibration only;
/// the textbook selection also on the times it checks the bounds at, so its fits are kept by those
/// times. Forecasts equal ``Forecaster/forecast(_:_:pool:)`` with the request a member's group
/// prepares (``PeerGroup/prepare(_:member:)``), to the bit.
///
/// A value of this type may be copied and shared across threads: copies share the fits made.
public struct PanelForecaster: Sendable {
    /// The dataset.
    public let data: Dataset
    /// Its observations by series.
    public let index: ObservationIndex
    /// Calibrated (default) or textbook ranges and P(meet).
    public let intervals: IntervalMethod
    /// The calibration of the default (nil: ``CalibrationTable/shipped``).
    public let calibration: CalibrationTable?
    /// The indicators built so far, by id.
    private var built: [String: Entry] = [:]

    /// One indicator's group and the fits of its members made so far.
    final class Entry: Sendable {
        let group: PeerGroup
        let fits = Mutex<[FitKey: Result<Forecaster.Fitted, ForecastError>]>([:])

        init(_ group: PeerGroup) { self.group = group }

        /// Member `key.member`'s fit, made by `make` the first time it is asked for.
        func fitted(_ key: FitKey, _ make: () throws(ForecastError) -> Forecaster.Fitted) throws(ForecastError) -> Forecaster.Fitted {
            let kept = fits.withLock { $0[key] }
            let result: Result<Forecaster.Fitted, ForecastError>
            if let kept {
                result = kept
            } else {
                // Made outside the lock (two threads asking at once both make the same fit; one is kept).
                do throws(ForecastError) { result = .success(try make()) } catch { result = .failure(error) }
                fits.withLock { if $0[key] == nil { $0[key] = result } }
            }
            return try result.get()
        }
    }

    /// A member and, for the textbook selection, the times its bounds are checked at.
    struct FitKey: Hashable, Sendable {
        var member: Int
        var times: [Double]
    }

    /// The panel of `data`, forecast with `intervals` and `calibration`; no indicator built yet.
    public init(_ data: Dataset, intervals: IntervalMethod = .calibrated, calibration: CalibrationTable? = nil) {
        self.data = data
        index = ObservationIndex(data)
        self.intervals = intervals
        self.calibration = calibration
    }

    /// Builds the groups of `indicators` not built yet, on all cores (a national dataset's indicators
    /// each load every entity's series: one at a time, that held the report to one core).
    public mutating func build(_ indicators: [String]) {
        var missing: [String] = [], seen: Set<String> = []
        for id in indicators where built[id] == nil && seen.insert(id).inserted { missing.append(id) }
        let (data, index) = (self.data, self.index)
        for case let (id, g?) in zip(missing, Parallel.map(missing) { PeerGroup(data, index: index, indicator: $0) }) {
            built[id] = Entry(g)
        }
    }

    /// The group of an indicator if it was built.
    public func group(_ indicator: String) -> PeerGroup? { built[indicator]?.group }

    /// The group of an indicator, built now if it was not.
    public mutating func buildGroup(_ indicator: String) -> PeerGroup {
        build([indicator])
        return built[indicator]?.group ?? PeerGroup(data, index: index, indicator: indicator)
    }

    /// How many fits have been made and kept, over every indicator built (a member's fit counts once
    /// per method and, for the textbook selection, per set of times).
    var fitsKept: Int { built.values.reduce(0) { $0 + $1.fits.withLock { $0.count } } }

    /// The forecast of member `member` (an entity's position in the dataset) of `indicator` at plan
    /// `years`, with a target if given; the series is fitted once (see the type's description).
    ///
    /// - Throws: ``ForecastError/tooFewPoints(_:count:)`` when the entity has no observation of the
    ///   indicator; otherwise as ``Forecaster/forecast(_:_:pool:)``.
    public func forecast(_ indicator: String, member: Int, years: [Int],
                         target: (value: Double, year: Int, atLeast: Bool?)? = nil) throws(ForecastError) -> (series: Series, forecast: Forecast) {
        let entry = built[indicator] ?? Entry(PeerGroup(data, index: index, indicator: indicator))
        guard member >= 0, member < entry.group.members.count, let series = entry.group.members[member] else {
            let entity = member >= 0 && member < data.entities.count ? data.entities[member].id : "\(member)"
            throw .tooFewPoints("\(indicator)/\(entity)", count: 0)
        }
        let request = entry.group.withMotion(
            ForecastRequest(intervals: intervals, calibration: calibration, years: years, target: target), member: member)
        try Forecaster.check(series, request)
        // The pool (every other member, for the textbook models) is gathered only when a fit is made.
        let fitted = try entry.fitted(FitKey(member: member, times: Forecaster.selectionTimes(series, request))) { () throws(ForecastError) in
            try Forecaster.fit(series, request, pool: entry.group.pool(for: request, member: member))
        }
        return (series, try Forecaster.forecast(series, fitted: fitted, request))
    }
}
