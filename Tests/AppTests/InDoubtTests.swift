import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Rows whose send started but whose outcome was never recorded (the process died mid-call).
@Suite("Messages in doubt", .serialized)
struct InDoubtTests {
    /// A new message in doubt is not sent again (it may have been shown); an edit in doubt is repeated (harmless).
    @Test func aSendInDoubtIsNotRepeatedButAnEditIs() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let user = stack.user(901, of: LocalStack.tenantA)
            try await user.send("/start")
            let greeting = try await user.waitForBotMessage(timeout: .seconds(10))
            // Let the greeting's rows be marked sent, so nothing of the chat is pending.
            while try await !stack.store.dueMessages(now: Date().addingTimeInterval(3600), limit: 10).isEmpty {
                try await Task.sleep(for: .milliseconds(20))
            }
            let encoder = JSONEncoder()
            let send = BotCall.sendMessage(SendMessage(chatID: 901, text: "maybe shown already"))
            let edit = BotCall.editMessageText(EditMessageText(chatID: 901, messageID: greeting.messageID, text: "edited after a crash"))
            // As a killed sender leaves them: claimed long ago by another owner, the send started, no outcome.
            let past = Date().addingTimeInterval(-60)
            let payloads = [Array(try encoder.encode(send)), Array(try encoder.encode(edit))]
            // In one transaction, so the live sender cannot take the rows first.
            let marked = try await stack.store.inTransaction { tx in
                try await tx.outbox.enqueue(payloads.map { OutboxEntry(chatID: 901, payload: $0, dueAt: past) }, tenant: LocalStack.tenantA, now: past)
                let rows = try await tx.outbox.claimDue(now: past, limit: 10, owner: "killed", leaseUntil: past.addingTimeInterval(1))
                let mine = rows.filter { payloads.contains($0.payload) }
                for row in mine { _ = try await tx.outbox.markAttempted(row.id, owner: "killed", at: past) }
                return mine.count
            }
            #expect(marked == 2)
            try await user.send("/help")
            let transcript = try await user.waitForTranscript(timeout: .seconds(10)) { messages in
                messages.contains { $0.text == "edited after a crash" } && messages.contains { $0.text?.hasPrefix("/book") == true }
            }
            #expect(!transcript.contains { $0.text == "maybe shown already" })
            #expect(try await stack.store.dueMessages(now: Date().addingTimeInterval(60), limit: 50).filter { payloads.contains($0.payload) }.isEmpty)
        }
    }
}
