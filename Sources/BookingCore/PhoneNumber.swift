import Foundation

/// A phone number in E.164 form ("+79123456789"), read from what an admin types: "+7 912 345-67-89",
/// "8 (912) 345-67-89", "89123456789", "9123456789" (a Russian mobile without its code) or any "+<country><number>".
public struct PhoneNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// "+" and 8 to 15 digits, the first not 0.
    public let e164: String

    /// Longest text read as a phone number.
    public static let maxInput = 32

    /// Reads `text`; nil when it is not a phone number (letters, too few or too many digits, a Russian number of the
    /// wrong length, overlong text).
    public init?(_ text: String) {
        guard text.count <= Self.maxInput else { return nil }
        var digits = ""
        var plus = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            switch character {
            case "0"..."9": digits.append(character)
            case "+" where digits.isEmpty && !plus: plus = true
            case " ", "-", "(", ")", ".", "\u{00A0}": continue
            default: return nil
            }
        }
        if !plus {
            switch (digits.count, digits.first) {
            case (11, "8"), (11, "7"): digits = "7" + digits.dropFirst()
            case (10, "9"): digits = "7" + digits
            default: return nil
            }
        }
        guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
        if digits.first == "7", digits.count != 11 { return nil }
        e164 = "+" + digits
    }

    /// The digits after "+" as a number (at most 15 digits, below 10^15).
    public var number: Int64 { Int64(e164.dropFirst()) ?? 0 }

    public var description: String { e164 }
}

/// A client an admin booked by phone who has no Telegram chat with the bot: their customer id is derived from the
/// phone number, above every Telegram id (Telegram ids have at most 52 significant bits) and below the 2^53 bound of
/// ids read from buttons. Nothing is ever sent to such a chat.
public enum OfflineClient {
    /// The first offline customer id (2^52).
    public static let firstID: Int64 = 1 << 52

    /// The customer id of the offline client with `phone`.
    public static func id(for phone: PhoneNumber) -> UserID { UserID(firstID + phone.number) }
}

extension UserID {
    /// True for a client booked by phone without a Telegram chat.
    public var isOffline: Bool { rawValue >= OfflineClient.firstID }
}

extension ChatID {
    /// True for the chat of a client booked by phone: it does not exist, nothing is sent there.
    public var isOffline: Bool { rawValue >= OfflineClient.firstID }
}
