import Synchronization

/// How busy a database's connections are: the PostgreSQL pool, or SQLite's one writer. Its owner counts every lease
/// (`enter`, then `acquired` once a connection is held, then `released`); `/metrics` samples `usage`.
///
/// Counted around our own leases rather than read from the driver, whose pool exposes no figures: what it measures
/// is what callers live through, the wait for a connection included.
public final class PoolMeter: Sendable {
    /// A snapshot of the meter.
    public struct Usage: Sendable, Equatable {
        /// Most connections at once (the pool's size; 1 for SQLite's writer).
        public var size: Int
        /// Connections held now.
        public var inUse = 0
        /// Callers waiting for a connection now.
        public var waiting = 0
        /// Connections handed out since start.
        public var leases: Int64 = 0
        /// Seconds callers spent waiting for those, summed.
        public var waitSeconds: Double = 0
        /// Attempts that ended without a connection (pool closed, connect failed, cancelled).
        public var failures: Int64 = 0

        /// Nothing counted yet, of `size` connections.
        public init(size: Int) { self.size = size }
    }

    /// One caller's lease, from `enter` until its connection is released or it gave up.
    public struct Ticket: Sendable {
        let started: ContinuousClock.Instant
    }

    private let state: Mutex<Usage>

    /// A meter of `size` connections.
    public init(size: Int) { state = Mutex(Usage(size: max(1, size))) }

    /// What the meter counted so far.
    public var usage: Usage { state.withLock { $0 } }

    /// A caller starts waiting for a connection.
    public func enter() -> Ticket {
        state.withLock { $0.waiting += 1 }
        return Ticket(started: .now)
    }

    /// The caller of `ticket` holds a connection now.
    public func acquired(_ ticket: Ticket) {
        let waited = ContinuousClock.now - ticket.started
        let seconds = Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
        state.withLock {
            $0.waiting -= 1
            $0.inUse += 1
            $0.leases += 1
            $0.waitSeconds += seconds
        }
    }

    /// The caller gave its connection back.
    public func released() { state.withLock { $0.inUse -= 1 } }

    /// The caller of `ticket` gave up waiting (an error before a connection was held).
    public func abandoned(_ ticket: Ticket) {
        state.withLock {
            $0.waiting -= 1
            $0.failures += 1
        }
    }
}
