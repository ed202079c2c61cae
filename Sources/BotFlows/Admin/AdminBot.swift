import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The admin side of a tenant's bot, opened with `/admin`. Every press and every typed input is checked against
/// `AdminAction.minimumRole` when it executes; refusals are answered and audited. The admin side's router: it
/// dispatches to flows built by `AdminFlows`, each holding only the stores it uses.
struct AdminBot: Sendable {
    /// The admin flows, built once.
    let flows: AdminFlows

    private var session: AdminSession { flows.session }

    /// Handles `message` when it belongs to the admin side (`/admin`, or the input an admin was asked for);
    /// returns false to leave it to the customer side.
    func handleMessage(_ message: Message, reply: inout Reply) async throws -> Bool {
        if let command = message.command {
            guard command.name == "admin" else { return false }
            guard try await session.authorize(.openPanel, target: "panel", reply: &reply) != nil else { return true }
            session.setInput(nil, reply: &reply)
            try await flows.schedule.panel(reply: &reply)
            return true
        }
        // A photo counts only as a broadcast's (its caption the text); elsewhere the customer side takes it.
        let photo = message.photo?.last?.fileID
        guard let input = reply.conversation.adminInput, photo == nil || input.action == .broadcast,
            let text = message.text ?? (photo != nil ? message.caption ?? "" : nil)
        else { return false }
        if reply.texts.menuKey(matching: text) != nil, !input.isMenuLabelTemplate {
            // A menu button leaves the admin input: the customer side takes the message.
            session.setInput(nil, reply: &reply)
            return false
        }
        guard let role = try await session.authorize(input.action, target: "input", reply: &reply),
            try await flows.scope.allows(input.scope, input.action, role: role, target: "input", reply: &reply)
        else {
            session.setInput(nil, reply: &reply)
            return true
        }
        // A broadcast may use Telegram's whole 4096 (its flow checks that limit).
        guard text.count <= 3_000 || input.action == .broadcast else {
            reply.send(reply.admin(.inputTooLong))
            return true
        }
        // An answer that may hold a secret (a payment provider token) leaves the chat as soon as it is read, kept or not.
        if input.isSecret { reply.call(.deleteMessage(DeleteMessage(chatID: message.chat.id, messageID: message.messageID))) }
        switch input {
        case .blockReason(let master, let from, let to, _):
            try await flows.block.receiveReason(text, master: master.map(MasterID.init), from: from, to: to, reply: &reply)
        case .template(let key, let language):
            try await flows.texts.receive(text, key: key, language: language, reply: &reply)
        case .newAdmin:
            try await flows.admins.receive(text, forwardedFrom: message.forwardOrigin, reply: &reply)
        case .broadcast(let draft):
            try await flows.broadcast.receive(text, photo: photo, draft: draft, reply: &reply)
        case .business(let input):
            try await flows.business.receive(text, input: input, reply: &reply)
        case .profile(let field):
            try await flows.profile.receive(text, field, reply: &reply)
        case .shiftMinutes(let master, let day):
            try await flows.shift.receive(text, master: master, day: day, reply: &reply)
        case .pendingZone:
            try await flows.profile.receive(text, .timeZone, reply: &reply)
        case .staff(let input):
            try await flows.staff.receive(text.trimmingCharacters(in: .whitespacesAndNewlines), input: input, reply: &reply)
        case .walkIn(let service, let master, let minute):
            try await flows.walkIn.receive(text, service: ServiceID(service), master: MasterID(master), minute: minute, reply: &reply)
        case .report(let master):
            try await flows.reports.receive(text, master: master, reply: &reply)
        }
        return true
    }

    /// Handles a press whose data starts with "a".
    func handleCallback(_ data: String, reply: inout Reply) async throws {
        guard let callback = AdminCallback(data: data),
            callback.isNear(now: session.now, horizonDays: reply.tenant.policies.horizonDays)
        else {
            reply.answer(reply.text(.staleButton))
            return
        }
        guard let role = try await session.authorize(callback.action, target: data, reply: &reply),
            try await flows.scope.allows(callback.scope, callback.action, role: role, target: data, reply: &reply)
        else { return }
        switch callback {
        case .panel: try await flows.schedule.panel(reply: &reply)
        case .close:
            session.setInput(nil, reply: &reply)
            reply.show(reply.admin(.closed), keyboard: nil)
        case .day(let m, let date): try await flows.schedule.day(m, date, reply: &reply)
        case .dayPage(let m, let date, let page): try await flows.schedule.day(m, date, page: page, reply: &reply)
        case .week(let m, let date): try await flows.schedule.week(m, date, reply: &reply)
        case .booking(let id): try await flows.schedule.card(id, reply: &reply)
        case .askCancel(let id): try await flows.schedule.askCancel(id, reply: &reply)
        case .cancel(let id): try await flows.schedule.cancel(id, reply: &reply)
        case .noShow(let id, let on): try await flows.schedule.mark(id, on ? .noShow : .undoNoShow, reply: &reply)
        case .visit(let id, let mark): try await flows.schedule.mark(id, mark, reply: &reply)
        case .moveDay(let id, let date): try await flows.schedule.moveDay(id, date, reply: &reply)
        case .moveDayPage(let id, let date, let page): try await flows.schedule.moveDay(id, date, page: page, reply: &reply)
        case .moveSlot(let id, let minute): try await flows.schedule.moveSlot(id, minute, reply: &reply)
        case .moveConfirm(let id, let minute): try await flows.schedule.moveConfirm(id, minute, reply: &reply)
        case .blockStart(let m, let date): try await flows.block.start(m, date, reply: &reply)
        case .blockFrom(let m, let minute): try await flows.block.chooseEnd(m, from: minute, reply: &reply)
        case .blockPreview(let m, let from, let to): try await flows.block.preview(m, from: from, to: to, reason: nil, reply: &reply)
        case .blockConfirm(let m, let from, let to): try await flows.block.confirm(m, from: from, to: to, reply: &reply)
        case .shiftStart(let m, let date): try await flows.shift.start(m, date, reply: &reply)
        case .shiftAsk(let m, let date): try await flows.shift.ask(m, date, reply: &reply)
        case .shiftPreview(let m, let date, let minutes): try await flows.shift.preview(m, date, minutes: minutes, reply: &reply)
        case .shiftConfirm(let m, let date, let minutes): try await flows.shift.confirm(m, date, minutes: minutes, reply: &reply)
        case .texts(let language): try await flows.texts.list(language, reply: &reply)
        case .textCategory(let category, let language, let page): try await flows.texts.category(category, language, page: page, reply: &reply)
        case .text(let key, let language): try await flows.texts.show(key, language, reply: &reply)
        case .textEdit(let key, let language): try await flows.texts.askEdit(key, language, reply: &reply)
        case .textReset(let key, let language): try await flows.texts.reset(key, language, reply: &reply)
        case .admins: try await flows.admins.list(reply: &reply)
        case .adminsPage(let page): try await flows.admins.list(page: page, reply: &reply)
        case .adminAdd: try await flows.admins.askAdd(reply: &reply)
        case .adminCard(let user): try await flows.admins.card(user, reply: &reply)
        case .adminRole(let user, let role): try await flows.admins.setRole(user, role, reply: &reply)
        case .adminRemove(let user): try await flows.admins.remove(user, reply: &reply)
        case .export(let kind): try await flows.export.send(kind, reply: &reply)
        case .business(let callback): try await flows.business.handle(callback, reply: &reply)
        case .broadcast(let callback): try await flows.broadcast.handle(callback, reply: &reply)
        case .profile(let callback): try await flows.profile.handle(callback, reply: &reply)
        case .staff(let callback): try await flows.staff.handle(callback, reply: &reply)
        case .walkIn(let callback): try await flows.walkIn.handle(callback, reply: &reply)
        case .report(let callback): try await flows.reports.handle(callback, reply: &reply)
        case .serviceChange(let callback): try await flows.serviceChange.handle(callback, reply: &reply)
        case .blocks(let callback): try await flows.block.handle(callback, reply: &reply)
        }
    }
}
