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
            // Every chat customer was answered: one "done" at most, the others "just taken".
            for index in stride(from: 1, to: count, by: 2) {
                let answers = await stack.user(Int64(9_100 + index), of: tenant).callbackAnswers()
                #expect(!answers.isEmpty && answers.allSatisfy { $0.text != nil }, "\(answers)")
            }
            let miniApp = statuses.compactMap { $0 }
            #expect(miniApp.allSatisfy { $0 == 201 || $0 == 409 }, "\(miniApp)")
            var booked: [Booking] = []
            for index in 0..<count {
                booked += try await stack.stores.bookings.bookings(of: UserID(Int64(9_100 + index)), tenant: tenant).filter(\.status.isActive)
            }
            #expect(booked.count == 1, "\(booked.map(\.customer))")
            #expect(booked.first?.start == Date(timeIntervalSince1970: Double(slot.start) * 60))
            #expect(miniApp.filter { $0 == 201 }.count <= 1)
        }
    }
}
