/// A province, district or department that indicators are reported for.
public struct Entity: Sendable, Equatable, Identifiable {
    /// Administrative level.
    public enum Level: String, Sendable, CaseIterable {
        /// A province (tỉnh).
        case province
        /// A district or provincial city (huyện, thành phố).
        case district
        /// A department or agency (sở, ban, ngành).
        case department
    }

    /// Stable id (snake_case ASCII).
    public var id: String
    /// Vietnamese name.
    public var nameVi: String
    /// English name.
    public var nameEn: String
    /// Level.
    public var level: Level
    /// The province a district or department belongs to.
    public var parent: String?
    /// Spellings found in the sources ("K'rông Nô", "Krông Nô", ...).
    public var aliases: [String]

    /// An entity.
    public init(id: String, nameVi: String, nameEn: String, level: Level, parent: String? = nil, aliases: [String] = []) {
        self.id = id
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.level = level
        self.parent = parent
        self.aliases = aliases
    }
}
