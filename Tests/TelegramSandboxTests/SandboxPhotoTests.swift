import Foundation
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Photos: a user sends one and the bot sees its sizes; sendPhoto by file_id is checked like Telegram's.
@Suite struct SandboxPhotoTests {
    @Test func aReceivedPhotoIsSentOnByFileIDWithACaption() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let fileID = try await user.sendPhoto(caption: "Новый зал")
            let updates = try await h.client.call(GetUpdates(), token: token)
            let message = try #require(updates.last?.message)
            #expect(message.caption == "Новый зал" && message.text == nil && message.photo?.last?.fileID == fileID)
            #expect(message.photo?.count == 2 && message.photo?.first?.width ?? 0 < message.photo?.last?.width ?? 0)
            let sent = try await h.client.call(SendPhoto(chatID: user.id, photo: fileID, caption: String(repeating: "😀", count: 512)), token: token)
            #expect(sent.photo?.last?.fileID == fileID && sent.caption?.utf16.count == 1024)
            let shown = try #require(await user.transcript().last)
            #expect(shown.fromBot && shown.photo?.last?.fileID == fileID)
            // No caption at all is a photo alone.
            #expect(try await h.client.call(SendPhoto(chatID: user.id, photo: fileID), token: token).caption == nil)
        }
    }

    @Test func captionsOverTheLimitAndUnknownFilesAreRefused() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let other = await h.bot("other_bot", "Other")
            let user = try await h.startedUser(bot: token)
            let fileID = try await user.sendPhoto()
            await #expect(throws: TelegramError.badRequest("Bad Request: message caption is too long")) {
                try await h.client.call(SendPhoto(chatID: user.id, photo: fileID, caption: String(repeating: "a", count: 1025)), token: token)
            }
            await #expect(throws: TelegramError.badRequest("Bad Request: wrong file identifier/HTTP URL specified")) {
                try await h.client.call(SendPhoto(chatID: user.id, photo: "AgACAgIAAxkBAAI-forged"), token: token)
            }
            // A file_id belongs to the bot that received it.
            let stranger = try await h.startedUser(200, bot: other)
            await #expect(throws: TelegramError.badRequest("Bad Request: wrong file identifier/HTTP URL specified")) {
                try await h.client.call(SendPhoto(chatID: stranger.id, photo: fileID), token: other)
            }
            await #expect(throws: TelegramError.badRequest("Bad Request: there is no photo in the request")) {
                try await h.client.call(SendPhoto(chatID: user.id, photo: ""), token: token)
            }
        }
    }
}
