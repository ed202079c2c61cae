import App
import AsyncHTTPClient
import BookingCore
import Foundation
import Logging
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

@Suite("Tenant provisioning", .serialized)
struct ProvisioningTests {
    /// A provisioner over an in-memory store, checking tokens against a running sandbox.
    static func withProvisioner(_ body: @Sendable (TenantProvisioner, TelegramSandbox, InMemoryStore, TokenVault) async throws -> Void) async throws {
        let sandbox = TelegramSandbox(logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sandbox.run() }
            let port = try await sandbox.waitUntilRunning()
            let store = InMemoryStore()
            let vault = try TokenVault(base64Key: TokenVault.generateKey())
            let provisioner = TenantProvisioner(
                stores: Stores(store), botAPI: HTTPBotAPIClient(httpClient: .shared, baseURL: "http://127.0.0.1:\(port)"), vault: vault,
                now: { Date(timeIntervalSince1970: 1_796_000_000) })
            defer { group.cancelAll() }
            try await body(provisioner, sandbox, store, vault)
        }
    }

    @Test func addsWithEncryptedTokenAndAFirstMaster() async throws {
        try await Self.withProvisioner { provisioner, sandbox, store, vault in
            let token = await sandbox.registerBot(username: "barber_bot", firstName: "Barber")
            let record = try await provisioner.add(.init(id: "client_001", name: "Barber", token: token.rawValue, ownerID: 42, timeZone: "Asia/Kolkata"))
            #expect(record.botUsername == "barber_bot")
            #expect(record.ownerID == UserID(42))
            #expect(record.profile.timeZone == "Asia/Kolkata")
            // Sealed at rest: the stored bytes do not contain the token, and open back to it.
            #expect(!String(decoding: record.encryptedToken, as: UTF8.self).contains(token.rawValue))
            #expect(try vault.open(record.encryptedToken) == token.rawValue)
            #expect(await store.masters(record.id).map(\.plan) == [.standard])
        }
    }

    @Test func refusesBadIdsZonesTokensAndDuplicates() async throws {
        try await Self.withProvisioner { provisioner, sandbox, _, _ in
            let token = await sandbox.registerBot(username: "ok_bot", firstName: "OK").rawValue
            for id in ["a\"; drop schema x; --", "pg_catalog", "zapis", "Client", "ab"] {
                await #expect(throws: ProvisioningError.invalidID(id)) { try await provisioner.add(.init(id: id, name: "x", token: token, ownerID: 1)) }
            }
            await #expect(throws: ProvisioningError.invalidTimeZone("Mars/Olympus")) {
                try await provisioner.add(.init(id: "client_002", name: "x", token: token, ownerID: 1, timeZone: "Mars/Olympus"))
            }
            await #expect(throws: ProvisioningError.malformedToken) {
                try await provisioner.add(.init(id: "client_002", name: "x", token: "not-a-token", ownerID: 1))
            }
            // Well-formed but unknown to the Bot API server: getMe fails.
            let forged = "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            await #expect(throws: ProvisioningError.self) { try await provisioner.add(.init(id: "client_002", name: "x", token: forged, ownerID: 1)) }
            _ = try await provisioner.add(.init(id: "client_002", name: "x", token: token, ownerID: 1))
            await #expect(throws: ProvisioningError.duplicate("client_002")) {
                try await provisioner.add(.init(id: "client_002", name: "x", token: token, ownerID: 1))
            }
        }
    }

    @Test func vaultSecretsArePerTenantAndTelegramSafe() throws {
        let vault = try TokenVault(base64Key: TokenVault.generateKey())
        let created = Date(timeIntervalSince1970: 1_796_000_000)
        let a = vault.webhookSecret(for: TenantID("client_001")!, version: created)
        let b = vault.webhookSecret(for: TenantID("client_002")!, version: created)
        #expect(a != b)
        // A tenant id deleted and added again (another creation time) gets another secret.
        #expect(vault.webhookSecret(for: TenantID("client_001")!, version: created.addingTimeInterval(1)) != a)
        #expect(vault.legacyWebhookSecret(for: TenantID("client_001")!) != a)
        #expect(a.count == 64 && a.allSatisfy { $0.isHexDigit })
        #expect(throws: TokenVault.Failure.badMasterKey) { try TokenVault(base64Key: "c2hvcnQ=") }
        let other = try TokenVault(base64Key: TokenVault.generateKey())
        #expect(throws: TokenVault.Failure.cannotOpen) { try other.open(try vault.seal("1:abc")) }
    }

    @Test func configurationReadsEnvironmentAndFlagsWin() {
        let env = ["ZAPIS_DATABASE_URL": "/data/z.sqlite", "ZAPIS_PORT": "9000", "ZAPIS_PUBLIC_URL": "https://bots.example.com"]
        let fromEnv = AppConfiguration(environment: env)
        #expect(fromEnv.databaseURL == "/data/z.sqlite" && fromEnv.port == 9000)
        #expect(fromEnv.webhookURL(for: TenantID("client_001")!, boundPort: 9000) == "https://bots.example.com/telegram/client_001")
        let flagged = AppConfiguration(environment: env, overrides: ["port": "7000"])
        #expect(flagged.port == 7000)
        let defaults = AppConfiguration(environment: [:])
        #expect(defaults.databaseURL == "./zapis.sqlite" && defaults.publicURL == nil && defaults.telegramAPIURL == "https://api.telegram.org")
    }
}
