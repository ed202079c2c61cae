import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// A day's bookings change to another service all or nothing, customers told in their language (issue 18, item 9).
@Suite("Admin mass service change")
struct AdminServiceChangeTests {
    static let english = FlowHarness.user(200, language: "en")

    @Test func everyUpcomingBookingChangesAndItsCustomerIsTold() async throws {
        let h = try await FlowHarness()
        let a = try await h.book(h.at(10))
        let b = try await h.book(h.at(12), customer: Self.english)
        let manicure = h.services[1]
        let start = try await h.press(.serviceChange(.start(nil, FlowHarness.tomorrow)), as: FlowHarness.owner)
        #expect(start.calls.flatMap(\.inlineButtons).contains { $0.callbackData == AdminCallback.serviceChange(.preview(nil, FlowHarness.tomorrow, manicure.id)).data })
        let preview = try await h.press(.serviceChange(.preview(nil, FlowHarness.tomorrow, manicure.id)), as: FlowHarness.owner)
        #expect(preview.shown == "🔁 1 декабря, вт → Маникюр (90 мин): записей 2\n• 10:00 Стрижка → до 11:30\n• 12:00 Стрижка → до 13:30")
        let done = try await h.press(.serviceChange(.confirm(nil, FlowHarness.tomorrow, manicure.id)), as: FlowHarness.owner)
        #expect(done.shown == "✅ Услуга изменена у записей: 2; клиенты уведомлены.")
        for (booking, hour) in [(a, 10), (b, 12)] {
            let now = try #require(await h.store.booking(booking.id, tenant: h.context.id))
            #expect(now.serviceID == manicure.id && now.start == h.at(hour) && now.end == h.at(hour + 1, 30))
            #expect(now.price == .fixed(minorUnits: 200_000, currency: "RUB"))
        }
        #expect(done.sent(to: FlowHarness.customer.id) == [
            "🔁 Салон «Ромашка»: ваша запись 1 декабря, вт, 10:00 изменена: вместо «Стрижка» — «Маникюр», до 11:30.\nВопросы: +7 900 000-00-00",
        ])
        #expect(done.sent(to: Self.english.id) == [
            "🔁 Салон «Ромашка»: your booking on Tue, December 1, 12:00 has changed: \"Маникюр\" instead of \"Стрижка\", until 13:30.\nQuestions: +7 900 000-00-00",
        ])
        // Reminders are withdrawn and scheduled again with the new service's name.
        #expect(Set(done.withdrawn) == [a.id, b.id])
        let reminders = done.scheduled.filter { $0.bookingID == a.id }.compactMap(\.call.sentText)
        #expect(reminders.contains { $0.contains("Маникюр") } && !reminders.contains { $0.contains("Стрижка") })
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "day.service" && entry.target == "day:20261201:all" && entry.newValue == "service:\(manicure.id)")
        // Nothing left to change: no Confirm.
        let again = try await h.press(.serviceChange(.preview(nil, FlowHarness.tomorrow, manicure.id)), as: FlowHarness.owner)
        #expect(again.shown?.hasPrefix("Менять нечего") == true)
        #expect(!again.calls.flatMap(\.inlineButtons).contains { $0.callbackData?.hasPrefix("auy:") == true })
    }

    /// A longer service would run into the next booking, a block or the end of the day: nothing changes, and the admin
    /// is told which booking refuses.
    @Test func oneRefusalChangesNothing() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let a = try await h.book(h.at(10))
        let b = try await h.book(h.at(11), customer: FlowHarness.user(300))
        let manicure = h.services[1].id
        let before = try await h.snapshot()
        // 10:00 + 90 min and 11:00 + 90 min overlap each other: the 11:00 one is named.
        let preview = try await h.press(.serviceChange(.preview(nil, FlowHarness.tomorrow, manicure)), as: FlowHarness.owner)
        #expect(preview.shown?.hasSuffix("⚠️ 11:00 Стрижка: пересекается с другой записью или закрытым временем. Ничего не изменено.") == true)
        #expect(!preview.calls.flatMap(\.inlineButtons).contains { $0.callbackData?.hasPrefix("auy:") == true })
        let forced = try await h.press(.serviceChange(.confirm(nil, FlowHarness.tomorrow, manicure)), as: FlowHarness.owner)
        #expect(forced.answer?.showAlert == true && forced.answer?.text == "Смена невозможна; ничего не изменено.")
        #expect(try await h.snapshot() == before)
        #expect(forced.sent(to: FlowHarness.customer.id).isEmpty && forced.sent(to: 300).isEmpty && forced.withdrawn.isEmpty)
        #expect(await h.store.booking(a.id, tenant: h.context.id)?.serviceID == h.services[0].id)
        #expect(await h.store.booking(b.id, tenant: h.context.id)?.serviceID == h.services[0].id)
        // The next day 13:00 + 90 min runs into a 14:00 block (named first), and 17:00 + 90 min past 18:00.
        let next = FlowHarness.tomorrow.adding(days: 1)
        _ = await h.store.addBlock(Block(id: BlockID(0), masterID: nil, range: h.at(14, on: next)..<h.at(15, on: next), reason: "обед"), tenant: h.context.id)
        _ = try await h.book(h.at(13, on: next), customer: FlowHarness.user(500))
        _ = try await h.book(h.at(17, on: next), customer: FlowHarness.user(400))
        let blocked = try await h.press(.serviceChange(.confirm(h.master.id, next, manicure)), as: FlowHarness.owner)
        #expect(blocked.shown?.contains("⚠️ 13:00 Стрижка: пересекается") == true)
        let third = next.adding(days: 1)
        _ = try await h.book(h.at(17, on: third), customer: FlowHarness.user(600))
        let late = try await h.press(.serviceChange(.confirm(h.master.id, third, manicure)), as: FlowHarness.owner)
        #expect(late.shown?.contains("⚠️ 17:00 Стрижка: вне рабочего времени") == true)
        #expect(await h.audit().isEmpty)
        // A master may not change a day's service.
        let master = try await h.press(.serviceChange(.confirm(nil, next, manicure)), as: FlowHarness.masterUser)
        #expect(master.answer?.showAlert == true)
    }

    @Test func unknownServicesAndMastersAreStale() async throws {
        let h = try await FlowHarness()
        _ = try await h.book(h.at(10))
        for callback in [ServiceChangeCallback.preview(nil, FlowHarness.tomorrow, ServiceID(999)), .confirm(MasterID(999), FlowHarness.tomorrow, h.services[1].id)] {
            let result = try await h.press(.serviceChange(callback), as: FlowHarness.owner)
            #expect(result.answer?.text == "Эта кнопка устарела.")
        }
        let far = try await h.result(FlowHarness.press("auy::21000101:2", from: FlowHarness.owner))
        #expect(far.answer?.text == "Эта кнопка устарела.")
    }
}
