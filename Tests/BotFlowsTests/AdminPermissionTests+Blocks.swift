import BookingCore
@testable import BotFlows
import Foundation
import Storage

/// The buttons of blocks over dates, enumerated for the permission tests.
extension AdminPermissionTests {
    /// Every block button, about a block of all masters tomorrow 12:00–13:00 (added here).
    static func blockCallbacks(_ h: FlowHarness) async -> [AdminCallback] {
        let block = await h.store.addBlock(Block(id: BlockID(0), masterID: nil, range: h.at(12)..<h.at(13), reason: "обед"), tenant: h.context.id)
        let month = YearMonth(year: 2026, month: 12)
        let from = h.at(14).epochMinute
        let callbacks: [BlockCallback] = [
            .list(page: 0), .list(page: 1), .card(block.id), .remove(block.id), .new, .startMonth(nil, month), .startMonth(h.master.id, month),
            .endMonth(nil, from: from, month), .endDay(h.master.id, from: from, FlowHarness.tomorrow.adding(days: 1)),
        ]
        return callbacks.map { .blocks($0) }
    }
}
