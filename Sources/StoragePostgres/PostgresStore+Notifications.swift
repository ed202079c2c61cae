import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: NotificationLog {
    public func storeNotification(_ n: StoredNotification) async throws -> Int64 {
        let rows = try await query(
            """
            INSERT INTO zapis.yookassa_notifications (external_id, event, source, body, received_at, finished_at, outcome)
            VALUES (\(n.externalID), \(n.event), \(n.source), \(Data(n.body)), \(n.receivedAt), \(n.finishedAt), \(n.outcome)) RETURNING id
            """)
        return try rows.first?.first(as: Int64.self) ?? 0
    }

    public func finishNotification(_ id: Int64, outcome: String, at: Date) async throws -> Bool {
        // The row lock of the UPDATE orders two instances settling one notification: the second matches no row.
        !(try await query(
            """
            UPDATE zapis.yookassa_notifications SET finished_at = \(at), outcome = \(outcome)
            WHERE id = \(id) AND finished_at IS NULL RETURNING id
            """)).isEmpty
    }

    public func unfinishedNotifications(limit: Int) async throws -> [StoredNotification] {
        try await query("SELECT * FROM zapis.yookassa_notifications WHERE finished_at IS NULL ORDER BY id LIMIT \(max(0, min(limit, 10_000)))")
            .map(Self.notification)
    }

    public func notifications(limit: Int) async throws -> [StoredNotification] {
        try await query("SELECT * FROM zapis.yookassa_notifications ORDER BY id DESC LIMIT \(max(0, min(limit, 10_000)))").map(Self.notification)
    }

    public func claimExpiryNotice(tenant: TenantID, paidUntil: Date, days: Int, at: Date) async throws -> Bool {
        // The primary key decides between instances: the second insert waits for the first and then inserts nothing.
        !(try await query(
            """
            INSERT INTO zapis.expiry_notices (tenant_id, paid_until, days, sent_at) VALUES (\(tenant.rawValue), \(paidUntil), \(days), \(at))
            ON CONFLICT DO NOTHING RETURNING tenant_id
            """)).isEmpty
    }

    static func notification(_ row: PostgresRow) throws -> StoredNotification {
        let r = row.makeRandomAccess()
        return StoredNotification(
            id: try r.get("id"), externalID: try r.get("external_id"), event: try r.get("event"), source: try r.get("source"),
            body: [UInt8](try r.get("body", as: Data.self)), receivedAt: try r.get("received_at"), finishedAt: try r.get("finished_at"),
            outcome: try r.get("outcome"))
    }
}
