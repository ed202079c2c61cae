import TelegramBotAPI

/// Admin notices that queued up for one chat, combined into digest messages: a count, then one numbered line per
/// notice (its text with lines joined by " · "), and a keyboard of numbered buttons that open each notice's booking.
/// The sender combines them (see "Owner notices are digested" in docs/DECISIONS.md); the flows mark a notice by the
/// outbox tag `tag(_:)`, which also carries the admin's language for the heading.
public enum NoticeDigest {
    private static let prefix = "notice:"
    /// Lines per digest: their buttons stay well under Telegram's 100 per keyboard.
    static let maxLines = 64
    private static let perRow = 8

    /// One digest message and how many notices it holds (the first `count` not in an earlier digest).
    public struct Digest: Sendable, Equatable {
        /// The message.
        public var message: SendMessage
        /// Notices it holds.
        public var count: Int
    }

    /// The outbox tag of a notice to an admin who speaks `language`.
    static func tag(_ language: Language) -> String { prefix + language.rawValue }

    /// True for the tag of an admin notice.
    public static func isNotice(tag: String?) -> Bool { tag?.hasPrefix(prefix) ?? false }

    /// The digests of `notices` (in order) to their chat, each within 4096 UTF-16 units and `maxLines` lines.
    public static func digests(of notices: [SendMessage], tag: String) -> [Digest] {
        guard let chat = notices.first?.chatID else { return [] }
        let language = Language(rawValue: String(tag.dropFirst(prefix.count))) ?? .ru
        // Room for the heading with the widest count and its blank line, and for a line's number and newline.
        let heading = MessageLimits.length(BusinessTexts.standard.render(.notifyDigest, language, ["count": String(maxLines)])) + 2
        let room = MessageLimits.maxTextLength - heading
        var groups: [[(line: String, callback: String?)]] = [[]]
        var length = 0
        for notice in notices {
            var line = notice.text.split(separator: "\n").joined(separator: " · ")
            if MessageLimits.length(line) > 500 { line = String(line.prefix(500)) + "…" }
            let size = MessageLimits.length(line) + "\(maxLines). \n".utf16.count
            if groups[groups.count - 1].count == maxLines || length + size > room {
                groups.append([])
                length = 0
            }
            length += size
            groups[groups.count - 1].append((line, firstCallback(of: notice)))
        }
        return groups.map { group in
            let title = BusinessTexts.standard.render(.notifyDigest, language, ["count": String(group.count)])
            let lines = group.enumerated().map { "\($0.offset + 1). \($0.element.line)" }
            let buttons = group.enumerated().compactMap { index, entry in
                entry.callback.map { InlineKeyboardButton(text: String(index + 1), callbackData: $0) }
            }
            let rows = stride(from: 0, to: buttons.count, by: perRow).map { Array(buttons[$0..<min($0 + perRow, buttons.count)]) }
            let message = SendMessage(
                chatID: chat, text: title + "\n\n" + lines.joined(separator: "\n"), replyMarkup: rows.isEmpty ? nil : .inline(InlineKeyboardMarkup(rows)))
            return Digest(message: message, count: group.count)
        }
    }

    private static func firstCallback(of notice: SendMessage) -> String? {
        guard case .inline(let keyboard) = notice.replyMarkup else { return nil }
        return keyboard.inlineKeyboard.joined().first { $0.callbackData != nil }?.callbackData
    }
}
