import Batch
import Foundation
import GeoSupport

/// Finds a job's output files for the dashboard. Only files a job recorded in its result can be named
/// (by their last path component), and only those that resolve — symbolic links followed — inside the
/// run directory or a data root (the `FileParameterPolicy` roots) are served: a name is never joined to
/// a directory, so `../` and friends name nothing.
struct JobOutputFiles: Sendable {
    let store: JobStore
    let policy: FileParameterPolicy

    /// The outputs of job `id` (empty until it completed); 404 for an unknown job.
    func outputs(of id: Int64) throws -> [JobOutputFile] {
        guard try store.job(id) != nil else { throw APIError.notFound("job", id) }
        let recorded = try store.result(jobID: id)?.outputs ?? []
        return recorded.map { raw in
            let path = ContainedPath.resolve(raw, base: store.runDirectory)
            let name = (raw as NSString).lastPathComponent
            return JobOutputFile(name: name, path: path, kind: JobOutputFile.Kind(name: name), servable: policy.allows(path))
        }
    }

    /// The output of job `id` named `name`: 404 when the job recorded no such output or the file is
    /// gone, 403 when it lies outside the allowed roots.
    func output(of id: Int64, named name: String) throws -> JobOutputFile {
        guard let file = try outputs(of: id).first(where: { $0.name == name }) else {
            throw APIError(.notFound, "job \(id) has no output named '\(name)'", field: "name")
        }
        guard file.servable else {
            throw APIError(.forbidden, "output '\(name)' of job \(id) is outside the run directory and the data roots", field: "name")
        }
        guard file.size != nil else {
            throw APIError(.notFound, "output '\(name)' of job \(id) is missing (\(file.path))", field: "name")
        }
        return file
    }
}
