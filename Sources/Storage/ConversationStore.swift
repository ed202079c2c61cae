import BookingCore
import Foundation

/// Identifies one conversation: a user in a chat of a tenant's bot.
public struct ConversationKey: Hashable, Sendable {
    /// Tenant.
    public var tenant: TenantID
    /// Chat.
    public var chat: ChatID
    /// User.
    public var user: UserID

    /// Creates a key.
    public init(tenant: TenantID, chat: ChatID, user: UserID) {
        self.tenant = tenant
        self.chat = chat
        self.user = user
    }
}

/// Conversation state as opaque bytes (the flows own the format).
public protocol ConversationStore: Sendable {
    /// The stored state, or nil.
    func loadState(_ key: ConversationKey) async throws -> [UInt8]?
    /// Replaces the state.
    func saveState(_ state: [UInt8], for key: ConversationKey, now: Date) async throws
    /// Forgets the state.
    func clearState(_ key: ConversationKey) async throws
}
