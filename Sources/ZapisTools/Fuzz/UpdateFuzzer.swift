import App
import BookingCore
import Foundation
import TelegramBotAPI

/// Generates hostile and plausible Telegram updates for one tenant's bot: button presses of every kind with extreme,
/// negative, boundary, malformed and random fields, and typed input (commands, admin inputs with absurd numbers,
/// oversize and odd text) from customers and from the owner. Deterministic for a seed.
public struct UpdateFuzzer: Sendable {
    private var random: BenchRandom
    private let now: Date
    /// The owner (an admin of the tenant): about a third of the updates come from them.
    public let ownerID: Int64

    /// Creates a generator; `now` anchors the plausible dates and times.
    public init(seed: UInt64, now: Date, ownerID: Int64 = 1) {
        random = BenchRandom(seed: seed)
        self.now = now
        self.ownerID = ownerID
    }

    /// Wire forms of every button kind, fields as placeholders: {id} {m} {ym} {date} {min} {int} {word}.
    static let buttons: [String] = [
        "s", "s:{id}", "m:{id}:{m}", "c:{id}:{m}:{ym}", "d:{id}:{m}:{date}", "f:{id}:{m}:{date}", "t:{id}:{id}:{min}:{m}",
        "ok:{id}:{id}:{min}", "x", "n", "bc:{id}", "by:{id}", "my", "rc:{id}", "rs:{id}", "rm:{id}:{ym}", "rd:{id}:{date}",
        "rt:{id}:{min}", "ry:{id}:{min}", "pb:{int}", "fr:{id}:{int}", "fs:{id}", "wj:{id}:{m}:{date}", "wl:{id}", "wa:{id}",
        "wn:{id}",
        "a", "az", "aa", "aaa", "ad:{m}:{date}", "aw:{m}:{date}", "ab:{id}", "abq:{id}", "abx:{id}", "amd:{id}:{date}",
        "amt:{id}:{min}", "amy:{id}:{min}", "ak:{m}:{date}", "akf:{m}:{min}", "akp:{m}:{min}:{min}", "aky:{m}:{min}:{min}",
        "as:{m}:{date}", "asp:{m}:{date}:{int}", "asy:{m}:{date}:{int}", "at:{word}", "ati:{word}:{word}", "atw:{word}:{word}",
        "atr:{word}:{word}", "aac:{id}", "aar:{id}:{word}", "aax:{id}", "ae:{word}",
        "an", "ar:{word}", "ac:{int}", "acc:{id}", "av", "avc:{id}", "avn", "ave:{id}:{word}", "avm:{id}:{id}", "avu:{id}",
        "ava:{id}:{int}", "ah", "ahm:{id}", "ahd:{id}:{int}", "aho:{id}:{int}", "ahx:{id}", "ahr:{id}:{date}", "ap", "ape:{word}",
        "ao", "aoa:{word}", "aoy", "aos:{id}",
    ]

    /// Numbers no parser should trust.
    static let extremes: [String] = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "0", "-1", "", " 1", "+1",
        "1e9", "0x10", "٣", "1_000", "18446744073709551615", "4294967296", "2147483648", "-0", "00000000000000000001",
        String(repeating: "9", count: 40), "NaN", "inf", "1.5",
    ]

    /// Words for enum-like fields, valid and not.
    static let words: [String] = [
        "ru", "en", "de", "greeting", "about", "reminder", "owner", "manager", "master", "admin", "bookings", "clients", "audit",
        "name", "duration", "price", "description", "horizonDays", "slotIntervalMinutes", "all", "upcoming", "d", "w", "x",
        "'; DROP TABLE bookings; --", "ж", "%00", "\u{202E}",
    ]

    /// Typed input: commands, menu texts and what admins are asked to type, with absurd numbers.
    static let texts: [String] = [
        "/start", "/admin", "/book", "/my", "/help", "/cancel", "/unknown", "📅 Записаться", "📋 Мои записи", "📅 Book",
        "31.12 off", "31.12.9223372036854775807 10-15", "1.1.-5600 off", "29.02.2100 off", "32.13 off", "1.1.1000000 10:00-19:00",
        "10:00-19:00", "99:99-00:00", "10-15, 14-18", "24:00-00:00", "9223372036854775807", "-9223372036854775808", "-1", "0",
        "Стрижка; 60; 1500", "name; 9223372036854775807; 1e308", "x; -5; -5", "1000000000000000000000", "1500.999", "  ",
        "{name}{business}{date}{time}{service}{master}{price}{address}", "\u{0}", "🙂🙂🙂", "‮RTL", "@admin", "#tag",
    ]

    /// The next update, numbered `updateID`.
    public mutating func next(updateID: Int64) -> Update {
        let user = random.next(below: 3) == 0 ? ownerID : Int64(100 + random.next(below: 20))
        let from = User(id: user, firstName: "Fuzz\(user)", languageCode: random.next(below: 2) == 0 ? "ru" : "en")
        switch random.next(below: 10) {
        case 0..<6:
            let message = Message(messageID: Int64(1 + random.next(below: 1_000)), chat: Chat(id: user), date: 1_796_000_000, text: "…")
            let query = CallbackQuery(id: "fz\(updateID)", from: from, message: message, chatInstance: "1", data: buttonData())
            return Update(updateID: updateID, callbackQuery: query)
        case 6..<9:
            let text = typedText()
            let entities = text.hasPrefix("/") ? [MessageEntity(type: "bot_command", offset: 0, length: text.utf16.count)] : nil
            return Update(
                updateID: updateID,
                message: Message(
                    messageID: updateID, from: from, chat: Chat(id: user), date: 1_796_000_000, text: text, entities: entities))
        default:
            // A message without text (a sticker, a photo) or from a group chat.
            let chat =
                random.next(below: 2) == 0
                ? Chat(id: user) : Chat(id: -1_000_000_000_000 - Int64(random.next(below: 100)), type: "supergroup")
            return Update(updateID: updateID, message: Message(messageID: updateID, from: from, chat: chat, date: 1_796_000_000, text: nil))
        }
    }

    private mutating func buttonData() -> String {
        if random.next(below: 50) == 0 {
            return String((0..<Int(random.next(below: 64))).map { _ in Character(UnicodeScalar(UInt8(33 + random.next(below: 90)))) })
        }
        var data = ""
        var template = Substring(Self.buttons[Int(random.next(below: UInt64(Self.buttons.count)))])
        while let open = template.firstIndex(of: "{"), let close = template[open...].firstIndex(of: "}") {
            data += template[..<open]
            data += field(String(template[template.index(after: open)..<close]))
            template = template[template.index(after: close)...]
        }
        data += template
        // Telegram refuses callback data over 64 bytes, so a forged press cannot carry more.
        while data.utf8.count > 64 { data.removeLast() }
        return data
    }

    private mutating func field(_ kind: String) -> String {
        if random.next(below: 4) == 0 { return Self.extremes[Int(random.next(below: UInt64(Self.extremes.count)))] }
        let today = Int64((now.timeIntervalSince1970 / 86_400).rounded(.down))
        switch kind {
        case "id": return String(1 + random.next(below: 12))
        case "m": return random.next(below: 3) == 0 ? "a" : String(1 + random.next(below: 3))
        case "ym":
            let date = LocalDate(daysSinceEpoch: Int(today) + Int(random.next(below: 400)) - 30)
            return String(format: "%04d%02d", date.year, date.month)
        case "date":
            if random.next(below: 5) == 0 {
                return ["99991231", "00010101", "20261301", "20260230", "-2026010", "+2026010"][Int(random.next(below: 6))]
            }
            return LocalDate(daysSinceEpoch: Int(today) + Int(random.next(below: 200)) - 5).compact
        case "min":
            let base = (today + Int64(random.next(below: 120)) - 2) * 1_440
            return String(base + Int64(random.next(below: 48)) * 30)
        case "int": return String(Int64(random.next(below: 2_000)) - 1_000)
        default: return Self.words[Int(random.next(below: UInt64(Self.words.count)))]
        }
    }

    private mutating func typedText() -> String {
        switch random.next(below: 20) {
        case 0: return String(repeating: "я", count: 4_000 + Int(random.next(below: 2_000)))
        case 1: return String(random.next())
        default: return Self.texts[Int(random.next(below: UInt64(Self.texts.count)))]
        }
    }
}

extension BenchRandom {
    /// A value in `0..<bound` (bound > 0).
    mutating func next(below bound: UInt64) -> UInt64 { next() % max(1, bound) }
}
