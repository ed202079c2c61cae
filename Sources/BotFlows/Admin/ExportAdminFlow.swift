import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// CSV exports sent as documents: bookings (90 days back and ahead), clients, and the audit log.
struct ExportAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Services and masters.
    let catalog: any CatalogStore
    /// Admin reads and batch changes.
    let backOffice: any BackOfficeStore
    /// Bookings and blocks.
    let bookings: any BookingStore
    /// The audit log.
    let audit: any AuditStore
    /// Deposits of bookings (the bookings export's deposit columns).
    let deposits: any DepositStore

    /// What can be exported.
    enum Kind: String, CaseIterable, Sendable {
        case bookings = "b", clients = "c", audit = "l"
    }


    func send(_ kind: Kind, reply: inout Reply) async throws {
        let table: CSVTable
        switch kind {
        case .bookings: table = try await bookings(reply)
        case .clients: table = try await clients(reply)
        case .audit: table = try await audit(reply)
        }
        let day = reply.tenant.calendar.localDate(of: session.now).compact
        try await session.audit(kind == .audit ? .exportAudit : .export, target: "export:\(kind)", new: "\(table.rows.count) rows", reply: reply)
        reply.answer(reply.admin(.done))
        reply.sendDocument(
            fileName: "\(reply.tenant.id.rawValue)-\(kind)-\(day).csv", mimeType: "text/csv", contents: table.bytes,
            caption: reply.admin(.exportCaption, ["count": String(table.rows.count)]))
    }

    private func stamp(_ instant: Date, _ tenant: TenantContext) -> String {
        let date = tenant.calendar.localDate(of: instant)
        return "\(date.year)-\(String(format: "%02d-%02d", date.month, date.day)) \(tenant.calendar.localTime(of: instant))"
    }

    func bookings(_ reply: Reply) async throws -> CSVTable {
        let tenant = reply.tenant
        let range = session.now.addingTimeInterval(-90 * 86_400)..<session.now.addingTimeInterval(90 * 86_400)
        let services = Dictionary(try await catalog.services(tenant.id).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let masters = Dictionary(try await catalog.masters(tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let names = try await backOffice.customerNames(tenant.id)
        let all = try await backOffice.bookings(startingIn: range, tenant: tenant.id)
        // Only bookings that can have one (a deposit service's, or held) are looked up.
        var deposits: [BookingID: Deposit] = [:]
        for booking in all where booking.status == .held || services[booking.serviceID]?.deposit != nil {
            deposits[booking.id] = try await self.deposits.deposit(of: booking.id, tenant: tenant.id)
        }
        let rows = all.map { b -> [String] in
            var cancelledBy = ""
            if case .cancelled(let by, _) = b.status { cancelledBy = by.rawValue }
            let price: String = if case .fixed(let minor, _)? = b.price ?? services[b.serviceID]?.price { String(format: "%.2f", Double(minor) / 100) } else { "" }
            return [
                String(b.id.rawValue), stamp(b.start, tenant), stamp(b.end, tenant), services[b.serviceID]?.name ?? "", masters[b.masterID] ?? "",
                String(b.customer.rawValue), names[b.customer] ?? "", b.status.code, cancelledBy, price,
                deposits[b.id].map { Self.amount($0.charge) } ?? "", deposits[b.id]?.status.rawValue ?? "",
            ].map(CSVTable.safe)
        }
        return CSVTable(
            header: ["id", "start", "end", "service", "master", "customer_id", "customer", "status", "cancelled_by", "price", "deposit", "deposit_status"],
            rows: rows)
    }

    /// "500.00 RUB" or, for Stars (whole units), "500 XTR".
    static func amount(_ charge: DepositCharge) -> String {
        charge.currency == DepositCharge.stars
            ? "\(charge.amount) \(charge.currency)" : "\(charge.amount / 100).\(String(format: "%02lld", charge.amount % 100)) \(charge.currency)"
    }

    func clients(_ reply: Reply) async throws -> CSVTable {
        let tenant = reply.tenant
        var rows: [[String]] = []
        for record in try await backOffice.customerRecords(tenant.id) {
            let bookings = try await self.bookings.bookings(of: record.profile.userID, tenant: tenant.id)
            let visits = bookings.count { $0.status == .completed || ($0.status == .confirmed && $0.end <= session.now) }
            rows.append([
                String(record.profile.userID.rawValue), record.profile.firstName, record.profile.username ?? "", record.profile.languageCode ?? "",
                stamp(record.firstSeen, tenant), String(bookings.count), String(visits), String(bookings.count { $0.status == .noShow }),
                String(bookings.count { if case .cancelled = $0.status { true } else { false } }),
            ].map(CSVTable.safe))
        }
        return CSVTable(
            header: ["user_id", "first_name", "username", "language", "first_seen", "bookings", "visits", "no_shows", "cancellations"], rows: rows)
    }

    func audit(_ reply: Reply) async throws -> CSVTable {
        let rows = try await audit.auditLog(reply.tenant.id, offset: 0, limit: 10_000).map { e in
            [String(e.id), stamp(e.at, reply.tenant), String(e.actor.rawValue), e.action, e.target, e.oldValue ?? "", e.newValue ?? "", e.outcome.rawValue]
                .map(CSVTable.safe)
        }
        return CSVTable(header: ["id", "at", "actor", "action", "target", "old", "new", "outcome"], rows: rows)
    }
}
