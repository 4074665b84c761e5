/// `GET …/jobs/{job_id}/outputs`: a completed job's output files.
struct JobOutputsResponse: Encodable {
    /// One output file.
    struct Output: Encodable {
        let name: String
        /// png, raster (a GeoTIFF: a quick-look is available), csv, text or other.
        let kind: String
        /// Bytes; nil when the file is missing.
        let size: Int?
        /// Whether it may be served (inside the run directory or a data root).
        let servable: Bool
        let url: String
        let quickLookURL: String?

        enum CodingKeys: String, CodingKey {
            case name, kind, size, servable, url, quickLookURL = "quicklook_url"
        }
    }

    let jobID: Int64
    let outputs: [Output]

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", outputs
    }
}
