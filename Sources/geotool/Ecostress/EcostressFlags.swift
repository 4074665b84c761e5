import ArgumentParser
import Ecostress

/// The CLI's option names for the Ecostress library's parameter fields: library errors name fields
/// (`target resolution`), users see the flag they typed (`--target-res`).
enum EcostressFlags {
    static func flag(_ field: EcostressError.Field) -> String {
        switch field {
        case .resolution: return "--target-res"
        case .minValidFraction: return "--min-valid-fraction"
        case .variables: return "--variables"
        case .landCoverClasses: return "--landcover-classes"
        }
    }

    /// `error` in the CLI's words: an error about a parameter field names the flag
    /// (`--landcover-classes: '3x' is not a class or a range like 3-6`); any other error is returned as it is.
    static func cliError(_ error: Error) -> Error {
        guard let e = error as? EcostressError, let field = e.field else { return error }
        return CLIError("\(flag(field)): \(e.message)")
    }
}
