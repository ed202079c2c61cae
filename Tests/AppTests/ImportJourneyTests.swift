import App
import BookingCore
import Foundation
import Testing

/// An imported tenant served end to end: the real service on SQLite, the sandbox Telegram, a customer of the original.
@Suite("Imported tenant journey", .serialized)
struct ImportJourneyTests {
    @Test func customerSeesImportedBookingAndGetsItsReminder() async throws {
        let source = try ImportSupport.originalSQLite()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let clock = TestClock()
        try await LocalStack.run(mode: .polling, clock: clock, environment: ["ZAPIS_TENANT_REFRESH": "1"]) { stack in
            let token = await stack.sandbox.registerBot(username: "nogotok_bot", firstName: "Ноготок")
            var options = ImportOptions(from: "sqlite:\(source)")
            options.tenantID = "nogotok"
            options.name = "Ноготок"
            options.token = token.rawValue
            let report = try #require(try await OriginalImporter(dependencies: stack.dependencies).run(options).first)
            #expect(report.conflicts.isEmpty && report.scheduled > 0)

            // Her first future booking in the original: 2028-01-13 11:00 Moscow, "Дизайн ногтей".
            let customer = stack.sandbox.user(300_007_942, firstName: "Ирина", languageCode: "ru", bot: token)
            _ = try await customer.send("/start")
            // The greeting is the original's own "welcome" template, imported as an override.
            _ = try await customer.waitForBotMessage(timeout: .seconds(20)) { $0.text?.hasPrefix("Привет! Это «Ноготок»") == true }
            _ = try await customer.tapReplyButton("🗂 Мои записи")
            let list = try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Ваши предстоящие записи") == true }
            #expect(list.text?.contains("13 января, чт, 11:00 — Дизайн ногтей") == true, "\(list.text ?? "")")

            // A day before it, the reminder the import scheduled arrives.
            let due = Date(timeIntervalSince1970: 1_831_276_800)  // 2028-01-12T08:00:00Z = 24 h before 11:00 Moscow
            clock.advance(by: due.timeIntervalSince(clock.date()) + 30)
            let reminder = try await customer.waitForBotMessage(timeout: .seconds(20)) { $0.text?.hasPrefix("⏰ Напоминание") == true }
            #expect(reminder.text?.contains("13 января, чт, 11:00") == true, "\(reminder.text ?? "")")
        }
    }
}
