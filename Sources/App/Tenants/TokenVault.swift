import BookingCore
import Crypto
import Foundation

/// Seals bot tokens at rest (AES-GCM) and derives per-tenant webhook secrets (HMAC-SHA256) from a master key, through
/// separate keys derived with HKDF, so a secret never says anything about the token key.
///
/// A vault holds one primary key, which seals and names the webhook secrets to register, and during a key rotation
/// other keys that only open and whose secrets are still accepted (see `KeyRotation`).
public struct TokenVault: Sendable {
    /// One master key and the keys derived from it.
    struct Keys: Sendable, Equatable {
        let master: Data
        let token: Data
        let secret: Data

        init(base64: String) throws {
            guard let data = Data(base64Encoded: base64), data.count == 32 else { throw Failure.badMasterKey }
            master = data
            let key = SymmetricKey(data: data)
            func derive(_ info: String) -> Data {
                HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data(info.utf8), outputByteCount: 32).withUnsafeBytes { Data($0) }
            }
            token = derive("zapis bot tokens v1")
            secret = derive("zapis webhook secrets v1")
        }

        /// Opens `box` with the derived token key, or with the master key itself (versions before the derived keys).
        func open(_ box: AES.GCM.SealedBox) -> String? {
            for key in [token, master] {
                if let plain = try? AES.GCM.open(box, using: SymmetricKey(data: key)) { return String(decoding: plain, as: UTF8.self) }
            }
            return nil
        }

        /// The first 8 hex digits of the key's SHA-256: names a key in logs and the audit without revealing it.
        var fingerprint: String { SHA256.hash(data: master).prefix(4).map { String(format: "%02x", $0) }.joined() }
    }

    /// Why a key or a sealed token was refused.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The master key is not base64 of 32 bytes.
        case badMasterKey
        /// The sealed token does not open with this key.
        case cannotOpen
        /// The key file exists but cannot be used; it is left as it is.
        case unusableKeyFile(path: String, reason: String)

        public var description: String {
            switch self {
            case .badMasterKey: "the master key is not base64 of 32 bytes"
            case .cannotOpen: "the sealed token does not open with this master key"
            case .unusableKeyFile(let path, let reason):
                "the key file \(path) \(reason). It is never replaced: a new key would make every stored bot token unreadable. "
                    + "Fix the file (it holds the base64 of 32 bytes on one line; owner = the user running zapis; chmod 600), "
                    + "or set ZAPIS_MASTER_KEY to the key."
            }
        }
    }

    private let primary: Keys
    private var others: [Keys]

    /// Creates a vault from a base64-encoded 32-byte key.
    public init(base64Key: String) throws {
        try self.init(primary: base64Key, others: [])
    }

    /// A vault that seals with `primary` and also opens with `others` (base64 keys; repeats of the primary ignored).
    public init(primary: String, others: [String]) throws {
        let keys = try Keys(base64: primary)
        self.primary = keys
        var rest: [Keys] = []
        for other in others {
            let key = try Keys(base64: other)
            if key != keys && !rest.contains(key) { rest.append(key) }
        }
        self.others = rest
    }

    /// A vault sealing with `primary`'s key and opening with every key of both.
    init(combining primary: TokenVault, with others: TokenVault) throws {
        self.primary = primary.primary
        var rest: [Keys] = []
        for key in primary.others + [others.primary] + others.others where key != primary.primary && !rest.contains(key) { rest.append(key) }
        self.others = rest
    }

    /// A new random key, base64-encoded.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// This vault without its other keys: what opens only with the primary.
    public var primaryOnly: TokenVault {
        var vault = self
        vault.others = []
        return vault
    }

    /// The primary key's fingerprint (8 hex digits).
    public var fingerprint: String { primary.fingerprint }
    /// The fingerprints of the keys that only open.
    public var otherFingerprints: [String] { others.map(\.fingerprint) }

    /// Encrypts a token with the primary's derived token key: nonce ‖ ciphertext ‖ tag.
    public func seal(_ token: String) throws -> [UInt8] {
        Array(try AES.GCM.seal(Data(token.utf8), using: SymmetricKey(data: primary.token)).combined!)
    }

    /// Decrypts a sealed token with the primary key, else with any other key of the vault.
    public func open(_ sealed: [UInt8]) throws -> String {
        guard let box = try? AES.GCM.SealedBox(combined: Data(sealed)) else { throw Failure.cannotOpen }
        for keys in [primary] + others {
            if let token = keys.open(box) { return token }
        }
        throw Failure.cannotOpen
    }

    /// Whether the primary key alone opens `sealed` (a rotation is done for a token when it does).
    public func opensWithPrimary(_ sealed: [UInt8]) -> Bool {
        guard let box = try? AES.GCM.SealedBox(combined: Data(sealed)) else { return false }
        return AES.GCM.open(box, primary.token) != nil
    }

    /// The webhook secret to register for a tenant: hex HMAC of its id and `version` under the primary key (64 chars
    /// of [0-9a-f], valid for Telegram). The version is the tenant's creation time, so a tenant id deleted and added
    /// again gets a new secret.
    public func webhookSecret(for tenant: TenantID, version: Date) -> String {
        Self.secret(for: tenant, version: version, keys: primary)
    }

    /// Every secret a webhook of `tenant` may carry: the registered one, those of the other keys (registered before a
    /// rotation), and the unversioned form of versions before the derived keys (until the runner registers again).
    public func acceptedWebhookSecrets(for tenant: TenantID, version: Date) -> [String] {
        ([primary] + others).flatMap { keys in
            [Self.secret(for: tenant, version: version, keys: keys), Self.legacySecret(for: tenant, keys: keys)]
        }
    }

    /// The secret of versions before the derived keys, under the primary key.
    public func legacyWebhookSecret(for tenant: TenantID) -> String {
        Self.legacySecret(for: tenant, keys: primary)
    }

    /// A signature of `text` (hex HMAC under the primary key's secret key, 32 chars), for links that must not be
    /// guessed (a pay link names a payment id).
    public func linkSignature(_ text: String) -> String {
        String(Self.hex(HMAC<SHA256>.authenticationCode(for: Data("link:\(text)".utf8), using: SymmetricKey(data: primary.secret))).prefix(32))
    }

    private static func secret(for tenant: TenantID, version: Date, keys: Keys) -> String {
        let message = "webhook:\(tenant.rawValue):\(Int64((version.timeIntervalSince1970 * 1000).rounded()))"  // bounded: a stored creation time
        return hex(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: keys.secret)))
    }

    private static func legacySecret(for tenant: TenantID, keys: Keys) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data("webhook:\(tenant.rawValue)".utf8), using: SymmetricKey(data: keys.master)))
    }

    private static func hex(_ mac: HMAC<SHA256>.MAC) -> String { mac.map { String(format: "%02x", $0) }.joined() }
}

extension AES.GCM {
    /// `open` as an optional: nil when the key does not open the box.
    fileprivate static func open(_ box: SealedBox, _ key: Data) -> Data? { try? open(box, using: SymmetricKey(data: key)) }
}
