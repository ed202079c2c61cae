@testable import App
import BookingCore
import Foundation
import Import
import Storage
import Testing

/// Tenant archives: an imported tenant (every kind of row) backed up from one backend restores into either, equal in
/// content; existing tenants need --replace; damaged archives are refused and write nothing.
@Suite("Tenant archives")
struct BackupTests {
    typealias Support = ImportSupport
    static let tenant = TenantID("nogotok")!

    /// Imports the original's SQLite fixture into `dependencies` as tenant `nogotok` (bookings of every status,
    /// history, feedback, admins, texts, audit, ledger, reminders in the outbox).
    static func seed(_ dependencies: AppDependencies) async throws {
        let source = try Support.originalSQLite()
        defer { try? FileManager.default.removeItem(atPath: source) }
        var options = ImportOptions(from: "sqlite:\(source)")
        options.tenantID = tenant.rawValue
        options.name = "Ноготок"
        options.token = "3333333333:AAHfakeTokenForNogotok00000000000003"
        let report = try #require(try await OriginalImporter(dependencies: dependencies).run(options).first)
        #expect(report.conflicts.isEmpty)
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("zapis-backup-\(UUID().uuidString)")
    }

    @Test(arguments: Support.Target.available)
    func archiveRestoresIntoEitherBackendEqualInContent(source: Support.Target) async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (file, counts) = try await Support.withTarget(source) { dependencies in
            try await Self.seed(dependencies)
            let portable = try #require(dependencies.portable)
            let written = try await TenantBackup.backup([Self.tenant], from: portable, into: directory, now: Support.now)
            let counts = try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: Self.tenant)
            return (try #require(written.first).file, counts)
        }
        let archive = try TenantArchive.read(file)
        #expect(archive.tenant == Self.tenant)
        #expect(archive.counts["bookings"] ?? 0 > 10 && archive.counts["booking_history"] ?? 0 > 0 && archive.counts["outbox"] ?? 0 > 0)
        // The sealed token is in the archive as it was sealed, never in plain text.
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains("AAHfakeTokenForNogotok"))
        for target in Support.Target.available {
            try await Support.withTarget(target) { dependencies in
                let portable = try #require(dependencies.portable)
                try await TenantBackup.restore(archive, replace: false, into: portable)
                #expect(try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: Self.tenant) == counts)
                let again = try await TenantBackup.snapshot(Self.tenant, from: portable, now: Support.now)
                #expect(again.checksums == archive.checksums, "\(source) → \(target)")
                // A restored tenant takes new bookings: the sequences passed the restored ids.
                let bookings = try await dependencies.stores.backOffice.bookings(
                    startingIn: Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 4_102_444_800), tenant: Self.tenant)
                let highest = bookings.map(\.id.rawValue).max() ?? 0
                let customer = try #require(bookings.first { $0.status == .confirmed })
                var copy = customer
                copy.status = .completed
                let added = try await dependencies.stores.imports.importBooking(copy, history: [], tenant: Self.tenant)
                #expect(added.id.rawValue > highest)
            }
        }
    }

    @Test(arguments: Support.Target.available)
    func existingTenantNeedsReplace(target: Support.Target) async throws {
        try await Support.withTarget(target) { dependencies in
            try await Self.seed(dependencies)
            let portable = try #require(dependencies.portable)
            let archive = try await TenantBackup.snapshot(Self.tenant, from: portable, now: Support.now)
            await #expect(throws: RestoreError.tenantExists(Self.tenant)) {
                try await TenantBackup.restore(archive, replace: false, into: portable)
            }
            // Replacing after a change brings the archive's content back.
            let status = try #require(try await dependencies.stores.tenants.tenant(Self.tenant)).profile.status
            try await dependencies.stores.tenants.setStatus(.suspended, of: Self.tenant)
            try await TenantBackup.restore(archive, replace: true, into: portable)
            #expect(status != .suspended)
            #expect(try await dependencies.stores.tenants.tenant(Self.tenant)?.profile.status == status)
            #expect(try await TenantBackup.snapshot(Self.tenant, from: portable, now: Support.now).checksums == archive.checksums)
            // A copy under a new id: PostgreSQL keeps ids per tenant schema; SQLite numbers rows across tenants.
            let copy = TenantID("nogotok_copy")!
            switch target {
            case .postgres:
                try await TenantBackup.restore(archive, as: copy, replace: false, into: portable)
                #expect(try await TenantBackup.snapshot(copy, from: portable, now: Support.now).checksums == archive.checksums)
            case .sqlite:
                await #expect(throws: RestoreError.self) { try await TenantBackup.restore(archive, as: copy, replace: false, into: portable) }
                #expect(try await dependencies.stores.tenants.tenant(copy) == nil)
            }
        }
    }

    /// Ways an archive file gets damaged, each with the error it must give.
    static let damages: [(name: String, damage: @Sendable (Data) -> Data, kind: String)] = [
        ("empty", { _ in Data() }, "truncated"),
        ("cut in half", { $0.prefix($0.count / 2) }, "truncated"),
        ("manifest line missing", { data in data.prefix(upTo: data.dropLast().lastIndex(of: 0x0A)! + 1) }, "truncated"),
        ("one byte of a row changed", { data in
            var data = data
            let at = data.firstIndex(of: 0x0A)! + 40
            data[at] = data[at] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
            return data
        }, "corrupted"),
        ("a row line removed", { data in
            let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
            return Data((lines.prefix(2) + lines.dropFirst(3)).joined(separator: [0x0A]))
        }, "corrupted"),
        ("not an archive", { _ in Data("{\"hello\":1}\n".utf8) }, "unreadable"),
        ("a newer format", { data in
            Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"version\":1", with: "\"version\":99").utf8)
        }, "unreadable"),
        ("garbage bytes", { _ in Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) } + [0x0A]) }, "unreadable"),
    ]

    @Test(arguments: Support.Target.available)
    func damagedArchiveIsRefusedAndNothingIsWritten(target: Support.Target) async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try await Support.withTarget(.sqlite) { dependencies in
            try await Self.seed(dependencies)
            let written = try await TenantBackup.backup(nil, from: try #require(dependencies.portable), into: directory, now: Support.now)
            return try Data(contentsOf: try #require(written.first).file)
        }
        try await Support.withTarget(target) { dependencies in
            let portable = try #require(dependencies.portable)
            for (name, damage, kind) in Self.damages {
                let file = directory.appendingPathComponent("damaged.zapis-archive")
                try damage(good).write(to: file)
                do {
                    let archive = try TenantArchive.read(file)
                    try await TenantBackup.restore(archive, replace: true, into: portable)
                    Issue.record("\(name): restored")
                } catch let error as ArchiveError {
                    #expect("\(error)".contains(kind == "unreadable" ? "not a readable" : kind), "\(name): \(error)")
                }
                #expect(try await dependencies.stores.tenants.allTenants().isEmpty, "\(name) wrote a tenant")
            }
            // The undamaged file restores.
            let file = directory.appendingPathComponent("good.zapis-archive")
            try good.write(to: file)
            try await TenantBackup.restore(try TenantArchive.read(file), replace: false, into: portable)
            #expect(try await dependencies.stores.tenants.allTenants().map(\.id) == [Self.tenant])
        }
    }

    /// Archives whose manifest matches their content (made with the writer), but whose content is hostile.
    @Test func craftedArchivesAreRefusedEvenWithMatchingManifests() async throws {
        let good = try await Support.withTarget(.sqlite) { dependencies in
            try await Self.seed(dependencies)
            return try await TenantBackup.snapshot(Self.tenant, from: try #require(dependencies.portable), now: Support.now)
        }
        let tenants = try #require(PortableSchema.tenantArchiveTables.first { $0.name == "tenants" })
        let masters = try #require(PortableSchema.tenantArchiveTables.first { $0.name == "masters" })
        func with(_ table: String, _ change: ([PortableRow]) -> [PortableRow]) -> TenantArchive {
            var rows = good.rows
            rows[table] = change(rows[table] ?? [])
            return TenantArchive(tenant: good.tenant, createdAt: good.createdAt, source: good.source, rows: rows)
        }
        let plan = try #require(masters.index(of: "plan")), active = try #require(masters.index(of: "is_active"))
        let crafted: [(String, TenantArchive)] = [
            ("a JSON column that is not JSON", with("masters") { rows in rows.map { var row = $0; row[plan] = .text("{nope"); return row } }),
            ("JSON nested 1,000 deep", with("masters") { rows in
                rows.map { var row = $0; row[plan] = .text(String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)); return row }
            }),
            ("a boolean of 2", with("masters") { rows in rows.map { var row = $0; row[active] = .integer(2); return row } }),
            ("a row of another tenant", with("tenants") { rows in
                rows.map { var row = $0; row[tenants.index(of: "id")!] = .text("someone_else"); return row }
            }),
            ("two tenant rows", with("tenants") { $0 + $0 }),
            ("a short row", with("masters") { rows in rows.map { Array($0.dropLast()) } }),
        ]
        for (name, archive) in crafted {
            #expect(throws: ArchiveError.self, "\(name)") { _ = try TenantArchive.decode(try archive.encoded()) }
        }
        #expect(try TenantArchive.decode(try good.encoded()).checksums == good.checksums)
    }
}
