import BookingCore
import Foundation
import TelegramBotAPI

/// What the operator bot needs from outside the flows: the allow list and what only the process knows.
public struct OperatorDesk: Sendable {
    /// Telegram user ids allowed to use the operator bot; everyone else gets nothing at all.
    public var operators: Set<Int64>
    /// The latest processed update of the tenant whose card this update opens, read by the processor before the
    /// update's transaction (a read beside an open SQLite write transaction would wait for it forever).
    public var lastActivity: [TenantID: Date] = [:]
    /// Why Telegram refuses the tenant's token, or nil when it is healthy (as this process saw it; in memory).
    public var botHealth: @Sendable (TenantID) -> String?

    /// Creates a desk.
    public init(operators: Set<Int64>, botHealth: @escaping @Sendable (TenantID) -> String? = { _ in nil }) {
        self.operators = operators
        self.botHealth = botHealth
    }

    /// True when `update` comes from an operator (a message or a press).
    public func isOperator(_ update: Update) -> Bool {
        guard let user = update.message?.from?.id ?? update.callbackQuery?.from.id ?? update.editedMessage?.from?.id else { return false }
        return operators.contains(user)
    }

    /// The tenant whose card `update` opens (`o:t:<tenant>` from an operator), whose last activity is read first.
    public func cardTenant(of update: Update) -> TenantID? {
        guard let query = update.callbackQuery, operators.contains(query.from.id), let data = query.data, data.hasPrefix("o:t:") else { return nil }
        return TenantID(String(data.dropFirst(4).prefix(40)))
    }
}

/// Every button verb of the operator bot (`o:<verb>[:<argument>]`), for the enumerated refusal test.
public enum OperatorActions {
    /// The verbs.
    public static let verbs = ["menu", "list", "sp", "find", "stats", "t", "sus", "res", "pay"]
    /// The typed inputs and commands (a command opens the menu; text answers a search or a payment form).
    public static let messages = ["/start", "/find", "salon", "799.00 90 bank 42"]
}

/// The operator bot's texts.
enum OperatorTextKey: String, TextCatalogKey {
    case menu, tenantsButton, searchButton, statsButton, menuButton, tenantsTitle, noTenants, askSearch, card, suspendButton, resumeButton
    case payButton, askPayment, badPayment, suspended, resumed, notChanged, paid, stats, unknownTenant, healthy, never, nothing

    static let russian: [OperatorTextKey: String] = [
        .menu: "Оператор Zapis.", .tenantsButton: "🏢 Клиенты", .searchButton: "🔎 Поиск", .statsButton: "📈 Статистика", .menuButton: "« Меню",
        .tenantsTitle: "Клиенты ({count}), стр. {page}/{pages}:", .noTenants: "Никого не найдено.",
        .askSearch: "Что искать? (часть id или названия)",
        .card: "{id} — {name}\nСтатус: {status} {reason}\nТариф: {plan}, оплачено до {until}\nБот: @{bot} — {health}\nВладелец: {owner}\nПоследняя активность: {activity}",
        .suspendButton: "⏸ Приостановить", .resumeButton: "▶️ Возобновить", .payButton: "💵 Ручной платёж",
        .askPayment: "Платёж для {id}: «сумма дни основание», например: 799.00 90 счёт 42",
        .badPayment: "Не понял. Формат: сумма (799.00) дни (1–3660) основание (до 200 символов).",
        .suspended: "{id} приостановлен.", .resumed: "{id} снова работает.", .notChanged: "{id}: статус {status}, ничего не изменено.",
        .paid: "Платёж {amount} записан: {id} оплачен до {until}.",
        .stats: "Клиенты по статусам: {statuses}\nMRR: {mrr}\nВыручка за 30 дней: {revenue}\nПробных периодов кончается на этой неделе: {trials}",
        .unknownTenant: "Нет такого клиента.", .healthy: "в порядке", .never: "никогда", .nothing: "нет",
    ]

    static let english: [OperatorTextKey: String] = [
        .menu: "Zapis operator.", .tenantsButton: "🏢 Tenants", .searchButton: "🔎 Search", .statsButton: "📈 Stats", .menuButton: "« Menu",
        .tenantsTitle: "Tenants ({count}), page {page}/{pages}:", .noTenants: "Nobody found.",
        .askSearch: "What to look for? (part of an id or a name)",
        .card: "{id} — {name}\nStatus: {status} {reason}\nPlan: {plan}, paid until {until}\nBot: @{bot} — {health}\nOwner: {owner}\nLast activity: {activity}",
        .suspendButton: "⏸ Suspend", .resumeButton: "▶️ Resume", .payButton: "💵 Manual payment",
        .askPayment: "Payment for {id}: \"amount days reference\", e.g. 799.00 90 invoice 42",
        .badPayment: "I did not get that. Format: amount (799.00) days (1–3660) reference (up to 200 characters).",
        .suspended: "{id} is suspended.", .resumed: "{id} serves again.", .notChanged: "{id}: status {status}, nothing changed.",
        .paid: "Payment {amount} recorded: {id} is paid until {until}.",
        .stats: "Tenants by status: {statuses}\nMRR: {mrr}\nRevenue, last 30 days: {revenue}\nTrials ending this week: {trials}",
        .unknownTenant: "No such tenant.", .healthy: "healthy", .never: "never", .nothing: "none",
    ]
}

/// The operator bot's texts.
typealias OperatorTexts = TextCatalog<OperatorTextKey>

/// What the operator bot remembers between updates: the input it asked for.
struct OperatorConversation: Codable, Equatable, Sendable {
    /// Search text expected.
    var search = false
    /// A manual payment for this tenant expected.
    var paymentFor: String?
    /// The last search, which its pages repeat.
    var query: String?

    static func decode(_ bytes: [UInt8]?) -> OperatorConversation {
        bytes.flatMap { try? JSONDecoder().decode(OperatorConversation.self, from: Data($0)) } ?? OperatorConversation()
    }
}
