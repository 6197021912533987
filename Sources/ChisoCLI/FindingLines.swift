import Chiso

/// Findings as `data validate` and `data import` print them: each root cause once
/// (``Finding/rootCauses(_:)``), with how many errors follow from it, then, when some do, one line
/// saying how many cells cause how many errors.
enum FindingLines {
    /// The lines of `findings` in `language`.
    static func lines(_ findings: [Finding], _ language: Language) -> [String] {
        let roots = Finding.rootCauses(findings)
        var out = roots.map { Words.rootCause($0).text(language) }
        let causing = roots.filter { $0.consequences > 0 }
        if !causing.isEmpty {
            out.append(Words.causes(cells: causing.count, errors: causing.reduce(0) { $0 + $1.consequences }).text(language))
        }
        return out
    }
}
