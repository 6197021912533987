import Foundation

/// Tables as provincial reports lay them out, read as they are: what lies around the table proper.
///
/// - Title and subtitle rows above the header (one non-empty cell, or one merged title), such as
///   "BÁO CÁO KẾT QUẢ …" and "(Kèm theo Báo cáo số 123/BC-UBND …)", and blank rows before the
///   header, are skipped: the header is the first row with at least two non-empty cells.
/// - A two-row header where the upper row's period spans sub-columns ("Năm 2024" over
///   "Kế hoạch | Thực hiện"): the observed sub-column (``Role/observed``: `Thực hiện`, `TH`,
///   `Ước thực hiện`, `Kết quả`) is read as the period's value, the plan sub-column
///   (``Role/plan``: `Kế hoạch`, `KH`, `Mục tiêu`, `Chỉ tiêu`) as a plan for that period.
/// - Footnotes below the table (after a blank row, a row whose one cell starts with `Ghi chú:`,
///   `Nguồn:`, `Chú thích`, `(1)`, `*`) end it.
/// - Totals rows (`Tổng`, `Tổng cộng`, `Toàn tỉnh`, `Cộng`) are told by ``isTotal(_:)``.
///
/// What was skipped is kept as ``Note``s with their cells (``CSVTable/layoutNotes``).
public enum ReportLayout {
    /// What a sub-column under a period holds.
    public enum Role: Sendable, Equatable {
        /// The value observed (`Thực hiện`, `TH`, `Ước thực hiện`, `Kết quả`).
        case observed
        /// A plan or target for the period (`Kế hoạch`, `KH`, `Mục tiêu`, `Chỉ tiêu`).
        case plan
    }

    /// Something of a report's layout that is not data, with where it is.
    public enum Note: Sendable, Equatable {
        /// A title or subtitle row above the header (its text), skipped.
        case titleRow(SourcePosition, text: String)
        /// Footnotes below the table, from this row on (the first one's text), skipped.
        case footnotes(SourcePosition, text: String)
        /// A column of the template's or a targets sheet that is none of its columns (`STT`,
        /// `Ghi chú` on a sheet without notes), ignored.
        case ignoredColumn(SourcePosition, header: String)
        /// A plan sub-column (`Kế hoạch` under `Năm 2024`): its period and what became of it
        /// (targets, when `targets` is true).
        case planColumn(SourcePosition, header: String, period: String, targets: Bool)
        /// A totals row (`Tổng cộng`), read as the entity above the table's entities.
        case totalsRow(SourcePosition, text: String, entity: String)
        /// A totals row in a table of indicators (no entity column), left out.
        case totalsRowLeftOut(SourcePosition, text: String)

        /// Where the note points.
        public var position: SourcePosition {
            switch self {
            case let .titleRow(p, _), let .footnotes(p, _), let .ignoredColumn(p, _), let .planColumn(p, _, _, _),
                 let .totalsRow(p, _, _), let .totalsRowLeftOut(p, _): p
            }
        }
    }

    /// How many rows above the header may be titles, subtitles and blank rows.
    static let titleRowLimit = 12

    /// The role a sub-column header names, if any (compared by ``NameKey``).
    public static func role(_ header: String) -> Role? {
        switch NameKey.of(header) {
        case "thuchien", "th", "uocthuchien", "uocth", "uoc", "ketqua", "thuchiennam", "sothuchien", "actual", "observed":
            .observed
        case "kehoach", "kh", "muctieu", "chitieu", "chitieukehoach", "kehoachnam", "plan", "target":
            .plan
        default:
            nil
        }
    }

    /// Whether a label is a totals row's (`Tổng`, `Tổng cộng`, `Tổng số`, `Toàn tỉnh`, `Cộng`,
    /// `Total`), compared by ``NameKey``.
    public static func isTotal(_ text: String) -> Bool { isTotal(key: NameKey.of(text)) }

    /// ``isTotal(_:)`` for a label whose ``NameKey`` is `key` (a column's labels repeat: key each once).
    static func isTotal(key: String) -> Bool {
        ["tong", "tongcong", "tongso", "toantinh", "cong", "total", "cong toan tinh", "congtoantinh", "tongtoantinh"].contains(key)
    }

    /// Whether a totals label names the province itself (`Toàn tỉnh`).
    static func namesProvince(_ text: String) -> Bool {
        ["toantinh", "congtoantinh", "tongtoantinh"].contains(NameKey.of(text))
    }

    /// Whether a row's one cell reads as the start of footnotes: `Ghi chú:`, `Chú thích`, `Nguồn:`,
    /// `Nguồn số liệu`, `Note`, `Source`, `(1)`, `1/` or `*`.
    public static func isFootnote(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let first = t.first else { return false }
        if first == "*" || first == "(" && t.dropFirst().first?.isNumber == true { return true }
        let lowered = t.lowercased().precomposedStringWithCanonicalMapping
        let digits = lowered.prefix { $0.isNumber }
        if !digits.isEmpty, let after = lowered.dropFirst(digits.count).first, after == "/" || after == ")" { return true }
        let key = NameKey.of(String(lowered.prefix(24)))
        return ["ghichu", "chuthich", "nguon", "note", "source"].contains { key.hasPrefix($0) }
    }

    /// The header of a column of a two-row header, from its upper text (a merged group heading,
    /// filled across its range) and its lower text: the period when one of the two is a period and
    /// the other a sub-column role (``role(_:)``), with that role; the upper text when the lower
    /// one is empty or the same (a cell merged down); else the lower text (a group heading such as
    /// `Năm` over the years).
    static func combine(upper: String, lower: String) -> (header: String, plan: Period?) {
        let u = upper.trimmingCharacters(in: .whitespaces), l = lower.trimmingCharacters(in: .whitespaces)
        if l.isEmpty || l == u { return (u, nil) }
        if u.isEmpty { return (l, nil) }
        for (periodText, roleText) in [(u, l), (l, u)] {
            guard let role = role(roleText), let period = try? Period(parsing: periodText) else { continue }
            switch role {
            case .observed: return (periodText, nil)
            case .plan: return ("\(roleText) \(periodText)", period)
            }
        }
        return (l, nil)
    }
}

extension ReportLayout {
    /// A delimited text's two-row header, when the row under the header holds only sub-column roles
    /// (``role(_:)``: `Kế hoạch`, `Thực hiện`, `KH`, `TH`) and empty cells, under at least one period:
    /// each role column's group is the nearest header text at or left of it (a merged cell saved as
    /// text leaves the cells it spanned empty), combined by ``combine(upper:lower:)``. Nil otherwise.
    static func subheader(header: [String], lower: [String]) -> (header: [String], plans: [Int: Period])? {
        let roles = lower.map { $0.trimmingCharacters(in: .whitespaces) }
        guard roles.count == header.count, roles.contains(where: { !$0.isEmpty }),
              roles.allSatisfy({ $0.isEmpty || role($0) != nil }) else { return nil }
        var out = header, plans: [Int: Period] = [:], group = "", periods = 0
        for j in header.indices {
            let own = header[j].trimmingCharacters(in: .whitespaces)
            if !own.isEmpty { group = own }
            let upper = own.isEmpty && !roles[j].isEmpty ? group : own
            if !roles[j].isEmpty, (try? Period(parsing: upper)) != nil { periods += 1 }
            let (text, plan) = combine(upper: upper, lower: roles[j])
            out[j] = text
            if let plan { plans[j] = plan }
        }
        return periods > 0 ? (out, plans) : nil
    }
}

extension CSVTable {
    /// Where the header of delimited text starts, skipping title and subtitle records (at most one
    /// non-empty field) and blank ones before it: the byte offset and line of the first record with
    /// two or more non-empty fields, when one comes within ``ReportLayout/titleRowLimit`` records;
    /// else nil (a table of one column, or another delimiter). The skipped records' texts are
    /// returned with their lines.
    static func headerStart(_ b: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8) -> (offset: Int, line: Int, titles: [(line: Int, text: String)])? {
        var i = start, line = 1
        var titles: [(line: Int, text: String)] = []
        for _ in 0...ReportLayout.titleRowLimit {
            guard i < b.count else { break }
            let recordStart = i, recordLine = line
            var texts: [String] = [], field: [UInt8] = [], inQuotes = false
            func flush() {
                let t = String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { texts.append(t) }
                field.removeAll()
            }
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    if inQuotes, i + 1 < b.count, b[i + 1] == c { field.append(c); i += 2; continue }
                    inQuotes.toggle()
                } else if !inQuotes, c == delimiter {
                    flush()
                } else if !inQuotes, c == 0x0A || c == 0x0D {
                    if c == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A { i += 1 }
                    i += 1
                    line += 1
                    break
                } else {
                    if c == 0x0A || (c == 0x0D && !(i + 1 < b.count && b[i + 1] == 0x0A)) { line += 1 }
                    field.append(c)
                }
                i += 1
            }
            flush()
            if texts.count >= 2 { return (recordStart, recordLine, titles) }
            if let t = texts.first { titles.append((recordLine, t)) }
        }
        return nil
    }
}

extension ReportLayout.Note: CustomStringConvertible {
    /// The note in English (without its position).
    public var description: String {
        switch self {
        case let .titleRow(_, text): "title row \"\(text)\" above the table, skipped"
        case let .footnotes(_, text): "footnotes below the table (\"\(text)\" …), skipped"
        case let .ignoredColumn(_, header): "column \"\(header)\" is not one that is read, ignored"
        case let .planColumn(_, header, period, targets):
            "column \"\(header)\" is the plan for \(period)" + (targets ? ": read as targets (≥, or ≤ when lower is better)" : ", not an observation: ignored")
        case let .totalsRow(_, text, entity): "totals row \"\(text)\" read as \(entity), the entity above the table's others"
        case let .totalsRowLeftOut(_, text): "totals row \"\(text)\" left out (the table has no entity column)"
        }
    }
}
