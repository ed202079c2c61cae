import BookingCore
import Foundation

extension InMemoryStore: ImportStore {
    public func importLedger(source: String, tenant: TenantID) -> [ImportLedgerEntry] {
        (importLedgerRows[tenant] ?? [:]).values.filter { $0.source == source }.sorted {
            ($0.kind, $0.originalKey) < ($1.kind, $1.originalKey)
        }
    }

    public func recordImported(_ entries: [ImportLedgerEntry], tenant: TenantID) {
        for entry in entries {
            importLedgerRows[tenant, default: [:]]["\(entry.source)\u{1F}\(entry.kind)\u{1F}\(entry.originalKey)"] = entry
        }
    }

    public func importBooking(_ booking: Booking, history entries: [BookingHistoryEntry], tenant: TenantID) throws -> Booking {
        if booking.status.isActive,
            (bookings[tenant] ?? [:]).values.contains(where: {
                $0.status.isActive && $0.masterID == booking.masterID && $0.occupied.overlaps(booking.occupied)
            })
        {
            throw BookingError.slotTaken
        }
        var stored = booking
        stored.id = BookingID(makeID())
        bookings[tenant, default: [:]][stored.id] = stored
        history[tenant, default: [:]][stored.id, default: []].append(contentsOf: entries)
        return stored
    }
}
