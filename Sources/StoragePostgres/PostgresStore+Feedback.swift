import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: FeedbackStore {
    public func rate(_ feedback: Feedback, tenant: TenantID) async throws -> Bool {
        try await !query(
            """
            INSERT INTO \(unescaped: tenant.schema).feedback (booking_id, customer_id, master_id, service_id, rating, comment, rated_at)
            VALUES (\(feedback.bookingID.rawValue), \(feedback.customer.rawValue), \(feedback.masterID.rawValue),
                \(feedback.serviceID.rawValue), \(feedback.rating), \(feedback.comment), \(feedback.ratedAt))
            ON CONFLICT (booking_id) DO NOTHING RETURNING booking_id
            """
        ).isEmpty
    }

    public func addComment(_ comment: String, booking: BookingID, customer: UserID, tenant: TenantID) async throws -> Bool {
        try await !query(
            """
            UPDATE \(unescaped: tenant.schema).feedback SET comment = \(comment)
            WHERE booking_id = \(booking.rawValue) AND customer_id = \(customer.rawValue) AND comment IS NULL RETURNING booking_id
            """
        ).isEmpty
    }

    public func feedback(for booking: BookingID, tenant: TenantID) async throws -> Feedback? {
        try await query("SELECT * FROM \(unescaped: tenant.schema).feedback WHERE booking_id = \(booking.rawValue)").first.map(Self.feedback)
    }

    public func feedback(ratedIn range: Range<Date>, master: MasterID?, tenant: TenantID) async throws -> [Feedback] {
        let masterID = master?.rawValue
        return try await query(
            """
            SELECT * FROM \(unescaped: tenant.schema).feedback
            WHERE rated_at >= \(range.lowerBound) AND rated_at < \(range.upperBound)
                AND (\(masterID)::bigint IS NULL OR master_id = \(masterID)::bigint)
            ORDER BY rated_at DESC, booking_id DESC
            """
        ).map(Self.feedback)
    }

    static func feedback(_ row: PostgresRow) throws -> Feedback {
        let r = row.makeRandomAccess()
        return Feedback(
            bookingID: BookingID(try r.get("booking_id")), customer: UserID(try r.get("customer_id")),
            masterID: MasterID(try r.get("master_id")), serviceID: ServiceID(try r.get("service_id")),
            rating: try r.get("rating", as: Int.self), comment: try r.get("comment", as: String?.self), ratedAt: try r.get("rated_at"))
    }
}
