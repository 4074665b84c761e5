/// One page of a batch's jobs (`JobStore.jobPage`): the matching count and the requested slice.
public struct JobPage: Sendable, Equatable {
    /// Jobs matching the filters (all pages).
    public let total: Int
    /// The jobs of this page, in the requested order.
    public let entries: [JobPageEntry]
}
