import App
import BookingCore
import BotFlows
import Foundation
import Logging
import Storage
import Testing

/// `zapis sales text`: the operator edits the sales bot's welcome, demo, FAQ and support texts (issue 20 step 5).
@Suite("Sales texts from the command line")
struct SalesTextCommandTests {
    @Test func theOperatorSetsAndResetsASalesTextAuditedAndHostileInputIsRefused() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-sales-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = AppConfiguration(environment: [:])
        configuration.databaseURL = path
        configuration.masterKey = TokenVault.generateKey()
        configuration.telegramAPIURL = "http://127.0.0.1:1"  // no Bot API call is made
        for (key, language, text) in [
            ("askName", "ru", "x"), ("faq", "de", "x"), ("faq", "ru", "   "), ("faq", "ru", String(repeating: "я", count: 3_001)),
            ("faq", "ru", "Ответы"),  // no sales bot configured yet
        ] {
            await #expect(throws: LifecycleError.self, "\(key) \(language)") {
                try await Commands.setSalesText(key, language: language, text: text, configuration: configuration)
            }
        }
        let logger = Logger(label: "test")
        try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
            try await dependencies.stores.tenants.insertTenant(
                TenantRecord(
                    profile: TenantProfile(id: PlatformBot.sales.tenantID, name: "Zapis", status: .active), encryptedToken: [1], botID: 1,
                    botUsername: "zapis_sales_bot", ownerID: UserID(1), createdAt: Date()))
        }
        let saved = try await Commands.setSalesText("faq", language: "ru", text: " Ответы на вопросы ", configuration: configuration)
        #expect(saved == "sales text faq (ru) saved")
        try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
            let overrides = try await dependencies.stores.textOverrides.textOverrides(PlatformBot.sales.tenantID)
            #expect(overrides.map { "\($0.key) \($0.language) \($0.template)" } == ["faq ru Ответы на вопросы"])
            let audit = try await dependencies.stores.tenants.operatorAudit(tenant: PlatformBot.sales.tenantID, limit: 5)
            #expect(audit.first?.action == "sales.text" && audit.first?.detail == "faq.ru: 17 characters")
        }
        let reset = try await Commands.setSalesText("faq", language: "ru", text: nil, configuration: configuration)
        #expect(reset.hasSuffix("reset to the built-in one"))
        try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
            let overrides = try await dependencies.stores.textOverrides.textOverrides(PlatformBot.sales.tenantID)
            #expect(overrides.isEmpty)
        }
    }
}
