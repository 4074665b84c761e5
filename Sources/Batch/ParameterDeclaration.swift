import GeoSupport

/// One parameter a job kind accepts: its name, its type, whether it is required or its default, and a
/// one-line help. A kind's declarations are its whole parameter schema (`ParameterSchema`): a job whose
/// parameters do not match them is rejected when the batch is submitted, and again before it runs.
public struct ParameterDeclaration: Sendable, Equatable {
    /// What values a parameter takes.
    public indirect enum ValueType: Sendable, Equatable {
        /// A finite number, optionally within a closed range.
        case number(ClosedRange<Double>? = nil)
        /// An integer (a number without a fractional part, |n| < 2⁵³), optionally within a closed range.
        case integer(ClosedRange<Int>? = nil)
        /// Free text (a label, a column name); numbers are accepted and read as their text.
        case text
        /// One of a fixed set of words.
        case choice([String])
        /// On/off: 1/0 (YAML and JSON booleans arrive as 1/0), or the words true/false.
        case flag
        /// The path of a file the job reads (checked against the server's allowed roots).
        case inputFile
        /// A finite number, or the path of a file the job reads.
        case numberOrInputFile
        /// The name of a file the job writes in its own output directory: one path component ending in
        /// `suffix` (never a path, never hidden).
        case outputFileName(suffix: String)
        /// A list whose every element is of the given type (what a workflow fan-in passes: every upstream
        /// job's output or result, in job order).
        case list(of: ValueType)
    }

    /// The parameter's name; with `isNumbered`, the prefix of a numbered family (`rho_` → `rho_1`, `rho_2`, …).
    public let name: String
    public let type: ValueType
    /// Whether a job must give it (a numbered family: at least its first member).
    public let isRequired: Bool
    /// The value used when the parameter is absent (documentation; the kind applies it).
    public let defaultValue: ParameterValue?
    /// One line for `--help`-style listings and the API's kind list.
    public let help: String
    /// True for a numbered family `name1`, `name2`, … (positive integers after the prefix).
    public let isNumbered: Bool

    public init(_ name: String, _ type: ValueType, required: Bool = false, default defaultValue: ParameterValue? = nil,
                numbered: Bool = false, help: String) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.defaultValue = defaultValue
        self.help = help
        self.isNumbered = numbered
    }

    /// Whether `key` names this parameter (or a member of its numbered family).
    public func matches(_ key: String) -> Bool {
        guard isNumbered else { return key == name }
        guard key.hasPrefix(name), let n = Int(key.dropFirst(name.count)), n >= 1 else { return false }
        return String(n) == key.dropFirst(name.count)
    }

    /// Whether a string value of this parameter is a path the job reads.
    public var readsFiles: Bool { Self.readsFiles(type) }

    private static func readsFiles(_ type: ValueType) -> Bool {
        switch type {
        case .inputFile, .numberOrInputFile: return true
        case .list(let element): return readsFiles(element)
        default: return false
        }
    }

    /// Checks one value; nil when it fits, else what is expected (the caller adds the key path).
    public func problem(with value: ParameterValue) -> String? { Self.problem(with: value, type: type) }

    private static func problem(with value: ParameterValue, type: ValueType) -> String? {
        if case .list(let values) = value {
            guard case .list(let element) = type else { return "must be a single value, got a list of \(values.count)" }
            for (i, v) in values.enumerated() {
                if let p = problem(with: v, type: element) { return "element \(i) \(p)" }
            }
            return nil
        }
        if case .list(let element) = type { return problem(with: value, type: element) }   // a list of one
        switch type {
        case .number(let range):
            guard let d = value.doubleValue, d.isFinite else { return "must be a finite number, got '\(value)'" }
            guard range?.contains(d) ?? true else {
                return "must be within \(Self.text(range!.lowerBound))…\(Self.text(range!.upperBound)), got \(value)"
            }
            return nil
        case .integer(let range):
            guard let d = value.doubleValue, d.isFinite, d == d.rounded(), abs(d) < 9.0e15 else {
                return "must be an integer, got '\(value)'"
            }
            guard range?.contains(Int(d)) ?? true else {
                return "must be within \(range!.lowerBound)…\(range!.upperBound), got \(value)"
            }
            return nil
        case .text:
            return value.description.contains("\0") ? "must not contain NUL characters" : nil
        case .choice(let words):
            return words.contains(value.description) ? nil : "must be one of \(words.joined(separator: ", ")), got '\(value)'"
        case .flag:
            return Self.flagValue(value) == nil ? "must be true or false (1 or 0), got '\(value)'" : nil
        case .inputFile:
            guard case .string(let path) = value else { return "must be a file path (a string), got \(value)" }
            return Self.pathProblem(path)
        case .numberOrInputFile:
            guard case .string(let path) = value, Double(path) == nil else {
                return value.doubleValue!.isFinite ? nil : "must be a finite number or a file path, got '\(value)'"
            }
            return Self.pathProblem(path)
        case .outputFileName(let suffix):
            guard case .string(let name) = value, name.hasSuffix(suffix), name.count > suffix.count else {
                return "must be a file name ending in \(suffix), got '\(value)'"
            }
            do { _ = try PathComponent(name) } catch { return "must be a plain file name: \(error)" }
            return nil
        case .list:
            return nil   // answered above
        }
    }

    private static func pathProblem(_ path: String) -> String? {
        path.isEmpty || path.contains("\0") ? "must be a file path" : nil
    }

    /// A flag's value: 1/0, true/false, yes/no; nil for anything else.
    public static func flagValue(_ value: ParameterValue) -> Bool? {
        switch value {
        case .number(1): return true
        case .number(0): return false
        case .string(let s):
            switch s.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: return nil
            }
        default: return nil
        }
    }

    private static func text(_ d: Double) -> String { ParameterValue.number(d).description }
}
