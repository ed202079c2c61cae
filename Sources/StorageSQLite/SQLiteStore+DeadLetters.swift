import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: DeadLetterStore {
    public func recordCrashes(_ attempts: [CrashedAttempt], error: String, now: Date) async throws {
        for attempt in attempts {
            _ = try await query(
                """
                INSERT INTO update_attempts (tenant_id, update_id, crashes, culprit, error, updated_at) VALUES (?, ?, 1, ?, ?, ?)
                ON CONFLICT (tenant_id, update_id) DO UPDATE SET crashes = crashes + 1, culprit = max(culprit, excluded.culprit),
                    error = excluded.error, updated_at = excluded.updated_at
                """,
                [
                    .text(attempt.ref.tenant.rawValue), .integer(Int(attempt.ref.updateID)), .integer(attempt.culprit ? 1 : 0),
                    .text(error), now.sqlite,
                ])
        }
    }

    public func crashRecords(now: Date) async throws -> [UpdateRef: CrashRecord] {
        _ = try await query(
            """
            DELETE FROM update_attempts WHERE updated_at < ? OR EXISTS (
                SELECT 1 FROM processed_updates p WHERE p.tenant_id = update_attempts.tenant_id AND p.update_id = update_attempts.update_id)
            """, [now.addingTimeInterval(-2 * 86_400).sqlite])
        var records: [UpdateRef: CrashRecord] = [:]
        for row in try await query("SELECT tenant_id, update_id, crashes, culprit FROM update_attempts") {
            guard let tenant = TenantID(try row.text("tenant_id")) else { continue }
            records[UpdateRef(tenant: tenant, updateID: try row.int("update_id"))] = CrashRecord(
                crashes: Int(clamping: try row.int("crashes")), culprit: try row.int("culprit") != 0)
        }
        return records
    }

    public func forgetCrashes(_ ref: UpdateRef) async throws {
        _ = try await query(
            "DELETE FROM update_attempts WHERE tenant_id = ? AND update_id = ?", [.text(ref.tenant.rawValue), .integer(Int(ref.updateID))])
    }

    public func addDeadLetter(_ letter: DeadLetter) async throws -> Bool {
        let key: [SQLiteData] = [.text(letter.ref.tenant.rawValue), .integer(Int(letter.ref.updateID))]
        _ = try await query("DELETE FROM update_attempts WHERE tenant_id = ? AND update_id = ?", key)
        let rows = try await query(
            """
            INSERT INTO dead_letters (tenant_id, update_id, body, error, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING RETURNING update_id
            """, key + [.blob(.init(bytes: letter.body)), .text(letter.error), .integer(letter.attempts), letter.at.sqlite])
        return !rows.isEmpty
    }

    public func deadLetters(limit: Int) async throws -> [DeadLetter] {
        try await query(
            "SELECT * FROM dead_letters ORDER BY created_at DESC, update_id DESC LIMIT ?", [.integer(max(0, min(limit, 10_000)))]
        ).compactMap { row in
            guard let tenant = TenantID(try row.text("tenant_id")) else { return nil }
            return DeadLetter(
                ref: UpdateRef(tenant: tenant, updateID: try row.int("update_id")),
                body: row.column("body")?.blob.map { Array($0.readableBytesView) } ?? [], error: try row.text("error"),
                attempts: Int(try row.int("attempts")), at: try row.date("created_at"))
        }
    }
}
