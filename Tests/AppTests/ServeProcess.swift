import AsyncHTTPClient
import Foundation
import NIOPosix

/// `zapis serve` as a child process on a fixed port, started, killed and restarted like an operator would.
final class ServeProcess: @unchecked Sendable {
    let environment: [String: String]
    let port: Int
    /// Where the child's standard error goes; nil: `ZAPIS_TEST_SERVE_LOG` or nowhere.
    let logFile: String?
    private var process: Process?
    private var exits: AsyncStream<Int32>?
    private let lock = NSLock()

    init(environment: [String: String], port: Int, logFile: String? = nil) {
        self.environment = environment
        self.port = port
        self.logFile = logFile
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
        // Files the service keeps in its working directory (the in-flight journal) go to the test's temporary folder.
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ZAPIS_") }
        environment.merge(self.environment) { $1 }
        environment["ZAPIS_PORT"] = String(port)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        // ZAPIS_TEST_SERVE_LOG=<file> keeps the children's logs for debugging a test.
        if let log = logFile ?? ProcessInfo.processInfo.environment["ZAPIS_TEST_SERVE_LOG"] {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: log).map { $0.seekToEndOfFile(); return $0 } ?? FileHandle.nullDevice
        } else {
            process.standardError = FileHandle.nullDevice
        }
        let (exits, sink) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { process in
            sink.yield(process.terminationStatus)
            sink.finish()
        }
        try process.run()
        lock.withLock {
            self.process = process
            self.exits = exits
        }
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

    /// Waits until the process exits by itself (a crash); returns its termination status.
    func waitForExit(timeout: Duration) async throws -> Int32 {
        guard let exits = lock.withLock({ self.exits }) else { return 0 }
        let status = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask { await exits.first { _ in true } }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let status else { throw ServeProcessError.stillRunning }
        lock.withLock { self.process = nil }
        return status
    }

    /// True while the child runs.
    var isRunning: Bool { lock.withLock { self.process?.isRunning ?? false } }

    enum ServeProcessError: Error { case notReady, stillRunning }
}
