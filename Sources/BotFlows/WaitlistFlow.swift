import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The waitlist of full days: joining and leaving, and offering freed slots to the first in line, each held for
/// `Policies.waitlistHoldMinutes` before it passes to the next.
struct WaitlistFlow: Sendable {
    /// The waitlist entries and their offers.
    let waitlist: any WaitlistStore
    /// Service names.
    let catalog: any CatalogStore
    /// The current instant.
    let now: @Sendable () -> Date
    /// Checks services, loads schedules and books an accepted offer.
    let booking: BookingFlow

    /// How many days one customer may wait for at once.
    static let maxEntriesPerCustomer = 5

    /// "Join the waitlist" on a day without free time for the service and master choice.
    func join(_ serviceID: ServiceID, _ master: MasterID?, _ date: LocalDate, reply: inout Reply) async throws {
        guard let service = try await booking.activeService(serviceID, reply: &reply) else { return }
        let now = self.now()
        let schedule = try await booking.loadSchedule(reply.tenant, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, now: now, viewer: reply.user)
        let choice: MasterChoice = master.map { .specific($0) } ?? .any
        switch schedule.availability(on: date, service: service, master: choice) {
        case .full: break
        case .free, .fewLeft: return try await booking.showDay(serviceID, master, date, reply: &reply)
        case .closed, .past, .beyondHorizon: return reply.answer(reply.text(.staleButton))
        }
        let today = schedule.today
        let mine = try await waitlist.waitlist(of: reply.user, tenant: reply.tenant.id).filter { $0.date >= today }
        let values = ["service": service.name, "date": reply.format.date(date), "minutes": String(reply.tenant.policies.waitlistHoldMinutes)]
        let same = mine.first { $0.serviceID == serviceID && $0.masterID == master && $0.date == date }
        if same == nil, mine.count >= Self.maxEntriesPerCustomer {
            return reply.answer(reply.text(.waitlistLimit, ["count": String(Self.maxEntriesPerCustomer)]), alert: true)
        }
        let wanted = WaitlistEntry(
            customer: reply.user, chat: reply.chat, languageCode: reply.language.rawValue, serviceID: serviceID, masterID: master,
            date: date, createdAt: now)
        let (entry, isNew) = try await waitlist.joinWaitlist(wanted, tenant: reply.tenant.id)
        reply.answer(reply.text(isNew ? .done : .waitlistAlready))
        let rows = [
            [InlineKeyboardButton(text: reply.text(.leaveWaitlistButton), callbackData: CallbackAction.leaveWaitlist(entry.id).data)],
            reply.navigationRow(back: .month(serviceID, master, year: date.year, month: date.month)),
        ]
        reply.show(reply.text(.waitlistJoined, values), keyboard: InlineKeyboardMarkup(rows))
    }

    /// "Leave the waitlist"; a held offer passes to the next in line.
    func leave(_ id: WaitlistEntryID, reply: inout Reply) async throws {
        guard let entry = try await waitlist.waitlistEntry(id, tenant: reply.tenant.id), entry.customer == reply.user,
            try await waitlist.leaveWaitlist(id, customer: reply.user, tenant: reply.tenant.id)
        else { return reply.answer(reply.text(.staleButton)) }
        let service = try await catalog.services(reply.tenant.id).first { $0.id == entry.serviceID }
        reply.answer(reply.text(.done))
        reply.show(reply.text(.waitlistLeft, ["service": service?.name ?? "", "date": reply.format.date(entry.date)]), keyboard: nil)
        if entry.status == .offered { try await offerFreeSlots(on: entry.date, reply: &reply) }
    }

    /// The offer's "Book": books the held slot through the normal rules while the hold lasts.
    func accept(_ id: WaitlistEntryID, reply: inout Reply) async throws {
        guard let (entry, offer) = try await liveOffer(id, reply: &reply) else { return }
        let outcome = try await booking.confirm(entry.serviceID, offer.masterID, offer.start.epochMinute, reply: &reply)
        switch outcome {
        case .booked:
            _ = try await waitlist.resolveWaitlistOffer(id, as: .booked, tenant: reply.tenant.id)
        case .refused(.slotTaken), .refused(.tooSoon), .refused(.outsideWorkingHours):
            // The time went meanwhile (a block, say: bookings cannot take a held time): back in line, place kept.
            _ = try await waitlist.resolveWaitlistOffer(id, as: .waiting, tenant: reply.tenant.id)
        case .refused, .serviceGone:
            // The customer cannot take it (a cap, say): the slot goes to the next in line.
            if try await waitlist.resolveWaitlistOffer(id, as: .expired, tenant: reply.tenant.id) {
                try await offerFreeSlots(on: entry.date, reply: &reply)
            }
        }
    }

    /// The offer's "No, thanks": the slot passes to the next in line at once.
    func decline(_ id: WaitlistEntryID, reply: inout Reply) async throws {
        guard let (entry, _) = try await liveOffer(id, reply: &reply),
            try await waitlist.resolveWaitlistOffer(id, as: .expired, tenant: reply.tenant.id)
        else { return }
        reply.show(reply.text(.offerDeclined), keyboard: nil)
        try await offerFreeSlots(on: entry.date, reply: &reply)
    }

    /// The entry with its offer when it belongs to the presser and its hold still lasts; otherwise answers why not.
    private func liveOffer(_ id: WaitlistEntryID, reply: inout Reply) async throws -> (WaitlistEntry, WaitlistOffer)? {
        guard let entry = try await waitlist.waitlistEntry(id, tenant: reply.tenant.id), entry.customer == reply.user else {
            reply.answer(reply.text(.staleButton))
            return nil
        }
        guard entry.status == .offered, let offer = entry.offer, offer.until > now() else {
            reply.answer(reply.text(.offerExpired), alert: true)
            if let messageID = reply.editableMessageID { reply.removeKeyboard(of: messageID) }
            return nil
        }
        return (entry, offer)
    }

    /// A hold ran out (its timer fired): the entry leaves the line and the slot goes to the next.
    func holdExpired(_ id: WaitlistEntryID, due: Date, tenant: TenantContext, texts: Texts) async throws -> FlowResult {
        guard let entry = try await waitlist.waitlistEntry(id, tenant: tenant.id) else { return FlowResult() }
        var reply = Self.reply(to: entry, tenant: tenant, texts: texts)
        // A timer of an earlier offer of the same entry (put back in line, offered again) must not end the new hold.
        if entry.status == .offered, let offer = entry.offer, offer.until <= max(now(), due) {
            _ = try await waitlist.resolveWaitlistOffer(id, as: .expired, tenant: tenant.id)
        }
        try await offerFreeSlots(on: entry.date, reply: &reply)
        return reply.result
    }
}
