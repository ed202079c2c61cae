import BookingCore
import Foundation
import Storage

/// What the Mini App shows: the catalog, free times over several days and a customer's upcoming bookings, computed
/// by the same engine (`Schedule`) the chat's calendar uses.
public struct MiniAppQueries: Sendable {
    let catalog: any CatalogStore
    let bookings: any BookingStore
    let now: @Sendable () -> Date

    /// The most days one request for free times may cover (a month view with its edges).
    public static let maxDays = 42

    /// Creates the queries over the catalog and the bookings.
    public init(catalog: any CatalogStore, bookings: any BookingStore, now: @escaping @Sendable () -> Date) {
        self.catalog = catalog
        self.bookings = bookings
        self.now = now
    }

    /// A bookable service with the active masters who perform it.
    public struct Offer: Sendable {
        /// The service.
        public var service: Service
        /// Its masters.
        public var masters: [Master]
    }

    /// One local day's free start times.
    public struct Day: Sendable {
        /// The day.
        public var date: LocalDate
        /// Its free times, earliest first.
        public var slots: [Slot]
    }

    /// An upcoming booking with its names, and whether the customer may still change it.
    public struct Upcoming: Sendable {
        /// The booking.
        public var booking: Booking
        /// The service's name.
        public var serviceName: String
        /// The master's name.
        public var masterName: String
        /// False inside the cancel window.
        public var changeable: Bool
    }

    /// `price` as the chat words it in `language`.
    public static func priceText(_ price: Price, language: Language) -> String {
        Formatter(language: language, texts: .standard).price(price)
    }

    /// A duration in minutes as the chat words it in `language`.
    public static func durationText(_ minutes: Int, language: Language) -> String {
        Formatter(language: language, texts: .standard).duration(minutes)
    }

    /// The active services in display order, each with its active masters (services nobody performs left out).
    public func offers(_ tenant: TenantContext) async throws -> [Offer] {
        let masters = try await catalog.masters(tenant.id).filter(\.isActive)
        return try await catalog.services(tenant.id).filter(\.isActive).compactMap { service in
            let performing = masters.filter { service.isPerformed(by: $0.id) }
            return performing.isEmpty ? nil : Offer(service: service, masters: performing)
        }
    }

    /// Free times of `service` (with `master`, or any) for `days` days from `from`, cut to today … the horizon.
    /// With `moving`, the times `user`'s booking could move to (its own time left out); nil when it is not theirs.
    public func freeDays(
        _ tenant: TenantContext, service serviceID: ServiceID, master: MasterID?, from: LocalDate, days: Int, moving: BookingID? = nil,
        user: UserID
    ) async throws -> [Day]? {
        let now = self.now()
        var serviceID = serviceID
        var choice: MasterChoice = master.map { .specific($0) } ?? .any
        var moved: Booking?
        if let moving {
            guard let booking = try await bookings.booking(moving, tenant: tenant.id), booking.customer == user, booking.status.isActive
            else {
                return nil
            }
            serviceID = booking.serviceID
            choice = .specific(booking.masterID)
            moved = booking
        }
        guard let service = try await catalog.services(tenant.id).first(where: { $0.id == serviceID && $0.isActive }) else { return nil }
        let today = tenant.calendar.localDate(of: now)
        let first = max(from, today)
        let last = min(from.adding(days: min(max(days, 1), Self.maxDays) - 1), today.adding(days: tenant.policies.horizonDays))
        guard first <= last else { return [] }
        var schedule = try await Schedule.load(
            tenant, days: first.daysSinceEpoch..<last.daysSinceEpoch + 1, now: now, catalog: catalog, bookings: bookings, viewer: user)
        if let moved { schedule.bookings.removeAll { $0.id == moved.id } }
        return (first.daysSinceEpoch...last.daysSinceEpoch).map { day in
            let date = LocalDate(daysSinceEpoch: day)
            return Day(date: date, slots: schedule.slots(on: date, service: service, master: choice).filter { $0.start != moved?.start })
        }
    }

    /// `user`'s active bookings that have not ended, earliest first.
    public func upcoming(_ tenant: TenantContext, user: UserID) async throws -> [Upcoming] {
        let now = self.now()
        let mine = try await bookings.bookings(of: user, tenant: tenant.id).filter { $0.status.isActive && $0.end > now }
        guard !mine.isEmpty else { return [] }
        let services = Dictionary(try await catalog.services(tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let masters = Dictionary(try await catalog.masters(tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rules = Schedule(calendar: tenant.calendar, policies: tenant.policies, masters: [], bookings: [], blocks: [], now: now)
        return mine.map {
            Upcoming(
                booking: $0, serviceName: services[$0.serviceID] ?? "", masterName: masters[$0.masterID] ?? "",
                changeable: rules.canCustomerChange($0) == nil)
        }
    }
}
