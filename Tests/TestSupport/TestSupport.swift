import Foundation

/// Shared helpers for geotool's test targets: where things are, and running processes.
public enum TestSupport {
    /// The repository root (the directory holding Package.swift).
    public static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// A bundled fixture file.
    public static func fixture(_ name: String) -> String {
        repoRoot.appendingPathComponent("fixtures").appendingPathComponent(name).path
    }

    /// `../shared/reference` beside the repository (read in place, never copied).
    public static let sharedReference: URL? = {
        var url = repoRoot
        while url.path != "/" {
            for candidate in [url.deletingLastPathComponent().appendingPathComponent("shared/reference"),
                              url.appendingPathComponent("shared/reference")] {
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// The built `geotool` executable (same build directory as the test bundle).
    public static let geotoolBinary: String = {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for dir in candidates {
            let p = dir.appendingPathComponent("geotool").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        fatalError("geotool binary not found next to the test bundle (\(Bundle.main.bundleURL.path))")
    }()

    /// Result of a finished process.
    public struct ProcessResult: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs an executable with arguments and waits; stdout and stderr are captured.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], cwd: String? = nil,
                           environment: [String: String]? = nil) throws -> ProcessResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : try which(executable))
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        if let environment { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("geotool-test-\(UUID().uuidString).out")
        let errURL = outURL.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        p.waitUntilExit()
        return ProcessResult(status: p.terminationStatus,
                             stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Runs the built geotool.
    @discardableResult
    public static func geotool(_ arguments: [String], cwd: String? = nil) throws -> ProcessResult {
        try run(geotoolBinary, arguments, cwd: cwd)
    }

    /// The full path of a program on PATH.
    public static func which(_ name: String) throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        throw NSError(domain: "TestSupport", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name) not on PATH"])
    }

    /// A fresh empty temporary directory.
    public static func temporaryDirectory(_ label: String = "geotool") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

