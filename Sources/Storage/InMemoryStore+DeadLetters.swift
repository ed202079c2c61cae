import BookingCore
import Foundation

extension InMemoryStore: DeadLetterStore {
    public func recordCrashes(_ attempts: [CrashedAttempt], error: String, now: Date) {
        for attempt in attempts where letters[attempt.ref] == nil {
            var record = crashedAttempts[attempt.ref] ?? CrashRecord(crashes: 0, culprit: false)
            record.crashes += 1
            record.culprit = record.culprit || attempt.culprit
            crashedAttempts[attempt.ref] = record
        }
    }

    public func crashRecords(now: Date) -> [UpdateRef: CrashRecord] {
        for ref in crashedAttempts.keys where isProcessed(ref) { crashedAttempts[ref] = nil }
        return crashedAttempts
    }

    public func forgetCrashes(_ ref: UpdateRef) { crashedAttempts[ref] = nil }

    public func addDeadLetter(_ letter: DeadLetter) -> Bool {
        crashedAttempts[letter.ref] = nil
        guard letters[letter.ref] == nil else { return false }
        letters[letter.ref] = letter
        return true
    }

    public func deadLetters(limit: Int) -> [DeadLetter] {
        Array(letters.values.sorted { ($0.at, $0.ref.updateID) > ($1.at, $1.ref.updateID) }.prefix(max(0, limit)))
    }
}
