import GeoSupport

/// A job kind and its parameter schema as data: what `GET /api/v1/kinds` and `geotool kinds --json` publish,
/// so a client can build a valid spec (or a form) without reading geotool's sources.
public struct KindDescription: Codable, Sendable, Equatable {
    /// One declared parameter.
    public struct Parameter: Codable, Sendable, Equatable {
        public let name: String
        /// number, integer, text, choice, flag, input_file, number_or_input_file, output_file_name.
        public let type: String
        public let required: Bool
        public let defaultValue: ParameterValue?
        public let help: String
        /// A numbered family: `name` is the prefix of `name1`, `name2`, … (e.g. `rho_` of `rho_1`).
        public let numbered: Bool
        public let minimum: Double?
        public let maximum: Double?
        public let choices: [String]?
        /// For an output file name: the suffix it must end in.
        public let suffix: String?

        enum CodingKeys: String, CodingKey {
            case name, type, required, defaultValue = "default", help, numbered, minimum, maximum, choices, suffix
        }

        /// The description of `d`.
        public init(_ d: ParameterDeclaration) {
            name = d.name
            required = d.isRequired
            defaultValue = d.defaultValue
            help = d.help
            numbered = d.isNumbered
            var minimum: Double?, maximum: Double?, choices: [String]?, suffix: String?
            switch d.type {
            case .number(let range):
                type = "number"; minimum = range?.lowerBound; maximum = range?.upperBound
            case .integer(let range):
                type = "integer"; minimum = range.map { Double($0.lowerBound) }; maximum = range.map { Double($0.upperBound) }
            case .text: type = "text"
            case .choice(let words): type = "choice"; choices = words
            case .flag: type = "flag"
            case .inputFile: type = "input_file"
            case .numberOrInputFile: type = "number_or_input_file"
            case .outputFileName(let s): type = "output_file_name"; suffix = s
            }
            self.minimum = minimum
            self.maximum = maximum
            self.choices = choices
            self.suffix = suffix
        }
    }

    public let kind: String
    /// Whether numbers other than the declared parameters are accepted (test kinds).
    public let acceptsOtherNumbers: Bool
    public let parameters: [Parameter]

    enum CodingKeys: String, CodingKey { case kind, acceptsOtherNumbers = "accepts_other_numbers", parameters }

    /// The description of `runner`'s kind and schema (the engine's `seed` included last).
    public init(_ runner: any JobRunner) {
        kind = runner.kind
        acceptsOtherNumbers = runner.schema.acceptsOtherNumbers
        parameters = (runner.schema.declarations + [ParameterSchema.seed]).map(Parameter.init)
    }
}

extension JobRegistry {
    /// Every registered kind with its parameter schema, sorted by kind.
    public var descriptions: [KindDescription] {
        kinds.compactMap { try? KindDescription(runner(for: $0)) }
    }
}
