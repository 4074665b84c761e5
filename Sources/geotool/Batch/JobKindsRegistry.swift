import Batch
import Operations

extension JobKinds {
    /// The registry of `geotool batch` and of the server `geotool serve` starts: every Operations kind,
    /// `tem1d-chunk` reading its files as `tem1d run` does (`SystemFile`, `ModelInput`).
    static var registry: JobRegistry {
        registry(reading: TEM1DFileReaders(system: { try SystemFile.load($0) }, models: { try ModelInput(path: $0).models }))
    }
}
