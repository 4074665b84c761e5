import ArgumentParser

/// `--chunk-size auto|N`: models per chunk (the unit of parallel work and of incremental saves).
enum ChunkSizeOption: ExpressibleByArgument, Equatable {
    /// `ChunkedRunner.chunkSize`: max(100, n/(10·workers)) rounded to a multiple of 50.
    case auto
    case fixed(Int)

    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let n = Int(argument), n >= 1 {
            self = .fixed(n)
        } else {
            return nil
        }
    }

    /// The explicit size, or nil for `auto`.
    var explicit: Int? {
        if case let .fixed(n) = self { return n }
        return nil
    }
}
