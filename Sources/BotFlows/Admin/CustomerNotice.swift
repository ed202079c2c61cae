import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Tells a customer, in their own language and with the tenant's wording (customer templates, editable), what an admin
/// did to their booking, and keeps their reminders right.
struct CustomerNotice: Sendable {
    /// The customers' languages.
    let backOffice: any BackOfficeStore
    /// Service and master names.
    let catalog: any CatalogStore
    /// The current instant (reminders are scheduled from it).
    let now: @Sendable () -> Date

    func language(of booking: Booking, tenant: TenantContext) async throws -> Language {
        let record = try await backOffice.customerRecord(booking.customer, tenant: tenant.id)
        return Language.resolve(userCode: record?.profile.languageCode, tenantDefault: tenant.profile.defaultLanguage)
    }

    func names(_ booking: Booking, tenant: TenantContext) async throws -> (service: String, master: String) {
        async let services = catalog.services(tenant.id)
        async let masters = catalog.masters(tenant.id)
        let service = try await services.first { $0.id == booking.serviceID }?.name ?? ""
        let master = try await masters.first { $0.id == booking.masterID }?.name ?? ""
        return (service, master)
    }

    private func when(_ instant: Date, _ tenant: TenantContext, _ format: Formatter) -> String {
        format.dateTime(instant, tenant.calendar)
    }

    /// The booking was cancelled by the business (an admin, or a block with `reason`).
    func cancelled(_ booking: Booking, reason: String?, reply: inout Reply) async throws {
        let tenant = reply.tenant
        let language = try await language(of: booking, tenant: tenant)
        let (service, _) = try await names(booking, tenant: tenant)
        let format = Formatter(language: language, texts: reply.texts)
        var text = reply.texts.render(
            .noticeCancelled, language,
            ["business": tenant.profile.name, "service": service, "when": when(booking.start, tenant, format), "contact": tenant.profile.contact])
        if let reason, !reason.isEmpty { text += "\n" + reply.texts.render(.noticeReason, language, ["reason": reason]) }
        reply.send(text, to: booking.chat)
        reply.withdrawScheduled(for: booking.id)
    }

    /// The booking was moved from `old` to its current start: notifies and schedules its reminders (which expire at
    /// the new start) and the feedback question again, in the customer's language.
    func moved(_ booking: Booking, from old: Date, reply: inout Reply) async throws {
        let tenant = reply.tenant
        let language = try await language(of: booking, tenant: tenant)
        let (service, master) = try await names(booking, tenant: tenant)
        let format = Formatter(language: language, texts: reply.texts)
        let text = reply.texts.render(
            .noticeMoved, language,
            [
                "business": tenant.profile.name, "service": service, "old": when(old, tenant, format),
                "new": when(booking.start, tenant, format), "contact": tenant.profile.contact,
            ])
        reply.send(text, to: booking.chat)
        scheduleAgain(booking, language: language, service: service, master: master, reply: &reply)
    }

    /// Withdraws a changed booking's reminders and feedback question and schedules them again for its current start
    /// and service, in the customer's language.
    func scheduleAgain(_ booking: Booking, language: Language, service: String, master: String, reply: inout Reply) {
        let tenant = reply.tenant
        let format = Formatter(language: language, texts: reply.texts)
        reply.withdrawScheduled(for: booking.id)
        let values = [
            "service": service, "master": master, "date": format.date(tenant.calendar.localDate(of: booking.start)),
            "time": tenant.calendar.localTime(of: booking.start).description, "address": tenant.profile.address,
        ]
        let keyboard = InlineKeyboardMarkup([[
            InlineKeyboardButton(text: reply.texts.render(.comingButton, language), callbackData: CallbackAction.confirmComing(booking.id).data),
            InlineKeyboardButton(text: reply.texts.render(.cancel, language), callbackData: CallbackAction.askCancel(booking.id).data),
        ]])
        for (_, due) in tenant.policies.reminderTimes(start: booking.start, now: now()) {
            reply.schedule(
                reply.texts.render(.reminder, language, values), keyboard: keyboard, at: due, booking: booking.id, to: booking.chat,
                expires: booking.start)
        }
        let question = FeedbackFlow.question(for: booking, values: values, policies: tenant.policies, language: language, texts: reply.texts)
        reply.schedule(question.text, keyboard: question.keyboard, at: question.due, booking: booking.id, to: booking.chat)
    }
}
