import BookingCore
import Crypto
import Foundation

/// Seals bot tokens at rest (AES-GCM) and derives per-tenant webhook secrets (HMAC-SHA256) from one master key,
/// through separate keys derived with HKDF, so a secret never says anything about the token key.
public struct TokenVault: Sendable {
    private let masterBytes: Data
    private let tokenBytes: Data
    private let secretBytes: Data
    private var tokenKey: SymmetricKey { SymmetricKey(data: tokenBytes) }
    private var secretKey: SymmetricKey { SymmetricKey(data: secretBytes) }
    /// The master key itself: tokens sealed before the keys were derived (kept readable, re-sealed when rewritten).
    private var legacyKey: SymmetricKey { SymmetricKey(data: masterBytes) }

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

    /// Creates a vault from a base64-encoded 32-byte key.
    public init(base64Key: String) throws {
        guard let data = Data(base64Encoded: base64Key), data.count == 32 else { throw Failure.badMasterKey }
        self.masterBytes = data
        let master = SymmetricKey(data: data)
        func derive(_ info: String) -> Data {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data(info.utf8), outputByteCount: 32).withUnsafeBytes { Data($0) }
        }
        tokenBytes = derive("zapis bot tokens v1")
        secretBytes = derive("zapis webhook secrets v1")
    }

    /// A new random key, base64-encoded.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Encrypts a token with the derived token key: nonce ‖ ciphertext ‖ tag.
    public func seal(_ token: String) throws -> [UInt8] {
        Array(try AES.GCM.seal(Data(token.utf8), using: tokenKey).combined!)
    }

    /// Decrypts a sealed token (sealed with the derived key, or with the master key itself by older versions).
    public func open(_ sealed: [UInt8]) throws -> String {
        guard let box = try? AES.GCM.SealedBox(combined: Data(sealed)) else { throw Failure.cannotOpen }
        for key in [tokenKey, legacyKey] {
            if let plain = try? AES.GCM.open(box, using: key) { return String(decoding: plain, as: UTF8.self) }
        }
        throw Failure.cannotOpen
    }

    /// The webhook secret of a tenant: hex HMAC of its id and `version` (64 chars of [0-9a-f], valid for Telegram).
    /// The version is the tenant's creation time, so a tenant id deleted and added again gets a new secret.
    public func webhookSecret(for tenant: TenantID, version: Date) -> String {
        let message = "webhook:\(tenant.rawValue):\(Int64((version.timeIntervalSince1970 * 1000).rounded()))"  // bounded: a stored creation time
        return HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: secretKey).map { String(format: "%02x", $0) }.joined()
    }

    /// The secret of versions before the derived keys, still accepted so webhooks registered then keep working until
    /// the runner registers them again at start.
    public func legacyWebhookSecret(for tenant: TenantID) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("webhook:\(tenant.rawValue)".utf8), using: legacyKey)
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Loads the master key: the configured one, else the key file. A missing file is created (exclusively, mode 0600);
    /// an existing one that cannot be read, is not a key, or is readable by group or others stops the start with a
    /// clear error and is never replaced.
    public static func load(configured: String?, keyFile: String) throws -> TokenVault {
        if let configured { return try TokenVault(base64Key: configured) }
        let fd = Glibc.open(keyFile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            let key = generateKey()
            let line = Array((key + "\n").utf8)
            let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            let synced = fsync(fd) == 0
            close(fd)
            guard written == line.count, synced else {
                unlink(keyFile)
                throw Failure.unusableKeyFile(path: keyFile, reason: "could not be written")
            }
            return try TokenVault(base64Key: key)
        }
        guard errno == EEXIST else { throw Failure.unusableKeyFile(path: keyFile, reason: "cannot be created (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard stat(keyFile, &info) == 0 else { throw Failure.unusableKeyFile(path: keyFile, reason: "cannot be read (\(String(cString: strerror(errno))))") }
        guard info.st_mode & 0o077 == 0 else {
            throw Failure.unusableKeyFile(path: keyFile, reason: "is readable by others (mode \(String(info.st_mode & 0o777, radix: 8)); chmod 600 it)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: keyFile, encoding: .utf8)
        } catch {
            throw Failure.unusableKeyFile(path: keyFile, reason: "cannot be read (\((error as NSError).localizedDescription))")
        }
        do {
            return try TokenVault(base64Key: text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw Failure.unusableKeyFile(path: keyFile, reason: "does not hold a key (base64 of 32 bytes)")
        }
    }
}
