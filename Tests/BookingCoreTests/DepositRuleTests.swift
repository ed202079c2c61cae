import BookingCore
import Foundation
import Testing

/// What a deposit rule asks (issue 22, part 2): bounded amounts, percentages of fixed prices only, Stars in whole units.
@Suite("Deposit rules")
struct DepositRuleTests {
    static let price = Price.fixed(minorUnits: 150_000, currency: "RUB")
    static let provider = PaymentMode.provider(sealedToken: [1])

    @Test func aFixedDepositIsChargedInThePricesCurrencyAndNeverAboveThePrice() {
        #expect(DepositRule.fixed(minorUnits: 50_000).charge(price: Self.price, mode: Self.provider, tenantCurrency: "RUB") == DepositCharge(amount: 50_000, currency: "RUB"))
        #expect(DepositRule.fixed(minorUnits: 500_000).charge(price: Self.price, mode: Self.provider, tenantCurrency: "RUB")?.amount == 150_000)
        #expect(DepositRule.fixed(minorUnits: 50_000).charge(price: .onRequest, mode: Self.provider, tenantCurrency: "EUR") == DepositCharge(amount: 50_000, currency: "EUR"))
    }

    @Test func aPercentageNeedsAFixedPrice() {
        #expect(DepositRule.percent(30).charge(price: Self.price, mode: Self.provider, tenantCurrency: "RUB")?.amount == 45_000)
        #expect(DepositRule.percent(100).charge(price: Self.price, mode: Self.provider, tenantCurrency: "RUB")?.amount == 150_000)
        #expect(DepositRule.percent(30).charge(price: .free, mode: Self.provider, tenantCurrency: "RUB") == nil)
        #expect(DepositRule.percent(30).charge(price: .onRequest, mode: Self.provider, tenantCurrency: "RUB") == nil)
        #expect(DepositRule.percent(1).charge(price: .fixed(minorUnits: 50, currency: "RUB"), mode: Self.provider, tenantCurrency: "RUB") == nil)
    }

    @Test func starsAreWholeUnitsRoundedUpAndCapped() {
        #expect(DepositRule.fixed(minorUnits: 50_000).charge(price: Self.price, mode: .stars, tenantCurrency: "RUB") == DepositCharge(amount: 500, currency: "XTR"))
        #expect(DepositRule.fixed(minorUnits: 50_001).charge(price: .onRequest, mode: .stars, tenantCurrency: "RUB")?.amount == 501)
        #expect(DepositRule.percent(100).charge(price: .fixed(minorUnits: 1_000_000_000, currency: "RUB"), mode: .stars, tenantCurrency: "RUB")?.amount == DepositRule.maxStars)
    }

    @Test func absurdRulesAndNoPaymentMethodAskNothing() {
        for rule in [DepositRule.fixed(minorUnits: 0), .fixed(minorUnits: -5), .fixed(minorUnits: .max), .percent(0), .percent(101), .percent(.min)] {
            #expect(!rule.isValid)
            #expect(rule.charge(price: Self.price, mode: Self.provider, tenantCurrency: "RUB") == nil)
        }
        #expect(DepositRule.fixed(minorUnits: 50_000).charge(price: Self.price, mode: .none, tenantCurrency: "RUB") == nil)
        // A price beyond every bound a panel accepts cannot overflow the percentage.
        #expect(DepositRule.percent(100).charge(price: .fixed(minorUnits: .max, currency: "RUB"), mode: Self.provider, tenantCurrency: "RUB")?.amount == 1_000_000_000)
    }

    @Test func onlyOurOwnPayloadsNameABooking() {
        #expect(Deposit.booking(inPayload: Deposit.payload(for: BookingID(42))) == BookingID(42))
        for forged in ["deposit:", "deposit:-1", "deposit:0", "deposit:abc", "order:42", "deposit:42 ", "deposit:9999999999999999999999", "", String(repeating: "9", count: 200)] {
            #expect(Deposit.booking(inPayload: forged) == nil, "\(forged)")
        }
    }
}
