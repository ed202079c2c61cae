import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: BookingStore {
    public func createBooking(_ request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, perDay: DailyCap?, now: Date)
        async throws -> Booking
    {
        let occupied = request.occupied
        let t = SQLiteData.text(tenant.rawValue)
        return try await transaction { db in
            let clash = try await db.query(
                """
                SELECT 1 FROM bookings WHERE tenant_id = ? AND master_id = ? AND status IN ('confirmed', 'held')
                    AND occupied_from < ? AND occupied_to > ?
                UNION ALL
                SELECT 1 FROM blocks WHERE tenant_id = ? AND (master_id IS NULL OR master_id = ?)
                    AND start_at < ? AND end_at > ?
                LIMIT 1
                """,
                [
                    t, .integer(Int(request.masterID.rawValue)), occupied.upperBound.sqlite, occupied.lowerBound.sqlite,
                    t, .integer(Int(request.masterID.rawValue)), occupied.upperBound.sqlite, occupied.lowerBound.sqlite,
                ])
            guard clash.isEmpty else { throw BookingError.slotTaken }
            try await Self.requireNotHeld(request, tenant: tenant, now: now, on: db)
            let held = try await db.query(
                "SELECT count(*) AS n FROM bookings WHERE tenant_id = ? AND customer_id = ? AND status IN ('confirmed', 'held') AND end_at > ?",
                [t, .integer(Int(request.customer.rawValue)), now.sqlite])
            if try held.first?.int("n") ?? 0 >= Int64(maxActivePerCustomer) {
                throw BookingError.customerLimitReached(maxActivePerCustomer)
            }
            try await Self.requireUnderDailyCap(perDay, customer: request.customer, excluding: nil, tenant: tenant, on: db)
            let rows = try await db.query(
                """
                INSERT INTO bookings (tenant_id, customer_id, chat_id, service_id, master_id, start_at, end_at,
                    occupied_from, occupied_to, buffer_before_minutes, buffer_after_minutes, status, created_at, price, hold_until, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *
                """,
                [
                    t, .integer(Int(request.customer.rawValue)), .integer(Int(request.chat.rawValue)),
                    .integer(Int(request.service.id.rawValue)), .integer(Int(request.masterID.rawValue)),
                    request.start.sqlite, request.end.sqlite, occupied.lowerBound.sqlite, occupied.upperBound.sqlite,
                    .integer(request.service.bufferBeforeMinutes), .integer(request.service.bufferAfterMinutes),
                    .text(request.holdUntil == nil ? "confirmed" : "held"), now.sqlite, try jsonText(request.service.price),
                    request.holdUntil?.sqlite ?? .null, request.comment.map { .text($0) } ?? .null,
                ])
            guard let row = rows.first else { throw StorageError.corrupt("insert returned nothing") }
            let booking = try Self.booking(row)
            try await Self.recordHistory(db, tenant: tenant, booking: booking.id, at: now, actor: "customer:\(request.customer)", old: nil, new: booking.status.code, note: nil)
            return booking
        }
    }

    public func cancelBooking(_ id: BookingID, tenant: TenantID, by: CancelledBy, reason: String?, now: Date) async throws -> Booking {
        try await transaction { db in
            let current = try await db.query(
                "SELECT status FROM bookings WHERE tenant_id = ? AND id = ?", [.text(tenant.rawValue), .integer(Int(id.rawValue))])
            guard let status = current.first?.optionalText("status") else { throw BookingError.notFound }
            guard status == "confirmed" || status == "held" else { throw BookingError.notActive }
            let rows = try await db.query(
                "UPDATE bookings SET status = 'cancelled', cancelled_by = ?, cancel_reason = ?, hold_until = NULL WHERE tenant_id = ? AND id = ? RETURNING *",
                [.text(by.rawValue), reason.map { .text($0) } ?? .null, .text(tenant.rawValue), .integer(Int(id.rawValue))])
            guard let row = rows.first else { throw BookingError.notFound }
            try await Self.recordHistory(db, tenant: tenant, booking: id, at: now, actor: by.rawValue, old: status, new: "cancelled", note: reason)
            return try Self.booking(row)
        }
    }

    public func booking(_ id: BookingID, tenant: TenantID) async throws -> Booking? {
        try await query("SELECT * FROM bookings WHERE tenant_id = ? AND id = ?", [.text(tenant.rawValue), .integer(Int(id.rawValue))])
            .first.map(Self.booking)
    }

    public func bookings(of customer: UserID, tenant: TenantID) async throws -> [Booking] {
        try await query(
            "SELECT * FROM bookings WHERE tenant_id = ? AND customer_id = ? ORDER BY start_at, id",
            [.text(tenant.rawValue), .integer(Int(customer.rawValue))]
        ).map(Self.booking)
    }

    public func activeBookings(overlapping range: Range<Date>, tenant: TenantID) async throws -> [Booking] {
        try await query(
            """
            SELECT * FROM bookings WHERE tenant_id = ? AND status IN ('confirmed', 'held') AND occupied_from < ? AND occupied_to > ?
            ORDER BY start_at
            """,
            [.text(tenant.rawValue), range.upperBound.sqlite, range.lowerBound.sqlite]
        ).map(Self.booking)
    }

    public func blocks(overlapping range: Range<Date>, tenant: TenantID) async throws -> [Block] {
        try await query(
            "SELECT * FROM blocks WHERE tenant_id = ? AND start_at < ? AND end_at > ? ORDER BY start_at",
            [.text(tenant.rawValue), range.upperBound.sqlite, range.lowerBound.sqlite]
        ).map(Self.block)
    }

    public func block(_ id: BlockID, tenant: TenantID) async throws -> Block? {
        try await query("SELECT * FROM blocks WHERE tenant_id = ? AND id = ?", [.text(tenant.rawValue), .integer(Int(id.rawValue))]).first.map(Self.block)
    }

    public func removeBlock(_ id: BlockID, tenant: TenantID) async throws -> Block? {
        try await query("DELETE FROM blocks WHERE tenant_id = ? AND id = ? RETURNING *", [.text(tenant.rawValue), .integer(Int(id.rawValue))])
            .first.map(Self.block)
    }

    static func block(_ row: SQLiteRow) throws -> Block {
        Block(
            id: BlockID(try row.int("id")), masterID: row.column("master_id")?.integer.map { MasterID(Int64($0)) },
            range: try row.date("start_at")..<row.date("end_at"), reason: try row.text("reason"))
    }

    public func addBlock(_ block: Block, tenant: TenantID) async throws -> Block {
        let rows = try await query(
            "INSERT INTO blocks (tenant_id, master_id, start_at, end_at, reason) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [
                .text(tenant.rawValue), block.masterID.map { .integer(Int($0.rawValue)) } ?? .null, block.range.lowerBound.sqlite,
                block.range.upperBound.sqlite, .text(block.reason),
            ])
        var stored = block
        stored.id = BlockID(try rows.first?.int("id") ?? 0)
        return stored
    }

    static func recordHistory(
        _ db: SQLiteConnection, tenant: TenantID, booking: BookingID, at: Date, actor: String, old: String?, new: String, note: String?
    ) async throws {
        _ = try await db.query(
            "INSERT INTO booking_history (tenant_id, booking_id, at, actor, old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .text(tenant.rawValue), .integer(Int(booking.rawValue)), at.sqlite, .text(actor), old.map { .text($0) } ?? .null,
                .text(new), note.map { .text($0) } ?? .null,
            ])
    }

    static func booking(_ row: SQLiteRow) throws -> Booking {
        let status: BookingStatus
        switch try row.text("status") {
        case "confirmed": status = .confirmed
        case "held": status = .held
        case "completed": status = .completed
        case "no_show": status = .noShow
        case "cancelled":
            let by = row.optionalText("cancelled_by").flatMap(CancelledBy.init(rawValue:)) ?? .admin
            status = .cancelled(by: by, reason: row.optionalText("cancel_reason"))
        case let other: throw StorageError.corrupt("booking status \(other)")
        }
        return Booking(
            id: BookingID(try row.int("id")), customer: UserID(try row.int("customer_id")), chat: ChatID(try row.int("chat_id")),
            serviceID: ServiceID(try row.int("service_id")), masterID: MasterID(try row.int("master_id")),
            start: try row.date("start_at"), end: try row.date("end_at"),
            bufferBeforeMinutes: Int(try row.int("buffer_before_minutes")),
            bufferAfterMinutes: Int(try row.int("buffer_after_minutes")), status: status, createdAt: try row.date("created_at"),
            price: try row.column("price")?.string.map { try JSONDecoder().decode(Price.self, from: Data($0.utf8)) },
            holdUntil: row.column("hold_until")?.double.map(Date.init(timeIntervalSince1970:)), comment: row.optionalText("comment"))
    }
}
