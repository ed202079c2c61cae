import BookingCore
import Foundation
import Storage
import TelegramBotAPI

extension WalkInAdminFlow {
    /// A client as typed: "Name; phone" or "Name; phone; note".
    struct Client: Equatable {
        var name: String
        var phone: PhoneNumber
        var note: String?
    }

    enum ClientError: Error, Equatable {
        case shape
        case phone(String)
    }

    /// Reads "Name; phone[; note]"; the name is one line of 1...64 characters, the note at most 500.
    static func client(_ text: String) -> Result<Client, ClientError> {
        let parts = text.split(separator: ";", maxSplits: 2, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.count >= 2, (1...maxName).contains(parts[0].count), !parts[0].contains(where: \.isNewline) else { return .failure(.shape) }
        let note = parts.count == 3 && !parts[2].isEmpty ? parts[2] : nil
        guard (note?.count ?? 0) <= maxNote else { return .failure(.shape) }
        guard let phone = PhoneNumber(parts[1]) else { return .failure(.phone(String(parts[1].prefix(PhoneNumber.maxInput)))) }
        return .success(Client(name: parts[0], phone: phone, note: note))
    }

    /// The typed client: books them at the chosen time, or says why not.
    func receive(_ text: String, service serviceID: ServiceID, master masterID: MasterID, minute: Int64, reply: inout Reply) async throws {
        let client: Client
        switch Self.client(text) {
        case .success(let read): client = read
        case .failure(.shape): return reply.send(reply.walkIn(.badClient))
        case .failure(.phone(let typed)): return reply.send(reply.walkIn(.badPhone, ["phone": typed]))
        }
        session.setInput(nil, reply: &reply)
        guard let (service, master) = try await names(serviceID, masterID, reply: reply) else { return reply.send(reply.admin(.notFound)) }
        let start = Date(timeIntervalSince1970: Double(minute) * 60)
        let date = reply.tenant.calendar.localDate(of: start)
        // A Telegram customer who shared this phone; else the offline client of this phone.
        let known = try await backOffice.customerRecords(reply.tenant.id).first { $0.profile.phone == client.phone.e164 && !$0.profile.userID.isOffline }
        let customer = known?.profile.userID ?? OfflineClient.id(for: client.phone)
        let request = BookingRequest(customer: customer, chat: known?.profile.chatID ?? ChatID(customer.rawValue), service: service, masterID: masterID, start: start)
        let booking: Booking
        do {
            guard InputBounds.isNear(minute, now: session.now, days: max(reply.tenant.policies.horizonDays, 366)) else { throw BookingError.beyondHorizon }
            if let refusal = try await scheduleForBooking(on: date, reply: reply).validateAdminPlacement(request, ignoring: []) { throw refusal }
            if known == nil {
                let profile = CustomerProfile(
                    userID: customer, chatID: request.chat, firstName: client.name, username: nil, languageCode: nil, phone: client.phone.e164)
                _ = try await customers.upsertCustomer(profile, tenant: reply.tenant.id, now: session.now)
            }
            booking = try await bookings.createBooking(request, tenant: reply.tenant.id, maxActivePerCustomer: .max, now: session.now)
        } catch let error as BookingError {
            reply.send(reply.walkIn(.refused, ["reason": error.adminReason(reply)]))
            return try await times(serviceID, masterID, date, reply: &reply)
        }
        let note = client.note.map { " | note: \($0)" } ?? ""
        try await session.audit(
            .bookClient, target: "booking:\(booking.id)", new: "\(client.name) \(client.phone) \(known == nil ? "offline" : "telegram")\(note)", reply: reply)
        let values = ["client": client.name, "phone": client.phone.e164]
        if let known {
            try await tellCustomer(known, booking: booking, service: service, master: master, reply: &reply)
            reply.send(reply.walkIn(.bookedTelegram, values))
        } else {
            reply.send(reply.walkIn(.booked, values))
        }
    }

    /// The same admin view of the day as the times were chosen from.
    private func scheduleForBooking(on date: LocalDate, reply: Reply) async throws -> Schedule {
        try await Schedule.load(
            reply.tenant, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, now: session.now, catalog: catalog, bookings: bookings, viewer: nil)
    }

    /// A Telegram customer hears of the booking in their language and gets its reminders, as if they had booked.
    private func tellCustomer(_ customer: CustomerRecord, booking: Booking, service: Service, master: Master, reply: inout Reply) async throws {
        let language = Language.resolve(userCode: customer.profile.languageCode, tenantDefault: reply.tenant.profile.defaultLanguage)
        let format = Formatter(language: language, texts: reply.texts)
        let calendar = reply.tenant.calendar
        let when = "\(format.date(calendar.localDate(of: booking.start))), \(calendar.localTime(of: booking.start))"
        let text = WalkInTexts.standard.render(
            .customerNotice, language, ["service": service.name, "master": master.name, "when": when, "address": reply.tenant.profile.address])
        reply.send(text, to: customer.profile.chatID)
        let messages = ImportedBookingMessages.result(
            for: booking, service: service, masterName: master.name, tenant: reply.tenant, texts: reply.texts, now: session.now)
        reply.merge(messages)
    }
}
