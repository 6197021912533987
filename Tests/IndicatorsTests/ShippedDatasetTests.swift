import ChisoTestSupport
import Foundation
import Indicators
import Testing

/// The shipped Datasets/: it loads without errors, reports the seed defects as warnings, has
/// every required id, and a handful of transcribed values equal the seed text.
struct ShippedDatasetTests {
    static func load() throws -> (Dataset, [Finding]) {
        try DatasetLoader.load(directory: shippedDatasets.path)
    }

    @Test func loadsWithoutErrorsAndReportsTheSeedDefects() throws {
        let (data, findings) = try Self.load()
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.filter { $0.severity == .error })")
        let codes = findings.map(\.code)
        // 2023 DTI table: published ranks that contradict the scores (seed 002, lines 62–67).
        #expect(findings.contains { $0.code == .rankContradiction && $0.indicator == "dti_rank" && $0.entity == "dak_glong" })
        #expect(findings.contains { $0.code == .rankContradiction && $0.indicator == "dti_rank" && $0.entity == "cu_jut" })
        // 2024 district campaign table: column labels shifted against the data (seed 003, line 63).
        #expect(findings.contains { $0.code == .headerMismatch && ($0.position?.file.hasSuffix("campaign_2024_districts.csv") ?? false) })
        // Rates that are not numerator/denominator (seed 000 Phụ lục II: Đắk R'lấp level-4 0.00 % = 28/613).
        #expect(findings.contains { $0.code == .ratioMismatch && $0.entity == "dak_rlap" })
        // Tuy Đức's DTI total 387.96 is not the sum of its pillars (387.87).
        #expect(findings.contains { $0.code == .totalMismatch && $0.entity == "tuy_duc" })
        // Online payments in Đắk Nông: 157,047,500 to the end of August 2024, then 56,681,504,119 for
        // 1–10 September (the note already calls it doubtful), then 36,020,000: a several-hundredfold step
        // each way, warned as a possible slip.
        #expect(findings.contains { $0.code == .suspectNumber && $0.indicator == "online_payment_amount" && $0.entity == "dak_nong" })
        #expect(codes.allSatisfy { [.rankContradiction, .headerMismatch, .ratioMismatch, .totalMismatch, .zeroDenominator, .conflictingValues,
                                    .suspectNumber].contains($0) })
        #expect(data.observations.count > 900)
    }

    static let requiredEntities = ["dak_nong", "dak_lak", "gia_nghia", "dak_mil", "cu_jut", "krong_no", "dak_song",
                                   "dak_rlap", "tuy_duc", "dak_glong"]
    static let requiredIndicators = [
        "dvctt_with_applications_share", "online_application_share", "fixed_broadband_household_share", "ict_index_rank",
        "dti_score", "dti_awareness", "dti_institutions", "dti_infrastructure", "dti_human_resources", "dti_cybersecurity",
        "dti_digital_government", "dti_digital_economy", "dti_digital_society", "edoc_exchange_share",
        "digitized_records_share", "citizen_satisfaction_share",
    ]

    @Test func requiredIdsExistAndHaveData() throws {
        let (data, _) = try Self.load()
        for id in Self.requiredEntities { #expect(data.entity(id) != nil, "entity \(id)") }
        for id in Self.requiredIndicators {
            #expect(data.indicator(id) != nil, "indicator \(id)")
            #expect(!data.observations(indicator: id).isEmpty || !data.targets.filter { $0.indicator == id }.isEmpty, "no data for \(id)")
        }
        // Every Đắk Nông district has a 2023 DTI total and eight pillars.
        for district in Self.requiredEntities.dropFirst(2) {
            for id in Self.requiredIndicators where id.hasPrefix("dti_") {
                #expect(data.observations(indicator: id, entity: district).contains { $0.period == .year(2023) }, "\(id) \(district) 2023")
            }
        }
        #expect(data.entity("krong_no")?.aliases.contains("K'ông Nô") == true)
    }

    struct Quote: Sendable, CustomTestStringConvertible {
        var seed: String
        var text: String
        var number: String
        var indicator: String
        var entity: String
        var period: String
        var counts: (Double, Double)?
        var testDescription: String { "\(indicator) \(entity) \(period)" }
    }

    /// Values chosen from each seed; `text` is quoted verbatim from the seed and `number` within it.
    static let quotes: [Quote] = [
        Quote(seed: "001_dd938f167053f6fe.txt", text: "Năm 2019: 9,6% (38/397 DVC)", number: "9,6",
              indicator: "dvctt_with_applications_share", entity: "dak_nong", period: "2019", counts: (38, 397)),
        Quote(seed: "001_dd938f167053f6fe.txt", text: "Năm 2017: 0,6% (1/175 DVC)", number: "0,6",
              indicator: "dvctt_with_applications_share", entity: "dak_nong", period: "2017", counts: (1, 175)),
        Quote(seed: "002_d1992ec31cc5c668.txt", text: "đạt 655,26/1000 điểm", number: "655,26",
              indicator: "dti_score", entity: "krong_no", period: "2023", counts: nil),
        Quote(seed: "002_d1992ec31cc5c668.txt", text: "năm 2022 đạt 630,32 điểm", number: "630,32",
              indicator: "dti_score", entity: "krong_no", period: "2022", counts: nil),
        Quote(seed: "003_666244ba3d785598.txt", text: "UBND huyện Đắk Song\t341\t129\t38%\t812\t342\t42%", number: "42",
              indicator: "online_application_share", entity: "dak_song", period: "2024-09-01/2024-09-20", counts: (342, 812)),
        Quote(seed: "003_666244ba3d785598.txt", text: "Sở Công Thương\t24123\t23932\t99%", number: "99",
              indicator: "online_application_share", entity: "dn_so_ct", period: "../2024-08-31", counts: (23932, 24123)),
        Quote(seed: "000_ab573e19895e3859.txt", text: "Tỷ lệ DVCTT phát sinh hồ sơ mức độ 3 là 36%", number: "36",
              indicator: "dvctt_level3_with_applications_share", entity: "dak_nong", period: "../2022-05-20", counts: nil),
        Quote(seed: "004_b117a72f4374bcac.txt", text: "Tỷ lệ DVCTT một phần có phát sinh hồ sơ: 47,96% (271/ 565)", number: "47,96",
              indicator: "dvctt_partial_among_services_with_dossiers_share", entity: "dak_lak", period: "2023-12-15/2024-06-14", counts: (271, 565)),
    ]

    @Test(arguments: quotes)
    func transcribedValueEqualsSeedText(_ q: Quote) throws {
        let (data, _) = try Self.load()
        let period = try Period(parsing: q.period)
        let matches = data.observations(indicator: q.indicator, entity: q.entity).filter { $0.period == period }
        #expect(matches.count == 1)
        let expected = try NumberFormat.vi.parse(q.number)
        #expect(matches.first?.value == expected)
        if let (n, d) = q.counts {
            #expect(matches.first?.numerator == n && matches.first?.denominator == d)
        }
        // Where the seeds are beside the repository (developers' machines, CI), the quote is in the seed.
        let seed = seedsFolder.appendingPathComponent(q.seed)
        if FileManager.default.fileExists(atPath: seed.path) {
            let text = try String(contentsOf: seed, encoding: .utf8)
            #expect(text.contains(q.text), "quote not found in \(q.seed)")
        }
    }
}
