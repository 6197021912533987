import Indicators

/// Charts carried by a report table; HTML draws them as inline SVG (`SVGCharts`, internal).
public enum Chart: Sendable {
    /// A fan chart: observed points, the median path and 80/95 % bands, and the target.
    case fan(FanChart)
    /// A horizontal bar chart of one or more values per entity, with an optional maximum.
    case bars(BarChart)
    /// A sorted dot chart: one row per entity (best first), its value, its projection's median and
    /// 80 % range, and the parent's figure and the target as vertical lines.
    case dots(DotChart)
    /// Small multiples: one small line chart of its history per entity, all on one y axis.
    case multiples(SmallMultiples)
}

/// Data of a fan chart (all in the indicator's units, times in decimal years).
public struct FanChart: Sendable {
    /// One step of the projected path: the median and the 80/95 % bands (nil where no interval).
    public struct Step: Sendable, Equatable {
        /// Time (decimal year).
        public var t: Double
        /// The median.
        public var median: Double
        /// The 80 % band.
        public var lo80: Double?, hi80: Double?
        /// The 95 % band.
        public var lo95: Double?, hi95: Double?

        /// A step.
        public init(t: Double, median: Double, lo80: Double? = nil, hi80: Double? = nil, lo95: Double? = nil, hi95: Double? = nil) {
            (self.t, self.median, self.lo80, self.hi80, self.lo95, self.hi95) = (t, median, lo80, hi80, lo95, hi95)
        }
    }

    /// The target drawn as a marker with its year and value.
    public struct TargetMark: Sendable, Equatable {
        /// Time of the target (decimal year).
        public var t: Double
        /// The target value.
        public var value: Double
        /// The target year (the label's).
        public var year: Int
        /// At least or at most (nil: not said).
        public var comparator: Target.Comparator?

        /// A target mark.
        public init(t: Double, value: Double, year: Int, comparator: Target.Comparator? = nil) {
            (self.t, self.value, self.year, self.comparator) = (t, value, year, comparator)
        }
    }

    /// Title in each language (indicator and entity names).
    public var title: Phrase
    /// How the values are written (unit, decimals, noun: the axis' unit line, the target's label and
    /// the note on bands the axis cuts), if known.
    public var style: ValueStyle?
    /// The unit of the values (the axis' unit), if known; setting it writes the values in the unit's
    /// chart style (``chartStyle(_:)``).
    public var unit: Indicator.Unit? {
        get { style?.unit }
        set { style = newValue.map(Self.chartStyle) }
    }
    /// Observed points.
    public var history: [(t: Double, value: Double)]
    /// The projected path.
    public var path: [Step]
    /// The target, if any.
    public var target: TargetMark?
    /// Bounds of the indicator for the axis, if any.
    public var lower: Double?
    /// Upper bound.
    public var upper: Double?
    /// Where in its calendar year a value of that year sits: 1 (its end) for a stock, 0.5 for a flow.
    /// The year ticks go there, so that a point stands above its year.
    public var yearOffset: Double

    /// A fan chart whose values are written in `style`.
    public init(title: Phrase, style: ValueStyle?, history: [(t: Double, value: Double)], path: [Step], target: TargetMark? = nil,
                lower: Double? = nil, upper: Double? = nil, yearOffset: Double = 0.5) {
        self.title = title
        self.style = style
        self.history = history
        self.path = path
        self.target = target
        self.lower = lower
        self.upper = upper
        self.yearOffset = yearOffset
    }

    /// A fan chart whose values are written in a unit without an indicator's data: one decimal for
    /// percentages and scores, none for counts, ranks and amounts (``chartStyle(_:)``).
    public init(title: Phrase, unit: Indicator.Unit? = nil, history: [(t: Double, value: Double)], path: [Step], target: TargetMark? = nil,
                lower: Double? = nil, upper: Double? = nil, yearOffset: Double = 0.5) {
        self.init(title: title, style: unit.map(Self.chartStyle), history: history, path: path, target: target, lower: lower,
                  upper: upper, yearOffset: yearOffset)
    }

    /// The style of a chart's values in `unit` when no data say how they are written: one decimal
    /// for percentages and scores (a chart is read to a tenth), none for the others.
    public static func chartStyle(_ unit: Indicator.Unit) -> ValueStyle {
        ValueStyle(unit: unit, decimals: unit == .percent || unit == .score ? 1 : 0)
    }
}

extension FanChart {
    /// The value axis of the chart (the page's and the Word document's): the data, the median and
    /// the target, with the bands as long as they do not squash them (a loglinear 95 % band can be
    /// huge; the bands are cut at the axis' edges and a note says so), within the bounds, from and to
    /// multiples of a round step of about a quarter of the span.
    func valueAxis() -> (low: Double, high: Double, step: Double) {
        let core = (history.map(\.value) + path.map(\.median) + (target.map { [$0.value] } ?? [])).filter(\.isFinite)
        let lows = path.compactMap { $0.lo95 ?? $0.lo80 }.filter(\.isFinite), highs = path.compactMap { $0.hi95 ?? $0.hi80 }.filter(\.isFinite)
        let coreLow = core.min() ?? 0, coreHigh = core.max() ?? 1
        let span = max(coreHigh - coreLow, abs(coreHigh) * 0.1, 1e-9)
        var y0 = max(min(coreLow - 0.1 * span, lows.min() ?? .infinity), coreLow - span)
        var y1 = min(max(coreHigh + 0.1 * span, highs.max() ?? -.infinity), coreHigh + span)
        if let lower { y0 = max(y0, lower) }
        if let upper { y1 = min(y1, upper) }
        if !(y1 > y0) { y1 = y0 + 1 }
        let step = SVGCharts.niceStep(y1 - y0, ticks: 4)
        y0 = (y0 / step).rounded(.down) * step
        y1 = (y1 / step).rounded(.up) * step
        if let lower { y0 = max(y0, lower) }
        if let upper { y1 = min(y1, upper) }
        return (y0, y1, step)
    }
}

/// Data of a bar chart: one row per entity, each with a bar per group (one group: a plain bar chart;
/// two: the windows of a campaign comparison side by side).
public struct BarChart: Sendable {
    /// Title in each language.
    public var title: Phrase
    /// The names of the groups, in the order of each row's values (a legend names them; none when empty).
    public var groups: [Phrase]
    /// Rows: the entity's name and a value per group (nil: none).
    public var bars: [(label: Phrase, values: [Double?])]
    /// The scale's maximum (e.g. 1000 for DTI), if any: the axis runs to it.
    public var maximum: Double?
    /// The unit of the values, if known.
    public var unit: Indicator.Unit?

    /// A bar chart.
    public init(title: Phrase, groups: [Phrase] = [], bars: [(label: Phrase, values: [Double?])], maximum: Double?, unit: Indicator.Unit? = nil) {
        self.title = title
        self.groups = groups
        self.bars = bars
        self.maximum = maximum
        self.unit = unit
    }

    /// A chart of one value per row, with the same words in both languages.
    public init(title: String, bars: [(label: String, value: Double)], maximum: Double?) {
        self.init(title: Phrase(vi: title, en: title), bars: bars.map { (Phrase(vi: $0.label, en: $0.label), [$0.value]) }, maximum: maximum)
    }
}

/// The words of the charts.
extension Words {
    /// The legend's words for the observed points.
    static let chartObserved = Phrase(vi: "Số liệu thực tế", en: "Observed")
    /// … for the median path.
    static let chartMedian = Phrase(vi: "Dự báo (trung vị)", en: "Projection (median)")
    /// … for a band.
    static func chartBand(_ level: Int) -> Phrase { Phrase(vi: "Khoảng \(level) %", en: "\(level)% interval") }
    /// The note when a table shows the charts of its first rows only: "Biểu đồ của 8 dòng đầu trong 60 dòng."
    static func chartsShown(_ shown: Int, of all: Int) -> Phrase {
        func n(_ v: Int, _ l: Language) -> String { NumberText.plain(Double(v), decimals: 0, l) }
        return Phrase(vi: "Biểu đồ của \(n(shown, .vi)) dòng đầu trong \(n(all, .vi)) dòng.", en: "Charts of the first \(n(shown, .en)) of \(n(all, .en)) rows.")
    }
    /// … for the target marker.
    static let chartTarget = Phrase(vi: "Mục tiêu", en: "Target")
    /// … for the lines of small multiples (every panel on one axis).
    static let chartSharedAxis = Phrase(vi: "Diễn biến, cùng một trục cho mọi đơn vị", en: "Over time, one axis for all")

    /// The axis' unit line: "Đơn vị: %" / "Unit: %", "Đơn vị: hồ sơ" (a count's noun, ``ValueStyle/unitWords``),
    /// with a scale's maximum: "Đơn vị: điểm (tối đa 1.000)".
    static func chartUnit(_ unit: Phrase, percent: Bool, maximum: Double?) -> Phrase {
        func line(_ l: Language) -> String {
            let head = (l == .vi ? "Đơn vị: " : "Unit: ") + unit.text(l)
            guard let maximum, !percent || maximum != 100 else { return head }
            return head + (l == .vi ? " (tối đa " : " (maximum ") + NumberText.plain(maximum, decimals: ValueStyle.decimalsWritten(maximum), l) + ")"
        }
        return Phrase(vi: line(.vi), en: line(.en))
    }

    /// The target marker's label, the target as written: "Mục tiêu 2025: ≥ 80 %" / "Target 2025: ≥ 80%".
    static func chartTargetLabel(_ target: FanChart.TargetMark, style: ValueStyle?) -> Phrase {
        func line(_ l: Language) -> String {
            let comparator = target.comparator.map { Words.comparator($0).text(l) + " " } ?? ""
            let value = style.map { $0.target(target.value, l) }
                ?? NumberText.plain(target.value, decimals: ValueStyle.decimalsWritten(target.value), l)
            return "\(chartTarget.text(l)) \(target.year): \(comparator)\(value)"
        }
        return Phrase(vi: line(.vi), en: line(.en))
    }

    /// The note under a fan chart whose bands the axis cuts, in the chart's style: "Khoảng 95 % vượt
    /// ngoài biểu đồ (tới 3.657.242 hồ sơ)".
    static func chartBandsCut(levels: [Int], low: Double?, high: Double?, style: ValueStyle?) -> Phrase {
        func line(_ l: Language) -> String {
            func v(_ x: Double) -> String { style.map { $0.text(x, l) } ?? NumberText.plain(x, decimals: 1, l) }
            let names = levels.map { l == .vi ? "\($0) %" : "\($0)%" }.joined(separator: l == .vi ? " và " : " and ")
            let head = l == .vi ? "Khoảng \(names) vượt ngoài biểu đồ" : "\(names) \(levels.count > 1 ? "bands run" : "band runs") off the chart"
            switch (low, high) {
            case let (lo?, hi?): return head + (l == .vi ? " (từ \(v(lo)) tới \(v(hi)))" : " (\(v(lo)) to \(v(hi)))")
            case let (lo?, nil): return head + (l == .vi ? " (xuống \(v(lo)))" : " (down to \(v(lo)))")
            case let (nil, hi?): return head + (l == .vi ? " (tới \(v(hi)))" : " (up to \(v(hi)))")
            case (nil, nil): return head
            }
        }
        return Phrase(vi: line(.vi), en: line(.en))
    }
}
