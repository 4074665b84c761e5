import Foundation

/// The block language of Geoscience Australia's GA-AEM system files (`.stm`), parsed with line numbers:
/// `Key = value` entries, `Name Begin` … `Name End` blocks, bare rows of numbers inside a block (a table such as
/// `WaveFormCurrent`), `//` comments. Keys are matched case-insensitively, as GA-AEM does (`cBlock`).
struct STMBlock {
    let name: String
    /// Dotted path of the block from the file's top (`Receiver.LowPassFilter`; empty for the file).
    var blockPath = ""
    /// Line of the `Begin` (0 for the file).
    let line: Int
    var entries: [(key: String, value: String, line: Int)] = []
    var blocks: [STMBlock] = []
    var rows: [(fields: [String], line: Int)] = []
    /// The file, for messages.
    let file: String

    /// The largest `.stm` file read (real ones are a few kB).
    static let maxBytes = 4 << 20

    /// Parses `file`; errors name the file and line.
    static func load(file: String) throws -> STMBlock {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let size = attributes?[.size] as? Int, size > maxBytes {
            throw OperationError("\(file): \(size) bytes is too large for a system file (limit \(maxBytes))")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw OperationError("\(file): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw OperationError("\(file): not a text file")
        }
        return try parse(text, file: file)
    }

    static func parse(_ text: String, file: String) throws -> STMBlock {
        var stack = [STMBlock(name: "", line: 0, file: file)]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = index + 1
            var line = Substring(raw)
            if let c = line.range(of: "//") { line = line[..<c.lowerBound] }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if !trimmed.contains("="), words.count == 2, words[1].caseInsensitiveCompare("Begin") == .orderedSame {
                var block = STMBlock(name: words[0], line: lineNo, file: file)
                let parent = stack[stack.count - 1].blockPath
                // Paths start below `System` (GA-AEM's own key names: Receiver.WindowTimes).
                let isSystem = stack.count == 1 && words[0].caseInsensitiveCompare("System") == .orderedSame
                block.blockPath = isSystem ? "" : (parent.isEmpty ? words[0] : "\(parent).\(words[0])")
                stack.append(block)
            } else if !trimmed.contains("="), words.count == 2, words[1].caseInsensitiveCompare("End") == .orderedSame {
                guard stack.count > 1, stack[stack.count - 1].name.caseInsensitiveCompare(words[0]) == .orderedSame else {
                    throw OperationError("\(file): line \(lineNo): '\(trimmed)' does not close an open block"
                                         + (stack.count > 1 ? " (open: \(stack[stack.count - 1].name) from line \(stack[stack.count - 1].line))" : ""))
                }
                let done = stack.removeLast()
                stack[stack.count - 1].blocks.append(done)
            } else if let eq = trimmed.firstIndex(of: "=") {
                let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
                let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty else { throw OperationError("\(file): line \(lineNo): '=' without a key") }
                stack[stack.count - 1].entries.append((key, value, lineNo))
            } else {
                stack[stack.count - 1].rows.append((words, lineNo))
            }
        }
        guard stack.count == 1 else {
            let open = stack[stack.count - 1]
            throw OperationError("\(file): line \(open.line): block \(open.name) is never closed ('\(open.name) End' missing)")
        }
        return stack[0]
    }

    /// The child block `name`, if present (an error if it occurs twice).
    func block(_ name: String) throws -> STMBlock? {
        let found = blocks.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        if found.count > 1 { throw error(line: found[1].line, key: name, "the block occurs twice") }
        return found.first
    }

    /// The entry `key`, if present.
    func entry(_ key: String) throws -> (value: String, line: Int)? {
        let found = entries.filter { $0.key.caseInsensitiveCompare(key) == .orderedSame }
        if found.count > 1 { throw error(line: found[1].line, key: key, "the key occurs twice") }
        return found.first.map { ($0.value, $0.line) }
    }

    /// Dotted key path of `key` in this block.
    func path(_ key: String) -> String { blockPath.isEmpty ? key : "\(blockPath).\(key)" }

    /// A one-line error: file, line, key path, message.
    func error(line: Int, key: String, _ message: String) -> OperationError {
        OperationError("\(file): line \(line), \(path(key)): \(message)")
    }

    /// A required number entry.
    func number(_ key: String) throws -> Double {
        guard let e = try entry(key) else { throw error(line: line, key: key, "is required") }
        return try Self.number(e.value, line: e.line, key: key, in: self)
    }

    /// An optional number entry.
    func optionalNumber(_ key: String) throws -> Double? {
        guard let e = try entry(key) else { return nil }
        return try Self.number(e.value, line: e.line, key: key, in: self)
    }

    /// A list of numbers (`CutOffFrequency = 300000 450000`).
    func numbers(_ key: String) throws -> (values: [Double], line: Int)? {
        guard let e = try entry(key) else { return nil }
        let words = e.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        return (try words.map { try Self.number($0, line: e.line, key: key, in: self) }, e.line)
    }

    static func number(_ text: String, line: Int, key: String, in block: STMBlock) throws -> Double {
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw block.error(line: line, key: key, "'\(text)' is not a finite number")
        }
        return v
    }

    /// The rows of this block as numbers, each with `columns` values.
    func table(columns: Int) throws -> [(values: [Double], line: Int)] {
        try rows.map { row in
            guard row.fields.count == columns else {
                throw OperationError("\(file): line \(row.line), \(blockPath): expected \(columns) numbers per row, found \(row.fields.count)")
            }
            return (try row.fields.map { try Self.number($0, line: row.line, key: "", in: self) }, row.line)
        }
    }

    /// Rejects entries and blocks outside `allowed` (names are GA-AEM's; `unsupported` gives a reason for keys that
    /// GA-AEM knows but geotool does not model), and rows of values unless the block `isTable`.
    func checkKeys(_ allowed: [String], unsupported: [String: String] = [:], isTable: Bool = false) throws {
        for e in entries where !allowed.contains(where: { $0.caseInsensitiveCompare(e.key) == .orderedSame }) {
            if let reason = unsupported.first(where: { $0.key.caseInsensitiveCompare(e.key) == .orderedSame })?.value {
                throw error(line: e.line, key: e.key, "not supported: \(reason)")
            }
            throw error(line: e.line, key: e.key, "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
        }
        for b in blocks where !allowed.contains(where: { $0.caseInsensitiveCompare(b.name) == .orderedSame }) {
            if let reason = unsupported.first(where: { $0.key.caseInsensitiveCompare(b.name) == .orderedSame })?.value {
                throw error(line: b.line, key: b.name, "not supported: \(reason)")
            }
            throw error(line: b.line, key: b.name, "unknown block (expected one of: \(allowed.joined(separator: ", ")))")
        }
        if !isTable, !rows.isEmpty { throw OperationError("\(file): line \(rows[0].line), \(name.isEmpty ? "top level" : name): unexpected row of values") }
    }
}
