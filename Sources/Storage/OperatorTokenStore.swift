import BookingCore
import Foundation

/// The operator API's bearer tokens (platform table `operator_tokens`), each change stored with its operator audit
/// entry.
public protocol OperatorTokenStore: Sendable {
    /// Stores a new token. A name held by a valid token throws `StorageError.duplicate`; the name of a revoked one is
    /// reused (its row replaced).
    func insertOperatorToken(_ token: OperatorToken, audit: OperatorAuditEntry) async throws
    /// Revokes the valid token `name`; false when there is none (nothing is then written).
    func revokeOperatorToken(named name: String, at: Date, audit: OperatorAuditEntry) async throws -> Bool
    /// Every token, revoked ones included, by name.
    func operatorTokens() async throws -> [OperatorToken]
}
