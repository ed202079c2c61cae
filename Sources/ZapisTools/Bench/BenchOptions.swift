import App
import Foundation

/// What `zapis bench` runs: N tenant bots, U simulated customers, one `zapis serve` subprocess, loopback only.
public struct BenchOptions: Sendable {
    /// How the server receives updates.
    public enum Mode: String, Sendable, CaseIterable {
        /// The sandbox POSTs every update to `zapis serve`.
        case webhook
        /// `zapis serve` long-polls getUpdates for every bot.
        case polling
    }

    /// Tenant bots provisioned (ids `bench_00001`, …).
    public var tenants = 1000
    /// Simulated customers, spread round-robin over the tenants; each walks booking flows (pausing `think` s per step).
    public var customers = 2000
    /// Seconds of load after the warm-up.
    public var duration = 60.0
    /// Seconds of load before measuring starts (not counted in rates, latencies or CPU).
    public var warmup = 5.0
    /// Webhook or long polling.
    public var mode: Mode = .webhook
    /// A PostgreSQL server URL (any database on it); the bench creates a fresh database there and drops it after.
    /// Nil: a fresh SQLite file in a temporary folder.
    public var postgresURL: String?
    /// Keep the temporary folder (SQLite file, server log) and the PostgreSQL database.
    public var keep = false
    /// Mean seconds a customer pauses before each action (0.5–1.5 times this); Telegram allows a bot about one
    /// new message per second in a chat, and the server paces its sends to that.
    public var think = 1.0
    /// Share of "My bookings" visits that also cancel a booking (visits with two or more bookings always cancel).
    public var cancelRatio = 0.3
    /// Tenants provisioned at once.
    public var provisionConcurrency = 8
    /// Seconds a customer waits for an answer before counting an error.
    public var answerTimeout = 30.0
    /// Seed of the customers' choices.
    public var seed: UInt64 = 42
    /// The executable started as `zapis serve` (nil: this process's own executable).
    public var serverExecutable: String?
    /// Extra environment for the server (e.g. ZAPIS_DATABASE_POOL_SIZE).
    public var serverEnvironment: [String: String] = [:]

    /// The defaults.
    public init() {}
}
