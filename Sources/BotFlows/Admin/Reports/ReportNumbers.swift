import BookingCore
import Foundation
import Storage

/// One line of a report: the bookings starting in the period and what became of them.
struct ReportLine: Equatable, Sendable {
    /// Every booking, whatever its status (held ones included).
    var bookings = 0
    var completed = 0
    var noShows = 0
    var cancelled = 0
    /// Sum of the completed bookings' fixed prices in the tenant's currency, minor units (prices in another currency,
    /// free and on-request ones count nothing); saturates rather than overflows.
    var revenueMinor: Int64 = 0

    mutating func add(_ group: ReportGroup, currency: String) {
        bookings += group.count
        switch group.status {
        case "completed":
            completed += group.count
            if case .fixed(let minor, let c)? = group.price, c == currency {
                let (product, overflow) = minor.multipliedReportingOverflow(by: Int64(group.count))
                let (sum, overflowSum) = revenueMinor.addingReportingOverflow(product)
                revenueMinor = overflow || overflowSum ? .max : sum
            }
        case "no_show": noShows += group.count
        case "cancelled": cancelled += group.count
        default: break
        }
    }
}

/// A period's report: the total, then by master and by service.
struct ReportNumbers: Equatable, Sendable {
    var total = ReportLine()
    var byMaster: [MasterID: ReportLine] = [:]
    var byService: [ServiceID: ReportLine] = [:]

    init(_ groups: [ReportGroup], currency: String) {
        for group in groups {
            total.add(group, currency: currency)
            byMaster[group.masterID, default: ReportLine()].add(group, currency: currency)
            byService[group.serviceID, default: ReportLine()].add(group, currency: currency)
        }
    }

    /// The masters' lines in the catalog's order (masters no longer listed last, by id), each with its name.
    func masters(_ catalog: [Master]) -> [(name: String, line: ReportLine)] {
        Self.ordered(byMaster, names: catalog.map { ($0.id, $0.name) })
    }

    /// The services' lines in the catalog's order, each with its name.
    func services(_ catalog: [Service]) -> [(name: String, line: ReportLine)] {
        Self.ordered(byService, names: catalog.map { ($0.id, $0.name) })
    }

    private static func ordered<ID: Int64Identifier>(_ lines: [ID: ReportLine], names: [(ID, String)]) -> [(name: String, line: ReportLine)] {
        let known = Set(names.map(\.0))
        let listed = names.compactMap { id, name in lines[id].map { (name: name, line: $0) } }
        let others = lines.filter { !known.contains($0.key) }.sorted { $0.key < $1.key }.map { (name: "#\($0.key.rawValue)", line: $0.value) }
        return listed + others
    }
}
