import Foundation
#if canImport(zlib)
import zlib
#else
import CZlib
#endif

/// The members of a ZIP file (a workbook's package), read from its central directory, and each
/// member unpacked as it is read (``MemberStream``) with its declared size checked before inflating
/// and its size and compression ratio checked again as the bytes come out (sizes in the directory are
/// never trusted alone). Two members of one name, or of names differing only in case, are refused.
///
/// Stored and deflated members are read; an encrypted member, another compression method, a member
/// that lies outside the file or a deflate stream that ends early is refused. (ZIPFoundation's
/// reader on Linux, 0.9.20, inflates until the stream says it ended, past the member's compressed
/// size and forever on a file cut short; hence this reader over zlib.)
struct ZipArchive: Sendable {
    /// One member: where its data starts and how it is packed.
    struct Member: Sendable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var compressedSize: UInt64
        var size: UInt64
        var headerOffset: UInt64
    }

    /// The file name used in messages.
    let file: String
    /// The file on disk.
    let path: String
    /// The members by name, and by lower-cased name (Excel matches part names without case).
    let members: [String: Member]
    let folded: [String: Member]
    let fileSize: UInt64

    /// The member named `name` (exactly, else ignoring case).
    func member(_ name: String) -> Member? {
        members[name] ?? folded[name.lowercased()]
    }

    func refuse(_ damage: DataProblem.Damage) -> DatasetError {
        .workbook(SourcePosition(file: file), problem: .damaged(damage))
    }

    /// Reads the central directory of the ZIP file at `path`.
    static func open(path: String, file: String) throws(DatasetError) -> ZipArchive {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: file, reason: .cannotOpen) }
        defer { try? handle.close() }
        let size: UInt64
        do { size = try handle.seekToEnd() } catch { throw .unreadable(path: file, reason: .from(error)) }
        let partial = ZipArchive(file: file, path: path, members: [:], folded: [:], fileSize: size)
        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535.
        let tailLength = min(size, 22 + 65_535)
        let tail = try partial.read(handle, at: size - tailLength, count: Int(tailLength))
        var eocd: Int?
        var k = tail.count - 22
        while k >= 0 {
            if tail.u32(k) == 0x0605_4B50 { eocd = k; break }
            k -= 1
        }
        guard let e = eocd else { throw partial.refuse(.noCentralDirectory) }
        var count = UInt64(tail.u16(e + 10)), cdSize = UInt64(tail.u32(e + 12)), cdOffset = UInt64(tail.u32(e + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // ZIP64: the locator stands right before the record and points at the ZIP64 record.
            let locatorAt = size - tailLength + UInt64(e)
            guard locatorAt >= 20 else { throw partial.refuse(.zip64Missing) }
            let locator = try partial.read(handle, at: locatorAt - 20, count: 20)
            guard locator.u32(0) == 0x0706_4B50 else { throw partial.refuse(.zip64Missing) }
            let recordAt = locator.u64(8)
            guard recordAt <= size, size - recordAt >= 56 else { throw partial.refuse(.zip64Outside) }
            let record = try partial.read(handle, at: recordAt, count: 56)
            guard record.u32(0) == 0x0606_4B50 else { throw partial.refuse(.zip64Damaged) }
            count = record.u64(32)
            cdSize = record.u64(40)
            cdOffset = record.u64(48)
        }
        guard cdOffset <= size, cdSize <= size - cdOffset, cdSize <= 64 << 20 else {
            throw partial.refuse(.directoryOutside)
        }
        let directory = try partial.read(handle, at: cdOffset, count: Int(cdSize))
        var members: [String: Member] = [:], folded: [String: Member] = [:]
        var p = 0
        for _ in 0..<min(count, UInt64(directory.count / 46 + 1)) {
            guard p + 46 <= directory.count, directory.u32(p) == 0x0201_4B50 else {
                throw partial.refuse(.directoryDamaged)
            }
            let nameLength = Int(directory.u16(p + 28)), extraLength = Int(directory.u16(p + 30)), commentLength = Int(directory.u16(p + 32))
            let end = p + 46 + nameLength + extraLength + commentLength
            guard end <= directory.count else { throw partial.refuse(.directoryDamaged) }
            var member = Member(name: String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self),
                                method: directory.u16(p + 10), flags: directory.u16(p + 8),
                                compressedSize: UInt64(directory.u32(p + 20)), size: UInt64(directory.u32(p + 24)),
                                headerOffset: UInt64(directory.u32(p + 42)))
            // ZIP64 extra field: 8-byte values for the fields that hold 0xFFFFFFFF, in this order.
            var x = p + 46 + nameLength
            let extraEnd = x + extraLength
            while x + 4 <= extraEnd {
                let id = directory.u16(x), length = Int(directory.u16(x + 2))
                guard x + 4 + length <= extraEnd else { break }
                if id == 0x0001 {
                    var v = x + 4
                    func next() -> UInt64? {
                        guard v + 8 <= x + 4 + length else { return nil }
                        defer { v += 8 }
                        return directory.u64(v)
                    }
                    if member.size == 0xFFFF_FFFF, let n = next() { member.size = n }
                    if member.compressedSize == 0xFFFF_FFFF, let n = next() { member.compressedSize = n }
                    if member.headerOffset == 0xFFFF_FFFF, let n = next() { member.headerOffset = n }
                }
                x += 4 + length
            }
            // Two members of one name (or of names that differ only in case, which Excel takes as one
            // part) would let two readers see different data: refused.
            guard members[member.name] == nil, folded[member.name.lowercased()] == nil else {
                throw partial.refuse(.duplicateMember(member.name))
            }
            members[member.name] = member
            folded[member.name.lowercased()] = member
            p = end
        }
        return ZipArchive(file: file, path: path, members: members, folded: folded, fileSize: size)
    }

    /// `count` bytes at `offset`, all of them or an error.
    func read(_ handle: FileHandle, at offset: UInt64, count: Int) throws(DatasetError) -> [UInt8] {
        do {
            try handle.seek(toOffset: offset)
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else { throw refuse(.cutShort) }
            return [UInt8](data)
        } catch let error as DatasetError {
            throw error
        } catch {
            throw .unreadable(path: file, reason: .from(error))
        }
    }

    /// Opens `member` for reading as it unpacks (``MemberStream``). Refused before any byte is
    /// inflated: an encrypted member, another packing method, a member whose declared size is past
    /// `limit` or more than `ratio` times its packed size, a member lying outside the file.
    func stream(_ member: Member, limit: Int64, ratio: Int64) throws(DatasetError) -> MemberStream {
        try MemberStream(archive: self, member: member, limit: limit, ratio: ratio)
    }
}

/// One member of a ``ZipArchive`` unpacked a chunk at a time, as it is read: nothing of it is ever
/// written to disk, and at most one 64 KiB packed chunk is held besides what the caller asks for.
///
/// The sizes the central directory declares are checked before inflating (past the limit, or past
/// the ratio, is refused at once) and again as bytes come out: a member that unpacks to more than it
/// declared, more than the limit or more than the ratio stops with an error at that byte.
final class MemberStream {
    let archive: ZipArchive
    let member: ZipArchive.Member
    private let handle: FileHandle
    private var remaining: UInt64
    private var produced: Int64 = 0
    private let limit: Int64, ratio: Int64
    private let inflater: UnsafeMutablePointer<z_stream>?
    private let input: UnsafeMutableBufferPointer<UInt8>
    private(set) var ended = false
    static let chunk = 1 << 16

    init(archive: ZipArchive, member: ZipArchive.Member, limit: Int64, ratio: Int64) throws(DatasetError) {
        let name = member.name
        guard member.flags & 1 == 0 else { throw archive.refuse(.encrypted(name)) }
        guard member.method == 0 || member.method == 8 else { throw archive.refuse(.packingMethod(name, method: Int(member.method))) }
        // The declared sizes, before a byte is inflated.
        guard member.size <= UInt64(limit) else { throw archive.refuse(.unpacksBeyond(name, bytes: limit)) }
        guard member.size <= max(member.compressedSize, 1) &* UInt64(ratio) else { throw archive.refuse(.unpacksRatio(name, ratio: Int(ratio))) }
        guard let handle = FileHandle(forReadingAtPath: archive.path) else { throw .unreadable(path: archive.file, reason: .cannotOpen) }
        let fileSize = archive.fileSize
        guard member.headerOffset <= fileSize, fileSize - member.headerOffset >= 30 else {
            try? handle.close()
            throw archive.refuse(.partOutside(name))
        }
        let header: [UInt8]
        do { header = try archive.read(handle, at: member.headerOffset, count: 30) } catch { try? handle.close(); throw error }
        guard header.u32(0) == 0x0403_4B50 else { try? handle.close(); throw archive.refuse(.noLocalHeader(name)) }
        let dataOffset = member.headerOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
        guard dataOffset <= fileSize, member.compressedSize <= fileSize - dataOffset else {
            try? handle.close()
            throw archive.refuse(.partPastEnd(name))
        }
        do { try handle.seek(toOffset: dataOffset) } catch { try? handle.close(); throw .unreadable(path: archive.file, reason: .from(error)) }
        var inflater: UnsafeMutablePointer<z_stream>?
        if member.method == 8 {
            let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            z.initialize(to: z_stream())
            guard inflateInit2_(z, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                z.deallocate()
                try? handle.close()
                throw .unreadable(path: archive.file, reason: .zlib)
            }
            inflater = z
        }
        self.archive = archive
        self.member = member
        self.handle = handle
        self.remaining = member.compressedSize
        self.limit = limit
        self.ratio = ratio
        self.inflater = inflater
        self.input = .allocate(capacity: Self.chunk)
    }

    deinit {
        if let inflater {
            inflateEnd(inflater)
            inflater.deallocate()
        }
        input.deallocate()
        try? handle.close()
    }

    private func count(_ n: Int) throws(DatasetError) {
        produced += Int64(n)
        let name = member.name
        if produced > limit { throw archive.refuse(.unpacksBeyond(name, bytes: limit)) }
        if produced > Int64(max(member.compressedSize, 1)) &* ratio { throw archive.refuse(.unpacksRatio(name, ratio: Int(ratio))) }
        if UInt64(produced) > member.size { throw archive.refuse(.unpacksBeyondDeclared(name, bytes: member.size)) }
    }

    /// Reads up to `capacity` packed bytes into `buffer`; all of them or an error.
    private func readPacked(_ buffer: UnsafeMutablePointer<UInt8>, _ capacity: Int) throws(DatasetError) -> Int {
        let n = Int(min(remaining, UInt64(capacity)))
        guard n > 0 else { return 0 }
        let data: Data
        do { data = try handle.read(upToCount: n) ?? Data() } catch { throw .unreadable(path: archive.file, reason: .from(error)) }
        guard data.count == n else { throw archive.refuse(.partPastEnd(member.name)) }
        data.copyBytes(to: buffer, count: n)
        remaining -= UInt64(n)
        return n
    }

    /// Unpacks up to `capacity` bytes into `buffer`: the number of bytes, 0 at the end of the member.
    func read(_ buffer: UnsafeMutablePointer<UInt8>, _ capacity: Int) throws(DatasetError) -> Int {
        guard !ended, capacity > 0 else { return 0 }
        guard let z = inflater else {
            let n = try readPacked(buffer, capacity)
            if n == 0 { ended = true } else { try count(n) }
            return n
        }
        while true {
            if z.pointee.avail_in == 0 {
                guard remaining > 0 else { throw archive.refuse(.packedDataEndsEarly(member.name)) }
                guard let base = input.baseAddress else { throw .unreadable(path: archive.file, reason: .zlib) }
                let n = try readPacked(base, input.count)
                z.pointee.next_in = base
                z.pointee.avail_in = UInt32(n)
            }
            let room = min(capacity, Int(UInt32.max))
            z.pointee.next_out = buffer
            z.pointee.avail_out = UInt32(room)
            let status = inflate(z, Z_NO_FLUSH)
            let n = room - Int(z.pointee.avail_out)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw archive.refuse(.notDeflate(member.name))
            }
            if status == Z_STREAM_END { ended = true }
            if n > 0 {
                try count(n)
                return n
            }
            if ended { return 0 }
        }
    }
}

extension [UInt8] {
    /// Little-endian integers at byte `i` (callers check the bounds first).
    func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
