import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Services, working hours and booking rules edited from the admin panel, audited old → new, with bad input refused.
@Suite("Admin services, hours and rules")
struct AdminCatalogTests {
    static let owner = FlowHarness.owner
    static let manager = FlowHarness.manager

    func prepared() async throws -> FlowHarness {
        let h = try await FlowHarness()
        try await h.addAdmins()
        return h
    }

    func services(_ h: FlowHarness) async -> [Service] { await h.store.services(h.context.id) }

    /// The service names a customer is offered after "Book".
    func offered(_ h: FlowHarness) async throws -> [String] {
        let result = try await h.result(FlowHarness.press(CallbackAction.services.data, from: FlowHarness.customer))
        return result.calls.flatMap(\.inlineButtons).map(\.text)
    }

    @Test func aManagerCreatesAServiceByTyping() async throws {
        let h = try await prepared()
        let asked = try await h.press(.business(.serviceNew), as: Self.manager)
        #expect(asked.sent(to: 2).first?.hasPrefix("Пришлите новую услугу так") == true)
        let bad = try await h.say("Укладка без цены", as: Self.manager)
        #expect(bad.sent(to: 2).first?.hasPrefix("Не удалось разобрать") == true)
        #expect(await services(h).count == 2)
        let created = try await h.say("Укладка; 45; 1 200,50", as: Self.manager)
        #expect(created.shown?.hasPrefix("✅ Услуга создана.\n\n💇 Укладка — активна") == true)
        let service = try #require(await services(h).first { $0.name == "Укладка" })
        #expect(service.durationMinutes == 45 && service.price == .fixed(minorUnits: 120_050, currency: "RUB") && service.isActive)
        #expect(service.displayOrder > (await services(h).filter { $0.id != service.id }.map(\.displayOrder).max() ?? 0))
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "services.create" && entry.target == "service:\(service.id)" && entry.newValue?.hasPrefix("Укладка | 45 min") == true)
        #expect(try await offered(h).contains { $0.contains("Укладка") })
    }

    @Test func everyFieldIsEditableAndBadValuesChangeNothing() async throws {
        let h = try await prepared()
        let id = h.services[0].id
        let cases: [(ServiceField, String, String, (Service) -> Bool)] = [
            (.name, "Стрижка мужская", "", { $0.name == "Стрижка мужская" }),
            (.description, "Мытьё и укладка", String(repeating: "я", count: 1001), { $0.description == "Мытьё и укладка" }),
            (.duration, "45", "3", { $0.durationMinutes == 45 }),
            (.price, "2000", "дорого", { $0.price == .fixed(minorUnits: 200_000, currency: "RUB") }),
            (.interval, "15", "500", { $0.slotIntervalMinutes == 15 }),
            (.bufferBefore, "10", "-5", { $0.bufferBeforeMinutes == 10 }),
            (.bufferAfter, "5", "x", { $0.bufferAfterMinutes == 5 }),
        ]
        for (field, good, bad, check) in cases {
            _ = try await h.press(.business(.serviceEdit(id, field)), as: Self.owner)
            let before = await services(h)
            let refused = try await h.say(bad, as: Self.owner)
            #expect(refused.sent(to: 1).first?.hasPrefix("Такое значение не подходит.") == true, "\(field)")
            #expect(await services(h) == before)
            _ = try await h.say(good, as: Self.owner)
            let service = try #require(await services(h).first { $0.id == id })
            #expect(check(service), "\(field)")
            #expect(await h.audit().first?.action == "services.edit")
        }
        let price = try #require(await h.audit().first { $0.oldValue?.contains("150000 RUB") == true })
        #expect(price.newValue?.contains("200000 RUB") == true)
        _ = try await h.press(.business(.serviceEdit(id, .price)), as: Self.owner)
        _ = try await h.say("-", as: Self.owner)
        #expect(await services(h).first { $0.id == id }?.price == .onRequest)
    }

    @Test func deactivatingHidesFromCustomersButKeepsTheServiceAndItsBookings() async throws {
        let h = try await prepared()
        let booking = try await h.book(h.at(10), service: 1)
        _ = try await h.press(.business(.serviceActive(h.services[1].id, false)), as: Self.manager)
        #expect(await services(h).count == 2)
        #expect(try await offered(h).contains { $0.contains("Маникюр") } == false)
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.status == .confirmed)
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "services.active" && entry.oldValue?.hasSuffix("active | order 0") == true && entry.newValue?.contains("inactive") == true)
        _ = try await h.press(.business(.serviceActive(h.services[1].id, true)), as: Self.manager)
        #expect(try await offered(h).contains { $0.contains("Маникюр") })
    }

    @Test func reorderingMovesAServiceUpForCustomersToo() async throws {
        let h = try await prepared()
        let shown = try await h.press(.business(.serviceUp(h.services[1].id)), as: Self.manager)
        #expect(shown.shown?.contains("• Маникюр") == true)
        let order = await services(h).sorted { ($0.displayOrder, $0.id) < ($1.displayOrder, $1.id) }.map(\.name)
        #expect(order == ["Маникюр", "Стрижка"])
        let names = try await offered(h).filter { $0.contains("Маникюр") || $0.contains("Стрижка") }
        #expect(names.first?.contains("Маникюр") == true)
        #expect(await h.audit().first?.action == "services.reorder")
        // The first one cannot go higher: nothing changes.
        let first = try #require(await services(h).first { $0.name == "Маникюр" })
        _ = try await h.press(.business(.serviceUp(first.id)), as: Self.manager)
        #expect(await h.audit().count == 1)
    }

    @Test func weeklyHoursDaysOffAndExceptionsChangeTheSlotsCustomersSee() async throws {
        let h = try await prepared()
        let m = h.master.id
        _ = try await h.press(.business(.dayHours(m, .tuesday)), as: Self.manager)
        let bad = try await h.say("25:00-30:00", as: Self.manager)
        #expect(bad.sent(to: 2).first?.hasPrefix("Не удалось разобрать часы") == true)
        let saved = try await h.say("10:00-14:00, 15:00-17:00", as: Self.manager)
        #expect(saved.shown?.contains("вт: 10:00–14:00, 15:00–17:00") == true)
        let master = try #require(await h.store.masters(h.context.id).first)
        #expect(master.plan.days[.tuesday]?.map(\.start.description) == ["10:00", "15:00"])
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "hours.edit" && entry.oldValue == "09:00–18:00" && entry.newValue == "10:00–14:00, 15:00–17:00")
        // Tomorrow (a Tuesday) customers see the new hours.
        let day = CallbackAction.day(h.services[0].id, m, FlowHarness.tomorrow).data
        let slots = try await h.result(FlowHarness.press(day, from: FlowHarness.customer)).calls.flatMap(\.inlineButtons).map(\.text)
        #expect(slots.contains("10:00") && slots.contains("15:00") && !slots.contains("09:00") && !slots.contains("14:00"))
        _ = try await h.press(.business(.dayOff(m, .sunday)), as: Self.manager)
        #expect(await h.store.masters(h.context.id).first?.plan.days[.sunday] == [])
    }

    @Test func anExceptionIsAddedReplacedAndRemoved() async throws {
        let h = try await prepared()
        let m = h.master.id
        _ = try await h.press(.business(.exceptionAdd(m)), as: Self.owner)
        #expect(try await h.say("31.13 выходной", as: Self.owner).sent(to: 1).first?.hasPrefix("Не удалось разобрать.") == true)
        _ = try await h.say("1.12 12-15", as: Self.owner)
        var master = try #require(await h.store.masters(h.context.id).first)
        #expect(master.intervals(on: FlowHarness.tomorrow).map(\.start.description) == ["12:00"])
        _ = try await h.press(.business(.exceptionAdd(m)), as: Self.owner)
        _ = try await h.say("01.12.2026 выходной", as: Self.owner)
        master = try #require(await h.store.masters(h.context.id).first)
        #expect(master.exceptions.count == 1 && master.intervals(on: FlowHarness.tomorrow).isEmpty)
        _ = try await h.press(.business(.exceptionRemove(m, FlowHarness.tomorrow)), as: Self.owner)
        master = try #require(await h.store.masters(h.context.id).first)
        #expect(master.exceptions.isEmpty)
        #expect(await h.audit().first?.target == "master:\(m):20261201")
    }

    @Test func onlyOwnersChangeTheRulesWhichAreRangeChecked() async throws {
        let h = try await prepared()
        let refused = try await h.press(.business(.policyEdit(.horizon)), as: Self.manager)
        #expect(refused.answer?.showAlert == true)
        let shown = try await h.press(.business(.policies), as: Self.manager)
        #expect(shown.shown?.contains("Горизонт: 90 дн.") == true)
        _ = try await h.press(.business(.policyEdit(.horizon)), as: Self.owner)
        #expect(try await h.say("0", as: Self.owner).sent(to: 1).first?.hasPrefix("Такое значение не подходит. Целое число от 1 до 365.") == true)
        let saved = try await h.say("30", as: Self.owner)
        #expect(saved.shown?.contains("Горизонт: 30 дн.") == true)
        _ = try await h.press(.business(.policyEdit(.reminders)), as: Self.owner)
        _ = try await h.say("60, 1440", as: Self.owner)
        _ = try await h.press(.business(.policyEdit(.maxPerDay)), as: Self.owner)
        _ = try await h.say("2", as: Self.owner)
        let policies = try #require(await h.store.tenant(h.context.id)?.policies)
        #expect(policies.horizonDays == 30 && policies.reminderOffsetsMinutes == [1440, 60] && policies.maxPerCustomerPerDay == 2)
        let horizon = try #require(await h.audit().first { $0.target == "policy:horizon" })
        #expect(horizon.oldValue == "90" && horizon.newValue == "30" && horizon.action == "policies.edit")
    }

    @Test func staleAndForgedBusinessButtonsAreAnswered() async throws {
        let h = try await prepared()
        for data in ["ave:1:z", "ahd:1:9", "ava:1:2", "ar:x", "ac:-1", "ape:zz", "avc:999", "ahm:999"] {
            let result = try await h.result(FlowHarness.press(data, from: FlowHarness.owner))
            #expect(result.answer != nil, "\(data)")
        }
        #expect(await h.audit().allSatisfy { $0.outcome == .done })
    }
}
