/// `--jobs` of a command whose workers are optional (`serve`: 0 serves the API only, other processes run the jobs).
enum ZeroOrMoreWorkers: WorkerMinimum {
    static let value = 0
    static let help = "Worker threads running jobs in the server (default: number of processors; 0: API only)."
}
