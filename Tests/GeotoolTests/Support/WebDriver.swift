import AsyncHTTPClient
import Foundation
import TestSupport
import XCTest

/// A headless Chromium driven through chromedriver's W3C WebDriver HTTP API (loopback only): start
/// it, open pages, find, click and type into elements, read text, run scripts, accept dialogs and take
/// screenshots. `available` says whether both programs are installed.
final class WebDriver: @unchecked Sendable {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: chromium) && FileManager.default.isExecutableFile(atPath: chromedriver)
    }

    /// A WebDriver error answer (or a malformed one).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let driver = Process()
    private let base: String
    private var session = ""
    private let profile: String

    /// Starts chromedriver on a free port and a headless browser session with a `width` × `height` window.
    init(width: Int = 1280, height: Int = 1000) async throws {
        let port = try PostgresServer.freePort()   // TestSupport's loopback free-port helper
        base = "http://127.0.0.1:\(port)"
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path
        driver.executableURL = URL(fileURLWithPath: Self.chromedriver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let deadline = Date(timeIntervalSinceNow: 20)
        var ready = false, last = "no answer"
        while !ready, Date() < deadline {
            do {
                ready = (try await send("GET", "/status", nil) as? [String: Any])?["ready"] as? Bool ?? false
            } catch {
                last = "\(error)"
            }
            if !ready { try await Task.sleep(nanoseconds: 100_000_000) }
        }
        guard ready else { stopDriver(); throw Failure(description: "chromedriver did not start on port \(port): \(last)") }
        let options: [String: Any] = [
            "binary": Self.chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--hide-scrollbars", "--window-size=\(width),\(height)", "--user-data-dir=\(profile)"],
        ]
        let created = try await send("POST", "/session", ["capabilities": ["alwaysMatch": ["goog:chromeOptions": options]]])
        guard let id = (created as? [String: Any])?["sessionId"] as? String else {
            stopDriver()
            throw Failure(description: "no WebDriver session: \(String(describing: created))")
        }
        session = id
    }

    /// Ends the session (closing the browser) and chromedriver.
    func quit() async {
        if !session.isEmpty { _ = try? await send("DELETE", "/session/\(session)", nil) }
        stopDriver()
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// SIGKILL: a child spawned from a test's thread may inherit a mask that blocks SIGTERM.
    private func stopDriver() {
        guard driver.isRunning else { return }
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }

    func open(_ url: String) async throws { _ = try await command("POST", "url", ["url": url]) }

    /// The first element matching the CSS selector, nil when none does.
    func find(_ selector: String) async throws -> String? {
        let found = try await command("POST", "elements", ["using": "css selector", "value": selector]) as? [[String: Any]]
        return found?.first?.values.first as? String
    }

    /// The first element matching the CSS selector; throws naming the selector when none does.
    func element(_ selector: String) async throws -> String {
        guard let e = try await find(selector) else { throw Failure(description: "no element matches '\(selector)'") }
        return e
    }

    func click(_ element: String) async throws { _ = try await command("POST", "element/\(element)/click", [:]) }

    func type(_ text: String, into element: String) async throws {
        _ = try await command("POST", "element/\(element)/value", ["text": text])
    }

    func text(_ element: String) async throws -> String {
        try await command("GET", "element/\(element)/text", nil) as? String ?? ""
    }

    /// Runs `script` (a function body; `return` gives the value) in the page.
    func run(_ script: String) async throws -> Any? {
        try await command("POST", "execute/sync", ["script": script, "args": []])
    }

    /// The text of the open alert/confirm dialog, nil when there is none.
    func dialogText() async -> String? { try? await command("GET", "alert/text", nil) as? String }

    func acceptDialog() async throws { _ = try await command("POST", "alert/accept", [:]) }

    /// A PNG of the viewport, saved to `path`.
    func screenshot(to path: String) async throws {
        guard let base64 = try await command("GET", "screenshot", nil) as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Polls `probe` every 100 ms until it gives a value (at most `timeout` s); fails naming `what`.
    func wait<T>(_ what: String, timeout: Double = 20, _ probe: () async throws -> T?) async throws -> T {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what)")
    }

    /// The text of the first element matching `selector` once it exists and `accept` likes it.
    func waitForText(_ selector: String, timeout: Double = 20, _ accept: @escaping (String) -> Bool = { !$0.isEmpty }) async throws -> String {
        try await wait("'\(selector)'", timeout: timeout) {
            guard let e = try await self.find(selector) else { return nil }
            let t = (try? await self.text(e)) ?? ""
            return accept(t) ? t : nil
        }
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        try await send(method, "/session/\(session)/\(path)", body)
    }

    private func send(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(try JSONSerialization.data(withJSONObject: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = Data((try await response.body.collect(upTo: 64 << 20)).readableBytesView)
        let answer = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let value = answer?["value"]
        if response.status.code >= 400 {
            let error = (value as? [String: Any]).map { "\($0["error"] ?? ""): \($0["message"] ?? "")" } ?? "HTTP \(response.status.code)"
            throw Failure(description: "\(method) \(path): \(error)")
        }
        return value is NSNull ? nil : value
    }
}
