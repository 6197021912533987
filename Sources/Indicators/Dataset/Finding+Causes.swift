/// Findings by root cause: one bad cell in a definition row (an unknown kind, a level that is no
/// level) leaves its indicator, entity or source out, and every row that uses it then fails too.
/// Those later findings carry the cell as their ``Finding/cause``; grouped, the bad cell is reported
/// once, with how many findings follow from it.
extension Finding {
    /// A finding that follows from no other, and how many findings follow from it.
    public struct RootCause: Sendable, Equatable {
        /// The finding itself (its cell is the one to fix).
        public var finding: Finding
        /// How many other findings follow from it (rows using what its row defines).
        public var consequences: Int

        /// A root cause.
        public init(finding: Finding, consequences: Int) {
            self.finding = finding
            self.consequences = consequences
        }
    }

    /// The findings that follow from no other, in order, each with the number of findings that
    /// follow from it. A finding whose cause names no finding of the list stays a root of its own.
    public static func rootCauses(_ findings: [Finding]) -> [RootCause] {
        // The first error without a cause at each position is the root its consequences fold into.
        var rootAt: [PositionKey: Int] = [:]
        for (k, f) in findings.enumerated() where f.cause == nil && f.severity == .error {
            if let p = f.position, rootAt[PositionKey(p)] == nil { rootAt[PositionKey(p)] = k }
        }
        var consequences: [Int: Int] = [:]
        var kept: [Int] = []
        for (k, f) in findings.enumerated() {
            if let cause = f.cause, let root = rootAt[PositionKey(cause)] {
                consequences[root, default: 0] += 1
            } else {
                kept.append(k)
            }
        }
        return kept.map { RootCause(finding: findings[$0], consequences: consequences[$0] ?? 0) }
    }

    /// A position as a dictionary key.
    struct PositionKey: Hashable {
        var file: String, sheet: String?, line: Int?, column: Int?

        init(_ p: SourcePosition) { (file, sheet, line, column) = (p.file, p.sheet, p.line, p.column) }
    }
}

extension DatasetError {
    /// ``invalid(first:errors:)`` for `findings` with errors, or nil without: the first error that
    /// follows from no other, and the number of such errors (those to fix; the errors that follow
    /// from them are not counted).
    static func invalid(_ findings: [Finding]) -> DatasetError? {
        let roots = Finding.rootCauses(findings).map(\.finding).filter { $0.severity == .error }
        return roots.first.map { .invalid(first: $0, errors: roots.count) }
    }
}
