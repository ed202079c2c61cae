import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Admin block and mass shift")
struct AdminBlockShiftTests {
    @Test func aBlockCancelsEveryOverlappingBookingNotOnlyEqualStarts() async throws {
        let h = try await FlowHarness()
        let inside = try await h.book(h.at(10, 30))  // 10:30–11:30 overlaps 10:00–11:00
        let after = try await h.book(h.at(11, 30), customer: FlowHarness.user(200))  // touches the end: stays
        let (from, to) = (h.at(10).epochMinute, h.at(11).epochMinute)
        let preview = try await h.press(.blockPreview(nil, from: from, to: to), as: FlowHarness.owner)
        #expect(preview.shown?.contains("Будут отменены записи: 1") == true)
        #expect(preview.shown?.contains("10:30–11:30 Стрижка") == true)
        // The reason is typed; the preview comes again with it.
        let typed = try await h.say("Болезнь мастера", as: FlowHarness.owner)
        #expect(typed.shown?.contains("Причина: Болезнь мастера") == true)
        let done = try await h.press(.blockConfirm(nil, from: from, to: to), as: FlowHarness.owner)
        #expect(await h.store.booking(inside.id, tenant: h.context.id)?.status == .cancelled(by: .block, reason: "Болезнь мастера"))
        #expect(await h.store.booking(after.id, tenant: h.context.id)?.status == .confirmed)
        let notice = try #require(done.sent(to: FlowHarness.customer.id).first)
        #expect(notice.contains("10:30") && notice.hasSuffix("Причина: Болезнь мастера"))
        #expect(done.sent(to: 200).isEmpty && done.withdrawn == [inside.id])
        let blocks = await h.store.blocks(overlapping: h.at(0)..<h.at(23), tenant: h.context.id)
        #expect(blocks.map(\.range) == [h.at(10)..<h.at(11)] && blocks.first?.reason == "Болезнь мастера")
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "block.create" && entry.newValue?.contains("booking:\(inside.id)") == true)
        // The time is now closed to customers too.
        await #expect(throws: BookingError.slotTaken) { try await h.book(h.at(10), customer: FlowHarness.user(300)) }
    }

    @Test func aWholeDayBlockFromTheDayView() async throws {
        let h = try await FlowHarness()
        _ = try await h.book(h.at(9))
        _ = try await h.book(h.at(16), customer: FlowHarness.user(200))
        let start = try await h.press(.blockStart(nil, FlowHarness.tomorrow), as: FlowHarness.owner)
        let whole = try #require(start.calls.flatMap(\.inlineButtons).first { $0.text == "Весь день" }?.callbackData)
        let preview = try await h.result(FlowHarness.press(whole, from: FlowHarness.owner))
        #expect(preview.shown?.contains("Будут отменены записи: 2") == true)
        let confirm = try #require(preview.calls.flatMap(\.inlineButtons).first { $0.text == "✅ Закрыть и отменить 2" }?.callbackData)
        let done = try await h.result(FlowHarness.press(confirm, from: FlowHarness.owner))
        #expect(done.sent(to: FlowHarness.customer.id).count == 1 && done.sent(to: 200).count == 1)
        #expect(await h.store.activeBookings(overlapping: h.at(0)..<h.at(23), tenant: h.context.id).isEmpty)
    }

    @Test func aShiftMovesEveryBookingAndNotifies() async throws {
        let h = try await FlowHarness()
        let a = try await h.book(h.at(10))
        let b = try await h.book(h.at(11), customer: FlowHarness.user(200))
        let preview = try await h.press(.shiftPreview(nil, FlowHarness.tomorrow, minutes: 30), as: FlowHarness.owner)
        #expect(preview.shown?.contains("10:00 → 10:30") == true && preview.shown?.contains("11:00 → 11:30") == true)
        let done = try await h.press(.shiftConfirm(nil, FlowHarness.tomorrow, minutes: 30), as: FlowHarness.owner)
        #expect(await h.store.booking(a.id, tenant: h.context.id)?.start == h.at(10, 30))
        #expect(await h.store.booking(b.id, tenant: h.context.id)?.start == h.at(11, 30))
        #expect(done.sent(to: FlowHarness.customer.id).first?.contains("Стало: 1 декабря, вт, 10:30") == true)
        #expect(done.sent(to: 200).first?.contains("Стало: 1 декабря, вт, 11:30") == true)
        #expect(Set(done.withdrawn) == [a.id, b.id])
        // Each moved booking gets its feedback question again, not only its reminders.
        for booking in [a, b] {
            #expect(done.scheduled.filter { $0.bookingID == booking.id }.contains { $0.call.inlineButtons.contains { $0.callbackData == CallbackAction.rate(booking.id, stars: 5).data } })
        }
        #expect(await h.audit().first?.action == "day.shift")
    }

    /// Any shift within ±12 h can be typed (issue 18, item 9); absurd numbers get the hint and change nothing.
    @Test func aTypedShiftIsPreviewedLikeAButtonOne() async throws {
        let h = try await FlowHarness()
        let a = try await h.book(h.at(10))
        let asked = try await h.press(.shiftAsk(nil, FlowHarness.tomorrow), as: FlowHarness.owner)
        #expect(asked.sent(to: FlowHarness.owner.id).first?.hasPrefix("Пришлите сдвиг в минутах") == true)
        for absurd in ["9223372036854775807", "+721", "0", "-0", "полчаса", "1e3", "+ 45"] {
            let refused = try await h.say(absurd, as: FlowHarness.owner)
            #expect(refused.sent(to: FlowHarness.owner.id).first?.hasPrefix("Это не сдвиг.") == true, "\(absurd)")
        }
        let preview = try await h.say("−45", as: FlowHarness.owner)
        let shown = preview.sent(to: FlowHarness.owner.id).first ?? preview.shown ?? ""
        #expect(shown.contains("10:00 → 09:15"), "\(shown)")
        #expect(preview.calls.flatMap(\.inlineButtons).contains { $0.callbackData == AdminCallback.shiftConfirm(nil, FlowHarness.tomorrow, minutes: -45).data })
        #expect(await h.store.booking(a.id, tenant: h.context.id)?.start == h.at(10))
        _ = try await h.press(.shiftConfirm(nil, FlowHarness.tomorrow, minutes: -45), as: FlowHarness.owner)
        #expect(await h.store.booking(a.id, tenant: h.context.id)?.start == h.at(9, 15))
    }

    @Test func aShiftThatWouldOverlapIsRefusedEntirely() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let a = try await h.book(h.at(10))
        let b = try await h.book(h.at(12), customer: FlowHarness.user(200))
        // A block at 13:00–13:30: shifting +60 would put the 12:00 booking over it, while 10:00 → 11:00 would fit.
        _ = await h.store.addBlock(Block(id: BlockID(0), masterID: nil, range: h.at(13)..<h.at(13, 30), reason: "обед"), tenant: h.context.id)
        let before = try await h.snapshot()
        let preview = try await h.press(.shiftPreview(nil, FlowHarness.tomorrow, minutes: 60), as: FlowHarness.owner)
        #expect(preview.shown?.contains("❌ Сдвиг невозможен: 12:00") == true)
        #expect(!preview.calls.flatMap(\.inlineButtons).contains { $0.callbackData?.hasPrefix("asy:") == true })
        let forced = try await h.press(.shiftConfirm(nil, FlowHarness.tomorrow, minutes: 60), as: FlowHarness.owner)
        #expect(forced.answer?.showAlert == true && forced.answer?.text == "Сдвиг невозможен; ничего не изменено.")
        #expect(try await h.snapshot() == before)
        #expect(forced.sent(to: FlowHarness.customer.id).isEmpty && forced.sent(to: 200).isEmpty && forced.withdrawn.isEmpty)
        #expect(await h.store.booking(a.id, tenant: h.context.id)?.start == h.at(10))
        #expect(await h.store.booking(b.id, tenant: h.context.id)?.start == h.at(12))
        // Past the end of the working day (18:00) is refused the same way.
        let next = FlowHarness.tomorrow.adding(days: 1)
        let early = try await h.book(h.at(9, on: next), customer: FlowHarness.user(300))
        let late = try await h.book(h.at(17, on: next), customer: FlowHarness.user(400))
        let refused = try await h.press(.shiftConfirm(h.master.id, next, minutes: 30), as: FlowHarness.owner)
        #expect(refused.shown?.contains("17:00 — вне рабочего времени") == true)
        #expect(await h.store.booking(late.id, tenant: h.context.id)?.start == h.at(17, on: next))
        #expect(await h.store.booking(early.id, tenant: h.context.id)?.start == h.at(9, on: next))
        #expect(await h.audit().isEmpty)
    }
}
