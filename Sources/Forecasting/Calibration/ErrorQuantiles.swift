import Foundation

/// Quantile functions stored on the fixed probability grid ``CalibrationTable/probabilities``:
/// reading a quantile and the cumulative probability of a value, with the same interpolation
/// everywhere (linear in p between grid points; exponential tails beyond 0.5 % and 99.5 %).
public enum ErrorQuantiles {
    /// The `p`-quantile of a quantile vector on the grid (`values.count` = grid size).
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        values.withUnsafeBufferPointer { quantile($0, p) }
    }

    /// The `p`-quantile, on a buffer.
    static func quantile(_ q: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        let grid = CalibrationTable.probabilities
        let last = grid.count - 1
        if p <= grid[0] {
            return tail(q[0], q[1], grid[0], grid[1], p, lower: true)
        }
        if p >= grid[last] {
            return tail(q[last], q[last - 1], 1 - grid[last], 1 - grid[last - 1], 1 - p, lower: false)
        }
        let k = segment(p)
        let w = (p - grid[k]) / (grid[k + 1] - grid[k])
        return q[k] + w * (q[k + 1] - q[k])
    }

    /// P(X ≤ x) for the distribution whose quantiles on the grid are `values`.
    public static func cdf(_ values: [Double], _ x: Double) -> Double {
        let grid = CalibrationTable.probabilities
        let last = grid.count - 1
        if x <= values[0] {
            let width = tailWidth(values[0], values[1], grid[0], grid[1])
            return grid[0] * exp((x - values[0]) / width)
        }
        if x >= values[last] {
            let width = tailWidth(values[last - 1], values[last], 1 - grid[last], 1 - grid[last - 1])
            return 1 - (1 - grid[last]) * exp(-(x - values[last]) / width)
        }
        // The last grid point whose quantile is ≤ x (ties: the probability mass sits on the tie).
        var lo = 0, hi = last
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if values[mid] <= x { lo = mid } else { hi = mid }
        }
        let span = values[hi] - values[lo]
        guard span > 0 else { return grid[hi] }
        return grid[lo] + (grid[hi] - grid[lo]) * (x - values[lo]) / span
    }

    /// The grid segment [k, k + 1] holding p (grid[0] < p < grid.last).
    static func segment(_ p: Double) -> Int {
        let grid = CalibrationTable.probabilities
        var lo = 0, hi = grid.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if grid[mid] <= p { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The e-folding width of an exponential tail through the two outermost grid points.
    static func tailWidth(_ a: Double, _ b: Double, _ pa: Double, _ pb: Double) -> Double {
        max(abs(b - a) / Foundation.log(pb / pa), 1e-12)
    }

    /// A quantile beyond the grid's end, on an exponential tail (mirrored for the upper tail).
    static func tail(_ edge: Double, _ inner: Double, _ pEdge: Double, _ pInner: Double, _ p: Double, lower: Bool) -> Double {
        let width = tailWidth(edge, inner, pEdge, pInner)
        let distance = width * Foundation.log(pEdge / max(p, 1e-300))
        return lower ? edge - distance : edge + distance
    }
}
