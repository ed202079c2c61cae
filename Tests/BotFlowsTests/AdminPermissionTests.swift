import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Every admin button and every typed admin input, pressed or sent by a customer and by each role below the one the
/// permission table asks for: refused, answered, nothing changed, and the attempt audited.
@Suite("Admin permissions")
struct AdminPermissionTests {
    static func callbacks(booking b: BookingID, master: MasterID, from: Date, to: Date) -> [AdminCallback] {
        let date = FlowHarness.tomorrow
        let (f, t) = (from.epochMinute, to.epochMinute)
        return [
            .panel, .close, .day(nil, date), .day(master, date), .dayPage(nil, date, page: 2), .week(nil, date),
            .booking(b), .askCancel(b), .cancel(b), .noShow(b, true), .noShow(b, false), .moveDay(b, date), .moveDayPage(b, date, page: 1),
            .moveSlot(b, epochMinute: t), .moveConfirm(b, epochMinute: t), .blockStart(nil, date), .blockFrom(master, epochMinute: f),
            .blockPreview(nil, from: f, to: t), .blockConfirm(nil, from: f, to: t), .shiftStart(master, date), .shiftAsk(nil, date),
            .shiftPreview(nil, date, minutes: 30), .shiftConfirm(nil, date, minutes: 30), .texts(.ru), .textCategory(.booking, .ru, page: 0),
            .textCategory(.menu, .en, page: 1), .text(.greeting, .en), .textEdit(.greeting, .ru), .textReset(.about, .ru),
            .admins, .adminsPage(page: 1), .adminAdd, .adminCard(UserID(2)), .adminRole(UserID(2), .owner), .adminRemove(UserID(2)),
            .export(.bookings), .export(.clients), .export(.audit),
            .broadcast(.start), .broadcast(.audience(.all)), .broadcast(.confirm), .broadcast(.status(1)),
            .profile(.show), .profile(.edit(.name)), .profile(.language(.en)), .profile(.applyZone),
        ]
    }

    static let inputs: [(AdminInput, String)] = [
        (.blockReason(master: nil, from: 29_933_000, to: 29_933_060, reason: nil), "sick"),
        (.template(key: "greeting", language: "ru"), "Привет, {name}!"),
        (.newAdmin, "777"), (.shiftMinutes(master: nil, day: FlowHarness.tomorrow.compact), "+45"),
    ] + businessInputs + [
        (.broadcast(BroadcastDraft(audience: .all, text: nil)), "Всем привет"),
        (.profile(.address), "ул. Ленина, 1"), (.profile(.descriptionEn), "We cut hair"), (.pendingZone("Asia/Tokyo"), "Asia/Tokyo"),
    ] + staffInputs + reportInputs

    /// A harness with admins, a booking tomorrow 10:30, an edited text and a pending nothing.
    static func prepared() async throws -> (FlowHarness, [AdminCallback]) {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let booking = try await h.book(h.at(10, 30))
        await h.store.setTextOverride(key: "about", language: "ru", template: "О нас", tenant: h.context.id)
        let all = callbacks(booking: booking.id, master: h.master.id, from: h.at(10), to: h.at(11))
            + businessCallbacks(service: h.services[0].id, master: h.master.id, customer: booking.customer)
            + staffCallbacks(master: h.master.id, service: h.services[0].id, booking: booking.id)
            + reportCallbacks(master: h.master.id, service: h.services[1].id)
            + (await blockCallbacks(h))
        return (h, all)
    }

    static let lowerActors: [(User, AdminRole?)] = [(FlowHarness.customer, nil), (FlowHarness.masterUser, .master), (FlowHarness.manager, .manager)]

    @Test func everyCallbackAndActionIsCovered() async throws {
        let (_, callbacks) = try await Self.prepared()
        let prefixes = Set(callbacks.map { String($0.data.split(separator: ":", omittingEmptySubsequences: false)[0]) })
        #expect(prefixes == AdminCallback.codec.prefixes)
        let actions = Set(callbacks.map(\.action) + Self.inputs.map(\.0.action))
        #expect(actions == Set(AdminAction.allCases))
        for callback in callbacks {
            #expect(AdminCallback(data: callback.data) == callback)
            #expect(callback.data.utf8.count <= 64)
        }
    }

    @Test func lowerRolesAndCustomersAreRefusedWithNothingChangedAndAudited() async throws {
        let (h, callbacks) = try await Self.prepared()
        var checked = 0
        for callback in callbacks {
            for (actor, role) in Self.lowerActors where !callback.action.allows(role) {
                let before = try await h.snapshot()
                let auditBefore = await h.audit().count
                let result = try await h.press(callback, as: actor)
                #expect(try await h.snapshot() == before, "\(callback.data) by \(actor.id) changed something")
                let audit = await h.audit()
                #expect(audit.count == auditBefore + 1)
                let entry = try #require(audit.first)
                #expect(entry.outcome == .refused && entry.actor == UserID(actor.id) && entry.action == callback.action.rawValue)
                #expect(result.answer?.showAlert == true)
                #expect(result.calls.count == 1 && result.scheduled.isEmpty && result.withdrawn.isEmpty && result.bulk.isEmpty)
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    @Test func typedInputIsCheckedAgainWhenItArrives() async throws {
        let (h, _) = try await Self.prepared()
        for (input, text) in Self.inputs {
            for (actor, role) in Self.lowerActors where !input.action.allows(role) {
                // The input was opened (say, before a demotion), then the text arrives.
                let key = ConversationKey(tenant: h.context.id, chat: ChatID(actor.id), user: UserID(actor.id))
                await h.store.saveState(Array(try JSONEncoder().encode(Conversation(adminInput: input))), for: key, now: FlowHarness.now)
                let before = try await h.snapshot()
                let result = try await h.say(text, as: actor)
                #expect(try await h.snapshot() == before)
                let entry = try #require(await h.audit().first)
                #expect(entry.outcome == .refused && entry.action == input.action.rawValue && entry.actor == UserID(actor.id))
                #expect(result.sent(to: actor.id).count == 1)
                #expect(result.sent(to: 777).isEmpty)
            }
        }
    }

    @Test func theOwnerIsAllowedEverywhere() async throws {
        let (h, callbacks) = try await Self.prepared()
        for callback in callbacks where callback != .adminRemove(UserID(2)) {
            _ = try await h.press(callback, as: FlowHarness.owner)
        }
        #expect(await h.audit().allSatisfy { $0.outcome == .done })
    }

    @Test func aCustomerTypingAdminIsRefusedPolitely() async throws {
        let h = try await FlowHarness()
        let result = try await h.say("/admin", as: FlowHarness.customer)
        #expect(result.sent(to: FlowHarness.customer.id) == ["Эта команда — для администраторов."])
        #expect(await h.audit().first?.outcome == .refused)
        // The tenant's owner became the first admin on the way.
        #expect(await h.store.admins(h.context.id).map(\.role) == [.owner])
    }

    @Test func forgedAdminDataIsStale() async throws {
        let h = try await FlowHarness()
        for data in ["ab:x", "aky:a:10:5", "asp:a:20261201:0", "aar:2:king", "zz", "a:", "ati:nope:ru", "ati:menuBook:de", "atg:z:ru"] {
            let result = try await h.result(FlowHarness.press(data, from: FlowHarness.owner))
            #expect(result.answer != nil)
        }
    }
}
