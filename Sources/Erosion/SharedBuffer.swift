/// A raw pointer wrapper that may be captured by parallel loops writing disjoint indices.
struct SharedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutableBufferPointer<T>) { base = p.baseAddress! }
    @inline(__always) subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
