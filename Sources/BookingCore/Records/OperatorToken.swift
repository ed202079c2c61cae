import Foundation

/// A bearer token of the operator API as the platform stores it: a name and the SHA-256 of the secret, never the
/// secret itself.
public struct OperatorToken: Hashable, Sendable {
    /// The operator's name for it (`ci`, `grafana`): the API's audit actor is `api:<name>`.
    public var name: String
    /// SHA-256 of the secret (32 bytes).
    public var hash: [UInt8]
    /// When it was created.
    public var createdAt: Date
    /// When it was revoked; nil while it is valid.
    public var revokedAt: Date?

    /// Creates a token record.
    public init(name: String, hash: [UInt8], createdAt: Date, revokedAt: Date? = nil) {
        self.name = name
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether a name is acceptable: 1–64 of a-z, A-Z, 0-9, `.`, `_`, `-` (it is shown in audit lines and paths).
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
