import Foundation
import TelegramBotAPI
import Testing

/// Outbox payloads: written once in wire form, read back without decoding; older rows still read.
@Suite struct OutgoingCallTests {
    static let keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(text: "Да, отменить", callbackData: "bx:1")]])
    static let calls: [BotCall] = [
        .sendMessage(SendMessage(chatID: 7, text: "Здравствуйте, <b>Анна</b>", parseMode: "HTML", replyMarkup: .inline(keyboard))),
        .editMessageText(EditMessageText(chatID: 7, messageID: 3, text: "edited", replyMarkup: keyboard)),
        .editMessageReplyMarkup(EditMessageReplyMarkup(chatID: 7, messageID: 3, replyMarkup: nil)),
        .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "q1", text: "Готово", showAlert: true)),
        .deleteMessage(DeleteMessage(chatID: 7, messageID: 3)),
        .setMyCommands(SetMyCommands(commands: [BotCommand(command: "start", description: "Начать")], languageCode: "ru")),
    ]

    @Test(arguments: calls) func jsonCallsAreStoredAsTheirWireBody(_ call: BotCall) throws {
        let payload = try OutgoingCall.payload(for: call)
        guard case .json(let method, let body) = try OutgoingCall(payload: payload) else {
            Issue.record("expected a JSON call")
            return
        }
        #expect(method == call.methodName)
        // The body is the call's parameters: wrapped as a BotCall, it decodes to the same call.
        let wrapped = Array(#"{"method":"\#(method)","parameters":"#.utf8) + body + Array("}".utf8)
        #expect(try JSONDecoder().decode(BotCall.self, from: Data(wrapped)) == call)
        #expect(try OutgoingCall(payload: payload).isRepeatable == call.isRepeatable)
    }

    @Test func uploadsAndOlderRowsStayTyped() throws {
        let document = BotCall.sendDocument(SendDocument(chatID: 7, fileName: "visit.ics", mimeType: "text/calendar", contents: Array("BEGIN".utf8)))
        #expect(try OutgoingCall(payload: try OutgoingCall.payload(for: document)) == .typed(document))
        #expect(try OutgoingCall(payload: try OutgoingCall.payload(for: document)).isNewMessage)
        let older = BotCall.sendMessage(SendMessage(chatID: 7, text: "written by an earlier version"))
        let legacy = try OutgoingCall(payload: Array(try JSONEncoder().encode(older)))
        #expect(legacy == .typed(older))
        #expect(legacy.isNewMessage && !legacy.isRepeatable)
    }

    @Test func documentsAreStoredAsBase64AndOlderArraysStillRead() throws {
        let bytes = Array("BEGIN:VCALENDAR\r\nЗапись\r\n".utf8)
        let document = SendDocument(chatID: 7, fileName: "visit.ics", mimeType: "text/calendar", contents: bytes, caption: "📅")
        let json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["contents"] as? String == Data(bytes).base64EncodedString())
        #expect(try JSONDecoder().decode(SendDocument.self, from: Data(json.utf8)) == document)
        let older = #"{"chat_id":7,"file_name":"a.ics","mime_type":"text/calendar","contents":[66,69]}"#
        #expect(try JSONDecoder().decode(SendDocument.self, from: Data(older.utf8)).contents == [66, 69])
        let broken = #"{"chat_id":7,"file_name":"a.ics","mime_type":"text/calendar","contents":"not base64!"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SendDocument.self, from: Data(broken.utf8)) }
    }

    @Test func unreadablePayloadsThrow() {
        for payload in [Array("@sendMessage".utf8), Array("@\n{}".utf8), Array("{\"method\":\"nope\"}".utf8), [], Array("garbage".utf8)] {
            #expect(throws: (any Error).self) { try OutgoingCall(payload: payload) }
        }
    }
}
