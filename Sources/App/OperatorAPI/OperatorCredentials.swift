import BookingCore
import Crypto
import Foundation
import Storage

/// Issues and checks the operator API's bearer tokens. A token is `zop_` + 32 random bytes (base64url); only its
/// SHA-256 is stored: a secret with 256 bits of entropy cannot be guessed from its hash, so a slow password hash
/// would add nothing but latency.
public enum OperatorCredentials {
    /// Why a token command was refused.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The name is not 1–64 of a-z, A-Z, 0-9, `.`, `_`, `-`.
        case invalidName(String)
        /// A valid token has the name.
        case duplicate(String)
        /// No valid token has the name.
        case unknown(String)

        public var description: String {
            switch self {
            case .invalidName(let name): "invalid token name \(name.debugDescription): use 1–64 of a-z, A-Z, 0-9, '.', '_', '-'"
            case .duplicate(let name): "a valid token named \(name.debugDescription) exists; revoke it first"
            case .unknown(let name): "no valid token named \(name.debugDescription)"
            }
        }
    }

    /// SHA-256 of a presented secret.
    static func hash(_ secret: String) -> [UInt8] { Array(SHA256.hash(data: Data(secret.utf8))) }

    /// Creates a token named `name`; returns the secret, which is shown once and never stored.
    public static func create(name: String, actor: String, store: any OperatorTokenStore, now: Date) async throws -> String {
        guard OperatorToken.isValidName(name) else { throw Failure.invalidName(name) }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let secret =
            "zop_"
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        do {
            try await store.insertOperatorToken(
                OperatorToken(name: name, hash: hash(secret), createdAt: now),
                audit: OperatorAuditEntry(at: now, actor: actor, tenant: nil, action: "operator.token.create", detail: "name: \(name)"))
        } catch StorageError.duplicate {
            throw Failure.duplicate(name)
        }
        return secret
    }

    /// Revokes the valid token `name`: the API refuses it from the next request on.
    public static func revoke(name: String, actor: String, store: any OperatorTokenStore, now: Date) async throws {
        let audit = OperatorAuditEntry(at: now, actor: actor, tenant: nil, action: "operator.token.revoke", detail: "name: \(name)")
        guard try await store.revokeOperatorToken(named: name, at: now, audit: audit) else { throw Failure.unknown(name) }
    }

    /// The name of the valid token whose hash matches `secret`, or nil. Every valid token is compared, each in
    /// constant time, so the time taken tells nothing about which bytes or which token matched.
    static func authenticate(_ secret: String, among tokens: [OperatorToken]) -> String? {
        let presented = hash(secret)
        var matched: String?
        for token in tokens where token.revokedAt == nil {
            if constantTimeEqual(presented, token.hash) { matched = token.name }
        }
        return matched
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
