import BookingCore
import Foundation

/// Which updates were already processed, per tenant.
public protocol UpdateLog: Sendable {
    /// Records `(tenant, updateID)`; returns false when it was recorded before (a redelivery).
    func claimUpdate(_ updateID: Int64, tenant: TenantID, now: Date) async throws -> Bool
    /// Forgets a claim whose processing failed, so a redelivery is processed.
    func releaseUpdate(_ updateID: Int64, tenant: TenantID) async throws
    /// Inside a transaction: waits until no other process handles an update of this chat, and holds the chat
    /// until the transaction ends. A no-op where one process owns the database.
    func lockChat(_ chat: Int64, tenant: TenantID) async throws
    /// `lockChat` (when `chat` is given) then `claimUpdate`, in one round trip where the store can.
    func lockChatAndClaimUpdate(_ updateID: Int64, chat: Int64?, tenant: TenantID, now: Date) async throws -> Bool
}

extension UpdateLog {
    /// One process, one lock: the in-process lock of the update processor is enough.
    public func lockChat(_ chat: Int64, tenant: TenantID) async throws {}

    /// The two steps one after the other.
    public func lockChatAndClaimUpdate(_ updateID: Int64, chat: Int64?, tenant: TenantID, now: Date) async throws -> Bool {
        if let chat { try await lockChat(chat, tenant: tenant) }
        return try await claimUpdate(updateID, tenant: tenant, now: now)
    }
}
