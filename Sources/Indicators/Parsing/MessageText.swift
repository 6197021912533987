import Foundation

/// Text from input files made safe to echo in a one-line message: no control characters or escape
/// sequences reach a terminal or log, and a huge value cannot flood it.
public enum MessageText {
    /// The longest run of characters without a space kept in a message; longer runs are cut with "…".
    public static let longestWord = 120
    /// The longest message kept; longer ones are cut with "…".
    public static let longestLine = 2_000

    /// `text` with every control character (C0, DEL, C1; tab and line breaks included) replaced by
    /// U+FFFD, every run of more than ``longestWord`` non-space characters cut, and the whole cut at
    /// ``longestLine`` characters.
    public static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var word = 0, total = 0, cut = false
        for c in text.unicodeScalars {
            if total >= longestLine {
                cut = true
                break
            }
            let control = c.value < 0x20 || (0x7F...0x9F).contains(c.value)
            let scalar: Unicode.Scalar = control ? "\u{FFFD}" : c
            if scalar == " " {
                word = 0
            } else {
                word += 1
                if word > longestWord {
                    if word == longestWord + 1 { out.append("…") }
                    continue
                }
            }
            out.append(scalar)
            total += 1
        }
        return String(out) + (cut ? "…" : "")
    }
}
