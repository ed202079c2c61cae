import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Blocks over any range of dates (issue 18, item 8): first and last day on calendars, optional times, an optional
/// bounded reason; the list of future blocks, paged, and removal; forged and extreme buttons.
@Suite("Admin blocks over dates")
struct AdminBlockRangeTests {
    static let december = YearMonth(year: 2026, month: 12)

    static func data(_ result: FlowResult, _ text: String) throws -> String {
        try #require(result.calls.flatMap(\.inlineButtons).first { $0.text == text }?.callbackData, "no button \(text)")
    }

    @Test func aBlockFromOneDayToAnotherIsChosenOnCalendarsAndCancelsWhatItCovers() async throws {
        let h = try await FlowHarness()
        let first = try await h.book(h.at(10))
        let third = try await h.book(h.at(12, on: FlowHarness.tomorrow.adding(days: 2)), customer: FlowHarness.user(200))
        let fourth = try await h.book(h.at(10, on: FlowHarness.tomorrow.adding(days: 3)), customer: FlowHarness.user(300))
        let chooser = try await h.press(.blocks(.new), as: FlowHarness.owner)
        #expect(chooser.shown == "⛔ Чьё время закрыть?")
        let month = try await h.result(FlowHarness.press(try Self.data(chooser, "Все"), from: FlowHarness.owner))
        #expect(month.shown?.hasPrefix("⛔ Закрыть время — Все") == true)
        // November: yesterday is inert, today opens; December is one "›" away, and tomorrow opens the day's block screen.
        let november = month.calls.flatMap(\.inlineButtons)
        #expect(!november.contains { $0.text == "29" } && november.contains { $0.text == "·" && $0.callbackData == CallbackAction.noop.data })
        #expect(november.first { $0.text == "30" }?.callbackData == AdminCallback.blockStart(nil, FlowHarness.tomorrow.adding(days: -1)).data)
        let next = try await h.result(FlowHarness.press(try Self.data(month, "›"), from: FlowHarness.owner))
        #expect(next.calls.flatMap(\.inlineButtons).first { $0.text == "1" }?.callbackData == AdminCallback.blockStart(nil, FlowHarness.tomorrow).data)
        let start = try await h.press(.blockStart(nil, FlowHarness.tomorrow), as: FlowHarness.owner)
        let ends = try await h.result(FlowHarness.press(try Self.data(start, "📅 До другого дня…"), from: FlowHarness.owner))
        #expect(ends.shown?.contains("Выберите последний день") == true)
        let third3 = try #require(ends.calls.flatMap(\.inlineButtons).first { $0.text == "3" }?.callbackData)
        let times = try await h.result(FlowHarness.press(third3, from: FlowHarness.owner))
        let preview = try await h.result(FlowHarness.press(try Self.data(times, "До конца дня"), from: FlowHarness.owner))
        #expect(preview.shown?.contains("Будут отменены записи: 2") == true)
        _ = try await h.say("Отпуск", as: FlowHarness.owner)
        let confirm = try await h.result(FlowHarness.press(try Self.data(preview, "✅ Закрыть и отменить 2"), from: FlowHarness.owner))
        #expect(confirm.sent(to: FlowHarness.customer.id).count == 1 && confirm.sent(to: 200).count == 1)
        let block = try #require(try await h.snapshot().blocks.first)
        let calendar = h.context.calendar
        #expect(block.range == calendar.startOfDay(FlowHarness.tomorrow)..<calendar.startOfDay(FlowHarness.tomorrow.adding(days: 3)))
        #expect(block.reason == "Отпуск")
        #expect(await h.store.booking(first.id, tenant: h.context.id)?.status.isActive == false)
        #expect(await h.store.booking(third.id, tenant: h.context.id)?.status.isActive == false)
        #expect(await h.store.booking(fourth.id, tenant: h.context.id)?.status == .confirmed)
    }

    @Test func aBlockFromATimeToATimeOnAnotherDay() async throws {
        let h = try await FlowHarness()
        let from = h.at(14).epochMinute
        let ends = try await h.result(FlowHarness.press(try Self.data(try await h.press(.blockFrom(h.master.id, epochMinute: from), as: FlowHarness.owner), "📅 До другого дня…"), from: FlowHarness.owner))
        let next = FlowHarness.tomorrow.adding(days: 1)
        #expect(ends.calls.flatMap(\.inlineButtons).contains { $0.callbackData == AdminCallback.blocks(.endDay(h.master.id, from: from, next)).data })
        let times = try await h.press(.blocks(.endDay(h.master.id, from: from, next)), as: FlowHarness.owner)
        let noon = try Self.data(times, "12:00")
        #expect(noon == AdminCallback.blockPreview(h.master.id, from: from, to: h.at(12, on: next).epochMinute).data)
        // No reason is needed: confirming straight away blocks without one.
        _ = try await h.press(.blockPreview(h.master.id, from: from, to: h.at(12, on: next).epochMinute), as: FlowHarness.owner)
        _ = try await h.press(.blockConfirm(h.master.id, from: from, to: h.at(12, on: next).epochMinute), as: FlowHarness.owner)
        let block = try #require(try await h.snapshot().blocks.first)
        #expect(block.range == h.at(14)..<h.at(12, on: next) && block.masterID == h.master.id && block.reason.isEmpty)
    }

    @Test func futureBlocksAreListedByPagesAndOneIsRemoved() async throws {
        let h = try await FlowHarness()
        let id = h.context.id
        _ = await h.store.addBlock(Block(id: BlockID(0), masterID: nil, range: h.at(8, on: FlowHarness.tomorrow.adding(days: -2))..<h.at(9, on: FlowHarness.tomorrow.adding(days: -2)), reason: "past"), tenant: id)
        var blocks: [Block] = []
        for day in 0..<25 {
            blocks.append(await h.store.addBlock(Block(id: BlockID(0), masterID: h.master.id, range: h.at(10, on: FlowHarness.tomorrow.adding(days: day))..<h.at(11, on: FlowHarness.tomorrow.adding(days: day)), reason: "r\(day)"), tenant: id))
        }
        let list = try await h.press(.blocks(.list(page: 0)), as: FlowHarness.owner)
        #expect(list.shown?.hasPrefix("⛔ Закрытое время впереди: 25.") == true)
        let buttons = list.calls.flatMap(\.inlineButtons)
        #expect(buttons.filter { $0.callbackData?.hasPrefix("akc:") == true }.count == PageSizes.list)
        #expect(buttons.contains { $0.callbackData == AdminCallback.blocks(.list(page: 1)).data })
        let card = try await h.press(.blocks(.card(blocks[0].id)), as: FlowHarness.owner)
        #expect(card.shown?.contains("Причина: r0") == true)
        // The time is closed to customers, then reopened.
        await #expect(throws: BookingError.slotTaken) { try await h.book(h.at(10)) }
        let removed = try await h.result(FlowHarness.press(try Self.data(card, "🗑 Открыть это время"), from: FlowHarness.owner))
        #expect(removed.shown?.hasPrefix("✅ Время снова открыто для записи.") == true)
        #expect(removed.shown?.contains("Закрытое время впереди: 24.") == true)
        #expect(await h.store.block(blocks[0].id, tenant: id) == nil)
        _ = try await h.book(h.at(10))
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "block.remove" && entry.target == "block:\(blocks[0].id)" && entry.oldValue?.contains("r0") == true)
        // Pressed again (a second tap, or an old message): a polite answer, nothing else.
        let again = try await h.press(.blocks(.remove(blocks[0].id)), as: FlowHarness.owner)
        #expect(again.answer?.text == "Этого закрытия уже нет." && again.calls.count == 1)
    }

    @Test func forgedAndExtremeBlockButtonsAreStaleAndChangeNothing() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let other = TenantID("other_salon")!
        let foreign = await h.store.addBlock(Block(id: BlockID(0), masterID: nil, range: h.at(10)..<h.at(11), reason: "theirs"), tenant: other)
        let from = h.at(10).epochMinute
        let before = try await h.snapshot()
        let forged: [String] = [
            // The last day before the first.
            AdminCallback.blocks(.endDay(nil, from: from, FlowHarness.tomorrow.adding(days: -1))).data,
            // Past the longest block.
            AdminCallback.blocks(.endDay(nil, from: from, FlowHarness.tomorrow.adding(days: BlockAdminFlow.longestDays + 1))).data,
            AdminCallback.blockPreview(nil, from: from, to: from + Int64(BlockAdminFlow.longestDays + 3) * 1_440).data,
            // Years away, and outside any bound.
            "akm:a:209912", "akm:a:300001", "akm:a:202613", "ake:a:\(from):210001", "akd:a:\(from):20991231", "ake:a:99999999999:202612",
            // End before start (the codec refuses it), malformed, another tenant's block and master.
            "akp:a:\(from):\(from - 60)", "aky:a:\(from):\(from)", "akc:x", "akx:-1", "akl:-1", "akx:\(foreign.id)", "akc:\(foreign.id)",
            AdminCallback.blocks(.startMonth(MasterID(999_999), Self.december)).data,
            AdminCallback.blocks(.endDay(MasterID(999_999), from: from, FlowHarness.tomorrow)).data,
            AdminCallback.blockConfirm(MasterID(999_999), from: from, to: from + 60).data,
        ]
        for data in forged {
            let result = try await h.result(FlowHarness.press(data, from: FlowHarness.owner))
            #expect(result.answer != nil, "\(data)")
            #expect(result.calls.count == 1, "\(data)")
        }
        #expect(try await h.snapshot() == before)
        #expect(await h.store.block(foreign.id, tenant: other) != nil)
    }

    @Test func anOversizeReasonIsRefusedAndTheLongestIsKept() async throws {
        let h = try await FlowHarness()
        let (from, to) = (h.at(10).epochMinute, h.at(11).epochMinute)
        _ = try await h.press(.blockPreview(nil, from: from, to: to), as: FlowHarness.owner)
        let long = try await h.say(String(repeating: "я", count: BlockAdminFlow.longestReason + 1), as: FlowHarness.owner)
        #expect(long.sent(to: FlowHarness.owner.id) == ["Причина — до 200 символов (сейчас 201). Пришлите короче."])
        let fits = String(repeating: "я", count: BlockAdminFlow.longestReason)
        let kept = try await h.say("  " + fits + "\n", as: FlowHarness.owner)
        #expect(kept.shown?.contains("Причина: " + fits) == true)
        _ = try await h.press(.blockConfirm(nil, from: from, to: to), as: FlowHarness.owner)
        #expect(try await h.snapshot().blocks.first?.reason == fits)
    }

    @Test func aLinkedMasterBlocksAndRemovesOnlyTheirOwnTime() async throws {
        let (h, boris) = try await AdminStaffTests.prepared()
        let id = h.context.id
        let annas = await h.store.addBlock(Block(id: BlockID(0), masterID: h.master.id, range: h.at(10)..<h.at(11), reason: "a"), tenant: id)
        let everyone = await h.store.addBlock(Block(id: BlockID(0), masterID: nil, range: h.at(12)..<h.at(13), reason: "all"), tenant: id)
        let own = await h.store.addBlock(Block(id: BlockID(0), masterID: boris.id, range: h.at(14)..<h.at(15), reason: "own"), tenant: id)
        // Their list: their own and everyone's, not Anna's; "new" opens their own calendar.
        let list = try await h.press(.blocks(.list(page: 0)), as: FlowHarness.masterUser)
        let cards = Set(list.calls.flatMap(\.inlineButtons).compactMap(\.callbackData).filter { $0.hasPrefix("akc:") })
        #expect(cards == [AdminCallback.blocks(.card(everyone.id)).data, AdminCallback.blocks(.card(own.id)).data])
        let new = try await h.press(.blocks(.new), as: FlowHarness.masterUser)
        #expect(new.shown?.contains("Борис") == true)
        #expect(try await h.press(.blocks(.card(everyone.id)), as: FlowHarness.masterUser).answer?.showAlert != true)
        let from = h.at(16).epochMinute
        for callback: BlockCallback in [
            .remove(annas.id), .remove(everyone.id), .card(annas.id), .startMonth(h.master.id, Self.december), .startMonth(nil, Self.december),
            .endMonth(h.master.id, from: from, Self.december), .endDay(nil, from: from, FlowHarness.tomorrow),
        ] {
            let before = try await h.snapshot()
            let refused = try await h.press(.blocks(callback), as: FlowHarness.masterUser)
            #expect(refused.answer?.showAlert == true, "\(callback)")
            #expect(try await h.snapshot() == before)
            #expect(await h.audit().first?.outcome == .refused)
        }
        _ = try await h.press(.blocks(.remove(own.id)), as: FlowHarness.masterUser)
        #expect(await h.store.block(own.id, tenant: id) == nil)
    }
}
