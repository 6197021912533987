import Forecasting
import Indicators

/// What a report's tables share: the dataset's series forecast with their peers, each fitted once
/// (``PanelForecaster``), and how each indicator's values are written.
struct ReportPanel: Sendable {
    /// The series, their groups and fits.
    var forecaster: PanelForecaster
    /// How each indicator's values are written, by id (``ValueStyle/all(_:)``).
    let styles: [String: ValueStyle]

    /// The panel of `data`, forecast with `intervals` and `calibration`.
    init(_ data: Dataset, intervals: IntervalMethod, calibration: CalibrationTable?) {
        forecaster = PanelForecaster(data, intervals: intervals, calibration: calibration)
        styles = ValueStyle.all(data)
    }

    /// The dataset.
    var data: Dataset { forecaster.data }
    /// Its observations by series.
    var index: ObservationIndex { forecaster.index }

    /// The style of an indicator's values.
    func style(_ indicator: Indicator) -> ValueStyle { styles[indicator.id] ?? ValueStyle(indicator, writtenDecimals: 0) }

    /// The group of an indicator if it was built.
    func built(_ indicator: String) -> PeerGroup? { forecaster.group(indicator) }

    /// The group of an indicator, built now if it was not.
    mutating func group(_ indicator: String) -> PeerGroup { forecaster.buildGroup(indicator) }

    /// Builds the groups of `indicators` not built yet, on all cores.
    mutating func build(_ indicators: [String]) { forecaster.build(indicators) }
}
