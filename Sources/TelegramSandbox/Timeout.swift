/// Runs `operation`, cancelling it and throwing `SandboxError.timedOut` once `timeout` has passed.
@discardableResult
func withTimeout<T: Sendable>(
    _ timeout: Duration, _ what: @autoclosure () -> String, operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let description = what()
    return try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw SandboxError.timedOut(description)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}
