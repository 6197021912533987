/// Charts carried by a report table; HTML draws them as inline SVG.
public enum Chart: Sendable {
    /// A fan chart: observed points, the median path and 80/95 % bands, and the target.
    case fan(FanChart)
    /// A horizontal bar chart of one value per entity, with an optional maximum.
    case bars(BarChart)
}

/// Data of a fan chart (all in the indicator's units, times in decimal years).
public struct FanChart: Sendable {
    /// Title.
    public var title: String
    /// Observed points.
    public var history: [(t: Double, value: Double)]
    /// The projected path: time, median, and 80/95 % bands (nil where no interval).
    public var path: [(t: Double, median: Double, lo80: Double?, hi80: Double?, lo95: Double?, hi95: Double?)]
    /// The target (time, value), if any.
    public var target: (t: Double, value: Double)?
    /// Bounds of the indicator for the axis, if any.
    public var lower: Double?
    /// Upper bound.
    public var upper: Double?
}

/// Data of a bar chart.
public struct BarChart: Sendable {
    /// Title.
    public var title: String
    /// Bars: label and value.
    public var bars: [(label: String, value: Double)]
    /// The scale's maximum (e.g. 1000 for DTI), if any.
    public var maximum: Double?
}
