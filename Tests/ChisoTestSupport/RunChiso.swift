import Foundation

/// What a run of the `chiso` executable produced.
public struct ChisoRun: Sendable {
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
    /// Exit status.
    public var status: Int32
}

/// The built `chiso` executable: next to the test bundle (SwiftPM puts products and test
/// bundles in the same folder), else under `.build/debug` of the package.
public func chisoExecutable() throws -> URL {
    var candidates: [URL] = []
    let bundle = Bundle.main.bundleURL
    candidates.append(bundle.appendingPathComponent("chiso"))
    candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("chiso"))
    let argv0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
    candidates.append(argv0.deletingLastPathComponent().appendingPathComponent("chiso"))
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    candidates.append(packageRoot.appendingPathComponent(".build/debug/chiso"))
    for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url }
    throw FixtureError("chiso executable not found (looked in \(candidates.map(\.path)))")
}

/// Runs `chiso` with `arguments` in `directory` (with `environment` added to this process's) and
/// returns its output and exit status.
public func runChiso(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> ChisoRun {
    let process = Process()
    process.executableURL = try chisoExecutable()
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ChisoRun(
        stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
        status: process.terminationStatus)
}

/// Runs `chiso` with standard output sent to the file at `stdoutPath` (for instance `/dev/full`);
/// returns its standard error and exit status (`stdout` is empty).
public func runChiso(_ arguments: [String], stdoutTo stdoutPath: String, environment: [String: String] = [:]) throws -> ChisoRun {
    let process = Process()
    process.executableURL = try chisoExecutable()
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    guard let sink = FileHandle(forWritingAtPath: stdoutPath) else { throw FixtureError("cannot open \(stdoutPath)") }
    defer { try? sink.close() }
    let err = Pipe()
    process.standardOutput = sink
    process.standardError = err
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ChisoRun(stdout: "", stderr: String(decoding: errData, as: UTF8.self), status: process.terminationStatus)
}

/// Starts `chiso` without waiting: the caller signals or waits for the process.
public func startChiso(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = try chisoExecutable()
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    return (process, err)
}

/// A fresh temporary folder for a test's files.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
