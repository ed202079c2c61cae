import Foundation

/// Who or what ended a booking.
public enum CancelledBy: String, Sendable, Codable, Hashable {
    case customer, admin, block
    /// The deposit was not paid in time.
    case expired
}

/// A booking's lifecycle state.
public enum BookingStatus: Hashable, Sendable, Codable {
    /// Active and upcoming (or in progress).
    case confirmed
    /// Waiting for its deposit: the time is taken until the hold runs out (`Booking.holdUntil`).
    case held
    /// Ended before it happened.
    case cancelled(by: CancelledBy, reason: String?)
    /// Took place.
    case completed
    /// The customer did not come.
    case noShow

    /// Confirmed and held bookings occupy time.
    public var isActive: Bool { self == .confirmed || self == .held }

    /// The name stored in databases.
    public var code: String {
        switch self {
        case .confirmed: "confirmed"
        case .held: "held"
        case .cancelled: "cancelled"
        case .completed: "completed"
        case .noShow: "no_show"
        }
    }
}

/// An appointment of one customer with one master for one service.
public struct Booking: Hashable, Sendable, Codable, Identifiable {
    /// Id within the tenant.
    public var id: BookingID
    /// The customer (Telegram user).
    public var customer: UserID
    /// Where the customer is talked to.
    public var chat: ChatID
    /// The service booked.
    public var serviceID: ServiceID
    /// The master.
    public var masterID: MasterID
    /// Start instant (UTC).
    public var start: Date
    /// End instant, start + duration.
    public var end: Date
    /// Buffer kept free before `start`.
    public var bufferBeforeMinutes: Int
    /// Buffer kept free after `end`.
    public var bufferAfterMinutes: Int
    /// Lifecycle state.
    public var status: BookingStatus
    /// When it was made.
    public var createdAt: Date
    /// The service's price when the booking was made; nil for bookings made before prices were stored.
    public var price: Price?
    /// Until when a held booking waits for its deposit; nil for every other booking.
    public var holdUntil: Date?
    /// The customer's comment for the master, typed on the confirmation step (at most `Booking.maxComment`).
    public var comment: String?

    /// The longest comment kept, in characters.
    public static let maxComment = 500

    /// Creates a booking.
    public init(
        id: BookingID, customer: UserID, chat: ChatID, serviceID: ServiceID, masterID: MasterID, start: Date, end: Date,
        bufferBeforeMinutes: Int = 0, bufferAfterMinutes: Int = 0, status: BookingStatus = .confirmed, createdAt: Date, price: Price? = nil,
        holdUntil: Date? = nil, comment: String? = nil
    ) {
        self.holdUntil = holdUntil
        self.comment = comment
        self.id = id
        self.customer = customer
        self.chat = chat
        self.serviceID = serviceID
        self.masterID = masterID
        self.start = start
        self.end = end
        self.bufferBeforeMinutes = bufferBeforeMinutes
        self.bufferAfterMinutes = bufferAfterMinutes
        self.status = status
        self.createdAt = createdAt
        self.price = price
    }

    /// The time the master is occupied: the appointment plus its buffers.
    public var occupied: Range<Date> {
        start.addingTimeInterval(-Double(bufferBeforeMinutes) * 60)..<end.addingTimeInterval(Double(bufferAfterMinutes) * 60)
    }
}

/// What a customer asks to book, before the store assigns an id.
public struct BookingRequest: Hashable, Sendable {
    /// The customer.
    public var customer: UserID
    /// Their chat.
    public var chat: ChatID
    /// The service.
    public var service: Service
    /// The master.
    public var masterID: MasterID
    /// Start instant.
    public var start: Date
    /// Set for a booking that waits for its deposit: it is stored as held until then.
    public var holdUntil: Date?
    /// The customer's comment for the master.
    public var comment: String?

    /// Creates a request.
    public init(
        customer: UserID, chat: ChatID, service: Service, masterID: MasterID, start: Date, holdUntil: Date? = nil, comment: String? = nil
    ) {
        self.holdUntil = holdUntil
        self.comment = comment
        self.customer = customer
        self.chat = chat
        self.service = service
        self.masterID = masterID
        self.start = start
    }

    /// End instant.
    public var end: Date { start.addingTimeInterval(Double(service.durationMinutes) * 60) }

    /// The occupied range including buffers.
    public var occupied: Range<Date> {
        start.addingTimeInterval(-Double(service.bufferBeforeMinutes) * 60)..<end.addingTimeInterval(Double(service.bufferAfterMinutes) * 60)
    }
}

/// Blocked time: nobody (or one master) can be booked in it.
public struct Block: Hashable, Sendable, Codable, Identifiable {
    /// Id within the tenant.
    public var id: BlockID
    /// One master, or nil for all.
    public var masterID: MasterID?
    /// Blocked instants.
    public var range: Range<Date>
    /// Shown to admins.
    public var reason: String

    /// Creates a block.
    public init(id: BlockID, masterID: MasterID?, range: Range<Date>, reason: String) {
        self.id = id
        self.masterID = masterID
        self.range = range
        self.reason = reason
    }

    /// True when it applies to `master`.
    public func applies(to master: MasterID) -> Bool { masterID == nil || masterID == master }
}
