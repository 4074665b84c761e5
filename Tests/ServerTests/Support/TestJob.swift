import Batch
import Foundation

/// `test`: value = 2·x (+ y when given), after sleeping `sleep` seconds (noticing cancellation);
/// `fail: 1` always fails. Validation rejects a non-numeric x, naming `parameters.x`.
struct TestJob: JobRunner {
    let kind = "test"
    let schema = ParameterSchema([
        ParameterDeclaration("x", .number(), help: "the value"),
        ParameterDeclaration("y", .number(), help: "added"),
        ParameterDeclaration("sleep", .number(0...3600), help: "seconds"),
        ParameterDeclaration("fail", .flag, help: "always fail"),
        ParameterDeclaration("dem", .inputFile, help: "a file (for path-policy tests)"),
        ParameterDeclaration("raster", .inputFile, help: "a file (for path-policy tests)"),
        ParameterDeclaration("pad", .text, help: "ignored (for body-size tests)"),
    ])

    func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        if let s = p["sleep"]?.doubleValue, s > 0 {
            let end = Date(timeIntervalSinceNow: s)
            while Date() < end {
                try context.checkCancelled()
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        if p["fail"]?.doubleValue == 1 { throw BatchError.childProcess("test failure") }
        let value = 2 * (p["x"]?.doubleValue ?? 0) + (p["y"]?.doubleValue ?? 0)
        return JobResult(values: ["value": .number(value)])
    }
}

/// A stand-in `erosion-scenario` kind (the real one is registered by the CLI once it exists):
/// echoes its rainfall as `soil_loss`.
struct FakeErosionJob: JobRunner {
    let kind = "erosion-scenario"
    let schema = ParameterSchema([ParameterDeclaration("dem", .inputFile, help: "DEM"),
                                  ParameterDeclaration("rainfall", .number(), help: "echoed"),
                                  ParameterDeclaration("name", .text, help: "label")],
                                 acceptsOtherNumbers: true)

    func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        JobResult(values: ["soil_loss": p["rainfall"] ?? .number(0)])
    }
}
