/// Fulfilled once the HTTP server listens, with its bound port; waiters resume then.
actor ServerReady {
    private var port: Int?
    private var waiters: [CheckedContinuation<Int, Never>] = []

    func fulfil(port: Int) {
        self.port = port
        for waiter in waiters { waiter.resume(returning: port) }
        waiters = []
    }

    func wait() async -> Int {
        if let port { return port }
        return await withCheckedContinuation { waiters.append($0) }
    }
}
