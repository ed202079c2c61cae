import Foundation

/// What the bot remembers about one conversation between updates.
struct ConversationState: Codable, Equatable, Sendable {
    /// The message carrying the current booking flow's inline keyboard, if any.
    var flowMessageID: Int64?
    /// The rated booking whose optional comment the next text message is (set after the stars).
    var commentForBooking: Int64?

    func encoded() -> [UInt8] { Array((try? JSONEncoder().encode(self)) ?? Data()) }

    static func decode(_ bytes: [UInt8]?) -> ConversationState {
        bytes.flatMap { try? JSONDecoder().decode(ConversationState.self, from: Data($0)) } ?? ConversationState()
    }
}
