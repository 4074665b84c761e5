/// geotool's version, reported by `--version` and written into output provenance.
enum GeotoolVersion {
    static let current = "0.1.0"
}
