/// A binary min-heap of (elevation, cell index) pairs ordered by elevation, then index
/// (so the order of equal elevations is deterministic).
struct CellHeap {
    private struct Entry {
        var z: Double
        var i: Int
        @inline(__always) func less(_ o: Entry) -> Bool { z < o.z || (z == o.z && i < o.i) }
    }
    private var heap: [Entry] = []

    init(capacity: Int = 0) { heap.reserveCapacity(capacity) }

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    /// Elevation of the top element (the heap must not be empty).
    var topElevation: Double { heap[0].z }

    mutating func push(_ elevation: Double, _ i: Int) {
        let e = Entry(z: elevation, i: i)
        heap.append(e)
        heap.withUnsafeMutableBufferPointer { h in
            var c = h.count - 1
            while c > 0 {
                let p = (c - 1) >> 1
                if !e.less(h[p]) { break }
                h[c] = h[p]
                c = p
            }
            h[c] = e
        }
    }

    /// Removes the top element and returns it with its key.
    mutating func popWithKey() -> (index: Int, key: Double) {
        let key = heap[0].z
        return (pop(), key)
    }

    mutating func pop() -> Int {
        let top = heap[0].i
        let last = heap.removeLast()
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            guard n > 0 else { return }
            var c = 0
            while true {
                let l = 2 * c + 1
                if l >= n { break }
                var m = l
                if l + 1 < n && h[l + 1].less(h[l]) { m = l + 1 }
                if h[m].less(last) { h[c] = h[m]; c = m } else { break }
            }
            h[c] = last
        }
        return top
    }
}

/// A simple FIFO queue of cell indices backed by a growable ring-free array with a head cursor; the
/// consumed front is dropped once it is half the storage (amortised O(1)), so a long breadth-first
/// search holds about its frontier, not every cell it visited (4 B per pending cell).
struct CellQueue {
    private var items: [Int32] = []
    private var head = 0

    init(capacity: Int = 0) { items.reserveCapacity(capacity) }

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }
    mutating func push(_ i: Int) { items.append(Int32(truncatingIfNeeded: i)) }
    var front: Int { Int(items[head]) }
    /// Calls `body` with every pending index, front first, without removing them.
    func forEachPending(_ body: (Int) -> Void) {
        for k in head..<items.count { body(Int(items[k])) }
    }
    mutating func pop() -> Int {
        let v = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true); head = 0
        } else if head >= 4096 && 2 * head >= items.count {
            items.removeFirst(head); head = 0
        }
        return Int(v)
    }
}
