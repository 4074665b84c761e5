import Foundation

/// The error a server task ended with, handed from the task to the waiting command.
final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?

    func set(_ error: Error) { lock.withLock { stored = error } }

    var error: Error? { lock.withLock { stored } }
}
