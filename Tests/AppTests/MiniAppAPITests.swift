import AsyncHTTPClient
import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// The Mini App's JSON API on the real server: a booking, a move and a cancel made there go through the chat's
/// flows (the chat gets the confirmation, the owner the notice, the outbox the reminders) and show in the chat's
/// My bookings.
@Suite("Mini App API", .serialized)
struct MiniAppAPITests {
    @Test func bookMoveAndCancelGoThroughTheChatsFlows() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let token = stack.tokens[tenant]!
            let app = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: 7_001)
            // A customer opens the Mini App from the bot's chat: the chat exists.
            let user = stack.user(7_001, of: tenant)
            try await CustomerJourney(user: user).start()
            let owner = stack.user(1, of: tenant)
            try await CustomerJourney(user: owner).start()
            let catalog = try await app.call(.GET, "services")
            #expect(catalog.status == 200)
            #expect(catalog.json["business"] as? String == "Salon salon_alpha")
            #expect(catalog.json["language"] as? String == "ru")
            // Two days ahead: outside the cancel window (24 h), so it can be moved and cancelled.
            let free = try #require(try await app.firstFreeTime(daysAhead: 2))
            let booked = try await app.call(
                .POST, "bookings", body: #"{"service": \#(free.service), "master": \#(free.master), "start": \#(free.start)}"#)
            #expect(booked.status == 201)
            let id = try #require(booked.json["id"] as? Int64)
            let stored = try await stack.stores.bookings.bookings(of: UserID(7_001), tenant: tenant)
            #expect(stored.map(\.id.rawValue) == [id])
            #expect(stored.first?.chat == ChatID(7_001))
            // The chat's confirmation and calendar file reached the customer, the owner (chat 1) was told.
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Вы записаны!") == true }
            _ = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Mini7001") == true }
            _ = try await user.waitForTranscript(timeout: .seconds(10)) { $0.contains { $0.document != nil } }
            // Reminders are scheduled in the outbox for the booking.
            let far = Date().addingTimeInterval(400 * 86_400)
            let reminders = try await stack.dependencies.outbox.dueMessages(now: far, limit: 10_000).filter {
                $0.bookingID == BookingID(id)
            }
            #expect(!reminders.isEmpty)
            // The chat's My bookings lists it.
            try await user.send("🗂 Мои записи")
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Ваши предстоящие записи") == true }
            // The Mini App's My bookings too; then a move to another free time and a cancel.
            let mine = try await app.call(.GET, "bookings").json["bookings"] as? [[String: Any]]
            #expect(mine?.map { $0["id"] as? Int64 } == [id])
            let days =
                try await app.call(.GET, "times?booking=\(id)&from=\(Self.today(plus: 2))&days=14").json["days"] as? [[String: Any]] ?? []
            let other = try #require(
                days.flatMap { $0["times"] as? [[String: Any]] ?? [] }.compactMap { $0["start"] as? Int64 }.first { $0 != free.start })
            let moved = try await app.call(.POST, "bookings/\(id)/reschedule", body: #"{"start": \#(other)}"#)
            #expect(moved.status == 200, "\(moved.json)")
            #expect(moved.json["start"] as? Int64 == other)
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Запись перенесена") == true }
            #expect(try await app.call(.POST, "bookings/\(id)/cancel").status == 200)
            #expect(try await stack.stores.bookings.booking(BookingID(id), tenant: tenant)?.status.isActive == false)
            #expect((try await app.call(.GET, "bookings").json["bookings"] as? [[String: Any]])?.isEmpty == true)
            // A second cancel is refused clearly.
            #expect(try await app.call(.POST, "bookings/\(id)/cancel").status == 409)
        }
    }

    /// The page's words come from the tenant's editable texts (issue 17, item 7): an edited Russian label reaches a
    /// Russian user, an English user gets the English default, another tenant its own.
    @Test func thePagesWordsAreTheTenantsEditableTexts() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            try await stack.stores.textOverrides.setTextOverride(key: "miniAppBook", language: "ru", template: "Запись онлайн", tenant: tenant)
            let russian = MiniAppClient(port: stack.appPort, tenant: tenant, token: stack.tokens[tenant]!, user: 7_101)
            let texts = try #require(try await russian.call(.GET, "services").json["texts"] as? [String: String])
            #expect(texts["book"] == "Запись онлайн" && texts["mine"] == "Мои записи")
            #expect(Set(texts.keys).count == 23)
            let english = MiniAppClient(port: stack.appPort, tenant: tenant, token: stack.tokens[tenant]!, user: 7_102, language: "en")
            #expect((try await english.call(.GET, "services").json["texts"] as? [String: String])?["book"] == "Book")
            let other = LocalStack.tenantB
            let neighbour = MiniAppClient(port: stack.appPort, tenant: other, token: stack.tokens[other]!, user: 7_103)
            #expect((try await neighbour.call(.GET, "services").json["texts"] as? [String: String])?["book"] == "Записаться")
        }
    }

    /// A deposit service booked in the Mini App is held, and the answer says so (the page then says to pay in the
    /// chat, where the invoice went).
    @Test func aDepositBookingIsAnsweredAsHeld() async throws {
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_RATE_LIMITS": "0"]) { stack in
            let tenant = LocalStack.tenantA
            for var service in try await stack.stores.catalog.services(tenant) {
                service.deposit = .fixed(minorUnits: 50_000)
                _ = try await stack.stores.catalog.saveService(service, tenant: tenant)
            }
            try await stack.stores.deposits.setPaymentMode(.stars, tenant: tenant, now: Date())
            let user = stack.user(7_201, of: tenant)
            try await CustomerJourney(user: user).start()
            let app = MiniAppClient(port: stack.appPort, tenant: tenant, token: stack.tokens[tenant]!, user: 7_201)
            let free = try #require(try await app.firstFreeTime(daysAhead: 2))
            let booked = try await app.call(
                .POST, "bookings", body: #"{"service": \#(free.service), "master": \#(free.master), "start": \#(free.start)}"#)
            #expect(booked.status == 201 && booked.json["held"] as? Bool == true)
            _ = try await user.waitForTranscript(timeout: .seconds(10)) { $0.contains { $0.invoice != nil } }
        }
    }

    @Test func forgedStaleOrMissingInitDataIsRefusedAndChangesNothing() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let token = stack.tokens[tenant]!
            let good = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: 7_101)
            let free = try #require(try await good.firstFreeTime())
            let body = #"{"service": \#(free.service), "master": \#(free.master), "start": \#(free.start)}"#
            var missing = good
            missing.authorization = nil
            var badHash = good
            badHash.authorization = String(good.authorization!.dropLast()) + (good.authorization!.hasSuffix("0") ? "1" : "0")
            let otherBot = MiniAppClient(port: stack.appPort, tenant: tenant, token: stack.tokens[LocalStack.tenantB]!, user: 7_101)
            let stale = MiniAppClient(
                port: stack.appPort, tenant: tenant, token: token, user: 7_101, authDate: Date().addingTimeInterval(-3_700))
            var changedUser = good
            changedUser.authorization = good.authorization!.replacingOccurrences(of: "7101", with: "7102")
            var wrongScheme = good
            wrongScheme.authorization = "Bearer " + good.authorization!.dropFirst(4)
            for (name, client) in [
                ("missing", missing), ("bad hash", badHash), ("other bot", otherBot), ("stale", stale), ("changed user", changedUser),
                ("scheme", wrongScheme),
            ] {
                #expect(try await client.call(.POST, "bookings", body: body).status == 401, "\(name)")
                #expect(try await client.call(.GET, "bookings").status == 401, "\(name)")
            }
            #expect(try await stack.stores.bookings.bookings(of: UserID(7_101), tenant: tenant).isEmpty)
            #expect(try await stack.stores.bookings.bookings(of: UserID(7_102), tenant: tenant).isEmpty)
            // The real thing still books.
            #expect(try await good.call(.POST, "bookings", body: body).status == 201)
        }
    }

    @Test func hostileInputGetsClearStatusesAndChangesNothing() async throws {
        // Forty calls from one user in a second: the incoming limit would answer most with 429 (MiniAppRateLimitTests);
        // here each must reach the input checks.
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_RATE_LIMITS": "0"]) { stack in
            let tenant = LocalStack.tenantA
            let token = stack.tokens[tenant]!
            let app = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: 7_201)
            let free = try #require(try await app.firstFreeTime())
            // Unknown or malformed tenants.
            for raw in ["no_such_tenant", "a%22%3B%20drop%20schema%20x", String(repeating: "a", count: 300)] {
                let stranger = MiniAppClient(port: stack.appPort, tenant: LocalStack.tenantB, token: token, user: 7_201)
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(stack.appPort)/app/\(raw)/api/services")
                request.headers.add(name: "Authorization", value: stranger.authorization!)
                #expect(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code == 404, "\(raw.prefix(30))")
            }
            // Malformed, forged and oversize bodies.
            let bodies: [(String, Int)] = [
                ("", 400), ("{", 400), ("[]", 400), (#"{"service": "1", "master": 1, "start": 1}"#, 400),
                (#"{"service": 1, "master": 1}"#, 400), (#"{"service": 1e99, "master": 1, "start": 1}"#, 400),
                (#"{"service": 0, "master": \#(free.master), "start": \#(free.start)}"#, 400),
                (#"{"service": -5, "master": \#(free.master), "start": \#(free.start)}"#, 400),
                (#"{"service": 9007199254740993, "master": \#(free.master), "start": \#(free.start)}"#, 400),
                (#"{"service": \#(free.service), "master": \#(free.master), "start": 99999999999}"#, 400),
                (#"{"service": \#(free.service), "master": \#(free.master), "start": -1}"#, 400),
                ("{\"pad\": \"" + String(repeating: "x", count: 10_000) + "\"}", 413),
                // Well-formed but absurd: a service or master that does not exist, a time off the grid or long past.
                (#"{"service": 999999, "master": \#(free.master), "start": \#(free.start)}"#, 409),
                (#"{"service": \#(free.service), "master": 999999, "start": \#(free.start)}"#, 409),
                (#"{"service": \#(free.service), "master": \#(free.master), "start": \#(free.start + 1)}"#, 409),
                (#"{"service": \#(free.service), "master": \#(free.master), "start": 15778080}"#, 409),
            ]
            for (body, status) in bodies {
                #expect(try await app.call(.POST, "bookings", body: body).status == status, "\(body.prefix(60))")
            }
            // Absurd queries and ids.
            for path in [
                "times?service=\(free.service)&from=99999-01-01&days=7", "times?service=\(free.service)&from=2026-13-01&days=7",
                "times?service=\(free.service)&from=2026-02-30&days=7", "times?service=\(free.service)&from=today&days=7",
                "times?service=\(free.service)&from=2026-12-01&days=1000", "times?service=\(free.service)&from=2026-12-01&days=-1",
                "times?service=abc&from=2026-12-01&days=7", "times?from=2026-12-01&days=7",
            ] {
                #expect(try await app.call(.GET, path).status == 400, "\(path)")
            }
            #expect(try await app.call(.GET, "times?service=999999&from=2026-12-01&days=7").status == 404)
            for id in ["0", "-1", "abc", "99999999999999999999", "1e3"] {
                #expect(try await app.call(.POST, "bookings/\(id)/cancel").status == 400, "\(id)")
                #expect(try await app.call(.POST, "bookings/\(id)/reschedule", body: #"{"start": \#(free.start)}"#).status == 400, "\(id)")
            }
            #expect(try await stack.stores.bookings.bookings(of: UserID(7_201), tenant: tenant).isEmpty)
            // Another customer's booking can be neither seen, moved nor cancelled.
            let owner = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: 7_202)
            let booked = try await owner.call(
                .POST, "bookings", body: #"{"service": \#(free.service), "master": \#(free.master), "start": \#(free.start)}"#)
            let id = try #require(booked.json["id"] as? Int64)
            #expect(try await app.call(.POST, "bookings/\(id)/cancel").status == 404)
            #expect(try await app.call(.POST, "bookings/\(id)/reschedule", body: #"{"start": \#(free.start)}"#).status == 404)
            #expect(try await app.call(.GET, "times?booking=\(id)&from=2026-12-01&days=7").status == 404)
            #expect(try await stack.stores.bookings.booking(BookingID(id), tenant: tenant)?.status.isActive == true)
            // The taken time is refused with the chat's wording.
            let taken = try await app.call(
                .POST, "bookings", body: #"{"service": \#(free.service), "master": \#(free.master), "start": \#(free.start)}"#)
            #expect(taken.status == 409)
            #expect(taken.json["error"] as? String == "slot_taken")
            #expect((taken.json["message"] as? String)?.isEmpty == false)
        }
    }

    static func today(plus days: Int = 0) -> String {
        ZonedCalendar(identifier: "Europe/Moscow")!.localDate(of: Date()).adding(days: days).description
    }

}
