#if canImport(Glibc)
import Glibc
#endif

/// Why a file or report folder was not written (``AtomicWriter``), naming the path. ``description``
/// is the English line; Reporting's `Words.error(_:)` says it in Vietnamese or English.
public enum WriteError: Error, Sendable, CustomStringConvertible {
    /// What a file-system entry in the way is.
    public enum EntryKind: Sendable, Equatable {
        /// A folder.
        case folder
        /// A symbolic link (never followed).
        case symbolicLink
        /// A character device (`/dev/null`).
        case characterDevice
        /// A block device.
        case blockDevice
        /// A named pipe.
        case pipe
        /// A Unix socket.
        case socket
        /// A regular file.
        case regularFile

        /// The kind of the entry with mode `mode` (from `lstat`).
        public init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFDIR: self = .folder
            case S_IFLNK: self = .symbolicLink
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            case S_IFIFO: self = .pipe
            case S_IFSOCK: self = .socket
            default: self = .regularFile
            }
        }

        /// In English: "folder", "pipe (FIFO)", …
        public var english: String {
            switch self {
            case .folder: "folder"
            case .symbolicLink: "symbolic link"
            case .characterDevice: "character device"
            case .blockDevice: "block device"
            case .pipe: "pipe (FIFO)"
            case .socket: "socket"
            case .regularFile: "regular file"
            }
        }
    }

    /// A system call failed with the error number `code` (a full disk, no permission, no such folder).
    case system(path: String, code: Int32)
    /// The destination exists and is not a regular file (left as it is).
    case notRegularFile(path: String, kind: EntryKind)
    /// The report folder exists and is not a folder (left as it is).
    case notFolder(path: String, kind: EntryKind)
    /// The report folder holds an entry a report does not write (`name`).
    case foreignEntry(path: String, name: String)
    /// The folder exists, holds `name`, and was not written by this writer (no marker; or the
    /// replacement was not asked for): the user's work, left as it is.
    case existingWork(path: String, name: String, marked: Bool)
    /// The file exists and replacing it was not asked for (left as it is).
    case exists(path: String)
    /// An empty path.
    case emptyPath
    /// A file name that would reach outside its folder.
    case unsafeName(path: String)
    /// A path that cannot be a report folder (`/`, `.`, `..`).
    case notReplaceable(path: String)
    /// No temporary name was free next to the destination.
    case noTemporaryName(path: String)
    /// The parent folder could not be created (the system's words).
    case parentNotCreated(path: String, reason: String)
    /// Rendering the file failed.
    case rendering(path: String, error: any Error)

    /// The path the error is about.
    public var path: String {
        switch self {
        case let .system(path, _), let .notRegularFile(path, _), let .notFolder(path, _), let .foreignEntry(path, _),
             let .unsafeName(path), let .notReplaceable(path), let .noTemporaryName(path), let .parentNotCreated(path, _),
             let .rendering(path, _), let .existingWork(path, _, _), let .exists(path):
            path
        case .emptyPath: ""
        }
    }

    /// Why, in English.
    public var reason: String {
        switch self {
        case let .system(_, code): String(cString: strerror(code))
        case let .notRegularFile(_, kind): "it is a \(kind.english), not a regular file; left as it is"
        case let .notFolder(_, kind): "it is a \(kind.english), not a folder; left as it is"
        case let .foreignEntry(_, name): "it holds \"\(name)\", which a report does not write; choose a new or empty folder"
        case let .existingWork(_, name, marked):
            marked ? "it holds \"\(name)\" and was not written by a report (it has no .chiso-report file); left as it is: choose a new or empty folder"
                : "it already holds \"\(name)\"; left as it is"
        case .exists: "it already exists; left as it is"
        case .emptyPath: "the path is empty"
        case .unsafeName: "not a safe file name"
        case .notReplaceable: "not a folder a report can replace"
        case .noTemporaryName: "no free temporary name next to it"
        case let .parentNotCreated(_, reason): reason
        case let .rendering(_, error): "\(error)"
        }
    }

    /// `path: cannot be written (reason)`.
    public var description: String {
        if case .emptyPath = self { return "cannot write to an empty path" }
        return "\(path): cannot be written (\(reason))"
    }
}
