import BookingCore
import Foundation

/// Every store in memory, for tests and as the reference behaviour of the contract suite.
public actor InMemoryStore: TenantStore, CatalogStore, BookingStore, CustomerStore, ConversationStore, UpdateLog {
    var tenants: [TenantID: TenantRecord] = [:]
    /// The operator audit (see InMemoryStore+Lifecycle.swift).
    var operatorLog: [OperatorAuditEntry] = []
    /// The operator API's tokens by name (see InMemoryStore+Operator.swift).
    var operatorTokenRows: [String: OperatorToken] = [:]
    var services: [TenantID: [ServiceID: Service]] = [:]
    var masters: [TenantID: [MasterID: Master]] = [:]
    var bookings: [TenantID: [BookingID: Booking]] = [:]
    var blocks: [TenantID: [Block]] = [:]
    var history: [TenantID: [BookingID: [BookingHistoryEntry]]] = [:]
    var customers: [TenantID: [UserID: CustomerProfile]] = [:]
    var states: [ConversationKey: [UInt8]] = [:]
    private var processed: Set<String> = []
    /// When each tenant's latest update was claimed (see InMemoryStore+Operator.swift).
    var lastUpdateAt: [TenantID: Date] = [:]
    private var nextID: Int64 = 1
    /// Ratings per tenant (see `InMemoryStore+Feedback.swift`).
    var feedbackRows: [TenantID: [BookingID: Feedback]] = [:]
    /// Waitlist entries per tenant (see `InMemoryStore+Waitlist.swift`).
    var waitlistRows: [TenantID: [WaitlistEntryID: WaitlistEntry]] = [:]
    /// Admins, audit, texts and first-contact times (see InMemoryStore+Admin.swift).
    var admin = InMemoryAdminData()
    /// Crashed attempts and dead letters (see InMemoryStore+DeadLetters.swift).
    var crashedAttempts: [UpdateRef: CrashRecord] = [:]
    var letters: [UpdateRef: DeadLetter] = [:]
    /// The import ledger per tenant, by source, kind and original key (see InMemoryStore+Import.swift).
    var importLedgerRows: [TenantID: [String: ImportLedgerEntry]] = [:]
    /// Plans, subscriptions and payments (see InMemoryStore+Billing.swift).
    var billing = InMemoryBillingData()
    /// Deposits and payment methods (see InMemoryStore+Deposits.swift).
    var depositRows: [TenantID: [BookingID: Deposit]] = [:]
    var paymentModes: [TenantID: PaymentMode] = [:]
    /// The outbox whose tagged rows `broadcastCounts` reads (see InMemoryStore+Outbox.swift).
    public nonisolated let outbox = InMemoryOutbox()

    /// Creates an empty store.
    public init() {}

    func makeID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }

    public func insertTenant(_ record: TenantRecord, audit: OperatorAuditEntry?) throws {
        guard tenants[record.id] == nil else { throw StorageError.duplicate(record.id.rawValue) }
        tenants[record.id] = record
        if let audit { appendOperatorAudit(audit) }
    }

    public func tenant(_ id: TenantID) -> TenantRecord? { tenants[id] }

    public func allTenants() -> [TenantRecord] { tenants.values.sorted { $0.id < $1.id } }

    public func setStatus(_ status: TenantStatus, of id: TenantID) throws {
        guard tenants[id] != nil else { throw StorageError.notFound(id.rawValue) }
        tenants[id]?.profile.status = status
    }

    public func services(_ tenant: TenantID) -> [Service] {
        (services[tenant] ?? [:]).values.sorted { ($0.displayOrder, $0.id) < ($1.displayOrder, $1.id) }
    }

    public func saveService(_ service: Service, tenant: TenantID) -> Service {
        var stored = service
        if stored.id.rawValue == 0 { stored.id = ServiceID(makeID()) }
        services[tenant, default: [:]][stored.id] = stored
        return stored
    }

    public func masters(_ tenant: TenantID) -> [Master] {
        (masters[tenant] ?? [:]).values.sorted { ($0.displayOrder, $0.id.rawValue) < ($1.displayOrder, $1.id.rawValue) }
    }

    public func saveMaster(_ master: Master, tenant: TenantID) -> Master {
        var stored = master
        if stored.id.rawValue == 0 { stored.id = MasterID(makeID()) }
        masters[tenant, default: [:]][stored.id] = stored
        return stored
    }

    public func createBooking(_ request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, perDay: DailyCap?, now: Date) throws
        -> Booking
    {
        let existing = (bookings[tenant] ?? [:]).values.filter { $0.status.isActive }
        if existing.contains(where: { $0.masterID == request.masterID && $0.occupied.overlaps(request.occupied) })
            || (blocks[tenant] ?? []).contains(where: { $0.applies(to: request.masterID) && $0.range.overlaps(request.occupied) })
            || isHeld(request, tenant: tenant, now: now)
        {
            throw BookingError.slotTaken
        }
        let held = existing.filter { $0.customer == request.customer && $0.end > now }.count
        if held >= maxActivePerCustomer { throw BookingError.customerLimitReached(maxActivePerCustomer) }
        if let perDay, existing.count(where: { $0.customer == request.customer && perDay.day.contains($0.start) }) >= perDay.limit {
            throw BookingError.dailyLimitReached(perDay.limit)
        }
        let booking = Booking(
            id: BookingID(makeID()), customer: request.customer, chat: request.chat, serviceID: request.service.id,
            masterID: request.masterID, start: request.start, end: request.end,
            bufferBeforeMinutes: request.service.bufferBeforeMinutes, bufferAfterMinutes: request.service.bufferAfterMinutes,
            status: request.holdUntil == nil ? .confirmed : .held, createdAt: now, price: request.service.price, holdUntil: request.holdUntil,
            comment: request.comment)
        bookings[tenant, default: [:]][booking.id] = booking
        history[tenant, default: [:]][booking.id, default: []].append(
            BookingHistoryEntry(at: now, actor: "customer:\(request.customer)", oldStatus: nil, newStatus: booking.status.code))
        return booking
    }

    public func rescheduleBooking(
        _ id: BookingID, to request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, perDay: DailyCap?, now: Date, actor: String
    )
        throws -> Booking
    {
        guard var booking = bookings[tenant]?[id], booking.customer == request.customer else { throw BookingError.notFound }
        guard booking.status == .confirmed else { throw BookingError.notActive }
        let others = (bookings[tenant] ?? [:]).values.filter { $0.status.isActive && $0.id != id }
        if others.contains(where: { $0.masterID == request.masterID && $0.occupied.overlaps(request.occupied) })
            || (blocks[tenant] ?? []).contains(where: { $0.applies(to: request.masterID) && $0.range.overlaps(request.occupied) })
            || isHeld(request, tenant: tenant, now: now)
        {
            throw BookingError.slotTaken
        }
        let held = others.filter { $0.customer == request.customer && $0.end > now }.count
        if held >= maxActivePerCustomer { throw BookingError.customerLimitReached(maxActivePerCustomer) }
        if let perDay, others.count(where: { $0.customer == request.customer && perDay.day.contains($0.start) }) >= perDay.limit {
            throw BookingError.dailyLimitReached(perDay.limit)
        }
        let from = BookingPlacement(booking)
        booking.chat = request.chat
        booking.serviceID = request.service.id
        booking.masterID = request.masterID
        booking.start = request.start
        booking.end = request.end
        booking.bufferBeforeMinutes = request.service.bufferBeforeMinutes
        booking.bufferAfterMinutes = request.service.bufferAfterMinutes
        bookings[tenant]?[id] = booking
        history[tenant, default: [:]][id, default: []].append(
            BookingHistoryEntry(
                at: now, actor: actor, oldStatus: "confirmed", newStatus: "confirmed", from: from,
                to: BookingPlacement(booking)))
        return booking
    }

    public func history(of id: BookingID, tenant: TenantID) -> [BookingHistoryEntry] { history[tenant]?[id] ?? [] }

    public func cancelBooking(_ id: BookingID, tenant: TenantID, by: CancelledBy, reason: String?, now: Date) throws -> Booking {
        guard var booking = bookings[tenant]?[id] else { throw BookingError.notFound }
        guard booking.status.isActive else { throw BookingError.notActive }
        let old = booking.status.code
        booking.status = .cancelled(by: by, reason: reason)
        booking.holdUntil = nil
        bookings[tenant]?[id] = booking
        history[tenant, default: [:]][id, default: []].append(
            BookingHistoryEntry(at: now, actor: by.rawValue, oldStatus: old, newStatus: "cancelled", note: reason))
        return booking
    }

    public func booking(_ id: BookingID, tenant: TenantID) -> Booking? { bookings[tenant]?[id] }

    public func bookings(of customer: UserID, tenant: TenantID) -> [Booking] {
        (bookings[tenant] ?? [:]).values.filter { $0.customer == customer }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    public func activeBookings(overlapping range: Range<Date>, tenant: TenantID) -> [Booking] {
        (bookings[tenant] ?? [:]).values.filter { $0.status.isActive && $0.occupied.overlaps(range) }.sorted { $0.start < $1.start }
    }

    public func blocks(overlapping range: Range<Date>, tenant: TenantID) -> [Block] {
        (blocks[tenant] ?? []).filter { $0.range.overlaps(range) }
    }

    public func addBlock(_ block: Block, tenant: TenantID) -> Block {
        var stored = block
        stored.id = BlockID(makeID())
        blocks[tenant, default: []].append(stored)
        return stored
    }

    public func block(_ id: BlockID, tenant: TenantID) -> Block? { blocks[tenant]?.first { $0.id == id } }

    public func removeBlock(_ id: BlockID, tenant: TenantID) -> Block? {
        guard let index = blocks[tenant]?.firstIndex(where: { $0.id == id }) else { return nil }
        return blocks[tenant]?.remove(at: index)
    }

    public func upsertCustomer(_ customer: CustomerProfile, tenant: TenantID, now: Date) -> Bool {
        let isNew = customers[tenant]?[customer.userID] == nil
        if isNew { admin.firstSeen[tenant, default: [:]][customer.userID] = now }
        var customer = customer
        if customer.phone == nil { customer.phone = customers[tenant]?[customer.userID]?.phone }
        customers[tenant, default: [:]][customer.userID] = customer
        return isNew
    }

    public func loadState(_ key: ConversationKey) -> [UInt8]? { states[key] }

    public func saveState(_ state: [UInt8], for key: ConversationKey, now: Date) { states[key] = state }

    public func clearState(_ key: ConversationKey) { states[key] = nil }

    func isProcessed(_ ref: UpdateRef) -> Bool { processed.contains("\(ref.tenant.rawValue)/\(ref.updateID)") }

    public func claimUpdate(_ updateID: Int64, tenant: TenantID, now: Date) -> Bool {
        guard processed.insert("\(tenant.rawValue)/\(updateID)").inserted else { return false }
        lastUpdateAt[tenant] = max(lastUpdateAt[tenant] ?? now, now)
        return true
    }

    public func releaseUpdate(_ updateID: Int64, tenant: TenantID) {
        processed.remove("\(tenant.rawValue)/\(updateID)")
    }
}
