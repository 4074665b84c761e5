import Foundation
import TestSupport
import XCTest

/// `geotool batch exec-job`, the child of process isolation: when its parent is gone (the pipe it answers
/// on is closed) it exits quietly — status 0, nothing on stderr — instead of a Swift trap trace.
final class BatchExecJobCommandTests: XCTestCase {
    func testAChildWhoseParentIsGoneExitsQuietly() throws {
        signal(SIGPIPE, SIG_IGN)   // as in a server: the child inherits it, so a write fails with EPIPE
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
        p.arguments = ["batch", "exec-job"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = errors
        try p.run()
        try output.fileHandleForReading.close()
        let request = #"{"job_id":1,"batch_id":1,"attempt":1,"worker":"w","kind":"synthetic","parameters":{"x":1},"output_dir":"/tmp"}"#
        try? input.fileHandleForWriting.write(contentsOf: Data((request + "\n").utf8))
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationReason, .exit, stderr)
        XCTAssertEqual(p.terminationStatus, 0, stderr)
        XCTAssertEqual(stderr, "")
    }
}
