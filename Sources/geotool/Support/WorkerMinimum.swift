/// The smallest `--jobs` a command accepts (`WorkerOptions`), and the option's help line.
protocol WorkerMinimum {
    static var value: Int { get }
    static var help: String { get }
}
