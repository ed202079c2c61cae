import Foundation

/// The key file's last step of a rotation: the old key to `<key file>.previous`, the new key to the key file.
enum KeyFiles {
    /// Copies the key in `keyFile` to `previousFile`, then puts `next` in `keyFile` (moving `nextFile` when it holds
    /// it). Each file is replaced by a rename of a synced file, so a crash at any point leaves the key file holding
    /// the old or the new key, never nothing, and running the rotation again finishes it.
    static func promote(_ next: String, keyFile: String, previousFile: String, nextFile: String) throws {
        guard let old = try TokenVault.readKeyFile(keyFile) else { throw TokenVault.Failure.unusableKeyFile(path: keyFile, reason: "is missing") }
        if old != next { try replace(previousFile, with: old) }
        if (try? TokenVault.readKeyFile(nextFile)) == next {
            guard rename(nextFile, keyFile) == 0 else { throw failure(keyFile, "cannot be replaced") }
        } else {
            try replace(keyFile, with: next)
            unlink(nextFile)
        }
        try syncDirectory(of: keyFile)
    }

    /// Writes `key` to a temporary file beside `path` (mode 0600, synced) and renames it over `path`.
    private static func replace(_ path: String, with key: String) throws {
        let temporary = path + ".tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(temporary, "cannot be created") }
        let line = Array((key + "\n").utf8)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == line.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure(path, "could not be written")
        }
    }

    private static func syncDirectory(of path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(directory, "cannot be opened") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(directory, "cannot be synced") }
    }

    private static func failure(_ path: String, _ reason: String) -> TokenVault.Failure {
        .unusableKeyFile(path: path, reason: "\(reason) (\(String(cString: strerror(errno))))")
    }
}
