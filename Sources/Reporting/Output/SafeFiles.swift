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
/// (``replaceFolder(_:with:rules:beforeSwap:)``). Paths not yet in place are listed in ``removePending()``'s
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
        for path in paths {
            // A worker may create a file while the folder is being emptied (rmdir then fails with
            // ENOTEMPTY): try again until it is gone.
            var info = stat()
            for _ in 0..<100 {
                try? FileManager.default.removeItem(atPath: path)
                if lstat(path, &info) != 0 { break }
            }
        }
    }

    /// Writes `data` to `path`: temporary name in the same folder, then rename. A file replaced keeps
    /// its permissions (a 0600 file stays 0600).
    ///
    /// - Parameters:
    ///   - data: the bytes to write.
    ///   - path: the destination file.
    ///   - replacing: whether an existing file may be replaced (false: it is refused with
    ///     ``WriteError/exists(path:)`` and left as it is).
    /// - Throws: ``WriteError`` when the path is empty, the destination is not a regular file (or
    ///   exists and `replacing` is false), the folder is missing or not writable, or a write fails
    ///   (a full disk, for instance).
    public static func write(_ data: Data, to path: String, replacing: Bool = true) throws(WriteError) {
        guard !path.isEmpty else { throw .emptyPath }
        let existing = try requireRegularOrAbsent(path)
        if existing != nil, !replacing { throw .exists(path: path) }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let (fd, temp) = try createTemporaryFile(in: folder, for: url.lastPathComponent, reportAs: path)
        var isOpen = true
        do throws(WriteError) {
            if let mode = existing { guard fchmod(fd, mode & 0o7777) == 0 else { throw failure(path) } }
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

    /// How an existing folder may be replaced by ``replaceFolder(_:with:rules:beforeSwap:)``; a folder
    /// that is absent or empty is always written.
    public struct FolderRules: Sendable {
        /// The marker file the folder is written with (a report's `.chiso-report`, listing the files
        /// it wrote): a folder holding it, and only files it lists, may be replaced. Nil: none.
        public var marker: String?
        /// Whether a folder without the marker may be replaced when every file in it is one that
        /// `owns` names (a dataset folder replaced by a new import, asked for explicitly).
        public var force: Bool
        /// The file names the writer owns (for `force`).
        public var owns: @Sendable (String) -> Bool

        /// Rules.
        public init(marker: String? = nil, force: Bool = false, owns: @escaping @Sendable (String) -> Bool = { _ in false }) {
            self.marker = marker
            self.force = force
            self.owns = owns
        }
    }

    /// Replaces the folder `directory` with one holding exactly `files` (and the marker of `rules`), in
    /// one step: the files are written into a new temporary folder beside it, which is then exchanged
    /// with the old folder (`renameat2` with `RENAME_EXCHANGE`); the old report is removed afterwards.
    /// A reader sees the old report or the new one, never a mix; a run interrupted before the exchange
    /// leaves the old report as it was. Runs into the same parent folder take turns (an exclusive
    /// `flock` on it), and each removes the temporary folders beside `directory` that a killed run
    /// left (`.NAME.chiso-XXXXXX`: none can be in use while the lock is held). The new folder keeps the old
    /// one's permissions (a 0700 folder stays 0700).
    ///
    /// An existing folder is replaced only when it is empty, or holds `rules.marker` and only files
    /// the marker lists, or (with `rules.force`) only files `rules.owns` names: any other file in it
    /// is the user's, and the folder is refused and left as it is (so is a sub-folder, link or device).
    ///
    /// - Parameters:
    ///   - directory: the folder (created with its parents if missing); not empty, not `/`.
    ///   - files: file names (no `/`, not `.` or `..`) and contents.
    ///   - rules: when an existing folder may be replaced.
    ///   - beforeSwap: called when the new folder is complete, just before it is swapped in (a test
    ///     seam of the library; the command line never sets it).
    /// - Throws: ``WriteError``.
    public static func replaceFolder(_ directory: String, with files: [(name: String, data: Data)],
                                     rules: FolderRules, beforeSwap: (() -> Void)? = nil) throws(WriteError) {
        try replaceFolder(directory, rendering: files.map { file in (file.name, { .bytes(file.data) }) }, rules: rules, beforeSwap: beforeSwap)
    }

    /// ``replaceFolder(_:with:rules:beforeSwap:)`` with each file rendered just before it is written, so
    /// that only one file is in memory at a time (a national report). A rendering that fails is a
    /// ``WriteError`` for its file, and the old folder stays as it was.
    public static func replaceFolder(_ directory: String, rendering given: [(name: String, render: @Sendable () throws -> FileContents)],
                                     rules: FolderRules, beforeSwap: (() -> Void)? = nil) throws(WriteError) {
        let files: [(name: String, render: @Sendable () throws -> FileContents)]
        if let marker = rules.marker {
            let listing = markerText(given.map(\.name))
            let render: @Sendable () throws -> FileContents = { .text(listing) }
            files = given + [(marker, render)]
        } else {
            files = given
        }
        for file in files where !isSafeFileName(file.name) {
            throw .unsafeName(path: (directory as NSString).appendingPathComponent(file.name))
        }
        guard !directory.isEmpty else { throw .emptyPath }
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
        removeStaleSiblings(parent: parent, base: base)
        let existingMode = try checkReplaceableFolder(target.path, rules: rules)
        let exists = existingMode != nil
        var template = Array("\(parent)/.\(String(base.prefix(100))).chiso-XXXXXX".utf8CString)
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
            // mkdtemp makes the folder 0700: give it the old folder's permissions, or those a new
            // folder would have.
            if let mode = existingMode {
                chmod(temp, mode & 0o7777)
            } else {
                let mask = umask(0)
                umask(mask)
                chmod(temp, 0o777 & ~mask)
            }
            beforeSwap?()
            if !exists {
                guard rename(temp, target.path) == 0 else { throw failure(directory) }
                _ = pending.withLock { $0.remove(temp) }
                return
            }
            if chiso_rename_exchange(temp, target.path) != 0 {
                guard errno == ENOSYS || errno == EINVAL else { throw failure(directory) }
                // No atomic exchange here: move the old folder aside, then the new one in.
                var aside = Array("\(parent)/.\(String(base.prefix(100))).chiso-old-XXXXXX".utf8CString)
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

    /// Refuses a destination that exists and is not a regular file (checked without following
    /// links); the mode of an existing file, nil when there is none.
    @discardableResult
    static func requireRegularOrAbsent(_ path: String) throws(WriteError) -> mode_t? {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw .notRegularFile(path: path, kind: WriteError.EntryKind(mode: info.st_mode))
            }
            return info.st_mode
        } else if errno != ENOENT {
            throw failure(path)
        }
        return nil
    }

    /// The marker file's text: `# chiso` (no words, so the folder stays in the report's language),
    /// then the files the report wrote, one a line.
    static func markerText(_ names: [String]) -> String {
        "# chiso\n" + names.map { $0 + "\n" }.joined()
    }

    /// The file names a marker file lists (nil: not a marker this writer wrote).
    static func markerNames(_ path: String) -> Set<String>? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 1 << 20,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.first == "# chiso" else { return nil }
        return Set(lines.dropFirst())
    }

    /// Removes the temporary folders a killed run left beside `parent/base` (`.base.chiso-XXXXXX`
    /// and `.base.chiso-old-XXXXXX`, folders of this user); called with the parent's lock held, when
    /// no run can be using them.
    static func removeStaleSiblings(parent: String, base: String) {
        let prefix = "." + String(base.prefix(100)) + ".chiso-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let letters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        for name in names where name.hasPrefix(prefix) {
            var rest = name.dropFirst(prefix.count)
            if rest.hasPrefix("old-") { rest = rest.dropFirst(4) }
            guard rest.count == 6, rest.allSatisfy(letters.contains) else { continue }
            var info = stat()
            let path = parent + "/" + name
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Checks a folder before it is replaced: absent (nil), or replaceable under `rules` (its mode).
    static func checkReplaceableFolder(_ path: String, rules: FolderRules) throws(WriteError) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw failure(path)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .notFolder(path: path, kind: WriteError.EntryKind(mode: info.st_mode))
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch { throw failure(path) }
        guard let first = names.first else { return info.st_mode }
        let listed = rules.marker.flatMap { names.contains($0) ? markerNames(path + "/" + $0) : nil }
        if listed == nil, !rules.force { throw .existingWork(path: path, name: first, marked: rules.marker != nil) }
        for name in names {
            var entry = stat()
            let full = path + "/" + name
            let ours = listed.map { name == rules.marker || $0.contains(name) } ?? rules.owns(name)
            guard lstat(full, &entry) == 0, entry.st_mode & S_IFMT == S_IFREG, ours else {
                throw .foreignEntry(path: path, name: name)
            }
        }
        return info.st_mode
    }

    /// Checks, before any work, that ``replaceFolder(_:with:rules:beforeSwap:)`` could replace
    /// `directory`: absent, empty, or replaceable under `rules`.
    ///
    /// - Throws: ``WriteError`` saying why not.
    public static func checkFolder(_ directory: String, rules: FolderRules) throws(WriteError) {
        guard !directory.isEmpty else { throw .emptyPath }
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        guard target.path != "/" else { throw .notReplaceable(path: directory) }
        _ = try checkReplaceableFolder(target.path, rules: rules)
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
