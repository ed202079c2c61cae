import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Reports of any period (a day, a week, a month or typed days, at most `ReportPeriod.maxDays`): bookings, completed,
/// no-shows, cancellations and revenue, in total, by master and by service, from one aggregate store query; the same
/// as a CSV document. Owners and managers see every master; a master linked to a master record sees their own only.
struct ReportsAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// The report's numbers.
    let backOffice: any BackOfficeStore
    /// Master and service names.
    let catalog: any CatalogStore
    /// Deposits taken and returned (whole-business reports).
    let deposits: any DepositStore

    /// Lines shown per section of the message; the CSV carries them all.
    static let maxLines = 25

    func handle(_ callback: ReportCallback, reply: inout Reply) async throws {
        switch callback {
        case .menu: try await menu(reply: &reply)
        case .show(let master, let period): try await show(master, period, reply: &reply)
        case .csv(let master, let period): try await csv(master, period, reply: &reply)
        case .custom(let master):
            try await session.ask(.report(master: master?.rawValue), reply.report(.askPeriod, ["max": String(ReportPeriod.maxDays)]), reply: &reply)
        }
    }

    /// The periods to choose from: a master-role admin's are their own master's.
    func menu(reply: inout Reply) async throws {
        let member = try await session.members(reply.tenant).first { $0.userID == reply.user }
        let role = member?.role ?? .master
        let master = role == .master ? member?.masterID : nil
        guard role != .master || master != nil else {
            return reply.show(reply.report(.needsLink), keyboard: InlineKeyboardMarkup([[reply.button(.toPanel, .panel)]]))
        }
        let today = reply.tenant.calendar.localDate(of: session.now)
        let rows: [[InlineKeyboardButton]] = [
            [.report(reply.report(.today), .show(master, .day(today))), .report(reply.report(.week), .show(master, .week(today)))],
            [.report(reply.report(.month), .show(master, .month(today))),
             .report(reply.report(.lastMonth), .show(master, .month(today.firstOfMonth.adding(days: -1))))],
            [.report(reply.report(.custom), .custom(master))],
            [reply.button(.toPanel, .panel)],
        ]
        reply.show(reply.report(.menu), keyboard: InlineKeyboardMarkup(rows))
    }

    /// A typed period.
    func receive(_ text: String, master: Int64?, reply: inout Reply) async throws {
        let today = reply.tenant.calendar.localDate(of: session.now)
        guard let period = ReportPeriod.parse(text.trimmingCharacters(in: .whitespacesAndNewlines), today: today) else {
            return reply.send(reply.report(.badPeriod, ["max": String(ReportPeriod.maxDays)]))
        }
        session.setInput(nil, reply: &reply)
        try await show(master.map(MasterID.init), period, reply: &reply)
    }

    /// The numbers of `period` and the names to show them with.
    private func load(_ master: MasterID?, _ period: ReportPeriod, reply: Reply) async throws -> (ReportNumbers, [Master], [Service]) {
        let calendar = reply.tenant.calendar
        let range = calendar.startOfDay(period.from)..<calendar.startOfDay(period.to.adding(days: 1))
        let groups = try await backOffice.reportGroups(startingIn: range, master: master, tenant: reply.tenant.id)
        return (ReportNumbers(groups, currency: reply.tenant.profile.currency), try await catalog.masters(reply.tenant.id),
                try await catalog.services(reply.tenant.id))
    }

    /// "01.11.2026–30.11.2026", or one day.
    static func title(_ period: ReportPeriod) -> String {
        period.from == period.to ? ReportPeriod.dotted(period.from) : ReportPeriod.dotted(period.from) + "–" + ReportPeriod.dotted(period.to)
    }

    private func money(_ minor: Int64, _ reply: Reply) -> String {
        reply.format.price(.fixed(minorUnits: minor, currency: reply.tenant.profile.currency))
    }

    private func values(_ line: ReportLine, _ reply: Reply) -> [String: String] {
        [
            "bookings": String(line.bookings), "completed": String(line.completed), "noShows": String(line.noShows),
            "cancelled": String(line.cancelled), "revenue": money(line.revenueMinor, reply),
        ]
    }

    func show(_ master: MasterID?, _ period: ReportPeriod, reply: inout Reply) async throws {
        let (numbers, masters, services) = try await load(master, period, reply: reply)
        let name = master.map { id in " · " + (masters.first { $0.id == id }?.name ?? "#\(id.rawValue)") } ?? ""
        var lines = [reply.report(.title, ["period": Self.title(period), "master": name])]
        if numbers.total.bookings == 0 {
            lines.append(reply.report(.none))
        } else {
            lines.append(reply.report(.totals, values(numbers.total, reply)))
            for (key, list) in [(ReportTextKey.byMaster, numbers.masters(masters)), (.byService, numbers.services(services))]
            where master == nil || key == .byService {
                lines.append("\n" + reply.report(key))
                lines += list.prefix(Self.maxLines).map { reply.report(.line, values($0.line, reply).merging(["name": $0.name]) { a, _ in a }) }
                if list.count > Self.maxLines { lines.append(reply.report(.more, ["count": String(list.count - Self.maxLines)])) }
            }
        }
        if master == nil, let deposits = try await depositLine(period, reply: reply) { lines.append("\n" + deposits) }
        let rows: [[InlineKeyboardButton]] = [
            [.report(reply.report(.previous), .show(master, period.step(-1))), .report(reply.report(.next), .show(master, period.step(1)))],
            [.report(reply.report(.csvButton), .csv(master, period))],
            [.report(reply.report(.back), .menu), reply.button(.toPanel, .panel)],
        ]
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    /// Deposits taken and refunded in the period, as the dashboard counts them; nil when there were none.
    private func depositLine(_ period: ReportPeriod, reply: Reply) async throws -> String? {
        let calendar = reply.tenant.calendar
        let totals = try await deposits.depositTotals(
            tenant: reply.tenant.id, in: calendar.startOfDay(period.from)..<calendar.startOfDay(period.to.adding(days: 1)))
        return DashboardAdminFlow.deposits(totals, reply: reply).map { reply.biz(.dashDeposits, $0) }
    }
}
