import BookingCore
import Foundation
import PostgresNIO
import Storage

/// Waitlist holds as reservations: an offered entry's `offer_from`–`offer_to` of `offer_master_id` is taken for
/// everyone but its customer until `offer_until`. Offers and bookings of one master serialize on `lockMaster`.
extension PostgresStore {
    public func holds(overlapping range: Range<Date>, tenant: TenantID, now: Date) async throws -> [SlotHold] {
        try await query(
            """
            SELECT customer_id, offer_master_id, offer_from, offer_to, offer_until FROM \(unescaped: tenant.schema).waitlist
            WHERE status = 'offered' AND offer_until > \(now) AND offer_from < \(range.upperBound) AND offer_to > \(range.lowerBound)
            ORDER BY offer_from
            """
        ).map { row in
            let (customer, master, from, to, until) = try row.decode((Int64, Int64, Date, Date, Date).self)
            return SlotHold(customer: UserID(customer), masterID: MasterID(master), held: from..<max(from, to), until: until)
        }
    }

    public func offerWaitlistSlot(_ id: WaitlistEntryID, offer: WaitlistOffer, tenant: TenantID, now: Date) async throws -> Bool {
        let s = tenant.schema
        let master = offer.masterID.rawValue
        let (from, to) = (offer.held.lowerBound, offer.held.upperBound)
        let logger = logger
        return try await transaction(savepoint: false) { c in
            // The same order as a booking: blocks, then the master; the checks see everything committed before.
            try await c.rows("LOCK TABLE \(unescaped: s).blocks IN ROW SHARE MODE", logger: logger)
            try await Self.lockMaster(offer.masterID, tenant: tenant, on: c, logger: logger)
            return try await !c.rows(
                """
                UPDATE \(unescaped: s).waitlist
                SET status = 'offered', offer_start = \(offer.start), offer_master_id = \(master), offer_until = \(offer.until),
                    offer_from = \(from), offer_to = \(to)
                WHERE id = \(id.rawValue) AND status = 'waiting'
                    AND NOT EXISTS (SELECT 1 FROM \(unescaped: s).bookings WHERE master_id = \(master) AND status IN ('confirmed', 'held')
                        AND tstzrange(occupied_from, occupied_to) && tstzrange(\(from), \(to)))
                    AND NOT EXISTS (SELECT 1 FROM \(unescaped: s).blocks WHERE (master_id IS NULL OR master_id = \(master))
                        AND start_at < \(to) AND end_at > \(from))
                    AND NOT EXISTS (SELECT 1 FROM \(unescaped: s).waitlist AS other WHERE other.status = 'offered'
                        AND other.offer_master_id = \(master) AND other.offer_until > \(now)
                        AND other.offer_from < \(to) AND other.offer_to > \(from))
                RETURNING id
                """, logger: logger
            ).isEmpty
        }
    }
}
