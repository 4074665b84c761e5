// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "geotool",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "geotool", targets: ["geotool"]),
        .library(name: "Grid", targets: ["Grid"]),
        .library(name: "Raster", targets: ["Raster"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // Pure Swift value types shared by every module (no C).
        .target(name: "Grid"),
        // GDAL + PROJ C API (system library via pkg-config).
        .systemLibrary(name: "GDALShim", pkgConfig: "gdal",
                       providers: [.apt(["libgdal-dev", "libproj-dev"])]),
        // GDAL-backed raster layer; the only module that talks to GDALShim directly.
        .target(name: "Raster", dependencies: ["Grid", "GDALShim"]),
        // Pure-Swift erosion/hydrology on Grid: fill, flats, D8/MFD, accumulation, Horn slope/aspect, LS,
        // RUSLE/USPED scenarios, risk classes, landscape evolution. Never imports Raster/GDALShim.
        .target(name: "Erosion", dependencies: ["Grid"]),
        // Block aggregation (bounded streaming pipeline) and GDAL-warper reprojection.
        .target(name: "Resample", dependencies: ["Grid", "Raster", "GDALShim"]),
        // Batch engine: specs, SQLite job store, worker pool. Runs jobs through the JobRunner protocol
        // (no domain module imports); the CLI registers the concrete job kinds.
        .target(name: "Batch", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // The CLI: thin — parse, call a module, report.
        .executableTarget(name: "geotool", dependencies: [
            "Grid", "Raster", "Erosion", "Resample", "Batch",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // Shared test helpers (paths, running processes, deterministic RNG).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GridTests", dependencies: ["Grid", "TestSupport"]),
        .testTarget(name: "RasterTests", dependencies: ["Raster", "Grid", "TestSupport"]),
        .testTarget(name: "ResampleTests", dependencies: ["Resample", "Raster", "Grid", "TestSupport"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "TestSupport"]),
        .testTarget(name: "ErosionTests", dependencies: ["Erosion", "Grid", "Raster", "TestSupport"]),
        .testTarget(name: "GeotoolTests", dependencies: ["geotool", "Raster", "TestSupport"]),
    ]
)
