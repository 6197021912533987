@testable import Forecasting
import Foundation
import Testing

/// The buffer-based model core's shortcuts keep the bits of the plain formulas.
struct ModelCoreTests {
    /// Σ ln |dz/dy| with its shortcuts (−z on the log scale where e^z gives y back, ln(u − l) once for
    /// the logit) equals the sum of ``Scale/logJacobian(_:)`` at the back-transformed values, to the bit.
    @Test(arguments: [UInt64(21), 22, 23])
    func logJacobianKeepsTheBits(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        var hits = 0
        for _ in 0..<2_000 {
            let n = Int.random(in: 2...9, using: &rng)
            let y = (0..<n).map { _ in (Double.random(in: 0.001...99.999, using: &rng) * 1_000).rounded() / 1_000 }
            for scale in [Scale.log, .logit(lower: 0, upper: 100), .logit(lower: 1, upper: 12), .identity] {
                let z = y.map { v in scale.forward(scale == .logit(lower: 1, upper: 12) ? 1 + v / 10 : v) }
                var plain = 0.0
                for v in z { plain += scale.logJacobian(scale.inverse(v)) }
                let fast = z.withUnsafeBufferPointer { zb in y.withUnsafeBufferPointer { ModelCore.logJacobian(scale, z: zb, y: $0) } }
                #expect(fast.bitPattern == plain.bitPattern, "\(scale): \(fast) vs \(plain)")
                if scale == .log { hits += zip(z, y).filter { exp($0) == $1 }.count }
            }
        }
        #expect(hits > 0)   // the shortcut is taken
    }
}
