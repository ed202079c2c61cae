import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI

/// A customer bot over an in-memory store with a pinned clock, and helpers to build updates.
struct FlowHarness {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)  // Mon 2026-11-30 ~ 02:53 UTC, 05:53 Moscow
    let store = InMemoryStore()
    let bot: CustomerBot
    var context: TenantContext
    var services: [Service] = []
    var master: Master

    init(status: TenantStatus = .active, miniAppURL: String? = nil) async throws {
        let id = TenantID("demo_salon")!
        let record = TenantRecord(
            profile: TenantProfile(id: id, name: "Салон «Ромашка»", address: "Тверская, 1", contact: "+7 900 000-00-00", status: status),
            encryptedToken: [], botID: 7_000_000_001, botUsername: "demo_salon_bot", ownerID: UserID(1), createdAt: Self.now)
        try await store.insertTenant(record)
        context = TenantContext(record: record)
        master = await store.saveMaster(Master(id: MasterID(0), name: "Анна"), tenant: id)
        for (name, minutes, price) in [("Стрижка", 60, 150_000), ("Маникюр", 90, 200_000)] {
            services.append(await store.saveService(
                Service(id: ServiceID(0), name: name, durationMinutes: minutes, price: .fixed(minorUnits: Int64(price), currency: "RUB")), tenant: id))
        }
        bot = CustomerBot(
            environment: FlowEnvironment(stores: Stores(store), now: { Self.now }, miniAppURL: { id in miniAppURL.map { "\($0)/app/\(id)/" } }))
    }

    func handle(_ update: Update) async throws -> [BotCall] { try await result(update).calls }

    /// Handles `update` and stores the conversation's new state, as the processor does.
    func result(_ update: Update) async throws -> FlowResult { try await Self.handle(update, bot: bot, context: context, store: store) }

    static func handle(_ update: Update, bot: CustomerBot, context: TenantContext, store: InMemoryStore) async throws -> FlowResult {
        let result = try await bot.handle(update, tenant: context)
        if let change = result.conversation, let key = update.conversationKey(tenant: context.id) {
            try await store.apply(change, for: key, now: now)
        }
        return result
    }

    static func user(_ id: Int64 = 100_000_001, language: String? = "ru") -> User {
        User(id: id, firstName: "Анна", languageCode: language)
    }

    static func text(_ text: String, from user: User = user(), updateID: Int64 = 1) -> Update {
        let entities = text.hasPrefix("/") ? [MessageEntity(type: "bot_command", offset: 0, length: text.utf16.count)] : nil
        return Update(updateID: updateID, message: Message(
            messageID: updateID, from: user, chat: Chat(id: user.id), date: 1_796_000_000, text: text, entities: entities))
    }

    static func press(_ data: String, from user: User = user(), messageID: Int64 = 50, updateID: Int64 = 2) -> Update {
        let message = Message(messageID: messageID, chat: Chat(id: user.id), date: 1_796_000_000, text: "…")
        return Update(updateID: updateID, callbackQuery: CallbackQuery(id: "cb\(updateID)", from: user, message: message, chatInstance: "1", data: data))
    }

    static func fixture(_ name: String) throws -> Update {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TelegramBotAPITests/Fixtures/\(name).json")
        return try JSONDecoder().decode(Update.self, from: Data(contentsOf: url))
    }
}

extension BotCall {
    var sentText: String? {
        switch self {
        case .sendMessage(let m): m.text
        case .editMessageText(let m): m.text
        default: nil
        }
    }

    var inlineButtons: [InlineKeyboardButton] {
        switch self {
        case .sendMessage(let m): if case .inline(let k) = m.replyMarkup { return k.inlineKeyboard.flatMap { $0 } }
        case .editMessageText(let m): return m.replyMarkup?.inlineKeyboard.flatMap { $0 } ?? []
        default: break
        }
        return []
    }
}
