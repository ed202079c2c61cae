import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// What one customer's bookings add up to.
struct ClientStats: Equatable, Sendable {
    var visits = 0
    var noShows = 0
    var cancelled = 0
    var lastVisit: Date?

    /// Counts `bookings` at `now`: a visit is a completed booking or a confirmed one that has ended.
    init(_ bookings: [Booking], now: Date) {
        for booking in bookings {
            switch booking.status {
            case .completed: visit(booking)
            case .confirmed where booking.end <= now: visit(booking)
            case .noShow: noShows += 1
            case .cancelled: cancelled += 1
            default: break
            }
        }
    }

    private mutating func visit(_ booking: Booking) {
        visits += 1
        lastVisit = max(lastVisit ?? booking.end, booking.end)
    }
}

/// Clients (managers and owners): a paged list with visits, no-shows and last visit, and a card with the history.
struct ClientsAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Admin reads and batch changes.
    let backOffice: any BackOfficeStore
    /// Bookings and blocks.
    let bookings: any BookingStore
    /// Services and masters.
    let catalog: any CatalogStore

    /// Clients per page.
    static let pageSize = 10


    private func last(_ date: Date?, _ reply: Reply) -> String {
        date.map { reply.format.shortDate(reply.tenant.calendar.localDate(of: $0)) } ?? reply.biz(.never)
    }

    func list(page: Int, reply: inout Reply) async throws {
        let records = try await backOffice.customerRecords(reply.tenant.id)
        let now = session.now
        let wide = now.addingTimeInterval(-10 * 365 * 86_400)..<now.addingTimeInterval(2 * 365 * 86_400)
        let byCustomer = Dictionary(grouping: try await backOffice.bookings(startingIn: wide, tenant: reply.tenant.id), by: \.customer)
        let rows = records.map { ($0, ClientStats(byCustomer[$0.profile.userID] ?? [], now: now)) }
            .sorted { ($0.1.lastVisit ?? .distantPast, $0.0.firstSeen) > ($1.1.lastVisit ?? .distantPast, $1.0.firstSeen) }
        let pages = max(1, (rows.count + Self.pageSize - 1) / Self.pageSize)
        let page = min(max(0, page), pages - 1)
        var lines = [reply.biz(.clientsTitle, ["count": String(rows.count), "page": String(page + 1), "pages": String(pages)])]
        if rows.isEmpty { lines.append(reply.biz(.noClients)) }
        var keyboard: [[InlineKeyboardButton]] = []
        for (record, stats) in rows.dropFirst(page * Self.pageSize).prefix(Self.pageSize) {
            let line = reply.biz(
                .clientLine,
                ["name": record.profile.firstName, "visits": String(stats.visits), "noShows": String(stats.noShows), "last": last(stats.lastVisit, reply)])
            lines.append("• " + line)
            keyboard.append([.business(record.profile.firstName + (record.profile.username.map { " @\($0)" } ?? ""), .client(record.profile.userID))])
        }
        var navigation: [InlineKeyboardButton] = []
        if page > 0 { navigation.append(reply.button(.newer, .clients(page: page - 1))) }
        if page + 1 < pages { navigation.append(reply.button(.older, .clients(page: page + 1))) }
        if !navigation.isEmpty { keyboard.append(navigation) }
        keyboard.append([reply.button(.toPanel, .panel)])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(keyboard))
    }

    func card(_ user: UserID, reply: inout Reply) async throws {
        guard let record = try await backOffice.customerRecord(user, tenant: reply.tenant.id) else {
            return reply.answer(reply.admin(.notFound), alert: true)
        }
        let bookings = try await self.bookings.bookings(of: user, tenant: reply.tenant.id)
        let stats = ClientStats(bookings, now: session.now)
        let services = Dictionary(try await catalog.services(reply.tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var lines = [
            reply.biz(
                .clientCard,
                [
                    "name": record.profile.firstName + (record.profile.username.map { " @\($0)" } ?? "") + (record.profile.phone.map { " · \($0)" } ?? ""), "id": String(user.rawValue),
                    "first": reply.format.shortDate(reply.tenant.calendar.localDate(of: record.firstSeen)), "visits": String(stats.visits),
                    "noShows": String(stats.noShows), "cancelled": String(stats.cancelled), "last": last(stats.lastVisit, reply),
                ])
        ]
        var keyboard: [[InlineKeyboardButton]] = []
        // Newest first; the 15 most recent are listed, the active ones get a button to their card.
        for booking in bookings.sorted(by: { $0.start > $1.start }).prefix(15) {
            let values = ["when": session.when(booking.start, reply), "service": services[booking.serviceID] ?? "", "status": reply.admin(booking.status.textKey)]
            lines.append("• " + reply.biz(.clientHistoryLine, values))
            if booking.status.isActive { keyboard.append([.admin("\(session.when(booking.start, reply)) \(values["service"] ?? "")", .booking(booking.id))]) }
        }
        keyboard.append([reply.button(.back, .business(.clients(page: 0)))])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(keyboard))
    }
}
