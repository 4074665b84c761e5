import Foundation

/// Durable storage of the finished chunks of a resumable run that writes one output file from many items
/// computed in order, in `OUT.parts/` beside the output `OUT`:
///
/// * `manifest.json` — the run's fingerprint (`RunFingerprint`), chunk size and item count;
/// * `chunk_000000.part`, `chunk_000001.part`, … — the encoded bytes of each finished chunk, each written
///   through `DurableFile`, so a chunk file exists only when complete.
///
/// Chunks are stored in order, so the finished ones are a prefix `0..<completed`. A re-run with the same
/// fingerprint and item count resumes after that prefix (with the stored chunk size, unless another one is
/// asked for explicitly); parts of a different run are discarded (`discarded` says why). The output is
/// assembled while the run goes: `beginAssembly` starts `OUT`'s temporary with the header and the chunks
/// already stored, `store` appends each new chunk to it after saving its part, and `finish` commits it
/// (`DurableFile`: fsync, rename, fsync of the directory) and removes the parts directory. The temporary is
/// never trusted across runs (it is rebuilt from the durable parts; the temporaries a killed run left are
/// removed when the store opens), so the output appears only when complete, and `kill -9` at any moment
/// followed by the same run neither recomputes finished chunks nor duplicates rows.
public final class ChunkStore {
    /// Why the parts of an earlier run were discarded.
    public enum Discarded: Sendable, Equatable {
        /// Another fingerprint or item count (other inputs, options or program version), or no manifest.
        case otherRun
        /// The same run, but made with this chunk size while another one was asked for.
        case otherChunkSize(Int)
    }

    /// `OUT.parts`.
    public let directory: String
    public let chunkSize: Int
    public let chunkCount: Int
    /// Chunks `0..<completed` are already stored.
    public let completed: Int
    /// Why earlier parts were discarded, if they were.
    public let discarded: Discarded?
    /// Where the output is assembled (`beginAssembly` … `finish`).
    private let output: String
    private let calls: DurableFileCalls
    private var assembly: DurableFile?

    /// Opens (resuming) or creates the parts directory for `output`.
    /// - Parameter requestedChunkSize: an explicit chunk size, or nil for automatic (then `autoChunkSize`
    ///   unless resuming, when the stored size is kept so the chunk boundaries match).
    public init(output: String, fingerprint: String, itemCount: Int, requestedChunkSize: Int?, autoChunkSize: Int,
                calls: DurableFileCalls = .system) throws(DurableFileError) {
        self.output = output
        self.calls = calls
        directory = output + ".parts"
        let manifestPath = directory + "/manifest.json"
        let fm = FileManager.default
        var discarded: Discarded? = nil
        var resumedSize: Int? = nil
        if fm.fileExists(atPath: directory) {
            let stored = fm.contents(atPath: manifestPath)
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            let storedSize = stored?["chunk_size"] as? Int
            if let storedSize, stored?["fingerprint"] as? String == fingerprint, stored?["item_count"] as? Int == itemCount {
                if let requestedChunkSize, requestedChunkSize != storedSize {
                    discarded = .otherChunkSize(storedSize)
                } else {
                    resumedSize = storedSize
                }
            } else {
                discarded = .otherRun
            }
            if discarded != nil {
                do { try fm.removeItem(atPath: directory) } catch {
                    throw DurableFileError(path: directory, reason: "cannot remove the parts of an earlier run: \(error.localizedDescription)")
                }
            }
        }
        self.discarded = discarded
        chunkSize = resumedSize ?? requestedChunkSize ?? autoChunkSize
        chunkCount = (itemCount + chunkSize - 1) / chunkSize
        DurableFile.removeStaleTemporaries(of: output, calls: calls)
        if resumedSize == nil {
            do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: false) } catch {
                throw DurableFileError(path: directory, reason: "cannot create the parts directory: \(error.localizedDescription)")
            }
            let manifest: [String: Any] = ["fingerprint": fingerprint, "chunk_size": chunkSize, "item_count": itemCount]
            let data: Data
            do { data = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]) } catch {
                throw DurableFileError(path: manifestPath, reason: "cannot encode: \(error)")
            }
            try DurableFile.write(data, to: manifestPath, calls: calls)
        } else {
            // Anything but the manifest and chunk files is what a killed run was writing.
            for name in calls.listDirectory(directory) where name != "manifest.json" && !Self.isChunkName(name) {
                _ = calls.unlink(directory + "/" + name)
            }
        }
        var done = 0
        while done < chunkCount && fm.fileExists(atPath: Self.chunkPath(directory, done)) { done += 1 }
        completed = done
    }

    /// Starts the output: `header`, then the chunks stored by an earlier run.
    public func beginAssembly(header: [UInt8]) throws(DurableFileError) {
        let file = try DurableFile(output, calls: calls)
        try file.append(header)
        for i in 0..<completed { try file.append(contentsOf: chunkPath(i)) }
        assembly = file
    }

    /// Stores chunk `index` durably (chunks arrive in order), then appends it to the output being assembled.
    public func store(_ index: Int, _ bytes: [UInt8]) throws(DurableFileError) {
        try DurableFile.write(bytes, to: chunkPath(index), calls: calls)
        try assembly?.append(bytes)
    }

    /// Writes `extras` (e.g. a description of the output, each durably), then commits the assembled output
    /// and removes the parts directory. Call after every chunk is stored.
    public func finish(extras: [(path: String, bytes: [UInt8])] = []) throws(DurableFileError) {
        guard let file = assembly else { preconditionFailure("finish() before beginAssembly(header:)") }
        for extra in extras { try DurableFile.write(extra.bytes, to: extra.path, calls: calls) }
        try file.commit()
        assembly = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func chunkPath(_ index: Int) -> String { Self.chunkPath(directory, index) }

    private static func chunkPath(_ directory: String, _ index: Int) -> String {
        let digits = String(index)
        return directory + "/chunk_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".part"
    }

    private static func isChunkName(_ name: String) -> Bool { name.hasPrefix("chunk_") && name.hasSuffix(".part") }
}
