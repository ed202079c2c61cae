import Foundation

/// One recorded change of a booking (creation, cancellation, reschedule).
public struct BookingHistoryEntry: Hashable, Sendable {
    /// When it happened.
    public var at: Date
    /// Who did it, e.g. `customer:100` or `admin`.
    public var actor: String
    /// Status before, nil on creation.
    public var oldStatus: String?
    /// Status after.
    public var newStatus: String
    /// Free text (a cancel reason).
    public var note: String?
    /// Placement before a reschedule.
    public var from: BookingPlacement?
    /// Placement after a reschedule.
    public var to: BookingPlacement?

    /// Creates an entry.
    public init(
        at: Date, actor: String, oldStatus: String?, newStatus: String, note: String? = nil, from: BookingPlacement? = nil,
        to: BookingPlacement? = nil
    ) {
        self.at = at
        self.actor = actor
        self.oldStatus = oldStatus
        self.newStatus = newStatus
        self.note = note
        self.from = from
        self.to = to
    }
}
