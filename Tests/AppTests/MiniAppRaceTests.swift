import BookingCore
import Foundation
import Testing

@testable import BotFlows

/// One slot, many customers at once, half in the Mini App and half pressing Confirm in the chat: exactly one booking,
/// every other one refused (the Mini App with 409 slot_taken), nothing half-done.
@Suite("Mini App race", .serialized)
struct MiniAppRaceTests {
    @Test func oneSlotManyConcurrentMiniAppAndChatBookingsGiveExactlyOneBooking() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let token = stack.tokens[tenant]!
            let probe = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: 9_000)
            let slot = try #require(try await probe.firstFreeTime())
            let confirm = CallbackAction.confirm(ServiceID(slot.service), MasterID(slot.master), epochMinute: slot.start).data
            let body = #"{"service": \#(slot.service), "master": \#(slot.master), "start": \#(slot.start)}"#
            let count = 24
            let statuses = try await withThrowingTaskGroup(of: Int?.self) { group in
                for index in 0..<count {
                    let user = Int64(9_100 + index)
                    if index.isMultiple(of: 2) {
                        let app = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: user)
                        group.addTask { try await app.call(.POST, "bookings", body: body).status }
                    } else {
                        let chat = stack.user(user, of: tenant)
                        group.addTask {
                            _ = try await chat.pressData(confirm, messageID: 1)
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            // Every chat press is answered (booked or "just taken"), so every attempt has finished.
            for index in stride(from: 1, to: count, by: 2) {
                try await stack.user(Int64(9_100 + index), of: tenant).waitUntilAllPressesAnswered(timeout: .seconds(30))
            }
            // Every chat press was handled (its answer says "done" or "just taken"; a press Telegram redelivered after a
            // slow webhook answer gets a plain answer, so only that each was answered is certain under load).
            for index in stride(from: 1, to: count, by: 2) {
                #expect(await !stack.user(Int64(9_100 + index), of: tenant).callbackAnswers().isEmpty)
            }
            let miniApp = statuses.compactMap { $0 }
            #expect(miniApp.allSatisfy { $0 == 201 || $0 == 409 }, "\(miniApp)")
            var booked: [Booking] = []
            for index in 0..<count {
                booked += try await stack.stores.bookings.bookings(of: UserID(Int64(9_100 + index)), tenant: tenant).filter(
                    \.status.isActive)
            }
            #expect(booked.count == 1, "\(booked.map(\.customer))")
            #expect(booked.first?.start == Date(timeIntervalSince1970: Double(slot.start) * 60))
            #expect(miniApp.filter { $0 == 201 }.count <= 1)
        }
    }

    /// The same race on PostgreSQL across two `zapis serve` instances: the Mini App's calls go to both, the chat's
    /// presses to the one the webhook names; the database's constraint and chat locks, not one process's memory,
    /// leave exactly one booking.
    @Test(.enabled(if: ProcessStack.Database.available.contains(.postgres), "needs PostgreSQL"))
    func twoInstancesOnPostgresGiveExactlyOneBooking() async throws {
        try await ProcessStack.run(.postgres, tenants: 1) { stack in
            let (tenant, token) = try #require(stack.tokens.first)
            let first = try stack.server()
            let second = try stack.server(publicPort: first.port)
            try first.start()
            defer { first.kill() }
            try second.start()
            defer { second.kill() }
            try await first.waitUntilReady()
            try await second.waitUntilReady()
            try await stack.waitForWebhooks(port: first.port)
            let probe = MiniAppClient(port: first.port, tenant: tenant, token: token, user: 9_500)
            let slot = try #require(try await probe.firstFreeTime())
            let confirm = CallbackAction.confirm(ServiceID(slot.service), MasterID(slot.master), epochMinute: slot.start).data
            let body = #"{"service": \#(slot.service), "master": \#(slot.master), "start": \#(slot.start)}"#
            let count = 24
            let users = (0..<count).map { Int64(9_600 + $0) }
            let statuses = try await withThrowingTaskGroup(of: Int?.self) { group in
                for (index, user) in users.enumerated() {
                    if index.isMultiple(of: 2) {
                        let app = MiniAppClient(
                            port: index.isMultiple(of: 4) ? first.port : second.port, tenant: tenant, token: token, user: user)
                        group.addTask { try await app.call(.POST, "bookings", body: body).status }
                    } else {
                        let chat = stack.sandbox.user(user, firstName: "Race\(user)", languageCode: "ru", bot: token)
                        group.addTask {
                            _ = try await chat.pressData(confirm, messageID: 1)
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            for (index, user) in users.enumerated() where !index.isMultiple(of: 2) {
                try await stack.sandbox.user(user, firstName: "Race\(user)", languageCode: "ru", bot: token)
                    .waitUntilAllPressesAnswered(timeout: .seconds(60))
            }
            let miniApp = statuses.compactMap { $0 }
            #expect(miniApp.allSatisfy { $0 == 201 || $0 == 409 }, "\(miniApp)")
            let booked = try await stack.withDatabase { database in
                var booked: [Booking] = []
                for user in users {
                    booked += try await database.stores.bookings.bookings(of: UserID(user), tenant: tenant).filter(\.status.isActive)
                }
                return booked
            }
            #expect(booked.count == 1, "\(booked.map(\.customer))")
        }
    }
}
