// swift-tools-version: 6.1

import PackageDescription

let package = Package(
    name: "Chiso",
    products: [
        .library(name: "Chiso", targets: ["Chiso"]),
        .executable(name: "chiso", targets: ["ChisoCLI"]),
        .executable(name: "chiso-bench", targets: ["ChisoBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: - Public API

        /// Umbrella module: re-exports the library layers.
        .target(
            name: "Chiso",
            dependencies: ["LinearAlgebra", "Statistics", "Indicators", "Forecasting", "Reporting"]
        ),
        /// Column-major matrices and LAPACK-backed factorisations.
        .target(name: "LinearAlgebra", dependencies: ["CLapack"]),
        /// Distributions, special functions and linear models.
        .target(name: "Statistics", dependencies: ["LinearAlgebra"]),
        /// Trend models for short series, selection, projections and target assessment.
        .target(name: "Forecasting", dependencies: ["Statistics", "Indicators"]),
        /// Gap-to-target tables, district comparisons and their renderers.
        .target(
            name: "Reporting",
            dependencies: ["Forecasting", "Indicators", "CSystem", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        /// Data model and tabular input (CSV and workbooks, with positions). ZIPFoundation brings
        /// zlib (its CZlib module), which the workbook reader inflates parts with.
        .target(name: "Indicators", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        /// The `chiso` command-line tool.
        .executableTarget(
            name: "ChisoCLI",
            dependencies: [
                "Chiso",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Implementation details

        /// Throughput benchmark of the forecasting paths (`make bench`).
        .executableTarget(name: "ChisoBench", dependencies: ["Chiso"]),

        /// System calls Swift's Glibc module lacks (renameat2 for swapping a report folder in whole).
        .target(name: "CSystem"),
        /// Fortran LAPACK/BLAS prototypes (system library; no stable Swift API).
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "lapack",
            providers: [.apt(["liblapack-dev", "libblas-dev"])]
        ),
        /// Helpers shared by the test bundles (LRE, fixture loading, running the binary).
        .target(
            name: "ChisoTestSupport",
            path: "Tests/ChisoTestSupport"
        ),

        // MARK: - Unit test bundles

        .testTarget(
            name: "LinearAlgebraTests",
            dependencies: ["LinearAlgebra", "ChisoTestSupport"]
        ),
        .testTarget(
            name: "StatisticsTests",
            dependencies: ["Statistics", "ChisoTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "IndicatorsTests",
            dependencies: [
                "Indicators", "ChisoTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                // The reference the CSV reader is checked against.
                .product(name: "CSV", package: "CSV.swift"),
                // Writes the hostile workbooks of WorkbookTests.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ForecastingTests",
            dependencies: ["Forecasting", "ChisoTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: [
                "Reporting", "Statistics", "ChisoTestSupport",
                // Reads the report's workbook back independently of Chiso's own reader, and opens the Word
                // documents as Word would (DOCXRendererTests).
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Golden"), .copy("Fixtures")]
        ),
        .testTarget(
            name: "ChisoCLITests",
            dependencies: [
                "ChisoCLI", "ChisoTestSupport",
                // Reads the text of the workbooks and Word documents LanguageTests scans.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The workbooks and the scripts that made them; the tests run chiso on them by path.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
