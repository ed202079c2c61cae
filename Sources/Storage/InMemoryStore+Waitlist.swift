import BookingCore
import Foundation

extension InMemoryStore: WaitlistStore {
    public func joinWaitlist(_ entry: WaitlistEntry, tenant: TenantID) -> (entry: WaitlistEntry, isNew: Bool) {
        if let existing = inLine(tenant).first(where: {
            $0.customer == entry.customer && $0.serviceID == entry.serviceID && $0.masterID == entry.masterID && $0.date == entry.date
        }) {
            return (existing, false)
        }
        var stored = entry
        stored.id = WaitlistEntryID((waitlistRows[tenant]?.keys.map(\.rawValue).max() ?? 0) + 1)
        stored.status = .waiting
        stored.offer = nil
        waitlistRows[tenant, default: [:]][stored.id] = stored
        return (stored, true)
    }

    public func waitlistEntry(_ id: WaitlistEntryID, tenant: TenantID) -> WaitlistEntry? { waitlistRows[tenant]?[id] }

    public func waitlist(on date: LocalDate, tenant: TenantID) -> [WaitlistEntry] { inLine(tenant).filter { $0.date == date } }

    public func waitlist(of customer: UserID, tenant: TenantID) -> [WaitlistEntry] { inLine(tenant).filter { $0.customer == customer } }

    public func offerWaitlistSlot(_ id: WaitlistEntryID, offer: WaitlistOffer, tenant: TenantID, now: Date) -> Bool {
        guard waitlistRows[tenant]?[id]?.status == .waiting else { return false }
        let master = offer.masterID
        let taken =
            (bookings[tenant] ?? [:]).values.contains { $0.status.isActive && $0.masterID == master && $0.occupied.overlaps(offer.held) }
            || (blocks[tenant] ?? []).contains { $0.applies(to: master) && $0.range.overlaps(offer.held) }
            || !holds(overlapping: offer.held, tenant: tenant, now: now).filter { $0.masterID == master }.isEmpty
        guard !taken else { return false }
        waitlistRows[tenant]?[id]?.status = .offered
        waitlistRows[tenant]?[id]?.offer = offer
        return true
    }

    public func resolveWaitlistOffer(_ id: WaitlistEntryID, as status: WaitlistStatus, tenant: TenantID) -> Bool {
        guard waitlistRows[tenant]?[id]?.status == .offered else { return false }
        waitlistRows[tenant]?[id]?.status = status
        waitlistRows[tenant]?[id]?.offer = nil
        return true
    }

    public func leaveWaitlist(_ id: WaitlistEntryID, customer: UserID, tenant: TenantID) -> Bool {
        guard let entry = waitlistRows[tenant]?[id], entry.customer == customer, entry.status.isInLine else { return false }
        waitlistRows[tenant]?[id]?.status = .left
        waitlistRows[tenant]?[id]?.offer = nil
        return true
    }

    public func holds(overlapping range: Range<Date>, tenant: TenantID, now: Date) -> [SlotHold] {
        inLine(tenant).compactMap { entry in
            guard entry.status == .offered, let offer = entry.offer, offer.until > now, offer.held.overlaps(range) else { return nil }
            return SlotHold(customer: entry.customer, masterID: offer.masterID, held: offer.held, until: offer.until)
        }
    }

    /// Whether another customer's live hold covers part of the time `request` would occupy.
    func isHeld(_ request: BookingRequest, tenant: TenantID, now: Date) -> Bool {
        holds(overlapping: request.occupied, tenant: tenant, now: now).contains { $0.masterID == request.masterID && $0.customer != request.customer }
    }

    private func inLine(_ tenant: TenantID) -> [WaitlistEntry] {
        (waitlistRows[tenant] ?? [:]).values.filter(\.status.isInLine).sorted { $0.id < $1.id }
    }
}
