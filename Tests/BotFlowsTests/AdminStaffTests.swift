import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Staff: masters added, edited, ordered, deactivated and reactivated by buttons and typed input, services per
/// master, and a master linked to a Telegram user who then sees and blocks only their own time.
@Suite("Admin staff")
struct AdminStaffTests {
    /// Admins, a second master "Борис" created by the owner, and the master user (id 3) linked to him.
    static func prepared() async throws -> (FlowHarness, Master) {
        let h = try await FlowHarness()
        try await h.addAdmins()
        _ = try await h.press(.staff(.new), as: FlowHarness.owner)
        let created = try await h.say("Борис", as: FlowHarness.owner)
        #expect(created.shown?.hasPrefix("✅ Мастер добавлен.") == true)
        let boris = try #require(await h.store.masters(h.context.id).first { $0.name == "Борис" })
        _ = try await h.press(.staff(.link(boris.id)), as: FlowHarness.owner)
        let linked = try await h.say("3", as: FlowHarness.owner)
        #expect(linked.shown?.contains("Telegram: Mira (id 3)") == true)
        return (h, boris)
    }

    /// A confirmed booking with `master` tomorrow at `hour`.
    static func book(_ h: FlowHarness, _ master: MasterID, hour: Int) async throws -> Booking {
        try await h.store.createBooking(
            BookingRequest(customer: UserID(FlowHarness.customer.id), chat: ChatID(FlowHarness.customer.id), service: h.services[0], masterID: master, start: h.at(hour)),
            tenant: h.context.id, maxActivePerCustomer: 10, now: FlowHarness.now)
    }

    @Test func theOwnerAddsRenamesDescribesOrdersAndChoosesServicesOfAMaster() async throws {
        let (h, boris) = try await Self.prepared()
        _ = try await h.press(.staff(.edit(boris.id, .description)), as: FlowHarness.owner)
        _ = try await h.say("Барбер, 10 лет опыта", as: FlowHarness.owner)
        _ = try await h.press(.staff(.edit(boris.id, .name)), as: FlowHarness.owner)
        #expect(try await h.say(String(repeating: "Б", count: 65), as: FlowHarness.owner).sent(to: 1) == [
            "Имя — от 1 до 64 символов в одну строку. Пришлите снова."
        ])
        _ = try await h.say("Борис Б.", as: FlowHarness.owner)
        _ = try await h.press(.staff(.up(boris.id)), as: FlowHarness.owner)
        // Boris stops doing manicure: the service keeps every other master.
        let manicure = h.services[1]
        _ = try await h.press(.staff(.service(boris.id, manicure.id)), as: FlowHarness.owner)
        let masters = await h.store.masters(h.context.id)
        #expect(masters.map(\.name) == ["Борис Б.", "Анна"])
        #expect(masters[0].description == "Барбер, 10 лет опыта")
        let services = await h.store.services(h.context.id)
        #expect(services.first { $0.id == manicure.id }?.masterIDs == [h.master.id])
        #expect(services.first { $0.id == h.services[0].id }?.masterIDs == [])
        let card = try await h.press(.staff(.card(boris.id)), as: FlowHarness.owner)
        #expect(card.shown == "👤 Борис Б. — работает\nБарбер, 10 лет опыта\nУслуги: Стрижка\nTelegram: Mira (id 3)\n🔗 https://t.me/demo_salon_bot?start=m\(boris.id)")
        let actions = await h.audit().filter { $0.outcome == .done }.map(\.action)
        #expect(actions.filter { $0.hasPrefix("staff.") } == ["staff.edit", "staff.reorder", "staff.edit", "staff.edit", "staff.link", "staff.create"])
    }

    @Test func deactivationListsFutureBookingsFirstAndKeepsThem() async throws {
        let (h, boris) = try await Self.prepared()
        let booking = try await Self.book(h, boris.id, hour: 12)
        let ask = try await h.press(.staff(.askDeactivate(boris.id)), as: FlowHarness.manager)
        #expect(ask.shown?.hasPrefix("⚠️ У мастера Борис предстоящих записей: 1.") == true)
        #expect(ask.calls.flatMap(\.inlineButtons).contains { $0.callbackData == AdminCallback.booking(booking.id).data })
        #expect(await h.store.masters(h.context.id).allSatisfy(\.isActive))
        _ = try await h.press(.staff(.active(boris.id, false)), as: FlowHarness.manager)
        #expect(await h.store.masters(h.context.id).first { $0.id == boris.id }?.isActive == false)
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.status == .confirmed)
        // The last working master cannot go.
        let refused = try await h.press(.staff(.active(h.master.id, false)), as: FlowHarness.manager)
        #expect(refused.answer?.text == "Нельзя отключить последнего работающего мастера.")
        _ = try await h.press(.staff(.active(boris.id, true)), as: FlowHarness.manager)
        #expect(await h.store.masters(h.context.id).allSatisfy(\.isActive))
    }

    /// Every press a linked master might make about another master's time or bookings, or everyone's.
    static func othersCallbacks(other: MasterID, booking: BookingID, from: Date, to: Date) -> [AdminCallback] {
        let date = FlowHarness.tomorrow
        let (f, t) = (from.epochMinute, to.epochMinute)
        return [
            .day(nil, date), .day(other, date), .dayPage(other, date, page: 1), .week(nil, date), .week(other, date), .booking(booking),
            .noShow(booking, true), .visit(booking, .arrived), .blockStart(other, date), .blockStart(nil, date), .blockFrom(other, epochMinute: f),
            .blockPreview(other, from: f, to: t), .blockConfirm(other, from: f, to: t), .blockConfirm(nil, from: f, to: t),
        ]
    }

    @Test func aLinkedMasterIsRefusedEveryOtherMastersTimeWithNothingChangedAndAudited() async throws {
        let (h, boris) = try await Self.prepared()
        let anna = try await Self.book(h, h.master.id, hour: 10)
        for callback in Self.othersCallbacks(other: h.master.id, booking: anna.id, from: h.at(14), to: h.at(15)) {
            let before = try await h.snapshot()
            let result = try await h.press(callback, as: FlowHarness.masterUser)
            #expect(try await h.snapshot() == before, "\(callback.data)")
            let entry = try #require(await h.audit().first)
            #expect(entry.outcome == .refused && entry.actor == UserID(3) && entry.action == callback.action.rawValue, "\(callback.data)")
            #expect(result.answer?.showAlert == true && result.calls.count == 1)
        }
        // Their own: the day, their booking, and a block of their own time.
        let own = try await Self.book(h, boris.id, hour: 12)
        let day = try await h.press(.day(boris.id, FlowHarness.tomorrow), as: FlowHarness.masterUser)
        #expect(day.shown?.contains("Борис") == true && day.shown?.contains("10:00") == false)
        #expect(!day.calls.flatMap(\.inlineButtons).contains { $0.callbackData == AdminCallback.day(h.master.id, FlowHarness.tomorrow).data })
        #expect(try await h.press(.booking(own.id), as: FlowHarness.masterUser).answer?.showAlert != true)
        let (f, t) = (h.at(16).epochMinute, h.at(17).epochMinute)
        _ = try await h.press(.blockConfirm(boris.id, from: f, to: t), as: FlowHarness.masterUser)
        #expect(try await h.snapshot().blocks.map(\.masterID) == [boris.id])
    }

    @Test func anUnlinkedMasterStillViewsEverythingButBlocksNothing() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let date = FlowHarness.tomorrow
        #expect(try await h.press(.day(nil, date), as: FlowHarness.masterUser).answer?.showAlert != true)
        let (f, t) = (h.at(16).epochMinute, h.at(17).epochMinute)
        let refused = try await h.press(.blockConfirm(h.master.id, from: f, to: t), as: FlowHarness.masterUser)
        #expect(refused.answer?.showAlert == true)
        #expect(try await h.snapshot().blocks.isEmpty)
    }

    @Test func theLinkedMastersPanelOpensTheirOwnDayAndTheyHearOnlyOfTheirBookings() async throws {
        let (h, boris) = try await Self.prepared()
        let panel = try await h.say("/admin", as: FlowHarness.masterUser)
        let today = h.context.calendar.localDate(of: FlowHarness.now)
        #expect(panel.calls.flatMap(\.inlineButtons).first?.callbackData == AdminCallback.day(boris.id, today).data)
        _ = try await h.say("/start", as: FlowHarness.customer)
        let toAnna = try await h.result(FlowHarness.press(
            CallbackAction.confirm(h.services[0].id, h.master.id, epochMinute: h.at(10).epochMinute).data, from: FlowHarness.customer))
        #expect(toAnna.sent(to: 3).isEmpty)
        #expect(!toAnna.sent(to: 1).isEmpty)
        let toBoris = try await h.result(FlowHarness.press(
            CallbackAction.confirm(h.services[0].id, boris.id, epochMinute: h.at(12).epochMinute).data, from: FlowHarness.customer))
        #expect(toBoris.sent(to: 3).first?.hasPrefix("🆕") == true)
    }

    @Test func hostileStaffInputIsRefusedPolitely() async throws {
        let (h, boris) = try await Self.prepared()
        _ = try await h.press(.staff(.link(boris.id)), as: FlowHarness.owner)
        for bad in ["abc", "-5", "99999999999999999999999", "0"] {
            #expect(try await h.say(bad, as: FlowHarness.owner).sent(to: 1) == ["Нужен числовой Telegram id. Пришлите снова."])
        }
        _ = try await h.press(.staff(.new), as: FlowHarness.owner)
        #expect(try await h.say("two\nlines", as: FlowHarness.owner).sent(to: 1).first?.hasPrefix("Имя —") == true)
        for data in ["afc:x", "afe:1:zz", "aft:1", "afa:1:2", "afc:99999"] {
            #expect(try await h.result(FlowHarness.press(data, from: FlowHarness.owner)).answer != nil)
        }
    }
}
