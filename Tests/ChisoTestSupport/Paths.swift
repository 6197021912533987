import Foundation

/// The package root (three levels above this file).
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The shipped `Datasets/` folder.
public let shippedDatasets = packageRoot.appendingPathComponent("Datasets")

/// The seed reports (`../shared/seeds` beside the repository), when present.
public let seedsFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
