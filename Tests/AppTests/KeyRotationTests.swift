import App
import BookingCore
import Foundation
import Storage
import StorageSQLite
import TelegramBotAPI
import TelegramSandbox
import Testing

/// `zapis key rotate`: every token re-sealed under the new key while the service serves, surviving a kill at any point.
@Suite("Master key rotation", .serialized)
struct KeyRotationTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func key(in path: String) throws -> TokenVault {
        try TokenVault(base64Key: try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Customers of both tenants book while the rotation runs beside the service (webhooks, so the secrets registered
    /// under the old key must keep being accepted): every journey completes, and afterwards every token opens with the
    /// new key only and the service still answers.
    @Test func aRotationUnderLoadLosesNothingAndLeavesOnlyTheNewKey() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("zapis.key").path
        let environment = ["ZAPIS_TENANT_REFRESH": "1", "ZAPIS_RATE_LIMITS": "0"]
        try await LocalStack.run(mode: .webhook, environment: environment, directory: directory, keyFile: keyFile) { stack in
            let old = try Self.key(in: keyFile)
            let database = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".sqlite") })
            var configuration = AppConfiguration(environment: [:])
            configuration.databaseURL = directory.appendingPathComponent(database).path
            configuration.telegramAPIURL = "http://127.0.0.1:1"  // the rotation calls no Bot API
            let rotateConfiguration = configuration
            let customers = [stack.user(301, of: LocalStack.tenantA), stack.user(302, of: LocalStack.tenantB)]
            let output = try await withThrowingTaskGroup(of: [String].self) { group in
                for (index, customer) in customers.enumerated() {
                    group.addTask {
                        let journey = CustomerJourney(user: customer)
                        try await journey.start()
                        try await journey.bookFirstFreeSlot(minDaysAhead: 2 + index)
                        return []
                    }
                }
                group.addTask { try await Commands.rotateKey(newKeyFile: nil, configuration: rotateConfiguration) }
                var lines: [String] = []
                for try await result in group { lines += result }
                return lines
            }
            #expect(output.first == "re-sealed 2 tokens under \(try Self.key(in: keyFile).fingerprint) (0 already were)", "\(output)")
            let new = try Self.key(in: keyFile)
            #expect(new.fingerprint != old.fingerprint)
            #expect(try Self.key(in: keyFile + ".previous").fingerprint == old.fingerprint)
            #expect(!FileManager.default.fileExists(atPath: keyFile + ".next"))
            for record in try await stack.stores.tenants.allTenants() {
                #expect(new.opensWithPrimary(record.encryptedToken))
                #expect(throws: TokenVault.Failure.cannotOpen) { try old.open(record.encryptedToken) }
            }
            for customer in customers {
                let booked = try await stack.stores.bookings.bookings(of: UserID(customer.id), tenant: customer.id == 302 ? LocalStack.tenantB : LocalStack.tenantA)
                #expect(booked.count == 1)
            }
            // The running service has re-read its keys; a new customer of each tenant is answered (webhooks signed with
            // the secret registered under the old key are still accepted).
            for (id, tenant) in [(310 as Int64, LocalStack.tenantA), (311, LocalStack.tenantB)] {
                try await CustomerJourney(user: stack.user(id, of: tenant)).start()
            }
            let audit = try await stack.stores.tenants.operatorAudit(tenant: nil, limit: 5).map(\.action)
            #expect(audit.prefix(2) == ["key.rotate.done", "key.rotate.start"])
        }
    }

    /// A rotation stopped after some tokens (as a kill would stop it) leaves each token sealed with one of the two
    /// keys; a service reading the key file and its `.next` serves every tenant meanwhile; running it again finishes.
    @Test func aRotationStoppedHalfwayIsServedMeanwhileAndFinishedByRunningItAgain() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("zapis.key").path
        let store = try await SQLiteStore.open(path: directory.appendingPathComponent("zapis.sqlite").path)
        let source = KeySource(configured: nil, keyFile: keyFile)
        let old = try source.load()
        for index in 0..<20 {
            try await store.insertTenant(
                TenantRecord(
                    profile: TenantProfile(id: TenantID("client_\(100 + index)")!, name: "Salon \(index)"),
                    encryptedToken: try old.seal("\(7_000_000_100 + index):\(String(repeating: "a", count: 35))"), botID: 7_000_000_100 + Int64(index),
                    botUsername: "bot\(index)", ownerID: UserID(1), createdAt: Date()))
        }
        let nextKey = TokenVault.generateKey()
        try Data((nextKey + "\n").utf8).write(to: URL(fileURLWithPath: keyFile + ".next"))
        chmod(keyFile + ".next", 0o600)
        let next = try TokenVault(base64Key: nextKey)
        // One tenant also takes deposits through a provider: its token is sealed with the same key, and moves with it.
        let provider = "381764678:TEST:rotate"
        try await store.setPaymentMode(.provider(sealedToken: try old.seal(provider)), tenant: TenantID("client_119")!, now: Date())
        let rotation = KeyRotation(tenants: store, deposits: store, now: { Date() }, actor: "cli:test", logger: .init(label: "test"))

        let first = try await rotation.run(current: old, next: next, stopAfter: 7)
        #expect(first.resealed == 7)
        // A directory started now (old key file plus .next) serves all 20; one that knew only the old key would not.
        let directoryNow = TenantDirectory(store: store, vault: try source.load(), keySource: source)
        #expect(try await directoryNow.reload().count == 20)
        #expect(await directoryNow.unreadable.isEmpty)
        let stale = TenantDirectory(store: store, vault: old.primaryOnly, keySource: nil)
        #expect(try await stale.reload().count == 13)

        let second = try await rotation.run(current: try source.load(), next: next)
        #expect(second.resealed == 13 && second.alreadyNew == 7 && second.unreadable.isEmpty)
        #expect(try await rotation.verify(current: old.primaryOnly, next: next).isEmpty)
        guard case .provider(let sealed) = try await store.paymentMode(TenantID("client_119")!) else { Issue.record("no provider"); return }
        #expect(next.opensWithPrimary(sealed) && (try? next.primaryOnly.open(sealed)) == provider)
    }

    /// The drill: `zapis key rotate` killed with SIGKILL at growing delays until a kill lands mid-rotation; after each
    /// kill every token still opens with the key file and its `.next`, and a final run finishes the rotation.
    @Test func killedDuringARotationNothingIsLostAndRunningItAgainFinishes() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("zapis.key").path
        let database = directory.appendingPathComponent("zapis.sqlite").path
        let source = KeySource(configured: nil, keyFile: keyFile)
        let old = try source.load()
        let tenants = 300
        do {
            let store = try await SQLiteStore.open(path: database)
            for index in 0..<tenants {
                try await store.insertTenant(
                    TenantRecord(
                        profile: TenantProfile(id: TenantID("client_\(1000 + index)")!, name: "Salon \(index)"),
                        encryptedToken: try old.seal("\(7_000_001_000 + index):\(String(repeating: "b", count: 35))"),
                        botID: 7_000_001_000 + Int64(index), botUsername: "bot\(index)", ownerID: UserID(1), createdAt: Date()))
            }
        }
        func rotate(killAfter delay: Duration?) async throws -> Int32 {
            let process = Process()
            process.executableURL = try DemoCommandTests.binary()
            process.arguments = ["key", "rotate", "--database", database]
            process.environment = ["PATH": "/usr/bin:/bin", "ZAPIS_LOG_LEVEL": "error"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if let delay {
                try await Task.sleep(for: delay)  // the kill's moment is the point of the drill
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            return process.terminationStatus
        }
        let store = try await SQLiteStore.open(path: database)
        var sawHalfway = false
        for attempt in 0..<12 where !sawHalfway {
            _ = try await rotate(killAfter: .milliseconds(150 + 60 * attempt))
            let vault = try source.load()
            let records = try await store.allTenants()
            #expect(records.count == tenants)
            // Every token opens with what a restarted service would read (key file, .next, .previous).
            #expect(records.allSatisfy { (try? vault.open($0.encryptedToken)) != nil })
            guard let nextKey = try? String(contentsOfFile: keyFile + ".next", encoding: .utf8) else { continue }
            let next = try TokenVault(base64Key: nextKey.trimmingCharacters(in: .whitespacesAndNewlines))
            let done = records.filter { next.opensWithPrimary($0.encryptedToken) }.count
            sawHalfway = done > 0 && done < tenants
        }
        #expect(sawHalfway, "no kill landed mid-rotation")
        #expect(try await rotate(killAfter: nil) == 0)
        let new = try Self.key(in: keyFile)
        #expect(new.fingerprint != old.fingerprint && !FileManager.default.fileExists(atPath: keyFile + ".next"))
        let records = try await store.allTenants()
        #expect(records.allSatisfy { new.opensWithPrimary($0.encryptedToken) && (try? old.primaryOnly.open($0.encryptedToken)) == nil })
    }
}
