import BookingCore
import BotFlows
import Storage
import Testing

@Suite("Refusal audit budget")
struct RefusalAuditBudgetTests {
    @Test func aStrangerPressingOneAdminButtonIsAnsweredEveryTimeButAuditedOnlyFiveTimesAnHour() async throws {
        let harness = try await FlowHarness()
        let stranger = FlowHarness.user(666, language: "en")
        for press in 0..<30 {
            let calls = try await harness.handle(FlowHarness.press("a", from: stranger, updateID: Int64(100 + press)))
            #expect(calls.count == 1, "every refused press is answered")
        }
        let log = await harness.store.auditLog(harness.context.id, offset: 0, limit: 100)
        #expect(log.filter { $0.actor == UserID(666) && $0.outcome == .refused }.count == 5)
    }
}
