import Foundation

/// What is wrong with a piece of input: the typed payload of a ``Finding`` and of the
/// ``DatasetError`` cases about a cell, a layout or a workbook. The library says what, with the
/// values concerned; Reporting's `Words` says it in Vietnamese or English, and ``description`` is
/// the English text (what the library's own descriptions print). Texts quoted from a file stay as
/// written; numbers are kept as numbers so each language writes them its own way.
public enum DataProblem: Sendable, Equatable, CustomStringConvertible {
    // MARK: Values and counts (a dataset's rows)

    /// A value below the indicator's lower bound.
    case belowLowerBound(value: Double, bound: Double)
    /// A value above the indicator's upper bound.
    case aboveUpperBound(value: Double, bound: Double)
    /// A value, numerator or denominator (`column`) beyond ±1e150.
    case beyondLargest(column: String, value: Double)
    /// A count written like `1.045`: `value` as read, `whole` the text without its dot.
    case thousandsReading(text: String, column: String, value: Double, whole: String)
    /// A count (`column`) with a fractional part.
    case notWhole(column: String, value: Double)
    /// A negative numerator or denominator (`column`).
    case negativeCount(column: String, value: Double)
    /// A numerator larger than its denominator.
    case numeratorAboveDenominator(numerator: Double, denominator: Double)
    /// A rate published for a zero denominator.
    case zeroDenominator(rate: Double, numerator: Double, denominator: Double)
    /// A published rate that is not numerator/denominator (`ratio`) to its shown precision.
    case ratioMismatch(published: Double, numerator: Double, denominator: Double, ratio: Double)
    /// A value `factor` times (or 1/`factor` of) the previous one of its series (`previous`, of
    /// `previousPeriod`, at `previousAt`): about a thousandfold, or a hundredfold with a fractional
    /// count (`fractionalCount`), what a number read in the other convention looks like.
    case implausibleJump(value: Double, previous: Double, previousPeriod: String, previousAt: SourcePosition?, factor: Double, fractionalCount: Bool)
    /// A target year before the first observation of its indicator and entity.
    case targetBeforeData(year: Int, firstYear: Int)
    /// The same fact twice from one source; `line` is where the first is (nil when unknown).
    case duplicateFact(source: String, line: Int?)
    /// Two sources giving different values for one indicator, entity and period, neither dated
    /// later than the other: nothing decides between them.
    case conflictingValues(source: String, value: Double, otherSource: String, otherValue: Double)
    /// Two sources giving different values for one fact, decided by date: `used` (dated
    /// `usedDate`, the latest) is used, this row's `source` (dated `date`, empty when undated) left out.
    case laterSourceUsed(source: String, value: Double, date: String, used: String, usedValue: Double, usedDate: String)
    /// A published rank that differs from the rank recomputed from its score.
    case rankContradiction(published: Double, score: String, scoreValue: Double, recomputed: Double, of: Int)
    /// A total that is not the sum of its parts (`sum` shown with `decimals`).
    case totalMismatch(total: Double, parts: Int, sum: Double, decimals: Int)
    /// A workbook's data sheet and its details sheet giving different values for one cell.
    case detailDiffers(value: Double, detail: String, at: SourcePosition, indicator: String, entity: String, period: String)

    // MARK: Definitions

    /// A `parent` or `ranks` (`field`) that names no indicator.
    case notAnIndicator(field: String, id: String)
    /// A `parent` that names no entity.
    case notAnEntity(field: String, id: String)
    /// Entities whose parents lead back to themselves (the ids in order).
    case parentCycle([String])
    /// An alias that also names another entity.
    case aliasAlsoNames(alias: String, other: String)
    /// An id with characters ids may not have.
    case invalidId(String)
    /// An empty id.
    case emptyId
    /// An id defined twice.
    case duplicateId(String)
    /// An indicator defined twice in a long panel's definitions.
    case indicatorDefinedTwice(String)
    /// An upper bound not above the lower bound.
    case boundsReversed(lower: Double, upper: Double)
    /// An alias without letters or digits.
    case aliasWithoutLetters(String)
    /// A column labelled as one kind of number (`said`: rates or counts) that holds the other.
    case headerMismatch(header: String, said: String, held: String, sample: String)

    // MARK: Cells

    /// An empty cell where a value is required.
    case emptyCell(column: String)
    /// A dataset cell that is not a plain dot-decimal number.
    case notPlainNumber(text: String, column: String)
    /// A cell that must be one of a fixed set of words: `allowed` are the Vietnamese words of the
    /// template's drop-down list (``Vocabulary``), `codes` the English codes also accepted;
    /// `column` is the column's header as the input names it (`Loại` in a workbook, `kind` in a
    /// dataset folder).
    case notOneOf(text: String, column: String, allowed: [String], codes: [String])
    /// A kind that is not one of the kinds (`allowed`).
    case notAKind(text: String, allowed: [String])
    /// An entity given by an alias.
    case entityByAlias(text: String, id: String)
    /// An alias naming several entities, decided by the source's issuer.
    case entityByIssuer(text: String, named: [String], source: String, issuer: String, id: String)
    /// An alias naming several entities that the source does not decide between.
    case ambiguousEntity(text: String, named: [String])
    /// An entity that is no id or alias.
    case unknownEntity(String)
    /// An indicator id that is not defined.
    case unknownIndicator(String)
    /// An indicator that is not in the definitions file `file`.
    case indicatorNotIn(id: String, file: String)
    /// A source id (or title) that is not defined.
    case unknownSource(String)
    /// An indicator, entity or source (`text` as the row names it) whose own row was left out for
    /// the error at `at`: this row follows from that error.
    case definitionWithError(Definition, text: String, at: SourcePosition)
    /// A year cell that is not a year (1900–2100).
    case notAYear(String)
    /// A cell of a sheet or table read in its column's number convention that is no number
    /// (`column` as the input heads it).
    case notANumberAsWritten(text: String, column: String)
    /// A target as written that does not read or contradicts its row.
    case target(TargetProblem)
    /// What of a report's layout was read around a table (a note, not an error).
    case layout(ReportLayout.Note)
    /// A period that does not parse.
    case period(PeriodError)
    /// A number that does not parse.
    case number(NumberParseError)
    /// A long panel's value (as written) below the lower bound of its indicator.
    case valueBelowBound(text: String, bound: Double, indicator: String)
    /// A long panel's value (as written) above the upper bound of its indicator.
    case valueAboveBound(text: String, bound: Double, indicator: String)
    /// A second row for the same indicator, entity and time (as written).
    case secondRow(indicator: String, entity: String, time: String)
    /// A cell written in the other number convention from an earlier cell of its column.
    case mixedConventions(text: String, other: String, at: SourcePosition)
    /// A column whose every number reads two ways: `text` is the first, `vi` and `en` its readings.
    case ambiguousColumn(text: String, vi: String, en: String)

    // MARK: Layouts of planners' tables

    /// `--layout wide` (or its guess) with no period among the headers.
    case noPeriodHeaders
    /// A period given as the header of two columns.
    case periodTwice(header: String, other: SourcePosition)
    /// A row repeating an earlier row's series (its labels).
    case sameSeries(other: SourcePosition, labels: [String])
    /// No column of periods found among `headers`.
    case noPeriodColumn(headers: [String])
    /// Several columns that could hold the periods.
    case severalPeriodColumns([String])
    /// No column of numbers among `headers`.
    case noValueColumn(headers: [String])
    /// Several columns that could hold the values.
    case severalValueColumns([String])
    /// A second value for one time (`time` as written) of one series (empty name: the only one);
    /// `unlabelled` when no column tells series apart.
    case secondValue(time: String, series: String, first: SourcePosition, unlabelled: Bool)
    /// A table without a single series with a value.
    case noSeries
    /// No series named by all of `wanted`; `listed` are some of the `count` there are (`more` when not all).
    case noSeriesNamed(wanted: [String], count: Int, listed: [SeriesLabel], more: Bool)
    /// Several series, of which one must be chosen (`filtered`: those matching what was asked).
    case severalSeries(count: Int, filtered: Bool, listed: [SeriesLabel], more: Bool)
    /// A label column of a planner's table that names neither indicators nor entities.
    case unclearLabelColumn(String)

    // MARK: Workbooks

    /// A header that is not a column of the template's sheet (`columns` are its columns).
    case notAColumnOfSheet(header: String, sheet: String, columns: [String])
    /// A header of the data sheet that is neither one of its columns nor a period.
    case neitherColumnNorPeriod(header: String, sheet: String, columns: [String], reason: PeriodError.Reason)
    /// The data sheet without its first two columns.
    case sheetNeedsColumns(sheet: String, first: String, second: String)
    /// A template workbook given with other files.
    case templateNotAlone
    /// An old `.xls` or an encrypted workbook.
    case oldOrEncrypted
    /// A sheet asked of a text file.
    case textHasNoSheets(sheet: String)
    /// A sheet name the workbook does not have (`sheets` are those it has).
    case noSheet(String, sheets: [String])
    /// Merged ranges covering more than `limit` cells.
    case mergedTooLarge(limit: Int)
    /// A value outside the table's columns (`range`, such as `A–F`).
    case valueOutsideTable(range: String)
    /// A table of more than `limit` cells.
    case tableTooLarge(limit: Int)
    /// A sheet of more than `limit` cells.
    case sheetTooLarge(limit: Int)
    /// A row number past 1,048,576.
    case rowPastEnd
    /// A column past XFD.
    case columnPastEnd
    /// A `<row r="…">` that is not a sheet row.
    case badRow(String)
    /// A cell reference that is not a cell.
    case badCellReference(String)
    /// A merged range that is not a range of cells.
    case badMergedRange(String)
    /// A cell given twice.
    case cellTwice
    /// A style index the workbook does not have (`count` styles).
    case noStyle(index: String, count: Int)
    /// A shared-string index the workbook does not have (`count` strings).
    case noSharedString(index: String, count: Int)
    /// A boolean cell that is neither 0 nor 1.
    case notBoolean(String)
    /// A number cell whose value is not a number.
    case notANumberCell(String)
    /// A cell type Excel does not write.
    case unknownCellType(String)
    /// A workbook whose package is damaged or beyond the reader's limits.
    case damaged(Damage)

    /// What a dataset row defines.
    public enum Definition: String, Sendable, Equatable {
        /// An indicator (a row of the indicators sheet or `indicators.csv`).
        case indicator
        /// An entity.
        case entity
        /// A source.
        case source
    }

    /// A series as a message lists it: its name and where it starts.
    public struct SeriesLabel: Sendable, Equatable {
        /// The series' name (its labels joined).
        public var name: String
        /// Where its first row or column is.
        public var position: SourcePosition

        /// A series label.
        public init(name: String, position: SourcePosition) {
            self.name = name
            self.position = position
        }
    }

    /// What is damaged in a workbook's package (its ZIP container or XML parts), or which limit it passes.
    public enum Damage: Sendable, Equatable, CustomStringConvertible {
        /// A required part is missing.
        case partMissing(String)
        /// A part declares a DTD (refused: entity expansion).
        case declaresDTD(String)
        /// No ZIP central directory.
        case noCentralDirectory
        /// A ZIP64 record is missing.
        case zip64Missing
        /// A ZIP64 record lies outside the file.
        case zip64Outside
        /// A ZIP64 record is damaged.
        case zip64Damaged
        /// The central directory lies outside the file.
        case directoryOutside
        /// The central directory is damaged.
        case directoryDamaged
        /// The file is cut short.
        case cutShort
        /// A part is encrypted.
        case encrypted(String)
        /// A part packed with a ZIP method other than stored or deflate.
        case packingMethod(String, method: Int)
        /// A part lies outside the file.
        case partOutside(String)
        /// A part without its local ZIP header.
        case noLocalHeader(String)
        /// A part ends past the end of the file.
        case partPastEnd(String)
        /// A part unpacks to more than `bytes`.
        case unpacksBeyond(String, bytes: Int64)
        /// A part unpacks to more than `ratio` times its packed size.
        case unpacksRatio(String, ratio: Int)
        /// A part's packed data ends early.
        case packedDataEndsEarly(String)
        /// A part is not valid deflate data.
        case notDeflate(String)
        /// A sheet without a part (`relationship` is not in `relationships`).
        case sheetWithoutPart(sheet: String, relationship: String, relationships: String)
        /// The workbook part lists no sheets.
        case noSheets(String)
        /// A part that is not well-formed XML (the first fault is on `line`).
        case notWellFormed(String, line: Int)
        /// A part that ends before its last element is closed.
        case unclosed(String)
        /// More shared strings than `limit`.
        case tooManySharedStrings(limit: Int)
        /// Two members of one name, or of names that differ only in case.
        case duplicateMember(String)
        /// A part unpacks to more than the size its ZIP directory declares.
        case unpacksBeyondDeclared(String, bytes: UInt64)
        /// A part not in UTF-8 (UTF-16, UTF-32, or another encoding declared).
        case notUTF8(String, encoding: String)
        /// A part declared (or taken as) UTF-8 whose bytes are not valid UTF-8, first at `byte`
        /// (1-based, in the unpacked part).
        case invalidUTF8(String, byte: Int64)
        /// A run of more than `bytes` bytes without a tag (one text or tag that large).
        case runTooLong(String, bytes: Int)
        /// A cell's (or a shared string's) text longer than Excel's `limit` characters.
        case cellTextTooLong(limit: Int)
        /// More than `limit` merged-range entries in one sheet.
        case tooManyMergeEntries(limit: Int)
        /// Merged ranges that overlap (Excel refuses such a sheet).
        case mergedOverlap(String, String)
        /// The table's text would exceed `bytes` (a multiple of the parts' declared sizes).
        case tableTextTooLarge(bytes: Int64)

        /// The damage in English.
        public var description: String {
            switch self {
            case let .partMissing(p): "\(p) is missing"
            case let .declaresDTD(p): "\(p) declares a DTD"
            case .noCentralDirectory: "no ZIP central directory (the file may be cut short)"
            case .zip64Missing: "a ZIP64 record is missing"
            case .zip64Outside: "a ZIP64 record lies outside the file"
            case .zip64Damaged: "a ZIP64 record is damaged"
            case .directoryOutside: "the ZIP central directory lies outside the file"
            case .directoryDamaged: "the ZIP central directory is damaged"
            case .cutShort: "the file is cut short"
            case let .encrypted(p): "\(p) is encrypted (save the workbook without a password)"
            case let .packingMethod(p, method): "\(p) is packed with ZIP method \(method)"
            case let .partOutside(p): "\(p) lies outside the file"
            case let .noLocalHeader(p): "\(p) has no ZIP header"
            case let .partPastEnd(p): "\(p) ends past the end of the file (the file is cut short)"
            case let .unpacksBeyond(p, bytes): "\(p) unpacks to more than \(Self.bytes(bytes))"
            case let .unpacksRatio(p, ratio): "\(p) unpacks to more than \(ratio) times its packed size"
            case let .packedDataEndsEarly(p): "\(p) is damaged (its packed data ends early)"
            case let .notDeflate(p): "\(p) is damaged (not valid deflate data)"
            case let .sheetWithoutPart(sheet, id, rels): "sheet \"\(sheet)\" has no part (relationship \"\(id)\" is not in \(rels))"
            case let .noSheets(p): "\(p) lists no sheets"
            case let .notWellFormed(p, line): "\(p) is not well-formed XML (line \(line))"
            case let .unclosed(p): "\(p) ends before its last element is closed"
            case let .tooManySharedStrings(limit): "the shared strings are more than \(limit)"
            case let .duplicateMember(p): "the package holds \(p) twice (or two names differing only in case)"
            case let .unpacksBeyondDeclared(p, bytes): "\(p) unpacks to more than the \(bytes) bytes its ZIP directory declares"
            case let .notUTF8(p, encoding): "\(p) is not UTF-8 (\(encoding)); save the workbook again from Excel"
            case let .invalidUTF8(p, byte): "\(p) is not valid UTF-8 (at byte \(byte)); save the workbook again from Excel"
            case let .runTooLong(p, bytes): "\(p) has a text or tag longer than \(Self.bytes(Int64(bytes)))"
            case let .cellTextTooLong(limit): "a text longer than \(limit) characters (Excel's limit for a cell)"
            case let .tooManyMergeEntries(limit): "the sheet lists more than \(limit) merged ranges"
            case let .mergedOverlap(a, b): "merged ranges \(a) and \(b) overlap"
            case let .tableTextTooLarge(bytes): "the table's text is more than \(Self.bytes(bytes)) (more than the workbook's parts could hold)"
            }
        }

        /// `2 GiB`, `256 MiB`, or bytes.
        public static func bytes(_ bytes: Int64) -> String {
            if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
            if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
            return "\(bytes) bytes"
        }
    }

    /// `"a", "b"`.
    static func quoted(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }

    /// The problem in English.
    public var description: String {
        switch self {
        case let .belowLowerBound(value, bound): "value \(value) is below the lower bound \(bound)"
        case let .aboveUpperBound(value, bound): "value \(value) is above the upper bound \(bound)"
        case let .beyondLargest(column, value): "\(column) \(value) is beyond ±1e150, where computations overflow; rescale the indicator"
        case let .thousandsReading(text, column, value, whole):
            "\"\(text)\" in column \"\(column)\" reads as \(value.clean), but with a thousands separator it is \(whole); write \(whole) if so"
        case let .notWhole(column, value): "\(column) \(value.clean) is not a whole number (a count of things)"
        case let .negativeCount(column, value): "\(column) \(value) is negative"
        case let .numeratorAboveDenominator(n, d): "numerator \(n.clean) exceeds denominator \(d.clean)"
        case let .zeroDenominator(rate, n, d): "rate \(rate.clean) published for \(n.clean) of \(d.clean)"
        case let .ratioMismatch(published, n, d, ratio):
            "published rate \(published.clean) ≠ \(n.clean)/\(d.clean) = \(Self.fixed(ratio, 2)) (kept as published)"
        case let .implausibleJump(value, previous, period, at, factor, fractional):
            "\(value.clean) after \(previous.clean) (\(period)\(at.map { ", \($0)" } ?? "")) is a \(Self.fixed(factor, 0))-fold \(value < previous ? "drop" : "rise") in one step\(fractional ? " to or from a fractional count" : ""): one of the two may be read in the wrong number convention (a thousands dot or a decimal point); check both cells"
        case let .targetBeforeData(year, first): "target year \(year) is before the first observation (\(first)): there is nothing to judge it by"
        case let .duplicateFact(source, line): "the same fact from \(source) is already at line \(line.map(String.init) ?? "?")"
        case let .conflictingValues(source, value, other, otherValue):
            "\(source) gives \(value.clean), \(other) gives \(otherValue.clean), and neither source is dated later (the sources' dates decide): both left out"
        case let .laterSourceUsed(source, value, date, used, usedValue, usedDate):
            "\(source)\(date.isEmpty ? " (undated)" : " (\(date))") gives \(value.clean), \(used) (\(usedDate)) gives \(usedValue.clean): the later source's \(usedValue.clean) is used"
        case let .rankContradiction(published, score, scoreValue, recomputed, of):
            "published rank \(published.clean) but its \(score) \(scoreValue.clean) ranks \(recomputed.clean) of \(of) (kept as published)"
        case let .totalMismatch(total, parts, sum, decimals):
            "total \(total.clean) ≠ sum of its \(parts) parts \(Self.fixed(sum, decimals)) (kept as published)"
        case let .detailDiffers(value, detail, at, indicator, entity, period):
            "\(value) here but \(detail) at \(at) for \(indicator), \(entity), \(period)"
        case let .notAnIndicator(field, id): "\(field) \"\(id)\" is not an indicator"
        case let .notAnEntity(field, id): "\(field) \"\(id)\" is not an entity"
        case let .parentCycle(path): "parents form a cycle: \(path.joined(separator: " → "))"
        case let .aliasAlsoNames(alias, other): "alias \"\(alias)\" also names \(other)"
        case let .invalidId(id):
            "id \"\(id)\" may use only letters A–Z and a–z, digits, \"_\", \"-\" and \".\" (first a letter or digit; at most 100)"
        case .emptyId: "empty id"
        case let .duplicateId(id): "id \"\(id)\" is defined twice"
        case let .indicatorDefinedTwice(id): "indicator \(id) is defined twice"
        case let .boundsReversed(lower, upper): "upper bound \(upper) is not above lower bound \(lower)"
        case let .aliasWithoutLetters(alias): "alias \"\(alias)\" has no letters or digits: it would name every empty or unreadable entity cell"
        case let .headerMismatch(header, said, held, sample): "column \"\(header)\" is labelled as \(said) but holds \(held) (\(sample), …)"
        case let .emptyCell(column): "empty cell in column \"\(column)\""
        case let .notPlainNumber(text, column):
            "\"\(text)\" in column \"\(column)\" is not a plain number (Datasets/ use dot decimals, no thousands separators)"
        case let .notOneOf(text, column, allowed, codes):
            "\"\(text)\" in column \"\(column)\" is not one of: \(allowed.joined(separator: ", "))\(codes.isEmpty ? "" : " (or \(codes.joined(separator: ", ")))")"
        case let .notAKind(text, allowed): "\"\(text)\" is not one of \(allowed.joined(separator: ", "))"
        case let .entityByAlias(text, id): "entity given as \"\(text)\"; its id is \(id)"
        case let .entityByIssuer(text, named, source, issuer, id):
            "entity given as \"\(text)\", which names \(named.joined(separator: " and ")); source \(source) is issued by \(issuer), so it is \(id)"
        case let .ambiguousEntity(text, named):
            "entity \"\(text)\" names \(named.joined(separator: " and ")) and the source does not tell which; write the id"
        case let .unknownEntity(text): "unknown entity \"\(text)\" (not the id, name or alias of any entity)"
        case let .unknownIndicator(id): "unknown indicator \"\(id)\""
        case let .indicatorNotIn(id, file): "indicator \"\(id)\" is not in \(file)"
        case let .unknownSource(id): "unknown source \"\(id)\" (not the id or title of any source)"
        case let .definitionWithError(what, text, at): "\(what.rawValue) \"\(text)\" is left out for the error at \(at)"
        case let .notAYear(text): "\"\(text)\" is not a year"
        case let .notANumberAsWritten(text, column): "\"\(text)\" in column \"\(column)\" is not a number"
        case let .target(problem): problem.description
        case let .layout(note): note.description
        case let .period(error): error.description
        case let .number(error): error.description
        case let .valueBelowBound(text, bound, indicator): "\(text) is below the lower bound \(bound) of \(indicator)"
        case let .valueAboveBound(text, bound, indicator): "\(text) is above the upper bound \(bound) of \(indicator)"
        case let .secondRow(indicator, entity, time): "a second row for \(indicator), \(entity) at \(time)"
        case let .mixedConventions(text, other, at):
            "\"\(text)\" is written in the other convention from \"\(other)\" (\(at)): one column, one number format"
        case let .ambiguousColumn(text, vi, en): "\"\(text)\" is ambiguous: \(vi) (vi) or \(en) (en), and so is every value in the column"
        case .noPeriodHeaders: "no column header is a period (2023, Năm 2023, 6 tháng đầu năm 2024), so the table is not wide"
        case let .periodTwice(header, other): "the period \"\(header)\" is also the header of \(other)"
        case let .sameSeries(other, labels): "the same series as \(other) (\(labels.joined(separator: " · "))): one row per series"
        case let .noPeriodColumn(headers):
            "which column holds the periods? None of \(Self.quoted(headers)) is headed Năm, Kỳ, Year or Period, and no two headers are periods (a wide table)"
        case let .severalPeriodColumns(names): "several columns could hold the periods: \(Self.quoted(names))"
        case let .noValueColumn(headers): "no column of numbers to read values from (columns: \(Self.quoted(headers)))"
        case let .severalValueColumns(names): "several columns could hold the values: \(Self.quoted(names))"
        case let .secondValue(time, series, first, unlabelled):
            "a second value for \(time)\(series.isEmpty ? "" : " of \(series)") (the first is at \(first))"
                + (unlabelled ? "; if the file holds several series, a column must tell them apart (district, indicator)" : "")
        case .noSeries: "no series with a value"
        case let .noSeriesNamed(wanted, count, listed, more):
            "no series is named \(wanted.map { "\"\($0)\"" }.joined(separator: " and ")); there are \(count): \(Self.list(listed, more))"
        case let .severalSeries(count, filtered, listed, more):
            "\(count) series\(filtered ? " match" : ""): \(Self.list(listed, more)); choose one by its entity or indicator"
        case let .unclearLabelColumn(name): "the column \"\(name)\" names neither indicators (head it Chỉ tiêu) nor entities (head it Đơn vị)"
        case let .notAColumnOfSheet(header, sheet, columns):
            "\"\(header)\" is not a column of the sheet \"\(sheet)\" (columns: \(columns.joined(separator: ", ")))"
        case let .neitherColumnNorPeriod(header, sheet, columns, reason):
            "\"\(header)\" is neither a column of the sheet \"\(sheet)\" (\(columns.joined(separator: ", "))) nor a period (2023, Năm 2023, 6 tháng đầu năm 2024): \(reason)"
        case let .sheetNeedsColumns(sheet, first, second): "the sheet \"\(sheet)\" needs the columns \(first) and \(second)"
        case .templateNotAlone: "a workbook in the template's form is a whole dataset: import it alone"
        case .oldOrEncrypted: "an old Excel .xls or an encrypted workbook; save it as .xlsx (Excel Workbook) or CSV UTF-8"
        case let .textHasNoSheets(sheet): "a text file has no sheets (sheet \"\(sheet)\" was asked for)"
        case let .noSheet(name, sheets): "no sheet \"\(name)\" (sheets: \(Self.quoted(sheets)))"
        case let .mergedTooLarge(limit): "merged ranges cover more than \(limit) cells"
        case let .valueOutsideTable(range): "a value outside the table's columns (\(range))"
        case let .tableTooLarge(limit): "the table has more than \(limit) cells"
        case let .sheetTooLarge(limit): "the sheet has more than \(limit) cells"
        case .rowPastEnd: "a row past 1,048,576"
        case .columnPastEnd: "a cell past column XFD"
        case let .badRow(text): "row \"\(text)\" is not a sheet row (1–1,048,576)"
        case let .badCellReference(text): "cell reference \"\(text)\" is not a cell (A1 to XFD1048576)"
        case let .badMergedRange(text): "merged range \"\(text)\" is not a range of cells"
        case .cellTwice: "the cell is given twice"
        case let .noStyle(index, count): "style \(index) does not exist (the workbook has \(count))"
        case let .noSharedString(index, count): "shared string \(index) does not exist (the workbook has \(count))"
        case let .notBoolean(text): "\"\(text)\" is not a boolean (0 or 1)"
        case let .notANumberCell(text): "\"\(text)\" is not a number"
        case let .unknownCellType(type): "cell type \"\(type)\" is not one Excel writes"
        case let .damaged(damage): "\(damage); not a workbook Chiso can read"
        }
    }

    /// `"name" (position), …` for the series a message lists.
    static func list(_ listed: [SeriesLabel], _ more: Bool) -> String {
        listed.map { "\"\($0.name)\" (\($0.position))" }.joined(separator: ", ") + (more ? ", …" : "")
    }

    /// `value` with `decimals` decimals and a dot (`%.nf`).
    public static func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(max(0, decimals))f", value) }
}
