import BookingCore
import Foundation

/// One mapped row with the key of the original row it came from and a fingerprint of what it was mapped to.
public struct Planned<Value: Sendable>: Sendable {
    /// The original's key of the row (its id, or a natural key).
    public var key: String
    /// A digest of the mapped content, compared on a re-import.
    public var fingerprint: String
    /// The mapped value.
    public var value: Value

    init(key: String, value: Value, content: String) {
        self.key = key
        self.value = value
        self.fingerprint = Fingerprint.of(content)
    }
}

/// A booking as mapped: the booking (ids of service and master are resolved when written) and its history.
public struct PlannedBooking: Sendable {
    /// The booking; `serviceID` and `masterID` are placeholders until written.
    public var booking: Booking
    /// The original service's key (`none` for the placeholder).
    public var serviceKey: String
    /// Its history, oldest first (placements refer to the booking's own service and master).
    public var history: [BookingHistoryEntry]
    /// History entries that moved it: their placements' services are original keys too.
    public var historyServiceKeys: [String?]
}

/// Feedback as mapped: the rating with its booking's original key.
public struct PlannedFeedback: Sendable {
    /// The rated booking's original id.
    public var bookingKey: String
    /// Stars, comment, time (booking, master and service ids are filled when written).
    public var feedback: Feedback
}

/// What the original's settings become.
public struct PlannedSchedule: Sendable, Equatable {
    /// The chair's week: every day the original's working hours.
    public var plan: WeeklyPlan
    /// The slot grid.
    public var slotIntervalMinutes: Int
}

/// Everything one tenant's import writes, in the order it is written, and what the mapping reported.
public struct ImportPlan: Sendable {
    /// The ledger's name of the source.
    public var source: String
    /// Working hours and grid.
    public var schedule: Planned<PlannedSchedule>
    /// Services (active and not); the placeholder for bookings without one is keyed `none`.
    public var services: [Planned<Service>]
    /// Customers with their first contact.
    public var customers: [Planned<CustomerRecord>]
    /// Bookings: future confirmed, past completed, cancelled ones recovered from history.
    public var bookings: [Planned<PlannedBooking>]
    /// One rating per booking.
    public var feedback: [Planned<PlannedFeedback>]
    /// Admins with their roles.
    public var admins: [Planned<AdminMember>]
    /// Blocked hours merged into ranges.
    public var blocks: [Planned<Block>]
    /// Text overrides of matching keys.
    public var texts: [Planned<TextOverride>]
    /// The audit log.
    public var audit: [Planned<AuditEntry>]
    /// The mapping's counts, notes and skips.
    public var report: ImportReport
}

/// A short stable digest (FNV-1a, 64 bits) of mapped content: enough to tell "the same" from "changed".
enum Fingerprint {
    static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
