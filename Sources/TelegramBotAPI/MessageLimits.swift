/// Telegram's limits on what a bot sends, and the safe ways to stay within them.
///
/// Lengths are UTF-16 code units of the text as shown (after entity parsing; Zapis sends plain text, so the text
/// as written): Telegram counts an emoji outside the Basic Multilingual Plane as 2 and a Cyrillic letter as 1.
public enum MessageLimits {
    /// Longest message text (sendMessage, editMessageText): 1–4096 after entity parsing.
    public static let maxTextLength = 4096
    /// Longest caption of a photo or a document: 0–1024 after entity parsing.
    public static let maxCaptionLength = 1024
    /// Longest answerCallbackQuery text: 0–200.
    public static let maxAnswerTextLength = 200
    /// Longest button label Zapis sends. Telegram documents none; clients cut long labels with "…" anyway, and
    /// 64 keeps a 100-button keyboard well under the ~10 kB a reply_markup may take.
    public static let maxButtonTextLength = 64
    /// Most buttons in one inline keyboard (Telegram answers BUTTONS_TOO_MUCH beyond it).
    public static let maxButtons = 100
    /// Most buttons in one inline keyboard row.
    public static let maxButtonsPerRow = 8

    /// The length Telegram measures.
    public static func length(_ text: some StringProtocol) -> Int { text.utf16.count }

    /// `text` cut to at most `limit` UTF-16 units on a grapheme boundary, ending in "…" when something was cut.
    public static func truncated(_ text: String, to limit: Int) -> String {
        guard length(text) > limit else { return text }
        let room = limit - 1  // for "…"
        var result = ""
        var used = 0
        for character in text {
            let size = character.utf16.count
            if used + size > room { break }
            result.append(character)
            used += size
        }
        return result + "…"
    }
}
