import Foundation

/// One booking's new placement in a batch move.
public struct BookingMove: Hashable, Sendable {
    /// The booking.
    public var id: BookingID
    /// Where it goes (customer and chat must be the booking's own).
    public var request: BookingRequest

    /// Creates a move.
    public init(id: BookingID, request: BookingRequest) {
        self.id = id
        self.request = request
    }
}
