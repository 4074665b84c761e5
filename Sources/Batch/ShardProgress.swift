import Foundation
import GeoSupport

/// What a cluster task reports about its shard while it runs, in `progress.json` next to its store: the
/// only thing read from a shard before its step's merge (a status command on another node must not open
/// the task's SQLite file). Written durably (temporary name, fsync, rename), so a reader sees a whole file.
public struct ShardProgress: Sendable, Equatable, Codable {
    public var completed: Int
    public var failed: Int
    /// Jobs the shard held when its task started.
    public var pending: Int
    public var finished: Bool
    public var updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case completed, failed, pending, finished
        case updatedAt = "updated_at"
    }

    public init(completed: Int, failed: Int, pending: Int, finished: Bool, updatedAt: Double = Date().timeIntervalSince1970) {
        self.completed = completed
        self.failed = failed
        self.pending = pending
        self.finished = finished
        self.updatedAt = updatedAt
    }

    /// `directory/progress.json`.
    public static func path(shardDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent("progress.json")
    }

    /// Writes the report durably.
    public func write(to path: String) throws {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        do { try DurableFile.write(Array(try e.encode(self)), to: path) } catch let error as DurableFileError {
            throw BatchError.store(path: path, message: error.reason)
        }
    }

    /// The report in `path`, nil when there is none (yet) or it cannot be read.
    public static func read(from path: String) -> ShardProgress? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(ShardProgress.self, from: data)
    }
}
