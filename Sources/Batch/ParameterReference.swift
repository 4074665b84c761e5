/// A reference, inside a workflow stage's parameter, to what a job of an earlier stage produced:
///
/// - `${STAGE.outputs}` — every output file path of the job(s);
/// - `${STAGE.outputs.NAME}` — the output whose file name (or its stem, `summary` for `summary.csv`) is NAME;
///   a NAME with `*` (`${regrid.outputs.*.tif}`) is a pattern: the list of every output it matches (one match:
///   that path, as a list parameter also accepts a single value);
/// - `${STAGE.results.KEY}` — the result value KEY;
/// - `${STAGE.parameters.KEY}` — the parameter KEY the job ran with (a sweep's value, carried downstream).
///
/// With a per-item dependency on STAGE the reference is the value of job i of STAGE; with a barrier
/// dependency it is the list of every job's value, in job order (the fan-in).
public struct ParameterReference: Sendable, Hashable, CustomStringConvertible {
    /// What is referred to.
    public enum Product: Sendable, Hashable {
        case outputs
        case output(String)
        case result(String)
        case parameter(String)
    }

    public let stage: String
    public let product: Product

    public init(stage: String, product: Product) {
        self.stage = stage
        self.product = product
    }

    /// Parses the text between `${` and `}`; nil when it is not of a form above.
    public init?(body: String) {
        let parts = body.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, Self.isName(parts[0]) else { return nil }
        switch (parts[1], parts.count) {
        case ("outputs", 2): product = .outputs
        case ("outputs", 3) where Self.isName(parts[2], allowingDots: true, allowingStars: true): product = .output(parts[2])
        case ("results", 3) where Self.isName(parts[2]): product = .result(parts[2])
        case ("parameters", 3) where Self.isName(parts[2]): product = .parameter(parts[2])
        default: return nil
        }
        stage = parts[0]
    }

    /// `${…}` as written.
    public var description: String {
        switch product {
        case .outputs: return "${\(stage).outputs}"
        case .output(let name): return "${\(stage).outputs.\(name)}"
        case .result(let key): return "${\(stage).results.\(key)}"
        case .parameter(let key): return "${\(stage).parameters.\(key)}"
        }
    }

    /// Whether an output reference is a pattern (its value is then a list of every match).
    public var isPattern: Bool {
        if case .output(let name) = product { return name.contains("*") }
        return false
    }

    /// Letters, digits, `_` and `-` (and `.` and `*` inside output names), not empty.
    static func isName(_ s: String, allowingDots: Bool = false, allowingStars: Bool = false) -> Bool {
        !s.isEmpty && s.allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || (allowingDots && $0 == ".") || (allowingStars && $0 == "*"))
        }
    }
}
