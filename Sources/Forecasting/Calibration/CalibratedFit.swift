import Foundation

extension TrendFit {
    /// The calibrated default fitted to a series of one point or more (constant series and values
    /// on a bound included).
    ///
    /// - Throws: ``ForecastError`` for an empty or malformed series (unequal lengths, non-finite
    ///   numbers, times not increasing, values outside the bounds), or when `table` has nothing
    ///   for the series' family.
    public static func calibrated(_ series: Series, peers: PeerMotion = .none,
                                  table: CalibrationTable) throws(ForecastError) -> TrendFit {
        try series.validate(minimumPoints: 1, allowConstant: true)
        guard let trend = CalibratedTrend(series, peers: peers, table: table) else {
            throw .notApplicable(series.name, model: TrendModel.calibrated.rawValue,
                                 reason: .calibrationLacksKind(source: table.source))
        }
        let similar = table.seriesCounts[trend.family] ?? 0
        var notes: [FitNote] = [.calibratedOn(points: series.count, similar: similar, family: trend.family, source: table.source)]
        if trend.usesPeerSlope { notes.append(.onePointPeerTrend) }
        switch trend.unitSource {
        case .peers: notes.append(.unitFromPeers(peers: peers.peers))
        case .ownHistory: notes.append(.unitFromOwnHistory)
        case .prior: notes.append(.unitFromPrior)
        case .fasterThanPeers: notes.append(.fasterThanPeers(peers: peers.peers))
        }
        if let g = trend.growthLimit, trend.rangeCut(at: trend.lastTime + Double(table.maxHorizon)) {
            notes.append(.rangeCutAtFastestGrowth(factor: exp(g)))
        }
        if trend.tableN != min(series.count, CalibrationTable.maxN) {
            notes.append(.calibrationRows(points: min(series.count, CalibrationTable.maxN), rows: trend.tableN))
        }
        if series.count > CalibrationTable.maxN { notes.append(.trendFromLastPoints(CalibrationTable.maxN)) }
        // Literal names: one stored copy each, however many forecasts carry them.
        let (level, slope): (String, String) = switch trend.scale {
        case .censoredLogit, .logit: ("level (logit of the share of the range)", "slope/yr (logit of the share of the range)")
        case .log, .logOffset: ("level (log)", "slope/yr (log)")
        case .identity: ("level (values)", "slope/yr (values)")
        case .rankPlace: ("level (place in the field)", "slope/yr (place in the field)")
        }
        return TrendFit(
            model: .calibrated, name: series.name, n: series.count,
            coefficients: [
                Coefficient(name: level, estimate: trend.zLast, standardError: .nan),
                Coefficient(name: slope, estimate: trend.slope, standardError: .nan),
                Coefficient(name: "beta (h = 1)", estimate: trend.beta(1), standardError: .nan),
            ],
            sigma2: .nan, dfResidual: 0, logLikelihood: nil, aicc: nil, looRMSE: nil, notes: notes,
            kernel: .calibrated(trend))
    }
}
