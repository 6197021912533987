import ChisoTestSupport
import Foundation
import Testing

/// The template filled in Vietnamese (Fixtures/fill_template_vi.py made both workbooks from
/// `chiso data template`): only Vietnamese words in the cells with drop-down lists, sources without
/// ids named by their titles; and the same with three wrong cells, each reported once as the root
/// cause of the errors that follow from it.
struct TemplateInVietnameseTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/ChisoCLITests/Fixtures")
    static let vietnamese = fixtures.appendingPathComponent("filled-template-vi.xlsx").path
    static let wrong = fixtures.appendingPathComponent("filled-template-3-wrong.xlsx").path

    /// The lines of a file.
    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func vietnameseWordsValidateWithoutErrors() throws {
        let vi = try runChiso(["data", "validate", "--data", Self.vietnamese])
        #expect(vi.status == 0, "\(vi.stdout)\(vi.stderr)")
        #expect(vi.stdout == "38 số liệu, 4 chỉ tiêu, 5 đơn vị, 2 nguồn, 3 mục tiêu; 0 lỗi, 0 cảnh báo\n")
        let en = try runChiso(["data", "validate", "--data", Self.vietnamese, "--lang", "en"])
        #expect(en.stdout == "38 observations, 4 indicators, 5 entities, 2 sources, 3 targets; 0 errors, 0 warnings\n")
    }

    /// What the Vietnamese words were read as: the dataset `data import` writes.
    @Test func vietnameseWordsReadAsTheirCodes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ds")
        let r = try runChiso(["data", "import", Self.vietnamese, "--out", out.path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try lines(out.appendingPathComponent("indicators.csv")) == [
            "id,name_vi,name_en,unit,kind,lower,upper,direction,measure,parent,ranks,definition,unit_label_vi,unit_label_en",
            "ty_le_ho_so_truc_tuyen,Tỷ lệ hồ sơ trực tuyến toàn trình,,percent,share,0,100,up,flow,,,,,",
            "so_ho_so_truc_tuyen,Số hồ sơ trực tuyến,,count,count,0,,up,flow,,,,hồ sơ,",
            "diem_cds,Điểm chuyển đổi số,,score,score,0,1000,up,stock,,,,,",
            "hang_cds,Xếp hạng chuyển đổi số,,rank,rank,1,3,down,stock,,diem_cds,,,",
        ])
        let entities = try lines(out.appendingPathComponent("entities.csv"))
        #expect(entities.map { $0.split(separator: ",", omittingEmptySubsequences: false)[3] } == ["level", "province", "district", "district", "district", "department"])
        // Sources without ids get them from their titles, and the sheets name them by title.
        #expect(try lines(out.appendingPathComponent("sources.csv")) == [
            "id,title,issuer,document_number,date,file",
            "bao_cao_ket_qua_chuyen_doi_so_nam_2024,Báo cáo kết quả chuyển đổi số năm 2024,UBND tỉnh Hòa Bình Xanh,123/BC-UBND,2024-12-20,",
            "ke_hoach_chuyen_doi_so_giai_doan_2021,Kế hoạch chuyển đổi số giai đoạn 2021-2025,UBND tỉnh Hòa Bình Xanh,45/KH-UBND,2021-03-15,",
        ])
        #expect(try lines(out.appendingPathComponent("targets.csv")) == [
            "indicator,entity,year,value,comparator,source,note",
            "ty_le_ho_so_truc_tuyen,tinh_x,2025,80,>=,ke_hoach_chuyen_doi_so_giai_doan_2021,",
            "ty_le_ho_so_truc_tuyen,krong_no,2025,70,>=,ke_hoach_chuyen_doi_so_giai_doan_2021,",
            "so_ho_so_truc_tuyen,cu_jut,2025,9000,>=,ke_hoach_chuyen_doi_so_giai_doan_2021,",
        ])
        let observations = try lines(out.appendingPathComponent("observations.csv"))
        #expect(observations.count == 1 + 38)
        #expect(observations.contains("ty_le_ho_so_truc_tuyen,cu_jut,2024,36.4,3640,10000,bao_cao_ket_qua_chuyen_doi_so_nam_2024,\"Biểu 2, dòng 7\","))
        #expect(observations.contains("so_ho_so_truc_tuyen,cu_jut,2024,7004,,,bao_cao_ket_qua_chuyen_doi_so_nam_2024,filled-template-vi.xlsx[Số liệu]!H6,"))
        // The example rows (row 2 of each sheet) are not data.
        #expect(!observations.contains { $0.contains("huyen_a") || $0.contains("Ví dụ") })
    }

    /// Three wrong cells (a kind, a level, a source id): three lines, each naming its sheet and
    /// cell and how many errors follow from it, then one line counting them; never `entities.csv`
    /// or an English column name.
    @Test func threeWrongCellsGiveThreeRootCauseLines() throws {
        let vi = try runChiso(["data", "validate", "--data", Self.wrong])
        #expect(vi.status == 1)
        let book = Self.wrong
        #expect(vi.stdout.split(separator: "\n").map(String.init) == [
            "\(book)[Nguồn]!E3: lỗi: mã \"báo cáo 2024\" chỉ được dùng chữ cái A–Z, a–z, chữ số, \"_\", \"-\" và \".\" (bắt đầu bằng chữ cái hoặc chữ số; tối đa 100 ký tự) (kéo theo 11 lỗi khác)",
            "\(book)[Chỉ tiêu]!E3: lỗi: \"bình quân\" ở cột \"Loại\" không phải là một trong các giá trị: tỷ lệ, số lượng, điểm, hạng, số tiền (kéo theo 6 lỗi khác)",
            "\(book)[Đơn vị]!D5: lỗi: \"thôn\" ở cột \"Cấp\" không phải là một trong các giá trị: tỉnh, huyện, sở/ngành (kéo theo 3 lỗi khác)",
            "3 ô trên gây ra 20 lỗi khác ở các dòng dùng đến chúng: sửa các ô này trước",
            "0 số liệu, 3 chỉ tiêu, 4 đơn vị, 1 nguồn, 1 mục tiêu; 23 lỗi, 0 cảnh báo",
        ])
        let en = try runChiso(["data", "validate", "--data", Self.wrong, "--lang", "en"])
        let rootLines = en.stdout.split(separator: "\n").filter { $0.contains(": error[") }
        #expect(rootLines.count == 3)
        #expect(rootLines.contains { $0 == "\(book)[Chỉ tiêu]!E3: error[invalid_choice] \"bình quân\" in column \"Loại\" is not one of: tỷ lệ, số lượng, điểm, hạng, số tiền (or share, count, score, rank, amount) (and 6 errors that follow from it)" })
        #expect(en.stdout.contains("\n3 cells above cause 20 more errors in the rows that use them: fix them first\n"))
        for text in [vi.stdout, en.stdout] {
            #expect(!text.contains("entities.csv") && !text.contains("sources.csv") && !text.contains("\"parent\"") && !text.contains("\"level\""))
        }
        // Every finding is still in the JSON, each that follows from a cell with that cell.
        let json = try runChiso(["data", "validate", "--data", Self.wrong, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 23)
        #expect(findings.filter { $0["cause"] as? String == "\(book)[Chỉ tiêu]!E3" }.count == 6)
        // A command that needs the data names the first cell and the other two.
        let gaps = try runChiso(["gaps", "--data", Self.wrong])
        #expect(gaps.status == 1)
        #expect(gaps.stderr.hasPrefix("Lỗi: \(book)[Nguồn]!E3: mã \"báo cáo 2024\""))
        #expect(gaps.stderr.hasSuffix(" (và 2 lỗi khác); chạy chiso data validate để xem tất cả\n"))
    }
}
