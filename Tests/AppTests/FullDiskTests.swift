import Foundation
import Storage
import TelegramSandbox
import Testing

/// The embedded default on a disk that fills up: updates fail with a transient error (retried by Telegram, never
/// dead-lettered), nothing crashes, and once space is freed the waiting update is answered and the file is intact.
@Suite("Full disk under SQLite", .serialized, .enabled(if: TmpfsMount.available, "needs root to mount a small tmpfs"))
struct FullDiskTests {
    @Test func aFullDiskDelaysUpdatesAndCorruptsNothing() async throws {
        let disk = try TmpfsMount(megabytes: 16)
        defer { disk.unmount() }
        try await LocalStack.run(mode: .webhook, directory: disk.directory) { stack in
            let customer = stack.user(841, of: LocalStack.tenantA)
            try await customer.send("/start")
            _ = try await customer.waitForBotMessage(timeout: .seconds(15)) { $0.text?.hasPrefix("Здравствуйте") == true }

            let before = try stack.sandbox.webhookInfo(for: stack.tokens[LocalStack.tenantA]!).lastErrorMessage
            #expect(before == nil, "a delivery failed before the disk was full: \(before ?? "")")
            let filler = disk.fill()
            try await customer.send("/help")
            // Telegram (the sandbox) keeps retrying while the disk is full: the update is refused, not lost.
            let token = stack.tokens[LocalStack.tenantA]!
            let refused = try await BotAPIFaultTests.waitUntil(timeout: .seconds(10)) {
                (try? stack.sandbox.webhookInfo(for: token)).map { $0.lastErrorMessage != nil && $0.pendingUpdateCount > 0 } == true
            }
            #expect(refused, "the update was not refused while the disk was full")
            #expect(await customer.transcript().filter(\.fromBot).count == 1)

            try FileManager.default.removeItem(at: filler)
            // Well within the outbox lease (30 s): a send Telegram accepted while the disk was full is recorded once
            // it has space again, so it does not hold the chat until its lease ends.
            _ = try await customer.waitForBotMessage(timeout: .seconds(15)) { $0.text?.hasPrefix("/book") == true }
            #expect(try await stack.stores.deadLetters.deadLetters(limit: 10).isEmpty)
            #expect(try await stack.store.integrityCheck() == "ok")
        }
    }
}
