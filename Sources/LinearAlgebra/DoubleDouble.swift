/// An unevaluated sum `hi + lo` of two doubles carrying about 106 bits of precision.
///
/// Used to accumulate residuals and sums where cancellation would otherwise lose digits
/// (error-free transformations of Knuth's TwoSum and the fused multiply-add TwoProduct; see
/// Ogita, Rump and Oishi, "Accurate sum and dot product", SIAM J. Sci. Comput. 26 (2005) 1955–1988,
/// doi:10.1137/030601818).
public struct DoubleDouble: Sendable, Equatable {
    /// The leading part (the double nearest the value).
    public var hi: Double
    /// The trailing part (|lo| ≤ ½ ulp(hi)).
    public var lo: Double

    /// The value `value` exactly.
    public init(_ value: Double) {
        hi = value
        lo = 0
    }

    /// `hi + lo` as given, normalised.
    public init(hi: Double, lo: Double) {
        let s = hi + lo
        self.hi = s
        self.lo = lo - (s - hi)
    }

    /// The nearest double.
    public var value: Double { hi + lo }

    /// The exact product `a · b` as a double-double (TwoProduct with a fused multiply-add).
    public static func product(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        guard p.isFinite else { return DoubleDouble(rawHi: p, lo: 0) }
        // `addingProduct` is fused: −p + a·b with one rounding is the exact error of p.
        return DoubleDouble(rawHi: p, lo: (-p).addingProduct(a, b))
    }

    private init(rawHi: Double, lo: Double) {
        self.hi = rawHi
        self.lo = lo
    }

    /// The sum, with the rounding error of the leading parts carried exactly (TwoSum).
    public static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let s = x.hi + y.hi
        let v = s - x.hi
        let e = (x.hi - (s - v)) + (y.hi - v)
        return DoubleDouble(hi: s, lo: e + x.lo + y.lo)
    }

    /// The difference.
    public static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        x + DoubleDouble(rawHi: -y.hi, lo: -y.lo)
    }

    /// Accurate sum of `values`, as if computed in twice the working precision.
    public static func sum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        values.reduce(DoubleDouble(0)) { $0 + DoubleDouble($1) }.value
    }

    /// Accurate dot product of two vectors of equal length, as if computed in twice the
    /// working precision (Dot2 of Ogita, Rump and Oishi).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var acc = DoubleDouble(0)
        for i in 0..<min(x.count, y.count) { acc = acc + product(x[i], y[i]) }
        return acc.value
    }
}
