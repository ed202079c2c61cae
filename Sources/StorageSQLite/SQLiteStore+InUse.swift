#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SQLiteStore {
    /// Whether another process has the database at `path` open. Under WAL every SQLite connection holds a shared lock
    /// on one byte of the `-shm` index (offset 128, "DMS") for as long as it is open, and a POSIX lock held by another
    /// process shows in `F_GETLK`. Call it before this process opens the file: closing any descriptor of a file drops
    /// the process's own POSIX locks on it.
    public static func isOpenElsewhere(path: String) -> Bool {
        let descriptor = openReadOnly(path + "-shm")
        guard descriptor >= 0 else { return false }
        defer { closeDescriptor(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        guard fcntl(descriptor, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }
}

private func openReadOnly(_ path: String) -> Int32 { open(path, O_RDONLY) }
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }
