import Foundation
import Redis
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `redis-server` started by the tests, stopped at the end of the test process (or earlier by `stop()`).
final class RedisServerProcess: Sendable {
    /// Why a server could not be started.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    let arguments: [String]
    let directory: URL
    let password: String?
    private let process: Mutex<Process?>

    private init(port: Int, arguments: [String], password: String?, directory: URL, process: Process) {
        self.port = port
        self.arguments = arguments
        self.password = password
        self.directory = directory
        self.process = Mutex(process)
    }

    var url: String { "redis://127.0.0.1:\(port)" }
    var endpoint: RedisEndpoint { RedisEndpoint(host: "127.0.0.1", port: port) }

    /// The `redis-server` binary on PATH, if any.
    static let binary: String? = executable("redis-server")
    /// The `redis-cli` binary on PATH, if any.
    static let cli: String? = executable("redis-cli")

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":") + ["/usr/sbin", "/usr/bin"]).map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts a server on `port` (a free one by default) with extra arguments; returns once it answers PING.
    static func start(port: Int? = nil, arguments: [String] = [], password: String? = nil) async throws -> RedisServerProcess {
        let port = port ?? freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-redis-\(port)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = RedisServerProcess(
            port: port, arguments: arguments + (password.map { ["--requirepass", $0] } ?? []), password: password, directory: directory,
            process: try launch(port, arguments + (password.map { ["--requirepass", $0] } ?? []), directory))
        try await server.waitUntilReady(password: password)
        return server
    }

    private static func launch(_ port: Int, _ arguments: [String], _ directory: URL) throws -> Process {
        guard let binary else { throw Failure(description: "redis-server is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.currentDirectoryURL = directory
        process.arguments =
            ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"]
            + ["--dir", directory.path, "--logfile", directory.appendingPathComponent("redis.log").path] + arguments
        try process.run()
        Registry.shared.withLock { $0.append(process) }
        return process
    }

    /// Polls PING until the server answers (readiness polling in a helper, not a sleep in a test).
    func waitUntilReady(password: String? = nil, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        let configuration = RedisConfiguration(endpoints: [endpoint], password: password, connectTimeout: .milliseconds(200))
        while ContinuousClock.now < deadline {
            if let connection = try? await RedisConnection.connect(to: endpoint, configuration: configuration) {
                let answered = (try? await connection.send(.ping)) != nil
                await connection.close()
                if answered { return }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(description: "redis-server on port \(port) did not answer within \(timeout)")
    }

    /// Stops the server (SIGKILL: children of the test process inherit a signal mask that blocks SIGTERM) and waits
    /// for it to exit.
    func stop() {
        let process = self.process.withLock { process in
            defer { process = nil }
            return process
        }
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Starts the server again on the same port with the same arguments.
    func restart() async throws {
        stop()
        let process = try Self.launch(port, arguments, directory)
        self.process.withLock { $0 = process }
        try await waitUntilReady(password: password)
    }

    /// A TCP port nobody listens on right now (bound to port 0 and released).
    static func freePort() -> Int {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                _ = bind(fd, socketAddress, length)
                _ = getsockname(fd, socketAddress, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Every server this test process started, terminated when it exits.
    enum Registry {
        static let shared: Mutex<[Process]> = {
            atexit {
                RedisServerProcess.Registry.shared.withLock { processes in
                    for process in processes where process.isRunning {
                        kill(process.processIdentifier, SIGKILL)
                        waitpid(process.processIdentifier, nil, 0)
                    }
                }
            }
            return Mutex([])
        }()
    }
}
