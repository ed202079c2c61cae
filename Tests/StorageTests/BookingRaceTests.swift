import BookingCore
import Foundation
import Storage
import Testing

@Suite("Booking races", .storeScope)
struct BookingRaceTests {
    static let rounds = 20

    /// 200 customers try overlapping times of one master at once: exactly one wins, every round.
    @Test(arguments: StoreBackend.allCases)
    func onlyOneOfManyOverlappingAttemptsSucceeds(backend: StoreBackend) async throws {
        for round in 0..<Self.rounds {
            let successes = try await StoreScope.run {
                let (stores, master, service) = try await Fixtures.seeded(backend, poolSize: 10)
                return await withTaskGroup(of: Bool.self) { group in
                    for attempt in 0..<200 {
                        group.addTask {
                            // Starts spread over 10:00–10:50: all overlap a 60-minute booking started at any of them.
                            let request = Fixtures.request(
                                service, master: master, customer: Int64(1000 + attempt), hour: 10 + Double(attempt % 6) / 6)
                            return
                                (try? await stores.bookings.createBooking(
                                    request, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)) != nil
                        }
                    }
                    return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
            }
            #expect(successes == 1, "round \(round)")
        }
    }

    /// One customer books 50 different free times at once: never more than the cap.
    @Test(arguments: StoreBackend.allCases)
    func customerCapHoldsUnderConcurrency(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 10), poolSize: 10)
        let outcomes = await withTaskGroup(of: Result<Booking, any Error>.self) { group in
            for attempt in 0..<50 {
                group.addTask {
                    let request = Fixtures.request(service, master: master, hour: Double(attempt) / 4)
                    do {
                        return .success(
                            try await stores.bookings.createBooking(
                                request, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { (try? $0.get()) != nil }.count == 3)
        let refusals = outcomes.compactMap { outcome -> BookingError? in
            if case .failure(let error) = outcome { return error as? BookingError } else { return nil }
        }
        #expect(refusals == Array(repeating: .customerLimitReached(3), count: 47))
        #expect(try await stores.bookings.bookings(of: UserID(100), tenant: Fixtures.tenantA).count == 3)
    }

    /// 20 concurrent moves of one booking to different free times: it stays one booking, at one of them.
    @Test(arguments: StoreBackend.allCases)
    func concurrentReschedulesOfOneBookingKeepOneBooking(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 30), poolSize: 10)
        let original = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 8), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        let targets = (0..<20).map { 9 + Double($0) / 2 }  // 09:00, 09:30, … all free and distinct
        let moved = await withTaskGroup(of: Bool.self) { group in
            for hour in targets {
                group.addTask {
                    (try? await stores.bookings.rescheduleBooking(
                        original.id, to: Fixtures.request(service, master: master, hour: hour), tenant: Fixtures.tenantA,
                        maxActivePerCustomer: 3, now: Fixtures.now)) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(moved == 20)
        let mine = try await stores.bookings.bookings(of: UserID(100), tenant: Fixtures.tenantA)
        #expect(mine.map(\.id) == [original.id])
        let final = try #require(mine.first)
        #expect(final.status == .confirmed)
        #expect(targets.map { Fixtures.request(service, master: master, hour: $0).start }.contains(final.start))
        #expect(try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: Fixtures.tenantA) == [final])
        #expect(try await stores.bookings.history(of: original.id, tenant: Fixtures.tenantA).count == 21)
    }

    /// 20 bookings moved to one time while 20 new customers try to book it: one wins, nothing is lost or doubled.
    @Test(arguments: StoreBackend.allCases)
    func concurrentReschedulesToOneTimeLetOneWin(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 30), poolSize: 10)
        var existing: [Booking] = []
        for index in 0..<20 {
            existing.append(
                try await stores.bookings.createBooking(
                    Fixtures.request(service, master: master, customer: Int64(500 + index), hour: 8 + Double(index) / 2),
                    tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now))
        }
        let target = 20.0  // 20:00, free
        let wins = await withTaskGroup(of: Bool.self) { group in
            for booking in existing {
                group.addTask {
                    let request = Fixtures.request(service, master: master, customer: booking.customer.rawValue, hour: target)
                    return
                        (try? await stores.bookings.rescheduleBooking(
                            booking.id, to: request, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)) != nil
                }
                group.addTask {
                    let request = Fixtures.request(service, master: master, customer: 900 + booking.customer.rawValue, hour: target)
                    return
                        (try? await stores.bookings.createBooking(
                            request, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(wins == 1)
        let active = try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: Fixtures.tenantA)
        #expect(Set(existing.map(\.id)).isSubset(of: Set(active.map(\.id))))
        #expect(active.count == 20 || active.count == 21)
        #expect(active.filter { $0.start == Fixtures.request(service, master: master, hour: target).start }.count == 1)
        for (index, booking) in active.enumerated() {
            for other in active[(index + 1)...] { #expect(!booking.occupied.overlaps(other.occupied)) }
        }
    }

    /// The first day after `Fixtures.now` (hours 0–24 of `Fixtures.request`), as a per-day cap of two bookings.
    static let dayCap = DailyCap(limit: 2, day: Fixtures.now.addingTimeInterval(86_400)..<Fixtures.now.addingTimeInterval(2 * 86_400))

    /// One customer books 30 different free times of one day at once: never more than the per-day cap.
    @Test(arguments: StoreBackend.allCases)
    func perDayCapHoldsUnderConcurrency(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 10), poolSize: 10)
        let outcomes = await withTaskGroup(of: Result<Booking, any Error>.self) { group in
            for attempt in 0..<30 {
                group.addTask {
                    let request = Fixtures.request(service, master: master, hour: Double(attempt) / 4)
                    do {
                        return .success(
                            try await stores.bookings.createBooking(
                                request, tenant: Fixtures.tenantA, maxActivePerCustomer: 10, perDay: Self.dayCap, now: Fixtures.now))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count { (try? $0.get()) != nil } == 2)
        let refusals = outcomes.compactMap { outcome -> BookingError? in
            if case .failure(let error) = outcome { return error as? BookingError } else { return nil }
        }
        #expect(refusals == Array(repeating: .dailyLimitReached(2), count: 28))
        // The next day is another day.
        let tomorrow = Fixtures.request(service, master: master, hour: 30)
        let cap = DailyCap(limit: 2, day: Self.dayCap.day.upperBound..<Self.dayCap.day.upperBound.addingTimeInterval(86_400))
        _ = try await stores.bookings.createBooking(tomorrow, tenant: Fixtures.tenantA, maxActivePerCustomer: 10, perDay: cap, now: Fixtures.now)
    }

    /// A customer with one booking on the capped day moves four bookings of the next day onto it at once: only one
    /// move fits under the cap; the others change nothing.
    @Test(arguments: StoreBackend.allCases)
    func perDayCapHoldsForConcurrentReschedules(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 10), poolSize: 10)
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 0), tenant: Fixtures.tenantA, maxActivePerCustomer: 10, now: Fixtures.now)
        var later: [Booking] = []
        for hour in [24.0, 25, 26, 27] {
            later.append(try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, hour: hour), tenant: Fixtures.tenantA, maxActivePerCustomer: 10, now: Fixtures.now))
        }
        let outcomes = await withTaskGroup(of: Result<Booking, any Error>.self) { group in
            for (index, booking) in later.enumerated() {
                group.addTask {
                    let request = Fixtures.request(service, master: master, hour: Double(2 + index))
                    do {
                        return .success(
                            try await stores.bookings.rescheduleBooking(
                                booking.id, to: request, tenant: Fixtures.tenantA, maxActivePerCustomer: 10, perDay: Self.dayCap,
                                now: Fixtures.now, actor: "customer:100"))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count { (try? $0.get()) != nil } == 1)
        let refusals = outcomes.compactMap { outcome -> BookingError? in
            if case .failure(let error) = outcome { return error as? BookingError } else { return nil }
        }
        #expect(refusals == Array(repeating: .dailyLimitReached(2), count: 3))
        let mine = try await stores.bookings.bookings(of: UserID(100), tenant: Fixtures.tenantA)
        #expect(mine.count { Self.dayCap.day.contains($0.start) } == 2)
    }
}
