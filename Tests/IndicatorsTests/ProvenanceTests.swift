import ChisoTestSupport
import Foundation
import Indicators
import Testing

/// Every shipped observation's value appears, in one of the number forms the reports use, on
/// the seed line(s) its locator cites ("line 87", "lines 1007-1009"), or its note says it was
/// computed, derived or read from a fraction or a phrase. Runs where ../shared/seeds is present.
struct ProvenanceTests {
    /// The value as the reports may print it: 50.65 → "50,65", "50.65"; 13425 → "13.425", "13,425", "13425".
    static func forms(_ value: Double) -> Set<String> {
        var out = Set<String>()
        for decimals in 0...3 {
            let text = String(format: "%.\(decimals)f", value)
            guard Double(text) == value else { continue }
            let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
            let integer = parts[0], fraction = parts.count > 1 ? parts[1] : nil
            var grouped: [String] = [integer]
            if let n = Int(integer), n >= 1000 {
                var digits = Array(String(n)), groups: [String] = []
                while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
                groups.insert(String(digits), at: 0)
                grouped += [".", ",", " "].map { groups.joined(separator: $0) }
            }
            for g in grouped {
                if let fraction { out.insert(g + "," + fraction); out.insert(g + "." + fraction) } else { out.insert(g) }
            }
            if fraction == nil, let n = Int(integer), n < 10 { out.insert("0\(n)") }
        }
        return out
    }

    static func citedLines(_ locator: String) -> [Int] {
        var lines: [Int] = []
        let pattern = try? NSRegularExpression(pattern: #"lines? (\d+)(?:\s*[-–]\s*(\d+))?"#)
        let ns = locator as NSString
        for m in pattern?.matches(in: locator, range: NSRange(location: 0, length: ns.length)) ?? [] {
            guard let a = Int(ns.substring(with: m.range(at: 1))) else { continue }
            let b = m.range(at: 2).location != NSNotFound ? Int(ns.substring(with: m.range(at: 2))) ?? a : a
            lines += Array(a...max(a, b))
        }
        return lines
    }

    @Test func valuesAppearOnTheirCitedLines() throws {
        let (data, _) = try DatasetLoader.load(directory: shippedDatasets.path)
        var seeds: [String: [String]] = [:]
        for source in data.sources.values where !source.file.isEmpty {
            guard let text = try? String(contentsOf: seedsFolder.appendingPathComponent(source.file), encoding: .utf8) else {
                return  // seeds not beside the repository: nothing to compare with
            }
            seeds[source.id] = text.components(separatedBy: "\n")
        }
        var checked = 0, unexplained: [String] = []
        for o in data.observations {
            guard let lines = seeds[o.source] else { continue }
            let cited = Self.citedLines(o.locator)
            #expect(!cited.isEmpty, "\(o.position?.description ?? ""): locator \"\(o.locator)\" cites no line")
            let text = cited.filter { $0 >= 1 && $0 <= lines.count }.map { lines[$0 - 1] }.joined(separator: " ")
            checked += 1
            let found = Self.forms(o.value).contains { form in
                text.range(of: #"(?<![\d.,])"# + NSRegularExpression.escapedPattern(for: form) + #"(?!\d)"#, options: .regularExpression) != nil
            }
            let explained = ["computed", "derived", "published as", "chưa có", "implied"].contains { o.note.contains($0) }
            if !found && !explained { unexplained.append("\(o.position?.description ?? "") \(o.indicator) \(o.entity) \(o.value)") }
        }
        #expect(checked > 900)
        #expect(unexplained.isEmpty, "values not on their cited lines: \(unexplained.prefix(20))")
    }
}
