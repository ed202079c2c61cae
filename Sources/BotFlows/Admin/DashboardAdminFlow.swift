import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The numbers of a period, computed from the bookings that start in it (every status).
struct DashboardNumbers: Equatable, Sendable {
    var bookings = 0
    var cancelled = 0
    var noShows = 0
    /// Sum of the fixed prices (in the tenant's currency) of completed and confirmed bookings, minor units: the price
    /// stored on each booking when it was made, or the service's current price for bookings made before prices were stored.
    var revenueMinor: Int64 = 0
    var rating = RatingSummary(count: 0, average: nil)
    /// Start hours of bookings that were not cancelled, busiest first: (hour, count), at most three.
    var busiestHours: [(hour: Int, count: Int)] = []
    var newCustomers = 0

    /// Cancelled bookings as a whole percentage of all bookings.
    var cancelRate: Int { bookings == 0 ? 0 : Int((Double(cancelled) * 100 / Double(bookings)).rounded().clamped(to: 0...100)) }

    init(
        bookings list: [Booking], services: [Service], currency: String, rating: RatingSummary, customers: [CustomerRecord],
        range: Range<Date>, calendar: ZonedCalendar
    ) {
        let prices = Dictionary(services.map { ($0.id, $0.price) }, uniquingKeysWith: { a, _ in a })
        var hours: [Int: Int] = [:]
        for booking in list {
            bookings += 1
            switch booking.status {
            case .cancelled: cancelled += 1
            case .noShow: noShows += 1
            case .held: break
            case .confirmed, .completed:
                if case .fixed(let minor, let c)? = booking.price ?? prices[booking.serviceID], c == currency { revenueMinor += minor }
            }
            if case .cancelled = booking.status { continue }
            hours[calendar.localTime(of: booking.start).minutes / 60, default: 0] += 1
        }
        busiestHours = hours.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(3).map { (hour: $0.key, count: $0.value) }
        self.rating = rating
        newCustomers = customers.count { range.contains($0.firstSeen) }
    }

    /// The one recommendation the numbers suggest, with its values.
    var advice: (BusinessTextKey, [String: String]) {
        let attended = bookings - cancelled
        if bookings == 0 { return (.adviceEmpty, [:]) }
        if cancelled >= 2, cancelRate >= 20 { return (.adviceCancellations, ["rate": String(cancelRate)]) }
        if noShows >= 2, noShows * 10 >= attended { return (.adviceNoShows, [:]) }
        if let average = rating.average, average < 4 { return (.adviceRating, [:]) }
        if let top = busiestHours.first, top.count >= 3 { return (.adviceBusy, ["hour": String(format: "%02d:00", top.hour)]) }
        return (.adviceGood, [:])
    }

    static func == (a: DashboardNumbers, b: DashboardNumbers) -> Bool {
        (a.bookings, a.cancelled, a.noShows, a.revenueMinor, a.newCustomers) == (b.bookings, b.cancelled, b.noShows, b.revenueMinor, b.newCustomers)
            && a.rating == b.rating && a.busiestHours.map(\.hour) == b.busiestHours.map(\.hour) && a.busiestHours.map(\.count) == b.busiestHours.map(\.count)
    }
}

/// The dashboard (managers and owners): today, or the calendar week (Monday to Sunday) around today.
struct DashboardAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Admin reads and batch changes.
    let backOffice: any BackOfficeStore
    /// Services and masters.
    let catalog: any CatalogStore
    /// Ratings.
    let feedback: any FeedbackStore
    /// Deposits taken and returned.
    let deposits: any DepositStore

    /// The period shown: today's range, or the week's.
    func range(week: Bool, reply: Reply) -> (LocalDate, LocalDate) {
        let today = reply.tenant.calendar.localDate(of: session.now)
        guard week else { return (today, today) }
        let monday = today.adding(days: 1 - today.weekday.rawValue)
        return (monday, monday.adding(days: 6))
    }

    func numbers(week: Bool, reply: Reply) async throws -> DashboardNumbers {
        let (first, last) = range(week: week, reply: reply)
        let calendar = reply.tenant.calendar
        let range = calendar.startOfDay(first)..<calendar.startOfDay(last.adding(days: 1))
        return DashboardNumbers(
            bookings: try await backOffice.bookings(startingIn: range, tenant: reply.tenant.id),
            services: try await catalog.services(reply.tenant.id), currency: reply.tenant.profile.currency,
            rating: try await feedback.ratingSummary(ratedIn: range, tenant: reply.tenant.id),
            customers: try await backOffice.customerRecords(reply.tenant.id), range: range, calendar: calendar)
    }

    func show(week: Bool, reply: inout Reply) async throws {
        let n = try await numbers(week: week, reply: reply)
        let (first, last) = range(week: week, reply: reply)
        let title = week
            ? reply.biz(.dashWeek, ["period": "\(reply.format.shortDate(first))–\(reply.format.shortDate(last))"])
            : reply.biz(.dashToday, ["period": reply.format.date(first)])
        let rating = n.rating.average.map { String(format: "%.1f", $0) + " (\(n.rating.count))" } ?? reply.biz(.dashNoRating)
        let hours = n.busiestHours.map { String(format: "%02d:00", $0.hour) + " (\($0.count))" }.joined(separator: ", ")
        let (adviceKey, adviceValues) = n.advice
        let body = reply.biz(
            .dashBody,
            [
                "bookings": String(n.bookings), "cancelled": String(n.cancelled), "rate": String(n.cancelRate), "noShows": String(n.noShows),
                "revenue": reply.format.price(.fixed(minorUnits: n.revenueMinor, currency: reply.tenant.profile.currency)),
                "rating": rating, "hours": hours.isEmpty ? reply.biz(.dashNoHours) : hours, "newCustomers": String(n.newCustomers),
                "advice": reply.biz(adviceKey, adviceValues),
            ])
        let rows = [
            [reply.button(.today, .business(.dashboard(week: false))), reply.button(.week, .business(.dashboard(week: true)))],
            [reply.button(.toPanel, .panel)],
        ]
        let calendar = reply.tenant.calendar
        let totals = try await deposits.depositTotals(
            tenant: reply.tenant.id, in: calendar.startOfDay(first)..<calendar.startOfDay(last.adding(days: 1)))
        var text = title + "\n" + body
        if let deposits = Self.deposits(totals, reply: reply) { text += "\n" + reply.biz(.dashDeposits, deposits) }
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    /// The values "taken" and "refunded" of a period's deposits, per currency ("0" for none); nil when there were none.
    static func deposits(_ totals: DepositTotals, reply: Reply) -> [String: String]? {
        guard !totals.taken.isEmpty || !totals.refunded.isEmpty else { return nil }
        func list(_ sums: [String: Int64]) -> String {
            sums.isEmpty ? "0" : sums.sorted { $0.key < $1.key }.map { reply.format.amount(DepositCharge(amount: $0.value, currency: $0.key)) }
                .joined(separator: ", ")
        }
        return ["taken": list(totals.taken), "refunded": list(totals.refunded)]
    }
}
