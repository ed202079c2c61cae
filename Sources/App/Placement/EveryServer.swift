import Foundation
import Storage

/// Readiness over several servers: the migrations pending on any of them (a build cannot serve a server it has not
/// migrated).
struct EveryServerLedger: MigrationLedger {
    let ledgers: [any MigrationLedger]

    func pendingMigrations() async throws -> [Int] {
        var pending: Set<Int> = []
        for ledger in ledgers { pending.formUnion(try await ledger.pendingMigrations()) }
        return pending.sorted()
    }
}

extension AppDependencies {
    /// The migration ledger readiness checks: every server's with several.
    var readinessLedger: (any MigrationLedger)? {
        guard placement != nil else { return migrations }
        return EveryServerLedger(ledgers: everyServer.compactMap(\.migrations))
    }

    /// The outbox backlog of every server: due rows summed, the oldest due row of all.
    func backlog(now: Date) async throws -> OutboxBacklog {
        var total = OutboxBacklog(dueRows: 0, oldestDue: nil)
        for server in everyServer {
            let backlog = try await server.outbox.backlog(now: now)
            total.dueRows += backlog.dueRows
            total.oldestDue = [total.oldestDue, backlog.oldestDue].compactMap { $0 }.min()
        }
        return total
    }
}
