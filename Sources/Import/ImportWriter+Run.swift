import BookingCore
import Foundation
import Storage

extension ImportWriter {
    struct Run {
        let plan: ImportPlan
        let tenant: TenantID
        let masterName: String
        let ledger: [String: ImportLedgerEntry]
        let context: TransactionContext
        var report: ImportReport
        let schedule: Scheduler
        var recorded: [ImportLedgerEntry] = []
        var services: [String: Service] = [:]
        var bookings: [String: Booking] = [:]
        var chair = MasterID(0)
        var overflow: [MasterID] = []

        init(
            plan: ImportPlan, tenant: TenantID, masterName: String, ledger: [String: ImportLedgerEntry], context: TransactionContext,
            report: ImportReport, schedule: @escaping Scheduler
        ) {
            self.plan = plan
            self.tenant = tenant
            self.masterName = masterName
            self.ledger = ledger
            self.context = context
            self.report = report
            self.schedule = schedule
        }

        var stores: Stores { context.stores }

        private func known(_ kind: String, _ key: String) -> ImportLedgerEntry? { ledger["\(kind)/\(key)"] }

        private mutating func record<T>(_ kind: String, _ item: Planned<T>, ourID: Int64) {
            recorded.append(
                ImportLedgerEntry(source: plan.source, kind: kind, originalKey: item.key, ourID: ourID, fingerprint: item.fingerprint))
            report.written += 1
        }

        mutating func apply(progress: @Sendable (String) -> Void) async throws {
            try await applySchedule()
            let allServices = try await stores.catalog.services(tenant)
            for item in plan.services {
                if let entry = known(Kind.service, item.key), let service = allServices.first(where: { $0.id.rawValue == entry.ourID }) {
                    services[item.key] = service
                    continue
                }
                let saved = try await stores.catalog.saveService(item.value, tenant: tenant)
                services[item.key] = saved
                record(Kind.service, item, ourID: saved.id.rawValue)
            }
            for item in plan.customers where known(Kind.customer, item.key) == nil {
                _ = try await stores.customers.upsertCustomer(item.value.profile, tenant: tenant, now: item.value.firstSeen)
                record(Kind.customer, item, ourID: item.value.profile.userID.rawValue)
            }
            // Texts before bookings: the reminders scheduled below are worded with them.
            for item in plan.texts where known(Kind.text, item.key) == nil {
                try await stores.textOverrides.setTextOverride(
                    key: item.value.key, language: item.value.language, template: item.value.template, tenant: tenant)
                record(Kind.text, item, ourID: 0)
            }
            progress("\(tenant): catalog and \(plan.customers.count) customers done; \(plan.bookings.count) bookings to go")
            for (index, item) in plan.bookings.enumerated() {
                if index > 0, index % 500 == 0 { progress("\(tenant): \(index) of \(plan.bookings.count) bookings") }
                if let entry = known(Kind.booking, item.key) {
                    if let stored = try await stores.bookings.booking(BookingID(entry.ourID), tenant: tenant) {
                        bookings[item.key] = stored
                    }
                    continue
                }
                try await importBooking(item)
            }
            for item in plan.feedback where known(Kind.feedback, item.key) == nil {
                guard let booking = bookings[item.value.bookingKey] else { continue }
                var feedback = item.value.feedback
                feedback.bookingID = booking.id
                feedback.masterID = booking.masterID
                feedback.serviceID = booking.serviceID
                if try await stores.feedback.rate(feedback, tenant: tenant) {
                    record(Kind.feedback, item, ourID: booking.id.rawValue)
                } else {
                    report.notes.append("booking \(item.key) was rated in Zapis already; the original's rating not imported")
                }
            }
            for item in plan.admins where known(Kind.admin, item.key) == nil {
                try await stores.admins.saveAdmin(item.value, tenant: tenant)
                record(Kind.admin, item, ourID: item.value.userID.rawValue)
            }
            for item in plan.blocks where known(Kind.block, item.key) == nil {
                let block = try await stores.bookings.addBlock(item.value, tenant: tenant)
                record(Kind.block, item, ourID: block.id.rawValue)
            }
            for item in plan.audit where known(Kind.audit, item.key) == nil {
                let entry = try await stores.audit.appendAudit(item.value, tenant: tenant)
                record(Kind.audit, item, ourID: entry.id)
            }
            try await stores.imports.recordImported(recorded, tenant: tenant)
        }

        /// The chair: the ledger's, else the tenant's first master (the one provisioning made), else a new one; its
        /// week and the tenant's grid from the original's settings.
        private mutating func applySchedule() async throws {
            let masters = try await stores.catalog.masters(tenant)
            for entry in ledger.values where entry.kind == Kind.master && entry.originalKey.hasPrefix("overflow") {
                overflow.append(MasterID(entry.ourID))
            }
            if let entry = known(Kind.master, plan.schedule.key) {
                chair = MasterID(entry.ourID)
                return
            }
            var master = masters.first ?? Master(id: MasterID(0), name: masterName)
            master.plan = plan.schedule.value.plan
            chair = try await stores.catalog.saveMaster(master, tenant: tenant).id
            record(Kind.master, plan.schedule, ourID: chair.rawValue)
            if let record = try await stores.tenants.tenant(tenant) {
                var policies = record.policies
                policies.slotIntervalMinutes = plan.schedule.value.slotIntervalMinutes
                try await stores.backOffice.updatePolicies(policies, of: tenant)
            }
        }

        private mutating func importBooking(_ item: Planned<PlannedBooking>) async throws {
            guard let service = services[item.value.serviceKey] else {
                report.skipped.append("booking \(item.key): its service was not imported")
                return
            }
            var booking = item.value.booking
            booking.serviceID = service.id
            var candidates = [chair] + overflow
            while true {
                let master = candidates.removeFirst()
                booking.masterID = master
                let history = item.value.history.enumerated().map { index, entry in
                    var entry = entry
                    let serviceID = item.value.historyServiceKeys[index].flatMap { services[$0]?.id } ?? service.id
                    entry.from = entry.from.map { BookingPlacement(start: $0.start, end: $0.end, masterID: master, serviceID: serviceID) }
                    entry.to = entry.to.map { BookingPlacement(start: $0.start, end: $0.end, masterID: master, serviceID: serviceID) }
                    return entry
                }
                do {
                    let stored = try await stores.imports.importBooking(booking, history: history, tenant: tenant)
                    bookings[item.key] = stored
                    record(Kind.booking, item, ourID: stored.id.rawValue)
                    if master != chair {
                        report.notes.append(
                            "booking \(item.key) overlaps another confirmed booking (the original double-booked its one chair); kept on the inactive master \"\(masterName) — пересечения\" for the admin to resolve"
                        )
                    }
                    if stored.status.isActive { report.scheduled += try await schedule(stored, service, masterName, context) }
                    return
                } catch BookingError.slotTaken where candidates.isEmpty {
                    guard overflow.count < 5 else {
                        report.skipped.append("booking \(item.key): overlaps bookings on every master")
                        return
                    }
                    let extra = try await stores.catalog.saveMaster(
                        Master(id: MasterID(0), name: "\(masterName) — пересечения", isActive: false, plan: plan.schedule.value.plan),
                        tenant: tenant)
                    overflow.append(extra.id)
                    recorded.append(
                        ImportLedgerEntry(
                            source: plan.source, kind: Kind.master, originalKey: "overflow-\(overflow.count)", ourID: extra.id.rawValue,
                            fingerprint: "-"))
                    candidates = [extra.id]
                } catch BookingError.slotTaken {
                    continue
                }
            }
        }
    }
}
