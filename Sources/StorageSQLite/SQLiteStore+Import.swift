import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: ImportStore {
    public func importLedger(source: String, tenant: TenantID) async throws -> [ImportLedgerEntry] {
        try await query(
            "SELECT * FROM import_ledger WHERE tenant_id = ? AND source = ? ORDER BY kind, original_key",
            [.text(tenant.rawValue), .text(source)]
        ).map { row in
            ImportLedgerEntry(
                source: try row.text("source"), kind: try row.text("kind"), originalKey: try row.text("original_key"),
                ourID: try row.int("our_id"), fingerprint: try row.text("fingerprint"))
        }
    }

    public func recordImported(_ entries: [ImportLedgerEntry], tenant: TenantID) async throws {
        guard !entries.isEmpty else { return }
        try await transaction { db in
            for entry in entries {
                _ = try await db.query(
                    """
                    INSERT INTO import_ledger (tenant_id, source, kind, original_key, our_id, fingerprint) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, source, kind, original_key) DO UPDATE SET our_id = excluded.our_id, fingerprint = excluded.fingerprint
                    """,
                    [
                        .text(tenant.rawValue), .text(entry.source), .text(entry.kind), .text(entry.originalKey),
                        .integer(Int(entry.ourID)),
                        .text(entry.fingerprint),
                    ])
            }
        }
    }

    public func importBooking(_ booking: Booking, history entries: [BookingHistoryEntry], tenant: TenantID) async throws -> Booking {
        let t = SQLiteData.text(tenant.rawValue)
        let occupied = booking.occupied
        return try await transaction { db in
            // Only confirmed bookings occupy time; the same check as `createBooking`, without blocks (an imported
            // booking stays where the original had it; blocks never cancelled anything there).
            if booking.status.isActive {
                let clash = try await db.query(
                    """
                    SELECT 1 FROM bookings WHERE tenant_id = ? AND master_id = ? AND status IN ('confirmed', 'held')
                        AND occupied_from < ? AND occupied_to > ? LIMIT 1
                    """, [t, .integer(Int(booking.masterID.rawValue)), occupied.upperBound.sqlite, occupied.lowerBound.sqlite])
                guard clash.isEmpty else { throw BookingError.slotTaken }
            }
            var cancelledBy: SQLiteData = .null
            var reason: SQLiteData = .null
            if case .cancelled(let by, let why) = booking.status {
                cancelledBy = .text(by.rawValue)
                reason = why.map { .text($0) } ?? .null
            }
            let rows = try await db.query(
                """
                INSERT INTO bookings (tenant_id, customer_id, chat_id, service_id, master_id, start_at, end_at,
                    occupied_from, occupied_to, buffer_before_minutes, buffer_after_minutes, status, cancelled_by, cancel_reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *
                """,
                [
                    t, .integer(Int(booking.customer.rawValue)), .integer(Int(booking.chat.rawValue)),
                    .integer(Int(booking.serviceID.rawValue)),
                    .integer(Int(booking.masterID.rawValue)), booking.start.sqlite, booking.end.sqlite, occupied.lowerBound.sqlite,
                    occupied.upperBound.sqlite, .integer(booking.bufferBeforeMinutes), .integer(booking.bufferAfterMinutes),
                    .text(booking.status.code), cancelledBy, reason, booking.createdAt.sqlite,
                ])
            guard let row = rows.first else { throw StorageError.corrupt("insert returned nothing") }
            let stored = try Self.booking(row)
            for entry in entries {
                _ = try await db.query(
                    """
                    INSERT INTO booking_history (tenant_id, booking_id, at, actor, old_status, new_status, note,
                        from_start_at, from_end_at, from_master_id, from_service_id, to_start_at, to_end_at, to_master_id, to_service_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        t, .integer(Int(stored.id.rawValue)), entry.at.sqlite, .text(entry.actor),
                        entry.oldStatus.map { .text($0) } ?? .null,
                        .text(entry.newStatus), entry.note.map { .text($0) } ?? .null,
                    ] + Self.importBinds(entry.from) + Self.importBinds(entry.to))
            }
            return stored
        }
    }

    private static func importBinds(_ placement: BookingPlacement?) -> [SQLiteData] {
        guard let placement else { return [.null, .null, .null, .null] }
        return binds(placement)
    }
}
