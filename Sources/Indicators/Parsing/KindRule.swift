import Foundation

/// Why a column of a planner's table has the kind it has (``KindRule``).
public enum KindReason: Sendable, Equatable {
    /// The kind was given (`--kind`, or a dataset's `kind` column).
    case given
    /// Every value has its successes and trials (numerator and denominator columns): a share.
    case counts
    /// The table says the value is a share (0–100 %, or 0–1000 ‰ for per-mille signs).
    case share(ShareEvidence)
    /// A word of the indicator's name, the value column's header or the unit says the kind
    /// (`hạng` a rank, `điểm` a score, `đồng` an amount, `số` a count); the word as written in the rule.
    case word(String)
    /// Nothing says what the value is and no value is below 0: a count.
    case noEvidence
    /// Nothing says what the value is and a value is below 0 (a count never is): an unbounded score.
    case negativeValues
}

/// The kind a column gets, why, and the unit and bounds that go with it.
public struct KindDecision: Sendable, Equatable {
    /// The kind.
    public var kind: Indicator.Kind
    /// Why.
    public var reason: KindReason
    /// The unit of the kind (percent for a share, …).
    public var unit: Indicator.Unit
    /// The kind's lower bound (0 for shares, counts and amounts; 1 for ranks; none for scores).
    public var lower: Double?
    /// The kind's upper bound (100 for a share, 1000 for a per-mille share; none otherwise).
    public var upper: Double?

    /// The decision for `kind` (its unit and bounds), for `reason`; `perMille` makes a share's upper bound 1000.
    public init(_ kind: Indicator.Kind, reason: KindReason, perMille: Bool = false) {
        self.kind = kind
        self.reason = reason
        switch kind {
        case .share: unit = .percent
        case .count: unit = .count
        case .score: unit = .score
        case .rank: unit = .rank
        case .amount: unit = .vnd
        }
        lower = kind == .rank ? 1 : (kind == .score ? nil : 0)
        upper = kind == .share ? (perMille ? 1000 : 100) : nil
    }
}

/// The one rule that decides the kind of a planner's column that no `kind` labels: every command
/// that reads a table (`data import`, `data validate`, `forecast FILE`, `gaps`, `report` and
/// `compare` with `--data FILE`) asks it, through ``PlannerTable/read(_:layout:columns:format:measure:)``,
/// so the same column gets the same kind everywhere.
///
/// In order, the first that applies:
/// 1. every value has a numerator and a denominator (columns `Tử số` and `Mẫu số`): a share;
/// 2. the table says percent (``ShareEvidence``): `%`, `tỷ lệ`, `rate` … in the value column's
///    header, the unit or the indicator's name, or `%` (`‰`) after every value: a share of 100 (1000);
/// 3. a whole word of the indicator's name, the value column's header or the unit (``word(texts:)``):
///    `xếp hạng`/`hạng`/`rank` a rank; a name starting with `Số` a count; `chỉ số`/`điểm`/`score`
///    a score; `triệu đồng`/`VND` an amount; `số`/`số lượng`/`count` a count;
/// 4. else the values decide: a value below 0 makes an unbounded score (a count is never
///    negative), otherwise a count.
public enum KindRule {
    /// The texts as whole words: lower case, composed, every run of other characters one space, with a
    /// space at each end, so that a word or phrase is found only whole (`" tỷ lệ "`, never "rate" in
    /// "corporate" or "đồng" in "cộng đồng" when that is excluded).
    static func words(_ texts: [String]) -> String {
        " " + texts.map { PlannerTable.normalised($0).split { !($0.isLetter || $0.isNumber) }.joined(separator: " ") }
            .joined(separator: " ") + " "
    }

    /// Whether the whole words `w` hold `phrase` (one or more words).
    static func has(_ w: String, _ phrase: String) -> Bool { w.contains(" " + phrase + " ") }

    /// The kind a word of rule 3 gives, and the word, if any: tried in the order rank, count written
    /// first ("Số …", "Số lượng …": a count, even of "điểm" in the sense of places), score, amount,
    /// count. Phrases where the word means something else are left out: "hạng mục" (an item), "địa
    /// điểm" (a place), "cộng đồng" and "hội đồng" (community, council; "đồng" is the currency only
    /// as "triệu đồng", "tỷ đồng", "nghìn đồng" or a unit written "đồng").
    public static func word(texts: [String]) -> (kind: Indicator.Kind, word: String)? {
        let w = words(texts)
        for phrase in ["xếp hạng", "thứ hạng", "rank", "ranking"] where has(w, phrase) { return (.rank, phrase) }
        if has(w, "hạng"), !has(w, "hạng mục") { return (.rank, "hạng") }
        if let first = texts.first(where: { !$0.isEmpty }), words([first]).hasPrefix(" số ") { return (.count, "số") }
        for phrase in ["chỉ số", "score", "index"] where has(w, phrase) { return (.score, phrase) }
        if has(w, "điểm"), !has(w, "địa điểm") { return (.score, "điểm") }
        for phrase in ["vnd", "vnđ", "triệu đồng", "tỷ đồng", "nghìn đồng", "ngàn đồng"] where has(w, phrase) { return (.amount, phrase) }
        if texts.contains(where: { words([$0]) == " đồng " }) { return (.amount, "đồng") }
        for phrase in ["số", "số lượng", "count", "number"] where has(w, phrase) { return (.count, phrase) }
        return nil
    }

    /// The kind of a column.
    ///
    /// - Parameters:
    ///   - texts: the indicator's name, the value column's header and the unit (any may be empty).
    ///   - share: what in the table says percent, if anything (``PlannerTable`` finds it).
    ///   - counts: every value has a numerator and a denominator.
    ///   - values: the values.
    public static func decide(texts: [String], share: ShareEvidence?, counts: Bool, values: some Sequence<Double>) -> KindDecision {
        if counts { return KindDecision(.share, reason: .counts) }
        if let share { return KindDecision(.share, reason: .share(share), perMille: share == .perMilleSigns) }
        if let (kind, word) = word(texts: texts) { return KindDecision(kind, reason: .word(word)) }
        if values.contains(where: { $0 < 0 }) { return KindDecision(.score, reason: .negativeValues) }
        return KindDecision(.count, reason: .noEvidence)
    }

    /// Whether `text` says percent (rule 2): a `%` sign, or the whole words `tỷ lệ`, `tỉ lệ`, `ty le`,
    /// `phần trăm`, `rate`, `share`, `percent` or `percentage`.
    public static func saysPercent(_ text: String) -> Bool {
        if text.contains("%") { return true }
        let w = words([text])
        return ["tỷ lệ", "tỉ lệ", "ty le", "ti le", "phần trăm", "rate", "share", "percent", "percentage"].contains { has(w, $0) }
    }
}
