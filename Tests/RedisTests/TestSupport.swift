import Foundation
import Redis
import Testing

/// Runs `body` with a client and shuts the client down afterwards, also when `body` throws.
func withClient(_ client: RedisClient, _ body: (RedisClient) async throws -> Void) async throws {
    do {
        try await body(client)
        await client.shutdown()
    } catch {
        await client.shutdown()
        throw error
    }
}

/// Waits for `operation` but no longer than `timeout`; a timeout is a test failure, not a sleep.
func within<T: Sendable>(_ timeout: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw RedisServerProcess.Failure(description: "timed out after \(timeout) waiting for \(what)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// True when `error` is a server error reply with `code`.
func isServerError(_ error: any Error, _ code: String) -> Bool {
    if case RedisError.server(let server) = error { return server.code == code }
    return false
}

/// Polls CLIENT LIST until the server shows connection `id` blocked in `command` (the command is then in flight).
func waitUntilBlocked(_ id: Int64, in command: String = "blpop") async throws {
    let admin = try await TestRedis.client { $0.poolSize = 1 }
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        let list = try await admin.send(RedisCommand("CLIENT", ["LIST", "ID", RedisArgument(id)])).string ?? ""
        if list.contains("cmd=\(command)") {
            await admin.shutdown()
            return
        }
    }
    await admin.shutdown()
    throw RedisServerProcess.Failure(description: "client \(id) never blocked in \(command)")
}
