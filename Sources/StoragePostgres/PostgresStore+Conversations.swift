import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: CustomerStore, ConversationStore, UpdateLog {
    public func upsertCustomer(_ customer: CustomerProfile, tenant: TenantID, now: Date) async throws -> Bool {
        let rows = try await query(
            """
            INSERT INTO \(unescaped: tenant.schema).customers
                (user_id, chat_id, first_name, username, language_code, first_seen, last_seen, phone)
            VALUES (\(customer.userID.rawValue), \(customer.chatID.rawValue), \(customer.firstName), \(customer.username),
                \(customer.languageCode), \(now), \(now), \(customer.phone))
            ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id, first_name = excluded.first_name,
                username = excluded.username, language_code = excluded.language_code, last_seen = excluded.last_seen,
                phone = coalesce(excluded.phone, customers.phone)
            RETURNING (xmax = 0) AS is_new
            """)
        // xmax is 0 only on a freshly inserted row version; an update of an existing row sets it.
        return try rows.first?.first(as: Bool.self) ?? false
    }

    public func loadState(_ key: ConversationKey) async throws -> [UInt8]? {
        try await query(
            """
            SELECT state FROM \(unescaped: key.tenant.schema).conversation_state
            WHERE chat_id = \(key.chat.rawValue) AND user_id = \(key.user.rawValue)
            """
        ).first.map { [UInt8](try $0.first(as: Data.self)) }
    }

    public func saveState(_ state: [UInt8], for key: ConversationKey, now: Date) async throws {
        try await query(
            """
            INSERT INTO \(unescaped: key.tenant.schema).conversation_state (chat_id, user_id, state, updated_at)
            VALUES (\(key.chat.rawValue), \(key.user.rawValue), \(Data(state)), \(now))
            ON CONFLICT (chat_id, user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """)
    }

    public func clearState(_ key: ConversationKey) async throws {
        try await query(
            """
            DELETE FROM \(unescaped: key.tenant.schema).conversation_state
            WHERE chat_id = \(key.chat.rawValue) AND user_id = \(key.user.rawValue)
            """)
    }

    /// Also reads the tenant's catalog version, in the same statement, so this transaction can use the catalog cache.
    public func claimUpdate(_ updateID: Int64, tenant: TenantID, now: Date) async throws -> Bool {
        try await lockChatAndClaimUpdate(updateID, chat: nil, tenant: tenant, now: now)
    }

    /// One prepared statement: the chat's lock (see `lockChat`), the claim, and the tenant's catalog version for the
    /// catalog cache.
    public func lockChatAndClaimUpdate(_ updateID: Int64, chat: Int64?, tenant: TenantID, now: Date) async throws -> Bool {
        let lockKey = chat.map { tenant.rawValue + "/" + String($0) } ?? ""
        let claim = ClaimUpdateStatement(lockKey: lockKey, tenant: tenant.rawValue, updateID: updateID, now: now)
        guard let version = try await execute(claim).first else { return false }
        if let version { catalogTransaction?.record(version, tenant: tenant) }
        return true
    }

    /// A transaction-scoped advisory lock on (tenant, chat): instances sharing the database handle one chat's
    /// updates one at a time.
    public func lockChat(_ chat: Int64, tenant: TenantID) async throws {
        try await query("SELECT pg_advisory_xact_lock(hashtextextended(\(tenant.rawValue + "/" + String(chat)), 0))")
    }

    public func releaseUpdate(_ updateID: Int64, tenant: TenantID) async throws {
        try await query("DELETE FROM zapis.processed_updates WHERE tenant_id = \(tenant.rawValue) AND update_id = \(updateID)")
    }
}
