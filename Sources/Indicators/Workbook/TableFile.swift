import Foundation

/// A table from a file of either kind: a workbook (`.xlsx`, `.xlsm`) or delimited text, told apart
/// by the file's first bytes, not its name.
public enum TableFile {
    /// What a file's first bytes say it is.
    enum Signature: Equatable {
        /// `PK\x03\x04`: a ZIP package (a workbook).
        case zip
        /// `D0 CF 11 E0`: an OLE compound document (an old `.xls`, or an encrypted `.xlsx`).
        case compoundDocument
        /// Anything else (text).
        case other
    }

    /// The signature of the file at `path` (`.other` when it cannot be read: the reader says why).
    static func signature(path: String) -> Signature {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .other }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
        if head == [0x50, 0x4B, 0x03, 0x04] { return .zip }
        if head == [0xD0, 0xCF, 0x11, 0xE0] { return .compoundDocument }
        return .other
    }

    /// The one line for an old binary workbook or an encrypted one.
    static func oldExcel(_ file: String) -> DatasetError {
        .workbook(SourcePosition(file: file), problem: .oldOrEncrypted)
    }

    /// Reads the file at `path` as a table: a workbook's sheet when the file starts with the ZIP
    /// signature (whatever its extension), else delimited text through ``CSVTable/read(path:displayName:uniqueHeader:delimiter:encoding:)``.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - displayName: the name to use in messages (defaults to `path`).
    ///   - sheet: the workbook sheet (nil: the first); an error for a text file.
    ///   - uniqueHeader: refuse a header that names a column twice.
    ///   - delimiter: the field separator of a text file (default: detected).
    ///   - encoding: the encoding of a text file (default: UTF-16 with a byte-order mark, else UTF-8).
    /// - Throws: ``DatasetError``: what ``Workbook`` or ``CSVTable`` throw; for an old `.xls` or an
    ///   encrypted workbook, one line saying to save it as `.xlsx` or CSV UTF-8; for a `sheet` given
    ///   with a text file, "a text file has no sheets".
    public static func read(path: String, displayName: String? = nil, sheet: String? = nil, uniqueHeader: Bool = true,
                            delimiter: CSVTable.Delimiter = .auto, encoding: CSVTable.Encoding = .auto) throws(DatasetError) -> CSVTable {
        let name = displayName ?? path
        switch signature(path: path) {
        case .zip:
            return try Workbook.open(path: path, displayName: name).table(sheet: sheet, uniqueHeader: uniqueHeader)
        case .compoundDocument:
            throw oldExcel(name)
        case .other:
            if let sheet, FileManager.default.fileExists(atPath: path) {
                throw .workbook(SourcePosition(file: name), problem: .textHasNoSheets(sheet: sheet))
            }
            return try CSVTable.read(path: path, displayName: name, uniqueHeader: uniqueHeader, delimiter: delimiter, encoding: encoding)
        }
    }
}
