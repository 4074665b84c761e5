import GeoSupport

/// The parameters a job kind accepts, as data: every key of a job must match a declaration (or be the
/// engine's own `seed`), every value must fit its declaration's type, and required ones must be there.
/// The same schema is checked when a batch is submitted (CLI and API) and again before each job runs, and
/// it is what `GET /api/v1/kinds` publishes.
public struct ParameterSchema: Sendable, Equatable {
    /// The declared parameters, in documentation order.
    public let declarations: [ParameterDeclaration]
    /// Whether undeclared keys with finite numeric values are accepted (test kinds that sum whatever they
    /// are given); undeclared strings are rejected regardless.
    public let acceptsOtherNumbers: Bool

    /// The integer the engine adds to each job under `seeds_per_combination`; every kind accepts it.
    public static let seed = ParameterDeclaration("seed", .integer(), help: "replicate seed set by seeds_per_combination")

    public init(_ declarations: [ParameterDeclaration], acceptsOtherNumbers: Bool = false) {
        self.declarations = declarations
        self.acceptsOtherNumbers = acceptsOtherNumbers
    }

    /// The declaration `key` matches (the engine's `seed` included), or nil.
    public func declaration(for key: String) -> ParameterDeclaration? {
        declarations.first { $0.matches(key) } ?? (Self.seed.matches(key) ? Self.seed : nil)
    }

    /// Checks a job's parameters; throws `BatchError.invalidSpec` naming `parameters.<key>` and the problem.
    /// Keys in `deferred` (values a workflow fills in when the job is released) must be declared; their
    /// values are checked then.
    public func validate(_ parameters: JobParameters, deferring deferred: Set<String> = []) throws {
        for key in parameters.keys.sorted() {
            let value = parameters[key]!
            guard let d = declaration(for: key) else {
                if acceptsOtherNumbers, case .number(let v) = value, v.isFinite { continue }
                if acceptsOtherNumbers, deferred.contains(key) { continue }
                throw BatchError.invalidSpec(path: "parameters.\(key)",
                                             message: "is not a parameter of this kind (known: \(knownNames))")
            }
            if deferred.contains(key) { continue }
            if let problem = d.problem(with: value) {
                throw BatchError.invalidSpec(path: "parameters.\(key)", message: problem)
            }
        }
        for d in declarations where d.isRequired && !parameters.keys.contains(where: d.matches) {
            throw BatchError.invalidSpec(path: "parameters.\(d.isNumbered ? d.name + "1" : d.name)",
                                         message: "is required: \(d.help)")
        }
    }

    /// The values of `parameters` that name files the job reads (declared input files; number-or-file
    /// parameters given as a path).
    public func inputFiles(in parameters: JobParameters) -> [String] {
        parameters.keys.sorted().flatMap { key -> [String] in
            guard let d = declaration(for: key), d.readsFiles, let value = parameters[key] else { return [] }
            return Self.paths(in: value, type: d.type)
        }
    }

    private static func paths(in value: ParameterValue, type: ParameterDeclaration.ValueType) -> [String] {
        switch (value, type) {
        case (_, .list(let element)): return value.elements.flatMap { paths(in: $0, type: element) }
        case (.string(let path), .numberOrInputFile): return Double(path) == nil ? [path] : []
        case (.string(let path), .inputFile): return [path]
        default: return []
        }
    }

    private var knownNames: String {
        declarations.map { $0.isNumbered ? $0.name + "N" : $0.name }.joined(separator: ", ")
    }
}
