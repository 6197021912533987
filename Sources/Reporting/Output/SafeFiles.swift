import CSystem
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What a rendered file holds: text (written as UTF-8) or bytes.
public enum FileContents: Sendable {
    /// Text, written as UTF-8 without first copying it into `Data`.
    case text(String)
    /// Bytes (a workbook, for instance).
    case bytes(Data)
}

/// Writes files so that none is ever half-written, nothing outside the destination is touched, and
/// an interrupted run leaves no debris.
///
/// A file goes to a temporary name in the destination's folder, created with `O_CREAT | O_EXCL |
/// O_NOFOLLOW` (a name planted there, or a link, is never followed or reused), written through
/// checked `write(2)` calls, flushed, and renamed over the destination. The destination must be
/// absent or a regular file: a folder, link, device, pipe or socket is refused. A report folder is
/// written whole into a fresh temporary folder beside it and swapped in with one atomic exchange
/// (``replaceFolder(_:with:owns:beforeSwap:)``). Paths not yet in place are listed in ``removePending()``'s
/// registry, so that a handler for SIGINT or SIGTERM can remove them.
public enum AtomicWriter {
    /// Temporary paths created and not yet renamed into place (files, or whole folders).
    static let pending = Mutex<Set<String>>([])

    /// Removes every temporary path not yet in place (for an interrupt handler; safe to call twice).
    public static func removePending() {
        let paths = pending.withLock { set -> Set<String> in
            let all = set
            set.removeAll()
            return all
        }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Writes `data` to `path`: temporary name in the same folder, then rename.
    ///
    /// - Throws: ``WriteError`` when the destination is not a regular file, the
    ///   folder is missing or not writable, or a write fails (a full disk, for instance).
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        try requireRegularOrAbsent(path)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let (fd, temp) = try createTemporaryFile(in: folder, for: url.lastPathComponent, reportAs: path)
        var isOpen = true
        do throws(WriteError) {
            try writeAll(fd, data, reportAs: path)
            guard fsync(fd) == 0 else { throw failure(path) }
            isOpen = false
            guard close(fd) == 0 else { throw failure(path) }
            guard rename(temp, path) == 0 else { throw failure(path) }
            _ = pending.withLock { $0.remove(temp) }
        } catch {
            if isOpen { close(fd) }
            unlink(temp)
            _ = pending.withLock { $0.remove(temp) }
            throw error
        }
    }

    /// Replaces the folder `directory` with one holding exactly `files`, in one step: the files are
    /// written into a new temporary folder beside it, which is then exchanged with the old folder
    /// (`renameat2` with `RENAME_EXCHANGE`); the old report is removed afterwards. A reader sees the
    /// old report or the new one, never a mix; a run interrupted before the exchange leaves the old
    /// report as it was. Runs into the same parent folder take turns (an exclusive `flock` on it).
    ///
    /// - Parameters:
    ///   - directory: the report folder (created with its parents if missing).
    ///   - files: file names (no `/`, not `.` or `..`) and contents.
    ///   - owns: whether a file name found in an existing folder is one a report writes; a folder
    ///     holding anything else (or a sub-folder, link or device) is refused, not replaced.
    ///   - beforeSwap: called when the new folder is complete, just before it is swapped in (tests
    ///     interrupt a run there).
    /// - Throws: ``WriteError``.
    public static func replaceFolder(_ directory: String, with files: [(name: String, data: Data)],
                                     owns: (String) -> Bool, beforeSwap: (() -> Void)? = nil) throws(WriteError) {
        try replaceFolder(directory, rendering: files.map { file in (file.name, { .bytes(file.data) }) }, owns: owns, beforeSwap: beforeSwap)
    }

    /// ``replaceFolder(_:with:owns:beforeSwap:)`` with each file rendered just before it is written, so
    /// that only one file is in memory at a time (a national report). A rendering that fails is a
    /// ``WriteError`` for its file, and the old folder stays as it was.
    public static func replaceFolder(_ directory: String, rendering files: [(name: String, render: @Sendable () throws -> FileContents)],
                                     owns: (String) -> Bool, beforeSwap: (() -> Void)? = nil) throws(WriteError) {
        for file in files where !isSafeFileName(file.name) {
            throw .unsafeName(path: (directory as NSString).appendingPathComponent(file.name))
        }
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent().path, base = target.lastPathComponent
        guard !base.isEmpty, base != "/", base != ".", base != ".." else { throw .notReplaceable(path: directory) }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .parentNotCreated(path: parent, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
        let lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw failure(parent) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure(parent) }
        }
        let exists = try checkReplaceableFolder(target.path, owns: owns)
        var template = Array("\(parent)/.\(String(base.prefix(100))).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw failure(parent) }
        let temp = String(cString: made)
        pending.withLock { _ = $0.insert(temp) }
        do throws(WriteError) {
            // Each worker renders a file and writes it (one file per worker in memory at a time); the
            // first failure is kept. No fsync per file: the swap guards against interruption and
            // concurrent runs, and flushing a national report file by file cost more than a second.
            let firstFailure = Mutex<WriteError?>(nil)
            DispatchQueue.concurrentPerform(iterations: files.count) { k in
                let file = files[k], shown = (directory as NSString).appendingPathComponent(file.name)
                guard firstFailure.withLock({ $0 == nil }) else { return }
                do throws(WriteError) {
                    let fd = open(temp + "/" + file.name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
                    guard fd >= 0 else { throw failure(shown) }
                    defer { close(fd) }
                    let contents: FileContents
                    do { contents = try file.render() } catch { throw WriteError.rendering(path: shown, error: error) }
                    try writeAll(fd, contents, reportAs: shown)
                } catch {
                    firstFailure.withLock { if $0 == nil { $0 = error } }
                }
            }
            if let failed = firstFailure.withLock({ $0 }) { throw failed }
            // mkdtemp makes the folder 0700: give it the permissions a new folder would have.
            let mask = umask(0)
            umask(mask)
            chmod(temp, 0o777 & ~mask)
            beforeSwap?()
            if !exists {
                guard rename(temp, target.path) == 0 else { throw failure(directory) }
                _ = pending.withLock { $0.remove(temp) }
                return
            }
            if chiso_rename_exchange(temp, target.path) != 0 {
                guard errno == ENOSYS || errno == EINVAL else { throw failure(directory) }
                // No atomic exchange here: move the old folder aside, then the new one in.
                var aside = Array("\(parent)/.\(String(base.prefix(100))).old.XXXXXX".utf8CString)
                guard let asideMade = mkdtemp(&aside) else { throw failure(parent) }
                let old = String(cString: asideMade)
                rmdir(old)
                guard rename(target.path, old) == 0 else { throw failure(directory) }
                pending.withLock { _ = $0.insert(old) }
                guard rename(temp, target.path) == 0 else {
                    rename(old, target.path)
                    throw failure(directory)
                }
                _ = pending.withLock { $0.remove(temp) }
                try? FileManager.default.removeItem(atPath: old)
                _ = pending.withLock { $0.remove(old) }
                return
            }
            // The temporary name now holds the old report.
            try? FileManager.default.removeItem(atPath: temp)
            _ = pending.withLock { $0.remove(temp) }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            _ = pending.withLock { $0.remove(temp) }
            throw error
        }
    }

    /// Whether `name` can be a file name inside a folder: not empty, not `.` or `..`, no `/` or NUL,
    /// at most 255 bytes.
    public static func isSafeFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0") && name.utf8.count <= 255
    }

    /// Refuses a destination that exists and is not a regular file (checked without following links).
    static func requireRegularOrAbsent(_ path: String) throws(WriteError) {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw .notRegularFile(path: path, kind: WriteError.EntryKind(mode: info.st_mode))
            }
        } else if errno != ENOENT {
            throw failure(path)
        }
    }

    /// Checks a report folder before it is replaced: absent (false), or a real folder holding only
    /// regular files a report writes (true).
    static func checkReplaceableFolder(_ path: String, owns: (String) -> Bool) throws(WriteError) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return false }
            throw failure(path)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .notFolder(path: path, kind: WriteError.EntryKind(mode: info.st_mode))
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch { throw failure(path) }
        for name in names.sorted() {
            var entry = stat()
            let full = path + "/" + name
            guard lstat(full, &entry) == 0, entry.st_mode & S_IFMT == S_IFREG, owns(name) else {
                throw .foreignEntry(path: path, name: name)
            }
        }
        return true
    }

    /// Checks, before any work, that ``replaceFolder(_:with:owns:beforeSwap:)`` could replace `directory`: absent,
    /// or a folder holding only files a report writes.
    ///
    /// - Throws: ``WriteError`` saying why not.
    public static func checkFolder(_ directory: String, owns: (String) -> Bool) throws(WriteError) {
        _ = try checkReplaceableFolder(URL(fileURLWithPath: directory).standardizedFileURL.path, owns: owns)
    }

    /// Creates a new temporary file next to a destination.
    static func createTemporaryFile(in folder: String, for name: String, reportAs path: String,
                                    suffixes: () -> String = { String(UInt64.random(in: 0...UInt64.max), radix: 36) })
        throws(WriteError) -> (Int32, String) {
        for _ in 0..<64 {
            let suffix = suffixes()
            let temp = (folder.isEmpty ? "." : folder) + "/." + String(name.prefix(100)) + "." + suffix + ".tmp"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 {
                pending.withLock { _ = $0.insert(temp) }
                return (fd, temp)
            }
            guard errno == EEXIST else { throw failure(path) }
        }
        throw .noTemporaryName(path: path)
    }

    /// Writes all of `data` to the file descriptor `fd` with `write(2)`, retrying short writes and
    /// interrupted calls. Returns nil, or the `errno` of the call that failed (ENOSPC, EPIPE, …).
    public static func writeAll(_ fd: Int32, _ data: Data) -> Int32? {
        data.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// ``writeAll(_:_:)`` for bytes in memory.
    static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32? {
        guard var p = raw.baseAddress else { return nil }
        var left = raw.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            left -= n
            p += n
        }
        return nil
    }

    /// Writes a file's contents (text as UTF-8 straight from the string, without a copy), the failure
    /// as a ``WriteError`` naming `path`.
    static func writeAll(_ fd: Int32, _ contents: FileContents, reportAs path: String) throws(WriteError) {
        let failed: Int32?
        switch contents {
        case let .bytes(data): failed = writeAll(fd, data)
        case var .text(text): failed = text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
        }
        if let failed { throw .system(path: path, code: failed) }
    }

    /// ``writeAll(_:_:)`` with the failure as a ``WriteError`` naming `path`.
    static func writeAll(_ fd: Int32, _ data: Data, reportAs path: String) throws(WriteError) {
        try writeAll(fd, .bytes(data), reportAs: path)
    }

    /// The error for the current `errno`.
    static func failure(_ path: String) -> WriteError {
        .system(path: path, code: errno)
    }
}
