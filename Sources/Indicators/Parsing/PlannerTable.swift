import Foundation

/// How a planner's table is laid out.
public enum TableLayout: String, Sendable, CaseIterable {
    /// Wide when at least two column headers are periods (`2021`, `Năm 2022`, `6 tháng đầu năm
    /// 2024`) and no time or value column is named; else long.
    case auto
    /// One row per observation: a column of periods and a column of values (and any columns that
    /// tell series apart: district, indicator).
    case long
    /// One row per series (an indicator, a district, or both), one column per period.
    case wide
}

/// One observation read from a planner's table, with the cell its value came from.
public struct TablePoint: Sendable, Equatable {
    /// The period, or nil when the table gives decimal times.
    public var period: Period?
    /// The decimal time as written, for a table of decimal times.
    public var decimalTime: Double?
    /// The value.
    public var value: Double
    /// Successes behind a share, when the table has them.
    public var numerator: Double?
    /// Trials behind a share, when the table has them.
    public var denominator: Double?
    /// The value's cell.
    public var position: SourcePosition

    /// The decimal time of the point (``Period/time(measure:)``, or the decimal time as written).
    public func time(measure: Indicator.Measure) -> Double {
        decimalTime ?? period?.time(measure: measure) ?? .nan
    }
}

/// What in a table says a series is a share (0–100 %) or a per-mille rate.
public enum ShareEvidence: Sendable, Equatable {
    /// The value column's header (`Tỷ lệ (%)`, `rate`).
    case header(String)
    /// The row's unit cell (`%`).
    case unit(String)
    /// The row's label (an indicator named `Tỷ lệ hồ sơ trực tuyến`).
    case label(String)
    /// Every value is written with `%`.
    case percentSigns
    /// Every value is written with `‰` (a share of 1000).
    case perMilleSigns
}

/// One series of a planner's table: the texts that name it and its points, oldest first.
public struct TableSeries: Sendable {
    /// The series' text in each label column (district, indicator, …), in column order.
    public var labels: [(column: String, text: String)]
    /// The row's unit cell, when the table has a unit column.
    public var unit: String?
    /// The points, oldest first (no two at the same time).
    public var points: [TablePoint]
    /// Where the series starts (its row in a wide table, its first row in a long one).
    public var position: SourcePosition
    /// What says the series is a share, if anything does.
    public var shareEvidence: ShareEvidence?
    /// The series' cells that said "no value" (``CSVTable/isMissing(_:)``), left out.
    public var missing: [SourcePosition] = []
    /// The plan values of a report's plan sub-columns (`Kế hoạch` under `Năm 2024`:
    /// ``CSVTable/planColumns``), oldest first; not observations.
    public var plans: [TablePoint] = []

    /// The name of the series' indicator: its text in the indicator column (headed `Chỉ tiêu`, `Chỉ số`, `Indicator` …),
    /// else the value column's header (a long table), else the sheet's or the file's name.
    public var indicator: String = ""
    /// The kind of the series' indicator (``KindRule``, decided once for all the series of the
    /// indicator in the table).
    public var kind = KindDecision(.count, reason: .noEvidence)

    /// The labels joined by " · " (or empty for a table of one unlabelled series).
    public var name: String { labels.map(\.text).joined(separator: " · ") }
}

/// A planner's table read as series: long or wide, rows in any order, missing-value markers left
/// out (and listed), numbers in the Vietnamese or English convention (``NumberFormat``).
///
/// Columns are recognised by their headers (Vietnamese or English, ignoring case):
/// - the period column of a long table: `Năm`, `Kỳ`, `Thời gian`, `Year`, `Period`, `Time`, `Date`…;
/// - a unit column: `Đơn vị tính`, `ĐVT`, `Unit`;
/// - columns that never name a series: `STT`, `TT`, `Ghi chú`, `Nguồn`, `Note`, `Source`;
/// - every other column that holds text (not numbers) is a label column: its text tells series
///   apart (a district, an indicator).
public struct PlannerTable: Sendable {
    /// The columns a long table is read from; nil ones are found from the headers.
    public struct Columns: Sendable {
        /// The period (or decimal-time) column.
        public var time: String?
        /// The value column.
        public var value: String?
        /// Successes behind a share.
        public var numerator: String?
        /// Trials behind a share.
        public var denominator: String?
        /// The time column holds decimal times, used as they are.
        public var decimalTime: Bool

        /// Columns to read (nil: found from the headers).
        public init(time: String? = nil, value: String? = nil, numerator: String? = nil, denominator: String? = nil, decimalTime: Bool = false) {
            self.time = time
            self.value = value
            self.numerator = numerator
            self.denominator = denominator
            self.decimalTime = decimalTime
        }
    }

    /// The file the table came from (with its sheet, if any), for messages.
    public var place: SourcePosition
    /// The layout the table was read in (`long` or `wide`, never `auto`).
    public var layout: TableLayout
    /// The label columns.
    public var labelColumns: [String]
    /// The value column's header (a long table).
    public var valueColumn: String?
    /// The series, in the order they first appear.
    public var series: [TableSeries]
    /// The cells that said "no value" (``CSVTable/isMissing(_:)``), left out, in every series
    /// (``TableSeries/missing`` has a series' own).
    public var missing: [SourcePosition]

    /// Header words of a long table's period column.
    static let timeHeaders: Set<String> = ["năm", "nam", "year", "years", "period", "kỳ", "ky", "kỳ báo cáo", "thời gian", "thoi gian",
                                           "time", "thời điểm", "thoi diem", "date", "ngày", "ngay", "giai đoạn"]
    /// Header words of a share's numerator column.
    static let numeratorHeaders: Set<String> = ["tử số", "tu so", "numerator"]
    /// Header words of a share's denominator column.
    static let denominatorHeaders: Set<String> = ["mẫu số", "mau so", "denominator"]
    /// Header words of a unit column.
    static let unitHeaders: Set<String> = ["đơn vị tính", "don vi tinh", "đvt", "dvt", "unit", "units"]
    /// Header words of columns that never name a series.
    static let ignoredHeaders: Set<String> = ["stt", "tt", "số tt", "so tt", "no", "no.", "#", "ghi chú", "ghi chu", "note", "notes",
                                              "nguồn", "nguon", "nguồn số liệu", "source", "sources"]

    /// The key a row's label is grouped and chosen by: its ``NameKey`` (`Đắk Lắk`, `Đăk Lăk`,
    /// `Dak Lak` and one with a zero-width space are one series), or its normalised text when it has
    /// no letter or digit.
    public static func labelKey(_ text: String) -> String {
        let k = NameKey.of(text)
        return k.isEmpty ? normalised(text) : k
    }

    /// `text` without spaces or tabs at either end (`trimmingCharacters(in: .whitespaces)`, skipped
    /// when neither end is blank: a label or unit cell almost never is).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The header as compared: NFC, lowercased, inner spaces collapsed, trimmed.
    public static func normalised(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Reads `table` as series.
    ///
    /// - Parameters:
    ///   - table: the table (a CSV file or a workbook sheet).
    ///   - layout: `auto` (default), `long` or `wide`.
    ///   - columns: a long table's columns (those not given are found from the headers).
    ///   - format: the number convention (nil: plain dot decimals).
    ///   - measure: flow or stock, to order the periods in time.
    /// - Throws: ``DatasetError`` naming the cell for a period or number that does not read, two
    ///   values for one series and time, two rows or columns for the same series or period, and a
    ///   long table whose columns cannot be told (naming the columns there are).
    public static func read(_ table: CSVTable, layout: TableLayout = .auto, columns: Columns = Columns(),
                            format: NumberFormat?, measure: Indicator.Measure = .flow) throws(DatasetError) -> PlannerTable {
        let periodColumns = table.header.indices.filter { table.planColumns[$0] == nil && (try? Period(parsing: table.header[$0])) != nil }
        let named = columns.time != nil || columns.value != nil
        let wide = layout == .wide || (layout == .auto && !named && periodColumns.count >= 2)
        var planner: PlannerTable
        if wide {
            guard !periodColumns.isEmpty else {
                throw .badLayout(table.position(nil, nil), problem: .noPeriodHeaders)
            }
            planner = try readWide(table, periodColumns: periodColumns, format: format, measure: measure)
        } else {
            planner = try readLong(table, columns: columns, format: format, measure: measure)
        }
        planner.decideKinds(fallbackName: table.sheet ?? (table.file as NSString).lastPathComponent)
        return planner
    }

    /// The role of each non-period, non-value column: unit, ignored, or label (a text column).
    static func labelColumns(_ table: CSVTable, excluding used: Set<Int>) -> (labels: [Int], unit: Int?) {
        var labels: [Int] = [], unit: Int?
        for j in table.header.indices where !used.contains(j) {
            let h = normalised(table.header[j])
            if unitHeaders.contains(h) { unit = unit ?? j; continue }
            if ignoredHeaders.contains(h) { continue }
            let text = (0..<table.rowCount).contains { r in
                let t = table.field(r, j)
                return table.number(r, j) == nil && !CSVTable.isMissing(t) && (try? NumberFormat.auto.parse(t)) == nil
            }
            if text { labels.append(j) }
        }
        return (labels, unit)
    }

    /// One row per series, one column per period.
    static func readWide(_ table: CSVTable, periodColumns: [Int], format: NumberFormat?, measure: Indicator.Measure) throws(DatasetError) -> PlannerTable {
        var periods: [Int: Period] = [:]
        for j in periodColumns {
            guard let p = try? Period(parsing: table.header[j]) else { continue }
            if let k = periods.first(where: { $0.value == p })?.key {
                throw .badLayout(table.position(nil, j), problem: .periodTwice(header: table.header[j], other: table.position(nil, k)))
            }
            periods[j] = p
        }
        let (labels, unit) = labelColumns(table, excluding: Set(periodColumns).union(table.planColumns.keys))
        var missing: [Int: [SourcePosition]] = [:], cells: [CSVTable.Cell] = [], rowsKept: [Int] = []
        for r in 0..<table.rowCount {
            let present = periodColumns.filter { table.number(r, $0) != nil || !CSVTable.isMissing(table.field(r, $0)) }
            // A row without a single value is a heading ("I. Cấp huyện"), not a series.
            guard !present.isEmpty else { continue }
            rowsKept.append(r)
            missing[r] = periodColumns.filter { !present.contains($0) }.map { table.position(r, $0) }
            cells += present.map { (r, $0) }
        }
        let first = periodColumns.first.map { table.header[$0] } ?? "", last = periodColumns.last.map { table.header[$0] } ?? ""
        let values = try table.numbers(cells, name: "\(first)…\(last)", format: format)
        var byRow: [Int: [(Int, Double)]] = [:]
        for (cell, v) in zip(cells, values) { byRow[cell.row, default: []].append((cell.column, v)) }
        let plans = try planPoints(table, rows: rowsKept, format: format, measure: measure)
        var series: [TableSeries] = [], seen: [String: Int] = [:]
        for r in rowsKept {
            let texts = labels.map { (column: table.header[$0], text: trimmed(table.field(r, $0))) }
            let key = texts.map { labelKey($0.text) }.joined(separator: "\u{1F}")
            if let other = seen[key] {
                throw .badLayout(table.position(r, nil), problem: .sameSeries(other: table.position(other, nil), labels: texts.map(\.text)))
            }
            seen[key] = r
            var points = (byRow[r] ?? []).compactMap { j, v in
                periods[j].map { TablePoint(period: $0, decimalTime: nil, value: v, numerator: nil, denominator: nil, position: table.position(r, j)) }
            }
            points.sort { $0.time(measure: measure) < $1.time(measure: measure) }
            let unitText = unit.map { trimmed(table.field(r, $0)) }
            let evidence = shareEvidence(header: nil, unit: unitText, labels: texts.map(\.text),
                                         texts: (byRow[r] ?? []).map { table.field(r, $0.0) })
            series.append(TableSeries(labels: texts, unit: unitText, points: points, position: table.position(r, nil),
                                      shareEvidence: evidence, missing: missing[r] ?? [], plans: plans[r] ?? []))
        }
        return PlannerTable(place: table.position(nil, nil), layout: .wide, labelColumns: labels.map { table.header[$0] },
                            series: series, missing: series.flatMap(\.missing))
    }

    /// One row per observation.
    static func readLong(_ table: CSVTable, columns: Columns, format: NumberFormat?, measure: Indicator.Measure) throws(DatasetError) -> PlannerTable {
        func index(_ name: String?) throws(DatasetError) -> Int? { try name.map { n throws(DatasetError) in try table.columnIndex(n) } }
        var time = try index(columns.time)
        var num = try index(columns.numerator), den = try index(columns.denominator)
        if num == nil, den == nil {
            // Columns headed as counts (`Tử số`, `Mẫu số`) are the share's numerator and denominator.
            let n = table.header.indices.filter { numeratorHeaders.contains(normalised(table.header[$0])) }
            let d = table.header.indices.filter { denominatorHeaders.contains(normalised(table.header[$0])) }
            if n.count == 1, d.count == 1 { (num, den) = (n[0], d[0]) }
        }
        if time == nil {
            let found = table.header.indices.filter { timeHeaders.contains(normalised(table.header[$0])) }
            guard found.count == 1, let t = found.first else {
                throw .badLayout(table.position(nil, nil), problem: found.isEmpty
                    ? .noPeriodColumn(headers: table.header) : .severalPeriodColumns(found.map { table.header[$0] }))
            }
            time = t
        }
        guard let time else { return PlannerTable(place: table.position(nil, nil), layout: .long, labelColumns: [], series: [], missing: []) }
        var value = try index(columns.value)
        if value == nil {
            let used: Set<Int> = Set([time, num, den].compactMap { $0 }).union(table.planColumns.keys)
            func numeric(_ r: Int, _ j: Int) -> Bool {
                table.number(r, j) != nil || CSVTable.isMissing(table.field(r, j)) || (try? NumberFormat.auto.parse(table.field(r, j))) != nil
                    || NumberFormat.isAmbiguous(table.field(r, j))
            }
            let open = table.header.indices.filter { j in
                !used.contains(j) && !ignoredHeaders.contains(normalised(table.header[j])) && !unitHeaders.contains(normalised(table.header[j]))
            }
            let candidates = open.filter { j in table.rowCount > 0 && (0..<table.rowCount).allSatisfy { numeric($0, j) } }
            if candidates.isEmpty {
                // A column of numbers but for a few cells (a date, a word): name the first such cell
                // of the column with the fewest, when at least half of its cells are numbers.
                let near = open.map { j in (j, (0..<table.rowCount).filter { !numeric($0, j) }) }
                    .filter { !$0.1.isEmpty && $0.1.count * 2 <= table.rowCount }
                if let (j, bad) = near.min(by: { $0.1.count < $1.1.count }), let r = bad.first {
                    throw .notANumber(table.position(r, j), text: table.field(r, j), column: table.header[j])
                }
            }
            guard candidates.count == 1, let v = candidates.first else {
                throw .badLayout(table.position(nil, nil), problem: candidates.isEmpty
                    ? .noValueColumn(headers: table.header) : .severalValueColumns(candidates.map { table.header[$0] }))
            }
            value = v
        }
        guard let value else { return PlannerTable(place: table.position(nil, nil), layout: .long, labelColumns: [], series: [], missing: []) }
        let numeric = [value, num, den].compactMap { $0 }
        let (labels, _) = labelColumns(table, excluding: Set(numeric + [time]).union(table.planColumns.keys))
        var kept: [Int] = [], missing: [SourcePosition] = [], missingByKey: [[Int]: [SourcePosition]] = [:]
        // A row's series: the number of each label's ``labelKey(_:)`` in its column (a district's
        // name repeats down the column: each distinct text is keyed once).
        // Texts are looked up by their bytes (no string made, no Unicode-aware hash).
        var keyNumbers = [[String: Int]](repeating: [:], count: labels.count)
        var texts = [TextInterner](repeating: TextInterner(), count: labels.count)
        var textKeys = [[Int]](repeating: [], count: labels.count)
        func key(_ r: Int) -> [Int] {
            labels.indices.map { c in
                let t = table.withFieldBytes(r, labels[c]) { texts[c].intern($0) }
                if t < textKeys[c].count { return textKeys[c][t] }
                let labelKey = labelKey(table.field(r, labels[c]))
                let k = keyNumbers[c][labelKey] ?? keyNumbers[c].count
                keyNumbers[c][labelKey] = k
                textKeys[c].append(k)
                return k
            }
        }
        for r in 0..<table.rowCount {
            if let j = numeric.first(where: { table.number(r, $0) == nil && CSVTable.isMissing(table.field(r, $0)) }) {
                missing.append(table.position(r, j))
                missingByKey[key(r), default: []].append(table.position(r, j))
            } else {
                kept.append(r)
            }
        }
        let values = try table.numbers(kept.map { ($0, value) }, name: table.header[value], format: format)
        let nums = try num.map { j throws(DatasetError) in try table.numbers(kept.map { ($0, j) }, name: table.header[j], format: format) }
        let dens = try den.map { j throws(DatasetError) in try table.numbers(kept.map { ($0, j) }, name: table.header[j], format: format) }
        let times: [Double]? = columns.decimalTime ? try table.numbers(kept.map { ($0, time) }, name: table.header[time], format: nil) : nil
        var order: [[Int]] = [], groups: [[Int]: TableSeries] = [:]
        // Periods by their text (a column of years repeats a few).
        var periods: [String: Period] = [:]
        for (k, r) in kept.enumerated() {
            let key = key(r)
            var period: Period?
            if times == nil {
                let text = table.field(r, time)
                if let seen = periods[text] {
                    period = seen
                } else {
                    do {
                        period = try Period(parsing: text)
                    } catch {
                        throw .badNumber(table.position(r, time), column: table.header[time], problem: .period(error))
                    }
                    periods[text] = period
                }
            }
            let point = TablePoint(period: period, decimalTime: times?[k], value: values[k], numerator: nums?[k], denominator: dens?[k],
                                   position: table.position(r, value))
            if groups[key] == nil {
                order.append(key)
                let texts = labels.map { (column: table.header[$0], text: trimmed(table.field(r, $0))) }
                groups[key] = TableSeries(labels: texts, unit: nil, points: [], position: table.position(r, nil), shareEvidence: nil,
                                          missing: missingByKey[key] ?? [])
            }
            groups[key]?.points.append(point)
        }
        let allTexts = kept.lazy.map { table.field($0, value) }
        let evidence = shareEvidence(header: table.header[value], unit: nil, labels: [], texts: allTexts)
        var series: [TableSeries] = []
        for key in order {
            guard var s = groups[key] else { continue }
            s.points.sort { $0.time(measure: measure) < $1.time(measure: measure) }
            for (a, b) in zip(s.points, s.points.dropFirst()) where a.time(measure: measure) == b.time(measure: measure) {
                throw .badLayout(b.position, problem: .secondValue(time: b.period?.description ?? String(b.time(measure: measure)), series: s.name,
                                                                  first: a.position, unlabelled: labels.isEmpty))
            }
            s.shareEvidence = evidence
            series.append(s)
        }
        return PlannerTable(place: table.position(nil, nil), layout: .long, labelColumns: labels.map { table.header[$0] },
                            valueColumn: table.header[value], series: series, missing: missing)
    }

    /// The one series whose labels include `entity` and `indicator` (each compared by
    /// ``labelKey(_:)``; nil matches anything).
    ///
    /// - Throws: ``DatasetError/badLayout(_:problem:)`` when none or several match, listing the series there are.
    public func select(entity: String?, indicator: String?) throws(DatasetError) -> TableSeries {
        let wanted = [entity, indicator].compactMap { $0 }.map(Self.normalised)
        let keys = [entity, indicator].compactMap { $0 }.map(Self.labelKey)
        let matches = series.filter { s in
            let texts = Set(s.labels.map { Self.labelKey($0.text) })
            return keys.allSatisfy(texts.contains)
        }
        if matches.count == 1, let only = matches.first { return only }
        let listed = (matches.isEmpty ? series : matches)
        let names = listed.prefix(8).map { DataProblem.SeriesLabel(name: $0.name, position: $0.position) }
        if series.isEmpty { throw .badLayout(place, problem: .noSeries) }
        if matches.isEmpty {
            throw .badLayout(place, problem: .noSeriesNamed(wanted: wanted, count: series.count, listed: names, more: listed.count > 8))
        }
        throw .badLayout(place, problem: .severalSeries(count: matches.count, filtered: !wanted.isEmpty, listed: names, more: listed.count > 8))
    }
}
