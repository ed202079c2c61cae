import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: BackOfficeStore {
    public func bookings(startingIn range: Range<Date>, tenant: TenantID) async throws -> [Booking] {
        try await query(
            """
            SELECT * FROM \(unescaped: tenant.schema).bookings
            WHERE start_at >= \(range.lowerBound) AND start_at < \(range.upperBound) ORDER BY start_at, id
            """
        ).map(Self.booking)
    }

    public func customerRecords(_ tenant: TenantID) async throws -> [CustomerRecord] {
        try await query(
            """
            SELECT user_id, chat_id, first_name, username, language_code, first_seen, unreachable_at, phone
            FROM \(unescaped: tenant.schema).customers ORDER BY first_seen, user_id
            """
        ).map(Self.customerRecord)
    }

    public func customerRecord(_ user: UserID, tenant: TenantID) async throws -> CustomerRecord? {
        try await query(
            """
            SELECT user_id, chat_id, first_name, username, language_code, first_seen, unreachable_at, phone
            FROM \(unescaped: tenant.schema).customers WHERE user_id = \(user.rawValue)
            """
        ).first.map(Self.customerRecord)
    }

    public func updatePolicies(_ policies: Policies, of tenant: TenantID) async throws {
        let json = try jsonText(policies)
        let rows = try await query("UPDATE zapis.tenants SET policies = \(json)::jsonb WHERE id = \(tenant.rawValue) RETURNING id")
        guard !rows.isEmpty else { throw StorageError.notFound(tenant.rawValue) }
    }

    public func moveBookings(_ moves: [BookingMove], tenant: TenantID, now: Date) async throws -> [Booking] {
        try await transactionView { view in
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

    static func customerRecord(_ row: PostgresRow) throws -> CustomerRecord {
        let (user, chat, name, username, language, firstSeen, unreachable, phone) = try row.decode(
            (Int64, Int64, String, String?, String?, Date, Date?, String?).self)
        let profile = CustomerProfile(
            userID: UserID(user), chatID: ChatID(chat), firstName: name, username: username, languageCode: language, phone: phone)
        return CustomerRecord(profile: profile, firstSeen: firstSeen, unreachableSince: unreachable)
    }
}
