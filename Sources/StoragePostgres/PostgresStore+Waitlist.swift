import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: WaitlistStore {
    public func joinWaitlist(_ entry: WaitlistEntry, tenant: TenantID) async throws -> (entry: WaitlistEntry, isNew: Bool) {
        let s = tenant.schema
        let master = entry.masterID?.rawValue
        let logger = logger
        return try await transaction { c in
            // One customer's joins serialise, so the duplicate check below cannot race.
            try await Self.lockCustomer(entry.customer, tenant: tenant, on: c, logger: logger)
            let existing = try await c.rows(
                """
                SELECT * FROM \(unescaped: s).waitlist
                WHERE customer_id = \(entry.customer.rawValue) AND service_id = \(entry.serviceID.rawValue)
                    AND master_id IS NOT DISTINCT FROM \(master)::bigint AND day = \(entry.date.daysSinceEpoch)
                    AND status IN ('waiting', 'offered')
                ORDER BY id LIMIT 1
                """, logger: logger)
            if let row = existing.first { return (try Self.waitlistEntry(row), false) }
            let rows = try await c.rows(
                """
                INSERT INTO \(unescaped: s).waitlist (customer_id, chat_id, language_code, service_id, master_id, day, created_at, status)
                VALUES (\(entry.customer.rawValue), \(entry.chat.rawValue), \(entry.languageCode), \(entry.serviceID.rawValue),
                    \(master)::bigint, \(entry.date.daysSinceEpoch), \(entry.createdAt), 'waiting')
                RETURNING *
                """, logger: logger)
            guard let row = rows.first else { throw StorageError.corrupt("insert returned nothing") }
            return (try Self.waitlistEntry(row), true)
        }
    }

    public func waitlistEntry(_ id: WaitlistEntryID, tenant: TenantID) async throws -> WaitlistEntry? {
        try await query("SELECT * FROM \(unescaped: tenant.schema).waitlist WHERE id = \(id.rawValue)").first.map(Self.waitlistEntry)
    }

    public func waitlist(on date: LocalDate, tenant: TenantID) async throws -> [WaitlistEntry] {
        try await query(
            """
            SELECT * FROM \(unescaped: tenant.schema).waitlist
            WHERE day = \(date.daysSinceEpoch) AND status IN ('waiting', 'offered') ORDER BY id
            """
        ).map(Self.waitlistEntry)
    }

    public func waitlist(of customer: UserID, tenant: TenantID) async throws -> [WaitlistEntry] {
        try await query(
            """
            SELECT * FROM \(unescaped: tenant.schema).waitlist
            WHERE customer_id = \(customer.rawValue) AND status IN ('waiting', 'offered') ORDER BY id
            """
        ).map(Self.waitlistEntry)
    }

    public func resolveWaitlistOffer(_ id: WaitlistEntryID, as status: WaitlistStatus, tenant: TenantID) async throws -> Bool {
        try await !query(
            """
            UPDATE \(unescaped: tenant.schema).waitlist
            SET status = \(status.rawValue), offer_start = NULL, offer_master_id = NULL, offer_until = NULL, offer_from = NULL, offer_to = NULL
            WHERE id = \(id.rawValue) AND status = 'offered' RETURNING id
            """
        ).isEmpty
    }

    public func leaveWaitlist(_ id: WaitlistEntryID, customer: UserID, tenant: TenantID) async throws -> Bool {
        try await !query(
            """
            UPDATE \(unescaped: tenant.schema).waitlist
            SET status = 'left', offer_start = NULL, offer_master_id = NULL, offer_until = NULL, offer_from = NULL, offer_to = NULL
            WHERE id = \(id.rawValue) AND customer_id = \(customer.rawValue) AND status IN ('waiting', 'offered') RETURNING id
            """
        ).isEmpty
    }

    static func waitlistEntry(_ row: PostgresRow) throws -> WaitlistEntry {
        let r = row.makeRandomAccess()
        guard let status = WaitlistStatus(rawValue: try r.get("status", as: String.self)) else {
            throw StorageError.corrupt("waitlist status")
        }
        var offer: WaitlistOffer?
        if let master = try r.get("offer_master_id", as: Int64?.self), let start = try r.get("offer_start", as: Date?.self),
            let until = try r.get("offer_until", as: Date?.self)
        {
            var held: Range<Date>?
            if let from = try r.get("offer_from", as: Date?.self), let to = try r.get("offer_to", as: Date?.self) { held = from..<max(from, to) }
            offer = WaitlistOffer(start: start, masterID: MasterID(master), until: until, held: held)
        }
        return WaitlistEntry(
            id: WaitlistEntryID(try r.get("id")), customer: UserID(try r.get("customer_id")), chat: ChatID(try r.get("chat_id")),
            languageCode: try r.get("language_code", as: String?.self), serviceID: ServiceID(try r.get("service_id")),
            masterID: try r.get("master_id", as: Int64?.self).map(MasterID.init), date: LocalDate(daysSinceEpoch: try r.get("day", as: Int.self)),
            createdAt: try r.get("created_at"), status: status, offer: offer)
    }
}
