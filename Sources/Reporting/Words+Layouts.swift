import Foundation
import Indicators

/// Reports' layouts and targets as written, in Vietnamese: the notes on what was read around a
/// planner's table (`ReportLayout.Note`) and the targets that do not read (`TargetProblem`).
/// The English is the library's own `description`.
extension Words {
    /// A note on a report's layout (what was read around a planner's table), in both languages.
    public static func layout(_ note: ReportLayout.Note) -> Phrase {
        Phrase(vi: layoutVi(note), en: note.description)
    }

    /// A note on a report's layout, in Vietnamese.
    static func layoutVi(_ note: ReportLayout.Note) -> String {
        switch note {
        case let .titleRow(_, text): "dòng tiêu đề \"\(text)\" phía trên bảng, bỏ qua"
        case let .footnotes(_, text): "phần ghi chú dưới bảng (\"\(text)\" …), bỏ qua"
        case let .ignoredColumn(_, header): "cột \"\(header)\" không phải là cột cần đọc, bỏ qua"
        case let .planColumn(_, header, period, targets):
            "cột \"\(header)\" là kế hoạch của \(period)" + (targets ? ", được đọc thành mục tiêu (≥, hoặc ≤ khi chỉ tiêu càng thấp càng tốt)"
                                                                     : ", không phải số thực hiện: bỏ qua")
        case let .totalsRow(_, text, entity): "dòng tổng \"\(text)\" được đọc là \(entity), đơn vị cấp trên của các đơn vị trong bảng"
        case let .totalsRowLeftOut(_, text): "dòng tổng \"\(text)\" bỏ qua (bảng không có cột đơn vị)"
        }
    }

    /// A target as written that does not read, in Vietnamese.
    static func targetVi(_ problem: TargetProblem) -> String {
        switch problem {
        case let .notAValue(text, column):
            "\"\(text)\" ở cột \"\(column)\" không phải là giá trị mục tiêu (ghi một số, có thể kèm so sánh và đơn vị: 80,5; ≥ 80%; tối thiểu 80%; 700 điểm)"
        case let .comparatorConflict(text, column, written, given, comparatorColumn):
            "\"\(text)\" ở cột \"\(column)\" là \(written == .atLeast ? "tối thiểu (≥)" : "tối đa (≤)") nhưng cột \"\(comparatorColumn)\" ghi \"\(given)\": chỉ ghi so sánh một lần"
        case let .wrongUnit(text, unit, indicator, indicatorUnit):
            "\"\(text)\" ghi theo đơn vị \"\(unit)\" nhưng chỉ tiêu \(indicator) tính bằng \(Vocabulary.unit.word(indicatorUnit))"
        }
    }
}
