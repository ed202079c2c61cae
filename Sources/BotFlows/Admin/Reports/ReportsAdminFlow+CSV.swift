import BookingCore
import Foundation
import Storage

extension ReportsAdminFlow {
    /// The report of `period` as a CSV document: a total row, a row per master and per service, and the deposits
    /// (whole-business reports); audited.
    func csv(_ master: MasterID?, _ period: ReportPeriod, reply: inout Reply) async throws {
        let table = try await table(master, period, reply: reply)
        let who = master.map { String($0.rawValue) } ?? "all"
        try await session.audit(
            .viewReports, target: "report:\(period.from.compact)-\(period.to.compact):\(who)", new: "\(table.rows.count) rows", reply: reply)
        reply.answer(reply.admin(.done))
        reply.sendDocument(
            fileName: "\(reply.tenant.id.rawValue)-report-\(period.from.compact)-\(period.to.compact).csv", mimeType: "text/csv",
            contents: table.bytes, caption: reply.report(.csvCaption, ["period": Self.title(period), "count": String(table.rows.count)]))
    }

    func table(_ master: MasterID?, _ period: ReportPeriod, reply: Reply) async throws -> CSVTable {
        let calendar = reply.tenant.calendar
        let range = calendar.startOfDay(period.from)..<calendar.startOfDay(period.to.adding(days: 1))
        let currency = reply.tenant.profile.currency
        let numbers = ReportNumbers(
            try await backOffice.reportGroups(startingIn: range, master: master, tenant: reply.tenant.id), currency: currency)
        func row(_ section: String, _ name: String, _ line: ReportLine) -> [String] {
            [section, name, String(line.bookings), String(line.completed), String(line.noShows), String(line.cancelled),
             Self.decimal(line.revenueMinor, currency: currency), currency].map(CSVTable.safe)
        }
        var rows = [row("total", "", numbers.total)]
        rows += numbers.masters(try await catalog.masters(reply.tenant.id)).map { row("master", $0.name, $0.line) }
        rows += numbers.services(try await catalog.services(reply.tenant.id)).map { row("service", $0.name, $0.line) }
        if master == nil {
            let totals = try await deposits.depositTotals(tenant: reply.tenant.id, in: range)
            for (section, sums) in [("deposits_taken", totals.taken), ("deposits_refunded", totals.refunded)] {
                rows += sums.sorted { $0.key < $1.key }.map { [section, "", "", "", "", "", Self.decimal($0.value, currency: $0.key), $0.key] }
            }
        }
        return CSVTable(header: ["section", "name", "bookings", "completed", "no_shows", "cancellations", "revenue", "currency"], rows: rows)
    }

    /// "4500.00" from minor units; Stars are whole ("500").
    static func decimal(_ minor: Int64, currency: String) -> String {
        currency == DepositCharge.stars ? String(minor) : "\(minor / 100).\(String(format: "%02lld", minor % 100))"
    }
}
