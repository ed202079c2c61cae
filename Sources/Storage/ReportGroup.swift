import BookingCore
import Foundation

/// One group of a period's report: how many bookings of one master and one service, starting in the period, are in one
/// status at one price (the price stored on the booking, or the service's current price for bookings made before prices
/// were stored). A report sums its groups (see `BackOfficeStore.reportGroups`).
public struct ReportGroup: Hashable, Sendable {
    /// The master.
    public var masterID: MasterID
    /// The service.
    public var serviceID: ServiceID
    /// The status as databases store it (`BookingStatus.code`).
    public var status: String
    /// The price of these bookings; nil when neither the booking nor its service (deleted) has one.
    public var price: Price?
    /// How many bookings, at least 1.
    public var count: Int

    /// Creates a group.
    public init(masterID: MasterID, serviceID: ServiceID, status: String, price: Price?, count: Int) {
        self.masterID = masterID
        self.serviceID = serviceID
        self.status = status
        self.price = price
        self.count = count
    }

    /// Groups `bookings` as the stores do, with `servicePrices` for bookings without a stored price; by master,
    /// service, status, then price.
    public static func grouping(_ bookings: [Booking], servicePrices: [ServiceID: Price]) -> [ReportGroup] {
        struct Key: Hashable { var master: MasterID, service: ServiceID, status: String, price: Price? }
        var counts: [Key: Int] = [:]
        for booking in bookings {
            counts[Key(master: booking.masterID, service: booking.serviceID, status: booking.status.code,
                       price: booking.price ?? servicePrices[booking.serviceID]), default: 0] += 1
        }
        return counts.map { ReportGroup(masterID: $0.key.master, serviceID: $0.key.service, status: $0.key.status, price: $0.key.price, count: $0.value) }
            .sorted()
    }
}

extension ReportGroup: Comparable {
    /// By master, service and status, then by the price's JSON-free description (a stable order for comparisons).
    public static func < (a: ReportGroup, b: ReportGroup) -> Bool {
        (a.masterID, a.serviceID, a.status, String(describing: a.price), a.count)
            < (b.masterID, b.serviceID, b.status, String(describing: b.price), b.count)
    }
}
