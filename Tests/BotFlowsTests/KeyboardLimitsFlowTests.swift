import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import Testing

@testable import BotFlows

/// Lists that grow are paged so no inline keyboard passes Telegram's limits (100 buttons, 8 a row), every item stays
/// reachable through the pager, and forged or extreme page numbers get the last page or a polite answer (issue 17, item 12).
@Suite("Keyboard limits in the flows")
struct KeyboardLimitsFlowTests {
    /// Every inline keyboard of `result` within Telegram's limits.
    static func expectFits(_ result: FlowResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for call in result.calls + result.notices.map(\.call) {
            let rows: [[InlineKeyboardButton]]
            switch call {
            case .sendMessage(let m): if case .inline(let k) = m.replyMarkup { rows = k.inlineKeyboard } else { continue }
            case .editMessageText(let m): rows = m.replyMarkup?.inlineKeyboard ?? []
            default: continue
            }
            #expect(rows.reduce(0) { $0 + $1.count } <= MessageLimits.maxButtons, sourceLocation: sourceLocation)
            #expect(rows.allSatisfy { $0.count <= MessageLimits.maxButtonsPerRow }, sourceLocation: sourceLocation)
        }
    }

    /// Presses `first`, then "»" while there is one; every page must fit. Returns the buttons of all pages.
    static func walk(_ first: String, as user: User = FlowHarness.customer, _ h: FlowHarness) async throws -> [[InlineKeyboardButton]] {
        var pages: [[InlineKeyboardButton]] = []
        var next: String? = first
        while let data = next, pages.count < 20 {
            let result = try await h.result(FlowHarness.press(data, from: user))
            expectFits(result)
            let buttons = result.calls.last?.inlineButtons ?? []
            pages.append(buttons)
            next = buttons.first { $0.text == "»" }?.callbackData
        }
        return pages
    }

    /// A 30-minute service on a 5-minute grid over 09:00–18:00: 103 start times.
    static func fineGrid(_ h: FlowHarness) async -> Service {
        await h.store.saveService(
            Service(id: ServiceID(0), name: "Экспресс", durationMinutes: 30, price: .free, slotIntervalMinutes: 5), tenant: h.context.id)
    }

    @Test func aDayOf103TimesIsPagedAndEveryTimeIsReachable() async throws {
        let h = try await FlowHarness()
        let service = await Self.fineGrid(h)
        let pages = try await Self.walk("d:\(service.id):\(h.master.id):20261201", h)
        let times = pages.flatMap { $0 }.compactMap(\.callbackData).filter { $0.hasPrefix("t:") }
        #expect(pages.count == 3)
        #expect(times.count == 103 && Set(times).count == 103)
        // The text says how many times the day has in all.
        let first = try await h.result(FlowHarness.press("d:\(service.id):\(h.master.id):20261201"))
        #expect(first.shown?.contains("Свободно: 103") == true)
    }

    @Test func aRescheduleAndAnAdminMoveOnAFineGridArePagedToo() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let service = await Self.fineGrid(h)
        let booking = try await h.store.createBooking(
            BookingRequest(customer: UserID(FlowHarness.customer.id), chat: ChatID(FlowHarness.customer.id), service: service, masterID: h.master.id,
                           start: h.at(9, on: LocalDate(year: 2026, month: 12, day: 3)!)),
            tenant: h.context.id, maxActivePerCustomer: 10, now: FlowHarness.now)
        let moves = try await Self.walk("rd:\(booking.id):20261201", h)
        #expect(moves.flatMap { $0 }.compactMap(\.callbackData).filter { $0.hasPrefix("rt:") }.count == 103)
        let admin = try await Self.walk("amd:\(booking.id):20261201", as: FlowHarness.owner, h)
        #expect(admin.flatMap { $0 }.compactMap(\.callbackData).filter { $0.hasPrefix("amt:") }.count == 103)
    }

    @Test func longListsArePagedWithEveryItemReachable() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        for n in 0..<118 {
            _ = await h.store.saveService(Service(id: ServiceID(0), name: "Услуга \(n)", durationMinutes: 60, price: .free), tenant: h.context.id)
            _ = await h.store.saveMaster(Master(id: MasterID(0), name: "Мастер \(n)"), tenant: h.context.id)
        }
        let services = try await Self.walk("s", h)
        #expect(services.flatMap { $0 }.compactMap(\.callbackData).filter { $0.hasPrefix("s:") }.count == 120)
        let masters = try await Self.walk("s:\(h.services[0].id)", h)
        // Anna and 118 more, and "any master" on every page.
        #expect(masters.flatMap { $0 }.compactMap(\.callbackData).filter { $0.hasPrefix("m:") && !$0.hasSuffix(":a") }.count == 119)
        let admin = try await Self.walk("av", as: FlowHarness.owner, h)
        #expect(admin.flatMap { $0 }.compactMap(\.callbackData).filter { $0.hasPrefix("avc:") }.count == 120)
        for n in 0..<110 {
            await h.store.saveAdmin(
                AdminMember(userID: UserID(500 + Int64(n)), role: .master, name: "Admin \(n)", addedAt: FlowHarness.now), tenant: h.context.id)
        }
        let admins = try await Self.walk("aa", as: FlowHarness.owner, h)
        #expect(admins.flatMap { $0 }.compactMap(\.callbackData).filter { $0.hasPrefix("aac:") }.count == 113)
    }

    /// The service card offers every master to toggle (up to 60), not only the first six, within 100 buttons.
    @Test func theServiceCardTogglesEveryMaster() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        for n in 0..<8 { _ = await h.store.saveMaster(Master(id: MasterID(0), name: "Мастер \(n)"), tenant: h.context.id) }
        let card = try await h.press(.business(.service(h.services[0].id)), as: FlowHarness.owner)
        let buttons = card.calls.flatMap(\.inlineButtons).compactMap(\.callbackData)
        #expect(buttons.filter { $0.hasPrefix("avm:") }.count == 9)
        for n in 0..<70 { _ = await h.store.saveMaster(Master(id: MasterID(0), name: "М\(n)"), tenant: h.context.id) }
        let big = try await h.press(.business(.service(h.services[0].id)), as: FlowHarness.owner)
        let all = big.calls.flatMap(\.inlineButtons)
        #expect(all.compactMap(\.callbackData).filter { $0.hasPrefix("avm:") }.count == 60 && all.count <= 100)
    }

    @Test func fiftyUpcomingBookingsArePaged() async throws {
        let h = try await FlowHarness()
        for n in 0..<50 {
            _ = try await h.store.createBooking(
                BookingRequest(
                    customer: UserID(FlowHarness.customer.id), chat: ChatID(FlowHarness.customer.id), service: h.services[0], masterID: h.master.id,
                    start: h.at(9 + n % 9, on: LocalDate(year: 2026, month: 12, day: 1 + n / 9)!)),
                tenant: h.context.id, maxActivePerCustomer: 50, now: FlowHarness.now)
        }
        let pages = try await Self.walk("my", h)
        #expect(pages.flatMap { $0 }.compactMap(\.callbackData).filter { $0.hasPrefix("bc:") }.count == 50)
    }

    @Test func forgedAndExtremePagesShowTheLastPageOrAreRefusedPolitely() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let service = await Self.fineGrid(h)
        let day = "d:\(service.id):\(h.master.id):20261201"
        // In bounds but past the end: the last page (103 = 40 + 40 + 23 times).
        let last = try await h.result(FlowHarness.press(day + ":10000"))
        Self.expectFits(last)
        #expect(last.calls.last?.inlineButtons.filter { $0.callbackData?.hasPrefix("t:") == true }.count == 23)
        // Out of bounds or malformed: "this button is out of date", nothing shown.
        for forged in [
            day + ":10001", day + ":-1", day + ":9223372036854775807", day + ":99999999999999999999", day + ":01", day + ":+1", day + ":1:1",
            "sp:-5", "sp:1e9", "mp:18446744073709551616", "ms:\(service.id):", "rd:1:20261201:９", "amd:1:20261201:-1", "aa:10001", "av:x",
        ] {
            let result = try await h.result(FlowHarness.press(forged, from: forged.hasPrefix("a") ? FlowHarness.owner : FlowHarness.customer))
            #expect(result.answer?.text == "Эта кнопка устарела.", "\(forged)")
            #expect(result.calls.allSatisfy { $0.sentText == nil }, "\(forged)")
        }
        for extreme in ["sp:10000", "mp:10000", "ms:\(h.services[0].id):10000", "aa:10000", "av:10000"] {
            let result = try await h.result(FlowHarness.press(extreme, from: extreme.hasPrefix("a") ? FlowHarness.owner : FlowHarness.customer))
            Self.expectFits(result)
            #expect(result.shown != nil, "\(extreme)")
        }
    }

    @Test func theCalendarHasALegendAndShowsHowFewTimesAreLeft() async throws {
        let h = try await FlowHarness()
        // Tomorrow 09:00–18:00 with one-hour bookings everywhere but 16:00 and 17:00: two times left.
        for hour in 9..<16 { try await h.book(h.at(hour), customer: FlowHarness.user(200 + Int64(hour))) }
        let month = try await h.result(FlowHarness.press("c:\(h.services[0].id):\(h.master.id):202612"))
        let buttons = month.calls.last?.inlineButtons ?? []
        #expect(buttons.contains { $0.text == "1•2" })
        #expect(month.shown?.contains("12•2 — осталось 2") == true)
        let english = try await h.result(FlowHarness.press("c:\(h.services[0].id):\(h.master.id):202612", from: FlowHarness.user(language: "en")))
        #expect(english.shown?.contains("✕ — fully booked") == true)
    }
}
