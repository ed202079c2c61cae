import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: DeadLetterStore {
    public func recordCrashes(_ attempts: [CrashedAttempt], error: String, now: Date) async throws {
        for attempt in attempts {
            try await query(
                """
                INSERT INTO zapis.update_attempts (tenant_id, update_id, crashes, culprit, error, updated_at)
                VALUES (\(attempt.ref.tenant.rawValue), \(attempt.ref.updateID), 1, \(attempt.culprit), \(error), \(now))
                ON CONFLICT (tenant_id, update_id) DO UPDATE SET crashes = zapis.update_attempts.crashes + 1,
                    culprit = zapis.update_attempts.culprit OR excluded.culprit, error = excluded.error, updated_at = excluded.updated_at
                """)
        }
    }

    public func crashRecords(now: Date) async throws -> [UpdateRef: CrashRecord] {
        try await query(
            """
            DELETE FROM zapis.update_attempts a WHERE a.updated_at < \(now.addingTimeInterval(-2 * 86_400)) OR EXISTS (
                SELECT 1 FROM zapis.processed_updates p WHERE p.tenant_id = a.tenant_id AND p.update_id = a.update_id)
            """)
        var records: [UpdateRef: CrashRecord] = [:]
        for row in try await query("SELECT tenant_id, update_id, crashes, culprit FROM zapis.update_attempts") {
            let (tenant, update, crashes, culprit) = try row.decode((String, Int64, Int32, Bool).self)
            guard let id = TenantID(tenant) else { continue }
            records[UpdateRef(tenant: id, updateID: update)] = CrashRecord(crashes: Int(crashes), culprit: culprit)
        }
        return records
    }

    public func forgetCrashes(_ ref: UpdateRef) async throws {
        try await query("DELETE FROM zapis.update_attempts WHERE tenant_id = \(ref.tenant.rawValue) AND update_id = \(ref.updateID)")
    }

    public func addDeadLetter(_ letter: DeadLetter) async throws -> Bool {
        let (tenant, update) = (letter.ref.tenant.rawValue, letter.ref.updateID)
        try await query("DELETE FROM zapis.update_attempts WHERE tenant_id = \(tenant) AND update_id = \(update)")
        return
            !(try await query(
                """
                INSERT INTO zapis.dead_letters (tenant_id, update_id, body, error, attempts, created_at)
                VALUES (\(tenant), \(update), \(ByteBuffer(bytes: letter.body)), \(letter.error), \(Int32(clamping: letter.attempts)), \(letter.at))
                ON CONFLICT DO NOTHING RETURNING update_id
                """
            ).isEmpty)
    }

    public func deadLetters(limit: Int) async throws -> [DeadLetter] {
        let rows = try await query(
            """
            SELECT tenant_id, update_id, body, error, attempts, created_at FROM zapis.dead_letters
            ORDER BY created_at DESC, update_id DESC LIMIT \(Int64(max(0, min(limit, 10_000))))
            """)
        return try rows.compactMap { row in
            let (tenant, update, body, error, attempts, at) = try row.decode((String, Int64, ByteBuffer, String, Int32, Date).self)
            guard let id = TenantID(tenant) else { return nil }
            return DeadLetter(
                ref: UpdateRef(tenant: id, updateID: update), body: Array(body.readableBytesView), error: error, attempts: Int(attempts),
                at: at)
        }
    }
}
