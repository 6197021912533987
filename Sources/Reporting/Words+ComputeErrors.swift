import Forecasting
import Foundation
import Indicators
import LinearAlgebra
import Statistics

/// Errors of computing and writing in words: a statistical fit, the linear algebra under it, a
/// calibration table, a report table, a file or folder not written, a system error number, and why a
/// series cannot be forecast — in Vietnamese and English (the English is the library's own
/// `description`). Input errors and findings are in `Words+Errors.swift`.
extension Words {
    /// A failure of a statistical fit.
    public static func error(_ error: StatisticsError) -> Phrase {
        func input(_ what: StatisticsError.Input) -> String {
            switch what {
            case .response: "biến phụ thuộc"
            case let .predictor(name): "biến giải thích \(name)"
            case .successes: "số lần thành công (phải nằm giữa 0 và số lần thử)"
            case .sumOfSquares: "tổng bình phương của một biến giải thích"
            }
        }
        let vi: String
        switch error {
        case let .tooFewObservations(n, p): vi = "có \(n) quan sát dùng được cho \(p) tham số: cần ít nhất \(p)"
        case let .nonFinite(what, row): vi = "\(input(what)) ở dòng \(row + 1) không phải là số hữu hạn"
        case let .tooLarge(what, row, value):
            vi = "\(input(what)) ở dòng \(row + 1) bằng \(number(value)): vượt quá ±1e150, ngưỡng mà tổng bình phương bị tràn số; hãy đổi đơn vị (ví dụ sang nghìn hoặc triệu)"
        case let .invalidWeight(row, value): vi = "trọng số \(number(value)) ở dòng \(row + 1) không phải là số dương hữu hạn"
        case let .dimensionMismatch(what): vi = "kích thước không khớp: \(what)"
        case let .rankDeficient(rank, columns, _):
            vi = "ma trận thiết kế có hạng \(rank) < \(columns) cột: một số hệ số không ước lượng được"
        case let .invalidLevel(level): vi = "mức tin cậy \(number(level)) không nằm giữa 0 và 1"
        case let .notConverged(iterations):
            vi = "phép ước lượng không hội tụ sau \(iterations) vòng lặp (các tỷ lệ có thể tách biệt hoàn toàn)"
        case let .linearAlgebra(error): vi = Words.error(error).vi
        }
        return Phrase(vi: vi, en: error.description)
    }

    /// A failure of the linear-algebra layer.
    public static func error(_ error: LinearAlgebraError) -> Phrase {
        let vi: String
        switch error {
        case let .illegalArgument(routine, position): vi = "LAPACK \(routine) từ chối tham số thứ \(position) (lỗi của Chiso: xin hãy báo lại)"
        case let .singular(routine, index): vi = "LAPACK \(routine): ma trận suy biến tại phần tử đường chéo thứ \(index)"
        case let .notConverged(routine): vi = "LAPACK \(routine) không hội tụ"
        case let .dimensionMismatch(what): vi = "kích thước không khớp: \(what)"
        case let .nonFinite(what): vi = "có giá trị không hữu hạn trong \(what)"
        }
        return Phrase(vi: vi, en: error.description)
    }

    /// A line of a calibration table that does not read.
    public static func error(_ error: CalibrationTable.FormatError) -> Phrase {
        let vi: String
        switch error.problem {
        case let .fieldCount(found): vi = "có \(found) trường, cần 8"
        case .badSettings: vi = "bản ghi settings cần max_horizon;minimum_count"
        case .badCorpus: vi = "bản ghi corpus cần indicators;entities;first_year;last_year (số nguyên, năm đầu không sau năm cuối)"
        case .noSettings: vi = "không có bản ghi settings"
        case let .unknownFamily(family): vi = "không có họ chuỗi \"\(family)\""
        case .nonFinite: vi = "có giá trị không phải là số hữu hạn"
        case let .outOfRange(text, lower, upper): vi = "\"\(text)\" không nằm trong khoảng \(lower)…\(upper)"
        case let .levelEdges(count): vi = "level_edges (họ count) cần \(count) giá trị tăng dần"
        case let .slopeEdges(count): vi = "slope_edges cần \(count) giá trị tăng dần"
        case .spread: vi = "spread cần hai giá trị dương"
        case .centre: vi = "centre cần một giá trị trong khoảng 0…3"
        case .beta: vi = "beta cần 6 giá trị (mỗi mức bền nhịp một giá trị)"
        case .unit: vi = "unit cần một giá trị dương"
        case let .quantileCount(count): vi = "mỗi ô cần \(count) phân vị"
        case .quantilesNotIncreasing: vi = "các phân vị không tăng dần"
        case let .unknownRecord(record): vi = "không có loại bản ghi \"\(record)\""
        }
        return Phrase(vi: "dòng \(error.line): \(vi)", en: error.description)
    }

    /// A problem building a report table.
    public static func error(_ error: ReportError) -> Phrase {
        switch error {
        case let .unknownIndicator(id): Phrase(vi: "không có chỉ tiêu \"\(id)\"", en: error.description)
        case let .noData(id, period): Phrase(vi: "chỉ tiêu \(id) không có số liệu cho kỳ \(period)", en: error.description)
        case let .noCounts(id): Phrase(vi: "chỉ tiêu \(id) không có chỉ tiêu thành phần và không có số đếm để so sánh", en: error.description)
        }
    }

    /// Why a file or report folder was not written.
    public static func error(_ error: WriteError) -> Phrase {
        func kind(_ k: WriteError.EntryKind) -> String {
            switch k {
            case .folder: "một thư mục"
            case .symbolicLink: "một liên kết tượng trưng"
            case .characterDevice: "một thiết bị ký tự"
            case .blockDevice: "một thiết bị khối"
            case .pipe: "một đường ống (FIFO)"
            case .socket: "một socket"
            case .regularFile: "một tệp thông thường"
            }
        }
        let reason: String
        switch error {
        case let .system(_, code): reason = system(code).vi
        case let .notRegularFile(_, k): reason = "đây là \(kind(k)), không phải tệp thông thường; để nguyên như cũ"
        case let .notFolder(_, k): reason = "đây là \(kind(k)), không phải thư mục; để nguyên như cũ"
        case let .foreignEntry(_, name): reason = "thư mục có \"\(name)\", không phải tệp do báo cáo ghi; hãy chọn một thư mục mới hoặc trống"
        case let .existingWork(_, name, marked):
            reason = marked ? "thư mục có \"\(name)\" và không phải do báo cáo ghi (không có tệp .chiso-report); để nguyên như cũ: hãy chọn một thư mục mới hoặc trống"
                : "đã có \"\(name)\"; để nguyên như cũ"
        case .exists: reason = "tệp đã có; để nguyên như cũ"
        case .emptyPath: return Phrase(vi: "không ghi được vào một đường dẫn trống", en: error.description)
        case .unsafeName: reason = "tên tệp không an toàn"
        case .notReplaceable: reason = "không phải thư mục mà báo cáo có thể thay thế"
        case .noTemporaryName: reason = "không còn tên tạm nào trống bên cạnh"
        case let .parentNotCreated(_, text): reason = "không tạo được thư mục; thông báo của hệ thống: \(text)"
        case let .rendering(_, failure): reason = Words.error(failure)?.vi ?? "\(failure)"
        }
        return Phrase(vi: "\(error.path): không ghi được (\(reason))", en: error.description)
    }

    /// A system error number in words: the common ones in Vietnamese, any other as the system says
    /// it (the English is always the system's, `strerror`).
    public static func system(_ code: Int32) -> Phrase {
        let en = String(cString: strerror(code))
        let vi: String
        switch code {
        case ENOSPC: vi = "thiết bị đã hết chỗ trống"
        case EPIPE: vi = "đường ống đã bị đóng"
        case EACCES, EPERM: vi = "không có quyền"
        case ENOENT: vi = "không có tệp hay thư mục này"
        case ENOTDIR: vi = "một phần của đường dẫn không phải thư mục"
        case EISDIR: vi = "đây là một thư mục"
        case EEXIST: vi = "đã tồn tại"
        case EIO: vi = "lỗi vào/ra"
        case EBADF: vi = "bộ mô tả tệp không hợp lệ"
        case EROFS: vi = "hệ thống tệp chỉ cho phép đọc"
        case EDQUOT: vi = "đã vượt hạn mức dung lượng"
        case ENAMETOOLONG: vi = "tên tệp quá dài"
        default: vi = en
        }
        return Phrase(vi: vi, en: en)
    }

    /// What is wrong with a series itself.
    public static func seriesProblem(_ problem: ForecastError.SeriesProblem) -> Phrase {
        let vi: String
        switch problem {
        case .lengthsDiffer: vi = "số thời điểm, giá trị và số đếm không khớp nhau"
        case let .boundsReversed(lower, upper): vi = "cận dưới \(number(lower)) không nhỏ hơn cận trên \(number(upper))"
        case let .constant(count, value): vi = "cả \(count) giá trị đều bằng \(number(value)): không ước lượng được xu hướng và độ phân tán"
        case .nonFinite: vi = "có thời điểm hoặc giá trị không phải là số hữu hạn"
        case let .beyondLargest(value, time):
            vi = "giá trị \(number(value)) tại thời điểm \(Words.time(time)) vượt quá ±1e150, ngưỡng mà tổng bình phương bị tràn số; hãy đổi đơn vị của chuỗi (ví dụ sang nghìn hoặc triệu)"
        case let .sameTime(t): vi = "có hai điểm cùng thời điểm \(Words.time(t))"
        case let .notIncreasing(a, b): vi = "các thời điểm không tăng dần (\(Words.time(a)) rồi \(Words.time(b)))"
        case let .badCounts(n, d, t):
            vi = "số đếm \(number(n))/\(number(d)) tại thời điểm \(Words.time(t)) không thỏa 0 ≤ tử số ≤ mẫu số, mẫu số > 0"
        case .unknownIndicator: vi = "không có chỉ tiêu này"
        }
        return Phrase(vi: vi, en: problem.description)
    }

    /// Why a model does not apply to a series.
    public static func notApplicable(_ reason: ForecastError.NotApplicable) -> Phrase {
        let vi: String
        switch reason {
        case .needsPositiveValues: vi = "cần các giá trị dương (để lấy logarit)"
        case .noUpperBound: vi = "chỉ tiêu không có cận trên"
        case .needsThreePoints: vi = "cần ít nhất 3 điểm (2 lần thay đổi) để ước lượng độ phân tán"
        case .noCounts: vi = "không điểm nào có số đếm"
        case let .calibrationLacksKind(source): vi = "bảng hiệu chỉnh (\(Words.source(source).vi)) không có chuỗi nào thuộc loại này"
        case .noCandidateInBounds: vi = "không có mô hình nào cho dự báo nằm trong biên"
        }
        return Phrase(vi: vi, en: reason.description)
    }
}
