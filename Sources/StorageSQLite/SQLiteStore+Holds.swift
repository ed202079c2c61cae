import BookingCore
import Foundation
import SQLiteNIO
import Storage

/// Waitlist holds as reservations: an offered entry's `offer_from`–`offer_to` of `offer_master_id` is taken for
/// everyone but its customer until `offer_until`.
extension SQLiteStore {
    /// Refuses with `.slotTaken` when another customer's live hold overlaps the time `request` would occupy. Runs
    /// inside the booking's write transaction (`BEGIN IMMEDIATE`), as offers do, so a booking and an offer of the same
    /// time cannot both pass.
    static func requireNotHeld(_ request: BookingRequest, tenant: TenantID, now: Date, on db: SQLiteConnection) async throws {
        let occupied = request.occupied
        let rows = try await db.query(
            """
            SELECT 1 FROM waitlist
            WHERE tenant_id = ? AND status = 'offered' AND offer_master_id = ? AND offer_until > ? AND customer_id <> ?
                AND offer_from < ? AND offer_to > ?
            LIMIT 1
            """,
            [
                .text(tenant.rawValue), .integer(Int(request.masterID.rawValue)), now.sqlite, .integer(Int(request.customer.rawValue)),
                occupied.upperBound.sqlite, occupied.lowerBound.sqlite,
            ])
        guard rows.isEmpty else { throw BookingError.slotTaken }
    }

    public func holds(overlapping range: Range<Date>, tenant: TenantID, now: Date) async throws -> [SlotHold] {
        try await query(
            """
            SELECT customer_id, offer_master_id, offer_from, offer_to, offer_until FROM waitlist
            WHERE tenant_id = ? AND status = 'offered' AND offer_until > ? AND offer_from < ? AND offer_to > ?
            ORDER BY offer_from
            """, [.text(tenant.rawValue), now.sqlite, range.upperBound.sqlite, range.lowerBound.sqlite]
        ).map { row in
            SlotHold(
                customer: UserID(try row.int("customer_id")), masterID: MasterID(try row.int("offer_master_id")),
                held: try row.date("offer_from")..<max(try row.date("offer_from"), try row.date("offer_to")), until: try row.date("offer_until"))
        }
    }

    public func offerWaitlistSlot(_ id: WaitlistEntryID, offer: WaitlistOffer, tenant: TenantID, now: Date) async throws -> Bool {
        let t = SQLiteData.text(tenant.rawValue)
        let master = SQLiteData.integer(Int(offer.masterID.rawValue))
        let from = offer.held.lowerBound.sqlite
        let to = offer.held.upperBound.sqlite
        // One statement: SQLite runs it under the write lock, so the time checks and the change are one step.
        return try await !query(
            """
            UPDATE waitlist SET status = 'offered', offer_start = ?, offer_master_id = ?, offer_until = ?, offer_from = ?, offer_to = ?
            WHERE tenant_id = ? AND id = ? AND status = 'waiting'
                AND NOT EXISTS (SELECT 1 FROM bookings WHERE tenant_id = ? AND master_id = ? AND status IN ('confirmed', 'held')
                    AND occupied_from < ? AND occupied_to > ?)
                AND NOT EXISTS (SELECT 1 FROM blocks WHERE tenant_id = ? AND (master_id IS NULL OR master_id = ?)
                    AND start_at < ? AND end_at > ?)
                AND NOT EXISTS (SELECT 1 FROM waitlist AS other WHERE other.tenant_id = ? AND other.status = 'offered'
                    AND other.offer_master_id = ? AND other.offer_until > ? AND other.offer_from < ? AND other.offer_to > ?)
            RETURNING id
            """,
            [
                offer.start.sqlite, master, offer.until.sqlite, from, to, t, .integer(Int(id.rawValue)),
                t, master, to, from,
                t, master, to, from,
                t, master, now.sqlite, to, from,
            ]
        ).isEmpty
    }
}
