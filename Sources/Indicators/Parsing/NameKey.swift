import Foundation

/// The one key every path compares names by (the dataset loader's aliases, `data import`, a
/// workbook's names, the command line's `--entity`/`--indicator`): names that differ only by
/// letter case, Vietnamese marks and their variants (`Đăk`/`Đắk`, `Dak`), invisible characters (a
/// zero-width space), spacing or punctuation have the same key.
public enum NameKey {
    /// `name` lowercased, without marks (đ → d), and with only its letters and digits:
    /// "Đắk Lắk", "Đắk\u{200B}Lắk", "Đăk Lăk" and "Dak  Lak" → "daklak"; "K'rông Nô" → "krongno".
    public static func of(_ name: String) -> String {
        let folded = name.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
    }
}
