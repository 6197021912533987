import Indicators

/// Many series of one indicator kind, stored flat (struct of arrays) for batch forecasting.
///
/// Series `i` has the points `offsets[i] ..< offsets[i + 1]` of `times` and `values`.
public struct SeriesBatch: Sendable {
    /// All times, series after series.
    public var times: [Double]
    /// All values.
    public var values: [Double]
    /// Start of each series in `times`/`values`, plus the end (count + 1 entries).
    public var offsets: [Int]
    /// Kind of every series.
    public var kind: Indicator.Kind
    /// Lower bound, if any.
    public var lower: Double?
    /// Upper bound, if any.
    public var upper: Double?

    /// A batch; `offsets` must start at 0, be non-decreasing and end at `times.count`.
    public init(times: [Double], values: [Double], offsets: [Int], kind: Indicator.Kind, lower: Double? = nil, upper: Double? = nil) {
        self.times = times
        self.values = values
        self.offsets = offsets
        self.kind = kind
        self.lower = lower
        self.upper = upper
    }

    /// A batch from individual series (their kind and bounds are taken from the first).
    public init(_ series: [Series]) {
        var times: [Double] = [], values: [Double] = [], offsets = [0]
        for s in series {
            times += s.times
            values += s.values
            offsets.append(times.count)
        }
        self.init(times: times, values: values, offsets: offsets, kind: series.first?.kind ?? .score,
                  lower: series.first?.lower, upper: series.first?.upper)
    }

    /// Number of series.
    public var count: Int { offsets.count - 1 }
}

/// The result of a batch forecast, stored flat.
///
/// For series `i`, time `j` and level `k`: `estimates[i * times.count + j]`,
/// `lower[(i * times.count + j) * levels.count + k]` (NaN where no interval can be given).
public struct BatchForecast: Sendable {
    /// The projected times.
    public var times: [Double]
    /// The levels (percent).
    public var levels: [Double]
    /// The model chosen for each series (nil where none could be fitted).
    public var models: [TrendModel?]
    /// Point forecasts (back-transformed medians).
    public var estimates: [Double]
    /// Lower interval ends.
    public var lower: [Double]
    /// Upper interval ends.
    public var upper: [Double]
}
