import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func reportGroups(startingIn range: Range<Date>, master: MasterID?, tenant: TenantID) async throws -> [ReportGroup] {
        let masterID = master?.rawValue
        let s = tenant.schema
        return try await query(
            """
            SELECT b.master_id, b.service_id, b.status, COALESCE(b.price, v.price)::text AS price, count(*) AS n
            FROM \(unescaped: s).bookings b LEFT JOIN \(unescaped: s).services v ON v.id = b.service_id
            WHERE b.start_at >= \(range.lowerBound) AND b.start_at < \(range.upperBound)
                AND (\(masterID)::bigint IS NULL OR b.master_id = \(masterID)::bigint)
            GROUP BY b.master_id, b.service_id, b.status, COALESCE(b.price, v.price)
            """
        ).map { row in
            let (master, service, status, price, count) = try row.decode((Int64, Int64, String, String?, Int64).self)
            return ReportGroup(
                masterID: MasterID(master), serviceID: ServiceID(service), status: status,
                price: try price.map { try JSONDecoder().decode(Price.self, from: Data($0.utf8)) }, count: Int(count))
        }.sorted()
    }

    public func changeServices(_ moves: [BookingMove], tenant: TenantID, now: Date) async throws -> [Booking] {
        try await transactionView { view in
            var changed: [Booking] = []
            for booking in try await view.moveBookings(moves, tenant: tenant, now: now) {
                guard let move = moves.first(where: { $0.id == booking.id }) else { continue }
                let price = try jsonText(move.request.service.price)
                let rows = try await view.query(
                    """
                    UPDATE \(unescaped: tenant.schema).bookings SET price = \(price)::jsonb WHERE id = \(booking.id.rawValue) RETURNING *
                    """)
                guard let row = rows.first else { throw BookingError.notFound }
                changed.append(try Self.booking(row))
            }
            return changed
        }
    }
}
