/// Fulfilled once the HTTP server listens, with its bound port; waiters resume then.
actor ServerReady {
    private var port: Int?
    private var waiters: [Int: CheckedContinuation<Int?, Never>] = [:]
    private var nextWaiter = 0

    func fulfil(port: Int) {
        self.port = port
        for waiter in waiters.values { waiter.resume(returning: port) }
        waiters = [:]
    }

    /// The port, once the server listens; nil when the waiting task is cancelled first (a shutdown before the server
    /// ever listened, or a router-only test without a server).
    func wait() async -> Int? {
        if let port { return port }
        let id = nextWaiter
        nextWaiter += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume(returning: nil) } else { waiters[id] = continuation }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(returning: nil)
    }
}
