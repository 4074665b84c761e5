/// `--jobs` of a command that does its work on worker threads: at least one.
enum OneOrMoreWorkers: WorkerMinimum {
    static let value = 1
    static let help = "Worker threads (default: number of processors)."
}
