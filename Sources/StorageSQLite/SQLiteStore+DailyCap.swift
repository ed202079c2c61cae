import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Refuses with `.dailyLimitReached` when the customer already has `cap.limit` confirmed bookings starting within
    /// the cap's day (other than `excluding`). Runs inside the booking's write transaction (`BEGIN IMMEDIATE`), so two
    /// bookings of one customer cannot both pass it.
    static func requireUnderDailyCap(
        _ cap: DailyCap?, customer: UserID, excluding: BookingID?, tenant: TenantID, on db: SQLiteConnection
    ) async throws {
        guard let cap else { return }
        let rows = try await db.query(
            """
            SELECT count(*) AS n FROM bookings
            WHERE tenant_id = ? AND customer_id = ? AND status IN ('confirmed', 'held') AND start_at >= ? AND start_at < ? AND id <> ?
            """,
            [
                .text(tenant.rawValue), .integer(Int(customer.rawValue)), cap.day.lowerBound.sqlite, cap.day.upperBound.sqlite,
                .integer(Int(excluding?.rawValue ?? 0)),
            ])
        if try rows.first?.int("n") ?? 0 >= Int64(cap.limit) { throw BookingError.dailyLimitReached(cap.limit) }
    }
}
