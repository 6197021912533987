import Foundation

/// Runs independent pieces of work on all cores, results in input order (the report's tables and
/// the back-test's held-out calibrations).
public enum Parallel {
    /// The output buffer, written at disjoint indices by the workers.
    @usableFromInline
    struct Slots<R>: @unchecked Sendable {
        @usableFromInline let base: UnsafeMutablePointer<R?>

        @usableFromInline init(base: UnsafeMutablePointer<R?>) { self.base = base }
    }

    /// `items.map(body)`, spread over the active processors in contiguous chunks. Inlinable, so that
    /// it is specialised for its item and result types in the modules that call it (generic, a
    /// report's 140,000 projection rows were copied through their type's metadata).
    @inlinable
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R?] {
        let count = items.count
        guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return items.map(body) }
        let base = UnsafeMutablePointer<R?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
        defer { base.deinitialize(count: count); base.deallocate() }
        let slots = Slots(base: base)
        let chunks = min(count, ProcessInfo.processInfo.activeProcessorCount * 8)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for i in (chunk * count / chunks)..<((chunk + 1) * count / chunks) { slots.base[i] = body(items[i]) }
        }
        return Array(UnsafeBufferPointer(start: base, count: count))
    }
}
