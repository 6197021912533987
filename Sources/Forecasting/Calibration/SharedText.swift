import Synchronization

/// One stored copy of text that many forecasts repeat (notes naming the calibration's source, the
/// reason for the default), so that 140,000 projections do not hold 140,000 copies of each.
enum SharedText {
    static let pool = Mutex<[String: String]>([:])

    /// The canonical copy of `text` (the first one seen).
    static func of(_ text: String) -> String {
        pool.withLock { pool in
            if let kept = pool[text] { return kept }
            if pool.count > 10_000 { pool.removeAll() }   // bounded: texts are few in practice
            pool[text] = text
            return text
        }
    }
}
