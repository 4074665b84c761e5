import Batch
import Foundation
import GeoSupport
import Server

/// `files`: a job kind for the dashboard's output tests. `mode: write` writes `name` (its bytes are
/// "job <id> <name>") into the job's output directory; `outside` records `/etc/hostname` as an output
/// without writing anything; `symlink` records a symbolic link in its output directory pointing to
/// `/etc/hostname`.
struct FilesJob: JobRunner {
    let kind = "files"
    let schema = ParameterSchema([
        ParameterDeclaration("name", .text, help: "the output's file name"),
        ParameterDeclaration("mode", .choice(["write", "outside", "symlink"]), help: "what to record"),
    ])

    private static func text(_ value: ParameterValue?) -> String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// The bytes `write` mode puts in the file.
    static func contents(job: Int64, name: String) -> String { "job \(job) \(name)" }

    func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let name = Self.text(p["name"]) ?? "out.txt"
        switch Self.text(p["mode"]) ?? "write" {
        case "outside":
            return JobResult(outputs: ["/etc/hostname"])
        case "symlink":
            try FileManager.default.createDirectory(atPath: context.outputDirectory, withIntermediateDirectories: true)
            let link = (context.outputDirectory as NSString).appendingPathComponent(name)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/etc/hostname")
            return JobResult(outputs: [link])
        default:
            let path = try context.writeOutput(name) { tmp in
                try Self.contents(job: context.jobID, name: name).write(toFile: tmp, atomically: false, encoding: .utf8)
            }
            return JobResult(values: ["bytes": .number(Double(Self.contents(job: context.jobID, name: name).utf8.count))],
                             outputs: [path])
        }
    }
}

/// A quick-look renderer for tests: counts its calls, writes a fixed PNG signature plus the raster's
/// path, or fails when the raster's name contains "broken".
final class CountingQuickLook: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var calls: Int { lock.withLock { count } }

    var renderer: QuickLookRenderer {
        QuickLookRenderer { raster, png in
            self.lock.withLock { self.count += 1 }
            if raster.contains("broken") { throw BatchError.invalidArgument("\(raster): not a raster") }
            try DurableFile.write(Array("\u{89}PNG quick-look of \(raster)".utf8), to: png)
        }
    }
}
