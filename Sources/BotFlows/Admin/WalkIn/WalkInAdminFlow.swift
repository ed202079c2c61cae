import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// A booking an admin makes for a client who walked in or phoned: service, master and a free time of the day (the
/// same engine as customers; admins are not bound to the notice or the horizon, never to overlaps), then the client's
/// name, phone and an optional note typed in one message. The store's guarantees are the customers': of an admin and a
/// customer taking the same time, exactly one wins. A phone a Telegram customer shared puts the booking in their My
/// bookings with reminders; any other phone makes an offline client (`OfflineClient`), listed among the clients.
struct WalkInAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Services and masters.
    let catalog: any CatalogStore
    /// Bookings, blocks and holds.
    let bookings: any BookingStore
    /// Customers (the phone match).
    let backOffice: any BackOfficeStore
    /// Offline clients' records.
    let customers: any CustomerStore

    /// Longest client name and note, in characters.
    static let maxName = 64
    static let maxNote = 500

    func start(_ master: MasterID?, _ date: LocalDate, reply: inout Reply) async throws {
        let services = try await catalog.services(reply.tenant.id).filter { service in service.isActive && master.map { service.isPerformed(by: $0) } ?? true }
        var rows = services.prefix(PageSizes.list * 2).map { [InlineKeyboardButton.walkIn($0.name, .service($0.id, master, date))] }
        rows.append([reply.button(.toDay, .day(master, date))])
        reply.show(reply.walkIn(.chooseService, ["date": reply.format.date(date)]), keyboard: InlineKeyboardMarkup(rows))
    }

    func chooseMaster(_ serviceID: ServiceID, _ master: MasterID?, _ date: LocalDate, reply: inout Reply) async throws {
        guard let service = try await catalog.services(reply.tenant.id).first(where: { $0.id == serviceID && $0.isActive }) else {
            return reply.answer(reply.admin(.notFound), alert: true)
        }
        if let master { return try await times(serviceID, master, date, reply: &reply) }
        let masters = try await catalog.masters(reply.tenant.id).filter { $0.isActive && service.isPerformed(by: $0.id) }
        if masters.count == 1 { return try await times(serviceID, masters[0].id, date, reply: &reply) }
        var rows = masters.prefix(PageSizes.list * 2).map { [InlineKeyboardButton.walkIn($0.name, .times(serviceID, $0.id, date))] }
        rows.append([.walkIn(reply.walkIn(.back), .start(nil, date))])
        reply.show(reply.walkIn(.chooseMaster, ["service": service.name, "date": reply.format.date(date)]), keyboard: InlineKeyboardMarkup(rows))
    }

    /// The engine's view of `date` as admins see it: no notice, a horizon of at least a year.
    private func schedule(on date: LocalDate, reply: Reply) async throws -> Schedule {
        var schedule = try await Schedule.load(
            reply.tenant, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, now: session.now, catalog: catalog, bookings: bookings, viewer: nil)
        schedule.policies.minNoticeMinutes = 0
        schedule.policies.horizonDays = max(schedule.policies.horizonDays, 366)
        return schedule
    }

    func names(_ serviceID: ServiceID, _ masterID: MasterID, reply: Reply) async throws -> (Service, Master)? {
        guard let service = try await catalog.services(reply.tenant.id).first(where: { $0.id == serviceID && $0.isActive }),
            let master = try await catalog.masters(reply.tenant.id).first(where: { $0.id == masterID && $0.isActive })
        else { return nil }
        return (service, master)
    }

    func times(_ serviceID: ServiceID, _ masterID: MasterID, _ date: LocalDate, reply: inout Reply) async throws {
        guard let (service, master) = try await names(serviceID, masterID, reply: reply) else { return reply.answer(reply.admin(.notFound), alert: true) }
        let slots = try await schedule(on: date, reply: reply).slots(on: date, service: service, master: .specific(masterID))
        let buttons = slots.prefix(PageSizes.times).map {
            InlineKeyboardButton.walkIn($0.localTime.description, .slot(serviceID, masterID, epochMinute: $0.start.epochMinute))
        }
        var rows = stride(from: 0, to: buttons.count, by: 4).map { Array(buttons[$0..<min($0 + 4, buttons.count)]) }
        rows.append([
            .walkIn("‹", .times(serviceID, masterID, date.adding(days: -1))), .walkIn("›", .times(serviceID, masterID, date.adding(days: 1))),
        ])
        rows.append([reply.button(.toDay, .day(masterID, date))])
        let values = ["service": service.name, "master": master.name, "date": reply.format.date(date)]
        reply.show(reply.walkIn(slots.isEmpty ? .noTimes : .chooseTime, values), keyboard: InlineKeyboardMarkup(rows))
    }

    func askClient(_ serviceID: ServiceID, _ masterID: MasterID, _ minute: Int64, reply: inout Reply) async throws {
        guard let (service, master) = try await names(serviceID, masterID, reply: reply) else { return reply.answer(reply.admin(.notFound), alert: true) }
        let start = Date(timeIntervalSince1970: Double(minute) * 60)
        let question = reply.walkIn(.askClient, ["service": service.name, "master": master.name, "when": session.when(start, reply)])
        try await session.ask(.walkIn(service: serviceID.rawValue, master: masterID.rawValue, minute: minute), question, reply: &reply)
    }
}

extension WalkInAdminFlow {
    func handle(_ callback: WalkInCallback, reply: inout Reply) async throws {
        switch callback {
        case .start(let master, let date): try await start(master, date, reply: &reply)
        case .service(let service, let master, let date): try await chooseMaster(service, master, date, reply: &reply)
        case .times(let service, let master, let date): try await times(service, master, date, reply: &reply)
        case .slot(let service, let master, let minute): try await askClient(service, master, minute, reply: &reply)
        }
    }
}
