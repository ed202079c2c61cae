import Foundation
import Testing

/// A PostgreSQL 15 cluster of one test, in its own folder on its own port, that the test may stop and start
/// (the shared test server cannot be restarted under other tests). Run as root, the server runs as `postgres`.
final class PostgresServerProcess: @unchecked Sendable {
    static let bin = "/usr/lib/postgresql/15/bin"
    /// True when a cluster can be created here (required under CI).
    static var available: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || FileManager.default.isExecutableFile(atPath: bin + "/initdb")
    }

    let directory: URL
    let port: Int

    /// Creates and starts a fresh cluster.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-pg-\(UUID().uuidString.prefix(8))")
        port = try ServeProcess.freePort()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.run("/bin/chown", ["postgres", directory.path]) }
        try run("initdb", ["-D", directory.appendingPathComponent("data").path, "-A", "trust", "-U", "postgres"])
        try start()
    }

    /// `postgres://postgres@127.0.0.1:<port>/postgres`.
    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    /// Starts the server and waits until it accepts connections.
    func start() throws {
        try run(
            "pg_ctl",
            [
                "-D", directory.appendingPathComponent("data").path, "-l", directory.appendingPathComponent("log").path, "-w", "start",
                "-o",
                "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
            ])
    }

    /// Stops the server the way an operator restarting it does (`-m fast`: sessions are ended, nothing is lost).
    func stop() throws {
        try run("pg_ctl", ["-D", directory.appendingPathComponent("data").path, "-m", "fast", "-w", "stop"])
    }

    /// Stops the server for good and removes its folder.
    func destroy() {
        try? run("pg_ctl", ["-D", directory.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    private func run(_ tool: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", Self.bin + "/" + tool] + arguments)
        } else {
            try Self.run(Self.bin + "/" + tool, arguments)
        }
    }

    /// Runs a tool to its end. posix_spawn and waitpid, not Foundation's Process: `pg_ctl start` leaves a server
    /// behind that inherits its descriptors, and Process.waitUntilExit then never returns.
    private static func run(_ executable: String, _ arguments: [String]) throws {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
            throw Failure(description: "cannot start \(executable)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed (\(status))") }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }
}
