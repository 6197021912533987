import Foundation
@testable import Reporting
import Testing

/// The report's number text against Foundation's `String(format:)`, which it replaces for speed.
struct PrintfTests {
    @Test func fixedMatchesStringFormat() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, 0.125, 0.375, -0.04, -0.05, 999.95, 1e15, 0x1p52 + 0.5,
                                0x1p53 - 1, 123456789.125, 5e-324, 1e-300, 0.0001, 0.00049999, 0.0005, 0.0015]
        for _ in 0..<20000 {
            let magnitude = Double.random(in: -8...16, using: &generator)
            var v = pow(10, magnitude) * (Bool.random(using: &generator) ? 1 : -1)
            // Values near ties, as published numbers with few decimals are.
            if Bool.random(using: &generator) { v = (v * 1000).rounded() / 1000 + (Bool.random(using: &generator) ? 0.0005 : 0.005) }
            values.append(v)
        }
        for v in values {
            for d in 0...3 {
                #expect(Printf.fixed(v, decimals: d) == String(format: "%.\(d)f", v), "\(v) with \(d) decimals")
            }
        }
        #expect(Printf.fixed(1e300, decimals: 1) == String(format: "%.1f", 1e300))
        #expect(Printf.fixed(2.5, decimals: 6) == String(format: "%.6f", 2.5))
    }

    @Test func plainGroupsDigits() {
        #expect(NumberText.plain(1234567.891, decimals: 2, .vi) == "1.234.567,89")
        #expect(NumberText.plain(-1234.5, decimals: 1, .en) == "−1,234.5")
        #expect(NumberText.plain(-0.004, decimals: 2, .en) == "0.00")
        #expect(NumberText.plain(999, decimals: 0, .vi) == "999")
        #expect(NumberText.plain(-1000, decimals: 0, .vi) == "−1.000")
    }
}
