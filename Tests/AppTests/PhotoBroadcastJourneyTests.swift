import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// A photo broadcast through the real service, the outbox and the sandbox, which checks sendPhoto like Telegram: the
/// file_id must be one the bot received, the caption at most 1024 characters (issue 18, item 9).
@Suite("Photo broadcast through the sandbox", .serialized)
struct PhotoBroadcastJourneyTests {
    @Test func theOwnerSendsAPhotoWithACaptionToEveryCustomer() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let customers = [stack.user(301, of: tenant), stack.user(302, of: tenant, language: "en")]
            for customer in customers {
                try await customer.send("/start")
                _ = try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.text != nil }
            }
            let owner = stack.user(1, of: tenant)
            try await owner.send("/admin")
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
            try await owner.press("📣 Рассылка")
            let audiences = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Кому отправить") == true }
            let all = try #require(audiences.inlineButtons.first { $0.text.hasPrefix("Всем клиентам") })
            let count = try await stack.stores.backOffice.customerRecords(tenant).count
            try await owner.press(all.text)
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("или фото с подписью (до 1024 символов)") == true }

            // Over 1024 (a Premium user may write that much): explained, nothing sent.
            try await owner.sendPhoto(caption: String(repeating: "я", count: 1_025))
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Подпись к фото длиннее 1024 символов (1025)") == true }

            let caption = "🎄 Новый зал открыт! Скидка 10% до конца декабря."
            let fileID = try await owner.sendPhoto(caption: caption)
            let preview = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.photo != nil && $0.fromBot }
            #expect(preview.caption == caption && preview.photo?.last?.fileID == fileID)
            try await owner.press("✅ Отправить \(count)")
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📣 Рассылка №") == true }
            // The preview's Confirm is gone (a photo has no text to replace with the status).
            #expect(await owner.transcript().first { $0.messageID == preview.messageID }?.inlineKeyboard == nil)
            for customer in customers {
                let got = try await customer.waitForBotMessage(timeout: .seconds(20)) { $0.photo != nil }
                #expect(got.caption == caption && got.photo?.last?.fileID == fileID)
            }
            let photos = stack.sandbox.requests(for: try #require(stack.tokens[tenant])).filter { $0.method == "sendPhoto" }
            #expect(photos.count == 1 + count && photos.allSatisfy { $0.statusCode == 200 }, "\(photos)")
        }
    }
}
