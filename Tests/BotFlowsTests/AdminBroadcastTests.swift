import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Broadcast: audience, text, preview, confirm → one bulk call per recipient, audited; then progress counts.
@Suite("Admin broadcast")
struct AdminBroadcastTests {
    /// A harness with admins and customers 501…505, of whom 501 and 502 have a booking tomorrow.
    static func prepared() async throws -> FlowHarness {
        let h = try await FlowHarness()
        try await h.addAdmins()
        for id: Int64 in 501...505 {
            _ = await h.store.upsertCustomer(
                CustomerProfile(userID: UserID(id), chatID: ChatID(id), firstName: "C\(id)", username: nil, languageCode: "ru"),
                tenant: h.context.id, now: FlowHarness.now)
        }
        try await h.book(h.at(10), customer: User(id: 501, firstName: "C501"))
        try await h.book(h.at(12), customer: User(id: 502, firstName: "C502"))
        return h
    }

    static func bulkChats(_ result: FlowResult) -> [Int64] { result.bulk.compactMap(\.call.chatID) }

    @Test func theManagerPreviewsAndSendsToCustomersWithUpcomingBookings() async throws {
        let h = try await Self.prepared()
        let manager = FlowHarness.manager
        let panel = try await h.say("/admin", as: manager)
        #expect(panel.calls.contains { $0.inlineCallbackData.contains("ao") })
        let start = try await h.press(.broadcast(.start), as: manager)
        #expect(start.shown?.contains("Кому отправить") == true)
        #expect(start.calls.flatMap(\.inlineButtonTexts).contains("С предстоящими записями (2)"))
        _ = try await h.press(.broadcast(.audience(.future)), as: manager)
        let preview = try await h.say("Скидка 10% в декабре!", as: manager)
        #expect(preview.sent(to: manager.id) == ["👀 Предпросмотр. Следующее сообщение получат 2 клиентов (С предстоящими записями (2)).", "Скидка 10% в декабре!"])
        #expect(preview.bulk.isEmpty)
        let sent = try await h.press(.broadcast(.confirm), as: manager)
        #expect(Set(Self.bulkChats(sent)) == [501, 502])
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "broadcast.send" && entry.actor == UserID(manager.id) && entry.outcome == .done)
        #expect(sent.bulk.allSatisfy { $0.tag == "broadcast:\(entry.id)" && $0.call.sentText == "Скидка 10% в декабре!" })
        #expect(sent.shown?.contains("📣 Рассылка №\(entry.id)") == true && sent.shown?.contains("В очереди: 2") == true)
        // A second press of Confirm finds no draft: nothing is sent twice.
        let again = try await h.press(.broadcast(.confirm), as: manager)
        #expect(again.bulk.isEmpty && again.answer?.showAlert == true)
    }

    @Test func allCustomersAndOversizeText() async throws {
        let h = try await Self.prepared()
        let owner = FlowHarness.owner
        _ = try await h.press(.broadcast(.audience(.all)), as: owner)
        let long = String(repeating: "ё", count: 4097)
        let refused = try await h.say(long, as: owner)
        #expect(refused.sent(to: owner.id).first?.hasPrefix("Текст длиннее 4096 символов (4097)") == true)
        // Exactly 4096 UTF-16 units is allowed (an emoji counts as two).
        let fits = String(repeating: "😀", count: 2048)
        let preview = try await h.say(fits, as: owner)
        #expect(preview.sent(to: owner.id).last == fits)
        let sent = try await h.press(.broadcast(.confirm), as: owner)
        #expect(Set(Self.bulkChats(sent)) == Set(501...505))
    }

    @Test func statusReadsTheTenantsCountsAndForgedIdsAreNotFound() async throws {
        let h = try await Self.prepared()
        let manager = FlowHarness.manager
        await h.store.outbox.enqueue(
            (1...3).map { OutboxEntry(chatID: $0, payload: [1], priority: .bulk, dueAt: FlowHarness.now, tag: "broadcast:77") },
            tenant: h.context.id, now: FlowHarness.now)
        let rows = await h.store.outbox.dueMessages(now: FlowHarness.now, limit: 10)
        await h.store.outbox.markSent(rows[0].id, at: FlowHarness.now)
        await h.store.outbox.markBlocked(rows[1].id, error: "403", at: FlowHarness.now)
        let status = try await h.press(.broadcast(.status(77)), as: manager)
        let text = try #require(status.shown)
        #expect(text.contains("Доставлено: 1") && text.contains("Заблокировали бота: 1") && text.contains("В очереди: 1"))
        let forged = try await h.result(FlowHarness.press("aos:78", from: manager))
        #expect(forged.answer?.text == "Рассылка не найдена.")
        for data in ["aoa:x", "aos:0", "aos:abc", "aoy:1"] {
            let stale = try await h.result(FlowHarness.press(data, from: manager))
            #expect(stale.answer != nil && stale.bulk.isEmpty)
        }
    }
}

extension BotCall {
    /// Callback data of the inline keyboard the call shows.
    var inlineCallbackData: [String] { inlineButtons.compactMap(\.callbackData) }

    /// Texts of the inline buttons the call shows.
    var inlineButtonTexts: [String] { inlineButtons.map(\.text) }
}
