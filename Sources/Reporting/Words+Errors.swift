import Forecasting
import Foundation
import Indicators
import LinearAlgebra
import Statistics

/// Errors and data-quality findings in words: every typed problem the libraries return (a cell that
/// does not read, a layout that cannot be told, a damaged workbook, a finding of the validator, a
/// series a model cannot fit), in Vietnamese and English. The English side is the library's own
/// `description`; the Vietnamese is written here. Positions (`file:line:column`, `book.xlsx[Sheet]!C7`),
/// ids and texts quoted from a file stay as they are; numbers are written in each language's way.
extension Words {
    /// Any error a command can meet, in words; nil for an error of a type this does not know
    /// (a command-line tool's own errors, the system's).
    public static func error(_ error: any Error) -> Phrase? {
        switch error {
        case let e as DatasetError: Words.error(e)
        case let e as ForecastError: Words.error(e)
        case let e as PeriodError: Words.error(e)
        case let e as NumberParseError: Words.error(e)
        case let e as StatisticsError: Words.error(e)
        case let e as LinearAlgebraError: Words.error(e)
        case let e as CalibrationTable.FormatError: Words.error(e)
        case let e as ReportError: Words.error(e)
        case let e as WriteError: Words.error(e)
        default: nil
        }
    }

    /// A problem with an input file, starting with its position.
    public static func error(_ error: DatasetError) -> Phrase {
        let vi: String
        switch error {
        case let .fileNotFound(path): vi = "\(path): không có tệp này"
        case let .unreadable(path, reason): vi = "\(path): không đọc được (\(unreadableVi(reason)))"
        case let .notUTF8(path): vi = "\(path): không phải văn bản UTF-8 (hãy lưu tệp dưới dạng CSV UTF-8)"
        case let .empty(file): vi = "\(file): tệp rỗng (cần có dòng tiêu đề)"
        case let .duplicateColumn(position, name): vi = "\(position): cột \"\(name)\" xuất hiện hai lần trong dòng tiêu đề"
        case let .raggedRow(position, found, expected): vi = "\(position): dòng có \(found) ô nhưng dòng tiêu đề có \(expected) cột"
        case let .malformedQuote(position):
            vi = "\(position): ô trong ngoặc kép bị lỗi (thiếu dấu ngoặc kép đóng, hoặc có chữ sau dấu ngoặc kép đóng)"
        case let .unknownColumn(file, name, available): vi = "\(file): không có cột \"\(name)\" (các cột: \(available.joined(separator: ", ")))"
        case let .emptyCell(position, column): vi = "\(position): ô trống ở cột \"\(column)\""
        case let .notANumber(position, text, column): vi = "\(position): \"\(text)\" ở cột \"\(column)\" không phải là số"
        case let .badNumber(position, column, problem): vi = "\(position): \(Words.problem(problem).vi) (cột \"\(column)\")"
        case let .nonFinite(position, text, column): vi = "\(position): \"\(text)\" ở cột \"\(column)\" không phải là số hữu hạn"
        case let .notPositive(position, text, column): vi = "\(position): \"\(text)\" ở cột \"\(column)\" phải là số dương"
        case let .missingColumn(file, name): vi = "\(file):1: thiếu cột bắt buộc \"\(name)\""
        case let .invalid(first, errors):
            // "Lỗi: file:2:5: …" — the message's own prefix says it is an error.
            let line = findingLine(first, severity: false)
            vi = errors == 1 ? line : "\(line) (và \(errors - 1) lỗi khác)"
        case let .noRows(file): vi = "\(file): không có dòng số liệu nào sau dòng tiêu đề"
        case let .badLayout(position, problem), let .workbook(position, problem): vi = "\(position): \(Words.problem(problem).vi)"
        }
        return Phrase(vi: vi, en: error.description)
    }

    /// A data-quality finding as one line: `file:line:column: lỗi: indicator entity period: …` in
    /// Vietnamese (no internal code: the words say what is wrong; `chiso data validate --format json`
    /// keeps the code), `file:line:column: error[code] indicator entity period: …` in English
    /// (`Finding.description`); made safe to print.
    public static func finding(_ finding: Finding) -> Phrase {
        Phrase(vi: findingLine(finding, severity: true), en: finding.description)
    }

    /// A finding's Vietnamese line (``finding(_:)``), with or without its severity.
    static func findingLine(_ finding: Finding, severity: Bool) -> String {
        var subject = [finding.indicator, finding.entity, finding.period].compactMap { $0 }.joined(separator: " ")
        if !subject.isEmpty { subject += ": " }
        let place = finding.position.map { "\($0): " } ?? ""
        let word = severity ? (finding.severity == .error ? "lỗi: " : "cảnh báo: ") : ""
        return MessageText.line("\(place)\(word)\(subject)\(Words.problem(finding.problem).vi)")
    }

    /// A root cause (`Finding.rootCauses(_:)`) as one line: the finding, and when others follow
    /// from it, how many: `… (kéo theo 25 lỗi khác)` / `… (and 25 errors that follow from it)`.
    public static func rootCause(_ cause: Finding.RootCause) -> Phrase {
        let line = finding(cause.finding)
        guard cause.consequences > 0 else { return line }
        let n = cause.consequences
        return Phrase(vi: line.vi + " (kéo theo \(count(n)) lỗi khác)",
                      en: line.en + " (and \(n) error\(n == 1 ? "" : "s") that follow from it)")
    }

    /// The line after the root causes when some cells cause errors elsewhere: "3 ô gây ra 75 lỗi khác …".
    public static func causes(cells: Int, errors: Int) -> Phrase {
        Phrase(vi: "\(count(cells)) ô trên gây ra \(count(errors)) lỗi khác ở các dòng dùng đến chúng: sửa \(cells == 1 ? "ô này" : "các ô này") trước",
               en: "\(cells) cell\(cells == 1 ? "" : "s") above cause\(cells == 1 ? "s" : "") \(errors) more error\(errors == 1 ? "" : "s") in the rows that use \(cells == 1 ? "it" : "them"): fix \(cells == 1 ? "it" : "them") first")
    }

    /// What a dataset row defines, in Vietnamese: "chỉ tiêu", "đơn vị", "nguồn".
    static func definitionVi(_ what: DataProblem.Definition) -> String {
        switch what {
        case .indicator: "chỉ tiêu"
        case .entity: "đơn vị"
        case .source: "nguồn"
        }
    }

    /// A finding's severity: "lỗi" / "error", "cảnh báo" / "warning".
    public static func severity(_ severity: Finding.Severity) -> Phrase {
        severity == .error ? Phrase(vi: "lỗi", en: "error") : Phrase(vi: "cảnh báo", en: "warning")
    }

    /// What is wrong with a piece of input (without its position).
    public static func problem(_ problem: DataProblem) -> Phrase {
        func n(_ v: Double) -> String { number(v) }
        func q(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }
        func list(_ listed: [DataProblem.SeriesLabel], _ more: Bool) -> String {
            listed.map { "\"\($0.name)\" (\($0.position))" }.joined(separator: ", ") + (more ? ", …" : "")
        }
        let vi: String
        switch problem {
        case let .belowLowerBound(value, bound): vi = "giá trị \(n(value)) thấp hơn cận dưới \(n(bound))"
        case let .aboveUpperBound(value, bound): vi = "giá trị \(n(value)) vượt cận trên \(n(bound))"
        case let .beyondLargest(column, value):
            vi = "\(fieldVi(column)) \(n(value)) vượt quá ±1e150, ngưỡng mà phép tính bị tràn số; hãy đổi đơn vị đo của chỉ tiêu"
        case let .thousandsReading(text, column, value, whole):
            vi = "\"\(text)\" ở cột \"\(column)\" được đọc là \(n(value)), nhưng nếu dấu chấm là dấu phân cách hàng nghìn thì là \(whole); nếu đúng vậy, hãy ghi \(whole)"
        case let .notWhole(column, value): vi = "\(fieldVi(column)) \(n(value)) không phải là số nguyên (số đếm phải là số nguyên)"
        case let .negativeCount(column, value): vi = "\(fieldVi(column)) \(n(value)) là số âm"
        case let .numeratorAboveDenominator(numerator, denominator): vi = "tử số \(n(numerator)) lớn hơn mẫu số \(n(denominator))"
        case let .zeroDenominator(rate, numerator, denominator):
            vi = "tỷ lệ \(n(rate)) được công bố với tử số \(n(numerator)) và mẫu số \(n(denominator))"
        case let .ratioMismatch(published, numerator, denominator, ratio):
            vi = "tỷ lệ công bố \(n(published)) ≠ \(n(numerator))/\(n(denominator)) = \(NumberText.plain(ratio, decimals: 2, .vi)) (giữ nguyên như công bố)"
        case let .implausibleJump(value, previous, period, at, factor, fractional):
            vi = "\(n(value)) sau \(n(previous)) (\(period)\(at.map { ", \($0)" } ?? "")) là \(value < previous ? "giảm" : "tăng") \(NumberText.plain(factor, decimals: 0, .vi)) lần trong một kỳ\(fractional ? ", với số đếm không nguyên" : ""): có thể một trong hai số bị đọc nhầm cách viết (dấu chấm hàng nghìn hay dấu thập phân); hãy kiểm tra cả hai ô"
        case let .targetBeforeData(year, first):
            vi = "năm mục tiêu \(year) sớm hơn năm có số liệu đầu tiên (\(first)): không có số liệu để đánh giá mục tiêu"
        case let .duplicateFact(source, line): vi = "cùng một số liệu của nguồn \(source) đã có ở dòng \(line.map(String.init) ?? "?")"
        case let .conflictingValues(source, value, other, otherValue):
            vi = "nguồn \(source) ghi \(n(value)), nguồn \(other) ghi \(n(otherValue)) và không nguồn nào có ngày ban hành muộn hơn (ngày ban hành của nguồn quyết định): bỏ cả hai"
        case let .laterSourceUsed(source, value, date, used, usedValue, usedDate):
            vi = "nguồn \(source)\(date.isEmpty ? " (không ghi ngày)" : " (\(date))") ghi \(n(value)), nguồn \(used) (\(usedDate)) ghi \(n(usedValue)): dùng số liệu \(n(usedValue)) của nguồn ban hành sau"
        case let .rankContradiction(published, score, scoreValue, recomputed, of):
            vi = "thứ hạng công bố là \(n(published)) nhưng \(score) = \(n(scoreValue)) xếp thứ \(n(recomputed))/\(of) (giữ nguyên như công bố)"
        case let .totalMismatch(total, parts, sum, decimals):
            vi = "tổng \(n(total)) ≠ tổng của \(parts) thành phần \(NumberText.plain(sum, decimals: decimals, .vi)) (giữ nguyên như công bố)"
        case let .detailDiffers(value, detail, at, indicator, entity, period):
            vi = "ô này ghi \(n(value)) nhưng \(at) ghi \(detail) cho \(indicator), \(entity), \(period)"
        case let .notAnIndicator(field, id): vi = "cột \(field): \"\(id)\" không phải là mã chỉ tiêu nào"
        case let .notAnEntity(field, id): vi = "cột \(field): \"\(id)\" không phải là mã đơn vị nào"
        case let .parentCycle(path): vi = "quan hệ cấp trên tạo thành vòng lặp: \(path.joined(separator: " → "))"
        case let .aliasAlsoNames(alias, other): vi = "tên gọi khác \"\(alias)\" cũng là tên của \(other)"
        case let .invalidId(id):
            vi = "mã \"\(id)\" chỉ được dùng chữ cái A–Z, a–z, chữ số, \"_\", \"-\" và \".\" (bắt đầu bằng chữ cái hoặc chữ số; tối đa 100 ký tự)"
        case .emptyId: vi = "mã để trống"
        case let .duplicateId(id): vi = "mã \"\(id)\" được khai báo hai lần"
        case let .indicatorDefinedTwice(id): vi = "chỉ tiêu \(id) được khai báo hai lần"
        case let .boundsReversed(lower, upper): vi = "cận trên \(n(upper)) không lớn hơn cận dưới \(n(lower))"
        case let .aliasWithoutLetters(alias):
            vi = "tên gọi khác \"\(alias)\" không có chữ cái hay chữ số nào: nó sẽ khớp với mọi ô đơn vị để trống hoặc không đọc được"
        case let .headerMismatch(header, said, held, sample):
            vi = "cột \"\(header)\" có tiêu đề là \(roleVi(said)) nhưng chứa \(roleVi(held)) (\(sample), …)"
        case let .emptyCell(column): vi = "ô trống ở cột \"\(column)\""
        case let .notPlainNumber(text, column):
            vi = "\"\(text)\" ở cột \"\(column)\" không phải là số viết thường (bộ dữ liệu dùng dấu chấm thập phân, không có dấu phân cách hàng nghìn)"
        case let .notOneOf(text, column, allowed, _):
            vi = text.isEmpty ? "ô trống ở cột \"\(column)\"; hãy chọn một trong các giá trị: \(allowed.joined(separator: ", "))"
                : "\"\(text)\" ở cột \"\(column)\" không phải là một trong các giá trị: \(allowed.joined(separator: ", "))"
        case let .notAKind(text, allowed): vi = "\"\(text)\" không thuộc các loại: \(allowed.joined(separator: ", "))"
        case let .entityByAlias(text, id): vi = "đơn vị được ghi là \"\(text)\"; mã của đơn vị là \(id)"
        case let .entityByIssuer(text, named, source, issuer, id):
            vi = "đơn vị được ghi là \"\(text)\", tên này ứng với \(named.joined(separator: " và ")); nguồn \(source) do \(issuer) ban hành nên đó là \(id)"
        case let .ambiguousEntity(text, named):
            vi = "đơn vị \"\(text)\" có thể là \(named.joined(separator: " hoặc ")) và nguồn không cho biết là đơn vị nào; hãy ghi mã"
        case let .unknownEntity(text): vi = "không có đơn vị \"\(text)\" (không phải mã, tên hay tên gọi khác của đơn vị nào)"
        case let .unknownIndicator(id): vi = "không có chỉ tiêu \"\(id)\""
        case let .indicatorNotIn(id, file): vi = "chỉ tiêu \"\(id)\" không có trong \(file)"
        case let .unknownSource(id): vi = "không có nguồn \"\(id)\" (không phải mã hay tên văn bản của nguồn nào)"
        case let .definitionWithError(what, text, at):
            vi = "\(definitionVi(what)) \"\(text)\" bị bỏ qua vì dòng khai báo có lỗi ở \(at)"
        case let .notAYear(text): vi = "\"\(text)\" không phải là năm"
        case let .notANumberAsWritten(text, column): vi = "\"\(text)\" ở cột \"\(column)\" không phải là số"
        case let .target(problem): vi = targetVi(problem)
        case let .layout(note): vi = layoutVi(note)
        case let .period(error): vi = Words.error(error).vi
        case let .number(error): vi = Words.error(error).vi
        case let .valueBelowBound(text, bound, indicator): vi = "\(text) thấp hơn cận dưới \(n(bound)) của \(indicator)"
        case let .valueAboveBound(text, bound, indicator): vi = "\(text) vượt cận trên \(n(bound)) của \(indicator)"
        case let .secondRow(indicator, entity, time): vi = "dòng thứ hai cho \(indicator), \(entity) tại \(time)"
        case let .mixedConventions(text, other, at):
            vi = "\"\(text)\" viết số theo kiểu khác với \"\(other)\" (\(at)): mỗi cột chỉ được dùng một kiểu viết số"
        case let .ambiguousColumn(text, vi: viReading, en: enReading):
            vi = "\"\(text)\" có hai cách đọc: \(reading(viReading)) (kiểu Việt Nam) hoặc \(reading(enReading)) (kiểu tiếng Anh), và mọi giá trị trong cột đều như vậy"
        case .noPeriodHeaders:
            vi = "không có tiêu đề cột nào là kỳ số liệu (2023, Năm 2023, 6 tháng đầu năm 2024) nên bảng không phải dạng ngang"
        case let .periodTwice(header, other): vi = "kỳ \"\(header)\" cũng là tiêu đề của \(other)"
        case let .sameSeries(other, labels): vi = "trùng chuỗi số liệu với \(other) (\(labels.joined(separator: " · "))): mỗi chuỗi chỉ một dòng"
        case let .noPeriodColumn(headers):
            vi = "cột nào chứa kỳ số liệu? Không cột nào trong \(q(headers)) có tiêu đề Năm hoặc Kỳ, và không có hai tiêu đề nào là kỳ (bảng dạng ngang)"
        case let .severalPeriodColumns(names): vi = "có nhiều cột có thể chứa kỳ số liệu: \(q(names))"
        case let .noValueColumn(headers): vi = "không có cột số nào để đọc giá trị (các cột: \(q(headers)))"
        case let .severalValueColumns(names): vi = "có nhiều cột có thể chứa giá trị: \(q(names))"
        case let .secondValue(time, series, first, unlabelled):
            vi = "giá trị thứ hai cho kỳ \(time)\(series.isEmpty ? "" : " của \(series)") (giá trị đầu ở \(first))"
                + (unlabelled ? "; nếu tệp có nhiều chuỗi số liệu thì phải có một cột để phân biệt (huyện, chỉ tiêu)" : "")
        case .noSeries: vi = "không có chuỗi số liệu nào có giá trị"
        case let .noSeriesNamed(wanted, count, listed, more):
            vi = "không có chuỗi nào mang tên \(wanted.map { "\"\($0)\"" }.joined(separator: " và ")); tệp có \(count) chuỗi: \(list(listed, more))"
        case let .severalSeries(count, filtered, listed, more):
            vi = "có \(count) chuỗi số liệu\(filtered ? " khớp" : ""): \(list(listed, more)); hãy chọn một theo đơn vị hoặc chỉ tiêu"
        case let .unclearLabelColumn(name):
            vi = "cột \"\(name)\" không cho biết là chỉ tiêu (đặt tiêu đề Chỉ tiêu) hay đơn vị (đặt tiêu đề Đơn vị)"
        case let .notAColumnOfSheet(header, sheet, columns):
            vi = "\"\(header)\" không phải là cột của trang \"\(sheet)\" (các cột: \(columns.joined(separator: ", ")))"
        case let .neitherColumnNorPeriod(header, sheet, columns, reason):
            vi = "\"\(header)\" không phải là cột của trang \"\(sheet)\" (\(columns.joined(separator: ", "))) cũng không phải là kỳ số liệu (2023, Năm 2023, 6 tháng đầu năm 2024): \(periodReasonVi(reason))"
        case let .sheetNeedsColumns(sheet, first, second): vi = "trang \"\(sheet)\" cần có các cột \(first) và \(second)"
        case .templateNotAlone: vi = "bảng tính theo mẫu đã là cả một bộ dữ liệu: hãy nhập riêng tệp này"
        case .oldOrEncrypted: vi = "tệp Excel cũ (.xls) hoặc bảng tính có mật khẩu; hãy lưu lại thành tệp .xlsx hoặc CSV UTF-8"
        case let .textHasNoSheets(sheet): vi = "tệp văn bản không có trang tính (đã yêu cầu trang \"\(sheet)\")"
        case let .noSheet(name, sheets): vi = "không có trang \"\(name)\" (các trang: \(q(sheets)))"
        case let .mergedTooLarge(limit): vi = "các vùng ô gộp phủ hơn \(count(limit)) ô"
        case let .valueOutsideTable(range): vi = "có giá trị nằm ngoài các cột của bảng (\(range))"
        case let .tableTooLarge(limit): vi = "bảng có hơn \(count(limit)) ô"
        case let .sheetTooLarge(limit): vi = "trang tính có hơn \(count(limit)) ô"
        case .rowPastEnd: vi = "dòng vượt quá 1.048.576"
        case .columnPastEnd: vi = "ô vượt quá cột XFD"
        case let .badRow(text): vi = "dòng \"\(text)\" không phải là dòng của trang tính (1–1.048.576)"
        case let .badCellReference(text): vi = "địa chỉ ô \"\(text)\" không phải là một ô (từ A1 đến XFD1048576)"
        case let .badMergedRange(text): vi = "vùng gộp \"\(text)\" không phải là một vùng ô"
        case .cellTwice: vi = "ô được ghi hai lần"
        case let .noStyle(index, count): vi = "định dạng \(index) không tồn tại (bảng tính có \(count))"
        case let .noSharedString(index, count): vi = "chuỗi dùng chung \(index) không tồn tại (bảng tính có \(count))"
        case let .notBoolean(text): vi = "\"\(text)\" không phải giá trị đúng/sai (0 hoặc 1)"
        case let .notANumberCell(text): vi = "\"\(text)\" không phải là số"
        case let .unknownCellType(type): vi = "kiểu ô \"\(type)\" không phải kiểu mà Excel ghi"
        case let .damaged(damage): vi = "\(damageVi(damage)); Chiso không đọc được bảng tính này"
        }
        return Phrase(vi: vi, en: problem.description)
    }

    /// A period that does not parse.
    public static func error(_ error: PeriodError) -> Phrase {
        Phrase(vi: "\"\(error.text)\" không phải là kỳ số liệu: \(periodReasonVi(error.reason))", en: error.description)
    }

    /// A number that does not parse, or reads two ways.
    public static func error(_ error: NumberParseError) -> Phrase {
        func convention(_ f: NumberFormat) -> String { f == .en ? "kiểu tiếng Anh" : "kiểu Việt Nam" }
        let reason: String
        switch error.reason {
        case let .notInFormat(f): reason = f == .auto ? "không phải là số" : "không phải là số viết theo \(convention(f))"
        case .notANumber: reason = "không phải là số (kiểu Việt Nam \"50,65\" hoặc kiểu tiếng Anh \"50.65\")"
        case let .notInFormatExample(f):
            reason = "không phải là số viết theo \(convention(f)) (\(f == .en ? "\"1,234.5\"" : "\"1.234,5\""))"
        case .tooLarge: reason = "quá lớn"
        case let .ambiguous(vi, en): reason = "có hai cách đọc: \(reading(vi)) (kiểu Việt Nam) hoặc \(reading(en)) (kiểu tiếng Anh)"
        }
        return Phrase(vi: "\"\(error.text)\" \(reason)", en: error.description)
    }

    /// A number in Vietnamese with the decimals its shortest text has ("1.045" → "1,045"; 13425 →
    /// "13.425"; "−0,5"); a number too large or small for plain digits keeps its exponent (`1e+308`).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "−∞" : "∞") }
        let text = value.clean
        if text.contains("e") { return text.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−") }
        let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        return NumberText.plain(value, decimals: decimals, .vi)
    }

    /// A decimal time in Vietnamese, without grouping ("2020,5").
    public static func time(_ t: Double) -> String {
        guard t.isFinite else { return number(t) }
        return t.clean.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−")
    }

    /// A whole count in Vietnamese ("1.048.576").
    static func count(_ value: Int) -> String { NumberText.plain(Double(value), decimals: 0, .vi) }

    /// A reading of an ambiguous number (digits, a dot decimal) written with a decimal comma and no grouping.
    static func reading(_ digits: String) -> String { digits.replacingOccurrences(of: ".", with: ",") }

    /// A dataset column named as the subject of a sentence: "giá trị", "tử số", "mẫu số", else `cột "…"`.
    static func fieldVi(_ column: String) -> String {
        switch column {
        case "value": "giá trị"
        case "numerator": "tử số"
        case "denominator": "mẫu số"
        default: "cột \"\(column)\""
        }
    }

    /// A source table's column role ("rates", "counts").
    static func roleVi(_ role: String) -> String {
        switch role {
        case "rates": "tỷ lệ"
        case "counts": "số đếm"
        default: role
        }
    }

    static func unreadableVi(_ reason: DatasetError.Unreadable) -> String {
        switch reason {
        case .cannotOpen: "không mở được tệp"
        case .permissionDenied: "không có quyền đọc tệp"
        case .isDirectory: "đây là một thư mục"
        case .tooLarge: "tệp lớn hơn 2 GiB"
        case .notUTF16: "không phải văn bản UTF-16 hợp lệ"
        case .notUTF32: "không phải văn bản UTF-32 hợp lệ"
        case .repeatedByteOrderMark: "tệp bắt đầu bằng hai dấu thứ tự byte (U+FEFF); hãy lưu lại dưới dạng UTF-8"
        case .zlib: "không khởi động được zlib"
        case let .system(reason): "thông báo của hệ thống: \(reason)"
        }
    }

    static func periodReasonVi(_ reason: PeriodError.Reason) -> String {
        switch reason {
        case let .yearOutOfRange(y): "năm \(y) nằm ngoài khoảng 1900–2100"
        case .rangeEndNotDate: "khoảng thời gian phải kết thúc bằng một ngày dạng 2024-09-20"
        case .rangeStartNotDate: "khoảng thời gian phải bắt đầu bằng một ngày dạng 2024-09-01 hoặc bằng .."
        case .rangeBackwards: "khoảng thời gian kết thúc trước khi bắt đầu"
        case .notCanonical: "cần có dạng 2019, 2020H1, 2024Q1, 2024M08, 2022-05-20 hoặc một khoảng thời gian"
        case .unknownForm:
            "cần có dạng năm (2019, Năm 2019), nửa năm (2020H1, 6 tháng đầu năm 2020), quý (2024Q1, Quý 1/2024), tháng (2024M08, tháng 8/2024), ngày (2022-05-20, 30/6/2022) hoặc khoảng thời gian (2024-09-01/2024-09-20)"
        case .half: "nửa năm phải là H1 hoặc H2"
        case .quarter: "quý phải từ Q1 đến Q4"
        case .romanQuarter: "quý phải từ I đến IV (hoặc từ 1 đến 4)"
        case .canonicalMonth: "tháng phải từ M01 đến M12"
        case .month: "tháng phải từ 1 đến 12"
        case .dateForm: "ngày phải có dạng năm-tháng-ngày (2022-05-20)"
        case .noSuchDate: "không có ngày này"
        case .noSuchDayMonthYear: "không có ngày này (ngày/tháng/năm)"
        }
    }

    static func damageVi(_ damage: DataProblem.Damage) -> String {
        switch damage {
        case let .partMissing(part): "thiếu phần \(part)"
        case let .declaresDTD(part): "\(part) khai báo DTD"
        case .noCentralDirectory: "không có thư mục trung tâm của tệp ZIP (tệp có thể bị cắt cụt)"
        case .zip64Missing: "thiếu bản ghi ZIP64"
        case .zip64Outside: "bản ghi ZIP64 nằm ngoài tệp"
        case .zip64Damaged: "bản ghi ZIP64 bị hỏng"
        case .directoryOutside: "thư mục trung tâm của tệp ZIP nằm ngoài tệp"
        case .directoryDamaged: "thư mục trung tâm của tệp ZIP bị hỏng"
        case .cutShort: "tệp bị cắt cụt"
        case let .encrypted(part): "\(part) bị mã hóa (hãy lưu bảng tính mà không đặt mật khẩu)"
        case let .packingMethod(part, method): "\(part) được nén bằng phương pháp ZIP số \(method)"
        case let .partOutside(part): "\(part) nằm ngoài tệp"
        case let .noLocalHeader(part): "\(part) không có phần đầu ZIP"
        case let .partPastEnd(part): "\(part) vượt quá cuối tệp (tệp bị cắt cụt)"
        case let .unpacksBeyond(part, bytes): "\(part) khi giải nén lớn hơn \(DataProblem.Damage.bytes(bytes).replacingOccurrences(of: "bytes", with: "byte"))"
        case let .unpacksRatio(part, ratio): "\(part) khi giải nén lớn hơn \(ratio) lần kích thước nén"
        case let .packedDataEndsEarly(part): "\(part) bị hỏng (dữ liệu nén kết thúc sớm)"
        case let .notDeflate(part): "\(part) bị hỏng (dữ liệu nén không hợp lệ)"
        case let .sheetWithoutPart(sheet, id, relationships):
            "trang \"\(sheet)\" không có phần dữ liệu (quan hệ \"\(id)\" không có trong \(relationships))"
        case let .noSheets(part): "\(part) không liệt kê trang tính nào"
        case let .notWellFormed(part, line): "\(part) không phải XML hợp lệ (dòng \(line))"
        case let .unclosed(part): "\(part) kết thúc trước khi phần tử cuối cùng được đóng"
        case let .tooManySharedStrings(limit): "số chuỗi dùng chung nhiều hơn \(count(limit))"
        case let .duplicateMember(part): "gói tệp có hai phần \(part) (hoặc hai tên chỉ khác nhau chữ hoa, chữ thường)"
        case let .unpacksBeyondDeclared(part, bytes): "\(part) khi giải nén lớn hơn \(count(Int(clamping: bytes))) byte mà thư mục ZIP khai báo"
        case let .notUTF8(part, encoding): "\(part) không mã hóa bằng UTF-8 (\(encoding)); hãy lưu lại bảng tính bằng Excel"
        case let .invalidUTF8(part, byte): "\(part) không phải UTF-8 hợp lệ (tại byte thứ \(count(Int(clamping: byte)))); hãy lưu lại bảng tính bằng Excel"
        case let .runTooLong(part, bytes): "\(part) có một đoạn văn bản hoặc thẻ dài hơn \(DataProblem.Damage.bytes(Int64(bytes)).replacingOccurrences(of: "bytes", with: "byte"))"
        case let .cellTextTooLong(limit): "có văn bản dài hơn \(count(limit)) ký tự (giới hạn một ô của Excel)"
        case let .tooManyMergeEntries(limit): "trang tính liệt kê hơn \(count(limit)) vùng gộp"
        case let .mergedOverlap(a, b): "hai vùng gộp \(a) và \(b) chồng lên nhau"
        case let .tableTextTooLarge(bytes): "văn bản của bảng lớn hơn \(DataProblem.Damage.bytes(bytes).replacingOccurrences(of: "bytes", with: "byte")) (nhiều hơn các phần của bảng tính có thể chứa)"
        }
    }
}
