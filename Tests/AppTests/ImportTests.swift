import App
import BookingCore
import Foundation
import Import
import Storage
import Testing

/// `zapis import` over the original's fixtures into a real SQLite and PostgreSQL target: the counts and spot checks
/// of `expected.json`, reminders of future bookings only, idempotence, dry runs, conflicts and hostile rows.
@Suite("Import from the original bot", .serialized)
struct ImportTests {
    typealias Support = ImportSupport
    static let placeholder = "Без услуги (импорт)"
    static let all = Date(timeIntervalSince1970: 946_684_800)..<Date(timeIntervalSince1970: 4_102_444_800)

    /// Checks what `tenant` holds against `expected` (read from the database, not from the report).
    static func check(_ dependencies: AppDependencies, _ tenant: TenantID, _ expected: Support.Expected, report: ImportReport) async throws
    {
        let stores = dependencies.stores
        let services = try await stores.catalog.services(tenant)
        let imported = services.filter { $0.name != placeholder }
        #expect(imported.filter(\.isActive).count == expected.services["active"])
        #expect(imported.filter { !$0.isActive }.count == expected.services["inactive"])
        #expect(try await stores.backOffice.customerRecords(tenant).count == expected.customers)
        let bookings = try await stores.backOffice.bookings(startingIn: all, tenant: tenant)
        let confirmed = bookings.filter { $0.status == .confirmed }
        let completed = bookings.filter { $0.status == .completed }
        let cancelled = bookings.filter { if case .cancelled = $0.status { true } else { false } }
        #expect(confirmed.count == expected.bookings["future_active"])
        #expect(confirmed.allSatisfy { $0.start > Support.now })
        #expect(completed.count == expected.bookings["past_completed"])
        #expect(completed.allSatisfy { $0.end <= Support.now })
        #expect(cancelled.count == expected.bookings["cancelled_from_history"])
        #expect(cancelled.filter { $0.customer == ImportMapper.unknownCustomer }.count == expected.bookings["cancelled_customer_unknown"])
        let byID = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0) })
        let visits = confirmed + completed
        #expect(visits.filter { byID[$0.serviceID]?.name == placeholder }.count == expected.bookings["without_service"])
        let differing = visits.filter { booking in
            guard let service = byID[booking.serviceID], service.name != placeholder else { return false }
            return Int(booking.end.timeIntervalSince(booking.start) / 60) != service.durationMinutes
        }
        #expect(differing.count == expected.bookings["duration_differs_from_service"])
        #expect(report.counts["bookings.unpadded_time", default: 0] == expected.bookings["unpadded_time"])
        var reschedules = 0
        for booking in bookings {
            reschedules += try await stores.bookings.history(of: booking.id, tenant: tenant).filter { $0.from != nil }.count
        }
        #expect(reschedules == expected.reschedules_in_history)
        let admins = try await stores.admins.admins(tenant)
        #expect(admins.filter { $0.role == .owner }.count == expected.admins_mapped["owner"])
        #expect(admins.filter { $0.role == .manager }.count == expected.admins_mapped["manager"])
        #expect(report.counts["blocked_slot_rows"] == expected.blocked_slot_rows)
        #expect(
            try await stores.feedback.feedback(ratedIn: all, master: nil, tenant: tenant).count
                == expected.feedback["importable_one_per_booking"])
        #expect(report.counts["feedback.orphaned", default: 0] == expected.feedback["orphaned"])
        #expect(report.counts["feedback.duplicates_for_one_booking", default: 0] == expected.feedback["duplicates_for_one_booking"])
        let iso = ISO8601DateFormatter()
        for spot in expected.spot_checks {
            let start = try #require(iso.date(from: spot.starts_utc))
            if let customer = spot.cancelled_by_customer {
                let match = cancelled.filter { $0.start == start && $0.customer == UserID(customer) }
                #expect(match.count == 1, "cancelled booking \(spot.cancelled_booking_from_history ?? 0)")
                #expect(match.first?.status == .cancelled(by: .customer, reason: "Cancelled by user"))
                continue
            }
            let user = try #require(spot.user_id)
            let mine = try await stores.bookings.bookings(of: UserID(user), tenant: tenant).filter { $0.start == start }
            #expect(mine.count == 1, "booking of \(user) at \(spot.starts_utc)")
            guard let booking = mine.first else { continue }
            #expect(booking.status == (spot.kind == "future" ? .confirmed : .completed))
            #expect(booking.end.timeIntervalSince(booking.start) == Double(spot.duration_minutes ?? 0) * 60)
            #expect(byID[booking.serviceID]?.name == (spot.service ?? placeholder))
            // The local wall clock the original showed.
            let calendar = try #require(ZonedCalendar(identifier: "Europe/Moscow"))
            #expect(calendar.localDate(of: booking.start).description == spot.local_date)
            #expect(calendar.localTime(of: booking.start).description == spot.local_time)
        }
        // Reminders (and the feedback question) for every future booking, none for the past or cancelled ones.
        let rows = try await dependencies.outbox.dueMessages(now: all.upperBound, limit: 100_000).filter { $0.tenant == tenant }
        let future = Set(confirmed.map(\.id))
        #expect(Set(rows.compactMap(\.bookingID)) == future)
        #expect(rows.count == future.count * 3)
        for booking in confirmed {
            let dues = rows.filter { $0.bookingID == booking.id }.map(\.dueAt).sorted()
            #expect(dues.first == booking.start.addingTimeInterval(-24 * 3600))
            #expect(rows.filter { $0.bookingID == booking.id }.allSatisfy { $0.chatID == booking.chat.rawValue })
        }
    }

    @Test(arguments: Support.Target.available.filter { _ in ProcessInfo.processInfo.environment["ZAPIS_TEST_POSTGRES_URL"] != nil })
    func postgresFixtureAllSchemas(target: Support.Target) async throws {
        try await Support.withOriginalPostgres { source in
            try await Support.withTarget(target) { dependencies in
                var options = ImportOptions(from: source)
                options.allSchemas = true
                let importer = OriginalImporter(dependencies: dependencies)
                let reports = try await importer.run(options)
                #expect(reports.map(\.tenant) == ["client_001", "client_002"])
                for report in reports {
                    #expect(report.conflicts.isEmpty, "\(report.lines)")
                    let id = try #require(TenantID(report.tenant))
                    let expected = try Support.expected("postgres.sql", report.tenant)
                    try await Self.check(dependencies, id, expected, report: report)
                    let record = try #require(try await dependencies.stores.tenants.tenant(id))
                    #expect(record.profile.name == expected.company_name)
                }
                let lilia = try #require(try await dependencies.stores.tenants.tenant(TenantID("client_001")!))
                #expect(try dependencies.vault.open(lilia.encryptedToken) == "1111111111:AAHfakeTokenForLiliaSalon0000000001")
                #expect(lilia.botID == 1_111_111_111 && lilia.botUsername == "lilia_salon_bot" && lilia.ownerID == UserID(500_000_001))
                #expect(lilia.profile.status == .active)
                let barber = try #require(try await dependencies.stores.tenants.tenant(TenantID("client_002")!))
                #expect(barber.profile.status == .suspended)
                #expect(reports[1].notes.contains { $0.contains("paid until") })
                // The original's 8 March day off: thirteen blocked hours, one block 09:00–20:00 Moscow.
                let march8 = Date(timeIntervalSince1970: 1_836_086_400)..<Date(timeIntervalSince1970: 1_836_172_800)  // 2028-03-08 UTC
                let blocks = try await dependencies.stores.bookings.blocks(overlapping: march8, tenant: TenantID("client_001")!)
                #expect(blocks.count == 1)
                #expect(blocks.first.map { Int($0.range.upperBound.timeIntervalSince($0.range.lowerBound).rounded()) } == 11 * 3600)
                // Matching templates became overrides (HTML dropped); the unknown one is reported.
                let texts = try await dependencies.stores.textOverrides.textOverrides(TenantID("client_001")!)
                #expect(Set(texts.map(\.key)) == ["greeting", "booked"])
                #expect(texts.allSatisfy { !$0.template.contains("<b>") })
                #expect(reports[0].notes.contains { $0.contains("unknown.key") })

                // A second run changes nothing.
                var before: [String: [String: Int]] = [:]
                for id in ["client_001", "client_002"].compactMap(TenantID.init) {
                    before[id.rawValue] = try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: id)
                }
                let again = try await importer.run(options)
                for report in again {
                    #expect(report.written == 0 && report.conflicts.isEmpty && report.unchanged > 0)
                    let id = try #require(TenantID(report.tenant))
                    #expect(
                        try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: id) == before[report.tenant])
                }
                #expect(
                    try await dependencies.stores.tenants.operatorAudit(tenant: TenantID("client_001")!, limit: 10).filter {
                        $0.action == "tenant.import"
                    }.count == 1)
            }
        }
    }

    @Test func oneSchemaIntoANamedTenant() async throws {
        guard ProcessInfo.processInfo.environment["ZAPIS_TEST_POSTGRES_URL"] != nil else { return }
        try await Support.withOriginalPostgres { source in
            try await Support.withTarget(.sqlite) { dependencies in
                var options = ImportOptions(from: source)
                options.schema = "client_002"
                options.tenantID = "barber_42"
                let report = try #require(try await OriginalImporter(dependencies: dependencies).run(options).first)
                #expect(report.tenant == "barber_42" && report.conflicts.isEmpty)
                let record = try #require(try await dependencies.stores.tenants.tenant(TenantID("barber_42")!))
                // Matched to its master_bot client by the schema's super admin.
                #expect(record.profile.name == "Барбершоп 42" && record.ownerID == UserID(500_000_002))
                try await Self.check(dependencies, record.id, try Support.expected("postgres.sql", "client_002"), report: report)
            }
        }
    }

    @Test(arguments: Support.Target.available)
    func sqliteFixture(target: Support.Target) async throws {
        let source = try Support.originalSQLite()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try await Support.withTarget(target) { dependencies in
            var options = ImportOptions(from: "sqlite:\(source)")
            options.tenantID = "nogotok"
            options.name = "Ноготок"
            options.token = "3333333333:AAHfakeTokenForNogotok00000000000003"
            let importer = OriginalImporter(dependencies: dependencies)
            let report = try #require(try await importer.run(options).first)
            #expect(report.conflicts.isEmpty, "\(report.lines)")
            let id = TenantID("nogotok")!
            try await Self.check(dependencies, id, try Support.expected("sqlite.sql", "single_tenant"), report: report)
            let record = try #require(try await dependencies.stores.tenants.tenant(id))
            #expect(record.ownerID == UserID(500_000_003))  // the source's super admin
            let texts = try await dependencies.stores.textOverrides.textOverrides(id)
            #expect(Set(texts.map(\.language)) == ["ru", "en"])

            let before = try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: id)
            let again = try #require(try await importer.run(options).first)
            #expect(again.written == 0 && again.conflicts.isEmpty)
            #expect(try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: id) == before)
        }
    }

    @Test(arguments: Support.Target.available)
    func dryRunWritesNothing(target: Support.Target) async throws {
        let source = try Support.originalSQLite()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try await Support.withTarget(target) { dependencies in
            var options = ImportOptions(from: "sqlite:\(source)")
            options.tenantID = "nogotok"
            options.token = "3333333333:AAHfakeTokenForNogotok00000000000003"
            options.dryRun = true
            let importer = OriginalImporter(dependencies: dependencies)
            let report = try #require(try await importer.run(options).first)
            #expect(report.dryRun && report.written > 0)
            #expect(report.counts["bookings.future_confirmed"] == 22)
            #expect(try await dependencies.stores.tenants.allTenants().isEmpty)
            // Over an imported tenant a dry run reports and changes nothing either.
            options.dryRun = false
            _ = try await importer.run(options)
            let id = TenantID("nogotok")!
            let before = try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: id)
            options.dryRun = true
            let second = try #require(try await importer.run(options).first)
            #expect(second.dryRun && second.written == 0)
            #expect(try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: id) == before)
        }
    }

    @Test func changedSourceIsRefusedAndNothingWritten() async throws {
        let source = try Support.originalSQLite()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try await Support.withTarget(.sqlite) { dependencies in
            var options = ImportOptions(from: "sqlite:\(source)")
            options.tenantID = "nogotok"
            options.token = "3333333333:AAHfakeTokenForNogotok00000000000003"
            let importer = OriginalImporter(dependencies: dependencies)
            _ = try await importer.run(options)
            let id = TenantID("nogotok")!
            let before = try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: id)
            // The original moved a booking and took a new one since: the move conflicts, so nothing is written.
            try Support.run(
                "/usr/bin/env",
                [
                    "sqlite3", source,
                    "UPDATE bookings SET time = '11:00' WHERE id = 21; INSERT INTO bookings (id, date, time, user_id, service_id, duration_minutes) VALUES (99, '2028-04-01', '10:00', 300000023, 1, 60);",
                ])
            let report = try #require(try await importer.run(options).first)
            #expect(report.conflicts.count == 1)
            #expect(report.conflicts.first?.contains("booking 21") == true)
            #expect(try await Support.snapshot(dependencies.stores, outbox: dependencies.outbox, tenant: id) == before)
            // Importing into a tenant that has data of its own (not from this source) is refused too.
            var other = options
            other.from = "sqlite:\(try Support.originalSQLite())"
            let foreign = try #require(try await importer.run(other).first)
            #expect(foreign.conflicts.contains { $0.contains("no import of") })
        }
    }
}
