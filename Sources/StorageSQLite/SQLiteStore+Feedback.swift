import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: FeedbackStore {
    public func rate(_ feedback: Feedback, tenant: TenantID) async throws -> Bool {
        let rows = try await query(
            """
            INSERT INTO feedback (tenant_id, booking_id, customer_id, master_id, service_id, rating, comment, rated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, booking_id) DO NOTHING RETURNING booking_id
            """,
            [
                .text(tenant.rawValue), .integer(Int(feedback.bookingID.rawValue)), .integer(Int(feedback.customer.rawValue)),
                .integer(Int(feedback.masterID.rawValue)), .integer(Int(feedback.serviceID.rawValue)), .integer(feedback.rating),
                feedback.comment.map { .text($0) } ?? .null, feedback.ratedAt.sqlite,
            ])
        return !rows.isEmpty
    }

    public func addComment(_ comment: String, booking: BookingID, customer: UserID, tenant: TenantID) async throws -> Bool {
        let rows = try await query(
            """
            UPDATE feedback SET comment = ? WHERE tenant_id = ? AND booking_id = ? AND customer_id = ? AND comment IS NULL
            RETURNING booking_id
            """, [.text(comment), .text(tenant.rawValue), .integer(Int(booking.rawValue)), .integer(Int(customer.rawValue))])
        return !rows.isEmpty
    }

    public func feedback(for booking: BookingID, tenant: TenantID) async throws -> Feedback? {
        try await query(
            "SELECT * FROM feedback WHERE tenant_id = ? AND booking_id = ?", [.text(tenant.rawValue), .integer(Int(booking.rawValue))]
        ).first.map(Self.feedback)
    }

    public func feedback(ratedIn range: Range<Date>, master: MasterID?, tenant: TenantID) async throws -> [Feedback] {
        try await query(
            """
            SELECT * FROM feedback WHERE tenant_id = ? AND rated_at >= ? AND rated_at < ? AND (? IS NULL OR master_id = ?)
            ORDER BY rated_at DESC, booking_id DESC
            """,
            [
                .text(tenant.rawValue), range.lowerBound.sqlite, range.upperBound.sqlite,
                master.map { .integer(Int($0.rawValue)) } ?? .null, master.map { .integer(Int($0.rawValue)) } ?? .null,
            ]
        ).map(Self.feedback)
    }

    static func feedback(_ row: SQLiteRow) throws -> Feedback {
        Feedback(
            bookingID: BookingID(try row.int("booking_id")), customer: UserID(try row.int("customer_id")),
            masterID: MasterID(try row.int("master_id")), serviceID: ServiceID(try row.int("service_id")),
            rating: Int(try row.int("rating")), comment: row.optionalText("comment"), ratedAt: try row.date("rated_at"))
    }
}
