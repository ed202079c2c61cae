import TelegramBotAPI
import Testing

@testable import BotFlows

@Suite("Notice digests")
struct NoticeDigestTests {
    static func notice(_ n: Int, chat: Int64 = 1) -> SendMessage {
        let open = InlineKeyboardButton(text: "Открыть запись", callbackData: "ab:\(n)")
        return SendMessage(
            chatID: chat, text: "🆕 Новая запись: Женская стрижка — Анна\n\(n % 28 + 1) декабря, вт, 10:00\nКлиент: Клиент\(n) @client\(n)",
            replyMarkup: .inline(InlineKeyboardMarkup([[open]])))
    }

    @Test func twoHundredNoticesMakeAFewDigestsWithinTelegramsLimits() {
        let notices = (0..<200).map { Self.notice($0) }
        let digests = NoticeDigest.digests(of: notices, tag: NoticeDigest.tag(.ru))
        #expect(digests.count <= 5)  // about 95 characters a line: ~42 lines to a message
        #expect(digests.map(\.count).reduce(0, +) == 200)
        var next = 0
        for digest in digests {
            let text = digest.message.text
            #expect(MessageLimits.length(text) <= MessageLimits.maxTextLength)
            #expect(text.hasPrefix("🔔 Уведомления (\(digest.count)):\n\n1. 🆕 Новая запись: Женская стрижка — Анна · "))
            var rows: [[InlineKeyboardButton]] = []
            if case .inline(let keyboard)? = digest.message.replyMarkup { rows = keyboard.inlineKeyboard }
            let buttons = rows.flatMap { $0 }
            #expect(buttons.count == digest.count && buttons.count <= 100 && rows.allSatisfy { $0.count <= 8 })
            // Button n opens the booking of line n.
            for (index, button) in buttons.enumerated() {
                #expect(button.text == String(index + 1) && button.callbackData == "ab:\(next + index)")
                #expect(text.contains("\n\(index + 1). 🆕 Новая запись") && text.contains("Клиент\(next + index) @client\(next + index)"))
            }
            next += digest.count
            #expect(digest.message.chatID == 1)
        }
    }

    @Test func theHeadingSpeaksTheAdminsLanguage() throws {
        let digest = try #require(NoticeDigest.digests(of: [Self.notice(1), Self.notice(2)], tag: NoticeDigest.tag(.en)).first)
        #expect(digest.message.text.hasPrefix("🔔 2 notifications:\n\n1. "))
        #expect(NoticeDigest.isNotice(tag: NoticeDigest.tag(.en)) && !NoticeDigest.isNotice(tag: "broadcast:1") && !NoticeDigest.isNotice(tag: nil))
    }

    @Test func aHugeNoticeIsShortenedNotDropped() {
        let long = SendMessage(chatID: 1, text: String(repeating: "ж", count: 5_000))
        let digests = NoticeDigest.digests(of: [long, Self.notice(1), long], tag: NoticeDigest.tag(.ru))
        #expect(digests.map(\.count).reduce(0, +) == 3)
        #expect(digests.allSatisfy { MessageLimits.length($0.message.text) <= MessageLimits.maxTextLength })
    }
}
