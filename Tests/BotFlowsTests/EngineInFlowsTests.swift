import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// The flows show what the scheduling engine computes: plans, blocks and buffers change the customer's view.
@Suite("Engine in the flows")
struct EngineInFlowsTests {
    static let tomorrow = LocalDate(year: 2026, month: 12, day: 1)!

    func slotTexts(_ harness: FlowHarness, service: Service) async throws -> [String] {
        let calls = try await harness.handle(FlowHarness.press("d:\(service.id):\(harness.master.id):\(Self.tomorrow.compact)"))
        return calls[1].inlineButtons.filter { $0.callbackData?.hasPrefix("t:") == true }.map(\.text)
    }

    @Test func defaultPlanOffersHourlySlots() async throws {
        let harness = try await FlowHarness()
        #expect(try await slotTexts(harness, service: harness.services[0]) == (9...17).map { String(format: "%02d:00", $0) })
    }

    @Test func aChangedWeeklyPlanChangesTheSlots() async throws {
        let harness = try await FlowHarness()
        var master = harness.master
        let morning = WorkingInterval(start: LocalTime(hour: 10)!, end: LocalTime(hour: 12)!)!
        let evening = WorkingInterval(start: LocalTime(hour: 15)!, end: LocalTime(hour: 17)!)!
        master.plan.days[Self.tomorrow.weekday] = [morning, evening]
        _ = await harness.store.saveMaster(master, tenant: harness.context.id)
        #expect(try await slotTexts(harness, service: harness.services[0]) == ["10:00", "11:00", "15:00", "16:00"])
    }

    @Test func aBlockRemovesItsSlots() async throws {
        let harness = try await FlowHarness()
        let block = try #require(Block.time(
            on: Self.tomorrow, from: LocalTime(hour: 12)!, to: LocalTime(hour: 14)!, id: BlockID(0), masterID: nil,
            reason: "training", calendar: harness.context.calendar))
        _ = await harness.store.addBlock(block, tenant: harness.context.id)
        let slots = try await slotTexts(harness, service: harness.services[0])
        #expect(!slots.contains("12:00") && !slots.contains("13:00"))
        #expect(slots.contains("11:00") && slots.contains("14:00"))
    }

    @Test func aBufferAroundABookingRemovesNeighbouringSlots() async throws {
        let harness = try await FlowHarness()
        var buffered = harness.services[0]
        buffered.bufferAfterMinutes = 30
        buffered = await harness.store.saveService(buffered, tenant: harness.context.id)
        let start = try #require(harness.context.calendar.instant(Self.tomorrow, LocalTime(hour: 10)!))
        _ = try await harness.store.createBooking(
            BookingRequest(customer: UserID(5), chat: ChatID(5), service: buffered, masterID: harness.master.id, start: start),
            tenant: harness.context.id, maxActivePerCustomer: 3, now: FlowHarness.now)
        let slots = try await slotTexts(harness, service: buffered)
        // 10:00 is booked and its 30-minute after-buffer makes 11:00 impossible for a buffered service.
        #expect(!slots.contains("10:00") && !slots.contains("11:00"))
        #expect(slots.contains("09:00") == false)  // 09:00–10:00 + 30 min after-buffer overlaps the 10:00 booking
        #expect(slots.contains("12:00"))
    }

    @Test func aDeactivatedServiceIsRefusedOnConfirm() async throws {
        let harness = try await FlowHarness()
        var service = harness.services[0]
        let start = try #require(harness.context.calendar.instant(Self.tomorrow, LocalTime(hour: 10)!))
        service.isActive = false
        _ = await harness.store.saveService(service, tenant: harness.context.id)
        let calls = try await harness.handle(FlowHarness.press("ok:\(service.id):\(harness.master.id):\(Int64(start.timeIntervalSince1970 / 60))"))
        #expect(calls == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb2", text: "Эта услуга больше недоступна.", showAlert: true))])
        #expect(await harness.store.bookings(of: UserID(100_000_001), tenant: harness.context.id).isEmpty)
    }

    @Test func pastAndBeyondHorizonSlotsAreRefusedOnConfirm() async throws {
        let harness = try await FlowHarness()
        let service = harness.services[0]
        let past = FlowHarness.now.addingTimeInterval(-3600)
        let beyond = try #require(harness.context.calendar.instant(Self.tomorrow.adding(days: 120), LocalTime(hour: 10)!))
        for start in [past, beyond] {
            let calls = try await harness.handle(FlowHarness.press("ok:\(service.id):\(harness.master.id):\(Int64(start.timeIntervalSince1970 / 60))"))
            guard case .answerCallbackQuery = calls.first else { Issue.record("not answered"); continue }
        }
        #expect(await harness.store.bookings(of: UserID(100_000_001), tenant: harness.context.id).isEmpty)
    }

    @Test func offGridTimesAreRefusedOnConfirm() async throws {
        let harness = try await FlowHarness()
        let service = harness.services[0]
        let offGrid = try #require(harness.context.calendar.instant(Self.tomorrow, LocalTime(hour: 10, minute: 17)!))
        _ = try await harness.handle(FlowHarness.press("ok:\(service.id):\(harness.master.id):\(Int64(offGrid.timeIntervalSince1970 / 60))"))
        #expect(await harness.store.bookings(of: UserID(100_000_001), tenant: harness.context.id).isEmpty)
    }
}
