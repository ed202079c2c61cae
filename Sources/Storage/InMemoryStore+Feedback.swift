import BookingCore
import Foundation

extension InMemoryStore: FeedbackStore {
    public func rate(_ feedback: Feedback, tenant: TenantID) -> Bool {
        guard feedbackRows[tenant]?[feedback.bookingID] == nil else { return false }
        feedbackRows[tenant, default: [:]][feedback.bookingID] = feedback
        return true
    }

    public func addComment(_ comment: String, booking: BookingID, customer: UserID, tenant: TenantID) -> Bool {
        guard let stored = feedbackRows[tenant]?[booking], stored.customer == customer, stored.comment == nil else { return false }
        feedbackRows[tenant]?[booking]?.comment = comment
        return true
    }

    public func feedback(for booking: BookingID, tenant: TenantID) -> Feedback? { feedbackRows[tenant]?[booking] }

    public func feedback(ratedIn range: Range<Date>, master: MasterID?, tenant: TenantID) -> [Feedback] {
        (feedbackRows[tenant] ?? [:]).values
            .filter { range.contains($0.ratedAt) && (master == nil || $0.masterID == master) }
            .sorted { ($0.ratedAt, $0.bookingID) > ($1.ratedAt, $1.bookingID) }
    }
}
