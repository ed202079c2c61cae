import Foundation

extension TokenVault {
    /// Loads the master key: the configured one, else the key file. A missing file is created (exclusively, mode 0600);
    /// an existing one that cannot be read, is not a key, or is readable by group or others stops the start with a
    /// clear error and is never replaced.
    public static func load(configured: String?, keyFile: String) throws -> TokenVault {
        if let configured { return try TokenVault(base64Key: configured) }
        if let key = try readKeyFile(keyFile) { return try TokenVault(base64Key: key) }
        return try TokenVault(base64Key: try createKeyFile(keyFile))
    }

    /// Writes a new random key to `path`, which must not exist (mode 0600, synced); returns the key.
    static func createKeyFile(_ path: String) throws -> String {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure.unusableKeyFile(path: path, reason: "cannot be created (\(String(cString: strerror(errno))))") }
        let key = generateKey()
        let line = Array((key + "\n").utf8)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == line.count, synced else {
            unlink(path)
            throw Failure.unusableKeyFile(path: path, reason: "could not be written")
        }
        return key
    }

    /// The key in `path`, or nil when there is no such file; refuses a file others can read or that holds no key.
    static func readKeyFile(_ path: String) throws -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Failure.unusableKeyFile(path: path, reason: "cannot be read (\(String(cString: strerror(errno))))")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw Failure.unusableKeyFile(path: path, reason: "is readable by others (mode \(String(info.st_mode & 0o777, radix: 8)); chmod 600 it)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure.unusableKeyFile(path: path, reason: "cannot be read (\((error as NSError).localizedDescription))")
        }
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (try? TokenVault(base64Key: key)) != nil else { throw Failure.unusableKeyFile(path: path, reason: "does not hold a key (base64 of 32 bytes)") }
        return key
    }
}

/// Where a process gets its master keys. The primary seals; the others only open, during and after a rotation:
/// `ZAPIS_MASTER_KEY_NEXT` / `<key file>.next` (the key being rotated to) and `ZAPIS_MASTER_KEY_PREVIOUS` /
/// `<key file>.previous` (the key rotated away from). Files are read again by `load()`, so a process serving from a
/// key file follows a rotation made beside it without a restart.
public struct KeySource: Sendable, Equatable {
    /// `ZAPIS_MASTER_KEY`: the primary key; nil: the key file.
    public var configured: String?
    /// `ZAPIS_MASTER_KEY_NEXT` and `ZAPIS_MASTER_KEY_PREVIOUS`, when set.
    public var configuredOthers: [String]
    /// The key file (embedded deployments keep it beside the database); nil when the key comes only from the environment.
    public var keyFile: String?

    /// Creates a source.
    public init(configured: String?, configuredOthers: [String] = [], keyFile: String?) {
        self.configured = configured
        self.configuredOthers = configuredOthers
        self.keyFile = keyFile
    }

    /// The key being rotated to, in a file beside the key file.
    public var nextFile: String? { keyFile.map { $0 + ".next" } }
    /// The key rotated away from, in a file beside the key file.
    public var previousFile: String? { keyFile.map { $0 + ".previous" } }

    /// The vault these keys make; creates the key file when there is neither a configured key nor a file.
    public func load() throws -> TokenVault {
        if let vault = try loadExisting() { return vault }
        guard let keyFile else { throw TokenVault.Failure.badMasterKey }
        return try TokenVault(primary: try TokenVault.createKeyFile(keyFile), others: try otherKeys())
    }

    /// Like `load`, but never creates the key file: nil when there is no key yet (the first start creates the file).
    public func loadExisting() throws -> TokenVault? {
        if let configured { return try TokenVault(primary: configured, others: try otherKeys()) }
        guard let keyFile else { throw TokenVault.Failure.badMasterKey }
        guard let primary = try TokenVault.readKeyFile(keyFile) else { return nil }
        return try TokenVault(primary: primary, others: try otherKeys())
    }

    private func otherKeys() throws -> [String] {
        var others = configuredOthers
        for path in [nextFile, previousFile].compactMap({ $0 }) {
            if let key = try TokenVault.readKeyFile(path) { others.append(key) }
        }
        return others
    }
}
