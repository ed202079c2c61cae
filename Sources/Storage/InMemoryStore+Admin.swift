import BookingCore
import Foundation

/// The admin side's rows of `InMemoryStore`.
struct InMemoryAdminData: Sendable {
    var admins: [TenantID: [UserID: AdminMember]] = [:]
    var audit: [TenantID: [AuditEntry]] = [:]
    var texts: [TenantID: [String: TextOverride]] = [:]
    var firstSeen: [TenantID: [UserID: Date]] = [:]
}

extension InMemoryStore: AdminStore, AuditStore, TextOverrideStore, BackOfficeStore {
    public func admins(_ tenant: TenantID) -> [AdminMember] {
        (admin.admins[tenant] ?? [:]).values.sorted { $0.userID < $1.userID }
    }

    public func saveAdmin(_ member: AdminMember, tenant: TenantID) {
        var member = member
        if member.languageCode == nil { member.languageCode = admin.admins[tenant]?[member.userID]?.languageCode }
        admin.admins[tenant, default: [:]][member.userID] = member
    }

    @discardableResult
    public func removeAdmin(_ user: UserID, tenant: TenantID) -> Bool {
        admin.admins[tenant]?.removeValue(forKey: user) != nil
    }

    @discardableResult
    public func appendAudit(_ entry: AuditEntry, tenant: TenantID) -> AuditEntry {
        var stored = entry
        stored.id = Int64((admin.audit[tenant]?.count ?? 0) + 1)
        admin.audit[tenant, default: []].append(stored)
        return stored
    }

    public func auditLog(_ tenant: TenantID, offset: Int, limit: Int) -> [AuditEntry] {
        Array((admin.audit[tenant] ?? []).reversed().dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    public func textOverrides(_ tenant: TenantID) -> [TextOverride] {
        (admin.texts[tenant] ?? [:]).values.sorted { ($0.key, $0.language) < ($1.key, $1.language) }
    }

    public func setTextOverride(key: String, language: String, template: String?, tenant: TenantID) {
        let id = "\(key)/\(language)"
        admin.texts[tenant, default: [:]][id] = template.map { TextOverride(key: key, language: language, template: $0) }
    }

    public func bookings(startingIn range: Range<Date>, tenant: TenantID) -> [Booking] {
        (bookings[tenant] ?? [:]).values.filter { range.contains($0.start) }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    public func customerRecords(_ tenant: TenantID) -> [CustomerRecord] {
        (customers[tenant] ?? [:]).values.compactMap { customerRecord($0.userID, tenant: tenant) }
            .sorted { ($0.firstSeen, $0.profile.userID) < ($1.firstSeen, $1.profile.userID) }
    }

    public func customerRecord(_ user: UserID, tenant: TenantID) -> CustomerRecord? {
        guard let profile = customers[tenant]?[user] else { return nil }
        return CustomerRecord(profile: profile, firstSeen: admin.firstSeen[tenant]?[user] ?? .distantPast)
    }

    public func updatePolicies(_ policies: Policies, of tenant: TenantID) throws {
        guard tenants[tenant] != nil else { throw StorageError.notFound(tenant.rawValue) }
        tenants[tenant]?.policies = policies
    }

    public func moveBookings(_ moves: [BookingMove], tenant: TenantID, now: Date) throws -> [Booking] {
        let savedBookings = bookings[tenant]
        let savedHistory = history[tenant]
        do {
            return try BookingMove.applicationOrder(moves, current: { bookings[tenant]?[$0] }).map { move in
                try rescheduleBooking(
                    move.id, to: move.request, tenant: tenant, maxActivePerCustomer: .max, perDay: nil, now: now,
                    actor: CancelledBy.admin.rawValue)
            }
        } catch {
            bookings[tenant] = savedBookings
            history[tenant] = savedHistory
            throw error
        }
    }
}

extension BookingMove {
    /// The order in which moving one at a time never trips over the batch itself: later bookings first when the
    /// batch moves forward, earlier first when it moves back (what a uniform shift needs).
    public static func applicationOrder(_ moves: [BookingMove], current: (BookingID) -> Booking?) -> [BookingMove] {
        let forward = moves.contains { move in current(move.id).map { move.request.start > $0.start } ?? false }
        return moves.sorted { a, b in
            let (x, y) = (current(a.id)?.start ?? a.request.start, current(b.id)?.start ?? b.request.start)
            return forward ? x > y : x < y
        }
    }
}
