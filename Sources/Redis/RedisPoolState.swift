import NIOCore

/// The connection slots of a `RedisClient` and its reconnect backoff; mutated under the client's lock only.
struct RedisPoolState {
    /// One connection place of the pool.
    enum Slot {
        /// No connection; the next caller that needs one opens it.
        case idle
        /// A connect is in progress; callers may wait for it.
        case connecting(EventLoopFuture<RedisConnection>)
        /// An open connection.
        case ready(RedisConnection)
    }

    /// What a caller asking for a connection should do.
    enum Lease {
        /// Use this open connection.
        case use(RedisConnection)
        /// Wait for a connect another caller started.
        case wait(EventLoopFuture<RedisConnection>)
        /// Open a connection for this slot and fulfil the promise.
        case connect(slot: Int, EventLoopPromise<RedisConnection>)
        /// No connection can be had now.
        case fail(RedisError)
    }

    /// The pool's places, `poolSize` of them.
    var slots: [Slot]
    /// Connect failures since the last success.
    var consecutiveFailures = 0
    /// No connect is tried before this instant (backoff).
    var retryAt: ContinuousClock.Instant?
    /// True once the client was shut down.
    var isShutDown = false

    /// An empty pool of `size` places.
    init(size: Int) { slots = Array(repeating: .idle, count: size) }

    /// Picks the least busy open connection; opens another slot when every open one is busy; waits for a connect in
    /// progress; fails fast while reconnect backoff runs and nothing is open.
    mutating func lease(now: ContinuousClock.Instant, makePromise: () -> EventLoopPromise<RedisConnection>) -> Lease {
        guard !isShutDown else { return .fail(.shutDown) }
        var best: RedisConnection?
        var idle: Int?
        var connecting: EventLoopFuture<RedisConnection>?
        for index in slots.indices {
            switch slots[index] {
            case .ready(let connection) where connection.isActive:
                if best == nil || connection.inFlight < best!.inFlight { best = connection }
            case .ready, .idle:
                slots[index] = .idle
                if idle == nil { idle = index }
            case .connecting(let future):
                connecting = connecting ?? future
            }
        }
        if let best, best.inFlight == 0 { return .use(best) }
        let backingOff = retryAt.map { now < $0 } ?? false
        if let idle, !backingOff {
            let promise = makePromise()
            slots[idle] = .connecting(promise.futureResult)
            return .connect(slot: idle, promise)
        }
        if let best { return .use(best) }
        if let connecting { return .wait(connecting) }
        let wait = retryAt.map { now.duration(to: $0) } ?? .zero
        return .fail(.connectionUnavailable("reconnecting after \(consecutiveFailures) failed attempts; next in \(wait)"))
    }

    /// Records an opened connection.
    mutating func connected(_ connection: RedisConnection, slot: Int) {
        slots[slot] = .ready(connection)
        consecutiveFailures = 0
        retryAt = nil
    }

    /// Records a failed connect and schedules the next attempt.
    mutating func connectFailed(slot: Int, now: ContinuousClock.Instant, backoff: RedisBackoff) {
        slots[slot] = .idle
        consecutiveFailures += 1
        retryAt = now + backoff.delay(afterFailures: consecutiveFailures)
    }

    /// Frees the slot of a connection that closed.
    mutating func closed(_ connection: RedisConnection, slot: Int) {
        if case .ready(let current) = slots[slot], current === connection { slots[slot] = .idle }
    }

    /// Marks the pool shut down and returns the open connections to close.
    mutating func shutDown() -> [RedisConnection] {
        isShutDown = true
        let open = slots.compactMap { slot -> RedisConnection? in
            if case .ready(let connection) = slot { return connection }
            return nil
        }
        slots = slots.map { _ in .idle }
        return open
    }
}
