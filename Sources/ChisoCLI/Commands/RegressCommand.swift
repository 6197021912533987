import ArgumentParser
import Chiso
import Foundation

/// `chiso regress`: a linear model fitted to columns of a CSV file.
struct RegressCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "regress",
            abstract: summary(vi: "Ước lượng mô hình tuyến tính (OLS hoặc WLS) trên các cột của một tệp CSV.",
                         en: "Fit a linear model (OLS or WLS) to columns of a CSV file."),
            discussion: summary(vi: """
                Tệp CSV có một dòng tiêu đề; số được đọc theo --number-format (12,5 hoặc 12.5; 3e-4). Mô hình \
                được ước lượng bằng phân tích QR có hoán vị cột trên các cột đã chuẩn hóa, có tinh chỉnh (không \
                lập hệ phương trình chuẩn). Ma trận thiết kế không đủ hạng vẫn được ước lượng: hệ số không ước \
                lượng được để trống (—) kèm cảnh báo, và hạng của ma trận cho biết số hệ số ước lượng được.

                Ví dụ:
                  chiso regress Datasets/examples/dvctt-share.csv --response share --predictors year
                  chiso regress so-lieu.csv --response y --predictors x1,x2 --weights w --format json
                  chiso regress bao-cao.csv --response ty_le --predictors nam --number-format vi
                """, en: """
                The CSV has a header row; numbers use a dot for decimals (12.5, 3e-4). The fit uses \
                pivoted QR on centred, scaled columns with refinement (no normal equations). A design \
                of lower rank is fitted: aliased coefficients are reported as null (NA) with a warning, \
                and "rank" says how many were estimable.

                Examples:
                  chiso regress Datasets/examples/dvctt-share.csv --response share --predictors year
                  chiso regress data.csv --response y --predictors x1,x2 --weights w --format json
                  chiso regress bao-cao.csv --response ty_le --predictors nam --number-format vi
                """)
        )
    }

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: .text(vi: "Tệp CSV (bảng mã UTF-8, có dòng tiêu đề).", en: "The CSV file (UTF-8, header row)."))
    var file: String

    @Option(help: .text(vi: "Cột cần giải thích (biến phụ thuộc).", en: "The response column."))
    var response: String

    @Option(help: .text(vi: "Các cột biến giải thích, cách nhau bằng dấu phẩy.", en: "Predictor columns, comma-separated."))
    var predictors: String

    @Flag(help: .text(vi: "Ước lượng không có hệ số chặn.", en: "Fit without an intercept."))
    var noIntercept = false

    @Option(help: .text(vi: "Cột trọng số dương (bình phương nhỏ nhất có trọng số).", en: "A column of positive weights (weighted least squares)."))
    var weights: String?

    @Option(help: .text(vi: "Dạng kết quả: table (bảng) hoặc json.", en: "Output format: table or json."))
    var format: Format = .table

    @Option(name: .customLong("number-format"),
            help: .text(vi: "Cách đọc số: vi (50,65 / 13.425), en (6,102 / 0.5) hoặc auto (mặc định: xác định theo từng cột; cột mà mọi số đều có thể hiểu theo cả hai cách, như 1.045, thì không được chấp nhận).",
                        en: "Read numbers as vi (50,65 / 13.425), en (6,102 / 0.5) or auto (default: decided per column; a column whose every number reads both ways, like 1.045, is refused)."))
    var numberFormat: NumberFormat = .auto
    @OptionGroup var text: TextFileOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        let l = language.language
        let names = predictors.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if let empty = names.firstIndex(of: "") {
            throw ValidationError(CLIError.emptyName(option: "--predictors", position: empty + 1).phrase.text(l))
        }
        if let repeated = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) }) {
            throw CLIError.repeatedColumn(option: "--predictors", name: repeated.element)
        }
        if names.contains(response) { throw CLIError.responseReused(name: response, option: "--predictors") }
        if weights == response { throw CLIError.responseReused(name: response, option: "--weights") }

        let table = try TableFile.read(path: file, sheet: text.sheet, delimiter: text.delimiter, encoding: text.encoding)
        let y = try table.numericColumn(response, format: numberFormat)
        let columns = try names.map { try table.numericColumn($0, format: numberFormat) }
        let w = try weights.map { try table.numericColumn($0, positive: true, format: numberFormat) }
        let design = try Matrix(rows: y.count, columns: names.count, columnMajor: columns.flatMap { $0 })
        let fit: LinearModel
        do {
            fit = try LinearModel.fit(design: design, response: y, names: names, intercept: !noIntercept, weights: w)
        } catch {
            // A value too large to square: point at its cell.
            if case let .tooLarge(what, row, value) = error, row < table.lines.count {
                let column: String? = switch what {
                case .response: response
                case let .predictor(name): name
                default: nil
                }
                if let column, let j = try? table.columnIndex(column) {
                    throw CLIError.tooLarge(position: table.position(row, j), value: value, column: column)
                }
            }
            throw CLIError.inFile(file, error)
        }
        for (j, name) in fit.coefficientNames.enumerated() where fit.aliased[j] {
            let rank = fit.rank, p = fit.coefficientNames.count
            Console.error(l == .vi
                ? "cảnh báo: \(file): \"\(name)\" là tổ hợp tuyến tính của các cột đứng trước (hằng số hoặc trùng lặp); hệ số của cột này không ước lượng được (hạng \(rank) trên \(p))\n"
                : "warning: \(file): \"\(name)\" is a linear combination of the columns before it (constant or duplicated); its coefficient is not estimable (rank \(rank) of \(p))\n")
        }
        try Console.line(format == .json ? RegressionOutput.json(fit) : RegressionOutput.table(fit, language: l))
    }
}

/// Renderings of a fitted linear model.
enum RegressionOutput {
    /// The JSON object of `chiso regress --format json`.
    static func json(_ fit: LinearModel) -> String {
        let se = fit.standardErrors, t = fit.tValues, p = fit.pValues
        let coefficients = fit.coefficientNames.indices.map { j in
            JSONText.object([
                ("name", .string(fit.coefficientNames[j])),
                ("estimate", .double(fit.coefficients[j])),
                ("std_error", .double(se[j])),
                ("t_value", .double(t[j])),
                ("p_value", .double(p[j])),
            ])
        }
        return JSONText.object([
            ("n", .integer(fit.observations)),
            ("df_residual", .integer(fit.dfResidual)),
            ("rank", .integer(fit.rank)),
            ("coefficients", .array(coefficients)),
            ("residual_std_error", .double(fit.sigma)),
            ("r_squared", .double(fit.rSquared)),
            ("adj_r_squared", .double(fit.adjustedRSquared)),
            ("aic", .double(fit.aic)),
            ("aicc", .double(fit.aicc)),
            ("bic", .double(fit.bic)),
        ]).rendered()
    }

    /// A table in the layout of R's `summary.lm`, its labels and numbers in the language (Vietnamese:
    /// decimal comma, "−").
    static func table(_ fit: LinearModel, language: Language = .en) -> String {
        let vi = language == .vi
        func local(_ text: String) -> String {
            vi ? text.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−") : text
        }
        let none = vi ? "—" : "NA"
        func g(_ v: Double) -> String { v.isFinite ? local(v.significant(7)) : none }
        func pv(_ v: Double) -> String {
            guard v.isFinite else { return none }
            // A p-value below 0.0001 is written as such (R writes "<2e-16"): no number in scientific notation.
            return local(v < 0.0001 ? "<0.0001" : v.significant(4))
        }
        let se = fit.standardErrors, t = fit.tValues, p = fit.pValues
        var rows = [vi ? ["", "Ước lượng", "Sai số chuẩn", "Thống kê t", "Giá trị p"] : ["", "Estimate", "Std. Error", "t value", "Pr(>|t|)"]]
        for j in fit.coefficientNames.indices {
            let name = fit.coefficientNames[j]
            rows.append([name == "(Intercept)" ? Words.coefficient(name).text(language) : name, g(fit.coefficients[j]), g(se[j]), g(t[j]), pv(p[j])])
        }
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var lines = [vi ? "Hệ số:" : "Coefficients:"]
        for row in rows {
            var line = row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
            for c in 1..<5 { line += "  " + String(repeating: " ", count: widths[c] - row[c].count) + row[c] }
            lines.append(line)
        }
        lines.append("")
        let aliased = fit.aliased.filter { $0 }.count
        if vi {
            if aliased > 0 { lines.append("(\(aliased) hệ số không xác định do suy biến; hạng \(fit.rank))") }
            lines.append("Sai số chuẩn của phần dư: \(g(fit.sigma)) với \(fit.dfResidual) bậc tự do (n = \(fit.observations))")
            lines.append("Hệ số xác định R²: \(g(fit.rSquared)); R² hiệu chỉnh: \(g(fit.adjustedRSquared))")
            lines.append("AIC: \(g(fit.aic)); AICc: \(g(fit.aicc)); BIC: \(g(fit.bic))")
        } else {
            if aliased > 0 { lines.append("(\(aliased) not defined because of singularities; rank \(fit.rank))") }
            lines.append("Residual standard error: \(g(fit.sigma)) on \(fit.dfResidual) degrees of freedom (n = \(fit.observations))")
            lines.append("Multiple R-squared: \(g(fit.rSquared)),  Adjusted R-squared: \(g(fit.adjustedRSquared))")
            lines.append("AIC: \(g(fit.aic)),  AICc: \(g(fit.aicc)),  BIC: \(g(fit.bic))")
        }
        return lines.joined(separator: "\n")
    }
}
