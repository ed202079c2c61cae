import BookingCore
import Testing

@testable import App

@Suite("Flood control")
struct FloodControlTests {
    let tenant = TenantID("client_001")!
    let other = TenantID("client_002")!

    @Test func chatBurstThenOnePerSecond() async {
        let flood = FloodControl()
        let start = ContinuousClock.now
        for _ in 0..<3 { #expect(await flood.reserve(tenant: tenant, chat: 1, isNewMessage: true, now: start) == nil) }
        let wait = await flood.reserve(tenant: tenant, chat: 1, isNewMessage: true, now: start)
        #expect(wait == .milliseconds(1000))
        // Another chat and edits of the same chat are not held by that chat's bucket.
        #expect(await flood.reserve(tenant: tenant, chat: 2, isNewMessage: true, now: start) == nil)
        #expect(await flood.reserve(tenant: tenant, chat: 1, isNewMessage: false, now: start) == nil)
        #expect(await flood.reserve(tenant: tenant, chat: 1, isNewMessage: true, now: start + .seconds(1)) == nil)
    }

    @Test func botLimitIsThirtyPerSecond() async {
        let flood = FloodControl()
        let start = ContinuousClock.now
        for chat in 0..<30 { #expect(await flood.reserve(tenant: tenant, chat: Int64(chat), isNewMessage: true, now: start) == nil) }
        #expect(await flood.reserve(tenant: tenant, chat: 99, isNewMessage: true, now: start) != nil)
        #expect(await flood.reserve(tenant: other, chat: 99, isNewMessage: true, now: start) == nil)
    }

    @Test func retryAfterHoldsOnlyItsChatOrBot() async {
        let flood = FloodControl()
        let start = ContinuousClock.now
        await flood.hold(tenant: tenant, chat: 7, until: start + .seconds(3))
        #expect(await flood.reserve(tenant: tenant, chat: 7, isNewMessage: false, now: start) == .seconds(3))
        #expect(await flood.reserve(tenant: tenant, chat: 8, isNewMessage: true, now: start) == nil)
        #expect(await flood.reserve(tenant: tenant, chat: 7, isNewMessage: true, now: start + .seconds(3)) == nil)
        await flood.hold(tenant: other, chat: nil, until: start + .seconds(2))
        #expect(await flood.reserve(tenant: other, chat: nil, isNewMessage: false, now: start) == .seconds(2))
        #expect(await flood.reserve(tenant: tenant, chat: nil, isNewMessage: false, now: start) == nil)
    }
}
