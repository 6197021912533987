import Foundation
#if canImport(zlib)
import zlib
#else
import CZlib
#endif

/// The members of a ZIP file (a workbook's package), read from its central directory, and each
/// member unpacked to a file in bounded memory with its size and compression ratio checked as the
/// bytes come out (sizes in the directory are never trusted alone).
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

    /// Unpacks `member` chunk by chunk, handing each chunk to `sink`, and stops with an error as soon
    /// as more than `limit` bytes come out or more than `ratio` times the packed size.
    func unpack(_ member: Member, limit: Int64, ratio: Int64, into sink: (UnsafeBufferPointer<UInt8>) throws(DatasetError) -> Void) throws(DatasetError) {
        let name = member.name
        guard member.flags & 1 == 0 else { throw refuse(.encrypted(name)) }
        guard member.method == 0 || member.method == 8 else { throw refuse(.packingMethod(name, method: Int(member.method))) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: file, reason: .cannotOpen) }
        defer { try? handle.close() }
        guard member.headerOffset <= fileSize, fileSize - member.headerOffset >= 30 else { throw refuse(.partOutside(name)) }
        let header = try read(handle, at: member.headerOffset, count: 30)
        guard header.u32(0) == 0x0403_4B50 else { throw refuse(.noLocalHeader(name)) }
        let dataOffset = member.headerOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
        guard dataOffset <= fileSize, member.compressedSize <= fileSize - dataOffset else {
            throw refuse(.partPastEnd(name))
        }
        var produced: Int64 = 0
        let packed = Int64(max(member.compressedSize, 1))
        func count(_ n: Int) throws(DatasetError) {
            produced += Int64(n)
            if produced > limit { throw refuse(.unpacksBeyond(name, bytes: limit)) }
            if produced > packed * ratio { throw refuse(.unpacksRatio(name, ratio: Int(ratio))) }
        }
        var remaining = member.compressedSize
        let chunk = 1 << 16
        do { try handle.seek(toOffset: dataOffset) } catch { throw .unreadable(path: file, reason: .from(error)) }
        func nextChunk() throws(DatasetError) -> [UInt8] {
            let n = Int(min(remaining, UInt64(chunk)))
            let data: Data
            do { data = try handle.read(upToCount: n) ?? Data() } catch { throw .unreadable(path: file, reason: .from(error)) }
            guard data.count == n else { throw refuse(.partPastEnd(name)) }
            remaining -= UInt64(n)
            return [UInt8](data)
        }
        if member.method == 0 {
            while remaining > 0 {
                let bytes = try nextChunk()
                try count(bytes.count)
                try bytes.withUnsafeBufferPointer { (b) throws(DatasetError) in try sink(b) }
            }
            return
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .unreadable(path: file, reason: .zlib)
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: chunk)
        var ended = false
        while !ended {
            guard remaining > 0 else { throw refuse(.packedDataEndsEarly(name)) }
            var input = try nextChunk()
            var status = Z_OK
            try input.withUnsafeMutableBufferPointer { (inBuffer) throws(DatasetError) in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                repeat {
                    let n = output.withUnsafeMutableBufferPointer { out -> Int in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        status = inflate(&stream, Z_NO_FLUSH)
                        return out.count - Int(stream.avail_out)
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw refuse(.notDeflate(name))
                    }
                    if n > 0 {
                        try count(n)
                        try output.withUnsafeBufferPointer { (b) throws(DatasetError) in try sink(UnsafeBufferPointer(rebasing: b[0..<n])) }
                    }
                    if status == Z_STREAM_END { ended = true }
                } while !ended && stream.avail_out == 0
                stream.next_in = nil
            }
            _ = input
        }
    }
}

extension [UInt8] {
    /// Little-endian integers at byte `i` (callers check the bounds first).
    func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
