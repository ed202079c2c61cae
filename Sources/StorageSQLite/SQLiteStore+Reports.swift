import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    public func reportGroups(startingIn range: Range<Date>, master: MasterID?, tenant: TenantID) async throws -> [ReportGroup] {
        let t = SQLiteData.text(tenant.rawValue)
        let rows = try await query(
            """
            SELECT b.master_id, b.service_id, b.status, COALESCE(b.price, s.price) AS price, count(*) AS n
            FROM bookings b LEFT JOIN services s ON s.tenant_id = b.tenant_id AND s.id = b.service_id
            WHERE b.tenant_id = ? AND b.start_at >= ? AND b.start_at < ? AND (? IS NULL OR b.master_id = ?)
            GROUP BY b.master_id, b.service_id, b.status, COALESCE(b.price, s.price)
            """,
            [t, range.lowerBound.sqlite, range.upperBound.sqlite, master.map { .integer(Int($0.rawValue)) } ?? .null,
             master.map { .integer(Int($0.rawValue)) } ?? .null])
        return try rows.map { row in
            ReportGroup(
                masterID: MasterID(try row.int("master_id")), serviceID: ServiceID(try row.int("service_id")), status: try row.text("status"),
                price: try row.column("price")?.string.map { try JSONDecoder().decode(Price.self, from: Data($0.utf8)) },
                count: Int(try row.int("n")))
        }.sorted()
    }

    public func changeServices(_ moves: [BookingMove], tenant: TenantID, now: Date) async throws -> [Booking] {
        try await withTransactionView { view in
            var changed: [Booking] = []
            for booking in try await view.moveBookings(moves, tenant: tenant, now: now) {
                guard let move = moves.first(where: { $0.id == booking.id }) else { continue }
                let rows = try await view.query(
                    "UPDATE bookings SET price = ? WHERE tenant_id = ? AND id = ? RETURNING *",
                    [try jsonText(move.request.service.price), .text(tenant.rawValue), .integer(Int(booking.id.rawValue))])
                guard let row = rows.first else { throw BookingError.notFound }
                changed.append(try Self.booking(row))
            }
            return changed
        }
    }
}
