import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The business profile (owners edit it): name, address with a map link, contacts, time zone, default language,
/// currency, and the bot's description and short description in ru and en (sent to Telegram through the outbox with
/// the change). A new time zone is previewed first: bookings keep their instants, so the owner sees how their local
/// times move before applying it. The running bot picks changes up when it next reads the tenant.
struct ProfileAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// The tenant's stored profile.
    let tenants: any TenantStore
    /// Upcoming bookings (the time zone preview).
    let backOffice: any BackOfficeStore
    /// How many upcoming bookings the time zone preview lists.
    static let previewLines = 10

    private func current(_ reply: Reply) async throws -> TenantProfile {
        try await tenants.tenant(reply.tenant.id)?.profile ?? reply.tenant.profile
    }

    func show(reply: inout Reply, notice: String? = nil) async throws {
        let p = try await current(reply)
        let unset = reply.profileText(.notSet)
        func shown(_ text: String?) -> String { text.flatMap { $0.isEmpty ? nil : $0 } ?? unset }
        let d = p.presentation
        var text = reply.profileText(
            .card,
            [
                "name": p.name, "address": shown(p.address), "map": shown(d.mapURL), "contact": shown(p.contact), "zone": p.timeZone,
                "language": p.defaultLanguage, "currency": p.currency, "descriptionRu": shown(d.descriptions["ru"]),
                "descriptionEn": shown(d.descriptions["en"]), "shortRu": shown(d.shortDescriptions["ru"]),
                "shortEn": shown(d.shortDescriptions["en"]),
            ])
        if let notice { text = notice + "\n\n" + text }
        let fields = ProfileField.allCases.map { reply.button(.edit, .edit($0), ["field": reply.profileText($0.label)]) }
        var rows = stride(from: 0, to: fields.count, by: 2).map { Array(fields[$0..<min($0 + 2, fields.count)]) }
        rows.append(Language.allCases.map { language in reply.button(.languageButton, .language(language), ["language": language.rawValue]) })
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func handle(_ callback: ProfileCallback, reply: inout Reply) async throws {
        switch callback {
        case .show:
            session.setInput(nil, reply: &reply)
            try await show(reply: &reply)
        case .edit(let field): try await ask(field, reply: &reply)
        case .language(let language): try await setLanguage(language, reply: &reply)
        case .applyZone: try await applyZone(reply: &reply)
        }
    }

    func ask(_ field: ProfileField, reply: inout Reply) async throws {
        let question = reply.profileText(.askField, ["field": reply.profileText(field.label), "hint": hint(field, reply)])
        try await session.ask(.profile(field), question, reply: &reply)
    }

    private func hint(_ field: ProfileField, _ reply: Reply) -> String {
        switch field {
        case .name: reply.profileText(.hintName)
        case .address, .contact: reply.profileText(.hintText)
        case .map: reply.profileText(.hintMap)
        case .timeZone: reply.profileText(.hintTimeZone)
        case .currency: reply.profileText(.hintCurrency)
        case .descriptionRu, .descriptionEn:
            reply.profileText(.hintDescription, ["max": String(TenantPresentation.descriptionLimit)])
        case .shortRu, .shortEn:
            reply.profileText(.hintDescription, ["max": String(TenantPresentation.shortDescriptionLimit)])
        }
    }

    func receive(_ text: String, _ field: ProfileField, reply: inout Reply) async throws {
        let old = try await current(reply)
        if field == .timeZone { return try await previewZone(text, old: old, reply: &reply) }
        guard let new = Self.applying(text, to: old, field) else {
            return reply.send(reply.profileText(.badField, ["hint": hint(field, reply)]))
        }
        session.setInput(nil, reply: &reply)
        try await save(new, field: field.rawValue, old: Self.value(old, field), new: Self.value(new, field), reply: &reply)
        if let (language, _) = field.descriptionLanguage {
            let d = new.presentation
            reply.setDescriptions(d.descriptions[language.rawValue] ?? "", short: d.shortDescriptions[language.rawValue] ?? "", language: language)
        }
        try await show(reply: &reply, notice: reply.profileText(.saved))
    }

    func setLanguage(_ language: Language, reply: inout Reply) async throws {
        var new = try await current(reply)
        let old = new.defaultLanguage
        new.defaultLanguage = language.rawValue
        if old != new.defaultLanguage { try await save(new, field: "language", old: old, new: new.defaultLanguage, reply: &reply) }
        reply.answer(nil)
        try await show(reply: &reply, notice: reply.profileText(.saved))
    }

    /// Shows how the upcoming bookings' local times move, and keeps the zone as the input to apply.
    private func previewZone(_ text: String, old: TenantProfile, reply: inout Reply) async throws {
        let zone = text.trimmingCharacters(in: .whitespaces)
        guard zone.count <= 64, let newCalendar = ZonedCalendar(identifier: zone), zone.contains("/") || zone == "UTC" else {
            return reply.send(reply.profileText(.badField, ["hint": hint(.timeZone, reply)]))
        }
        guard zone != old.timeZone else { return reply.send(reply.profileText(.zoneUnchanged)) }
        session.setInput(.pendingZone(zone), reply: &reply)
        let now = session.now
        let upcoming = try await backOffice.bookings(startingIn: now..<now.addingTimeInterval(366 * 86_400), tenant: reply.tenant.id)
            .filter(\.status.isActive).prefix(Self.previewLines)
        let oldCalendar = reply.tenant.calendar
        let lines = upcoming.map { booking in
            reply.profileText(
                .zoneLine,
                [
                    "date": reply.format.date(oldCalendar.localDate(of: booking.start)),
                    "old": oldCalendar.localTime(of: booking.start).description,
                    "new": "\(reply.format.shortDate(newCalendar.localDate(of: booking.start))) \(newCalendar.localTime(of: booking.start))",
                ])
        }
        let bookings = lines.isEmpty ? reply.profileText(.zoneNoBookings) : lines.joined(separator: "\n")
        let preview = reply.profileText(.zonePreview, ["old": old.timeZone, "new": zone, "bookings": bookings])
        let keyboard = InlineKeyboardMarkup([[reply.button(.zoneApply, .applyZone)], [reply.button(.back, .profile(.show))]])
        reply.send(preview, markup: .inline(keyboard))
    }

    /// Applies the previewed zone (kept as the admin input, so a forged or stale press applies nothing).
    func applyZone(reply: inout Reply) async throws {
        guard case .pendingZone(let zone)? = reply.conversation.adminInput, ZonedCalendar(identifier: zone) != nil else {
            return reply.answer(reply.profileText(.zoneNothingPending), alert: true)
        }
        session.setInput(nil, reply: &reply)
        var new = try await current(reply)
        let old = new.timeZone
        new.timeZone = zone
        try await save(new, field: "time_zone", old: old, new: zone, reply: &reply)
        reply.answer(nil)
        try await show(reply: &reply, notice: reply.profileText(.saved))
    }

    private func save(_ profile: TenantProfile, field: String, old: String, new: String, reply: inout Reply) async throws {
        _ = try await tenants.updateTenant(reply.tenant.id, audit: nil) { $0.profile = profile }
        try await session.audit(.editProfile, target: "profile:\(field)", old: old, new: new, reply: reply)
    }

    /// The field's value as text (for the audit log).
    static func value(_ p: TenantProfile, _ field: ProfileField) -> String {
        switch field {
        case .name: p.name
        case .address: p.address
        case .map: p.presentation.mapURL
        case .contact: p.contact
        case .timeZone: p.timeZone
        case .currency: p.currency
        case .descriptionRu: p.presentation.descriptions["ru"] ?? ""
        case .descriptionEn: p.presentation.descriptions["en"] ?? ""
        case .shortRu: p.presentation.shortDescriptions["ru"] ?? ""
        case .shortEn: p.presentation.shortDescriptions["en"] ?? ""
        }
    }

    /// `profile` with `field` set from `text`, or nil when the value is not acceptable ("-" clears optional fields).
    static func applying(_ text: String, to profile: TenantProfile, _ field: ProfileField) -> TenantProfile? {
        var p = profile
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let cleared = text == "-" ? "" : text
        switch field {
        case .name:
            guard (1...100).contains(text.count), text != "-" else { return nil }
            p.name = text
        case .address, .contact:
            guard cleared.count <= 500 else { return nil }
            if field == .address { p.address = cleared } else { p.contact = cleared }
        case .map:
            guard cleared.isEmpty || TenantPresentation.isMapURL(cleared) else { return nil }
            p.presentation.mapURL = cleared
        case .currency:
            guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return nil }
            p.currency = text
        case .timeZone:
            return nil  // previewed first (`previewZone`)
        case .descriptionRu, .descriptionEn, .shortRu, .shortEn:
            guard let (language, short) = field.descriptionLanguage,
                cleared.count <= (short ? TenantPresentation.shortDescriptionLimit : TenantPresentation.descriptionLimit)
            else { return nil }
            if short {
                p.presentation.shortDescriptions[language.rawValue] = cleared.isEmpty ? nil : cleared
            } else {
                p.presentation.descriptions[language.rawValue] = cleared.isEmpty ? nil : cleared
            }
        }
        return p
    }
}
