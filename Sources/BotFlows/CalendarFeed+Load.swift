import BookingCore
import Foundation
import Storage

/// Finds a feed by its secret and builds it from the stores.
public struct CalendarFeedSource: Sendable {
    let catalog: any CatalogStore
    let bookings: any BookingStore
    let backOffice: any BackOfficeStore

    public init(catalog: any CatalogStore, bookings: any BookingStore, backOffice: any BackOfficeStore) {
        self.catalog = catalog
        self.bookings = bookings
        self.backOffice = backOffice
    }

    /// A token as generated: 32 lowercase hex digits. Anything else is refused before any store is read.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// A new secret from the system's cryptographic generator.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// Equal strings, in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The feed `token` opens: `.some(nil)` the whole business, `.some(master)` one master, nil none.
    public func scope(of token: String, tenant: TenantContext) async throws -> MasterID?? {
        guard Self.isWellFormed(token) else { return nil }
        if let business = tenant.policies.calendarFeedToken, Self.same(business, token) { return .some(nil) }
        let master = try await catalog.masters(tenant.id).first { $0.feedToken.map { Self.same($0, token) } ?? false }
        return master.map { .some($0.id) }
    }

    /// The feed of `master` (nil: every master) at `now`: bookings from `daysBack` before to `daysAhead` after, cancelled
    /// ones included.
    public func feed(master: MasterID?, tenant: TenantContext, now: Date) async throws -> CalendarFeed {
        let range = now.addingTimeInterval(-Double(CalendarFeed.daysBack) * 86_400)..<now.addingTimeInterval(Double(CalendarFeed.daysAhead) * 86_400)
        let all = try await backOffice.bookings(startingIn: range, tenant: tenant.id).filter { master == nil || $0.masterID == master }
        let services = Dictionary(try await catalog.services(tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let masters = try await catalog.masters(tenant.id)
        let names = Dictionary(masters.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let clients = try await backOffice.customerNames(tenant.id)
        var events: [CalendarFeed.Event] = []
        for booking in all.prefix(CalendarFeed.maxEvents) {
            let moves = try await bookings.history(of: booking.id, tenant: tenant.id).count { $0.from != nil }
            events.append(CalendarFeed.Event(
                booking: booking, service: services[booking.serviceID] ?? "", master: names[booking.masterID] ?? "",
                client: clients[booking.customer] ?? String(booking.customer.rawValue), moves: moves))
        }
        let title = master.flatMap { id in names[id] }.map { "\($0) — \(tenant.profile.name)" } ?? tenant.profile.name
        return CalendarFeed(tenant: tenant, name: title, events: events, now: now)
    }
}
