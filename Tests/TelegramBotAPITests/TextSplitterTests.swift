import TelegramBotAPI
import Testing

/// Long texts split at the most natural boundary, each part within Telegram's 4096 UTF-16 units.
@Suite struct TextSplitterTests {
    static let limit = MessageLimits.maxTextLength

    @Test func aTextThatFitsIsLeftAlone() {
        let exact = String(repeating: "я", count: Self.limit)
        #expect(TextSplitter.split(exact) == [exact])
        #expect(TextSplitter.split("короткий\nтекст") == ["короткий\nтекст"])
    }

    @Test func oneUnitOverSplitsAtTheLastLineThatFits() {
        let first = String(repeating: "a", count: 4000)
        let second = String(repeating: "b", count: 96)  // 4000 + 1 + 96 = 4097
        let parts = TextSplitter.split(first + "\n" + second)
        #expect(parts == [first, second])
    }

    @Test func linesArePackedGreedilyAndNothingButNewlinesIsLost() {
        let lines = (0..<500).map { "• 10:\($0 % 60) Стрижка · Мастер · Клиент \($0)" }
        let text = lines.joined(separator: "\n")
        let parts = TextSplitter.split(text)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.utf16.count <= Self.limit })
        #expect(parts.joined(separator: "\n") == text)
        // Packed: every part but the last could not take the next line.
        for (part, next) in zip(parts, parts.dropFirst()) {
            let nextLine = next.split(separator: "\n", omittingEmptySubsequences: false)[0]
            #expect(part.utf16.count + 1 + nextLine.utf16.count > Self.limit)
        }
    }

    @Test func anOverlongLineBreaksAfterASpace() {
        let line = Array(repeating: "слово", count: 1_500).joined(separator: " ")  // 8999 units
        let parts = TextSplitter.split(line)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { $0.utf16.count <= Self.limit })
        #expect(parts.joined() == line)
        #expect(parts.dropLast().allSatisfy { $0.hasSuffix(" ") })
    }

    @Test func surrogatePairsAreNeverCutApart() {
        // "a" then 2048 emoji of 2 units each: the boundary falls inside the last pair unless the splitter avoids it.
        let text = "a" + String(repeating: "😀", count: 2_048)
        let parts = TextSplitter.split(text)
        #expect(parts.count == 2)
        #expect(parts[0].utf16.count == 4095)  // 1 + 2047 × 2: the next emoji would need 4097
        #expect(parts.joined() == text)
        #expect(parts.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value != 0xFFFD } })
    }

    @Test func graphemesStayWhole() {
        // A family emoji is 11 UTF-16 units in one grapheme.
        let family = "👨‍👩‍👧‍👦"
        let text = String(repeating: family, count: 400)  // 4400 units, no spaces
        let parts = TextSplitter.split(text)
        #expect(parts.allSatisfy { $0.utf16.count <= Self.limit })
        #expect(parts.joined() == text)
        #expect(parts.allSatisfy { $0.allSatisfy { $0 == Character(family) } })
    }

    @Test func blankLinesAtABoundaryDoNotMakeEmptyParts() {
        let text = String(repeating: "x", count: 4096) + "\n\n\n   \n" + "tail"
        #expect(TextSplitter.split(text) == [String(repeating: "x", count: 4096), "tail"])
    }

    @Test func aLongSendBecomesSeveralWithTheKeyboardOnTheLast() {
        let keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(text: "OK", callbackData: "ok")]])
        let text = String(repeating: "строка\n", count: 1_500)
        let calls = BotCall.sendMessage(SendMessage(chatID: 7, text: text, replyMarkup: .inline(keyboard))).fitted()
        let messages = calls.compactMap { if case .sendMessage(let m) = $0 { m } else { nil } }
        #expect(messages.count == calls.count && messages.count == 3)
        #expect(messages.map(\.replyMarkup) == [nil, nil, .inline(keyboard)])
        #expect(messages.allSatisfy { $0.chatID == 7 && $0.text.utf16.count <= Self.limit })
    }

    @Test func aLongEditShowsTheFirstPartAndSendsTheRest() {
        let keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(text: "‹", callbackData: "p")]])
        let text = String(repeating: "строка\n", count: 1_500)
        let calls = BotCall.editMessageText(EditMessageText(chatID: 7, messageID: 3, text: text, replyMarkup: keyboard)).fitted()
        guard case .editMessageText(let edit) = calls.first else {
            Issue.record("expected an edit first")
            return
        }
        #expect(edit.messageID == 3 && edit.replyMarkup == nil)
        let sends = calls.dropFirst().compactMap { if case .sendMessage(let m) = $0 { m } else { nil } }
        #expect(sends.count == calls.count - 1 && sends.count == 2)
        #expect(sends.last?.replyMarkup == .inline(keyboard) && sends.first?.replyMarkup == nil)
        #expect(([edit.text] + sends.map(\.text)).joined(separator: "\n") == text)
    }

    @Test func shortCallsAreUnchangedAndAnswersAndLabelsAreCut() {
        let short = BotCall.sendMessage(
            SendMessage(chatID: 7, text: "Привет", replyMarkup: .inline(.init([[.init(text: "Да", callbackData: "y")]]))))
        #expect(short.fitted() == [short])
        let answer = BotCall.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "q", text: String(repeating: "🙂", count: 150)))
        guard case .answerCallbackQuery(let cut) = answer.fitted().first, let text = cut.text else {
            Issue.record("answer lost")
            return
        }
        #expect(text.utf16.count <= MessageLimits.maxAnswerTextLength && text.hasSuffix("…"))
        #expect(text.utf16.count == 199)  // 99 emoji (198 units) + "…"; a 100th would not leave room for it
        let label = String(repeating: "Маникюр ", count: 20)
        let keyboard = InlineKeyboardMarkup([[.init(text: label, callbackData: "s")]]).fitted()
        #expect(keyboard.inlineKeyboard[0][0].text.utf16.count == MessageLimits.maxButtonTextLength)
    }
}
