import BookingCore
import Foundation
import Logging
import Storage
import Synchronization

/// Keeps one update from taking the service down twice, and from failing forever.
///
/// Crashes: the in-flight journal names the updates a dead process was working on and whether it crashed (a signal)
/// or was killed from outside. At the first update after a start they are recorded as crashed attempts (their own
/// committed write). An update that was the only one in flight at a crash, or that was run alone and died again, is
/// the culprit: its next delivery is dead-lettered without processing. The others in flight are suspects: each runs
/// alone (no other update in flight in this process) until it succeeds, so a second crash names the culprit, and an
/// innocent update is never given up on. An update with `maxAttempts` crashed attempts is given up on either way.
///
/// Failures that are not crashes (a store that refuses a value): counted in memory; after `maxAttempts` failures of a
/// non-transient kind the update is dead-lettered instead of answered with 500 again. Transient failures (the database
/// restarting, a lock timeout) never dead-letter: the update is retried until the store is back.
public final class CrashGuard: Sendable {
    let journal: InFlightJournal?
    let store: any DeadLetterStore
    /// Attempts after which an update is given up on.
    public let maxAttempts: Int
    private let records = Mutex<[UpdateRef: CrashRecord]>([:])
    private let failures = Mutex<[UpdateRef: Int]>([:])
    private let given = Atomic<Int>(0)
    private let isReady = Atomic<Bool>(false)
    private let suspectsPending = Atomic<Int>(0)
    private let recovery: CrashRecovery
    private let gate = SoloGate()
    private let logger: Logger

    /// What to do with an update.
    enum Verdict: Equatable {
        /// Process it; `alone` when it is a suspect of an earlier crash.
        case process(alone: Bool)
        /// Give up on it after `attempts`.
        case deadLetter(attempts: Int, reason: String)
    }

    /// A guard without a journal: thrown failures are capped, crashes are not noticed (tests, one-shot commands).
    public convenience init(store: any DeadLetterStore, maxAttempts: Int = 2) {
        self.init(
            journal: nil, leftovers: .init(updates: [], crashed: false), store: store, maxAttempts: maxAttempts,
            logger: Logger(label: "zapis.crash-guard"))
    }

    init(journal: InFlightJournal?, leftovers: InFlightJournal.Leftovers, store: any DeadLetterStore, maxAttempts: Int, logger: Logger) {
        self.journal = journal
        self.store = store
        self.maxAttempts = max(1, maxAttempts)
        self.recovery = CrashRecovery(leftovers: leftovers)
        self.logger = logger
    }

    /// Opens the in-flight journal at `journalPath` (the first free slot) and keeps what its previous owner left in
    /// flight, to be recorded as crashed attempts before the first update is processed. Throws when no journal can
    /// be opened: a service that cannot protect itself from a crash loop does not start.
    public static func open(journalPath: String, store: any DeadLetterStore, maxAttempts: Int, logger: Logger) throws -> CrashGuard {
        let (journal, leftovers) = try InFlightJournal.open(path: journalPath)
        return CrashGuard(journal: journal, leftovers: leftovers, store: store, maxAttempts: maxAttempts, logger: logger)
    }

    /// Before the first update: records the leftovers of the previous process as crashed attempts (their own committed
    /// write) and loads every crash record. Retried by the next update while the store fails.
    func ready(now: Date) async throws {
        if isReady.load(ordering: .acquiring) { return }
        try await recovery.run { [self] leftovers in
            if !leftovers.updates.isEmpty {
                let lone = leftovers.updates.count == 1
                let attempts = leftovers.updates.map { CrashedAttempt(ref: $0.ref, culprit: $0.alone || (leftovers.crashed && lone)) }
                self.logger.error(
                    leftovers.crashed
                        ? "the previous process crashed while processing updates"
                        : "the previous process was stopped while processing updates",
                    metadata: ["updates": "\(attempts.map { "\($0.ref)\($0.culprit ? " (culprit)" : "")" }.joined(separator: ","))"])
                let error = leftovers.crashed ? "the process crashed while processing it" : "the process was stopped while processing it"
                try await self.store.recordCrashes(attempts, error: error, now: now)
            }
            self.journal?.discardLeftovers()
            let loaded = try await self.store.crashRecords(now: now)
            self.records.withLock { $0.merge(loaded) { $1 } }
            self.suspectsPending.store(loaded.count, ordering: .releasing)
        }
        isReady.store(true, ordering: .releasing)
    }

    /// What to do with `ref` now.
    func verdict(_ ref: UpdateRef) -> Verdict {
        guard let record = records.withLock({ $0[ref] }) else { return .process(alone: false) }
        if record.culprit { return .deadLetter(attempts: record.crashes + 1, reason: "it crashed the process") }
        if record.crashes >= maxAttempts {
            return .deadLetter(attempts: record.crashes + 1, reason: "the process died \(record.crashes) times during it")
        }
        return .process(alone: true)
    }

    /// Runs `body` for `ref`, noted in the journal; `alone` waits until nothing else is in flight and keeps the rest
    /// waiting meanwhile. While no suspect is pending, an ordinary update passes without touching the gate.
    func run<T: Sendable>(_ ref: UpdateRef, alone: Bool, _ body: () async throws -> T) async throws -> T {
        if alone {
            await gate.enterAlone()
            journal?.begin(ref, alone: true)
            defer {
                journal?.end(ref)
                gate.leaveAlone()
            }
            return try await body()
        }
        guard suspectsPending.load(ordering: .acquiring) > 0 else {
            journal?.begin(ref, alone: false)
            defer { journal?.end(ref) }
            return try await body()
        }
        await gate.enterShared()
        journal?.begin(ref, alone: false)
        defer {
            journal?.end(ref)
            gate.leaveShared()
        }
        return try await body()
    }

    /// Counts a thrown failure; returns the attempt count when the update should now be given up on.
    func failed(_ ref: UpdateRef, error: any Error) -> Int? {
        guard !StoreErrors.isTransient(error) else { return nil }
        let count = failures.withLock { failures in
            // Bounded: a process sees few distinct failing updates before they are given up on.
            if failures.count > 10_000 { failures.removeAll() }
            failures[ref, default: 0] += 1
            return failures[ref] ?? 1
        }
        return count >= maxAttempts ? count : nil
    }

    /// Forgets what was counted of `ref` once it has been processed or given up on. A suspect that succeeded is
    /// cleared in the store as well (a dead letter clears it in its own transaction).
    func settled(_ ref: UpdateRef, deadLettered: Bool) async {
        _ = failures.withLock { $0.removeValue(forKey: ref) }
        if deadLettered { given.add(1, ordering: .relaxed) }
        guard records.withLock({ $0.removeValue(forKey: ref) }) != nil else { return }
        suspectsPending.subtract(1, ordering: .releasing)
        if !deadLettered {
            do { try await store.forgetCrashes(ref) } catch {
                // Harmless: the next start drops records of processed updates.
                logger.warning("cannot clear a crash record", metadata: ["update": "\(ref)", "error": "\(error)"])
            }
        }
    }

    /// Updates given up on by this process.
    public var deadLettered: Int { given.load(ordering: .relaxed) }
}
