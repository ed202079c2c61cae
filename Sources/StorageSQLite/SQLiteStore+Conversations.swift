import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: CustomerStore, ConversationStore, UpdateLog {
    public func upsertCustomer(_ customer: CustomerProfile, tenant: TenantID, now: Date) async throws -> Bool {
        let rows = try await query(
            """
            INSERT INTO customers (tenant_id, user_id, chat_id, first_name, username, language_code, first_seen, last_seen, phone)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET chat_id = excluded.chat_id, first_name = excluded.first_name,
                username = excluded.username, language_code = excluded.language_code, last_seen = excluded.last_seen,
                phone = coalesce(excluded.phone, customers.phone)
            RETURNING first_seen = last_seen AS is_new
            """,
            [
                .text(tenant.rawValue), .integer(Int(customer.userID.rawValue)), .integer(Int(customer.chatID.rawValue)),
                .text(customer.firstName), customer.username.map { .text($0) } ?? .null,
                customer.languageCode.map { .text($0) } ?? .null, now.sqlite, now.sqlite, customer.phone.map { .text($0) } ?? .null,
            ])
        return try rows.first?.int("is_new") == 1
    }

    public func loadState(_ key: ConversationKey) async throws -> [UInt8]? {
        try await query(
            "SELECT state FROM conversation_state WHERE tenant_id = ? AND chat_id = ? AND user_id = ?", Self.binds(key)
        ).first?.column("state")?.blob.map { Array($0.readableBytesView) }
    }

    public func saveState(_ state: [UInt8], for key: ConversationKey, now: Date) async throws {
        _ = try await query(
            """
            INSERT INTO conversation_state (tenant_id, chat_id, user_id, state, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, chat_id, user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """, Self.binds(key) + [.blob(.init(bytes: state)), now.sqlite])
    }

    public func clearState(_ key: ConversationKey) async throws {
        _ = try await query("DELETE FROM conversation_state WHERE tenant_id = ? AND chat_id = ? AND user_id = ?", Self.binds(key))
    }

    public func claimUpdate(_ updateID: Int64, tenant: TenantID, now: Date) async throws -> Bool {
        let rows = try await query(
            "INSERT INTO processed_updates (tenant_id, update_id, processed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING update_id",
            [.text(tenant.rawValue), .integer(Int(updateID)), now.sqlite])
        return !rows.isEmpty
    }

    public func releaseUpdate(_ updateID: Int64, tenant: TenantID) async throws {
        _ = try await query("DELETE FROM processed_updates WHERE tenant_id = ? AND update_id = ?", [.text(tenant.rawValue), .integer(Int(updateID))])
    }

    static func binds(_ key: ConversationKey) -> [SQLiteData] {
        [.text(key.tenant.rawValue), .integer(Int(key.chat.rawValue)), .integer(Int(key.user.rawValue))]
    }
}
