import BookingCore
import Crypto
import Foundation

/// Seals bot tokens at rest (AES-GCM) and derives per-tenant webhook secrets (HMAC-SHA256), from one master key.
public struct TokenVault: Sendable {
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// Why a key or a sealed token was refused.
    public enum Failure: Error, Equatable {
        /// The master key is not base64 of 32 bytes.
        case badMasterKey
        /// The sealed token does not open with this key.
        case cannotOpen
    }

    /// Creates a vault from a base64-encoded 32-byte key.
    public init(base64Key: String) throws {
        guard let data = Data(base64Encoded: base64Key), data.count == 32 else { throw Failure.badMasterKey }
        self.keyBytes = data
    }

    /// A new random key, base64-encoded.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Encrypts a token: nonce ‖ ciphertext ‖ tag.
    public func seal(_ token: String) throws -> [UInt8] {
        Array(try AES.GCM.seal(Data(token.utf8), using: key).combined!)
    }

    /// Decrypts a sealed token.
    public func open(_ sealed: [UInt8]) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: Data(sealed))
            return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
        } catch {
            throw Failure.cannotOpen
        }
    }

    /// The webhook secret of a tenant: hex HMAC of its id (64 chars of [0-9a-f], valid for Telegram).
    public func webhookSecret(for tenant: TenantID) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("webhook:\(tenant.rawValue)".utf8), using: key)
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Loads the master key: the configured one, else a key file (created with mode 0600 on first use).
    public static func load(configured: String?, keyFile: String) throws -> TokenVault {
        if let configured { return try TokenVault(base64Key: configured) }
        if let existing = try? String(contentsOfFile: keyFile, encoding: .utf8) {
            return try TokenVault(base64Key: existing.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let key = generateKey()
        _ = FileManager.default.createFile(atPath: keyFile, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return try TokenVault(base64Key: key)
    }
}
