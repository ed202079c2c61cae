import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The future blocks, a page at a time, each opened as a card and removable (the original bot's unblock); a new block
/// starts by choosing whose time it closes. A linked master sees the blocks that apply to them and removes only
/// their own (`AdminScopeCheck`).
extension BlockAdminFlow {
    /// The linked master of a master-role presser, or nil (owners, managers and unlinked masters see every block).
    private func ownMaster(_ reply: Reply) async throws -> MasterID? {
        let member = try await session.members(reply.tenant).first { $0.userID == reply.user }
        return member?.role == .master ? member?.masterID : nil
    }

    /// Blocks not yet over, by start, as far ahead as an admin can block.
    private func future(_ reply: Reply) async throws -> [Block] {
        let days = Double(reach(reply) + Self.longestDays + 2)
        let own = try await ownMaster(reply)
        return try await bookings.blocks(overlapping: session.now..<session.now.addingTimeInterval(days * 86_400), tenant: reply.tenant.id)
            .filter { block in own.map { block.applies(to: $0) } ?? true }
            .sorted { ($0.range.lowerBound, $0.id) < ($1.range.lowerBound, $1.id) }
    }

    private func names(_ reply: Reply) async throws -> [MasterID: String] {
        Dictionary(try await catalog.masters(reply.tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func list(page requested: Int, notice: String? = nil, reply: inout Reply) async throws {
        let blocks = try await future(reply)
        let names = try await names(reply)
        let page = ListPage(count: blocks.count, size: PageSizes.list, requested: requested)
        var rows = blocks[page.range].map { block in
            let values = [
                "from": session.when(block.range.lowerBound, reply), "to": session.when(block.range.upperBound, reply),
                "master": block.masterID.map { names[$0] ?? "" } ?? reply.admin(.allMasters),
            ]
            return [InlineKeyboardButton.blocks(reply.blocks(.line, values), .card(block.id))]
        }
        if let pager = reply.adminPagerRow(page, { .blocks(.list(page: $0)) }) { rows.append(pager) }
        rows.append([reply.button(.newBlock, BlockCallback.new)])
        rows.append([reply.button(.toPanel, .panel)])
        let text = blocks.isEmpty ? reply.blocks(.empty) : reply.blocks(.title, ["count": String(blocks.count)])
        reply.show(notice.map { $0 + "\n\n" + text } ?? text, keyboard: InlineKeyboardMarkup(rows))
    }

    func card(_ id: BlockID, reply: inout Reply) async throws {
        guard let block = try await bookings.block(id, tenant: reply.tenant.id) else { return reply.answer(reply.blocks(.gone)) }
        let names = try await names(reply)
        let values = [
            "master": block.masterID.map { names[$0] ?? "" } ?? reply.admin(.allMasters),
            "from": session.when(block.range.lowerBound, reply), "to": session.when(block.range.upperBound, reply),
            "reason": block.reason.isEmpty ? "—" : block.reason,
        ]
        let rows = [[reply.button(.remove, .remove(id))], [reply.button(.back, .blocks(.list(page: 0)))]]
        reply.show(reply.blocks(.card, values), keyboard: InlineKeyboardMarkup(rows))
    }

    /// Removes the block and offers the reopened days (up to a month of them) to their waitlists.
    func remove(_ id: BlockID, reply: inout Reply) async throws {
        guard let block = try await bookings.removeBlock(id, tenant: reply.tenant.id) else { return reply.answer(reply.blocks(.gone)) }
        let summary = "\(block.masterID.map { "master:\($0)" } ?? "all") \(session.when(block.range.lowerBound, reply)) – \(session.when(block.range.upperBound, reply)) \(block.reason)"
        try await session.audit(.removeBlock, target: "block:\(id)", old: summary, reply: reply)
        let first = max(block.range.lowerBound, session.now)
        let days = stride(from: first, to: min(block.range.upperBound, first.addingTimeInterval(31 * 86_400)), by: 86_400).map { $0 }
        try await waitlist.offerFreedSlots(days, reply: &reply)
        reply.answer(reply.admin(.done))
        try await list(page: 0, notice: reply.blocks(.removed), reply: &reply)
    }

    /// Whose time a new block closes: a linked master goes straight to their own calendar.
    func chooseMaster(reply: inout Reply) async throws {
        let today = YearMonth(reply.tenant.calendar.localDate(of: session.now))
        if let own = try await ownMaster(reply) { return try await startMonth(own, today, reply: &reply) }
        let masters = try await catalog.masters(reply.tenant.id).filter(\.isActive)
        var rows = [[InlineKeyboardButton.blocks(reply.admin(.allMasters), .startMonth(nil, today))]]
        rows += masters.prefix(PageSizes.list * 2).map { [.blocks($0.name, .startMonth($0.id, today))] }
        rows.append([reply.button(.back, .blocks(.list(page: 0)))])
        reply.show(reply.blocks(.chooseMaster), keyboard: InlineKeyboardMarkup(rows))
    }
}
