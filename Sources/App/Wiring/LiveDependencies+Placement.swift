import Foundation
import Logging
import ServiceLifecycle
import Storage
import StoragePostgres
import TelegramBotAPI

extension LiveDependencies {
    /// Several servers: the primary's dependencies, with `placement` and a cell for every other server. The services
    /// are every pool; `serve` adds the placement watch (see `buildApplication`), one-shot commands read the placement
    /// once (`withRunning`).
    static func placed(
        _ configuration: AppConfiguration, servers: [PostgresServer], botAPI: any BotAPIClient, vault: TokenVault, logger: Logger
    ) async throws -> AppDependencies {
        let placed = try await PlacedServers.open(
            primaryURL: configuration.databaseURL, servers: servers, poolSize: configuration.databasePoolSize, logger: logger)
        var dependencies = postgres(placed.primary, botAPI: botAPI, vault: vault, logger: logger)
        dependencies.keySource = configuration.keySource
        dependencies.placement = placed
        for name in placed.names.dropFirst() { dependencies.cells[name] = cell(placed.stores[name]!, of: dependencies) }
        dependencies.services += placed.names.dropFirst().map { placed.stores[$0]!.client as any ServiceLifecycle.Service }
        return dependencies
    }

    /// The dependencies of one more server: its stores, with everything else the process has once (the vault, the
    /// Bot API client, metrics, the health of bots, the operator's tokens on the primary) taken from `primary`.
    static func cell(_ store: PostgresStore, of primary: AppDependencies) -> AppDependencies {
        var cell = primary
        cell.use(store, meter: store.meter)
        cell.operatorTokens = primary.operatorTokens
        cell.crashGuard = nil
        cell.services = []
        cell.cells = [:]
        return cell
    }
}
