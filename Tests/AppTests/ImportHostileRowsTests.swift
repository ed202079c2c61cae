import App
import BookingCore
import Foundation
import Import
import Storage
import Testing

/// `zapis import` over broken and hostile rows of the original: each is reported and skipped, never a trap, and the
/// good rows still import; prices in every form the original wrote them.
@Suite("Import of hostile rows")
struct ImportHostileRowsTests {
    typealias Support = ImportSupport

    @Test func hostileRowsAreReportedAndSkipped() async throws {
        let hostile = """
            INSERT INTO services (id, name, duration_minutes, price, is_active) VALUES (10, 'Золото', 60, '99999999999999999999999 ₽', 1);
            INSERT INTO services (id, name, duration_minutes, price, is_active) VALUES (11, 'Отрицательная', -30, '100', 1);
            INSERT INTO services (id, name, duration_minutes, price, is_active) VALUES (12, 'Вечная', 9223372036854775807, '100', 1);
            INSERT INTO bookings (id, date, time, user_id, service_id, duration_minutes) VALUES (100, '9999999-01-01', '10:00', 300000023, 1, 60);
            INSERT INTO bookings (id, date, time, user_id, service_id, duration_minutes) VALUES (101, '2028-02-30', '10:00', 300000023, 1, 60);
            INSERT INTO bookings (id, date, time, user_id, service_id, duration_minutes) VALUES (102, '2028-05-01', '25:99', 300000023, 1, 60);
            INSERT INTO bookings (id, date, time, user_id, service_id, duration_minutes) VALUES (103, '2028-05-02', '10:00', 300000023, 1, -45);
            INSERT INTO bookings (id, date, time, user_id, service_id, duration_minutes) VALUES (104, '2028-05-03', '10:00', -7, 1, 60);
            INSERT INTO bookings (id, date, time, user_id, service_id, duration_minutes) VALUES (105, X'C328FF', X'00FF', 300000023, 1, 60);
            INSERT INTO bookings (id, date, time, user_id, service_id, duration_minutes) VALUES (106, '2028-05-04', '10:00', 300000023, 1, 99999999999999);
            INSERT INTO users (user_id, first_seen) VALUES (99999999999999999, '2026-01-01');
            INSERT INTO feedback (user_id, booking_id, rating, timestamp) VALUES (300000023, 21, 70, '2026-07-01 18:00:00');
            INSERT INTO blocked_slots (date, time, reason, blocked_by) VALUES ('2028-13-45', '10:00', 'x', 500000003);
            UPDATE schedule_settings SET work_hours_start = 99999999999;
            """
        let source = try Support.originalSQLite(extra: hostile)
        defer { try? FileManager.default.removeItem(atPath: source) }
        try await Support.withTarget(.sqlite) { dependencies in
            var options = ImportOptions(from: "sqlite:\(source)")
            options.tenantID = "nogotok"
            options.token = "3333333333:AAHfakeTokenForNogotok00000000000003"
            let report = try #require(try await OriginalImporter(dependencies: dependencies).run(options).first)
            let skipped = report.skipped.joined(separator: "\n")
            for needle in [
                "service 11", "service 12", "booking 100", "booking 101", "booking 102", "booking 103", "booking 104", "booking 105",
                "booking 106",
                "user \"99999999999999999\"", "rating \"70\"", "blocked slot", "work_hours_start", "\"Золото\": price",
            ] {
                #expect(skipped.contains(needle), "\(needle) not in \(skipped)")
            }
            // The good rows all came through.
            #expect(report.counts["bookings.future_confirmed"] == 22)
            #expect(report.counts["bookings.past_completed"] == 18)
            let services = try await dependencies.stores.catalog.services(TenantID("nogotok")!)
            #expect(services.first { $0.name == "Золото" }?.price == .onRequest)
        }
    }

    @Test func pricesBecomeMinorUnitsFreeOrOnRequest() throws {
        let cases: [(String?, Price)] = [
            ("2500 ₽", .fixed(minorUnits: 250_000, currency: "RUB")), ("от 4500 ₽", .fixed(minorUnits: 450_000, currency: "RUB")),
            ("2 000 руб.", .fixed(minorUnits: 200_000, currency: "RUB")), ("1200", .fixed(minorUnits: 120_000, currency: "RUB")),
            ("1 500,50", .fixed(minorUnits: 150_050, currency: "RUB")), ("Бесплатно", .free), ("договорная", .onRequest), (nil, .onRequest),
            ("1e308", .onRequest), ("٣٠٠", .onRequest), ("99999999999 ₽", .onRequest),
        ]
        var rows: [OriginalRow] = []
        for (index, (price, _)) in cases.enumerated() {
            var row: OriginalRow = ["id": String(index + 1), "name": "s\(index)", "duration_minutes": "60"]
            row["price"] = price
            rows.append(row)
        }
        let mapper = ImportMapper(
            tenant: TenantID("client_009")!, masterName: "x", calendar: try #require(ZonedCalendar(identifier: "Europe/Moscow")),
            now: Support.now)
        let plan = mapper.map(OriginalTenantData(source: "test", layout: .postgres, tables: ["services": rows, "bookings": []]))
        #expect(plan.services.map(\.value.price) == cases.map(\.1))
        #expect(plan.services[1].value.description.contains("от 4500 ₽"))
        #expect(plan.report.skipped.filter { $0.contains("unreadable") }.count == 3)
    }
}
