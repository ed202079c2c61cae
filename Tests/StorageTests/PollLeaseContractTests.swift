import BookingCore
import Foundation
import Storage
import Testing

/// Each polled bot has one leaseholder; a lease that runs out moves to whoever renews next; a released one at once.
@Suite("Poll leases", .storeScope)
struct PollLeaseContractTests {
    static var backends: [StoreBackend] { StoreBackend.allCases.filter { $0 != .memory } }
    static let now = Fixtures.now
    static let tenants = (1...6).map { TenantID(String(format: "salon_%02d", $0))! }

    @Test(arguments: backends)
    func oneHolderPerBotAndExpiredLeasesMove(backend: StoreBackend) async throws {
        let leases = try #require(try await backend.makeStore() as? any PollLeaseStore)
        try await leases.registerPollLeases(Self.tenants)
        try await leases.registerPollLeases(Self.tenants)  // twice: nothing changes
        #expect(try await leases.renewPollLeases(owner: "a", until: Self.now.addingTimeInterval(6), now: Self.now) == Set(Self.tenants))
        // Held: the other instance gets nothing, the holder keeps renewing.
        #expect(try await leases.renewPollLeases(owner: "b", until: Self.now.addingTimeInterval(8), now: Self.now.addingTimeInterval(2)).isEmpty)
        #expect(try await leases.renewPollLeases(owner: "a", until: Self.now.addingTimeInterval(8), now: Self.now.addingTimeInterval(2)).count == 6)
        #expect(Set(try await leases.pollLeaseOwners(now: Self.now.addingTimeInterval(3)).values) == ["a"])
        // "a" died: after its lease ran out, "b" takes every bot in one renewal.
        #expect(try await leases.renewPollLeases(owner: "b", until: Self.now.addingTimeInterval(15), now: Self.now.addingTimeInterval(9)) == Set(Self.tenants))
        #expect(try await leases.renewPollLeases(owner: "a", until: Self.now.addingTimeInterval(16), now: Self.now.addingTimeInterval(10)).isEmpty)
        // A graceful stop hands them over at once.
        try await leases.releasePollLeases(owner: "b")
        #expect(try await leases.pollLeaseOwners(now: Self.now.addingTimeInterval(10)).isEmpty)
        #expect(try await leases.renewPollLeases(owner: "a", until: Self.now.addingTimeInterval(16), now: Self.now.addingTimeInterval(10)).count == 6)
    }

    @Test(arguments: backends)
    func concurrentRenewalsNeverShareABot(backend: StoreBackend) async throws {
        let leases = try #require(try await backend.makeStore() as? any PollLeaseStore)
        try await leases.registerPollLeases(Self.tenants)
        let owners = (0..<8).map { "instance-\($0)" }
        let held = try await withThrowingTaskGroup(of: Set<TenantID>.self) { group in
            for owner in owners {
                group.addTask { try await leases.renewPollLeases(owner: owner, until: Self.now.addingTimeInterval(6), now: Self.now) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(held.map(\.count).reduce(0, +) == Self.tenants.count, "every bot is held exactly once")
        #expect(held.reduce(into: Set<TenantID>()) { $0.formUnion($1) } == Set(Self.tenants))
    }
}
