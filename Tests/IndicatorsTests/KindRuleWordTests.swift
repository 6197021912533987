import Indicators
import Testing

/// The kind rule's words are whole words, with the phrases where they mean something else left out:
/// each case is a name a Vietnamese ICT report uses, with the kind a planner means by it.
@Suite struct KindRuleWordTests {
    static func kind(_ name: String, header: String = "Giá trị", unit: String = "") -> Indicator.Kind {
        let texts = [name, header, unit]
        let share: ShareEvidence? = texts.contains(where: KindRule.saysPercent) ? .label(name) : nil
        return KindRule.decide(texts: texts, share: share, counts: false, values: [1, 2, 3]).kind
    }

    @Test func wordsMeanWhatPlannersMean() {
        // "cộng đồng" is a community, not the currency.
        #expect(Self.kind("Số tổ công nghệ số cộng đồng") == .count)
        #expect(Self.kind("Thành viên hội đồng") == .count)
        // Places ("điểm" as a point of service) counted with "Số …".
        #expect(Self.kind("Số điểm truy cập Internet công cộng") == .count)
        #expect(Self.kind("Địa điểm Wi-Fi miễn phí") == .count)
        #expect(Self.kind("Chỉ số DTI cấp huyện") == .score)
        #expect(Self.kind("Điểm DTI") == .score)
        #expect(Self.kind("Xếp hạng DTI") == .rank)
        #expect(Self.kind("Hạng mục đầu tư hoàn thành") == .count)
        #expect(Self.kind("Kinh phí chuyển đổi số", unit: "triệu đồng") == .amount)
        #expect(Self.kind("Kinh phí", unit: "đồng") == .amount)
        #expect(Self.kind("Tỷ lệ hồ sơ trực tuyến") == .share)
        #expect(Self.kind("Dossiers", header: "Value (%)") == .share)
        // "rate" and "share" only as whole words.
        #expect(Self.kind("Corporate dossiers") == .count)
        #expect(Self.kind("Shared data platforms") == .count)
        #expect(Self.kind("Adoption rate") == .share)
        #expect(Self.kind("District rank") == .rank)
    }

    @Test func saysPercentOnlyOnWholeWordsOrTheSign() {
        #expect(KindRule.saysPercent("Tỷ lệ (%)"))
        #expect(KindRule.saysPercent("%"))
        #expect(KindRule.saysPercent("phần trăm"))
        #expect(!KindRule.saysPercent("Corporate tax"))
        #expect(!KindRule.saysPercent("Separate dossiers"))
        #expect(!KindRule.saysPercent("Property level"))
    }
}
