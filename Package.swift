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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Pure Swift value types shared by every module (no C).
        .target(name: "Grid"),
        // No domain: the mechanisms every module shares (safe path components, resolved paths, checked sizes,
        // hostile-proof YAML, …). Its only dependency is Yams (YAML is the spec language everywhere).
        .target(name: "GeoSupport", dependencies: [.product(name: "Yams", package: "Yams")]),
        // GDAL + PROJ C API (system library via pkg-config).
        .systemLibrary(name: "GDALShim", pkgConfig: "gdal",
                       providers: [.apt(["libgdal-dev", "libproj-dev"])]),
        // GDAL-backed raster layer; the only module that talks to GDALShim directly.
        .target(name: "Raster", dependencies: ["Grid", "GeoSupport", "GDALShim"]),
        // Pure-Swift erosion/hydrology on Grid: fill, flats, D8/MFD, accumulation, Horn slope/aspect, LS,
        // RUSLE/USPED scenarios, risk classes, landscape evolution. Never imports Raster/GDALShim.
        .target(name: "Erosion", dependencies: ["Grid", "GeoSupport"]),
        // The λ-sum kernel in C, compiled for AVX2 + FMA and for generic CPUs, picked at run time (see its header).
        // Optimised in debug builds too (tests run thousands of models).
        .target(name: "TEM1DKernel",
                cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug)),
                            .unsafeFlags(["-fno-math-errno", "-Wno-psabi"])]),
        // 1-D layered-earth transient EM forward model (central loop); filter tables are data; its λ-sum inner
        // loop is the C target TEM1DKernel. Optimised in debug builds too (tests run thousands of models).
        .target(name: "TEM1D", dependencies: ["GeoSupport", "TEM1DKernel"], resources: [.copy("Filters")],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Micro-benchmark for TEM1D (models per thread-CPU-second, accuracy vs a truth file); not a product.
        .executableTarget(name: "TEM1DBench", dependencies: ["GeoSupport", "TEM1D"], path: "Benchmarks/TEM1DBench"),
        // Block aggregation's Float32 sum loop with AVX2, used when the CPU has it (see its header).
        .target(name: "ResampleKernel",
                cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        // Block aggregation (bounded streaming pipeline), GDAL-warper reprojection and geotool's own
        // bit-identical bilinear warp kernel.
        .target(name: "Resample", dependencies: ["Grid", "GeoSupport", "Raster", "ResampleKernel"]),
        // ECOSTRESS products: file names, QC words, masks (companion layers, land cover), directory catalogs,
        // sites and the regrid engine (mask, reproject, aggregate per site). Never imports Batch/Server/the CLI.
        .target(name: "Ecostress", dependencies: ["Grid", "GeoSupport", "Raster", "Resample"]),
        // Batch engine: specs, SQLite job store, worker pool. Runs jobs through the JobRunner protocol
        // (no domain module imports); the CLI registers the concrete job kinds.
        .target(name: "Batch", dependencies: [
            "Grid", "GeoSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // cairo C API (system library via pkg-config) for Plot.
        .systemLibrary(name: "CairoShim", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        // Cairo renderer: maps + colorbar, hillshade, scatter with metrics, time series, decay curves,
        // histograms → PNG. Takes Grid/arrays; never imports Raster/GDALShim. Colormap tables are data.
        .target(name: "Plot", dependencies: ["Grid", "GeoSupport", "CairoShim"],
                resources: [.copy("Colormaps")]),
        // Domain operations callable as a library: the batch job kinds (one registry for the CLI and the server),
        // plot requests, erosion DEM/scenario inputs and outputs, output provenance. Never prints, never imports
        // Server or the CLI, never names a CLI flag.
        .target(name: "Operations", dependencies: [
            "Grid", "GeoSupport", "Raster", "Erosion", "TEM1D", "Plot", "Batch", "Resample", "Ecostress",
            .product(name: "Yams", package: "Yams"),
        ]),
        // REST API over the batch engine (Hummingbird 2): same store, spec schema and job kinds as the CLI.
        .target(name: "Server", dependencies: [
            "Batch", "GeoSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // The CLI: thin — parse, call a module, report.
        // Release builds link the Swift runtime and Foundation statically (Linux): ~12 fewer shared
        // libraries for the dynamic loader to relocate at every start (GDAL already brings ~110), which
        // cuts ~20 ms of CPU from each run (docs/PERFORMANCE.md, Extract). The archives Foundation needs
        // are named because the dynamic Foundation module used at compile time autolinks none of them.
        .executableTarget(name: "geotool", dependencies: [
            "Grid", "GeoSupport", "Raster", "Erosion", "Resample", "Ecostress", "Batch", "Plot", "Server", "TEM1D",
            "Operations",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ], linkerSettings: [
            .unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group"]
                         + ["Foundation", "CoreFoundation", "FoundationEssentials", "FoundationInternationalization",
                            "_FoundationICU", "_FoundationCShims", "_FoundationCollections", "swiftSynchronization",
                            "swiftDispatch", "dispatch", "BlocksRuntime"].flatMap { ["-Xlinker", "-l:lib\($0).a"] }
                         + ["-Xlinker", "--end-group", "-lstdc++"],
                         .when(platforms: [.linux], configuration: .release)),
        ]),
        // Shared test helpers (paths, running processes, deterministic RNG).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GridTests", dependencies: ["Grid", "GeoSupport", "TestSupport"]),
        .testTarget(name: "GeoSupportTests", dependencies: ["GeoSupport", "TestSupport"]),
        .testTarget(name: "RasterTests", dependencies: ["Raster", "Grid", "GeoSupport", "TestSupport"]),
        .testTarget(name: "TEM1DTests", dependencies: ["TEM1D", "TEM1DKernel", "GeoSupport", "TestSupport"]),
        .testTarget(name: "EcostressTests", dependencies: ["Ecostress", "Raster", "Grid", "GeoSupport", "TestSupport"]),
        .testTarget(name: "ResampleTests", dependencies: ["Resample", "Raster", "Grid", "GeoSupport", "TestSupport"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "GeoSupport", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ServerTests", dependencies: [
            "Server", "Batch", "TestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "ErosionTests", dependencies: ["Erosion", "Grid", "GeoSupport", "Raster", "TestSupport"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "Grid", "GeoSupport", "CairoShim"], exclude: ["Golden"]),
        .testTarget(name: "OperationsTests", dependencies: ["Operations", "Batch", "Ecostress", "Erosion", "GeoSupport", "Grid",
                                                            "Plot", "Raster", "Resample", "TEM1D", "TestSupport"]),
        .testTarget(name: "GeotoolTests", dependencies: ["geotool", "Operations", "Batch", "Ecostress", "Erosion", "GeoSupport", "Grid", "Raster", "TEM1D", "TestSupport",
                                                          .product(name: "Yams", package: "Yams"),
                                                          .product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ]
)
