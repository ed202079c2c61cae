import BookingCore
import Foundation
import Storage
import TelegramBotAPI

extension WaitlistFlow {
    /// Offers the free slots of the days of `starts` (times an admin change freed) to those days' waitlists, each day once.
    func offerFreedSlots(_ starts: [Date], reply: inout Reply) async throws {
        let calendar = reply.tenant.calendar
        var seen = Set<LocalDate>()
        for date in starts.map({ calendar.localDate(of: $0) }) where seen.insert(date).inserted {
            try await offerFreeSlots(on: date, reply: &reply)
        }
    }

    /// Offers the free slots of `date` to the waiting entries, first in line first. Slots held by live offers count as
    /// taken (the store's holds, in the loaded schedule), so nobody else is offered them; lapsed holds end here too.
    /// The store holds each offer only if its time is still free at that moment. Each offer goes to that customer's
    /// chat, in their language, with a timer at the end of its hold.
    func offerFreeSlots(on date: LocalDate, reply: inout Reply) async throws {
        let tenant = reply.tenant
        let entries = try await waitlist.waitlist(on: date, tenant: tenant.id)
        guard entries.contains(where: { $0.status == .waiting }) else { return }
        let now = self.now()
        let services = Dictionary(uniqueKeysWithValues: try await catalog.services(tenant.id).map { ($0.id, $0) })
        var schedule = try await booking.loadSchedule(tenant, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, now: now, viewer: nil)
        var waiting: [WaitlistEntry] = []
        for entry in entries {
            if entry.status == .waiting {
                waiting.append(entry)
            } else if entry.offer.map({ $0.until <= now }) ?? true {
                _ = try await waitlist.resolveWaitlistOffer(entry.id, as: .expired, tenant: tenant.id)
            }
        }
        let until = now.addingTimeInterval(Double(tenant.policies.waitlistHoldMinutes) * 60)
        for entry in waiting {
            guard let service = services[entry.serviceID], service.isActive,
                let slot = schedule.slots(on: date, service: service, master: entry.masterID.map { .specific($0) } ?? .any).first
            else { continue }
            let held = BookingRequest(customer: entry.customer, chat: entry.chat, service: service, masterID: slot.masterID, start: slot.start)
            let offer = WaitlistOffer(start: slot.start, masterID: slot.masterID, until: until, held: held.occupied)
            guard try await waitlist.offerWaitlistSlot(entry.id, offer: offer, tenant: tenant.id, now: now) else { continue }
            schedule.bookings.append(Self.placeholder(entry, offer, service, now: now))
            let master = schedule.masters.first { $0.id == slot.masterID }
            var other = Self.reply(to: entry, tenant: tenant, texts: reply.texts)
            Self.sendOffer(entry, offer, service: service, master: master?.name ?? "", reply: &other)
            reply.merge(other.result)
        }
    }

    /// The offer message, with Book and No-thanks buttons, and the timer that ends the hold.
    private static func sendOffer(_ entry: WaitlistEntry, _ offer: WaitlistOffer, service: Service, master: String, reply: inout Reply) {
        let calendar = reply.tenant.calendar
        let time = calendar.localTime(of: offer.start).description
        let values = [
            "service": service.name, "master": master, "date": reply.format.date(calendar.localDate(of: offer.start)), "time": time,
            "until": calendar.localTime(of: offer.until).description,
        ]
        let rows = [
            [InlineKeyboardButton(text: reply.text(.acceptOfferButton, ["time": time]), callbackData: CallbackAction.acceptOffer(entry.id).data)],
            [InlineKeyboardButton(text: reply.text(.declineOfferButton), callbackData: CallbackAction.declineOffer(entry.id).data)],
        ]
        reply.send(reply.text(.waitlistOffer, values), markup: .inline(InlineKeyboardMarkup(rows)))
        reply.setTimer(.waitlistOfferExpired(entry: entry.id.rawValue), at: offer.until)
    }

    /// A held slot as the engine sees it: a booking that is not in the store.
    private static func placeholder(_ entry: WaitlistEntry, _ offer: WaitlistOffer, _ service: Service, now: Date) -> Booking {
        Booking(
            id: BookingID(-entry.id.rawValue), customer: entry.customer, chat: entry.chat, serviceID: service.id, masterID: offer.masterID,
            start: offer.start, end: offer.start.addingTimeInterval(Double(service.durationMinutes) * 60),
            bufferBeforeMinutes: service.bufferBeforeMinutes, bufferAfterMinutes: service.bufferAfterMinutes, createdAt: now)
    }

    /// A reply in the conversation of `entry`'s customer (who did not press anything), in their language.
    static func reply(to entry: WaitlistEntry, tenant: TenantContext, texts: Texts) -> Reply {
        Reply(
            tenant: tenant, chat: entry.chat, user: entry.customer,
            language: Language.resolve(userCode: entry.languageCode, tenantDefault: tenant.profile.defaultLanguage), texts: texts,
            editableMessageID: nil, callbackID: nil)
    }
}
