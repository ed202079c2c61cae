import AsyncHTTPClient
import Foundation
import NIOPosix

/// `zapis serve` as a child process on a fixed port, started, killed and restarted like an operator would.
final class ServeProcess: @unchecked Sendable {
    let environment: [String: String]
    let port: Int
    private var process: Process?
    private let lock = NSLock()

    init(environment: [String: String], port: Int) {
        self.environment = environment
        self.port = port
    }

    /// A port nobody listens on right now.
    static func freePort() throws -> Int {
        let socket = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        defer { try? socket.close().wait() }
        return socket.localAddress!.port!
    }

    /// Starts the binary with the configured environment.
    func start() throws {
        let process = Process()
        process.executableURL = try DemoCommandTests.binary()
        process.arguments = ["serve"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ZAPIS_") }
        environment.merge(self.environment) { $1 }
        environment["ZAPIS_PORT"] = String(port)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        lock.withLock { self.process = process }
    }

    /// Waits until `/health/ready` answers 200.
    func waitUntilReady(timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let response = try? await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)/health/ready"), timeout: .seconds(2)), response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServeProcessError.notReady
    }

    /// SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.
    func kill() {
        guard let process = lock.withLock({ self.process }) else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        lock.withLock { self.process = nil }
    }

    enum ServeProcessError: Error { case notReady }
}
