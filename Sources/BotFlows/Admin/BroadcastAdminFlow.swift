import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Who a broadcast goes to.
enum BroadcastAudience: String, CaseIterable, Codable, Sendable {
    /// Every customer who started the bot and has not blocked it.
    case all = "a"
    /// Those of them with an active booking that starts later.
    case future = "f"
}

/// A broadcast being written: the audience, then the text (kept as `AdminInput.broadcast`).
struct BroadcastDraft: Codable, Equatable, Sendable {
    var audience: BroadcastAudience
    /// The text, or the photo's caption ("" for none).
    var text: String?
    /// The file_id of the photo sent with `text` as its caption; nil for a text broadcast.
    var photo: String? = nil
}

/// Broadcast buttons, carried by `AdminCallback.broadcast`: choose the audience, ask for the text, send the previewed
/// draft, and the progress of broadcast `id` (its audit entry).
enum BroadcastCallback: ButtonFamily, Equatable {
    case start
    case audience(BroadcastAudience)
    case confirm
    case status(Int64)

    /// Every broadcast button needs the broadcast permission.
    var action: AdminAction { .broadcast }

    /// Every broadcast button kind, declared once (carried by `AdminCallback.codec`).
    static let codec = ButtonCodec<BroadcastCallback>([
        ButtonKind("ao", .start),
        ButtonKind("aoa", .token, make: { .audience($0) }, match: { if case .audience(let a) = $0 { a } else { nil } }),
        ButtonKind("aoy", .confirm),
        ButtonKind("aos", .int64(in: InputBounds.ids), make: { .status($0) }, match: { if case .status(let id) = $0 { id } else { nil } }),
    ])
}

/// Broadcast: audience → text → preview → confirm, which enqueues one bulk message per recipient in the update's
/// transaction (audited; the audit entry's id names the broadcast); then a status message with live counts.
struct BroadcastAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Admin reads and batch changes.
    let backOffice: any BackOfficeStore
    /// The audit log.
    let audit: any AuditStore
    /// Progress of broadcasts.
    let broadcasts: any BroadcastLog
    /// Telegram's limit of a message text, in UTF-16 code units.
    static let maxLength = 4096


    /// The outbox tag of broadcast `id`.
    static func tag(_ id: Int64) -> String { "broadcast:\(id)" }

    func handle(_ callback: BroadcastCallback, reply: inout Reply) async throws {
        switch callback {
        case .start: try await start(reply: &reply)
        case .audience(let audience): try await askText(audience, reply: &reply)
        case .confirm: try await confirm(reply: &reply)
        case .status(let id): try await status(id, reply: &reply)
        }
    }

    /// The chats a broadcast to `audience` goes to: customers not marked unreachable, one message per chat.
    func recipients(_ audience: BroadcastAudience, reply: Reply) async throws -> [ChatID] {
        var customers = try await backOffice.customerRecords(reply.tenant.id).filter { $0.unreachableSince == nil }
        if audience == .future {
            let now = session.now
            let upcoming = try await backOffice.bookings(
                startingIn: now..<now.addingTimeInterval(5 * 366 * 86_400), tenant: reply.tenant.id)
            let users = Set(upcoming.filter { $0.status.isActive }.map(\.customer))
            customers = customers.filter { users.contains($0.profile.userID) }
        }
        var seen: Set<ChatID> = []
        return customers.map(\.profile.chatID).filter { seen.insert($0).inserted }
    }

    private func audienceButton(_ audience: BroadcastAudience, count: Int, reply: Reply) -> InlineKeyboardButton {
        let key: BroadcastTextKey = audience == .all ? .audienceAll : .audienceFuture
        return .admin(reply.broadcast(key, ["count": "\(count)"]), .broadcast(.audience(audience)))
    }

    func start(reply: inout Reply) async throws {
        session.setInput(nil, reply: &reply)
        var rows: [[InlineKeyboardButton]] = []
        for audience in BroadcastAudience.allCases {
            rows.append([audienceButton(audience, count: try await recipients(audience, reply: reply).count, reply: reply)])
        }
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(reply.broadcast(.chooseAudience), keyboard: InlineKeyboardMarkup(rows))
    }

    func askText(_ audience: BroadcastAudience, reply: inout Reply) async throws {
        let count = try await recipients(audience, reply: reply).count
        guard count > 0 else { return reply.answer(reply.broadcast(.empty), alert: true) }
        session.setInput(.broadcast(BroadcastDraft(audience: audience, text: nil)), reply: &reply)
        reply.show(reply.broadcast(.askText, ["count": "\(count)"]), keyboard: InlineKeyboardMarkup([[reply.button(.toPanel, .panel)]]))
    }

    /// The typed text, or a photo (its file_id) with `text` as its caption: checked, kept in the draft, and shown exactly
    /// as customers will see it, with Confirm.
    func receive(_ text: String, photo: String? = nil, draft: BroadcastDraft, reply: inout Reply) async throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if photo != nil, MessageLimits.length(text) > MessageLimits.maxCaptionLength {
            return reply.send(reply.broadcast(.captionTooLong, ["length": "\(MessageLimits.length(text))", "max": "\(MessageLimits.maxCaptionLength)"]))
        }
        guard photo != nil || !trimmed.isEmpty, text.utf16.count <= Self.maxLength else {
            return reply.send(reply.broadcast(.tooLong, ["length": "\(text.utf16.count)"]))
        }
        let count = try await recipients(draft.audience, reply: reply).count
        guard count > 0 else { return reply.send(reply.broadcast(.empty)) }
        session.setInput(.broadcast(BroadcastDraft(audience: draft.audience, text: text, photo: photo)), reply: &reply)
        let audience = reply.broadcast(draft.audience == .all ? .audienceAll : .audienceFuture, ["count": "\(count)"])
        reply.send(reply.broadcast(.previewHeader, ["count": "\(count)", "audience": audience]))
        let keyboard = InlineKeyboardMarkup([
            [.admin(reply.broadcast(.confirm, ["count": "\(count)"]), .broadcast(.confirm))], [reply.button(.toPanel, .panel)],
        ])
        if let photo {
            reply.sendPhoto(photo, caption: trimmed.isEmpty ? nil : text, markup: .inline(keyboard))
        } else {
            reply.send(text, markup: .inline(keyboard))
        }
    }

    /// Enqueues the previewed draft for its audience as it is now (re-read at this moment); a second press finds no draft.
    func confirm(reply: inout Reply) async throws {
        guard case .broadcast(let draft) = reply.conversation.adminInput, let text = draft.text else {
            return reply.answer(reply.broadcast(.noRecipients), alert: true)
        }
        let chats = try await recipients(draft.audience, reply: reply)
        guard !chats.isEmpty else { return reply.answer(reply.broadcast(.noRecipients), alert: true) }
        let entry = try await audit.appendAudit(
            AuditEntry(
                at: session.now, actor: reply.user, action: AdminAction.broadcast.rawValue, target: "audience:\(draft.audience)",
                newValue: "\(chats.count) recipients: " + (draft.photo.map { "[photo \($0)] " } ?? "") + text),
            tenant: reply.tenant.id)
        let tag = Self.tag(entry.id)
        for chat in chats {
            if let photo = draft.photo {
                reply.sendBulkPhoto(photo, caption: text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text, to: chat, tag: tag)
            } else {
                reply.sendBulk(text, to: chat, tag: tag)
            }
        }
        session.setInput(nil, reply: &reply)
        reply.answer(reply.broadcast(.queued))
        // A photo preview has no text to edit: its Confirm goes away and the status comes as a new message.
        if draft.photo != nil, let pressed = reply.editableMessageID {
            reply.call(.editMessageReplyMarkup(EditMessageReplyMarkup(chatID: reply.chat.rawValue, messageID: pressed, replyMarkup: nil)))
        }
        show(BroadcastCounts(total: chats.count, pending: chats.count), id: entry.id, asNew: draft.photo != nil, reply: &reply)
    }

    /// Progress of broadcast `id` of this tenant, read from the outbox.
    func status(_ id: Int64, reply: inout Reply) async throws {
        let counts = try await broadcasts.broadcastCounts(tag: Self.tag(id), tenant: reply.tenant.id)
        guard counts.total > 0 else { return reply.answer(reply.broadcast(.notFound)) }
        show(counts, id: id, reply: &reply)
    }

    private func show(_ counts: BroadcastCounts, id: Int64, asNew: Bool = false, reply: inout Reply) {
        let text = reply.broadcast(
            .status,
            [
                "id": "\(id)", "total": "\(counts.total)", "sent": "\(counts.sent)", "blocked": "\(counts.blocked)",
                "failed": "\(counts.failed)", "pending": "\(counts.pending)",
                "state": reply.broadcast(counts.isFinished ? .finished : .running),
            ])
        let keyboard = InlineKeyboardMarkup([
            [.admin(reply.broadcast(.refresh), .broadcast(.status(id)))], [reply.button(.toPanel, .panel)],
        ])
        if asNew { reply.send(text, markup: .inline(keyboard)) } else { reply.show(text, keyboard: keyboard) }
    }
}
