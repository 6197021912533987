import Foundation

/// Column widths and font sizes of a table in a Word document, chosen so that the table fills the
/// text width of the page and no cell's word is wider than its column.
///
/// Word and LibreOffice wrap a cell's text at spaces inside a fixed-layout table; a word wider than
/// its column is broken between letters, which is legible but ugly, and a number broken so misleads.
/// So each column is at least as wide as its longest number or word (a word longer than
/// ``longestWord``, an id such as `dl_bc_cds_6t_2024`, may break) and as its header's longest word in
/// bold. Cells are 12 pt; when those minimums do not fit across the page, 11 pt (the size of a table
/// in an administrative report: a table too wide for 11 pt is printed in parts, see
/// ``DOCXRenderer``). The room left goes to the columns whose cells would wrap, in proportion to how much wider
/// they would need to be to show their longest text on one line (headers may wrap; long texts are
/// capped at ``longestLine``, so that a column of names wraps instead of taking the page). If the
/// minimums fit at no size, header words break before any cell's. Widths come from Times New Roman's
/// advance widths (Liberation Serif, LibreOffice's substitute, has the same metrics), with 3 % to spare.
struct DOCXTableLayout: Equatable {
    /// The font size of the body cells, in half-points (Word's unit: 22 is 11 pt).
    var halfPoints: Int
    /// The font size of the header row, in half-points.
    var headerHalfPoints: Int
    /// Column widths in twentieths of a point (twips); their sum is the available width.
    var widths: [Int]

    /// The font sizes tried in turn, in half-points: (cells, header).
    static let sizes = [(cells: 24, header: 24), (cells: 22, header: 22)]
    /// The smallest size, in half-points: what a part of a table must fit at (11 pt).
    static var smallest: Int { sizes[sizes.count - 1].cells }
    /// A cell's left and right margins, each, in twips (0.6 mm).
    static let cellMargin = 34
    /// What a column needs beside its text: both margins and the border.
    static let padding = 2 * cellMargin + 15
    /// The most a column's wish for one-line text may be, in twips (about 6 cm): longer text wraps.
    static let longestLine = 3400
    /// The widest word a column is made wide enough for, in 1/1000 em (about 11 letters: "insufficient"
    /// and "acceleration" fit; an id such as `dl_bc_cds_6t_2024` breaks).
    static let longestWord = 5000
    /// The widest header word a column is made wide enough for, in 1/1000 em ("Comparator" and
    /// "Denominator" in bold fit; a period such as `2024-09-01/2024-09-20` breaks).
    static let longestHeaderWord = 6000

    /// The layout of a table with these `headers` and cell `rows` (display texts) across `available`
    /// twips; the cells of an `unbroken` column (numbers: "68,5 %") are kept on one line.
    ///
    /// The first sizes are taken whose columns fit and whose room left gives the wrapping columns at
    /// least half of what they lack to show their text on one line; failing that, the sizes that give
    /// them the most (a wide table of long texts reads better in 11 pt on fewer lines than in 12 pt
    /// on many); when nothing fits, the smallest.
    static func make(headers: [String], rows: [[String]], unbroken: [Bool], available: Int) -> DOCXTableLayout {
        make(Measures(headers: headers, rows: rows, unbroken: unbroken), available: available)
    }

    /// What a table's columns need, in 1/1000 em (scaled per size): the widest header word in bold,
    /// the widest word (a number: the whole number) and the widest line of each column's cells.
    struct Measures {
        var header: [Int], word: [Int], line: [Int]

        /// The measures of `headers` over `rows` of display texts (an `unbroken` column's whole text is one word).
        init(headers: [String], rows: [[String]], unbroken: [Bool]) {
            let count = headers.count
            var metrics = Metrics()
            header = headers.map { min(metrics.longestWord($0, bold: true), longestHeaderWord) }
            word = [Int](repeating: 0, count: count)
            line = [Int](repeating: 0, count: count)
            for row in rows {
                for (j, text) in row.prefix(count).enumerated() where !text.isEmpty {
                    let whole = metrics.width(text, bold: false)
                    let longest = j < unbroken.count && unbroken[j] ? min(whole, 2 * longestWord) : min(metrics.longestWord(text, bold: false), longestWord)
                    word[j] = max(word[j], longest)
                    line[j] = max(line[j], whole)
                }
            }
        }

        init(header: [Int], word: [Int], line: [Int]) {
            self.header = header
            self.word = word
            self.line = line
        }

        /// The measures of some columns, in their order.
        func columns(_ js: [Int]) -> Measures { Measures(header: js.map { header[$0] }, word: js.map { word[$0] }, line: js.map { line[$0] }) }

        /// The least width column j takes at the smallest size, in twips: its widest word or header word.
        func minimum(_ j: Int) -> Int {
            max(twips(word[j], halfPoints: smallest), twips(header[j], halfPoints: smallest)) + padding
        }
    }

    /// ``make(headers:rows:unbroken:available:)`` from the columns' measures.
    static func make(_ m: Measures, available: Int) -> DOCXTableLayout {
        guard !m.header.isEmpty else { return DOCXTableLayout(halfPoints: sizes[0].cells, headerHalfPoints: sizes[0].header, widths: []) }
        let (header, word, line) = (m.header, m.word, m.line)
        var best: (layout: DOCXTableLayout, satisfied: Double)?
        // A header smaller than its cells only when the same sizes do not fit.
        for size in sizes where size.header == size.cells || best?.satisfied ?? -1 < 0 {
            let cells = word.map { twips($0, halfPoints: size.cells) + padding }
            let minimum = zip(cells, header).map { max($0, twips($1, halfPoints: size.header) + padding) }
            let wish = zip(line, minimum).map { max($1, min(twips($0, halfPoints: size.cells) + padding, longestLine)) }
            let least = minimum.reduce(0, +), lacking = wish.reduce(0, +) - least
            // The share of what the wrapping columns lack that the room left gives them (−1: no fit).
            let satisfied = least > available ? -1 : (lacking == 0 ? 1 : min(1, Double(available - least) / Double(lacking)))
            let layout = DOCXTableLayout(halfPoints: size.cells, headerHalfPoints: size.header,
                                         widths: share(available, cells: cells, minimum: minimum, wish: wish))
            if best == nil || satisfied >= 0 && satisfied > best?.satisfied ?? -1 || satisfied < 0 && best?.satisfied ?? -1 < 0 {
                best = (layout, satisfied)
            }
            if satisfied >= 0.5 { break }
        }
        return best?.layout ?? DOCXTableLayout(halfPoints: sizes[0].cells, headerHalfPoints: sizes[0].header, widths: [])
    }

    /// `available` shared out: every column its minimum, then towards its wish in proportion to what
    /// it lacks, then any room left in proportion to the wishes. When the minimums do not fit, each
    /// column gets what its cells need and a share of what its header needs beyond that (header words
    /// break first); when the cells' needs do not fit either, those, scaled down together. The widths
    /// add up to `available` exactly (the rounding goes to the widest column).
    static func share(_ available: Int, cells: [Int], minimum: [Int], wish: [Int]) -> [Int] {
        let least = minimum.reduce(0, +), most = wish.reduce(0, +), needed = cells.reduce(0, +)
        var widths: [Double]
        if needed >= available {
            widths = cells.map { Double($0) * Double(available) / Double(max(needed, 1)) }
        } else if least >= available {
            let room = Double(available - needed), wanted = Double(least - needed)
            widths = zip(cells, minimum).map { Double($0) + Double($1 - $0) * room / wanted }
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
