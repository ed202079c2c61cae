import Foundation

/// Id of a waitlist entry within its tenant.
public struct WaitlistEntryID: Int64Identifier {
    /// The stored number.
    public let rawValue: Int64
    /// Wraps a number.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

/// Where a waitlist entry stands.
public enum WaitlistStatus: String, Hashable, Sendable, Codable {
    /// In line for a slot.
    case waiting
    /// A slot is held for this entry until its offer runs out.
    case offered
    /// The customer booked the offered slot.
    case booked
    /// The offer ran out (or was declined); the entry is out of line.
    case expired
    /// The customer left the waitlist.
    case left

    /// Waiting and offered entries are in line.
    public var isInLine: Bool { self == .waiting || self == .offered }
}

/// A free slot held for one waitlist entry: a reservation of the master's time that the store enforces against
/// every booking but the entry's customer's own until `until`.
public struct WaitlistOffer: Hashable, Sendable {
    /// The slot's start.
    public var start: Date
    /// The master free at that time.
    public var masterID: MasterID
    /// The hold runs out at this instant.
    public var until: Date
    /// The master's time the hold reserves: the service with its buffers (as a booking occupies it); empty for an
    /// offer stored before holds were reservations.
    public var held: Range<Date>

    /// Creates an offer holding `held` (by default nothing beyond the start instant).
    public init(start: Date, masterID: MasterID, until: Date, held: Range<Date>? = nil) {
        self.start = start
        self.masterID = masterID
        self.until = until
        self.held = held ?? start..<start
    }
}

/// A customer waiting for a slot of one service (with one master, or any) on one full day.
public struct WaitlistEntry: Hashable, Sendable {
    /// Id within the tenant; entries are served in id order.
    public var id: WaitlistEntryID
    /// The customer.
    public var customer: UserID
    /// Their chat, where offers go.
    public var chat: ChatID
    /// Their client language code, so an offer speaks their language.
    public var languageCode: String?
    /// The service wanted.
    public var serviceID: ServiceID
    /// The master wanted; nil for any.
    public var masterID: MasterID?
    /// The day wanted (tenant's local date).
    public var date: LocalDate
    /// When the customer joined.
    public var createdAt: Date
    /// Where the entry stands.
    public var status: WaitlistStatus
    /// The slot held for the entry while `status` is `offered`.
    public var offer: WaitlistOffer?

    /// Creates an entry.
    public init(
        id: WaitlistEntryID = WaitlistEntryID(0), customer: UserID, chat: ChatID, languageCode: String?, serviceID: ServiceID,
        masterID: MasterID?, date: LocalDate, createdAt: Date, status: WaitlistStatus = .waiting, offer: WaitlistOffer? = nil
    ) {
        self.id = id
        self.customer = customer
        self.chat = chat
        self.languageCode = languageCode
        self.serviceID = serviceID
        self.masterID = masterID
        self.date = date
        self.createdAt = createdAt
        self.status = status
        self.offer = offer
    }
}

/// A live waitlist hold as the booking side sees it: the master's time reserved for one customer until `until`.
public struct SlotHold: Hashable, Sendable {
    /// The customer it is held for (the only one who may book it).
    public var customer: UserID
    /// The master whose time is held.
    public var masterID: MasterID
    /// The held time (service and buffers).
    public var held: Range<Date>
    /// The hold runs out at this instant.
    public var until: Date

    /// Creates a hold.
    public init(customer: UserID, masterID: MasterID, held: Range<Date>, until: Date) {
        self.customer = customer
        self.masterID = masterID
        self.held = held
        self.until = until
    }
}
