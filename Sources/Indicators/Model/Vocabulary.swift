/// The words a cell may hold where a dataset takes one of a few values (an indicator's unit,
/// kind, direction and measure, an entity's level, a target's comparator): the one vocabulary of
/// the template's drop-down lists and of every reader (workbook sheets and dataset folders alike).
///
/// Vietnamese words come first; the dataset's English codes (`share`, `province`, `>=`) are
/// accepted too. Words are matched as ``NameKey`` matches names, ignoring letter case, Vietnamese
/// marks, spacing and punctuation ("Tỷ lệ", "tỷ lệ", "ty le", "TỶ LỆ" are one word); a word with no
/// letter or digit ("%", "≥") is matched as written, spaces aside.
///
/// ```swift
/// Vocabulary.kind.value("tỷ lệ")      // .share
/// Vocabulary.level.value("Huyện")     // .district
/// Vocabulary.kind.dropDown            // ["tỷ lệ", "số lượng", "điểm", "hạng", "số tiền"]
/// ```
public enum Vocabulary {
    /// The words of one column: each value with the words that mean it.
    public struct Choices<Value: RawRepresentable & Hashable & Sendable>: Sendable where Value.RawValue == String {
        /// A value and its Vietnamese words (the first is the one the template's drop-down list shows).
        public struct Entry: Sendable {
            /// The value.
            public let value: Value
            /// Its words, the drop-down's first.
            public let words: [String]
        }

        /// The values in drop-down order, with their words.
        public let entries: [Entry]
        /// Extra drop-down words after each value's own (for units: common count nouns).
        public let moreDropDown: [String]
        /// Each word's key (``Vocabulary/key(_:)``), codes included, → its value.
        private let index: [String: Value]

        /// Choices from `entries` (value, words); the English code of each value is accepted too.
        init(_ entries: [(Value, [String])], moreDropDown: [String] = []) {
            self.entries = entries.map { Entry(value: $0.0, words: $0.1) }
            self.moreDropDown = moreDropDown
            var index: [String: Value] = [:]
            for (value, words) in entries {
                for word in words + [value.rawValue] { index[Vocabulary.key(word)] = value }
            }
            self.index = index
        }

        /// The value `text` names (a Vietnamese word or the English code), or nil.
        public func value(_ text: String) -> Value? { index[Vocabulary.key(text)] }

        /// The Vietnamese word of `value` (the drop-down's).
        public func word(_ value: Value) -> String {
            entries.first { $0.value == value }?.words.first ?? value.rawValue
        }

        /// The template's drop-down list: one Vietnamese word per value, then ``moreDropDown``.
        public var dropDown: [String] { entries.compactMap(\.words.first) + moreDropDown }

        /// The English codes, in drop-down order.
        public var codes: [String] { entries.map(\.value.rawValue) }
    }

    /// The key a word is looked up by: its ``NameKey``, or, for a word without letters or digits
    /// ("%", "≥"), the word lowercased without spaces.
    public static func key(_ text: String) -> String {
        let k = NameKey.of(text)
        return k.isEmpty ? String(PlannerTable.normalised(text).filter { !$0.isWhitespace }) : k
    }

    /// Units (*Đơn vị tính*). A count may also be given by its noun (`hồ sơ`, ``unit(_:kind:)``).
    public static let unit = Choices<Indicator.Unit>([
        (.percent, ["%", "phần trăm", "tỷ lệ %", "tỉ lệ %"]),
        (.count, ["số lượng", "số đếm", "cái"]),
        (.score, ["điểm", "điểm số"]),
        (.rank, ["hạng", "thứ hạng", "xếp hạng"]),
        (.vnd, ["đồng", "vnđ", "việt nam đồng"]),
    ], moreDropDown: ["hồ sơ", "dịch vụ", "thủ tục", "doanh nghiệp", "người", "hộ", "triệu đồng", "tỷ đồng"])

    /// Kinds (*Loại*).
    public static let kind = Choices<Indicator.Kind>([
        (.share, ["tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng"]),
        (.count, ["số lượng", "số đếm"]),
        (.score, ["điểm", "điểm số", "chỉ số"]),
        (.rank, ["hạng", "thứ hạng", "xếp hạng"]),
        (.amount, ["số tiền", "giá trị", "tiền"]),
    ])

    /// Which way is better (*Chiều tốt*).
    public static let direction = Choices<Indicator.Direction>([
        (.up, ["tăng", "tăng là tốt", "càng cao càng tốt", "cao là tốt"]),
        (.down, ["giảm", "giảm là tốt", "càng thấp càng tốt", "thấp là tốt"]),
    ])

    /// Stock or flow (*Cách đo*): the statistical words *chỉ tiêu thời kỳ* (over a period) and
    /// *chỉ tiêu thời điểm* (at a date).
    public static let measure = Choices<Indicator.Measure>([
        (.flow, ["thời kỳ", "trong kỳ", "cả kỳ", "chỉ tiêu thời kỳ"]),
        (.stock, ["thời điểm", "tại thời điểm", "cuối kỳ", "chỉ tiêu thời điểm"]),
    ])

    /// Levels (*Cấp*). The data model has no commune level: `xã` is not a level.
    public static let level = Choices<Entity.Level>([
        (.province, ["tỉnh", "cấp tỉnh", "thành phố trực thuộc trung ương"]),
        (.district, ["huyện", "cấp huyện", "quận", "thị xã", "thành phố thuộc tỉnh"]),
        (.department, ["sở/ngành", "sở, ngành", "ban ngành", "cơ quan"]),
    ])

    /// Comparators (*So sánh*).
    public static let comparator = Choices<Target.Comparator>([
        (.atLeast, ["≥", "tối thiểu", "ít nhất", "trở lên", "không thấp hơn", "không dưới"]),
        (.atMost, ["≤", "tối đa", "không quá", "trở xuống", "không vượt", "không cao hơn"]),
    ])

    /// The drop-down list of a dataset column (`unit`, `kind`, `direction`, `measure`, `level`,
    /// `comparator`), or nil for a column of free text.
    public static func dropDown(column: String) -> [String]? {
        switch column {
        case "unit": unit.dropDown
        case "kind": kind.dropDown
        case "direction": direction.dropDown
        case "measure": measure.dropDown
        case "level": level.dropDown
        case "comparator": comparator.dropDown
        default: nil
        }
    }

    /// Whether a column's drop-down list also takes other words (units: any count noun).
    public static func isOpen(column: String) -> Bool { column == "unit" }

    /// Multiples of the đồng that are units of their own ("triệu đồng"): the amount is in them.
    static let moneyWords = ["nghìn đồng", "ngàn đồng", "triệu đồng", "tỷ đồng", "tỉ đồng"]

    /// The unit `text` names, with the noun reports write after its numbers: a unit word
    /// (`%`, `điểm`: no noun), a multiple of the đồng (`triệu đồng`: money, in millions), or, for an
    /// indicator of kind count, any other short text with a letter (`hồ sơ`, `doanh nghiệp`: a count
    /// of them). Nil when `text` is none of these (a noun for a share is refused, not guessed).
    public static func unit(_ text: String, kind: Indicator.Kind?) -> (unit: Indicator.Unit, noun: String?)? {
        if let u = unit.value(text) { return (u, nil) }
        let key = Self.key(text)
        if let money = moneyWords.first(where: { Self.key($0) == key }) { return (.vnd, money) }
        let trimmed = PlannerTable.normalised(text)
        guard kind == .count, !NameKey.of(trimmed).isEmpty, trimmed.count <= 40,
              trimmed.unicodeScalars.allSatisfy({ !$0.properties.isNoncharacterCodePoint && $0.value >= 0x20 }) else { return nil }
        return (.count, trimmed)
    }
}
