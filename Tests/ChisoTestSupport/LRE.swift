import Foundation

/// Log relative error of `actual` against `expected`, as the NIST StRD README defines it:
/// `−log10(|actual − expected| / |expected|)`, or `−log10(|actual|)` when `expected` is 0,
/// capped at 15. NaN or infinite `actual` gives 0.
public func lre(expected: Double, actual: Double) -> Double {
    guard actual.isFinite else { return 0 }
    if actual == expected { return 15 }
    let error = expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    return min(15, max(0, -log10(error)))
}

/// Relative difference `|actual − expected| / |expected|` (absolute when expected is 0);
/// 0 when both are equal (including both infinite), infinity when only one is NaN or infinite.
public func relativeError(expected: Double, actual: Double) -> Double {
    if actual == expected || (actual.isNaN && expected.isNaN) { return 0 }
    guard actual.isFinite, expected.isFinite else { return .infinity }
    return expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
}
