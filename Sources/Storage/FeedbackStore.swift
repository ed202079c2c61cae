import BookingCore
import Foundation

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
