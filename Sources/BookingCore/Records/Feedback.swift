import Foundation

/// A customer's rating (1–5 stars) of one booking, with an optional comment.
public struct Feedback: Hashable, Sendable {
    /// The rated booking (one rating per booking).
    public var bookingID: BookingID
    /// Who rated it: the booking's customer.
    public var customer: UserID
    /// The booking's master, for per-master statistics.
    public var masterID: MasterID
    /// The booking's service.
    public var serviceID: ServiceID
    /// 1 to 5 stars.
    public var rating: Int
    /// The optional comment, added after the rating.
    public var comment: String?
    /// When the stars were given.
    public var ratedAt: Date

    /// Creates feedback.
    public init(
        bookingID: BookingID, customer: UserID, masterID: MasterID, serviceID: ServiceID, rating: Int, comment: String? = nil,
        ratedAt: Date
    ) {
        self.bookingID = bookingID
        self.customer = customer
        self.masterID = masterID
        self.serviceID = serviceID
        self.rating = rating
        self.comment = comment
        self.ratedAt = ratedAt
    }

    /// The stars a rating may have.
    public static let ratings = 1...5
}

/// How many ratings a period got and their mean.
public struct RatingSummary: Hashable, Sendable {
    /// Number of ratings.
    public var count: Int
    /// Mean stars; nil when there are none.
    public var average: Double?

    /// Creates a summary.
    public init(count: Int, average: Double?) {
        self.count = count
        self.average = average
    }
}
