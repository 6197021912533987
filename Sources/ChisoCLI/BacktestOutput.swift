import Chiso
import Foundation

/// Renderings of a ``BacktestRun``: an aligned table, JSON, and the windows file the R peers read.
enum BacktestReport {
    static let kinds = ["share", "count", "score", "rank", "amount"]

    /// `window,indicator,geo,kind,n,origin,times,values,horizons` (whole-year horizons with an outcome).
    static func windowsCSV(_ windows: [BacktestWindow]) -> String {
        var lines = ["window,indicator,geo,kind,n,origin,times,values,horizons"]
        for (i, w) in windows.enumerated() {
            let hs = Array(Set(w.outcomes.map { Int($0.horizon.rounded()) }.filter { $0 >= 1 })).sorted()
            lines.append([String(i), CSVWriter.quote(CSVWriter.neutralise(w.indicator)), CSVWriter.quote(CSVWriter.neutralise(w.entity)), w.series.kind.rawValue, String(w.n),
                          num(w.origin), w.series.times.map(num).joined(separator: ";"), w.series.values.map(num).joined(separator: ";"),
                          hs.map(String.init).joined(separator: ";")].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func num(_ v: Double) -> String { String(format: "%.10g", v) }

    /// Numbers of the table in a language: `%.1f` percentages, 4 significant digits (never an exponent) and `%.3f` metrics (Vietnamese:
    /// decimal comma, "−"; counts grouped as 1.234), "—" for none.
    struct Numbers {
        var language: Language

        func local(_ text: String) -> String {
            language == .vi ? text.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−") : text
        }
        func pct(_ v: Double) -> String { v.isFinite ? local(String(format: "%.1f", v * 100)) : "—" }
        func g(_ v: Double) -> String { v.isFinite ? local(v.significant(4)) : "—" }
        func f3(_ v: Double) -> String { v.isFinite ? local(String(format: "%.3f", v)) : "—" }
        func count(_ n: Int) -> String { language == .vi ? NumberText.plain(Double(n), decimals: 0, .vi) : String(n) }
    }

    static func row(_ label: [String], _ m: Backtest.Metrics, _ f: Numbers) -> [String] {
        label + [f.count(m.outcomes), f.count(m.forecasts), f.pct(Double(m.withIntervals) / Double(max(m.outcomes, 1))), f.pct(m.coverage80),
                 f.pct(m.coverage95), f.g(m.mae), f.g(m.mase), f.g(m.intervalScore80), f.g(m.intervalScore95), f.count(m.targets), f.f3(m.brier),
                 f.f3(m.brierSkill), worstBin(m, f)]
    }

    /// The largest |mean P − observed rate| over bins with ≥ 30 targets.
    static func worstBin(_ m: Backtest.Metrics, _ f: Numbers) -> String {
        let gaps = m.reliability.filter { $0.count >= 30 }.map { abs($0.meanProbability - $0.observedRate) }
        return gaps.max().map(f.f3) ?? "—"
    }

    static let header = ["outcomes", "forecasts", "% with range", "cover 80", "cover 95", "MAE", "MASE", "IS 80 %", "IS 95 %", "targets",
                         "Brier", "skill", "worst bin"]
    static let headerVi = ["kết quả", "dự báo", "% có khoảng", "phủ 80", "phủ 95", "MAE", "MASE", "IS 80 %", "IS 95 %", "mục tiêu",
                           "Brier", "kỹ năng", "ô lệch nhất"]

    /// A kind code in the language ("tỷ lệ" / "share").
    static func kind(_ code: String, _ language: Language) -> String {
        Indicator.Kind(rawValue: code).map { Words.kind($0).text(language) } ?? code
    }

    static func table(_ r: BacktestRun, byHorizon: Bool, byIndicator: Bool = false, language: Language = .en) -> String {
        let vi = language == .vi, f = Numbers(language: language)
        var out: [String] = []
        let calibrations = r.calibrations.map { Words.source($0).text(language) }.joined(separator: " | ")
        if vi {
            out.append("Kiểm định quá khứ: \(f.count(r.windows.count)) cửa sổ; hiệu chỉnh: \(calibrations)")
            out.append("% có khoảng: trên tất cả kết quả, có dự báo hay không. IS = điểm khoảng (Gneiting & Raftery) theo % khoảng giá trị của chỉ tiêu; kỹ năng = kỹ năng Brier so với tỷ lệ nền;")
            out.append("ô lệch nhất = chênh lệch lớn nhất giữa xác suất đạt trung bình và tỷ lệ đạt thực tế, trên các ô độ tin cậy có ≥ 30 mục tiêu.")
        } else {
            out.append("Back-test: \(r.windows.count) windows; calibration: \(calibrations)")
            out.append("% with range: of all outcomes, forecast or not. IS = interval score (Gneiting & Raftery) in % of the indicator's range; skill = Brier skill against the base rate;")
            out.append("worst bin = largest gap between mean P(meet) and the observed rate over reliability bins with ≥ 30 targets.")
        }
        let all = vi ? "tất cả" : "all"
        for method in r.methods.keys.sorted(by: methodOrder) {
            out.append("")
            out.append(vi ? "Phương pháp: " + methodVi(method) : "Method: " + method)
            var rows: [[String]] = []
            let byKind = r.metrics(method, byN: false)
            let byN = r.metrics(method)
            for key in byKind.keys.sorted() {
                if let m = byKind[key] { rows.append(row([kind(key.kind, language), all], m, f)) }
                for k in byN.keys.sorted() where k.kind == key.kind {
                    if let m = byN[k] { rows.append(row([kind(k.kind, language), "n = \(k.n ?? 0)"], m, f)) }
                }
            }
            if byHorizon {
                let byH = r.metrics(method, byN: false, byH: true)
                for k in byH.keys.sorted() { if let m = byH[k] { rows.append(row([kind(k.kind, language), "h = \(k.h ?? 0)"], m, f)) } }
            }
            if byIndicator {
                let byI = r.metrics(method, byIndicator: true)
                for k in byI.keys.sorted() {
                    if let m = byI[k] { rows.append(row([kind(k.kind, language), "\(k.indicator ?? "") n = \(k.n ?? 0)"], m, f)) }
                }
            }
            out.append(TextTable.render(header: (vi ? ["loại", "nhóm"] + headerVi : ["kind", "group"] + header), rows: rows))
            // Chiso's own methods only: a peer's forecasts cover too few outcomes per indicator.
            let spread = [BacktestRun.defaultMethod, BacktestRun.textbookMethod].contains(method) ? r.indicatorSpread(method) : [:]
            if spread.values.contains(where: { $0.indicators >= 2 }) {
                out.append("")
                out.append(vi ? "Độ phủ 80 % theo từng chỉ tiêu (chỉ tiêu có ≥ \(BacktestRun.IndicatorSpread.minimumOutcomes) kết quả có khoảng): điều một chỉ tiêu chưa gặp có thể nhận, con số gộp không cho thấy."
                              : "Coverage of the 80 % range by indicator (indicators with ≥ \(BacktestRun.IndicatorSpread.minimumOutcomes) outcomes with a range): what one indicator not yet seen may get, which the pooled figure hides.")
                let spreadRows = spread.keys.sorted().compactMap { k -> [String]? in
                    guard let x = spread[k] else { return nil }
                    return [kind(k.kind, language), "n = \(k.n ?? 0)", f.count(x.indicators), f.pct(x.meanDeviation80), "\(x.within5)/\(x.indicators)",
                            "\(f.pct(x.lowest.coverage80)) \(x.lowest.indicator)", "\(f.pct(x.highest.coverage80)) \(x.highest.indicator)"]
                }
                out.append(TextTable.render(header: vi ? ["loại", "nhóm", "chỉ tiêu", "|phủ 80 − 80| TB", "trong ±5", "thấp nhất", "cao nhất"]
                                                       : ["kind", "group", "indicators", "mean |c80 − 80|", "within ±5", "lowest", "highest"], rows: spreadRows))
            }
        }
        let peers = r.methods.keys.filter { $0 != BacktestRun.defaultMethod && $0 != BacktestRun.textbookMethod }.sorted()
        if !peers.isEmpty {
            out.append("")
            out.append(vi ? "Chiso so với từng phương pháp đối chứng, trên các dự báo mà phương pháp đó đưa ra (MAE, điểm khoảng 95 %, độ phủ 80/95, Brier):"
                          : "Chiso against each peer, on the forecasts the peer gives (MAE, 95 % interval score, coverage 80/95, Brier):")
            var rows: [[String]] = []
            for peer in peers {
                let common = r.pairs(peer).intersection(r.pairs(BacktestRun.defaultMethod))
                let ours = r.metrics(BacktestRun.defaultMethod, byIndicator: byIndicator, only: common)
                let theirs = r.metrics(peer, byIndicator: byIndicator, only: common)
                for key in theirs.keys.sorted() {
                    guard let a = ours[key], let b = theirs[key] else { continue }
                    let group = (key.indicator.map { $0 + " " } ?? "") + "n = \(key.n ?? 0)"
                    rows.append([peer, kind(key.kind, language), group, f.count(b.forecasts), f.g(a.mae), f.g(b.mae), f.g(a.intervalScore95),
                                 f.g(b.intervalScore95), f.pct(a.coverage80), f.pct(b.coverage80), f.pct(a.coverage95), f.pct(b.coverage95),
                                 f.f3(a.brier), f.f3(b.brier)])
                }
            }
            out.append(TextTable.render(header: vi ? ["đối chứng", "loại", "nhóm", "dự báo", "MAE chiso", "MAE đối chứng", "IS 95 chiso", "IS 95 đối chứng",
                                                      "phủ 80 chiso", "phủ 80 đối chứng", "phủ 95 chiso", "phủ 95 đối chứng", "Brier chiso", "Brier đối chứng"]
                                                   : ["peer", "kind", "group", "forecasts", "MAE chiso", "MAE peer", "IS95 chiso", "IS95 peer",
                                                      "c80 chiso", "c80 peer", "c95 chiso", "c95 peer", "Brier chiso", "Brier peer"], rows: rows))
        }
        return out.joined(separator: "\n")
    }

    /// A method in Vietnamese: Chiso's two in words (with their ids), a peer (an R function) by its name.
    static func methodVi(_ method: String) -> String {
        switch method {
        case BacktestRun.defaultMethod: "mặc định hiệu chỉnh (\(method))"
        case BacktestRun.textbookMethod: "mô hình sách giáo khoa, khoảng Student t (\(method))"
        default: method
        }
    }

    static func methodOrder(_ a: String, _ b: String) -> Bool {
        let rank = [BacktestRun.defaultMethod: 0, BacktestRun.textbookMethod: 1]
        return (rank[a] ?? 2, a) < (rank[b] ?? 2, b)
    }

    /// The run as JSON: codes and numbers for machines; `calibrations_text` says the calibrations in the language.
    static func json(_ r: BacktestRun, language: Language = .en) -> String {
        func metrics(_ m: Backtest.Metrics) -> JSONText {
            .object([
                ("outcomes", .integer(m.outcomes)), ("forecasts", .integer(m.forecasts)), ("with_intervals", .integer(m.withIntervals)),
                ("coverage_80", .double(m.coverage80)), ("coverage_95", .double(m.coverage95)), ("mae", .double(m.mae)),
                ("mase", .double(m.mase)), ("interval_score_80_pct", .double(m.intervalScore80)),
                ("interval_score_95_pct", .double(m.intervalScore95)), ("targets", .integer(m.targets)),
                ("base_rate", .double(m.baseRate)), ("brier", .double(m.brier)), ("brier_skill", .double(m.brierSkill)),
                ("reliability", .array(m.reliability.map { b in
                    .object([("from", .double(b.from)), ("count", .integer(b.count)), ("mean_p", .double(b.meanProbability)),
                             ("observed", .double(b.observedRate))])
                })),
            ])
        }
        func groups(_ g: [BacktestRun.GroupKey: Backtest.Metrics]) -> JSONText {
            .array(g.keys.sorted().compactMap { k in
                guard let m = g[k] else { return nil }
                var o: [(String, JSONText)] = [("kind", .string(k.kind))]
                if let i = k.indicator { o.append(("indicator", .string(i))) }
                if let n = k.n { o.append(("n", .integer(n))) }
                if let h = k.h { o.append(("h", .integer(h))) }
                o.append(("metrics", metrics(m)))
                return .object(o)
            })
        }
        var methods: [(String, JSONText)] = []
        for method in r.methods.keys.sorted(by: methodOrder) {
            var o: [(String, JSONText)] = [
                ("by_kind", groups(r.metrics(method, byN: false))), ("by_kind_n", groups(r.metrics(method))),
                ("by_kind_h", groups(r.metrics(method, byN: false, byH: true))),
                ("by_indicator_n", groups(r.metrics(method, byIndicator: true))),
                ("indicator_spread", .array(r.indicatorSpread(method).sorted { $0.key < $1.key }.map { k, x in
                    .object([("kind", .string(k.kind)), ("n", .integer(k.n ?? 0)), ("indicators", .integer(x.indicators)),
                             ("mean_abs_deviation_80", .double(x.meanDeviation80)), ("within_5", .integer(x.within5)),
                             ("lowest", .object([("indicator", .string(x.lowest.indicator)), ("coverage_80", .double(x.lowest.coverage80))])),
                             ("highest", .object([("indicator", .string(x.highest.indicator)), ("coverage_80", .double(x.highest.coverage80))]))])
                })),
            ]
            if method != BacktestRun.defaultMethod {
                let common = r.pairs(method).intersection(r.pairs(BacktestRun.defaultMethod))
                o.append(("common_forecasts", .object([
                    ("chiso_by_kind_n", groups(r.metrics(BacktestRun.defaultMethod, only: common))),
                    ("\(method)_by_kind_n", groups(r.metrics(method, only: common))),
                ])))
            }
            methods.append((method, .object(o)))
        }
        return JSONText.object([
            ("windows", .integer(r.windows.count)), ("calibrations", .array(r.calibrations.map(JSONText.string))),
            ("calibrations_text", .array(r.calibrations.map { .string(Words.source($0).text(language)) })),
            ("methods", .object(methods)),
        ]).rendered()
    }
}

/// The R peers' forecasts (Tests/Backtest/peers.R), matched to a run's windows by indicator, entity,
/// origin and n.
enum PeerForecasts {
    static func attach(_ peersPath: String, windows windowsPath: String, to run: inout BacktestRun) throws {
        let windows = try CSVTable.read(path: windowsPath)
        let wi = try windows.columnIndex("window"), ii = try windows.columnIndex("indicator"), gi = try windows.columnIndex("geo")
        let ni = try windows.columnIndex("n"), oi = try windows.columnIndex("origin")
        var keyOf: [String: String] = [:]
        for row in windows.rows { keyOf[row[wi]] = key(row[ii], row[gi], Double(row[oi]) ?? .nan, Int(row[ni]) ?? 0) }
        var index: [String: Int] = [:]
        for (i, w) in run.windows.enumerated() { index[key(w.indicator, w.entity, w.origin, w.n)] = i }
        let peers = try CSVTable.read(path: peersPath)
        let pw = try peers.columnIndex("window"), pm = try peers.columnIndex("method"), ph = try peers.columnIndex("h")
        let cols = try ["mean", "lo80", "hi80", "lo95", "hi95"].map { try peers.columnIndex($0) }
        var scored: [String: [Backtest.Scored]] = [:]
        for (r, row) in peers.rows.enumerated() {
            guard let k = keyOf[row[pw]], let i = index[k] else { continue }
            guard let h = Int(row[ph]) else {
                throw CLIError.horizonNotWhole(place: "\(peers.file):\(peers.lines[r])", text: row[ph])
            }
            let w = run.windows[i]
            guard let j = w.outcomes.firstIndex(where: { Int($0.horizon.rounded()) == h }) else { continue }
            let v = cols.map { Double(row[$0]) ?? .nan }
            guard v[0].isFinite else { continue }
            let sigma = (v[4] - v[3]) / (2 * 1.959963984540054)
            let pMeet: [Double?] = Backtest.targets(w).map { t in
                guard sigma.isFinite, sigma > 0 else { return nil }
                let z = (t.value - v[0]) / sigma
                let below = 0.5 * erfc(-z / 2.0.squareRoot())
                return t.atLeast ? 1 - below : below
            }
            scored[row[pm], default: []].append(Backtest.Scored(window: i, outcome: j, forecast: OutcomeForecast(
                estimate: v[0], lower80: v[1], upper80: v[2], lower95: v[3], upper95: v[4], pMeet: pMeet)))
        }
        for (method, s) in scored { run.methods[method] = s }
    }

    static func key(_ indicator: String, _ entity: String, _ origin: Double, _ n: Int) -> String {
        "\(indicator)|\(entity)|\(String(format: "%.4f", origin))|\(n)"
    }
}

/// Reading a calibration table file.
enum CalibrationFile {
    static func read(_ path: String) throws -> CalibrationTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw DatasetError.fileNotFound(path: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw DatasetError.notUTF8(path: path) }
        do {
            return try CalibrationTable(text: text)
        } catch {
            throw CLIError.inFile(path, error)
        }
    }
}
