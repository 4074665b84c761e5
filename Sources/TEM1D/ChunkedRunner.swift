import Foundation
import GeoSupport

/// A finished chunk of a `ChunkedRunner` run: models `range` of the input, responses in input order.
public struct ChunkResult: Sendable {
    /// 0-based chunk index.
    public let index: Int
    /// Indices of the models in this chunk.
    public let range: Range<Int>
    /// One response per model of `range`, in order.
    public let responses: [Response]
}

/// Runs many models through one `ForwardModeller` on dedicated worker threads (Foundation `Thread`, not Swift's
/// cooperative pool) and delivers finished chunks **in order** on the calling thread, so a caller can append
/// each chunk to a file atomically and resume after the last complete chunk.
///
/// Determinism: each model is computed by exactly one worker with the same code and no cross-thread reductions,
/// so results are bit-identical for any worker count and chunk size.
public enum ChunkedRunner {
    /// Default chunk size: max(100, n / (10·workers)), rounded to the nearest multiple of 50.
    public static func chunkSize(modelCount n: Int, workers: Int) -> Int {
        let raw = max(100, n / (10 * max(workers, 1)))
        return max(50, ((raw + 25) / 50) * 50)
    }

    /// Computes all models in chunks in parallel.
    /// - Parameters:
    ///   - models: the models (validated first; an invalid model throws before any work starts).
    ///   - modeller: per-system precomputation shared by all workers.
    ///   - workers: number of worker threads (≥ 1), e.g. `ProcessInfo.processInfo.activeProcessorCount`.
    ///   - chunkSize: models per chunk; `nil` = `chunkSize(modelCount:workers:)`.
    ///   - startChunk: skip chunks before this index (resume); their models are not computed.
    ///   - progress: called on the calling thread after each delivered chunk with (models done, total models),
    ///     where skipped chunks count as done.
    ///   - onChunk: receives chunks in index order on the calling thread. Throwing stops the run (workers finish
    ///     their current chunk and exit) and the error is rethrown.
    public static func run(models: [LayeredModel], modeller: ForwardModeller, workers: Int,
                           chunkSize: Int? = nil, startChunk: Int = 0,
                           progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
                           onChunk: (ChunkResult) throws -> Void) throws {
        try run(models: models, workers: workers, chunkSize: chunkSize, startChunk: startChunk, progress: progress,
                forward: { i, ws in modeller.forward(models[i], workspace: ws) }, onChunk: onChunk)
    }

    /// As above for an instrument (`InstrumentModeller`): every moment's windows concatenated per model, model i at
    /// `geometry[i]` (one entry per model) or all at `geometry[0]` (one entry).
    public static func run(models: [LayeredModel], instrument modeller: InstrumentModeller, geometry: [SoundingGeometry],
                           workers: Int, chunkSize: Int? = nil, startChunk: Int = 0,
                           progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
                           onChunk: (ChunkResult) throws -> Void) throws {
        guard geometry.count == 1 || geometry.count == models.count else {
            throw TEM1DError.invalidParameter(what: "geometry count", value: Double(geometry.count),
                                              reason: "must be 1 or one per model (\(models.count))")
        }
        try run(models: models, workers: workers, chunkSize: chunkSize, startChunk: startChunk, progress: progress,
                forward: { i, ws in
                    modeller.forwardConcatenated(models[i], geometry: geometry.count == 1 ? geometry[0] : geometry[i], workspace: ws)
                },
                onChunk: onChunk)
    }

    /// The chunked, ordered run with any per-model forward function (deterministic per model).
    static func run(models: [LayeredModel], workers: Int, chunkSize: Int?, startChunk: Int,
                    progress: ((_ done: Int, _ total: Int) -> Void)?,
                    forward: @escaping @Sendable (Int, ForwardWorkspace) -> Response,
                    onChunk: (ChunkResult) throws -> Void) throws {
        for (i, m) in models.enumerated() {
            do { try m.validate() } catch let e as TEM1DError {
                throw TEM1DError.invalidModel(index: i, message: e.description)
            }
        }
        guard workers >= 1 else {
            throw TEM1DError.invalidParameter(what: "workers", value: Double(workers), reason: "must be >= 1")
        }
        let size = chunkSize ?? Self.chunkSize(modelCount: models.count, workers: workers)
        guard size >= 1 else {
            throw TEM1DError.invalidParameter(what: "chunk size", value: Double(size), reason: "must be >= 1")
        }
        let chunkCount = (models.count + size - 1) / size
        guard startChunk >= 0, startChunk <= chunkCount else {
            throw TEM1DError.invalidParameter(what: "start chunk", value: Double(startChunk),
                                              reason: "must be in 0...\(chunkCount)")
        }
        if startChunk == chunkCount { return }
        // Chunks startChunk… through the one ordered pipeline: computed on `workers` threads, at most
        // 2·workers + 2 ahead of delivery, handed to `onChunk` in order on this thread.
        let total = models.count
        try OrderedPipeline.run(
            count: chunkCount - startChunk, workers: workers, capacity: 2 * workers + 2,
            makeProducer: { { i in startChunk + i } },
            transform: { _, idx -> [Response] in
                let ws = ForwardWorkspace()
                let lo = idx * size, hi = min(lo + size, total)
                var out: [Response] = []
                out.reserveCapacity(hi - lo)
                for i in lo..<hi { out.append(forward(i, ws)) }
                return out
            },
            consume: { i, responses in
                let idx = startChunk + i, lo = idx * size, hi = min(lo + size, total)
                try onChunk(ChunkResult(index: idx, range: lo..<hi, responses: responses))
                progress?(hi, total)
            })
    }
}
