import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: WaitlistStore {
    public func joinWaitlist(_ entry: WaitlistEntry, tenant: TenantID) async throws -> (entry: WaitlistEntry, isNew: Bool) {
        let t = SQLiteData.text(tenant.rawValue)
        let master: SQLiteData = entry.masterID.map { .integer(Int($0.rawValue)) } ?? .null
        return try await transaction { db in
            let existing = try await db.query(
                """
                SELECT * FROM waitlist WHERE tenant_id = ? AND customer_id = ? AND service_id = ? AND master_id IS ? AND day = ?
                    AND status IN ('waiting', 'offered') ORDER BY id LIMIT 1
                """,
                [t, .integer(Int(entry.customer.rawValue)), .integer(Int(entry.serviceID.rawValue)), master, .integer(entry.date.daysSinceEpoch)])
            if let row = existing.first { return (try Self.waitlistEntry(row), false) }
            let rows = try await db.query(
                """
                INSERT INTO waitlist (tenant_id, customer_id, chat_id, language_code, service_id, master_id, day, created_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting') RETURNING *
                """,
                [
                    t, .integer(Int(entry.customer.rawValue)), .integer(Int(entry.chat.rawValue)), entry.languageCode.map { .text($0) } ?? .null,
                    .integer(Int(entry.serviceID.rawValue)), master, .integer(entry.date.daysSinceEpoch), entry.createdAt.sqlite,
                ])
            guard let row = rows.first else { throw StorageError.corrupt("insert returned nothing") }
            return (try Self.waitlistEntry(row), true)
        }
    }

    public func waitlistEntry(_ id: WaitlistEntryID, tenant: TenantID) async throws -> WaitlistEntry? {
        try await query("SELECT * FROM waitlist WHERE tenant_id = ? AND id = ?", [.text(tenant.rawValue), .integer(Int(id.rawValue))])
            .first.map(Self.waitlistEntry)
    }

    public func waitlist(on date: LocalDate, tenant: TenantID) async throws -> [WaitlistEntry] {
        try await query(
            "SELECT * FROM waitlist WHERE tenant_id = ? AND day = ? AND status IN ('waiting', 'offered') ORDER BY id",
            [.text(tenant.rawValue), .integer(date.daysSinceEpoch)]
        ).map(Self.waitlistEntry)
    }

    public func waitlist(of customer: UserID, tenant: TenantID) async throws -> [WaitlistEntry] {
        try await query(
            "SELECT * FROM waitlist WHERE tenant_id = ? AND customer_id = ? AND status IN ('waiting', 'offered') ORDER BY id",
            [.text(tenant.rawValue), .integer(Int(customer.rawValue))]
        ).map(Self.waitlistEntry)
    }

    public func resolveWaitlistOffer(_ id: WaitlistEntryID, as status: WaitlistStatus, tenant: TenantID) async throws -> Bool {
        try await !query(
            """
            UPDATE waitlist SET status = ?, offer_start = NULL, offer_master_id = NULL, offer_until = NULL, offer_from = NULL, offer_to = NULL
            WHERE tenant_id = ? AND id = ? AND status = 'offered' RETURNING id
            """, [.text(status.rawValue), .text(tenant.rawValue), .integer(Int(id.rawValue))]
        ).isEmpty
    }

    public func leaveWaitlist(_ id: WaitlistEntryID, customer: UserID, tenant: TenantID) async throws -> Bool {
        try await !query(
            """
            UPDATE waitlist SET status = 'left', offer_start = NULL, offer_master_id = NULL, offer_until = NULL, offer_from = NULL, offer_to = NULL
            WHERE tenant_id = ? AND id = ? AND customer_id = ? AND status IN ('waiting', 'offered') RETURNING id
            """, [.text(tenant.rawValue), .integer(Int(id.rawValue)), .integer(Int(customer.rawValue))]
        ).isEmpty
    }

    static func waitlistEntry(_ row: SQLiteRow) throws -> WaitlistEntry {
        guard let status = WaitlistStatus(rawValue: try row.text("status")) else { throw StorageError.corrupt("waitlist status") }
        var offer: WaitlistOffer?
        if let master = row.column("offer_master_id")?.integer {
            let held = try row.column("offer_from")?.double.map { from in
                Date(timeIntervalSince1970: from)..<Date(timeIntervalSince1970: max(from, try row.date("offer_to").timeIntervalSince1970))
            }
            offer = WaitlistOffer(
                start: try row.date("offer_start"), masterID: MasterID(Int64(master)), until: try row.date("offer_until"), held: held)
        }
        return WaitlistEntry(
            id: WaitlistEntryID(try row.int("id")), customer: UserID(try row.int("customer_id")), chat: ChatID(try row.int("chat_id")),
            languageCode: row.optionalText("language_code"), serviceID: ServiceID(try row.int("service_id")),
            masterID: row.column("master_id")?.integer.map { MasterID(Int64($0)) }, date: LocalDate(daysSinceEpoch: Int(try row.int("day"))),
            createdAt: try row.date("created_at"), status: status, offer: offer)
    }
}
