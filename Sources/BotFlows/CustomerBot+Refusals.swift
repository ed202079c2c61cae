import BookingCore
import Foundation
import Storage
import TelegramBotAPI

extension CustomerBot {
    /// What follows a message Telegram refused with a 400 (already counted and logged by the sender): an admin of
    /// `tenant` gets a short notice, in their language, that the view could not be shown, so a refused admin view
    /// is never silent. Customers get nothing (their texts are fitted before sending; a refusal there is a bug
    /// that the count and the log surface), and a refused notice is not answered with another.
    public func refused(_ call: OutgoingCall, chat: Int64, tenant: TenantContext) async throws -> FlowResult {
        guard Self.refusalTimer(for: call, chat: chat, now: Date()) != nil else { return FlowResult() }
        return try await refusedNotice(chat: chat, tenant: tenant)
    }

    /// The timer the sender writes for a refused message, when it calls for a notice: a send or an edit to a private
    /// chat that was not itself the notice. Firing it (`fire`) runs `refusedNotice` in a transaction of its own.
    public static func refusalTimer(for call: OutgoingCall, chat: Int64, now: Date) -> FlowTimer? {
        guard [SendMessage.name, EditMessageText.name].contains(call.methodName), chat > 0 else { return nil }
        let notices = Language.allCases.map { AdminTexts.standard.render(.viewTooLong, $0) }
        if let refusedText = text(of: call), notices.contains(refusedText) { return nil }
        return FlowTimer(event: .viewRefused, chat: ChatID(chat), due: now)
    }

    /// The notice for an admin whose view was refused, in their language; nothing for anyone else.
    func refusedNotice(chat: Int64, tenant: TenantContext) async throws -> FlowResult {
        let stores = environment.stores
        let admins = try await stores.admins.admins(tenant.id)
        guard admins.isEmpty ? tenant.record.ownerID.rawValue == chat : admins.contains(where: { $0.userID == UserID(chat) }) else {
            return FlowResult()
        }
        let language = AdminSession.language(of: admins.first { $0.userID == UserID(chat) }, tenant: tenant)
        return FlowResult(calls: [.sendMessage(SendMessage(chatID: chat, text: AdminTexts.standard.render(.viewTooLong, language)))])
    }

    /// The text a send or an edit carried, if it can be read.
    private static func text(of call: OutgoingCall) -> String? {
        struct Text: Decodable { var text: String? }
        switch call {
        case .json(_, let body): return (try? JSONDecoder().decode(Text.self, from: Data(body)))?.text
        case .typed(.sendMessage(let message)): return message.text
        case .typed(.editMessageText(let edit)): return edit.text
        case .typed: return nil
        }
    }
}
