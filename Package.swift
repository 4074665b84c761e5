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
    ],
    targets: [
        // Pure Swift value types shared by every module (no C).
        .target(name: "Grid"),
        // GDAL + PROJ C API (system library via pkg-config).
        .systemLibrary(name: "GDALShim", pkgConfig: "gdal",
                       providers: [.apt(["libgdal-dev", "libproj-dev"])]),
        // GDAL-backed raster layer; the only module that talks to GDALShim directly.
        .target(name: "Raster", dependencies: ["Grid", "GDALShim"]),
        // Pure-Swift 1-D layered-earth transient EM forward model (central loop); filter tables are data.
        .target(name: "TEM1D", resources: [.copy("Filters")]),
        // Block aggregation (bounded streaming pipeline) and GDAL-warper reprojection.
        .target(name: "Resample", dependencies: ["Grid", "Raster", "GDALShim"]),
        // The CLI: thin — parse, call a module, report.
        .executableTarget(name: "geotool", dependencies: [
            "Grid", "Raster", "Resample",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Shared test helpers (paths, running processes, deterministic RNG).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GridTests", dependencies: ["Grid", "TestSupport"]),
        .testTarget(name: "RasterTests", dependencies: ["Raster", "Grid", "TestSupport"]),
        .testTarget(name: "TEM1DTests", dependencies: ["TEM1D", "TestSupport"]),
        .testTarget(name: "ResampleTests", dependencies: ["Resample", "Raster", "Grid", "TestSupport"]),
        .testTarget(name: "GeotoolTests", dependencies: ["geotool", "Raster", "TestSupport"]),
    ]
)
