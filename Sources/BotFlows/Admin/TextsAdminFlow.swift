import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The tenant's customer texts per language, listed by group and paged: show, edit (placeholders, lengths and labels
/// validated) and reset to the default.
struct TextsAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// The tenant's text templates.
    let textOverrides: any TextOverrideStore

    private func overrides(_ reply: Reply) async throws -> [String: String] {
        var result: [String: String] = [:]
        for override in try await textOverrides.textOverrides(reply.tenant.id) { result["\(override.key)/\(override.language)"] = override.template }
        return result
    }

    /// The groups of texts, each with how many of its texts this tenant edited in `language`.
    func list(_ language: Language, reply: inout Reply) async throws {
        let edited = try await overrides(reply)
        let buttons = TextCategory.allCases.map { category in
            let count = category.keys.filter { edited[Self.slot($0, language)] != nil }.count
            return InlineKeyboardButton.admin(
                reply.admin(category.title) + (count > 0 ? " ✏️\(count)" : ""), .textCategory(category, language, page: 0))
        }
        var rows = stride(from: 0, to: buttons.count, by: 2).map { Array(buttons[$0..<min($0 + 2, buttons.count)]) }
        rows.append(Language.allCases.map { .admin(($0 == language ? "• " : "") + $0.rawValue.uppercased(), .texts($0)) })
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(reply.admin(.textsTitle, ["language": language.rawValue.uppercased()]), keyboard: InlineKeyboardMarkup(rows))
    }

    /// One page of a group's texts, two to a row (a page holds `PageSizes.list`).
    func category(_ category: TextCategory, _ language: Language, page requested: Int, reply: inout Reply) async throws {
        let edited = try await overrides(reply)
        let keys = category.keys
        let page = ListPage(count: keys.count, size: PageSizes.list, requested: requested)
        let buttons = keys[page.range].map { key in
            InlineKeyboardButton.admin((edited[Self.slot(key, language)] != nil ? "✏️ " : "") + key.rawValue, .text(key, language))
        }
        var rows = stride(from: 0, to: buttons.count, by: 2).map { Array(buttons[$0..<min($0 + 2, buttons.count)]) }
        if let pager = reply.adminPagerRow(page, { .textCategory(category, language, page: $0) }) { rows.append(pager) }
        rows.append([reply.button(.back, .texts(language))])
        let title = reply.admin(.textsCategoryTitle, ["category": reply.admin(category.title), "language": language.rawValue.uppercased()])
        reply.show(title, keyboard: InlineKeyboardMarkup(rows))
    }

    /// The editor's key of `key` in `language` in `overrides(_:)`.
    private static func slot(_ key: TextKey, _ language: Language) -> String { "\(key.rawValue)/\(language.rawValue)" }

    /// Where the card of `key` goes back to: the page of its group that lists it.
    private static func back(_ key: TextKey, _ language: Language) -> AdminCallback {
        let index = key.category.keys.firstIndex(of: key) ?? 0
        return .textCategory(key.category, language, page: index / PageSizes.list)
    }

    func show(_ key: TextKey, _ language: Language, reply: inout Reply, notice: String? = nil) async throws {
        guard Texts.editableKeys.contains(key) else { return reply.answer(reply.text(.staleButton)) }
        let current = try await overrides(reply)["\(key.rawValue)/\(language.rawValue)"]
        let standard = Texts.standard.render(key, language)
        let placeholders = Texts.standard.allowedPlaceholders(key).map { "{\($0)}" }.joined(separator: " ")
        var text = reply.admin(
            .textCard,
            [
                "key": key.rawValue, "language": language.rawValue.uppercased(), "current": current ?? standard,
                "state": reply.admin(current == nil ? .textIsDefault : .textIsEdited), "placeholders": placeholders.isEmpty ? "—" : placeholders,
            ])
        if current != nil { text += "\n\n" + reply.admin(.textDefault, ["default": standard]) }
        if let notice { text = notice + "\n\n" + text }
        var rows = [[reply.button(.edit, .textEdit(key, language))]]
        if current != nil { rows.append([reply.button(.reset, .textReset(key, language))]) }
        rows.append([reply.button(.back, Self.back(key, language))])
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func askEdit(_ key: TextKey, _ language: Language, reply: inout Reply) async throws {
        guard Texts.editableKeys.contains(key) else { return reply.answer(reply.text(.staleButton)) }
        session.setInput(.template(key: key.rawValue, language: language.rawValue), reply: &reply)
        let placeholders = Texts.standard.allowedPlaceholders(key).map { "{\($0)}" }.joined(separator: " ")
        reply.answer(nil)
        reply.send(reply.admin(.textAsk, ["key": key.rawValue, "language": language.rawValue.uppercased(), "placeholders": placeholders.isEmpty ? "—" : placeholders]))
    }

    /// The typed template: validated, stored and audited, or refused with the reason (the input stays open).
    func receive(_ template: String, key raw: String, language rawLanguage: String, reply: inout Reply) async throws {
        guard let key = TextKey(rawValue: raw), Texts.editableKeys.contains(key), let language = Language(rawValue: rawLanguage) else {
            session.setInput(nil, reply: &reply)
            return reply.send(reply.text(.staleButton))
        }
        // Checked against the tenant's texts (a menu label must differ from its other labels).
        if let problem = reply.texts.validate(template, for: key) {
            let allowed = Texts.standard.allowedPlaceholders(key).map { "{\($0)}" }.joined(separator: " ")
            switch problem {
            case .length: return reply.send(reply.admin(.templateLength, ["max": String(Texts.longestTemplate(for: key))]))
            case .braces: return reply.send(reply.admin(.templateBraces))
            case .multiline: return reply.send(reply.admin(.templateMultiline))
            case .labelTaken: return reply.send(reply.admin(.templateLabelTaken))
            case .tooLongWhenFilled(let worst):
                let limit = MessageLimits.maxTextLength
                let values = ["worst": String(worst), "limit": String(limit), "over": String(worst - limit)]
                return reply.send(reply.admin(.templateTooLongFilled, values))
            case .unknownPlaceholders(let names):
                return reply.send(reply.admin(.templateUnknown, ["names": names.map { "{\($0)}" }.joined(separator: " "), "allowed": allowed.isEmpty ? "—" : allowed]))
            }
        }
        let old = try await overrides(reply)["\(raw)/\(rawLanguage)"] ?? Texts.standard.render(key, language)
        try await textOverrides.setTextOverride(key: raw, language: rawLanguage, template: template, tenant: reply.tenant.id)
        try await session.audit(.editText, target: "text:\(raw):\(rawLanguage)", old: old, new: template, reply: reply)
        session.setInput(nil, reply: &reply)
        try await changed(key, reply: &reply)
        let notice = reply.admin(.saved) + (key.isCommandDescription ? " " + reply.admin(.commandsUpdated) : "")
        try await show(key, language, reply: &reply, notice: notice)
    }

    /// After an edit or a reset: a command description changes the bot's command menus, sent again (through the
    /// outbox, like every Bot API call) with all of the tenant's descriptions.
    private func changed(_ key: TextKey, reply: inout Reply) async throws {
        guard key.isCommandDescription else { return }
        reply.setCommands(Texts.standard.applying(try await textOverrides.textOverrides(reply.tenant.id)).commandMenus())
    }

    func reset(_ key: TextKey, _ language: Language, reply: inout Reply) async throws {
        guard Texts.editableKeys.contains(key) else { return reply.answer(reply.text(.staleButton)) }
        let old = try await overrides(reply)["\(key.rawValue)/\(language.rawValue)"]
        try await textOverrides.setTextOverride(key: key.rawValue, language: language.rawValue, template: nil, tenant: reply.tenant.id)
        try await session.audit(.resetText, target: "text:\(key.rawValue):\(language.rawValue)", old: old, reply: reply)
        try await changed(key, reply: &reply)
        reply.answer(reply.admin(.done))
        try await show(key, language, reply: &reply)
    }
}
