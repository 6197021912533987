import Foundation

/// The text form of a ``CalibrationTable``: what ships in `Datasets/calibration/calibration.csv`.
///
/// Lines starting with `#` are comments (the first, `# source: …`, is the table's source). Then a
/// CSV with the header `record,family,n,h,level_bin,slope_bin,count,values`, where `record` is
/// `settings` (values: `max_horizon;minimum_count`), `corpus` (optional; values:
/// `indicators;entities;first_year;last_year`, what the windows learned from span), `series` (count: series learned from),
/// `level_edges` (family `count`; values: the inner edges of its level bins on the fraction of the
/// peers' frontier), `unit` (values: the family's typical movement unit), `growth_limit` (family
/// `count`, level_bin `any` or a bin; values: the fastest move per year learned), `spread` (values: the central and tail spread factors of the family and n), `centre` (only where it is not 1; values: the centre factor of the family and n), `beta` (slope_bin `any` or a bin
/// number; values: β for each persistence slot, unknown first), `slope_edges` (values: the bins' inner edges)
/// or `cell` (level_bin and slope_bin are
/// `any` or a bin number; values: the quantiles at ``CalibrationTable/probabilities``, `;`-separated).
extension CalibrationTable {
    /// Problems reading the text form.
    public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong with a line of a calibration table.
        public enum Problem: Sendable, Equatable, CustomStringConvertible {
            /// A record with `found` fields instead of 8.
            case fieldCount(found: Int)
            /// A settings record without max_horizon;minimum_count.
            case badSettings
            /// A corpus record without indicators;entities;first_year;last_year.
            case badCorpus
            /// No settings record in the file.
            case noSettings
            /// A family that is not share, count or score.
            case unknownFamily(String)
            /// A value that is not a finite number.
            case nonFinite
            /// A whole number outside its range.
            case outOfRange(String, lower: Int, upper: Int)
            /// Count level edges: not `count` increasing values.
            case levelEdges(count: Int)
            /// Slope edges: not `count` increasing values.
            case slopeEdges(count: Int)
            /// A spread record without two positive values.
            case spread
            /// A centre record without one value in 0…3.
            case centre
            /// A beta record without one value per persistence slot.
            case beta
            /// A unit record without one positive value.
            case unit
            /// A cell without `count` quantiles.
            case quantileCount(Int)
            /// Quantiles that decrease.
            case quantilesNotIncreasing
            /// A record type that is not known.
            case unknownRecord(String)

            /// The problem in English.
            public var description: String {
                switch self {
                case let .fieldCount(found): "\(found) fields, expected 8"
                case .badSettings: "settings need max_horizon;minimum_count"
                case .badCorpus: "corpus needs indicators;entities;first_year;last_year (whole numbers, years in order)"
                case .noSettings: "no settings record"
                case let .unknownFamily(f): "unknown family \"\(f)\""
                case .nonFinite: "a value is not a finite number"
                case let .outOfRange(s, lower, upper): "\"\(s)\" is not in \(lower)…\(upper)"
                case let .levelEdges(count): "level_edges (family count) need \(count) increasing values"
                case let .slopeEdges(count): "slope_edges need \(count) increasing values"
                case .spread: "spread needs two positive values"
                case .centre: "centre needs one value in 0…3"
                case .beta: "beta needs \(CalibrationTable.persistenceSlots) values (one per persistence slot)"
                case .unit: "unit needs one positive value"
                case let .quantileCount(count): "a cell needs \(count) quantiles"
                case .quantilesNotIncreasing: "quantiles are not increasing"
                case let .unknownRecord(r): "unknown record \"\(r)\""
                }
            }
        }

        /// 1-based line.
        public var line: Int
        /// What is wrong.
        public var problem: Problem

        /// An error on `line`.
        public init(line: Int, problem: Problem) {
            self.line = line
            self.problem = problem
        }

        /// `line N: problem`.
        public var description: String { "line \(line): \(problem)" }
    }

    /// The table as text: cells with at least ``minimumCount`` errors (the others are never used), numbers
    /// with 9 significant digits (text → table → text is the identity).
    public func text() -> String {
        var lines = ["# source: \(source.replacingOccurrences(of: "\n", with: " "))",
                     "# probabilities: \(Self.probabilities.map { String($0) }.joined(separator: ";"))",
                     "# level bins: shares and scores by the value as a fraction of the range, edges \(Self.levelEdges.map { String($0) }.joined(separator: ";")); counts by the fraction of the peers' frontier (level_edges)",
                     "record,family,n,h,level_bin,slope_bin,count,values",
                     "settings,,,,,,,\(maxHorizon);\(minimumCount)"]
        if let c = corpus { lines.append("corpus,,,,,,,\(c.indicators);\(c.entities);\(c.firstYear);\(c.lastYear)") }
        func num(_ v: Double) -> String { String(format: "%.9g", v) }
        for f in Family.allCases {
            if let c = seriesCounts[f] { lines.append("series,\(f.rawValue),,,,,\(c),") }
        }
        lines.append("level_edges,count,,,,,,\(countLevelEdges.map(num).joined(separator: ";"))")
        for f in Family.allCases { lines.append("unit,\(f.rawValue),,,,,,\(num(defaultUnit(f)))") }
        for (l, g) in growthLimits.enumerated() where g.isFinite {
            lines.append("growth_limit,count,,,\(l == 0 ? "any" : String(l - 1)),,,\(num(g))")
        }
        for f in Family.allCases {
            for n in 1...Self.maxN {
                let e = edgeIndex(f, n: n)
                if covers(f, n: n) {
                    let k = spreadIndex(f, n: n)
                    lines.append("spread,\(f.rawValue),\(n),,,,,\(num(spreads[k]));\(num(spreads[k + 1]))")
                    if centreFactor(f, n: n) != 1 { lines.append("centre,\(f.rawValue),\(n),,,,,\(num(centreFactor(f, n: n)))") }
                    lines.append("slope_edges,\(f.rawValue),\(n),,,,,\(slopeEdges[e..<(e + Self.slopeBins - 1)].map(num).joined(separator: ";"))")
                }
                for h in 1...maxHorizon where counts[cellIndex(f, n: n, h: h, levelSlot: 0, slopeSlot: 0)] >= minimumCount {
                    for s in 0..<Self.slopeSlots {
                        lines.append("beta,\(f.rawValue),\(n),\(h),,\(s == 0 ? "any" : String(s - 1)),,"
                                     + (0..<Self.persistenceSlots).map { num(betas[betaIndex(f, n: n, h: h, persistenceSlot: $0, slopeSlot: s)]) }
                                         .joined(separator: ";"))
                    }
                    for l in 0..<Self.levelSlots {
                        for s in 0..<Self.slopeSlots {
                            let c = cellIndex(f, n: n, h: h, levelSlot: l, slopeSlot: s)
                            guard counts[c] >= minimumCount else { continue }
                            let size = Self.probabilities.count
                            let q = quantiles[(c * size)..<((c + 1) * size)].map(num).joined(separator: ";")
                            lines.append("cell,\(f.rawValue),\(n),\(h),\(l == 0 ? "any" : String(l - 1)),\(s == 0 ? "any" : String(s - 1)),\(counts[c]),\(q)")
                        }
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads the text form.
    ///
    /// - Throws: ``FormatError`` naming the line for anything that does not parse.
    public init(text: String) throws(FormatError) {
        var source = ""
        var settings: (Int, Int)?
        var corpus: Corpus?
        var rows: [(Int, [Substring])] = []
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if line.hasPrefix("# source: ") { source = String(line.dropFirst("# source: ".count)) }
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 8 else { throw FormatError(line: k + 1, problem: .fieldCount(found: fields.count)) }
            if fields[0] == "record" { continue }
            if fields[0] == "settings" {
                let v = fields[7].split(separator: ";").compactMap { Int($0) }
                guard v.count == 2, v[0] >= 1, v[0] <= 100, v[1] >= 1 else { throw FormatError(line: k + 1, problem: .badSettings) }
                settings = (v[0], v[1])
                continue
            }
            if fields[0] == "corpus" {
                let v = fields[7].split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
                guard v.count == 4, let i = v[0], let e = v[1], let first = v[2], let last = v[3], i >= 0, e >= 0, first <= last else {
                    throw FormatError(line: k + 1, problem: .badCorpus)
                }
                corpus = Corpus(indicators: i, entities: e, firstYear: first, lastYear: last)
                continue
            }
            rows.append((k + 1, fields))
        }
        guard let (maxHorizon, minimumCount) = settings else { throw FormatError(line: 1, problem: .noSettings) }
        var table = CalibrationTable(maxHorizon: maxHorizon, minimumCount: minimumCount, source: source)
        table.corpus = corpus
        for (line, f) in rows {
            func fail(_ why: FormatError.Problem) -> FormatError { FormatError(line: line, problem: why) }
            guard let family = Family(rawValue: String(f[1])) else { throw fail(.unknownFamily(String(f[1]))) }
            let values = f[7].isEmpty ? [] : f[7].split(separator: ";").map { Double($0) }
            guard values.allSatisfy({ $0?.isFinite == true }) else { throw fail(.nonFinite) }
            let v = values.compactMap { $0 }
            func int(_ s: Substring, _ range: ClosedRange<Int>) throws(FormatError) -> Int {
                guard let i = Int(s), range.contains(i) else { throw fail(.outOfRange(String(s), lower: range.lowerBound, upper: range.upperBound)) }
                return i
            }
            switch f[0] {
            case "series":
                table.seriesCounts[family] = try int(f[6], 0...Int.max)
            case "level_edges":
                guard family == .count, v.count == Self.countLevelBins - 1, zip(v, v.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw fail(.levelEdges(count: Self.countLevelBins - 1))
                }
                table.countLevelEdges = v
            case "slope_edges":
                let n = try int(f[2], 1...Self.maxN)
                guard v.count == Self.slopeBins - 1, zip(v, v.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw fail(.slopeEdges(count: Self.slopeBins - 1))
                }
                for (k, edge) in v.enumerated() { table.slopeEdges[table.edgeIndex(family, n: n) + k] = edge }
            case "spread":
                let n = try int(f[2], 1...Self.maxN)
                guard v.count == 2, v[0] > 0, v[1] > 0 else { throw fail(.spread) }
                table.spreads[table.spreadIndex(family, n: n)] = v[0]
                table.spreads[table.spreadIndex(family, n: n) + 1] = v[1]
            case "centre":
                let n = try int(f[2], 1...Self.maxN)
                guard v.count == 1, v[0] >= 0, v[0] <= 3 else { throw fail(.centre) }
                table.centres[table.centreIndex(family, n: n)] = v[0]
            case "beta":
                let n = try int(f[2], 1...Self.maxN), h = try int(f[3], 1...maxHorizon)
                let s = f[5] == "any" ? 0 : try int(f[5], 0...(Self.slopeBins - 1)) + 1
                guard v.count == Self.persistenceSlots else { throw fail(.beta) }
                for (p, beta) in v.enumerated() { table.betas[table.betaIndex(family, n: n, h: h, persistenceSlot: p, slopeSlot: s)] = beta }
            case "growth_limit":
                let l = f[4] == "any" ? 0 : try int(f[4], 0...(Self.levelSlots - 2)) + 1
                guard family == .count, v.count == 1, v[0] > 0 else { throw fail(.unit) }
                table.growthLimits[l] = v[0]
            case "unit":
                guard v.count == 1, v[0] > 0 else { throw fail(.unit) }
                table.units[Self.familyIndex(family)] = v[0]
            case "cell":
                let n = try int(f[2], 1...Self.maxN), h = try int(f[3], 1...maxHorizon)
                let l = f[4] == "any" ? 0 : try int(f[4], 0...(Self.levelSlots - 2)) + 1
                let s = f[5] == "any" ? 0 : try int(f[5], 0...(Self.slopeBins - 1)) + 1
                let count = try int(f[6], 1...Int.max)
                guard v.count == Self.probabilities.count else { throw fail(.quantileCount(Self.probabilities.count)) }
                guard zip(v, v.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw fail(.quantilesNotIncreasing) }
                let c = table.cellIndex(family, n: n, h: h, levelSlot: l, slopeSlot: s)
                table.counts[c] = count
                for (k, q) in v.enumerated() { table.quantiles[c * Self.probabilities.count + k] = q }
            default:
                throw fail(.unknownRecord(String(f[0])))
            }
        }
        table.resolve()
        self = table
    }
}
