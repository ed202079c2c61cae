import BookingCore
import Foundation
import Storage
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The updates this process is working on, in an append-only file: a line `+ tenant update` before processing (`*`
/// for an update run alone, see `CrashGuard`) and `- tenant update` after; a crash (a trap, a bad access, an abort)
/// appends `!` from its signal handler, so a crash can be told from a kill from outside (SIGKILL, OOM, power). The lines are plain `write(2)` calls without fsync, about a microsecond each: they survive a
/// crash of the process (the kernel holds them), which is all that is needed to tell which update was in flight when
/// the process died. A machine crash may lose them, and then nothing was crash-looping either.
///
/// Each process locks its journal (`flock`) while it runs; a journal nobody holds belongs to a process that died. At
/// start a process takes the first free slot (`path`, `path.1`, … `path.15`) and reads what its predecessor left.
final class InFlightJournal: Sendable {
    /// The slot this process holds.
    let path: String
    private let fd: Int32
    private let state = Mutex(State())
    /// Past this size the file is rewritten with only the updates still in flight.
    static let compactAt = 1 << 20

    private struct State {
        var inFlight: Set<UpdateRef> = []
        var bytes = 0
    }

    /// Why a journal cannot be used.
    enum Failure: Error, CustomStringConvertible {
        /// Every slot is held by a running process, or none can be created.
        case noSlot(String, errno: Int32)

        var description: String {
            switch self {
            case .noSlot(let path, let code):
                "no in-flight journal could be opened at \(path) (or \(path).1 … .15): \(String(cString: strerror(code))); "
                    + "set ZAPIS_INFLIGHT_JOURNAL to a writable path"
            }
        }
    }

    /// What a previous owner of the slot left: the updates it had begun and not ended, and whether it crashed.
    struct Leftovers: Equatable, Sendable {
        /// Begun and not ended, in the order they began, with whether each ran alone.
        var updates: [(ref: UpdateRef, alone: Bool)]
        /// True when the process died of a crash signal (not killed from outside).
        var crashed: Bool

        static func == (lhs: Leftovers, rhs: Leftovers) -> Bool {
            lhs.crashed == rhs.crashed && lhs.updates.map(\.ref) == rhs.updates.map(\.ref)
                && lhs.updates.map(\.alone) == rhs.updates.map(\.alone)
        }
    }

    /// Takes the first free slot at `path` and returns it with what its previous owner left unfinished.
    static func open(path: String) throws -> (journal: InFlightJournal, leftovers: Leftovers) {
        var lastError: Int32 = 0
        for slot in 0..<16 {
            let candidate = slot == 0 ? path : "\(path).\(slot)"
            let fd = Glibc.open(candidate, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                lastError = errno
                close(fd)
                continue
            }
            let bytes = readAll(fd)
            // The leftovers stay in the file until the caller has recorded them (`discardLeftovers`): a process that
            // dies before that leaves them for its successor.
            _ = lseek(fd, 0, SEEK_END)
            CrashMarker.install(fd: fd)
            let journal = InFlightJournal(path: candidate, fd: fd)
            journal.state.withLock { $0.bytes = bytes.count }
            return (journal, parse(bytes))
        }
        throw Failure.noSlot(path, errno: lastError)
    }

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// Drops what the previous owner left, once it has been recorded; keeps this process's own lines.
    func discardLeftovers() {
        state.withLock { compact(&$0) }
    }

    /// Notes that `ref` is about to be processed (`alone`: with no other update in flight).
    func begin(_ ref: UpdateRef, alone: Bool) {
        state.withLock { state in
            state.inFlight.insert(ref)
            append("\(alone ? "*" : "+") \(ref.tenant.rawValue) \(ref.updateID)\n", state: &state)
        }
    }

    /// Notes that `ref` is no longer being processed (done, failed or given up on).
    func end(_ ref: UpdateRef) {
        state.withLock { state in
            guard state.inFlight.remove(ref) != nil else { return }
            append("- \(ref.tenant.rawValue) \(ref.updateID)\n", state: &state)
            if state.bytes > Self.compactAt { compact(&state) }
        }
    }

    private func append(_ line: String, state: inout State) {
        var line = line
        line.withUTF8 { bytes in _ = write(fd, bytes.baseAddress, bytes.count) }
        state.bytes += line.utf8.count
    }

    private func compact(_ state: inout State) {
        _ = ftruncate(fd, 0)
        _ = lseek(fd, 0, SEEK_SET)
        state.bytes = 0
        for ref in state.inFlight { append("+ \(ref.tenant.rawValue) \(ref.updateID)\n", state: &state) }
    }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // A journal is compacted at `compactAt`; anything much larger is not ours to read whole.
        while bytes.count < compactAt * 4 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// The updates begun and not ended, in the order they began, and the crash mark; unreadable lines are skipped.
    static func parse(_ bytes: [UInt8]) -> Leftovers {
        var open: [UpdateRef: (order: Int, alone: Bool)] = [:]
        var crashed = false
        for (order, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").enumerated() {
            if line == "!" {
                crashed = true
                continue
            }
            let fields = line.split(separator: " ")
            guard fields.count == 3, let tenant = TenantID(String(fields[1])), let update = Int64(fields[2]) else { continue }
            let ref = UpdateRef(tenant: tenant, updateID: update)
            switch fields[0] {
            case "+", "*": open[ref] = (order, fields[0] == "*")
            case "-": open[ref] = nil
            default: continue
            }
        }
        let updates = open.sorted { $0.value.order < $1.value.order }.map { (ref: $0.key, alone: $0.value.alone) }
        return Leftovers(updates: updates, crashed: crashed)
    }
}
