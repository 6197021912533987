import Foundation

extension Double {
    /// The decimals that show `digits` significant digits of the value, as `%.<digits>g` shows them
    /// but never with an exponent: none for |value| ≥ 10^(digits − 1) (its whole digits are all
    /// shown), at most `maximumDecimals` for a tiny value (which then reads as 0).
    public func significantDecimals(_ digits: Int, maximumDecimals: Int = 12) -> Int {
        guard isFinite, self != 0 else { return 0 }
        let magnitude = Int(Foundation.log10(Swift.abs(self)).rounded(.down))
        return Swift.max(0, Swift.min(maximumDecimals, digits - 1 - magnitude))
    }

    /// `digits` significant digits in plain ASCII (`.` point, `-` sign, no grouping, trailing zeros
    /// dropped), never in scientific notation: 20321.7 → "20322", 0.10874 → "0.1087" (4 digits),
    /// 1.5e-20 → "0", −0 → "0". Non-finite values as Swift writes them ("inf", "nan").
    public func significant(_ digits: Int) -> String {
        guard isFinite else { return description }
        var text = String(format: "%.\(significantDecimals(digits))f", self)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
