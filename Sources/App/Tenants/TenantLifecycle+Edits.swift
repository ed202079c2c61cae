import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The fields of a tenant the operator may change; nil leaves a field as it is.
public struct TenantEdit: Sendable, Equatable {
    /// Business name.
    public var name: String?
    /// IANA zone.
    public var timeZone: String?
    /// "ru" or "en".
    public var language: String?
    /// ISO 4217 code, e.g. RUB.
    public var currency: String?
    /// Address shown to customers.
    public var address: String?
    /// Contacts shown to customers.
    public var contact: String?
    /// Telegram user id of the owner.
    public var ownerID: Int64?
    /// Map link shown with the address ("" removes it).
    public var mapURL: String?

    /// Creates an edit.
    public init(
        name: String? = nil, timeZone: String? = nil, language: String? = nil, currency: String? = nil, address: String? = nil,
        contact: String? = nil, ownerID: Int64? = nil, mapURL: String? = nil
    ) {
        self.mapURL = mapURL
        self.name = name
        self.timeZone = timeZone
        self.language = language
        self.currency = currency
        self.address = address
        self.contact = contact
        self.ownerID = ownerID
    }

    /// Whether it changes nothing.
    public var isEmpty: Bool { self == TenantEdit() }
}

extension TenantLifecycle {
    /// Changes profile fields after checking each; an unacceptable value changes nothing.
    public func edit(_ id: TenantID, _ edit: TenantEdit) async throws -> TenantRecord {
        let name = try edit.name.map { try Self.nonEmpty($0, field: "name", limit: 100) }
        let address = try edit.address.map { try Self.bounded($0, field: "address") }
        let contact = try edit.contact.map { try Self.bounded($0, field: "contact") }
        if let zone = edit.timeZone, TimeZone(identifier: zone) == nil { throw LifecycleError.invalidValue(field: "time zone", value: zone) }
        if let language = edit.language, !["ru", "en"].contains(language) { throw LifecycleError.invalidValue(field: "language", value: language) }
        if let currency = edit.currency, currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            throw LifecycleError.invalidValue(field: "currency", value: currency)
        }
        if let map = edit.mapURL, !map.isEmpty, !TenantPresentation.isMapURL(map) {
            throw LifecycleError.invalidValue(field: "map link", value: String(map.prefix(100)))
        }
        if let owner = edit.ownerID, owner <= 0 { throw LifecycleError.invalidValue(field: "owner", value: String(owner)) }
        return try await change(id, action: "tenant.edit") { record in
            if let name { record.profile.name = name }
            if let zone = edit.timeZone { record.profile.timeZone = zone }
            if let language = edit.language { record.profile.defaultLanguage = language }
            if let currency = edit.currency { record.profile.currency = currency }
            if let address { record.profile.address = address }
            if let contact { record.profile.contact = contact }
            if let map = edit.mapURL { record.profile.presentation.mapURL = map }
            if let owner = edit.ownerID { record.ownerID = UserID(owner) }
        }
    }

    /// Replaces the bot token: checked with getMe; it must belong to the tenant's bot unless `newBot` (a move to
    /// another bot, whose id and username are then stored). Returns the record.
    public func setToken(_ id: TenantID, token raw: String, newBot: Bool) async throws -> TenantRecord {
        let token = BotToken(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        guard token.isWellFormed else { throw LifecycleError.malformedToken }
        let stored = try await show(id)
        let me: User
        do {
            me = try await botAPI.call(GetMe(), token: token)
        } catch {
            throw LifecycleError.tokenRejected("\(error)")
        }
        guard me.id == stored.botID || newBot else { throw LifecycleError.differentBot(stored: stored.botID, new: me.id) }
        let sealed = try vault.seal(token.rawValue)
        return try await change(id, action: newBot && me.id != stored.botID ? "tenant.move-bot" : "tenant.set-token") { record in
            record.encryptedToken = sealed
            record.botID = me.id
            record.botUsername = me.username ?? ""
        }
    }

    static func nonEmpty(_ text: String, field: String, limit: Int) throws -> String {
        let value = try bounded(text, field: field, limit: limit)
        guard !value.isEmpty else { throw LifecycleError.invalidValue(field: field, value: text) }
        return value
    }
}
