import AsyncHTTPClient
import BookingCore
import Foundation
import NIOCore
import Storage
import TelegramSandbox
import Testing

@testable import BotFlows

/// The secret iCal feeds, read by a strict parser (scripts/ical_check.py: Python's `icalendar` plus the RFC's line
/// rules): the right instants across a DST change from the feed's own VTIMEZONE, a moved booking once with a higher
/// SEQUENCE, a cancelled one as STATUS:CANCELLED, rotation from the admin panel, and the same 404 for every wrong URL.
@Suite("Calendar feeds", .serialized)
struct CalendarFeedTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Parsed: Decodable {
        struct Event: Decodable {
            var uid: String
            var start: String
            var end: String
            var sequence: Int
            var status: String
            var summary: String
        }
        var timezones: [String]
        var events: [Event]
    }

    /// Parses `text` with the strict checker; fails the test with its reason when it refuses.
    static func parse(_ text: String) async throws -> Parsed {
        let python = try #require(Self.python, "python3 with icalendar is needed (scripts/test installs it)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).ics")
        try Data(text.utf8).write(to: file)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).json")
        let (status, printed) = try await SchemathesisTests.run(
            python, [root.appendingPathComponent("scripts/ical_check.py").path, file.path], output: output, timeout: .seconds(60))
        try #require(status == 0, "the strict parser refused the feed: \(printed)")
        let json = try #require(printed.split(separator: "\n").last { $0.hasPrefix("{") })
        return try JSONDecoder().decode(Parsed.self, from: Data(json.utf8))
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    @Test func instantsAcrossADSTChangeComeFromTheFeedsOwnVTimezone() async throws {
        let id = TenantID("dst_salon")!
        let record = TenantRecord(
            profile: TenantProfile(id: id, name: "Berlin, Salon; \"Eins\"", timeZone: "Europe/Berlin", address: "Unter den Linden 1, Berlin"),
            encryptedToken: [], botID: 1, botUsername: "dst_bot", ownerID: UserID(1), createdAt: Date(timeIntervalSince1970: 1_790_000_000))
        let tenant = TenantContext(record: record)
        let zone = tenant.calendar
        // 10:00 on the Saturday before the change (CEST, UTC+2) and on the Monday after (CET, UTC+1); 02:30 on the day
        // of the change falls in the repeated hour.
        let before = try #require(zone.instant(LocalDate(year: 2026, month: 10, day: 24)!, LocalTime(hour: 10)!))
        let after = try #require(zone.instant(LocalDate(year: 2026, month: 10, day: 26)!, LocalTime(hour: 10)!))
        func booking(_ n: Int64, _ start: Date, _ status: BookingStatus = .confirmed) -> Booking {
            Booking(
                id: BookingID(n), customer: UserID(n), chat: ChatID(n), serviceID: ServiceID(1), masterID: MasterID(1), start: start,
                end: start.addingTimeInterval(3_600), status: status, createdAt: before)
        }
        let events = [
            CalendarFeed.Event(booking: booking(1, before), service: "Schnitt", master: "Anna", client: "Jörg, \"der Kunde\"; VIP", moves: 0),
            CalendarFeed.Event(booking: booking(2, after), service: "Schnitt", master: "Anna", client: "B", moves: 2),
            CalendarFeed.Event(booking: booking(3, after.addingTimeInterval(7_200), .cancelled(by: .customer, reason: nil)), service: "Färben", master: "Anna",
                               client: String(repeating: "Ü", count: 90), moves: 0),
        ]
        let feed = CalendarFeed(tenant: tenant, name: "Anna", events: events, now: before)
        let parsed = try await Self.parse(feed.text)
        #expect(parsed.timezones == ["Europe/Berlin"])
        #expect(parsed.events.map(\.start) == ["2026-10-24T08:00:00Z", "2026-10-26T09:00:00Z", "2026-10-26T11:00:00Z"])
        #expect(parsed.events.map(\.start) == [before, after, after.addingTimeInterval(7_200)].map(Self.iso))
        #expect(parsed.events.map(\.sequence) == [0, 2, 1])
        #expect(parsed.events.map(\.status) == ["CONFIRMED", "CONFIRMED", "CANCELLED"])
        #expect(parsed.events[0].summary == "Schnitt — Jörg, \"der Kunde\"; VIP")
        #expect(feed.text.contains("BEGIN:DAYLIGHT") && feed.text.contains("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"))
    }

    /// The feed path of the link an admin is shown: a full URL of the service's public address (issue 18).
    static func feedPath(_ text: String?, port: Int) throws -> String {
        let base = "http://127.0.0.1:\(port)"
        let link = try #require(text?.split(separator: "\n").first { $0.hasPrefix(base + "/ical/") }, "no full feed URL in \(text ?? "-")")
        return String(link.dropFirst(base.count))
    }

    static func get(_ port: Int, _ path: String) async throws -> (Int, String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 24)
        return (Int(response.status.code), String(buffer: body))
    }

    @Test func aMastersFeedShowsAMovedBookingOnceWithAHigherSequenceAndRotatesFromThePanel() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let owner = stack.user(1, of: tenant)
            try await owner.send("/admin")
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
            try await owner.press("👥 Мастера")
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("👥 Мастера.") == true }
            try await owner.press("Анна")
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("👤 Анна") == true }
            try await owner.press("📅 Календарь (iCal)")
            let shown = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📅 Календарь «Анна»") == true }
            let path = try Self.feedPath(shown.text, port: stack.appPort)

            let master = try #require(try await stack.stores.catalog.masters(tenant).first)
            let service = try #require(try await stack.stores.catalog.services(tenant).first)
            let day = ZonedCalendar(identifier: "Europe/Moscow")!.localDate(of: Date()).adding(days: 3)
            let start = try #require(ZonedCalendar(identifier: "Europe/Moscow")!.instant(day, LocalTime(hour: 10)!))
            let moved = try await stack.stores.bookings.createBooking(
                BookingRequest(customer: UserID(700), chat: ChatID(700), service: service, masterID: master.id, start: start),
                tenant: tenant, maxActivePerCustomer: 10, now: Date())
            _ = try await stack.stores.bookings.rescheduleBooking(
                moved.id, to: BookingRequest(customer: UserID(700), chat: ChatID(700), service: service, masterID: master.id, start: start.addingTimeInterval(7_200)),
                tenant: tenant, maxActivePerCustomer: 10, now: Date())
            let cancelled = try await stack.stores.bookings.createBooking(
                BookingRequest(customer: UserID(701), chat: ChatID(701), service: service, masterID: master.id, start: start.addingTimeInterval(4 * 3_600)),
                tenant: tenant, maxActivePerCustomer: 10, now: Date())
            _ = try await stack.stores.bookings.cancelBooking(cancelled.id, tenant: tenant, by: .customer, reason: nil, now: Date())

            let (status, text) = try await Self.get(stack.appPort, path)
            #expect(status == 200)
            let parsed = try await Self.parse(text)
            let movedEvents = parsed.events.filter { $0.uid == "booking-\(moved.id)@\(tenant).zapis" }
            #expect(movedEvents.count == 1)
            #expect(movedEvents.first?.sequence == 1 && movedEvents.first?.start == Self.iso(start.addingTimeInterval(7_200)))
            let cancelledEvent = parsed.events.first { $0.uid == "booking-\(cancelled.id)@\(tenant).zapis" }
            #expect(cancelledEvent?.status == "CANCELLED")

            // A new link from the panel: the old one is the same 404 as any wrong URL.
            try await owner.press("🔄 Новая ссылка")
            let rotated = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Старая ссылка больше не работает.") == true }
            let newPath = try Self.feedPath(rotated.text, port: stack.appPort)
            #expect(newPath != path)
            #expect(try await Self.get(stack.appPort, newPath).0 == 200)
            let token = String(repeating: "a", count: 32)
            for wrong in [
                path, "/ical/\(tenant)/\(token).ics", "/ical/no_such_salon/\(token).ics", "/ical/\(tenant)/\(token)", "/ical/\(tenant)/zz.ics",
                "/ical/%2e%2e/\(token).ics", "/ical/\(tenant)/\(String(repeating: "f", count: 5_000)).ics", "/ical/\(LocalStack.tenantB)/" + newPath.split(separator: "/").last!,
            ] {
                let (code, body) = try await Self.get(stack.appPort, wrong)
                #expect(code == 404 && body == "not found", "\(wrong.prefix(80))")
            }
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
        }
    }

    @Test func theBusinessFeedHasEveryMaster() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let owner = stack.user(1, of: tenant, language: "en")
            try await owner.send("/admin")
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Admin panel") == true }
            try await owner.press("👥 Staff")
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("👥 Staff.") == true }
            try await owner.press("📅 Business calendar (iCal)")
            let shown = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📅 Calendar") == true }
            let path = try Self.feedPath(shown.text, port: stack.appPort)
            let master = try #require(try await stack.stores.catalog.masters(tenant).first)
            let second = try await stack.stores.catalog.saveMaster(Master(id: MasterID(0), name: "Борис"), tenant: tenant)
            let service = try #require(try await stack.stores.catalog.services(tenant).first)
            let start = Date().addingTimeInterval(3 * 86_400).rounded(toMinutes: 60)
            for (customer, who) in [(Int64(800), master.id), (801, second.id)] {
                _ = try await stack.stores.bookings.createBooking(
                    BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: service, masterID: who, start: start),
                    tenant: tenant, maxActivePerCustomer: 10, now: Date())
            }
            let (status, text) = try await Self.get(stack.appPort, path)
            #expect(status == 200)
            #expect(try await Self.parse(text).events.count == 2)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
        }
    }
}

extension Date {
    /// This instant rounded down to a multiple of `minutes`.
    func rounded(toMinutes minutes: Int) -> Date {
        let step = Double(minutes * 60)
        return Date(timeIntervalSince1970: (timeIntervalSince1970 / step).rounded(.down) * step)
    }
}
