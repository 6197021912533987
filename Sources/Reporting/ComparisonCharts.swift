import Indicators

/// Data of a sorted dot chart: the entities of one group compared on one indicator, one row per
/// entity in the comparison's order (best first), each with a dot at its value in the compared
/// period and, when it has one, its projection's median (a hollow mark) inside a line for the 80 %
/// range; the parent's figure and the target are vertical lines across the rows. A rank runs on an
/// inverted axis (rank 1 at the right), so that further right is better for every indicator whose
/// direction is up or that is a rank.
public struct DotChart: Sendable {
    /// A row's projection: its year, median and 80 % range.
    public struct Projected: Sendable, Equatable {
        /// The year projected to.
        public var year: Int
        /// The median.
        public var median: Double
        /// The 80 % range's ends (nil: no range).
        public var lower: Double?, upper: Double?

        /// A projection.
        public init(year: Int, median: Double, lower: Double? = nil, upper: Double? = nil) {
            (self.year, self.median, self.lower, self.upper) = (year, median, lower, upper)
        }
    }

    /// One entity's row.
    public struct Row: Sendable, Equatable {
        /// The entity's name.
        public var label: Phrase
        /// Its value in the compared period.
        public var value: Double
        /// Its projection, if any.
        public var projection: Projected?

        /// A row.
        public init(label: Phrase, value: Double, projection: Projected? = nil) {
            (self.label, self.value, self.projection) = (label, value, projection)
        }
    }

    /// A vertical line across the rows at a value, named in the legend.
    public struct Reference: Sendable, Equatable {
        /// Where the line stands.
        public var value: Double
        /// The legend's words for it ("Số của tỉnh Minh Họa: 44,19 %", "Mục tiêu 2025: ≥ 50 %").
        public var label: Phrase

        /// A reference line.
        public init(value: Double, label: Phrase) {
            (self.value, self.label) = (value, label)
        }
    }

    /// The most rows drawn; beyond it the first and the last ``endsShown`` rows are drawn and a note says so.
    public static let maximumRows = 70
    /// The rows drawn at each end of a chart with more than ``maximumRows``.
    public static let endsShown = 30

    /// Title in each language.
    public var title: Phrase
    /// How the values are written (the unit line, the values beside the rows); a rank's axis is inverted.
    public var style: ValueStyle
    /// The compared period in words (the legend: "Giá trị năm 2024").
    public var period: Phrase
    /// The rows, best first.
    public var rows: [Row]
    /// The parent's figure (a dashed line), if any.
    public var parent: Reference?
    /// The target (a dotted line), if any.
    public var target: Reference?
    /// The indicator's bounds: the axis does not run past them unless a value does.
    public var lower: Double?, upper: Double?
    /// Lines under the chart (what was left out of it).
    public var notes: [Phrase]

    /// A dot chart.
    public init(title: Phrase, style: ValueStyle, period: Phrase, rows: [Row], parent: Reference? = nil, target: Reference? = nil,
                lower: Double? = nil, upper: Double? = nil, notes: [Phrase] = []) {
        self.title = title
        self.style = style
        self.period = period
        self.rows = rows
        self.parent = parent
        self.target = target
        self.lower = lower
        self.upper = upper
        self.notes = notes
    }

    /// The rows drawn: all of them up to ``maximumRows``, else the first and the last ``endsShown``
    /// (`bottom` empty when all are drawn).
    public var shownRows: (top: [Row], bottom: [Row]) { Self.ends(rows, maximum: Self.maximumRows, kept: Self.endsShown) }

    /// `items` whole up to `maximum`, else its first and last `kept`.
    static func ends<T>(_ items: [T], maximum: Int, kept: Int) -> (top: [T], bottom: [T]) {
        items.count <= maximum ? (items, []) : (Array(items.prefix(kept)), Array(items.suffix(kept)))
    }
}

/// Data of small multiples: one small line chart per entity (its history, a dot per observation),
/// all on one shared y axis (the same lowest and highest value in every panel; a rank inverted, rank
/// 1 at the top) and one shared span of years, in the comparison's order (best first). Up to
/// ``maximumPanels`` entities are drawn; beyond that the first and last ``endsShown``, with a note.
public struct SmallMultiples: Sendable {
    /// One entity's panel.
    public struct Panel: Sendable {
        /// The entity's name.
        public var label: Phrase
        /// Its place in the comparison (written before the name), if ranked.
        public var rank: Int?
        /// Its observations, oldest first (time in decimal years).
        public var history: [(t: Double, value: Double)]

        /// A panel.
        public init(label: Phrase, rank: Int? = nil, history: [(t: Double, value: Double)]) {
            (self.label, self.rank, self.history) = (label, rank, history)
        }
    }

    /// The most panels drawn.
    public static let maximumPanels = 30
    /// The panels drawn at each end when there are more than ``maximumPanels``.
    public static let endsShown = 10

    /// Title in each language.
    public var title: Phrase
    /// How the values are written (the unit line); a rank's axis is inverted.
    public var style: ValueStyle
    /// The panels, best first.
    public var panels: [Panel]
    /// The indicator's bounds: the axis does not run past them unless a value does.
    public var lower: Double?, upper: Double?
    /// Lines under the chart (what was left out of it).
    public var notes: [Phrase]

    /// Small multiples.
    public init(title: Phrase, style: ValueStyle, panels: [Panel], lower: Double? = nil, upper: Double? = nil, notes: [Phrase] = []) {
        self.title = title
        self.style = style
        self.panels = panels
        self.lower = lower
        self.upper = upper
        self.notes = notes
    }

    /// The panels drawn: all of them up to ``maximumPanels``, else the first and last ``endsShown``
    /// (`bottom` empty when all are drawn).
    public var shownPanels: (top: [Panel], bottom: [Panel]) { DotChart.ends(panels, maximum: Self.maximumPanels, kept: Self.endsShown) }
}

/// The words of the comparison's charts.
extension Words {
    /// The legend's words for the values: "Giá trị năm 2024" / "Value 2024".
    static func chartValue(_ period: Phrase) -> Phrase { Phrase(vi: "Giá trị \(period.vi)", en: "Value \(period.en)") }

    /// The legend's words for the projections: "Dự báo 2025 và khoảng 80 %" / "Projection 2025 with
    /// 80% range"; of several years "Dự báo năm mục tiêu …" / "Projection at target year …".
    static func chartProjection(years: Set<Int>, ranges: Bool) -> Phrase {
        let year = years.count == 1 ? years.first : nil
        let vi = year.map { "Dự báo \($0)" } ?? "Dự báo năm mục tiêu", en = year.map { "Projection \($0)" } ?? "Projection at target year"
        return ranges ? Phrase(vi: vi + " và khoảng 80 %", en: en + " with 80% range") : Phrase(vi: vi, en: en)
    }

    /// The unit line of a rank's axis.
    static let chartRankUnit = Phrase(vi: "Hạng (1 là tốt nhất)", en: "Rank (1 is best)")

    /// The note under a chart of the ends only: "10 đơn vị đầu và 10 đơn vị cuối trong 700" /
    /// "Top 10 and bottom 10 of 700".
    static func chartEnds(_ kept: Int, of total: Int) -> Phrase {
        let n = { (l: Language) in NumberText.plain(Double(total), decimals: 0, l) }
        return Phrase(vi: "\(kept) đơn vị đầu và \(kept) đơn vị cuối trong \(n(.vi))", en: "Top \(kept) and bottom \(kept) of \(n(.en))")
    }
}
