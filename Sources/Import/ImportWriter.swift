import BookingCore
import Foundation
import Storage

/// Writes an `ImportPlan` through the store protocols, in one transaction per tenant, with the import ledger: a row
/// the ledger has with the same fingerprint is left alone, a row it has with another is a conflict (nothing is
/// written), a new row is written and recorded. So a second run changes nothing, and a catch-up run adds only new rows.
public struct ImportWriter: Sendable {
    /// Writes scheduled messages of an imported future booking into the transaction; returns how many rows.
    public typealias Scheduler =
        @Sendable (_ booking: Booking, _ service: Service, _ masterName: String, _ context: TransactionContext) async throws -> Int

    let stores: Stores
    let unitOfWork: any UnitOfWork
    let schedule: Scheduler

    /// Creates a writer; `schedule` writes the reminders of future bookings (the service passes the flows' own).
    public init(stores: Stores, unitOfWork: any UnitOfWork, schedule: @escaping Scheduler) {
        self.stores = stores
        self.unitOfWork = unitOfWork
        self.schedule = schedule
    }

    /// Kinds of ledger rows.
    enum Kind {
        static let master = "master", service = "service", customer = "customer", booking = "booking", feedback = "feedback"
        static let admin = "admin", block = "block", text = "text", audit = "audit"
    }

    /// Checks `plan` against the ledger and, unless `dryRun` or a conflict, writes what is new. `progress` gets a
    /// line now and then on long imports.
    public func write(
        _ plan: ImportPlan, tenant: TenantID, masterName: String, dryRun: Bool, progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> ImportReport {
        var report = plan.report
        report.dryRun = dryRun
        let ledger = Dictionary(
            try await stores.imports.importLedger(source: plan.source, tenant: tenant).map { ("\($0.kind)/\($0.originalKey)", $0) },
            uniquingKeysWith: { a, _ in a })
        if ledger.isEmpty, try await tenantHasData(tenant) {
            report.conflicts.append("tenant \(tenant) already has services, customers or bookings that no import of \(plan.source) wrote")
        }
        var fresh = 0
        func check<T>(_ kind: String, _ items: [Planned<T>]) {
            for item in items {
                guard let known = ledger["\(kind)/\(item.key)"] else {
                    fresh += 1
                    continue
                }
                if known.fingerprint == item.fingerprint {
                    report.unchanged += 1
                } else {
                    report.conflicts.append("\(kind) \(item.key) was imported before with other content; it changed in the source")
                }
            }
        }
        check(Kind.master, [plan.schedule])
        check(Kind.service, plan.services)
        check(Kind.customer, plan.customers)
        check(Kind.booking, plan.bookings)
        check(Kind.feedback, plan.feedback)
        check(Kind.admin, plan.admins)
        check(Kind.block, plan.blocks)
        check(Kind.text, plan.texts)
        check(Kind.audit, plan.audit)
        guard report.conflicts.isEmpty, !dryRun else {
            report.written = report.conflicts.isEmpty ? fresh : 0
            return report
        }
        guard fresh > 0 else { return report }
        let base = report
        return try await unitOfWork.inTransaction { context in
            var run = Run(
                plan: plan, tenant: tenant, masterName: masterName, ledger: ledger, context: context, report: base, schedule: schedule)
            try await run.apply(progress: progress)
            return run.report
        }
    }

    private func tenantHasData(_ tenant: TenantID) async throws -> Bool {
        if try await !stores.catalog.services(tenant).isEmpty { return true }
        if try await !stores.backOffice.customerRecords(tenant).isEmpty { return true }
        let all = Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 4_102_444_800)
        return try await !stores.backOffice.bookings(startingIn: all, tenant: tenant).isEmpty
    }
}
