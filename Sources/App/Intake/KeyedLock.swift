/// Serialises work per key (e.g. per chat) while different keys run concurrently.
actor KeyedLock<Key: Hashable & Sendable> {
    private var waiters: [Key: [CheckedContinuation<Void, Never>]] = [:]
    private var held: Set<Key> = []

    /// Runs `body` while no other body with the same key runs; callers of one key go in arrival order.
    func withLock<T: Sendable>(_ key: Key, _ body: @Sendable () async throws -> T) async rethrows -> T {
        if held.contains(key) {
            await withCheckedContinuation { waiters[key, default: []].append($0) }
        } else {
            held.insert(key)
        }
        defer { release(key) }
        return try await body()
    }

    private func release(_ key: Key) {
        if var queue = waiters[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[key] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            held.remove(key)
        }
    }
}
