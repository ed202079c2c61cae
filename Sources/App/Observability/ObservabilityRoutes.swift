import BookingCore
import Foundation
import Hummingbird
import Storage
import StorageRedis

/// `GET /metrics` (Prometheus text format) and the health probes: `/health/live` (the process answers) and
/// `/health/ready` (the database answers and is migrated; Redis, when configured, answers PING).
struct ObservabilityRoutes {
    let sampler: MetricsSampler
    let tenants: any TenantStore
    let migrations: (any MigrationLedger)?
    let redis: RedisStores?
    /// The scheduled backups' status, when they are configured: readiness shows the last success.
    let backups: BackupStatus?
    /// How long readiness waits for Redis's PONG.
    static let redisTimeout: Duration = .milliseconds(500)

    func register(on router: Router<AppRequestContext>) {
        router.get("/health/live") { _, _ in "ok" }
        router.get("/health/ready") { _, _ -> Response in
            var fields: [String: String] = [:]
            if let backups {
                fields["last_backup"] = backups.lastSuccess.map { ISO8601DateFormatter().string(from: $0) } ?? "never"
                if let failure = backups.lastFailure { fields["backup_failure"] = String(failure.prefix(200)) }
            }
            guard let reason = await unreadiness() else { return Self.json(.ok, fields.merging(["status": "ready"]) { $1 }) }
            return Self.json(.serviceUnavailable, fields.merging(["status": "unavailable", "reason": reason]) { $1 })
        }
        router.get("/metrics") { _, _ -> Response in
            await sampler.sample()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: sampler.metrics.registry.emitToBuffer())))
        }
    }

    /// Why the service is not ready, or nil when it is.
    func unreadiness() async -> String? {
        do {
            _ = try await tenants.tenant(TenantID("health_probe")!)
        } catch {
            return "database unavailable"
        }
        if let migrations {
            do {
                let pending = try await migrations.pendingMigrations()
                if !pending.isEmpty { return "migrations pending: \(pending.map(String.init).joined(separator: ", "))" }
            } catch {
                return "cannot read the migration ledger"
            }
        }
        if let redis, await !redis.ping(timeout: Self.redisTimeout) { return "redis does not answer PING" }
        return nil
    }

    static func json(_ status: HTTPResponse.Status, _ fields: [String: String]) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}
