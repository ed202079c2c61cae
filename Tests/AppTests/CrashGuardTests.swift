import BookingCore
import Foundation
import Storage
import Testing

@testable import App

/// The in-flight journal and the rules that turn what a dead process left into verdicts.
@Suite("Crash guard")
struct CrashGuardTests {
    static let tenant = TenantID("salon_alpha")!
    static func ref(_ id: Int64) -> UpdateRef { UpdateRef(tenant: tenant, updateID: id) }

    static func journalPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("zapis-journal-\(UUID().uuidString).inflight").path
    }

    @Test func theJournalParsesWhatWasLeftInFlightAndTheCrashMark() {
        let text = "+ salon_alpha 1\n+ salon_alpha 2\n- salon_alpha 1\n* salon_alpha 3\ngarbage line\n+ BAD-ID 4\n!\n"
        let leftovers = InFlightJournal.parse(Array(text.utf8))
        #expect(leftovers.crashed)
        #expect(leftovers.updates.map(\.ref) == [Self.ref(2), Self.ref(3)])
        #expect(leftovers.updates.map(\.alone) == [false, true])
        #expect(!InFlightJournal.parse(Array("+ salon_alpha 9\n".utf8)).crashed)
    }

    @Test func aJournalKeepsWhatANewOwnerFindsAndARunningOwnerHoldsItsSlot() throws {
        let path = Self.journalPath()
        do {
            let (journal, leftovers) = try InFlightJournal.open(path: path)
            #expect(leftovers.updates.isEmpty)
            journal.begin(Self.ref(7), alone: false)
            journal.begin(Self.ref(8), alone: false)
            journal.end(Self.ref(7))
            // While the first owner holds the slot, a second process takes the next one.
            let (second, _) = try InFlightJournal.open(path: path)
            #expect(second.path == path + ".1")
        }
        // The owner is gone (its descriptor closed, as at a process's death): its successor finds update 8.
        do {
            let (successor, leftovers) = try InFlightJournal.open(path: path)
            #expect(successor.path == path)
            #expect(leftovers.updates.map(\.ref) == [Self.ref(8)])
            #expect(!leftovers.crashed)
        }
        // A successor that died before recording them leaves them for the next; once recorded, they are gone.
        let (next, again) = try InFlightJournal.open(path: path)
        #expect(again.updates.map(\.ref) == [Self.ref(8)])
        next.discardLeftovers()
        next.begin(Self.ref(9), alone: false)
        #expect(InFlightJournal.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).updates.map(\.ref) == [Self.ref(9)])
    }

    @Test func theOnlyUpdateInFlightAtACrashIsTheCulprit() async throws {
        let store = InMemoryStore()
        let guardian = CrashGuard(
            journal: nil, leftovers: .init(updates: [(Self.ref(1), false)], crashed: true), store: store, maxAttempts: 2,
            logger: .init(label: "test"))
        try await guardian.ready(now: Date())
        #expect(guardian.verdict(Self.ref(1)) == .deadLetter(attempts: 2, reason: "it crashed the process"))
        #expect(guardian.verdict(Self.ref(2)) == .process(alone: false))
    }

    @Test func severalInFlightAtACrashAreSuspectsRunAloneAndCleared() async throws {
        let store = InMemoryStore()
        let leftovers = InFlightJournal.Leftovers(updates: [(Self.ref(1), false), (Self.ref(2), false)], crashed: true)
        let guardian = CrashGuard(journal: nil, leftovers: leftovers, store: store, maxAttempts: 2, logger: .init(label: "test"))
        try await guardian.ready(now: Date())
        #expect(guardian.verdict(Self.ref(1)) == .process(alone: true))
        #expect(guardian.verdict(Self.ref(2)) == .process(alone: true))
        // A suspect that succeeds is forgotten, in memory and in the store.
        _ = try await guardian.run(Self.ref(1), alone: true) { 1 }
        await guardian.settled(Self.ref(1), deadLettered: false)
        #expect(guardian.verdict(Self.ref(1)) == .process(alone: false))
        #expect(await store.crashRecords(now: Date()).keys.map(\.updateID) == [2])
    }

    @Test func aKillFromOutsideNamesNoCulpritButOneRunAloneIsOne() async throws {
        let store = InMemoryStore()
        let killed = CrashGuard(
            journal: nil, leftovers: .init(updates: [(Self.ref(1), false)], crashed: false), store: store, maxAttempts: 3,
            logger: .init(label: "test"))
        try await killed.ready(now: Date())
        #expect(killed.verdict(Self.ref(1)) == .process(alone: true))
        let again = CrashGuard(
            journal: nil, leftovers: .init(updates: [(Self.ref(1), true)], crashed: false), store: store, maxAttempts: 3,
            logger: .init(label: "test"))
        try await again.ready(now: Date())
        #expect(again.verdict(Self.ref(1)) == .deadLetter(attempts: 3, reason: "it crashed the process"))
    }

    @Test func thrownFailuresAreCappedUnlessTransient() {
        let guardian = CrashGuard(store: InMemoryStore(), maxAttempts: 2)
        struct Refused: Error {}
        #expect(guardian.failed(Self.ref(1), error: Refused()) == nil)
        #expect(guardian.failed(Self.ref(1), error: Refused()) == 2)
        for _ in 0..<5 { #expect(guardian.failed(Self.ref(2), error: CancellationError()) == nil) }
    }

    @Test func aSoleHolderWaitsUntilTheSharedHoldIsReleased() async throws {
        let gate = SoloGate()
        await gate.enterShared()
        let order = OrderLog()
        // The sole holder cannot enter before `leaveShared`, and "shared" is written before it: the order is fixed.
        async let alone: Void = {
            await gate.enterAlone()
            await order.append("alone")
            gate.leaveAlone()
        }()
        await order.append("shared")
        gate.leaveShared()
        await alone
        // And while nothing holds it, an ordinary update passes at once.
        await gate.enterShared()
        gate.leaveShared()
        #expect(await order.entries == ["shared", "alone"])
    }
}

actor OrderLog {
    var entries: [String] = []
    func append(_ entry: String) { entries.append(entry) }
}
