import ArgumentParser
import Batch
import Foundation
import Operations

/// `geotool batch exec-job` (internal): the child process of process isolation. Reads one JSON job
/// request per line on stdin, runs it, answers one JSON line on stdout, until stdin closes.
struct BatchExecJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec-job", abstract: "Run jobs for a `batch run` parent (internal).", shouldDisplay: false)

    func run() throws {
        // Keep the protocol channel private: anything a job prints goes to stderr.
        let channel = dup(1)
        dup2(2, 1)
        JobServer.serve(registry: JobKinds.registry, input: .standardInput,
                        output: FileHandle(fileDescriptor: channel, closeOnDealloc: true))
    }
}
