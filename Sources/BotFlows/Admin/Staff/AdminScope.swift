import BookingCore
import Foundation
import Storage

/// What a press or an input touches, for the master role: a master linked to a master record (`AdminMember.masterID`)
/// sees and changes only that master's days, bookings and blocks; owners and managers see all.
enum AdminScope: Equatable, Sendable {
    /// Nothing of one master's.
    case none
    /// One master's days (nil: every master's).
    case master(MasterID?)
    /// One booking.
    case booking(BookingID)
    /// One block (a linked master views their own and everyone's, removes only their own).
    case block(BlockID)
}

extension AdminCallback {
    /// What the press touches.
    var scope: AdminScope {
        switch self {
        case .day(let m, _), .dayPage(let m, _, _), .week(let m, _), .blockStart(let m, _), .blockFrom(let m, _), .blockPreview(let m, _, _),
            .blockConfirm(let m, _, _), .shiftStart(let m, _), .shiftPreview(let m, _, _), .shiftConfirm(let m, _, _):
            .master(m)
        case .booking(let b), .askCancel(let b), .cancel(let b), .noShow(let b, _), .visit(let b, _), .moveDay(let b, _), .moveDayPage(let b, _, _),
            .moveSlot(let b, _), .moveConfirm(let b, _):
            .booking(b)
        case .report(let callback): callback.scope
        case .serviceChange(let callback): callback.scope
        case .blocks(let callback): callback.scope
        default: .none
        }
    }
}

extension AdminInput {
    /// What the input touches.
    var scope: AdminScope {
        if case .blockReason(let master, _, _, _) = self { return .master(master.map(MasterID.init)) }
        if case .report(let master) = self { return .master(master.map(MasterID.init)) }
        return .none
    }
}

/// Checks the scope of a master-role admin's press or input after the role was checked.
struct AdminScopeCheck: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// The booking a press names.
    let bookings: any BookingStore

    /// What the master role does only as a linked master, on their own time.
    static let needsLink: Set<AdminAction> = [.blockTime, .markArrived, .viewReports, .removeBlock]

    /// True when the presser may act on `scope`; otherwise the refusal is audited and answered. A linked master
    /// acts only on their own master (a nil master is everyone's: refused); an unlinked master views everything, as
    /// before masters could be linked, but changes nothing (`needsLink`).
    func allows(_ scope: AdminScope, _ action: AdminAction, role: AdminRole, target: String, reply: inout Reply) async throws -> Bool {
        guard role == .master else { return true }
        let own = try await session.members(reply.tenant).first { $0.userID == reply.user }?.masterID
        let allowed: Bool
        switch (own, scope) {
        case (_, .none): allowed = true
        case (nil, _): allowed = !Self.needsLink.contains(action)
        case (let own?, .master(let master)): allowed = master == own
        case (let own?, .booking(let id)): allowed = try await bookings.booking(id, tenant: reply.tenant.id).map { $0.masterID == own } ?? true
        case (let own?, .block(let id)):
            allowed = try await bookings.block(id, tenant: reply.tenant.id).map { $0.masterID == own || ($0.masterID == nil && action == .viewBlocks) } ?? true
        }
        if !allowed { try await session.refuse(action, target: target, role: role, reply: &reply) }
        return allowed
    }

    /// The master whose days a master-role admin sees first: their own when linked, else every master's (nil).
    func ownMaster(role: AdminRole, reply: Reply) async throws -> MasterID? {
        guard role == .master else { return nil }
        return try await session.members(reply.tenant).first { $0.userID == reply.user }?.masterID
    }
}
