/// Texts kept one after the other in one byte array (UTF-8), each found by its number: a sheet's
/// texts and the shared strings are held so, not as one `String` object each.
struct TextPool: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Where each text ends in `bytes` (it starts where the one before ends).
    private(set) var ends: [Int] = []

    /// The number of texts.
    var count: Int { ends.count }

    /// The byte range of text `k`.
    @inline(__always) func range(_ k: Int) -> Range<Int> {
        (k == 0 ? 0 : ends[k - 1])..<ends[k]
    }

    /// Calls `body` with the bytes of text `k`.
    @inline(__always) func withText<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(k)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Text `k` as a string.
    func string(_ k: Int) -> String {
        withText(k) { String(decoding: $0, as: UTF8.self) }
    }

    /// Adds a text: its number.
    @discardableResult
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.append(contentsOf: text)
        ends.append(bytes.count)
        return ends.count - 1
    }
}

/// A ``TextPool`` that holds each distinct text once (a column of district names repeats them):
/// texts are found again through an open-addressing table of their hashes (Swift's seeded
/// `Hasher`, so that texts made to collide cannot be chosen in advance).
struct TextInterner: Sendable {
    private(set) var pool = TextPool()
    /// Text numbers by hash, -1 for a free slot; at most half full.
    private var slots = [Int](repeating: -1, count: 1024)
    private var hashes: [Int] = []

    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(text))
        return hasher.finalize()
    }

    /// The number of `text`, added if it is new.
    mutating func intern(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        let h = Self.hash(text)
        let mask = slots.count - 1
        var s = h & mask
        while true {
            let k = slots[s]
            if k < 0 { break }
            if hashes[k] == h, pool.withText(k, { sameBytes($0, text) }) { return k }
            s = (s + 1) & mask
        }
        let k = pool.append(text)
        hashes.append(h)
        slots[s] = k
        if hashes.count * 2 > slots.count { grow() }
        return k
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (k, h) in hashes.enumerated() {
            var s = h & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = k
        }
    }
}
