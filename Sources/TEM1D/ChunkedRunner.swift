import Foundation

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
        let state = RunState(firstChunk: startChunk, maxAhead: 2 * workers + 2)
        let group = DispatchGroup()
        for _ in 0..<min(workers, chunkCount - startChunk) {
            group.enter()
            let thread = Thread {
                let ws = ForwardWorkspace()
                while let idx = state.claim(limit: chunkCount) {
                    let lo = idx * size, hi = min(lo + size, models.count)
                    var out: [Response] = []
                    out.reserveCapacity(hi - lo)
                    for i in lo..<hi { out.append(modeller.forward(models[i], workspace: ws)) }
                    state.complete(idx, out)
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        var failure: Error? = nil
        for idx in startChunk..<chunkCount {
            let responses = state.take(idx)
            let lo = idx * size, hi = min(lo + size, models.count)
            do {
                try onChunk(ChunkResult(index: idx, range: lo..<hi, responses: responses))
            } catch {
                failure = error
                break
            }
            progress?(hi, models.count)
        }
        state.cancel()
        group.wait()
        if let failure { throw failure }
    }
}

/// Shared scheduling state. All mutable fields are guarded by `cond`.
private final class RunState: @unchecked Sendable {
    private let cond = NSCondition()
    private var next: Int
    private var delivered: Int
    private var done: [Int: [Response]] = [:]
    private var cancelled = false
    private let maxAhead: Int

    init(firstChunk: Int, maxAhead: Int) {
        next = firstChunk
        delivered = firstChunk
        self.maxAhead = maxAhead
    }

    /// Next chunk index to compute, or nil when finished/cancelled. Blocks while too far ahead of delivery.
    func claim(limit: Int) -> Int? {
        cond.lock()
        defer { cond.unlock() }
        while !cancelled && next < limit && next - delivered >= maxAhead { cond.wait() }
        if cancelled || next >= limit { return nil }
        let i = next
        next += 1
        return i
    }

    func complete(_ idx: Int, _ r: [Response]) {
        cond.lock()
        done[idx] = r
        cond.broadcast()
        cond.unlock()
    }

    /// Blocks until chunk `idx` is done and removes it.
    func take(_ idx: Int) -> [Response] {
        cond.lock()
        defer { cond.unlock() }
        while done[idx] == nil { cond.wait() }
        delivered = idx + 1
        cond.broadcast()
        return done.removeValue(forKey: idx)!
    }

    func cancel() {
        cond.lock()
        cancelled = true
        cond.broadcast()
        cond.unlock()
    }
}
