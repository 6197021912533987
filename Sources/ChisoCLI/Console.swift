import Chiso
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output and error, written with checked `write(2)` calls: a full disk, a closed pipe or
/// `/dev/full` on standard output is one error line and exit status 1, never a trap and never a
/// silent exit 0 (Foundation's `FileHandle.write` traps, and `print` loses the error at exit).
enum Console {
    /// Writes text to standard output.
    ///
    /// - Throws: ``CLIError/output(errno:)`` with the system's error number.
    static func out(_ text: String) throws { try out(Data(text.utf8)) }

    /// Writes bytes to standard output.
    static func out(_ data: Data) throws {
        if let failed = AtomicWriter.writeAll(STDOUT_FILENO, data) { throw CLIError.output(errno: failed) }
    }

    /// Writes a line (the text and a newline) to standard output.
    static func line(_ text: String) throws { try out(text + "\n") }

    /// Writes text to standard error, best effort (there is nowhere else to report its failure).
    static func error(_ text: String) { _ = AtomicWriter.writeAll(STDERR_FILENO, Data(text.utf8)) }

    /// Process-wide set-up before any command runs: a closed pipe gives EPIPE (an error line) instead
    /// of killing the process, and SIGINT, SIGTERM or SIGHUP removes the temporary files and folders of a
    /// write in progress (so an interrupted `chiso report` leaves the old report and no debris) before
    /// exiting with 128 + the signal.
    static func setUp() {
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                AtomicWriter.removePending()
                _exit(128 + sig)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// The signal sources, kept alive for the life of the process (set once, by ``setUp()`` on the main
    /// thread before any command runs; never read).
    nonisolated(unsafe) static var signalSources: [any DispatchSourceSignal] = []
}
