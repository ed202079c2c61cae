import Foundation

/// Where and when a booking takes place: what a reschedule changes.
public struct BookingPlacement: Hashable, Sendable {
    /// Start instant.
    public var start: Date
    /// End instant.
    public var end: Date
    /// The master.
    public var masterID: MasterID
    /// The service.
    public var serviceID: ServiceID

    /// Creates a placement.
    public init(start: Date, end: Date, masterID: MasterID, serviceID: ServiceID) {
        self.start = start
        self.end = end
        self.masterID = masterID
        self.serviceID = serviceID
    }

    /// The placement of a booking.
    public init(_ booking: Booking) {
        self.init(start: booking.start, end: booking.end, masterID: booking.masterID, serviceID: booking.serviceID)
    }
}
