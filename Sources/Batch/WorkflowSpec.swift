import Foundation
import GeoSupport

/// A workflow file (YAML or JSON): named stages, each a batch spec (`BatchSpec`'s keys, except `name`)
/// plus the stages it needs. A stage's parameters may refer to what the jobs of a needed stage produced
/// (`ParameterReference`).
///
/// ```yaml
/// name: erosion                       # default: the file name without extension
/// stages:
///   derive:
///     kind: erosion-derive
///     inputs: {dem: fixtures/dem_utm33n.tif}
///   scenarios:
///     kind: erosion-scenario
///     needs: [derive]                 # barrier: starts when every job of `derive` COMPLETED
///     inputs: {terrain: "${derive.outputs.terrain}"}
///     parameters: {c_factor: {grid: [0.05, 0.2]}}
///   plots:
///     kind: plot
///     needs: {stage: scenarios, per_item: true}   # job i waits only for job i of `scenarios`
///     inputs: {raster: "${scenarios.outputs.soil_loss}"}
/// ```
public struct WorkflowSpec: Sendable, Equatable {
    public var name: String
    /// The stages, each after every stage it needs (ties in name order).
    public var stages: [WorkflowStage]

    public init(name: String, stages: [WorkflowStage]) {
        self.name = name
        self.stages = stages
    }

    /// The stage named `name`.
    public func stage(_ name: String) -> WorkflowStage? { stages.first { $0.name == name } }

    /// The workflow in `file` (YAML or JSON); errors name the file and the key path.
    public static func load(file: String) throws -> WorkflowSpec {
        try load(file: file, text: try BatchSpec.text(ofFile: file))
    }

    /// The workflow `text` read from `file`.
    public static func load(file: String, text: String) throws -> WorkflowSpec {
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            return try parse(text, defaultName: stem)
        } catch BatchError.invalidSpec(let path, let message) {
            throw BatchError.invalidSpec(path: "\(file): \(path)", message: message)
        } catch BatchError.unreadableSpec(_, let message) {
            throw BatchError.unreadableSpec(file: file, message: message)
        }
    }

    /// Parses workflow text (YAML or JSON) and checks its structure: needed stages exist, no cycle,
    /// per-item dependencies between stages of the same size, references only to needed stages.
    public static func parse(_ text: String, defaultName: String = "workflow") throws -> WorkflowSpec {
        let document: Any?
        do { document = try YAMLDocument.load(text) } catch {
            throw BatchError.unreadableSpec(file: defaultName, message: error.message)
        }
        guard let document else { throw BatchError.invalidSpec(path: "workflow", message: "is empty") }
        do {
            return try parse(SpecNode(document, path: ""), defaultName: defaultName)
        } catch let e as SpecError {
            throw BatchError.invalidSpec(path: e.path, message: e.message)
        }
    }

    private static func parse(_ root: SpecNode, defaultName: String) throws -> WorkflowSpec {
        guard root.isMapping else { throw BatchError.invalidSpec(path: "workflow", message: "must be a mapping") }
        try root.checkKeys(["name", "stages"])
        let name = try root.optional("name")?.string() ?? defaultName
        let stagesNode = try root.required("stages")
        var stages: [WorkflowStage] = []
        for key in try stagesNode.mapping().keys.sorted() {
            let node = try stagesNode.required(key)
            guard ParameterReference.isName(key) else {
                throw node.fail("is not a valid stage name (letters, digits, '_' and '-')")
            }
            let batch = try BatchSpec.parse(node, defaultName: key, extraKeys: ["needs"])
            guard batch.name == key else { throw SpecError(path: node.child("name"), message: "a stage is named by its key") }
            stages.append(WorkflowStage(batch: batch, needs: try needs(node.optional("needs"))))
        }
        guard !stages.isEmpty else { throw stagesNode.fail("must name at least one stage") }
        let spec = WorkflowSpec(name: name, stages: try ordered(stages))
        try spec.checkNeeds()
        try spec.checkReferences()
        return spec
    }

    /// `needs:` as a stage name, a list of names or `{stage, per_item}` mappings, or one such mapping.
    private static func needs(_ node: SpecNode?) throws -> [StageNeed] {
        guard let node else { return [] }
        let items = node.value is [Any] ? try node.sequence() : [node]
        var out: [StageNeed] = []
        for item in items {
            let need: StageNeed
            if item.isMapping {
                try item.checkKeys(["stage", "per_item"])
                need = StageNeed(stage: try item.required("stage").string(),
                                 perItem: try item.optional("per_item").map(flag) ?? false)
            } else {
                need = StageNeed(stage: try item.string())
            }
            guard !out.contains(where: { $0.stage == need.stage }) else { throw item.fail("names '\(need.stage)' twice") }
            out.append(need)
        }
        return out
    }

    private static func flag(_ node: SpecNode) throws -> Bool {
        if let b = node.value as? Bool { return b }
        throw node.fail("must be true or false")
    }

    /// The stages in dependency order (Kahn's algorithm, ties by name); a cycle is named.
    private static func ordered(_ stages: [WorkflowStage]) throws -> [WorkflowStage] {
        let names = Set(stages.map(\.name))
        for s in stages {
            for n in s.needs where !names.contains(n.stage) {
                throw BatchError.invalidSpec(path: "stages.\(s.name).needs",
                                             message: "unknown stage '\(n.stage)' (stages: \(names.sorted().joined(separator: ", ")))")
            }
            if s.need(on: s.name) != nil {
                throw BatchError.invalidSpec(path: "stages.\(s.name).needs", message: "a stage cannot need itself")
            }
        }
        var done: [WorkflowStage] = [], placed = Set<String>()
        var rest = stages
        while !rest.isEmpty {
            guard let i = rest.firstIndex(where: { $0.needs.allSatisfy { placed.contains($0.stage) } }) else {
                throw BatchError.invalidSpec(path: "stages.\(rest[0].name).needs",
                                             message: "dependency cycle: \(cycle(from: rest[0].name, in: rest).joined(separator: " → "))")
            }
            placed.insert(rest[i].name)
            done.append(rest.remove(at: i))
        }
        return done
    }

    /// A cycle through the unplaced stages, starting from `start`.
    private static func cycle(from start: String, in rest: [WorkflowStage]) -> [String] {
        var path: [String] = [], current = start
        while !path.contains(current), let stage = rest.first(where: { $0.name == current }),
              let next = stage.needs.first(where: { n in rest.contains { $0.name == n.stage } }) {
            path.append(current)
            current = next.stage
        }
        let loop = path.drop { $0 != current }
        return Array(loop) + [current]
    }

    /// Per-item dependencies join stages of the same size; a stage of one job (no varying parameters) with
    /// a per-item need takes the size of what it needs (one job per upstream item).
    private func checkNeeds() throws {
        var sizes: [String: Int] = [:]
        for s in stages {
            let own = try s.batch.jobCount()
            var size = own
            for n in s.needs where n.perItem {
                let theirs = sizes[n.stage]!
                if own == 1 && size == 1 { size = theirs; continue }
                guard size == theirs else {
                    throw BatchError.invalidSpec(path: "stages.\(s.name).needs",
                                                 message: "per-item dependency on '\(n.stage)' needs the same number of jobs (\(s.name): \(size), \(n.stage): \(theirs))")
                }
            }
            sizes[s.name] = size
        }
    }

    /// The number of jobs of `stage`: its own expansion, or, for a one-job stage with a per-item need, the
    /// size of what it needs.
    public func jobCount(of stage: WorkflowStage) throws -> Int {
        let own = try stage.batch.jobCount()
        guard own == 1, let need = stage.needs.first(where: \.perItem), let upstream = self.stage(need.stage) else { return own }
        return try jobCount(of: upstream)
    }

    /// Every reference names a stage this stage needs.
    private func checkReferences() throws {
        for s in stages {
            for (path, reference) in try references(of: s) where s.need(on: reference.stage) == nil {
                throw BatchError.invalidSpec(path: path, message: "\(reference) refers to stage '\(reference.stage)', which '\(s.name)' does not need")
            }
        }
    }

    /// The references in a stage's inputs and parameter values, with the key path of each.
    public func references(of stage: WorkflowStage) throws -> [(path: String, reference: ParameterReference)] {
        try templatedValues(of: stage).flatMap { item in item.template.references.map { (item.path, $0) } }
    }

    /// The parameter names whose values refer to upstream products (filled in when a job is released).
    public func deferredKeys(of stage: WorkflowStage) throws -> Set<String> {
        Set(try templatedValues(of: stage).map(\.key))
    }

    private func templatedValues(of stage: WorkflowStage) throws -> [(key: String, path: String, template: ParameterTemplate)] {
        let base = "stages.\(stage.name)"
        var out: [(String, String, ParameterTemplate)] = []
        for key in stage.batch.inputs.keys.sorted() {
            let path = "\(base).inputs.\(key)"
            if let t = try ParameterTemplate.parse(stage.batch.inputs[key]!, path: path) { out.append((key, path, t)) }
        }
        for key in stage.batch.parameters.keys.sorted() {
            let path = "\(base).parameters.\(key)"
            let values: [ParameterValue]
            switch stage.batch.parameters[key]! {
            case .value(let v): values = [v]
            case .list(let vs), .grid(let vs): values = vs
            case .sweep, .monteCarlo: values = []
            }
            for v in values {
                if let t = try ParameterTemplate.parse(v, path: path) { out.append((key, path, t)) }
            }
        }
        return out
    }

    /// Checks what needs the job kinds: every kind is registered, every referenced output or result is one
    /// the upstream kind declares, and every job's parameters fit its kind's schema (values that refer
    /// upstream are checked when the job is released).
    public func check(registry: JobRegistry) throws {
        for s in stages {
            _ = try registry.runner(for: s.batch.kind)
            for (path, r) in try references(of: s) {
                let upstream = stage(r.stage)!
                let products = try registry.runner(for: upstream.batch.kind).products
                switch r.product {
                case .outputs: continue
                case .output(let name) where !r.isPattern && !products.outputs.contains(name):
                    throw BatchError.invalidSpec(path: path, message: "stage '\(r.stage)' (kind \(upstream.batch.kind)) produces no output '\(name)' (outputs: \(Self.list(products.outputs)))")
                case .result(let key) where !products.results.contains(key):
                    throw BatchError.invalidSpec(path: path, message: "stage '\(r.stage)' (kind \(upstream.batch.kind)) produces no result '\(key)' (results: \(Self.list(products.results)))")
                case .parameter(let key) where upstream.batch.inputs[key] == nil && upstream.batch.parameters[key] == nil:
                    throw BatchError.invalidSpec(path: path, message: "stage '\(r.stage)' gives no parameter '\(key)' (it gives: \(Self.list((Array(upstream.batch.inputs.keys) + Array(upstream.batch.parameters.keys)).sorted())))")
                default: continue
                }
            }
        }
    }

    /// The check of one job's parameters in `stage` at submit (templated keys deferred).
    public func validator(for stage: WorkflowStage, registry: JobRegistry) throws -> (JobParameters) throws -> Void {
        let runner = try registry.runner(for: stage.batch.kind)
        let deferred = try deferredKeys(of: stage)
        guard !deferred.isEmpty else { return runner.check }
        return { parameters in try runner.schema.validate(parameters, deferring: deferred) }
    }

    private static func list(_ names: [String]) -> String { names.isEmpty ? "none declared" : names.joined(separator: ", ") }
}
