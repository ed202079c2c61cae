import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import App

/// The master key file is never replaced and a bad one stops the start; a tenant whose token does not open with the
/// key is skipped and reported while every other tenant serves.
@Suite("Key and tenant isolation", .serialized)
struct KeyIsolationTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-key-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `zapis serve` on a SQLite file in `folder` (as `nobody` through runuser when asked) until it exits; returns
    /// its status and what it wrote to standard error.
    static func serve(in folder: URL, asNobody: Bool = false) throws -> (status: Int32, errors: String) {
        let zapis = try DemoCommandTests.binary().path
        let arguments = ["serve", "--database", folder.appendingPathComponent("z.sqlite").path, "--port", "0"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: asNobody ? "/usr/sbin/runuser" : zapis)
        process.arguments = asNobody ? ["-u", "nobody", "--", zapis] + arguments : arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ZAPIS_") }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func aMissingKeyFileIsCreatedPrivatelyAndReadBackTheSame() throws {
        let path = try Self.folder().appendingPathComponent("zapis.key").path
        let first = try TokenVault.load(configured: nil, keyFile: path)
        #expect(try Self.mode(path) == 0o600)
        let second = try TokenVault.load(configured: nil, keyFile: path)
        #expect(try second.open(first.seal("1:abc")) == "1:abc")
    }

    @Test(arguments: [("stray byte", 0o600), ("readable by others", 0o644), ("not a key", 0o600)])
    func aBadKeyFileStopsTheStartAndIsLeftAlone(kind: String, mode: Int) throws {
        let path = try Self.folder().appendingPathComponent("zapis.key").path
        var contents = Data((TokenVault.generateKey() + "\n").utf8)
        if kind == "stray byte" { contents.insert(0x7E, at: 5) }
        if kind == "not a key" { contents = Data("hello\n".utf8) }
        try contents.write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        #expect {
            try TokenVault.load(configured: nil, keyFile: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("never replaced")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == contents)
        #expect(try Self.mode(path) == mode)
    }

    @Test func aKeyFileThatCannotBeReadStopsTheStart() throws {
        // A folder where the file should be: unreadable as a file for any user (root reads a mode-000 file).
        let path = try Self.folder().appendingPathComponent("zapis.key").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        #expect(throws: TokenVault.Failure.self) { try TokenVault.load(configured: nil, keyFile: path) }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    /// As root every file is readable, so the permission case runs `zapis` as `nobody` (when the test runs as root).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")))
    func aKeyFileTheServiceMayNotReadStopsTheStart() throws {
        let folder = try Self.folder()
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        let keyFile = folder.appendingPathComponent("zapis.key").path
        let contents = Data((TokenVault.generateKey() + "\n").utf8)
        try contents.write(to: URL(fileURLWithPath: keyFile))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: keyFile)
        let (status, output) = try Self.serve(in: folder, asNobody: true)
        #expect(status != 0)
        #expect(output.contains(keyFile) && output.contains("cannot be read") && output.contains("never replaced"), "\(output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)) == contents)
        #expect(try Self.mode(keyFile) == 0o000)
    }

    @Test func serveRefusesToStartWithABadKeyFileAndSaysWhy() throws {
        let folder = try Self.folder()
        let keyFile = folder.appendingPathComponent("zapis.key").path
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: keyFile))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        let (status, output) = try Self.serve(in: folder)
        #expect(status != 0)
        #expect(output.contains(keyFile) && output.contains("never replaced"), "\(output)")
        #expect(try String(contentsOfFile: keyFile, encoding: .utf8) == "not a key\n")
    }

    @Test(arguments: ProcessStack.Database.available)
    func aTenantSealedWithAnotherKeyIsSkippedAndTheOthersServe(database: ProcessStack.Database) async throws {
        try await ProcessStack.run(database, tenants: 2) { stack in
            // A third tenant whose token was sealed with another master key (a restored backup, a stray key).
            let stranger = try TokenVault(base64Key: TokenVault.generateKey())
            let bad = TenantID("crash_bad")!
            try await stack.withDatabase { dependencies in
                try await dependencies.stores.tenants.insertTenant(
                    TenantRecord(
                        profile: TenantProfile(id: bad, name: "Bad"), encryptedToken: try stranger.seal("1:other"), botID: 9,
                        botUsername: "bad_bot",
                        ownerID: UserID(1), createdAt: Date()))
                let directory = TenantDirectory(store: dependencies.stores.tenants, vault: dependencies.vault)
                let served = try await directory.reload().map(\.id)
                #expect(served.sorted() == stack.tokens.keys.sorted())
                #expect(await directory.unreadable == [bad])
                #expect(try await directory.tenant(bad) == nil)
            }
            let lines = try await Commands.listTenants(configuration: stack.configuration)
            #expect(lines.contains { $0.hasPrefix("crash_bad\t") && $0.contains("\ttoken_unreadable\t") })
            #expect(lines.filter { $0.contains("token_unreadable") }.count == 1)

            let server = try stack.server()
            try server.start()
            defer { server.kill() }
            try await server.waitUntilReady()
            try await stack.waitForWebhooks(port: server.port)
            for (index, token) in stack.tokens.values.enumerated() {
                let user = stack.sandbox.user(Int64(8000 + index), firstName: "Ivan", languageCode: "en", bot: token)
                _ = try await user.send("/start")
                _ = try await user.waitForBotMessage(timeout: .seconds(20)) { $0.text?.hasPrefix("Hello, Ivan") == true }
            }
        }
    }
}

/// Counts the lookups that reach the store.
final class CountingTenantStore: TenantStore, @unchecked Sendable {
    let base = InMemoryStore()
    private let lock = NSLock()
    private var lookups = 0
    var count: Int { lock.withLock { lookups } }

    func insertTenant(_ record: TenantRecord, audit: OperatorAuditEntry?) async throws { try await base.insertTenant(record, audit: audit) }
    func tenant(_ id: TenantID) async throws -> TenantRecord? {
        lock.withLock { lookups += 1 }
        return await base.tenant(id)
    }
    func allTenants() async throws -> [TenantRecord] { await base.allTenants() }
    func setStatus(_ status: TenantStatus, of id: TenantID) async throws { try await base.setStatus(status, of: id) }
    func updateTenant(_ id: TenantID, audit: OperatorAuditEntry?, _ change: @Sendable (inout TenantRecord) throws -> Void) async throws -> TenantRecord {
        try await base.updateTenant(id, audit: audit, change)
    }
    func purgeTenant(_ id: TenantID, audit: OperatorAuditEntry) async throws { try await base.purgeTenant(id, audit: audit) }
    func appendOperatorAudit(_ entry: OperatorAuditEntry) async throws { await base.appendOperatorAudit(entry) }
    func operatorAudit(tenant: TenantID?, limit: Int) async throws -> [OperatorAuditEntry] { await base.operatorAudit(tenant: tenant, limit: limit) }
}

@Suite("Tenant directory")
struct TenantDirectoryTests {
    @Test func aFloodOfMadeUpTenantIdsReachesTheStoreOncePerId() async throws {
        let store = CountingTenantStore()
        let directory = TenantDirectory(store: store, vault: try TokenVault(base64Key: TokenVault.generateKey()))
        for _ in 0..<100 {
            for name in ["nobody_1", "nobody_2"] { #expect(try await directory.tenant(TenantID(name)!) == nil) }
        }
        #expect(store.count == 2)
        // A reload (a tenant may have been added) forgets what was missing.
        try await directory.reload()
        _ = try await directory.tenant(TenantID("nobody_1")!)
        #expect(store.count == 3)
    }
}
