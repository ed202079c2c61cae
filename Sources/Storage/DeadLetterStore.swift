import BookingCore
import Foundation

/// One update of one tenant, as Telegram numbers it.
public struct UpdateRef: Hashable, Sendable, CustomStringConvertible {
    /// The tenant whose bot received it.
    public var tenant: TenantID
    /// Telegram's update_id.
    public var updateID: Int64

    /// Creates a reference.
    public init(tenant: TenantID, updateID: Int64) {
        self.tenant = tenant
        self.updateID = updateID
    }

    /// "tenant/update".
    public var description: String { "\(tenant.rawValue)/\(updateID)" }
}

/// An update that was given up on: acknowledged to Telegram, kept for the operator.
public struct DeadLetter: Hashable, Sendable {
    /// Which update.
    public var ref: UpdateRef
    /// The update as received (JSON).
    public var body: [UInt8]
    /// Why it was given up on.
    public var error: String
    /// Deliveries of the update so far, the one given up on included.
    public var attempts: Int
    /// When it was dead-lettered.
    public var at: Date

    /// Creates a dead letter.
    public init(ref: UpdateRef, body: [UInt8], error: String, attempts: Int, at: Date) {
        self.ref = ref
        self.body = body
        self.error = error
        self.attempts = attempts
        self.at = at
    }
}

/// A process died while it was processing an update.
public struct CrashedAttempt: Hashable, Sendable {
    /// Which update.
    public var ref: UpdateRef
    /// True when this update is known to be the cause: the only one in flight when the process crashed, or one that
    /// was run alone (after an earlier crash) and died again.
    public var culprit: Bool

    /// Creates a record.
    public init(ref: UpdateRef, culprit: Bool) {
        self.ref = ref
        self.culprit = culprit
    }
}

/// What is known of an update's crashed attempts.
public struct CrashRecord: Hashable, Sendable {
    /// Attempts during which the process died.
    public var crashes: Int
    /// True when the update is known to be the cause (see `CrashedAttempt.culprit`).
    public var culprit: Bool

    /// Creates a record.
    public init(crashes: Int, culprit: Bool) {
        self.crashes = crashes
        self.culprit = culprit
    }
}

/// Crashed attempts and dead letters of updates (platform-wide, across tenants).
public protocol DeadLetterStore: Sendable {
    /// Counts one crashed attempt for each update (in its own committed write, outside any update's transaction).
    func recordCrashes(_ attempts: [CrashedAttempt], error: String, now: Date) async throws
    /// Crashed attempts of updates neither processed nor dead-lettered yet, from the last two days (older ones and
    /// those of processed updates are deleted: Telegram stops redelivering after a day).
    func crashRecords(now: Date) async throws -> [UpdateRef: CrashRecord]
    /// Forgets the crashed attempts of an update that has since been processed.
    func forgetCrashes(_ ref: UpdateRef) async throws
    /// Inside an update's transaction: stores the dead letter and forgets its crashed attempts. False when the update
    /// was dead-lettered before.
    func addDeadLetter(_ letter: DeadLetter) async throws -> Bool
    /// The newest dead letters, newest first.
    func deadLetters(limit: Int) async throws -> [DeadLetter]
}
