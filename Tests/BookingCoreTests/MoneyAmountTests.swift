import BookingCore
import Foundation
import Testing

@Suite("Money amounts and plans")
struct MoneyAmountTests {
    @Test(arguments: [("299", 29_900), ("299.0", 29_900), ("299.00", 29_900), ("0.01", 1), ("2499.5", 249_950), ("100000000.00", 10_000_000_000)] as [(String, Int64)])
    func decimalsParse(text: String, minor: Int64) {
        #expect(MoneyAmount(decimal: text)?.minor == minor)
    }

    @Test(arguments: ["", ".", "-1", "+1", "1e3", "299.001", "299.", ".5", "1 000", "١٢٣", "100000000.01", "9999999999", "0x10", "299,00", "NaN"])
    func hostileDecimalsAreRefused(text: String) {
        #expect(MoneyAmount(decimal: text) == nil)
    }

    @Test func decimalsFormatWithTwoDigits() {
        #expect([0, 5, 50, 29_900, 249_950].map { MoneyAmount(minor: $0).decimal } == ["0.00", "0.05", "0.50", "299.00", "2499.50"])
        #expect(MoneyAmount(minor: -5).minor == 0 && MoneyAmount(minor: .max).minor == MoneyAmount.limit)
    }

    @Test func theDefaultPlansAreTheOriginals() {
        #expect(Plan.defaults.filter(\.isPurchasable).map(\.code.rawValue) == ["m1", "m3", "m6", "m12"])
        #expect(Plan.defaults.allSatisfy { $0.problem == nil })
        #expect(PlanCode("M1") == nil && PlanCode("") == nil && PlanCode(String(repeating: "a", count: 33)) == nil)
    }

    /// Extension from max(now, paid_until), whatever the period (bounded).
    @Test func extensionStartsAtTheLaterOfNowAndPaidUntil() {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let trial = Subscription.trial(TenantID("abc")!, days: 7, at: now)
        #expect(trial.extended(by: 30, plan: PlanCode("m1")!, at: now).paidUntil == now.addingTimeInterval(37 * 86_400))
        let later = now.addingTimeInterval(100 * 86_400)
        #expect(trial.extended(by: 30, plan: PlanCode("m1")!, at: later).paidUntil == later.addingTimeInterval(30 * 86_400))
        #expect(trial.extended(by: .max, plan: PlanCode("m1")!, at: now).paidUntil == now.addingTimeInterval(Double(7 + Plan.maxPeriodDays) * 86_400))
    }
}
