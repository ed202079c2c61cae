import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: ImportStore {
    public func importLedger(source: String, tenant: TenantID) async throws -> [ImportLedgerEntry] {
        try await query(
            "SELECT * FROM \(unescaped: tenant.schema).import_ledger WHERE source = \(source) ORDER BY kind, original_key"
        ).map { row in
            let r = row.makeRandomAccess()
            return ImportLedgerEntry(
                source: try r.get("source"), kind: try r.get("kind"), originalKey: try r.get("original_key"), ourID: try r.get("our_id"),
                fingerprint: try r.get("fingerprint"))
        }
    }

    public func recordImported(_ entries: [ImportLedgerEntry], tenant: TenantID) async throws {
        guard !entries.isEmpty else { return }
        // One statement for the batch: the columns as arrays, unnested.
        try await query(
            """
            INSERT INTO \(unescaped: tenant.schema).import_ledger (source, kind, original_key, our_id, fingerprint)
            SELECT * FROM unnest(\(entries.map(\.source))::text[], \(entries.map(\.kind))::text[], \(entries.map(\.originalKey))::text[],
                \(entries.map(\.ourID))::bigint[], \(entries.map(\.fingerprint))::text[])
            ON CONFLICT (source, kind, original_key) DO UPDATE SET our_id = excluded.our_id, fingerprint = excluded.fingerprint
            """)
    }

    /// The insert of a confirmed booking that overlaps another is refused by the exclusion constraint
    /// (`BookingError.slotTaken`, mapped by `domainError`).
    public func importBooking(_ booking: Booking, history entries: [BookingHistoryEntry], tenant: TenantID) async throws -> Booking {
        let s = tenant.schema
        let occupied = booking.occupied
        let logger = logger
        var cancelledBy: String?
        var reason: String?
        if case .cancelled(let by, let why) = booking.status {
            cancelledBy = by.rawValue
            reason = why
        }
        let (cancelledByValue, reasonValue) = (cancelledBy, reason)
        return try await transaction { c in
            let rows = try await c.rows(
                """
                INSERT INTO \(unescaped: s).bookings (customer_id, chat_id, service_id, master_id, start_at, end_at,
                    occupied_from, occupied_to, buffer_before_minutes, buffer_after_minutes, status, cancelled_by, cancel_reason, created_at)
                VALUES (\(booking.customer.rawValue), \(booking.chat.rawValue), \(booking.serviceID.rawValue), \(booking.masterID.rawValue),
                    \(booking.start), \(booking.end), \(occupied.lowerBound), \(occupied.upperBound), \(booking.bufferBeforeMinutes),
                    \(booking.bufferAfterMinutes), \(booking.status.code), \(cancelledByValue), \(reasonValue), \(booking.createdAt))
                RETURNING *
                """, logger: logger)
            guard let row = rows.first else { throw StorageError.corrupt("insert returned nothing") }
            let stored = try Self.booking(row)
            for entry in entries {
                try await c.rows(
                    """
                    INSERT INTO \(unescaped: s).booking_history (booking_id, at, actor, old_status, new_status, note,
                        from_start_at, from_end_at, from_master_id, from_service_id, to_start_at, to_end_at, to_master_id, to_service_id)
                    VALUES (\(stored.id.rawValue), \(entry.at), \(entry.actor), \(entry.oldStatus), \(entry.newStatus), \(entry.note),
                        \(entry.from?.start), \(entry.from?.end), \(entry.from?.masterID.rawValue), \(entry.from?.serviceID.rawValue),
                        \(entry.to?.start), \(entry.to?.end), \(entry.to?.masterID.rawValue), \(entry.to?.serviceID.rawValue))
                    """, logger: logger)
            }
            return stored
        }
    }
}
