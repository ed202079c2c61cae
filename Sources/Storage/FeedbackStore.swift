import BookingCore
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

/// A tenant's booking ratings. Each booking is rated at most once; the store enforces it.
public protocol FeedbackStore: Sendable {
    /// Stores the rating of a booking if it has none yet; returns false (changing nothing) when it is rated already.
    func rate(_ feedback: Feedback, tenant: TenantID) async throws -> Bool
    /// Sets the comment of `customer`'s rated booking if it has no comment yet; returns false otherwise.
    func addComment(_ comment: String, booking: BookingID, customer: UserID, tenant: TenantID) async throws -> Bool
    /// The feedback of one booking, or nil.
    func feedback(for booking: BookingID, tenant: TenantID) async throws -> Feedback?
    /// Feedback whose stars were given in `range` (of one master, or all), newest first.
    func feedback(ratedIn range: Range<Date>, master: MasterID?, tenant: TenantID) async throws -> [Feedback]
}

extension FeedbackStore {
    /// Count and mean rating of the feedback given in `range` (of one master, or all): what the admin reports show.
    public func ratingSummary(ratedIn range: Range<Date>, master: MasterID? = nil, tenant: TenantID) async throws -> RatingSummary {
        let ratings = try await feedback(ratedIn: range, master: master, tenant: tenant).map(\.rating)
        guard !ratings.isEmpty else { return RatingSummary(count: 0, average: nil) }
        return RatingSummary(count: ratings.count, average: Double(ratings.reduce(0, +)) / Double(ratings.count))
    }
}
