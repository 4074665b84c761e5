import Foundation

/// A POSIX thread that can be joined. `join()` returns only after the thread has fully exited,
/// thread-local destructors included (GDAL's and PROJ's per-thread contexts are freed there), so
/// the process never starts exiting — running libraries' global destructors — while a worker is
/// still tearing down. (A `Foundation.Thread` cannot be joined: signalling "done" from its body
/// left that window open and corrupted the heap at exit.)
final class JoinableThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private var handle = pthread_t()

    /// Starts `body` on a new thread with a `stackSize`-byte stack.
    init(stackSize: Int = 16 << 20, _ body: @escaping () -> Void) throws {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let argument = Unmanaged.passRetained(Body(body)).toOpaque()
        let rc = pthread_create(&handle, &attributes, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, argument)
        guard rc == 0 else {
            Unmanaged<Body>.fromOpaque(argument).release()
            throw BatchError.invalidArgument("cannot start a worker thread: \(String(cString: strerror(rc)))")
        }
    }

    /// Waits until the thread has exited. Call exactly once.
    func join() { pthread_join(handle, nil) }
}
