import Foundation

/// Column widths and the font size of a table in a Word document, chosen so that the table fills the
/// text width of the page and no cell's word is wider than its column.
///
/// Word and LibreOffice wrap a cell's text at spaces inside a fixed-layout table; a word wider than
/// its column is broken between letters, which is legible but ugly. So each column is at least as
/// wide as the longest word in it, its header (bold) included; the font shrinks from 9 pt to 8 pt when
/// those minimums do not fit across the page; and the room left goes to the columns whose cells
/// would wrap, in proportion to how much wider they would need to be to show their longest text on one
/// line (headers may wrap; long texts are capped, so that a column of names wraps instead of taking
/// the page). A word longer than ``longestWord`` (an id such as `dl_bc_cds_6t_2024`) is allowed to
/// break. Widths come from Times New Roman's advance widths (Liberation Serif, LibreOffice's
/// substitute, has the same metrics), with 3 % to spare.
struct DOCXTableLayout: Equatable {
    /// The font size of the cells, in half-points (Word's unit: 18 is 9 pt).
    var halfPoints: Int
    /// Column widths in twentieths of a point (twips); their sum is the available width.
    var widths: [Int]

    /// The font sizes tried, largest first, in half-points (9 and 8 pt: smaller is hard to read).
    static let sizes = [18, 16]
    /// A cell's left and right margins, each, in twips (0.6 mm).
    static let cellMargin = 34
    /// What a column needs beside its text: both margins and the border.
    static let padding = 2 * cellMargin + 15
    /// The most a column's wish for one-line text may be, in twips (about 6 cm): longer text wraps.
    static let longestLine = 3400
    /// The widest word a column is made wide enough for, in 1/1000 em (about 11 letters: "insufficient"
    /// and "acceleration" fit; an id such as `dl_bc_cds_6t_2024` breaks).
    static let longestWord = 5000

    /// The layout of a table with these `headers` and cell `rows` (display texts) across `available`
    /// twips; the cells of an `unbroken` column (numbers: "68,5 %") are kept on one line.
    ///
    /// The larger font is taken when its columns fit and the room left gives the wrapping columns at
    /// least half of what they lack to show their text on one line; otherwise the size that gives them
    /// the most (a wide table of long texts reads better in 8 pt on fewer lines than in 9 pt on many).
    static func make(headers: [String], rows: [[String]], unbroken: [Bool], available: Int) -> DOCXTableLayout {
        let count = headers.count
        guard count > 0 else { return DOCXTableLayout(halfPoints: sizes[0], widths: []) }
        // Measured once in units of 1/1000 em, then scaled per size.
        var metrics = Metrics()
        var word = headers.map { min(metrics.longestWord($0, bold: true), longestWord) }, line = [Int](repeating: 0, count: count)
        for row in rows {
            for (j, text) in row.prefix(count).enumerated() where !text.isEmpty {
                let whole = metrics.width(text, bold: false)
                let longest = j < unbroken.count && unbroken[j] ? min(whole, 2 * longestWord) : min(metrics.longestWord(text, bold: false), longestWord)
                word[j] = max(word[j], longest)
                line[j] = max(line[j], whole)
            }
        }
        var best: (layout: DOCXTableLayout, satisfied: Double)?
        for size in sizes {
            let minimum = word.map { twips($0, halfPoints: size) + padding }
            let wish = zip(line, minimum).map { max($1, min(twips($0, halfPoints: size) + padding, longestLine)) }
            let least = minimum.reduce(0, +), lacking = wish.reduce(0, +) - least
            // The share of what the wrapping columns lack that the room left gives them (−1: no fit).
            let satisfied = least > available ? -1 : (lacking == 0 ? 1 : min(1, Double(available - least) / Double(lacking)))
            let layout = DOCXTableLayout(halfPoints: size, widths: share(available, minimum: minimum, wish: wish))
            if best == nil || satisfied > best?.satisfied ?? -1 { best = (layout, satisfied) }
            if satisfied >= 0.5 { break }
        }
        return best?.layout ?? DOCXTableLayout(halfPoints: sizes[0], widths: [])
    }

    /// `available` shared out: every column its minimum (scaled down together if they do not fit),
    /// then towards its wish in proportion to what it lacks, then any room left in proportion to the
    /// wishes. The widths add up to `available` exactly (the rounding goes to the widest column).
    static func share(_ available: Int, minimum: [Int], wish: [Int]) -> [Int] {
        let least = minimum.reduce(0, +), most = wish.reduce(0, +)
        var widths: [Double]
        if least >= available {
            widths = minimum.map { Double($0) * Double(available) / Double(max(least, 1)) }
        } else if most >= available {
            let room = Double(available - least), lacking = Double(most - least)
            widths = zip(minimum, wish).map { Double($0) + (lacking > 0 ? Double($1 - $0) * room / lacking : 0) }
        } else {
            widths = wish.map { Double($0) * Double(available) / Double(max(most, 1)) }
        }
        var rounded = widths.map { Int($0.rounded(.down)) }
        if let widest = rounded.indices.max(by: { rounded[$0] < rounded[$1] }) {
            rounded[widest] += available - rounded.reduce(0, +)
        }
        return rounded
    }

    /// A width in 1/1000 em at a size in half-points, in twips, with 3 % to spare.
    static func twips(_ units: Int, halfPoints: Int) -> Int {
        // units/1000 em × halfPoints/2 pt × 20 twips/pt × 1.03.
        (units * halfPoints * 103 + 9_999) / 10_000
    }

    /// Text widths in Times New Roman, in 1/1000 em, remembering each character met.
    struct Metrics {
        private var known: [Character: (regular: Int, bold: Int)] = [:]

        /// The width of the widest space-separated word of `text`.
        mutating func longestWord(_ text: String, bold: Bool) -> Int {
            text.split(whereSeparator: \.isWhitespace).map { width($0, bold: bold) }.max() ?? 0
        }

        /// The width of `text` on one line.
        mutating func width<S: StringProtocol>(_ text: S, bold: Bool) -> Int {
            var total = 0
            for c in text {
                let w: (regular: Int, bold: Int)
                if let seen = known[c] {
                    w = seen
                } else {
                    w = Metrics.advance(c)
                    known[c] = w
                }
                total += bold ? w.bold : w.regular
            }
            return total
        }

        /// Times New Roman's advance widths of the printable ASCII characters (U+0020 to U+007E),
        /// regular and bold, in 1/1000 em (the fonts' AFM metrics).
        static let ascii: [(Int, Int)] = Array(zip([
            250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
            500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
            921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
            556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
            333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
            500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
        ], [
            250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
            500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
            930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
            611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
            333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
            556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
        ]))

        /// A character's advance widths: ASCII from the table; a letter with Vietnamese marks as its
        /// base letter (one with a horn, ơ ư, a little wider); đ and Đ as d and D; other letters as an
        /// average letter; anything else (symbols, other scripts) as a full em.
        static func advance(_ c: Character) -> (regular: Int, bold: Int) {
            let scalars = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let base = scalars.first else { return (0, 0) }
            let value = Int(base.value)
            if value >= 0x20 && value < 0x7F {
                let (regular, bold) = ascii[value - 0x20]
                return scalars.contains("\u{31B}") ? (regular + 50, bold + 50) : (regular, bold)
            }
            switch base {
            case "đ": return (500, 556)
            case "Đ": return (722, 722)
            case "≥", "≤", "−", "×": return (564, 570)
            case "–": return (500, 500)
            default:
                if c.isLetter { return c.isUppercase ? (722, 778) : (500, 556) }
                return (1000, 1000)
            }
        }
    }
}
