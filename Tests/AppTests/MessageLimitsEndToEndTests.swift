import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Long texts and busy days reach the user through the real service and the strict sandbox, which refuses anything
/// over Telegram's limits with a 400: every message arrives, none is refused.
@Suite("Message limits end to end", .serialized)
struct MessageLimitsEndToEndTests {
    /// 200 lines of about 60 characters: over 10,000 once filled.
    static let longAbout = (1...200).map { "Строка \(String(format: "%03d", $0)) описания салона {business} — подробно" }
        .joined(separator: "\n")

    /// Requests of `tenant`'s bot that the sandbox refused with a 400.
    static func refusals(_ stack: LocalStack, _ tenant: TenantID = LocalStack.tenantA) -> [SandboxRequest] {
        stack.sandbox.requests(for: stack.tokens[tenant]!).filter { $0.statusCode == 400 }
    }

    @Test func aTenThousandCharacterTemplateReachesTheCustomerSplit() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            try await stack.stores.textOverrides.setTextOverride(
                key: "about", language: "ru", template: Self.longAbout, tenant: LocalStack.tenantA)
            let customer = stack.user(100, of: LocalStack.tenantA)
            try await CustomerJourney(user: customer).start()
            try await customer.tapReplyButton("ℹ️ О нас")
            let messages = try await customer.waitForTranscript(timeout: .seconds(15)) { transcript in
                transcript.contains { $0.fromBot && $0.text?.hasSuffix("Строка 200 описания салона Salon salon_alpha — подробно") == true }
            }
            let parts = messages.filter { $0.fromBot && ($0.text?.hasPrefix("Строка") ?? false) }
            #expect(parts.count == 3)
            #expect(parts.allSatisfy { ($0.text?.utf16.count ?? 0) <= MessageLimits.maxTextLength })
            let expected = Self.longAbout.replacingOccurrences(of: "{business}", with: "Salon salon_alpha")
            #expect(expected.utf16.count > 10_000)
            #expect(parts.compactMap(\.text).joined(separator: "\n") == expected)
            #expect(parts.last?.replyKeyboard != nil && parts.dropLast().allSatisfy { $0.replyKeyboard == nil })
            #expect(Self.refusals(stack).isEmpty)
        }
    }

    @Test func aDayWith150BookingsReachesTheAdminPaged() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let service = try #require(try await stack.stores.catalog.services(tenant).first { $0.durationMinutes == 60 })
            let day = AdminJourneyTests.tomorrow
            for m in 0..<10 {
                let master = try await stack.stores.catalog.saveMaster(Master(id: MasterID(0), name: "Мастер \(m)"), tenant: tenant)
                for hour in 6..<21 {
                    let start = try #require(AdminJourneyTests.zone.instant(day, LocalTime(hour: hour, minute: 0)!))
                    let customer = Int64(10_000 + m * 100 + hour)
                    _ = try await stack.stores.bookings.createBooking(
                        BookingRequest(
                            customer: UserID(customer), chat: ChatID(customer), service: service, masterID: master.id, start: start),
                        tenant: tenant, maxActivePerCustomer: 3, now: Date())
                }
            }
            let owner = stack.user(1, of: tenant)
            try await owner.send("/admin")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
            try await owner.press("📅 Сегодня")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📅 ") == true }
            try await owner.press("›")
            var lines: Set<String> = []
            for page in 1...6 {
                let shown = try await owner.waitForBotMessage(timeout: .seconds(10)) { message in
                    message.inlineButtons.contains { $0.text == "Стр. \(page) из 6" }
                }
                let text = try #require(shown.text)
                #expect(text.utf16.count <= MessageLimits.maxTextLength && shown.inlineButtons.count <= MessageLimits.maxButtons)
                lines.formUnion(text.split(separator: "\n").filter { $0.hasPrefix("• ") }.map(String.init))
                if page < 6 { try await owner.press("»") }
            }
            #expect(lines.count == 150)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(Self.refusals(stack).isEmpty)
        }
    }

    @Test func aRefusedAdminViewIsAnsweredWithAShortNotice() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await owner.send("/admin")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
            // Telegram refuses the next edit (as it would a view over its limits): the owner is told, not left waiting.
            stack.sandbox.failNext(method: "editMessageText", error: 400, description: "Bad Request: message is too long")
            try await owner.press("📅 Сегодня")
            let notice = try await owner.waitForBotMessage(timeout: .seconds(10)) {
                $0.text?.hasPrefix("Этот экран слишком длинный") == true
            }
            #expect(notice.inlineButtons.isEmpty)
            #expect(Self.refusals(stack).map(\.method) == ["editMessageText"])
        }
    }
}
