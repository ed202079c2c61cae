import BookingCore
import Foundation
import Storage
import Testing

/// Deposits (issue 22, part 2): a held booking takes its time like a confirmed one (the database enforces it), a
/// payment confirms it exactly once, a lapsed hold frees the time, refunds are recorded, on every backend.
@Suite("Deposits", .storeScope)
struct DepositContractTests {
    static let a = Fixtures.tenantA
    static let charge = DepositCharge(amount: 50_000, currency: "RUB")

    /// A held booking of customer 100 tomorrow at 09:00, its hold ending 15 minutes after `now`, with its deposit.
    static func held(_ stores: Stores, _ master: MasterID, _ service: Service, tenant: TenantID = a) async throws -> Booking {
        var request = Fixtures.request(service, master: master, hour: 9)
        request.holdUntil = Fixtures.now.addingTimeInterval(15 * 60)
        let booking = try await stores.bookings.createBooking(request, tenant: tenant, maxActivePerCustomer: 3, now: Fixtures.now)
        try await stores.deposits.addDeposit(
            Deposit(bookingID: booking.id, customer: booking.customer, charge: charge, createdAt: Fixtures.now), tenant: tenant)
        return booking
    }

    @Test(arguments: StoreBackend.allCases)
    func aHeldBookingTakesItsTimeAndTheFirstPaymentConfirmsItOnce(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let booking = try await Self.held(stores, master, service)
        #expect(booking.status == .held && booking.holdUntil == Fixtures.now.addingTimeInterval(15 * 60))
        // The time is taken for everyone else, and counts as the customer's booking.
        await #expect(throws: BookingError.slotTaken) {
            try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, customer: 200, hour: 9.5), tenant: Self.a, maxActivePerCustomer: 3, now: Fixtures.now)
        }
        #expect(try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: Self.a).map(\.id) == [booking.id])
        let later = Fixtures.now.addingTimeInterval(60)
        let first = try await stores.deposits.recordPayment(booking.id, telegramChargeID: "tg1", providerChargeID: "pr1", tenant: Self.a, now: later)
        guard case .confirmed(let confirmed) = first else { Issue.record("not confirmed: \(first)"); return }
        #expect(confirmed.status == .confirmed && confirmed.holdUntil == nil)
        #expect(try await stores.deposits.recordPayment(booking.id, telegramChargeID: "tg1", providerChargeID: "pr1", tenant: Self.a, now: later) == .duplicate)
        let deposit = try #require(try await stores.deposits.deposit(of: booking.id, tenant: Self.a))
        #expect(deposit.status == .paid && deposit.telegramChargeID == "tg1" && deposit.providerChargeID == "pr1" && deposit.paidAt == later)
        #expect(try await stores.bookings.history(of: booking.id, tenant: Self.a).map(\.newStatus) == ["held", "confirmed"])
        // A paid booking has no hold to expire.
        #expect(try await stores.deposits.expireHold(booking.id, tenant: Self.a, now: later.addingTimeInterval(3600)) == nil)
        #expect(try await stores.deposits.depositTotals(tenant: Self.a, in: Fixtures.now..<Fixtures.day.upperBound).taken == ["RUB": 50_000])
    }

    @Test(arguments: StoreBackend.allCases)
    func aLapsedHoldFreesTheTimeAndALatePaymentIsAnsweredLate(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let booking = try await Self.held(stores, master, service)
        let before = Fixtures.now.addingTimeInterval(14 * 60)
        let after = Fixtures.now.addingTimeInterval(16 * 60)
        #expect(try await stores.deposits.expireHold(booking.id, tenant: Self.a, now: before) == nil)
        let expired = try #require(try await stores.deposits.expireHold(booking.id, tenant: Self.a, now: after))
        #expect(expired.status == .cancelled(by: .expired, reason: nil))
        #expect(try await stores.deposits.expireHold(booking.id, tenant: Self.a, now: after) == nil)
        #expect(try await stores.deposits.deposit(of: booking.id, tenant: Self.a)?.status == .expired)
        #expect(try await !stores.deposits.prolongHold(booking.id, until: after.addingTimeInterval(600), tenant: Self.a, now: after))
        // The time is free again.
        let other = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 200, hour: 9), tenant: Self.a, maxActivePerCustomer: 3, now: after)
        #expect(other.status == .confirmed)
        // Money that arrives anyway is recorded, answered late, and can be marked refunded once.
        let late = try await stores.deposits.recordPayment(booking.id, telegramChargeID: "tg2", providerChargeID: "", tenant: Self.a, now: after)
        #expect(late == .late(expired))
        #expect(try await stores.deposits.markRefund(booking.id, as: .refundDue, tenant: Self.a, now: after)?.status == .refundDue)
        #expect(try await stores.deposits.markRefund(booking.id, as: .refundDue, tenant: Self.a, now: after) == nil)
        let totals = try await stores.deposits.depositTotals(tenant: Self.a, in: Fixtures.now..<Fixtures.day.upperBound)
        #expect(totals.taken == ["RUB": 50_000] && totals.refunded == ["RUB": 50_000])
    }

    @Test(arguments: StoreBackend.allCases)
    func anAcceptedPreCheckoutProlongsTheHoldAndCancelFreesIt(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let booking = try await Self.held(stores, master, service)
        let at = Fixtures.now.addingTimeInterval(14 * 60)
        #expect(try await stores.deposits.prolongHold(booking.id, until: at.addingTimeInterval(600), tenant: Self.a, now: at))
        #expect(try await stores.deposits.expireHold(booking.id, tenant: Self.a, now: at.addingTimeInterval(300)) == nil)
        #expect(try await stores.bookings.booking(booking.id, tenant: Self.a)?.holdUntil == at.addingTimeInterval(600))
        let cancelled = try await stores.bookings.cancelBooking(booking.id, tenant: Self.a, by: .customer, reason: nil, now: at)
        #expect(cancelled.status == .cancelled(by: .customer, reason: nil))
        #expect(try await stores.bookings.history(of: booking.id, tenant: Self.a).last?.oldStatus == "held")
        // Nothing was paid: there is nothing to refund.
        #expect(try await stores.deposits.markRefund(booking.id, as: .refunded, tenant: Self.a, now: at) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func depositsAndPaymentModesBelongToTheirTenant(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let booking = try await Self.held(stores, master, service)
        let b = Fixtures.tenantB
        #expect(try await stores.deposits.deposit(of: booking.id, tenant: b) == nil)
        // A payment naming A's order on B's bot finds nothing of B's (a booking id may exist there, its deposit does not).
        #expect(try await stores.deposits.recordPayment(booking.id, telegramChargeID: "x", providerChargeID: "", tenant: b, now: Fixtures.now) == .unknown)
        #expect(try await stores.bookings.booking(booking.id, tenant: Self.a)?.status == .held)
        #expect(try await stores.deposits.paymentMode(Self.a) == PaymentMode.none)
        try await stores.deposits.setPaymentMode(.provider(sealedToken: [9, 8, 7]), tenant: Self.a, now: Fixtures.now)
        try await stores.deposits.setPaymentMode(.stars, tenant: b, now: Fixtures.now)
        #expect(try await stores.deposits.paymentMode(Self.a) == .provider(sealedToken: [9, 8, 7]))
        #expect(try await stores.deposits.paymentMode(b) == .stars)
        try await stores.deposits.setPaymentMode(.none, tenant: Self.a, now: Fixtures.now)
        #expect(try await stores.deposits.paymentMode(Self.a) == PaymentMode.none)
    }

    @Test(arguments: StoreBackend.allCases)
    func aServiceKeepsItsDepositRule(backend: StoreBackend) async throws {
        let (stores, _, service) = try await Fixtures.seeded(backend)
        var priced = service
        priced.deposit = .percent(30)
        _ = try await stores.catalog.saveService(priced, tenant: Self.a)
        #expect(try await stores.catalog.services(Self.a).first { $0.id == service.id }?.deposit == .percent(30))
        priced.deposit = .fixed(minorUnits: 50_000)
        _ = try await stores.catalog.saveService(priced, tenant: Self.a)
        #expect(try await stores.catalog.services(Self.a).first { $0.id == service.id }?.deposit == .fixed(minorUnits: 50_000))
        priced.deposit = nil
        _ = try await stores.catalog.saveService(priced, tenant: Self.a)
        #expect(try await stores.catalog.services(Self.a).first { $0.id == service.id }?.deposit == nil)
    }
}
