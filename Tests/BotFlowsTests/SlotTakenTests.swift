import BookingCore
@testable import BotFlows
import Foundation
import Testing

/// "That time was just taken": the day is shown again as the customer was choosing it.
@Suite("Slot taken")
struct SlotTakenTests {
    @Test func aTakenSlotShowsTheDayAgainForTheChosenMaster() async throws {
        let h = try await FlowHarness()
        let service = h.services[0].id
        let start = h.context.calendar.instant(FlowHarness.tomorrow, LocalTime(hour: 10, minute: 0)!)!
        let minute = start.epochMinute
        // The customer chose Анна herself, then someone else took the time before Confirm.
        _ = try await h.handle(FlowHarness.press(CallbackAction.slot(service, h.master.id, epochMinute: minute, choice: h.master.id).data, updateID: 3))
        _ = try await h.book(start, customer: FlowHarness.user(300))
        let calls = try await h.handle(FlowHarness.press(CallbackAction.confirm(service, h.master.id, epochMinute: minute).data, updateID: 4))
        #expect(calls[1].sentText?.hasPrefix("Это время только что заняли") == true)
        let actions = calls[1].inlineButtons.compactMap { $0.callbackData.flatMap(CallbackAction.init(data:)) }
        let slots = actions.compactMap { if case .slot(_, _, _, let choice) = $0 { choice } else { nil } }
        #expect(!slots.isEmpty && slots.allSatisfy { $0 == h.master.id })
        #expect(actions.contains(.month(service, h.master.id, year: 2026, month: 12)))
    }
}
