import ArgumentParser

/// The words that name a command on the command line (`geotool plot map`), found from the command's type
/// in `Geotool`'s subcommand tree — never from argv, so option order and the spelling typed do not matter.
enum CommandPath {
    /// `geotool …` up to `command`; just `geotool` when the type is not in the tree.
    static func of(_ command: ParsableCommand.Type) -> String {
        (path(to: command, from: Geotool.self) ?? [name(of: Geotool.self)]).joined(separator: " ")
    }

    /// The names from `node` down to `target`, or nil when `target` is not below `node`.
    private static func path(to target: ParsableCommand.Type, from node: ParsableCommand.Type) -> [String]? {
        if ObjectIdentifier(node) == ObjectIdentifier(target) { return [name(of: node)] }
        for child in node.configuration.subcommands {
            if let rest = path(to: target, from: child) { return [name(of: node)] + rest }
        }
        return nil
    }

    private static func name(of command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }
}
