import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// A broadcast of a photo with a caption, sent by file_id (issue 18, item 9).
@Suite("Admin photo broadcast")
struct AdminPhotoBroadcastTests {
    static let photo = [
        PhotoSize(fileID: "small-id", fileUniqueID: "u1", width: 90, height: 60), PhotoSize(fileID: "large-id", fileUniqueID: "u2", width: 1280, height: 853),
    ]

    static func photoUpdate(caption: String?, from user: User) -> Update {
        Update(updateID: 3, message: Message(messageID: 7, from: user, chat: Chat(id: user.id, type: "private"), date: 1, caption: caption, photo: photo))
    }

    static func photos(_ calls: [BotCall]) -> [SendPhoto] { calls.compactMap { if case .sendPhoto(let p) = $0 { p } else { nil } } }

    @Test func aPhotoWithACaptionIsPreviewedAndSentByFileID() async throws {
        let h = try await AdminBroadcastTests.prepared()
        let manager = FlowHarness.manager
        _ = try await h.press(.broadcast(.audience(.future)), as: manager)
        let preview = try await h.result(Self.photoUpdate(caption: "Новый зал 📸", from: manager))
        #expect(preview.sent(to: manager.id) == ["👀 Предпросмотр. Следующее сообщение получат 2 клиентов (С предстоящими записями (2))."])
        let shown = try #require(Self.photos(preview.calls).first)
        #expect(shown.chatID == manager.id && shown.photo == "large-id" && shown.caption == "Новый зал 📸")
        #expect(shown.replyMarkup != nil && preview.bulk.isEmpty)
        let sent = try await h.press(.broadcast(.confirm), as: manager)
        let bulk = Self.photos(sent.bulk.map(\.call))
        #expect(Set(bulk.map(\.chatID)) == [501, 502] && bulk.allSatisfy { $0.photo == "large-id" && $0.caption == "Новый зал 📸" && $0.replyMarkup == nil })
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "broadcast.send" && entry.newValue == "2 recipients: [photo large-id] Новый зал 📸")
        // The photo preview cannot become the status (no text to edit): its keyboard goes, the status is a new message.
        #expect(sent.calls.contains { if case .editMessageReplyMarkup(let e) = $0 { e.messageID == 50 && e.replyMarkup == nil } else { false } })
        #expect(!sent.calls.contains { if case .editMessageText = $0 { true } else { false } })
        #expect(sent.sent(to: manager.id).first?.hasPrefix("📣 Рассылка №\(entry.id)") == true)
        #expect(sent.bulk.allSatisfy { $0.tag == "broadcast:\(entry.id)" })
    }

    /// Telegram takes captions of at most 1024 UTF-16 units from bots; a longer one (Premium users may write 4096) is
    /// explained, and the draft waits for another photo or a text.
    @Test func aCaptionOverTheLimitIsExplained() async throws {
        let h = try await AdminBroadcastTests.prepared()
        let owner = FlowHarness.owner
        _ = try await h.press(.broadcast(.audience(.all)), as: owner)
        let over = try await h.result(Self.photoUpdate(caption: String(repeating: "😀", count: 513), from: owner))
        #expect(over.sent(to: owner.id).first?.hasPrefix("Подпись к фото длиннее 1024 символов (1026)") == true)
        #expect(Self.photos(over.calls).isEmpty && over.bulk.isEmpty)
        let english = User(id: 5, firstName: "Sam", languageCode: "en")
        await h.store.saveAdmin(AdminMember(userID: UserID(5), role: .owner, name: "Sam", addedAt: FlowHarness.now), tenant: h.context.id)
        _ = try await h.press(.broadcast(.audience(.all)), as: english)
        let overEn = try await h.result(Self.photoUpdate(caption: String(repeating: "a", count: 1025), from: english))
        #expect(overEn.sent(to: 5).first?.hasPrefix("A photo's caption may be at most 1024 characters; this one has 1025") == true)
        // Exactly 1024 fits; no caption at all is a photo alone.
        let fits = try await h.result(Self.photoUpdate(caption: String(repeating: "ё", count: 1024), from: owner))
        #expect(Self.photos(fits.calls).first?.caption?.count == 1024)
        let bare = try await h.result(Self.photoUpdate(caption: nil, from: owner))
        #expect(Self.photos(bare.calls).first.map { $0.caption == nil && $0.photo == "large-id" } == true)
        let sent = try await h.press(.broadcast(.confirm), as: owner)
        #expect(Self.photos(sent.bulk.map(\.call)).count == 5)
    }

    /// A photo outside a broadcast draft is not an admin input, and a master may not broadcast one.
    @Test func aPhotoElsewhereIsNoAdminInput() async throws {
        let h = try await AdminBroadcastTests.prepared()
        _ = try await h.press(.shiftAsk(nil, FlowHarness.tomorrow), as: FlowHarness.owner)
        let result = try await h.result(Self.photoUpdate(caption: "+45", from: FlowHarness.owner))
        #expect(Self.photos(result.calls).isEmpty && result.bulk.isEmpty)
        #expect(await h.audit().isEmpty)
        let key = ConversationKey(tenant: h.context.id, chat: ChatID(FlowHarness.masterUser.id), user: UserID(FlowHarness.masterUser.id))
        await h.store.saveState(
            Array(try JSONEncoder().encode(Conversation(adminInput: .broadcast(BroadcastDraft(audience: .all, text: nil))))), for: key, now: FlowHarness.now)
        let refused = try await h.result(Self.photoUpdate(caption: "Всем", from: FlowHarness.masterUser))
        #expect(Self.photos(refused.calls).isEmpty && refused.bulk.isEmpty)
        #expect(await h.audit().first?.outcome == .refused)
    }
}
