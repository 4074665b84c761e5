import Batch
import Erosion
import Foundation
import GeoSupport
import Grid
import Raster

/// `erosion-derive`: the terrain of a DEM derived once — filled DEM, D8 codes, accumulation, contributing area,
/// Horn slope/aspect and LS (`TerrainBuilder.fileNames`) — the stage behind `geotool erosion derive` and the
/// `erosion-derive` job kind, declared once (a workflow derives once, then runs scenarios on it).
///
/// Parameters (the CLI's flags map one to one: the DEM argument → `dem`, `--routing`, `--fill`, `--slope-source`
/// → `slope_source`): see `schema`. Results: `width`, `height`, `n_cells`, `n_valid` (cells with an elevation).
public struct ErosionDeriveOperation: JobRunner {
    public static let kindName = "erosion-derive"
    public let kind = ErosionDeriveOperation.kindName
    /// What a workflow stage may refer to: the default output name and the result values.
    public let products = KindProducts(outputs: TerrainBuilder.fileNames.map { String($0.dropLast(".tif".count)) }, results: ["width", "height", "n_cells", "n_valid"])

    /// What one derivation does, typed: the CLI and the job kind both build one and call `derive`, then `write`.
    public struct Parameters: Sendable {
        public var dem: String
        public var routing = TerrainOptions.Routing.d8
        public var fill = FillMethod.priorityFlood
        /// The surface of slope, aspect and LS (default: the input DEM, as gdaldem).
        public var slopeSource = TerrainOptions.SlopeSource.input
        /// Threads of the derivation and of the writes.
        public var workers = 1

        public init(dem: String) { self.dem = dem }
    }

    public let schema = ParameterSchema([
        ParameterDeclaration("dem", .inputFile, required: true, help: "the DEM (any GDAL raster with a CRS, metres)"),
        ParameterDeclaration("routing", .choice(TerrainOptions.Routing.allCases.map(\.rawValue)), default: "d8",
                             help: "flow routing for accumulation and LS"),
        ParameterDeclaration("fill", .choice(FillMethod.allCases.map(\.rawValue)), default: .string(FillMethod.priorityFlood.rawValue),
                             help: "depression filling"),
        ParameterDeclaration("slope_source", .choice(TerrainOptions.SlopeSource.allCases.map(\.rawValue)), default: "input",
                             help: "surface for slope, aspect and LS: input (the DEM, as gdaldem) or filled"),
    ])

    /// The kind, stateless.
    public init() {}

    /// Derives the terrain of the DEM `input` read for `p`, taking its elevations (filled in place; `input.grid` is
    /// left empty) and leaving out the scenario-only USPED terms — the memory-lean path of `TerrainBuilder`;
    /// `progress` gets (stage, fraction). Errors name the DEM.
    public static func derive(_ p: Parameters, taking input: inout DEMInput,
                              progress: (@Sendable (String, Double) -> Void)? = nil) throws -> Terrain {
        try TerrainBuilder.derive(taking: &input, routing: p.routing, fill: p.fill, slopeSource: p.slopeSource,
                                  precomputeUSPED: false, jobs: max(1, p.workers), progress: progress)
    }

    /// Writes the terrain layers into `directory` (each durably, with provenance) and returns their paths.
    @discardableResult
    public static func write(_ terrain: Terrain, input: DEMInput, _ p: Parameters, to directory: String) throws -> [String] {
        try TerrainBuilder.write(terrain, input: input, to: directory, jobs: max(1, p.workers))
        return TerrainBuilder.fileNames.map { (directory as NSString).appendingPathComponent($0) }
    }

    /// The typed parameters of a job (the schema has checked the words).
    public static func parameters(_ p: JobParameters) -> Parameters {
        let a = StageArguments(p)
        var parameters = Parameters(dem: a.text("dem") ?? "")
        parameters.routing = a.text("routing").flatMap(TerrainOptions.Routing.init(rawValue:)) ?? .d8
        parameters.fill = a.text("fill").flatMap(FillMethod.init(rawValue:)) ?? .priorityFlood
        parameters.slopeSource = a.text("slope_source").flatMap(TerrainOptions.SlopeSource.init(rawValue:)) ?? .input
        return parameters
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        var parameters = Self.parameters(p)
        parameters.workers = ProcessInfo.processInfo.activeProcessorCount
        let planned = TerrainBuilder.fileNames.map { (context.outputDirectory as NSString).appendingPathComponent($0) }
        do { try OutputGuard.check(inputs: context.inputFiles, outputs: planned) } catch {
            throw BatchError.invalidSpec(path: "output", message: "\(error)")
        }
        var input = try DEMInput(path: parameters.dem)
        let (width, height) = (input.grid.width, input.grid.height)
        let valid = input.grid.values.reduce(0) { $0 + (input.grid.isValidValue($1) ? 1 : 0) }
        let terrain = try Self.derive(parameters, taking: &input)
        try context.checkCancelled()
        try FileManager.default.createDirectory(atPath: context.outputDirectory, withIntermediateDirectories: true)
        let outputs = try Self.write(terrain, input: input, parameters, to: context.outputDirectory)
        return JobResult(values: [
            "width": .number(Double(width)), "height": .number(Double(height)),
            "n_cells": .number(Double(width * height)), "n_valid": .number(Double(valid)),
        ], outputs: outputs)
    }
}
