import Foundation

/// Durable storage of the finished chunks of a resumable run, in `OUT.parts/` beside the output `OUT`:
///
/// * `manifest.json` — the run's fingerprint (`RunFingerprint`), chunk size and model count;
/// * `chunk_000000.part`, `chunk_000001.part`, … — the encoded rows of each finished chunk, each written to a
///   temporary name, fsync'd and renamed, so a chunk file exists only when complete.
///
/// Chunks are stored in order, so the finished ones are a prefix `0..<completed`. A re-run with the same
/// fingerprint resumes after that prefix (with the stored chunk size, unless another one is asked for explicitly);
/// parts of a different run are discarded. The output is assembled while the run goes: `beginAssembly` starts
/// `OUT.parts/assembled.tmp` with the header and the chunks already stored, `store` appends each new chunk to it
/// after saving its part, and `finish` fsyncs it, renames it to `OUT` and removes the directory. The temporary is
/// never trusted across runs (it is rebuilt from the durable parts), so the output appears only when complete, and
/// `kill -9` at any moment followed by the same command neither recomputes finished chunks nor duplicates rows.
final class ChunkStore {
    let directory: String
    let chunkSize: Int
    let chunkCount: Int
    /// Chunks `0..<completed` are already stored.
    let completed: Int
    /// Why earlier parts were discarded, if they were.
    let discardedReason: String?
    /// Where the output is assembled (`beginAssembly` … `finish`).
    private let output: String
    private var assembly: DurableFile?

    /// Opens (resuming) or creates the parts directory for `output`.
    /// - Parameter requestedChunkSize: an explicit `--chunk-size`, or nil for `auto` (then `autoChunkSize`
    ///   unless resuming, when the stored size is kept so the chunk boundaries match).
    init(output: String, fingerprint: String, modelCount: Int, requestedChunkSize: Int?, autoChunkSize: Int) throws {
        self.output = output
        directory = output + ".parts"
        let manifestPath = directory + "/manifest.json"
        let fm = FileManager.default
        var reason: String? = nil
        var resumedSize: Int? = nil
        if fm.fileExists(atPath: directory) {
            let stored = (fm.contents(atPath: manifestPath))
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            let storedSize = stored?["chunk_size"] as? Int
            if stored?["fingerprint"] as? String != fingerprint || stored?["model_count"] as? Int != modelCount
                || storedSize == nil {
                reason = "they belong to a different run (other inputs, options or geotool version)"
            } else if let requestedChunkSize, requestedChunkSize != storedSize {
                reason = "they were made with --chunk-size \(storedSize!)"
            } else {
                resumedSize = storedSize
            }
            if reason != nil {
                do { try fm.removeItem(atPath: directory) } catch {
                    throw CLIError("\(directory): cannot remove the parts of an earlier run: \(error.localizedDescription)")
                }
            }
        }
        discardedReason = reason
        chunkSize = resumedSize ?? requestedChunkSize ?? autoChunkSize
        chunkCount = (modelCount + chunkSize - 1) / chunkSize
        if resumedSize == nil {
            do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: false) } catch {
                throw CLIError("\(directory): cannot create the parts directory: \(error.localizedDescription)")
            }
            let manifest: [String: Any] = ["fingerprint": fingerprint, "chunk_size": chunkSize, "model_count": modelCount]
            let data = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
            try DurableFile.write([UInt8](data), to: manifestPath)
        }
        for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where name.hasSuffix(".tmp") {
            try? fm.removeItem(atPath: directory + "/" + name)   // left by a killed run
        }
        var done = 0
        while done < chunkCount && fm.fileExists(atPath: ChunkStore.chunkPath(directory, done)) { done += 1 }
        completed = done
    }

    private static func chunkPath(_ directory: String, _ index: Int) -> String {
        let digits = String(index)
        return directory + "/chunk_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".part"
    }

    /// Starts the output: header, then the chunks stored by an earlier run.
    func beginAssembly(header: [UInt8]) throws {
        let file = try DurableFile(path: output, temporaryPath: directory + "/assembled.tmp")
        try file.append(header)
        for i in 0..<completed { try file.append(contentsOf: ChunkStore.chunkPath(directory, i)) }
        assembly = file
    }

    /// Stores chunk `index` durably (chunks arrive in order), then appends it to the output being assembled.
    func store(_ index: Int, _ bytes: [UInt8]) throws {
        try DurableFile.write(bytes, to: ChunkStore.chunkPath(directory, index))
        try assembly?.append(bytes)
    }

    /// Writes `extras` (e.g. a sidecar, each atomically), then moves the assembled output into place (fsync,
    /// rename) and removes the parts directory. Call after every chunk is stored.
    func finish(extras: [(path: String, bytes: [UInt8])] = []) throws {
        guard let file = assembly else { preconditionFailure("finish() before beginAssembly(header:)") }
        for extra in extras { try DurableFile.write(extra.bytes, to: extra.path) }
        try file.commit()
        assembly = nil
        try? FileManager.default.removeItem(atPath: directory)
    }
}
