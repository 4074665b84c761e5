import Foundation

/// The most memory one grid, image or buffer whose size comes from untrusted input (an option, a
/// file's header, a site box) may take. Sizes are checked against it *before* anything is
/// allocated, so an impossible request is a one-line error instead of a crash.
///
/// The default (`standard`) is half of the physical memory; the environment variable
/// `GEOTOOL_MEMORY_BUDGET` replaces it with a size in bytes, optionally with a binary suffix
/// (`K`, `M`, `G`, `T`, with or without `iB`/`B`, e.g. `64G`, `512MiB`, `1000000`).
public struct MemoryBudget: Sendable, Hashable, CustomStringConvertible {
    /// The budget in bytes (at least 1).
    public let bytes: Int
    /// Where the value came from, for messages (e.g. "half the physical memory").
    public let origin: String

    /// Name of the environment variable that sets `standard`.
    public static let environmentVariable = "GEOTOOL_MEMORY_BUDGET"

    /// A budget of `bytes` bytes (values below 1 become 1).
    public init(bytes: Int, origin: String = "") {
        self.bytes = Swift.max(1, bytes)
        self.origin = origin
    }

    /// The process-wide budget, used where a caller passes none: half the physical memory until the program
    /// sets another (the `geotool` CLI sets it from `GEOTOOL_MEMORY_BUDGET` when it starts; libraries never
    /// read the environment).
    public static var standard: MemoryBudget {
        get { shared.lock.withLock { shared.budget } }
        set { shared.lock.withLock { shared.budget = newValue } }
    }

    /// The storage of `standard`.
    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var budget = MemoryBudget(bytes: Int(clamping: ProcessInfo.processInfo.physicalMemory / 2),
                                  origin: "half the physical memory; \(MemoryBudget.environmentVariable) sets it")
    }

    private static let shared = Shared()

    /// The budget an environment and a physical memory size give: `GEOTOOL_MEMORY_BUDGET` when set to a valid
    /// size, else half of the physical memory (an invalid variable is ignored and named in `origin`).
    public static func fromEnvironment(_ environment: [String: String], physicalMemory: UInt64) -> MemoryBudget {
        let half = Int(clamping: physicalMemory / 2)
        guard let text = environment[environmentVariable] else {
            return MemoryBudget(bytes: half, origin: "half the physical memory; \(environmentVariable) sets it")
        }
        guard let bytes = parse(text) else {
            return MemoryBudget(bytes: half, origin: "half the physical memory; \(environmentVariable)='\(text)' is not a size and was ignored")
        }
        return MemoryBudget(bytes: bytes, origin: environmentVariable)
    }

    /// Bytes of a size like `64G`, `512MiB`, `1.5T` or `1000000`; nil when it is not a positive size.
    public static func parse(_ text: String) -> Int? {
        var s = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where s.hasSuffix(suffix) { s.removeLast(suffix.count); break }
        let scale: Double
        switch s.last {
        case "K"?: scale = 1024
        case "M"?: scale = 1024 * 1024
        case "G"?: scale = 1024 * 1024 * 1024
        case "T"?: scale = 1024 * 1024 * 1024 * 1024
        default: scale = 1
        }
        if scale > 1 { s.removeLast() }
        guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite, v > 0 else { return nil }
        let bytes = v * scale
        guard bytes >= 1, bytes < 9e18 else { return nil }
        return Int(bytes)
    }

    /// Whether `bytes` (possibly non-finite) fits.
    public func allows(_ bytes: Double) -> Bool { bytes.isFinite && bytes <= Double(self.bytes) }

    /// "12 GiB (half the physical memory; …)".
    public var description: String {
        origin.isEmpty ? ByteCount.format(Double(bytes)) : "\(ByteCount.format(Double(bytes))), \(origin)"
    }
}
