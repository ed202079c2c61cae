import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Marking visits from the booking card: arrived (a linked master for their own bookings, managers for all) and its
/// undo while the visit lasts, beside the no-show marks; every change audited.
@Suite("Admin visit marks")
struct AdminVisitTests {
    static let today = LocalDate(year: 2026, month: 11, day: 30)!

    /// The harness with the master user (id 3) linked to its master; the clock reads 03:53 Moscow.
    static func prepared() async throws -> FlowHarness {
        let h = try await FlowHarness()
        try await h.addAdmins()
        var mira = try #require(await h.store.admins(h.context.id).first { $0.userID == UserID(3) })
        mira.masterID = h.master.id
        await h.store.saveAdmin(mira, tenant: h.context.id)
        return h
    }

    @Test func aLinkedMasterMarksTheirClientArrivedAndUndoesItWhileTheVisitLasts() async throws {
        let h = try await Self.prepared()
        let visit = try await h.book(h.at(3, 30, on: Self.today))
        let card = try await h.press(.booking(visit.id), as: FlowHarness.masterUser)
        let buttons = card.calls.flatMap(\.inlineButtons)
        #expect(buttons.contains { $0.callbackData == AdminCallback.visit(visit.id, .arrived).data && $0.text == "✅ Client arrived" })
        _ = try await h.press(.visit(visit.id, .arrived), as: FlowHarness.masterUser)
        #expect(await h.store.booking(visit.id, tenant: h.context.id)?.status == .completed)
        let marked = try await h.press(.booking(visit.id), as: FlowHarness.manager)
        let undo = try #require(marked.calls.flatMap(\.inlineButtons).first { $0.callbackData == AdminCallback.visit(visit.id, .undoArrived).data })
        #expect(undo.text == "↩️ Снять «пришёл»")
        #expect(marked.calls.flatMap(\.inlineButtons).contains { $0.callbackData == "abn:\(visit.id):1" })
        _ = try await h.press(.visit(visit.id, .undoArrived), as: FlowHarness.masterUser)
        #expect(await h.store.booking(visit.id, tenant: h.context.id)?.status == .confirmed)
        let entries = await h.audit().filter { $0.action == "booking.arrived" && $0.outcome == .done }.reversed()
        #expect(entries.map(\.oldValue) == ["confirmed", "completed"] && entries.map(\.newValue) == ["completed", "confirmed"])
        // A master may mark arrivals but not no-shows.
        #expect(try await h.press(.visit(visit.id, .noShow), as: FlowHarness.masterUser).answer?.showAlert == true)
        #expect(await h.store.booking(visit.id, tenant: h.context.id)?.status == .confirmed)
    }

    @Test func anEndedVisitCannotBeUnmarkedAndAFutureOneCannotBeMarked() async throws {
        let h = try await Self.prepared()
        let ended = try await h.book(h.at(1, on: Self.today))
        _ = try await h.press(.visit(ended.id, .arrived), as: FlowHarness.manager)
        let refused = try await h.press(.visit(ended.id, .undoArrived), as: FlowHarness.manager)
        #expect(refused.answer?.showAlert == true)
        #expect(await h.store.booking(ended.id, tenant: h.context.id)?.status == .completed)
        let future = try await h.book(h.at(10))
        let early = try await h.press(.visit(future.id, .arrived), as: FlowHarness.manager)
        #expect(early.answer?.showAlert == true)
        #expect(await h.store.booking(future.id, tenant: h.context.id)?.status == .confirmed)
    }

    @Test func aLinkedMasterCannotMarkAnotherMastersVisit() async throws {
        let h = try await Self.prepared()
        let boris = await h.store.saveMaster(Master(id: MasterID(0), name: "Борис"), tenant: h.context.id)
        let other = try await h.store.createBooking(
            BookingRequest(customer: UserID(FlowHarness.customer.id), chat: ChatID(FlowHarness.customer.id), service: h.services[0], masterID: boris.id,
                           start: h.at(3, 30, on: Self.today)),
            tenant: h.context.id, maxActivePerCustomer: 10, now: FlowHarness.now.addingTimeInterval(-7_200))
        let refused = try await h.press(.visit(other.id, .arrived), as: FlowHarness.masterUser)
        #expect(refused.answer?.showAlert == true)
        #expect(await h.store.booking(other.id, tenant: h.context.id)?.status == .confirmed)
        #expect(await h.audit().first?.outcome == .refused)
    }

    @Test func staffWalkInAndVisitTextsHaveEveryKeyInBothLanguages() {
        #expect((TextsTests.problems(StaffTextKey.self) + TextsTests.problems(WalkInTextKey.self)).isEmpty)
    }
}
