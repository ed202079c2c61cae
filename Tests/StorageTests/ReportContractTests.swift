import BookingCore
import Foundation
import Storage
import Testing

/// Reports count a period's bookings by master, service, status and price in one query, the same on every backend
/// (issue 18, item 11); a day's bookings change service all or nothing (item 9).
@Suite("Reports and service changes", .storeScope)
struct ReportContractTests {
    static let a = Fixtures.tenantA
    static func at(_ hour: Double, day: Int = 1) -> Date { Fixtures.now.addingTimeInterval(Double(day) * 86_400 + hour * 3600) }

    /// Tenant A: Anna and Boris; Haircut (60 min, 1 500 ₽) and Manicure (60 min, 2 000 ₽, later 2 500 ₽).
    static func salon(_ backend: StoreBackend) async throws -> (Stores, [MasterID], haircut: Service, manicure: Service) {
        let (stores, anna, haircut) = try await Fixtures.seeded(backend)
        let boris = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Boris"), tenant: a).id
        var template = Fixtures.service()
        template.name = "Manicure"
        template.price = .fixed(minorUnits: 200_000, currency: "RUB")
        let manicure = try await stores.catalog.saveService(template, tenant: a)
        return (stores, [anna, boris], haircut, manicure)
    }

    func book(_ stores: Stores, _ service: Service, _ master: MasterID, _ customer: Int64, _ start: Date) async throws -> Booking {
        try await stores.bookings.createBooking(
            BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: service, masterID: master, start: start),
            tenant: Self.a, maxActivePerCustomer: 5, now: Fixtures.now)
    }

    @Test(arguments: StoreBackend.allCases)
    func aPeriodIsCountedByMasterServiceStatusAndStoredPrice(backend: StoreBackend) async throws {
        let (stores, masters, haircut, manicure) = try await Self.salon(backend)
        let (anna, boris) = (masters[0], masters[1])
        _ = try await book(stores, haircut, anna, 100, Self.at(9))
        let cancelled = try await book(stores, haircut, anna, 101, Self.at(11))
        let noShow = try await book(stores, manicure, anna, 102, Self.at(13))
        _ = try await book(stores, manicure, boris, 103, Self.at(9))
        _ = try await book(stores, manicure, boris, 104, Self.at(11))
        _ = try await book(stores, haircut, boris, 105, Self.at(15))
        _ = try await book(stores, haircut, anna, 106, Self.at(9, day: 2))
        // Another tenant's booking in the same hours is not counted.
        _ = try await stores.bookings.createBooking(
            Fixtures.request(Fixtures.service(), master: MasterID(1), hour: 9), tenant: Fixtures.tenantB, maxActivePerCustomer: 3, now: Fixtures.now)
        _ = try await stores.bookings.cancelBooking(cancelled.id, tenant: Self.a, by: .customer, reason: nil, now: Fixtures.now)
        _ = try await stores.backOffice.setNoShow(noShow.id, true, tenant: Self.a, now: Self.at(13.5), actor: "admin:1")
        #expect(try await stores.backOffice.completeEndedBookings(tenant: Self.a, now: Self.at(14)) == 3)
        // A later price change does not change what the bookings were made at.
        var dearer = manicure
        dearer.price = .fixed(minorUnits: 250_000, currency: "RUB")
        _ = try await stores.catalog.saveService(dearer, tenant: Self.a)

        let day = Self.at(0)..<Self.at(24)
        let (h, m) = (haircut.id, manicure.id)
        let (cut, nails) = (Price.fixed(minorUnits: 150_000, currency: "RUB"), Price.fixed(minorUnits: 200_000, currency: "RUB"))
        let expected = [
            ReportGroup(masterID: anna, serviceID: h, status: "cancelled", price: cut, count: 1),
            ReportGroup(masterID: anna, serviceID: h, status: "completed", price: cut, count: 1),
            ReportGroup(masterID: anna, serviceID: m, status: "no_show", price: nails, count: 1),
            ReportGroup(masterID: boris, serviceID: h, status: "confirmed", price: cut, count: 1),
            ReportGroup(masterID: boris, serviceID: m, status: "completed", price: nails, count: 2),
        ]
        #expect(try await stores.backOffice.reportGroups(startingIn: day, master: nil, tenant: Self.a) == expected)
        #expect(try await stores.backOffice.reportGroups(startingIn: day, master: boris, tenant: Self.a) == Array(expected.suffix(2)))
        // Two days: the day after adds Anna's confirmed haircut; the range's end is exclusive.
        let two = try await stores.backOffice.reportGroups(startingIn: Self.at(0)..<Self.at(0, day: 3), master: anna, tenant: Self.a)
        #expect(two == (Array(expected.prefix(3)) + [ReportGroup(masterID: anna, serviceID: h, status: "confirmed", price: cut, count: 1)]).sorted())
        #expect(try await stores.backOffice.reportGroups(startingIn: Self.at(9, day: 2)..<Self.at(9, day: 2), master: nil, tenant: Self.a).isEmpty)
        #expect(try await stores.backOffice.reportGroups(startingIn: day, master: MasterID(999), tenant: Self.a).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func aDaysBookingsChangeServiceAllOrNothing(backend: StoreBackend) async throws {
        let (stores, masters, haircut, _) = try await Self.salon(backend)
        var template = Fixtures.service(minutes: 90)
        template.name = "Long haircut"
        template.price = .fixed(minorUnits: 250_000, currency: "RUB")
        let long = try await stores.catalog.saveService(template, tenant: Self.a)
        let first = try await book(stores, haircut, masters[0], 100, Self.at(9))
        let second = try await book(stores, haircut, masters[0], 101, Self.at(11))
        func moves(_ bookings: [Booking]) -> [BookingMove] {
            bookings.map { BookingMove(id: $0.id, request: BookingRequest(customer: $0.customer, chat: $0.chat, service: long, masterID: $0.masterID, start: $0.start)) }
        }
        // 11:00–12:30 would overlap a block from 12:00: nothing changes, not even the 09:00 booking that fits.
        let block = try await stores.bookings.addBlock(Block(id: BlockID(0), masterID: masters[0], range: Self.at(12)..<Self.at(13), reason: "lunch"), tenant: Self.a)
        let office = stores.backOffice
        await #expect(throws: BookingError.slotTaken) { try await office.changeServices(moves([first, second]), tenant: Self.a, now: Fixtures.now) }
        for booking in [first, second] {
            let now = try #require(try await stores.bookings.booking(booking.id, tenant: Self.a))
            #expect(now.serviceID == haircut.id && now.end == booking.end && now.price == booking.price)
        }
        #expect(block.masterID == masters[0])
        // The same two bookings a day later, with no block: both change.
        let third = try await book(stores, haircut, masters[0], 100, Self.at(9, day: 2))
        let fourth = try await book(stores, haircut, masters[0], 101, Self.at(11, day: 2))
        let changed = try await office.changeServices(moves([third, fourth]), tenant: Self.a, now: Fixtures.now)
        #expect(Set(changed.map(\.id)) == [third.id, fourth.id] && changed.allSatisfy { $0.serviceID == long.id })
        for booking in [third, fourth] {
            let now = try #require(try await stores.bookings.booking(booking.id, tenant: Self.a))
            #expect(now.serviceID == long.id && now.start == booking.start && now.end == booking.start.addingTimeInterval(90 * 60))
            #expect(now.price == .fixed(minorUnits: 250_000, currency: "RUB"))
            #expect(try await stores.bookings.history(of: booking.id, tenant: Self.a).last?.to?.serviceID == long.id)
        }
    }

    /// A customer books 10:00 while an admin lengthens the 09:00 booking to 10:30: exactly one wins, never an overlap.
    @Test(arguments: StoreBackend.allCases)
    func aRaceWithACustomerBookingNeverOverlaps(backend: StoreBackend) async throws {
        for round in 0..<5 {
            let (stores, masters, haircut, _) = try await Self.salon(backend)
            var template = Fixtures.service(minutes: 90)
            template.name = "Long haircut"
            let long = try await stores.catalog.saveService(template, tenant: Self.a)
            let first = try await book(stores, haircut, masters[0], 100, Self.at(9))
            let move = BookingMove(id: first.id, request: BookingRequest(customer: first.customer, chat: first.chat, service: long, masterID: masters[0], start: first.start))
            let office = stores.backOffice
            async let change: Bool = { (try? await office.changeServices([move], tenant: Self.a, now: Fixtures.now)) != nil }()
            async let customer: Bool = { (try? await self.book(stores, haircut, masters[0], 200 + Int64(round), Self.at(10))) != nil }()
            let (changed, booked) = await (change, customer)
            #expect(changed != booked, "round \(round): changed \(changed), booked \(booked)")
            let active = try await stores.bookings.activeBookings(overlapping: Self.at(0)..<Self.at(24), tenant: Self.a)
            for x in active { for y in active where x.id < y.id && x.masterID == y.masterID { #expect(!x.occupied.overlaps(y.occupied)) } }
        }
    }
}
