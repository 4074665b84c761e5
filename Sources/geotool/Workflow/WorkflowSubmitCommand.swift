import ArgumentParser
import Batch
import Operations

/// `geotool workflow submit FILE --run-dir RUN`: stores a workflow's stages as batches (WAITING where
/// they need earlier stages).
struct WorkflowSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Check a workflow file (YAML or JSON) and store its stages as jobs in RUN/batch.sqlite.")

    @Argument(help: "The workflow file.")
    var file: String

    @Option(name: .customLong("run-dir"), help: "Run directory (created if missing).")
    var runDirectory: String

    @OptionGroup var cluster: SlurmOptions

    func run() throws {
        let text = try BatchSpec.text(ofFile: file)
        let workflow = try WorkflowSpec.load(file: file, text: text)
        let store = try JobStore(runDirectory: runDirectory, create: true)
        let id: Int64
        do {
            id = try store.submit(workflow, text: text, registry: JobKinds.registry)
        } catch BatchError.invalidSpec(let path, let message) {
            throw BatchError.invalidSpec(path: "\(file): \(path)", message: message)
        }
        let summary = try store.workflows(id: id)[0]
        let stages = summary.stages.map { "\($0.stage) (\($0.batch.total) \($0.batch.kind))" }.joined(separator: ", ")
        print("workflow \(id) \(workflow.name): \(stages) in \(store.runDirectory)")
        guard cluster.slurm else { return }
        try cluster.submit(name: "workflow-\(id)",
                           steps: summary.stages.map { (name: $0.stage, batchIDs: [$0.batch.id], jobs: $0.batch.total) },
                           store: store)
    }
}
