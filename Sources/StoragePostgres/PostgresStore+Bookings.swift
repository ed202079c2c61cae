import BookingCore
import Foundation
import Logging
import PostgresNIO
import Storage

extension PostgresStore: BookingStore {
    /// One transaction: the customer's lock, the overlap pre-check (bookings and blocks), the cap, the insert. The
    /// exclusion constraint `bookings_no_overlap` is what makes a double booking impossible; the pre-check only
    /// gives the same answer order as the other backends (a taken slot before the cap).
    public func createBooking(_ request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, perDay: DailyCap?, now: Date)
        async throws -> Booking
    {
        let s = tenant.schema
        let occupied = request.occupied
        let logger = logger
        let actor = "customer:\(request.customer)"
        let price = try jsonText(request.service.price)
        let status = request.holdUntil == nil ? "confirmed" : "held"
        // Locks and checks, then one statement for the booking and its history: nothing to undo when a check refuses,
        // so no savepoint. An overlap that slips past the check is stopped by the exclusion constraint; DO NOTHING
        // turns it into no row (this transaction stays usable) instead of an error.
        return try await transaction(savepoint: false) { c in
            try await Self.lockCustomer(request.customer, tenant: tenant, on: c, logger: logger)
            try await Self.requireFreeAndUnderCap(
                request.masterID, occupied, customer: request.customer, max: maxActivePerCustomer, perDay: perDay, excluding: nil, now: now,
                tenant: tenant, on: c, logger: logger)
            let rows = try await c.rows(
                """
                WITH booking AS (
                    INSERT INTO \(unescaped: s).bookings (customer_id, chat_id, service_id, master_id, start_at, end_at,
                        occupied_from, occupied_to, buffer_before_minutes, buffer_after_minutes, status, created_at, price, hold_until, comment)
                    VALUES (\(request.customer.rawValue), \(request.chat.rawValue), \(request.service.id.rawValue),
                        \(request.masterID.rawValue), \(request.start), \(request.end), \(occupied.lowerBound), \(occupied.upperBound),
                        \(request.service.bufferBeforeMinutes), \(request.service.bufferAfterMinutes), \(status), \(now), \(price)::jsonb,
                        \(request.holdUntil), \(request.comment))
                    ON CONFLICT DO NOTHING
                    RETURNING *),
                history AS (
                    INSERT INTO \(unescaped: s).booking_history (booking_id, at, actor, old_status, new_status)
                    SELECT id, \(now), \(actor), NULL, \(status) FROM booking)
                SELECT * FROM booking
                """, logger: logger)
            guard let row = rows.first else { throw BookingError.slotTaken }
            return try Self.booking(row)
        }
    }

    public func cancelBooking(_ id: BookingID, tenant: TenantID, by: CancelledBy, reason: String?, now: Date) async throws -> Booking {
        let s = tenant.schema
        let logger = logger
        // One statement: the UPDATE locks the row and re-checks the status on the latest version (a concurrent
        // cancel makes it match nothing), and the history row comes from what it changed. Only a refusal needs a
        // second look, to tell a missing booking from an inactive one.
        return try await transaction(savepoint: false) { c in
            let rows = try await c.rows(
                """
                WITH cancelled AS (
                    UPDATE \(unescaped: s).bookings AS b SET status = 'cancelled', cancelled_by = \(by.rawValue), cancel_reason = \(reason),
                        hold_until = NULL
                    FROM (SELECT id, status FROM \(unescaped: s).bookings WHERE id = \(id.rawValue) FOR UPDATE) AS old
                    WHERE b.id = old.id AND b.status IN ('confirmed', 'held')
                    RETURNING b.*, old.status AS old_status),
                history AS (
                    INSERT INTO \(unescaped: s).booking_history (booking_id, at, actor, old_status, new_status, note)
                    SELECT id, \(now), \(by.rawValue), old_status, 'cancelled', \(reason) FROM cancelled)
                SELECT * FROM cancelled
                """, logger: logger)
            if let row = rows.first { return try Self.booking(row) }
            let current = try await c.rows("SELECT status FROM \(unescaped: s).bookings WHERE id = \(id.rawValue)", logger: logger)
            throw current.isEmpty ? BookingError.notFound : BookingError.notActive
        }
    }

    public func booking(_ id: BookingID, tenant: TenantID) async throws -> Booking? {
        try await query("SELECT * FROM \(unescaped: tenant.schema).bookings WHERE id = \(id.rawValue)").first.map(Self.booking)
    }

    public func bookings(of customer: UserID, tenant: TenantID) async throws -> [Booking] {
        try await query(
            "SELECT * FROM \(unescaped: tenant.schema).bookings WHERE customer_id = \(customer.rawValue) ORDER BY start_at, id"
        ).map(Self.booking)
    }

    public func activeBookings(overlapping range: Range<Date>, tenant: TenantID) async throws -> [Booking] {
        try await query(
            """
            SELECT * FROM \(unescaped: tenant.schema).bookings
            WHERE status IN ('confirmed', 'held') AND tstzrange(occupied_from, occupied_to) && tstzrange(\(range.lowerBound), \(range.upperBound))
            ORDER BY start_at, id
            """
        ).map(Self.booking)
    }

    public func blocks(overlapping range: Range<Date>, tenant: TenantID) async throws -> [Block] {
        try await query(
            """
            SELECT * FROM \(unescaped: tenant.schema).blocks
            WHERE start_at < \(range.upperBound) AND end_at > \(range.lowerBound) ORDER BY start_at, id
            """
        ).map(Self.block)
    }

    public func block(_ id: BlockID, tenant: TenantID) async throws -> Block? {
        try await query("SELECT * FROM \(unescaped: tenant.schema).blocks WHERE id = \(id.rawValue)").first.map(Self.block)
    }

    public func removeBlock(_ id: BlockID, tenant: TenantID) async throws -> Block? {
        try await query("DELETE FROM \(unescaped: tenant.schema).blocks WHERE id = \(id.rawValue) RETURNING *").first.map(Self.block)
    }

    static func block(_ row: PostgresRow) throws -> Block {
        let r = row.makeRandomAccess()
        return Block(
            id: BlockID(try r.get("id")), masterID: try r.get("master_id", as: Int64?.self).map(MasterID.init),
            range: try r.get("start_at", as: Date.self)..<r.get("end_at", as: Date.self), reason: try r.get("reason"))
    }

    /// Waits for booking transactions in flight (EXCLUSIVE conflicts with their ROW SHARE lock on `blocks`), so
    /// every booking committed after this block sees it.
    public func addBlock(_ block: Block, tenant: TenantID) async throws -> Block {
        let s = tenant.schema
        let logger = logger
        return try await transaction { c in
            try await c.rows("LOCK TABLE \(unescaped: s).blocks IN EXCLUSIVE MODE", logger: logger)
            let rows = try await c.rows(
                """
                INSERT INTO \(unescaped: s).blocks (master_id, start_at, end_at, reason)
                VALUES (\(block.masterID?.rawValue), \(block.range.lowerBound), \(block.range.upperBound), \(block.reason))
                RETURNING id
                """, logger: logger)
            var stored = block
            stored.id = BlockID(try rows.first?.first(as: Int64.self) ?? 0)
            return stored
        }
    }

    /// Serialises the booking writes of one customer of one tenant until the transaction ends.
    static func lockCustomer(_ customer: UserID, tenant: TenantID, on c: PostgresConnection, logger: Logger) async throws {
        try await c.rows(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("zapis.customer:\(tenant.rawValue):\(customer)"), 0))", logger: logger)
    }

    /// Serializes, per master, the transactions that check and take the master's time against waitlist holds: bookings
    /// and moves (after `lockCustomer`, so the order is always customer then master) and offers. The exclusion
    /// constraint keeps bookings apart; this lock keeps a booking and a hold (or two holds) apart.
    static func lockMaster(_ master: MasterID, tenant: TenantID, on c: PostgresConnection, logger: Logger) async throws {
        try await c.rows(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("zapis.master:\(tenant.rawValue):\(master)"), 0))", logger: logger)
    }

    /// Throws `.slotTaken` when a confirmed booking (other than `excluding`), a block or another customer's live
    /// waitlist hold overlaps `occupied`, else
    /// `.customerLimitReached` when the customer holds `max` future confirmed bookings (other than `excluding`); one
    /// statement for both. Holds a ROW SHARE lock on `blocks` until the transaction ends, so a block cannot be added
    /// in between. Call it after `lockCustomer`, so the count sees the customer's other bookings committed.
    static func requireFreeAndUnderCap(
        _ master: MasterID, _ occupied: Range<Date>, customer: UserID, max: Int, perDay: DailyCap?, excluding: BookingID?, now: Date,
        tenant: TenantID, on c: PostgresConnection, logger: Logger
    ) async throws {
        let s = tenant.schema
        let excluded = excluding?.rawValue ?? 0
        try await c.rows("LOCK TABLE \(unescaped: s).blocks IN ROW SHARE MODE", logger: logger)
        try await lockMaster(master, tenant: tenant, on: c, logger: logger)
        let rows = try await c.rows(
            """
            SELECT EXISTS (
                    SELECT 1 FROM \(unescaped: s).bookings
                    WHERE master_id = \(master.rawValue) AND status IN ('confirmed', 'held') AND id <> \(excluded)
                        AND tstzrange(occupied_from, occupied_to) && tstzrange(\(occupied.lowerBound), \(occupied.upperBound))
                    UNION ALL
                    SELECT 1 FROM \(unescaped: s).blocks
                    WHERE (master_id IS NULL OR master_id = \(master.rawValue))
                        AND start_at < \(occupied.upperBound) AND end_at > \(occupied.lowerBound)
                    UNION ALL
                    -- Another customer's live waitlist hold (see lockMaster).
                    SELECT 1 FROM \(unescaped: s).waitlist
                    WHERE status = 'offered' AND offer_master_id = \(master.rawValue) AND offer_until > \(now)
                        AND customer_id <> \(customer.rawValue)
                        AND offer_from < \(occupied.upperBound) AND offer_to > \(occupied.lowerBound)),
                (SELECT count(*) FROM \(unescaped: s).bookings
                    WHERE customer_id = \(customer.rawValue) AND status IN ('confirmed', 'held') AND end_at > \(now) AND id <> \(excluded)),
                -- The per-day cap under the same customer lock: no cap counts nothing (an empty range).
                (SELECT count(*) FROM \(unescaped: s).bookings
                    WHERE customer_id = \(customer.rawValue) AND status IN ('confirmed', 'held') AND id <> \(excluded)
                        AND start_at >= \(perDay?.day.lowerBound ?? now) AND start_at < \(perDay?.day.upperBound ?? now))
            """, logger: logger)
        guard let row = rows.first else { throw StorageError.corrupt("no answer to the slot check") }
        let (clash, held, sameDay) = try row.decode((Bool, Int64, Int64).self)
        if clash { throw BookingError.slotTaken }
        if held >= Int64(max) { throw BookingError.customerLimitReached(max) }
        if let perDay, sameDay >= Int64(perDay.limit) { throw BookingError.dailyLimitReached(perDay.limit) }
    }

    static func booking(_ row: PostgresRow) throws -> Booking {
        let r = row.makeRandomAccess()
        let status: BookingStatus
        switch try r.get("status", as: String.self) {
        case "confirmed": status = .confirmed
        case "held": status = .held
        case "completed": status = .completed
        case "no_show": status = .noShow
        case "cancelled":
            let by = try r.get("cancelled_by", as: String?.self).flatMap(CancelledBy.init(rawValue:)) ?? .admin
            status = .cancelled(by: by, reason: try r.get("cancel_reason", as: String?.self))
        case let other: throw StorageError.corrupt("booking status \(other)")
        }
        return Booking(
            id: BookingID(try r.get("id")), customer: UserID(try r.get("customer_id")), chat: ChatID(try r.get("chat_id")),
            serviceID: ServiceID(try r.get("service_id")), masterID: MasterID(try r.get("master_id")), start: try r.get("start_at"),
            end: try r.get("end_at"), bufferBeforeMinutes: try r.get("buffer_before_minutes"),
            bufferAfterMinutes: try r.get("buffer_after_minutes"), status: status, createdAt: try r.get("created_at"),
            price: try r.contains("price") ? r.get("price", as: String?.self).map { try JSONDecoder().decode(Price.self, from: Data($0.utf8)) } : nil,
            holdUntil: try r.contains("hold_until") ? r.get("hold_until", as: Date?.self) : nil,
            comment: try r.contains("comment") ? r.get("comment", as: String?.self) : nil)
    }
}
