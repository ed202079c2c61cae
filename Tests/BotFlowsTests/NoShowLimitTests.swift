import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Issue 18, item 3's policy: after N missed visits a customer books through an admin (a walk-in booking), not by
/// themselves; the owner sets N (1–20) or turns it off, hostile values refused.
@Suite("No-show limit")
struct NoShowLimitTests {
    static let customer = FlowHarness.user(300)

    func answers(_ result: FlowResult) -> [String] {
        result.calls.compactMap { if case .answerCallbackQuery(let a) = $0 { a.text } else { nil } }
    }

    @Test func pastTheLimitACustomerIsSentToAnAdminAndAnUndoLetsThemBookAgain() async throws {
        var h = try await CustomerContactTests.harness(askPhone: false)
        let owner = FlowHarness.owner
        _ = try await h.press(.business(.policyEdit(.noShowLimit)), as: owner)
        for bad in ["0", "21", "-5", "99999999999999999999", "два", ""] {
            let refused = try await h.say(bad, as: owner)
            #expect(refused.sent(to: owner.id).first?.contains("от 1 до 20") == true, "\(bad)")
        }
        let saved = try await h.say("2", as: owner)
        #expect(saved.shown?.contains("Запись только через администратора после неявок: 2") == true)
        #expect(await h.store.tenant(h.context.id)?.policies.noShowLimit == 2)
        #expect(await h.audit().first?.target == "policy:noShowLimit")
        var record = h.context.record
        record.policies.noShowLimit = 2
        h.context = TenantContext(record: record)

        var missed: [Booking] = []
        for hour in [10, 12] {
            let booking = try await h.store.createBooking(
                BookingRequest(customer: UserID(300), chat: ChatID(300), service: h.services[0], masterID: h.master.id, start: h.at(hour)),
                tenant: h.context.id, maxActivePerCustomer: 5, now: FlowHarness.now)
            missed.append(try await h.store.setNoShow(booking.id, true, tenant: h.context.id, now: h.at(hour + 3), actor: "test"))
        }
        let confirm = CallbackAction.confirm(h.services[0].id, h.master.id, epochMinute: h.at(16).epochMinute).data
        let refused = try await h.result(FlowHarness.press(confirm, from: Self.customer))
        #expect(answers(refused).first?.contains("пропущено визитов — 2") == true)
        #expect(await h.store.bookings(of: UserID(300), tenant: h.context.id).filter { $0.status == .confirmed }.isEmpty)

        // One visit did take place after all: under the limit again, the customer books.
        _ = try await h.store.setNoShow(missed[0].id, false, tenant: h.context.id, now: h.at(16), actor: "test")
        let booked = try await h.result(FlowHarness.press(confirm, from: Self.customer, updateID: 3))
        #expect(booked.shown?.hasPrefix("✅ Вы записаны!") == true)

        // "-" turns the rule off.
        _ = try await h.press(.business(.policyEdit(.noShowLimit)), as: owner)
        _ = try await h.say("-", as: owner)
        #expect(await h.store.tenant(h.context.id)?.policies.noShowLimit == nil)
    }

    @Test func storedLimitsOutOfRangeAreClampedWhenRead() throws {
        let decoded = try JSONDecoder().decode(Policies.self, from: Data(#"{"noShowLimit": 9223372036854775807}"#.utf8))
        #expect(decoded.noShowLimit == 20)
        #expect(try JSONDecoder().decode(Policies.self, from: Data(#"{"noShowLimit": -4}"#.utf8)).noShowLimit == 1)
        #expect(try JSONDecoder().decode(Policies.self, from: Data("{}".utf8)).noShowLimit == nil)
    }
}
