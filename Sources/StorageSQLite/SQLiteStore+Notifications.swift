import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: NotificationLog {
    public func storeNotification(_ n: StoredNotification) async throws -> Int64 {
        let rows = try await query(
            """
            INSERT INTO yookassa_notifications (external_id, event, source, body, received_at, finished_at, outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [
                .text(n.externalID), .text(n.event), .text(n.source), .blob(.init(bytes: n.body)), n.receivedAt.sqlite, n.finishedAt?.sqlite ?? .null,
                n.outcome.map { .text($0) } ?? .null,
            ])
        return try rows.first?.int("id") ?? 0
    }

    public func finishNotification(_ id: Int64, outcome: String, at: Date) async throws -> Bool {
        let rows = try await query(
            "UPDATE yookassa_notifications SET finished_at = ?, outcome = ? WHERE id = ? AND finished_at IS NULL RETURNING id",
            [at.sqlite, .text(outcome), .integer(Int(id))])
        return !rows.isEmpty
    }

    public func unfinishedNotifications(limit: Int) async throws -> [StoredNotification] {
        try await query(
            "SELECT * FROM yookassa_notifications WHERE finished_at IS NULL ORDER BY id LIMIT ?", [.integer(max(0, min(limit, 10_000)))]
        ).map(Self.notification)
    }

    public func notifications(limit: Int) async throws -> [StoredNotification] {
        try await query("SELECT * FROM yookassa_notifications ORDER BY id DESC LIMIT ?", [.integer(max(0, min(limit, 10_000)))]).map(Self.notification)
    }

    public func claimExpiryNotice(tenant: TenantID, paidUntil: Date, days: Int, at: Date) async throws -> Bool {
        !(try await query(
            "INSERT INTO expiry_notices VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING tenant_id",
            [.text(tenant.rawValue), paidUntil.sqlite, .integer(days), at.sqlite])).isEmpty
    }

    static func notification(_ row: SQLiteRow) throws -> StoredNotification {
        StoredNotification(
            id: try row.int("id"), externalID: try row.text("external_id"), event: try row.text("event"), source: try row.text("source"),
            body: row.column("body")?.blob.map { Array($0.readableBytesView) } ?? [], receivedAt: try row.date("received_at"),
            finishedAt: row.column("finished_at")?.double.map(Date.init(timeIntervalSince1970:)), outcome: row.optionalText("outcome"))
    }
}
