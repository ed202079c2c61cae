import TelegramBotAPI

/// The longest value each placeholder can be filled with, in UTF-16 units (what Telegram counts), so a template
/// can be checked against the 4096-unit message limit before it is saved.
///
/// Names typed by people are bounded by where they come from: Telegram first names by Telegram (64), service and
/// master names by the admin flows (100 characters, counted twice for emoji). Lists (`services`, `hours`) have no
/// natural bound: their bound is a budget, and a real list longer than it still reaches the user, split.
public enum PlaceholderBounds {
    /// Bounds by placeholder name.
    public static let bounds: [String: Int] = [
        "name": 64, "business": 128, "address": 256, "contact": 256, "hours": 512, "services": 1_500,
        "service": 200, "master": 200, "date": 32, "time": 16, "old": 64, "new": 64, "until": 64, "duration": 32, "price": 32,
        "count": 16, "max": 16, "amount": 32, "minutes": 16, "cancelHours": 16, "page": 16, "pages": 16, "stars": 16,
        // A block's reason is an admin's input (≤ 3,000 characters; a longer real text is split when sent), a description
        // line ≤ 100 characters (emoji twice), the notes of a past booking a few short words, "when" a date and a time.
        "reason": 3_000, "description": 200, "notes": 128, "when": 64,
    ]
    /// The bound of a placeholder missing from the table.
    public static let fallback = 256

    /// The bound of placeholder `name`.
    public static func bound(_ name: String) -> Int { bounds[name] ?? fallback }

    /// The longest `template` can become once every placeholder is filled with its longest value, counting every
    /// occurrence; placeholders outside `allowed` stay as written (they are not filled).
    public static func worstCaseLength(_ template: String, allowed: [String]) -> Int {
        var total = 0
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            total += MessageLimits.length(rest[..<open])
            let name = rest[rest.index(after: open)...]
            if let close = name.firstIndex(of: "}"), allowed.contains(String(name[..<close])) {
                total += bound(String(name[..<close]))
                rest = name[name.index(after: close)...]
            } else {
                total += 1
                rest = name
            }
        }
        return total + MessageLimits.length(rest)
    }
}
