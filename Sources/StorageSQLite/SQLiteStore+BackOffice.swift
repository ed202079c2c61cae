import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: BackOfficeStore {
    public func bookings(startingIn range: Range<Date>, tenant: TenantID) async throws -> [Booking] {
        try await query(
            "SELECT * FROM bookings WHERE tenant_id = ? AND start_at >= ? AND start_at < ? ORDER BY start_at, id",
            [.text(tenant.rawValue), range.lowerBound.sqlite, range.upperBound.sqlite]
        ).map(Self.booking)
    }

    public func customerRecords(_ tenant: TenantID) async throws -> [CustomerRecord] {
        try await query("SELECT * FROM customers WHERE tenant_id = ? ORDER BY first_seen, user_id", [.text(tenant.rawValue)])
            .map(Self.customerRecord)
    }

    public func customerRecord(_ user: UserID, tenant: TenantID) async throws -> CustomerRecord? {
        try await query(
            "SELECT * FROM customers WHERE tenant_id = ? AND user_id = ?", [.text(tenant.rawValue), .integer(Int(user.rawValue))]
        ).first.map(Self.customerRecord)
    }

    public func updatePolicies(_ policies: Policies, of tenant: TenantID) async throws {
        let rows = try await query(
            "UPDATE tenants SET policies = ? WHERE id = ? RETURNING id", [try jsonText(policies), .text(tenant.rawValue)])
        guard !rows.isEmpty else { throw StorageError.notFound(tenant.rawValue) }
    }

    public func moveBookings(_ moves: [BookingMove], tenant: TenantID, now: Date) async throws -> [Booking] {
        try await withTransactionView { view in
            var current: [BookingID: Booking] = [:]
            for move in moves { current[move.id] = try await view.booking(move.id, tenant: tenant) }
            var moved: [Booking] = []
            for move in BookingMove.applicationOrder(moves, current: { current[$0] }) {
                moved.append(try await view.rescheduleBooking(
                    move.id, to: move.request, tenant: tenant, maxActivePerCustomer: .max, now: now, actor: CancelledBy.admin.rawValue))
            }
            return moved
        }
    }

    static func customerRecord(_ row: SQLiteRow) throws -> CustomerRecord {
        let profile = CustomerProfile(
            userID: UserID(try row.int("user_id")), chatID: ChatID(try row.int("chat_id")), firstName: try row.text("first_name"),
            username: row.optionalText("username"), languageCode: row.optionalText("language_code"), phone: row.optionalText("phone"))
        let unreachable = row.column("unreachable_at")?.double.map { Date(timeIntervalSince1970: $0) }
        return CustomerRecord(profile: profile, firstSeen: try row.date("first_seen"), unreachableSince: unreachable)
    }
}
