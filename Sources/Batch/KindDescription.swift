import GeoSupport

/// A job kind and its parameter schema as data: what `GET /api/v1/kinds` and `geotool kinds --json` publish,
/// so a client can build a valid spec (or a form) without reading geotool's sources.
public struct KindDescription: Codable, Sendable, Equatable {
    /// One declared parameter.
    public struct Parameter: Codable, Sendable, Equatable {
        public let name: String
        /// number, integer, text, choice, flag, input_file, number_or_input_file, output_file_name, list.
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
        /// For a list: its elements' type (`type` is then `list`).
        public let items: String?

        enum CodingKeys: String, CodingKey {
            case name, type, required, defaultValue = "default", help, numbered, minimum, maximum, choices, suffix, items
        }

        /// The description of `d`.
        public init(_ d: ParameterDeclaration) {
            name = d.name
            required = d.isRequired
            defaultValue = d.defaultValue
            help = d.help
            numbered = d.isNumbered
            var facets = Facets()
            switch d.type {
            case .list(let element):
                type = "list"
                items = facets.read(element)
            default:
                type = facets.read(d.type)
                items = nil
            }
            minimum = facets.minimum
            maximum = facets.maximum
            choices = facets.choices
            suffix = facets.suffix
        }

        /// A value type's name and its range, choices or suffix.
        private struct Facets {
            var minimum: Double?, maximum: Double?, choices: [String]?, suffix: String?

            /// The name of `type` (an element type for lists); records its facets.
            mutating func read(_ type: ParameterDeclaration.ValueType) -> String {
                switch type {
                case .number(let range):
                    minimum = range?.lowerBound; maximum = range?.upperBound; return "number"
                case .integer(let range):
                    minimum = range.map { Double($0.lowerBound) }; maximum = range.map { Double($0.upperBound) }
                    return "integer"
                case .text: return "text"
                case .choice(let words): choices = words; return "choice"
                case .flag: return "flag"
                case .inputFile: return "input_file"
                case .numberOrInputFile: return "number_or_input_file"
                case .outputFileName(let s): suffix = s; return "output_file_name"
                case .list(let element): return "list of " + read(element)
                }
            }
        }
    }

    public let kind: String
    /// Whether numbers other than the declared parameters are accepted (test kinds).
    public let acceptsOtherNumbers: Bool
    public let parameters: [Parameter]
    /// The outputs and result values a workflow stage may refer to.
    public let products: KindProducts

    enum CodingKeys: String, CodingKey { case kind, acceptsOtherNumbers = "accepts_other_numbers", parameters, products }

    /// The description of `runner`'s kind and schema (the engine's `seed` included last).
    public init(_ runner: any JobRunner) {
        kind = runner.kind
        acceptsOtherNumbers = runner.schema.acceptsOtherNumbers
        parameters = (runner.schema.declarations + [ParameterSchema.seed]).map(Parameter.init)
        products = runner.products
    }
}

extension JobRegistry {
    /// Every registered kind with its parameter schema, sorted by kind.
    public var descriptions: [KindDescription] {
        kinds.compactMap { try? KindDescription(runner(for: $0)) }
    }
}
