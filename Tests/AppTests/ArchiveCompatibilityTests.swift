@testable import App
import BookingCore
import Foundation
import Storage
import Testing

/// An archive written by an older build (fewer tables or columns) is read with no rows or absent values there and
/// restores; one written by a newer build (a table or column unknown here) is refused with nothing written.
@Suite("Archives across versions")
struct ArchiveCompatibilityTests {
    typealias Support = ImportSupport

    static func snapshot() async throws -> TenantArchive {
        try await Support.withTarget(.sqlite) { dependencies in
            try await BackupTests.seed(dependencies)
            return try await TenantBackup.snapshot(BackupTests.tenant, from: try #require(dependencies.portable), now: Support.now)
        }
    }

    /// Today's tables without `dropped` tables and without `column` of `table`.
    static func older(dropping dropped: Set<String>, column: (table: String, name: String)) -> [PortableTable] {
        PortableSchema.tenantArchiveTables.filter { !dropped.contains($0.name) }.map { table in
            table.name == column.table ? table.with(columns: table.columns.filter { $0.name != column.name }) : table
        }
    }

    @Test(arguments: Support.Target.available)
    func anArchiveOfAnOlderTableListRestores(target: Support.Target) async throws {
        let good = try await Self.snapshot()
        // As a build before the business profile's presentation column and before subscriptions.
        let old = Self.older(dropping: ["subscriptions"], column: ("tenants", "presentation"))
        let read = try TenantArchive.decode(try good.encoded(as: old))
        let tenants = try #require(PortableSchema.tenantArchiveTables.first { $0.name == "tenants" })
        #expect(read.rows["tenants"]?.first?[try #require(tenants.index(of: "presentation"))] == .text("{}"))
        #expect(read.rows["subscriptions"] == nil)
        #expect(read.counts["bookings"] == good.counts["bookings"])
        try await Support.withTarget(target) { dependencies in
            let portable = try #require(dependencies.portable)
            try await TenantBackup.restore(read, replace: false, into: portable)
            let record = try #require(try await dependencies.stores.tenants.tenant(BackupTests.tenant))
            #expect(record.profile.presentation == TenantPresentation())
            #expect(record.profile.name == "Ноготок")
        }
    }

    @Test func anArchiveOfANewerBuildIsRefused() async throws {
        let good = try await Self.snapshot()
        let body = try good.encoded()
        // A column this build does not know, in the header (refused before the manifest is even checked).
        let text = String(decoding: body, as: UTF8.self)
        let newer = text.replacingOccurrences(of: #"{"kind":"text","name":"address"}"#, with: #"{"kind":"text","name":"address"},{"kind":"text","name":"floor"}"#)
        #expect(newer != text)
        #expect(throws: ArchiveError.self) { _ = try TenantArchive.decode(Data(newer.utf8)) }
        let renamed = text.replacingOccurrences(of: #""name":"poll_leases""#, with: #""name":"poll_leases_v2""#)
        #expect(renamed != text)
        do {
            _ = try TenantArchive.decode(Data(renamed.utf8))
            Issue.record("an unknown table was accepted")
        } catch let error as ArchiveError {
            #expect(error.description.contains("newer Zapis"))
        }
    }
}
