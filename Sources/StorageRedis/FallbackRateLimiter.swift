import BookingCore
import Foundation
import Storage

/// The Redis rate limiter with an in-memory one behind it: while Redis fails, each instance limits on its own.
public struct FallbackRateLimiter: RateLimiter {
    /// Redis.
    public let primary: any RateLimiter
    /// In memory.
    public let fallback: any RateLimiter
    /// Health of Redis, shared with the other fallback stores.
    public let circuit: FallbackCircuit

    /// Wraps a primary and a fallback limiter.
    public init(primary: any RateLimiter, fallback: any RateLimiter, circuit: FallbackCircuit = FallbackCircuit()) {
        self.primary = primary
        self.fallback = fallback
        self.circuit = circuit
    }

    /// Checks in Redis, or in memory while Redis is down.
    public func check(_ kind: RateLimitKind, user: UserID, tenant: TenantID, now: Date) async throws -> RateLimitDecision {
        try await circuit.run(
            "rate limit",
            primary: { try await primary.check(kind, user: user, tenant: tenant, now: now) },
            fallback: { try await fallback.check(kind, user: user, tenant: tenant, now: now) })
    }
}
