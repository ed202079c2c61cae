import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import ServiceLifecycle
import Synchronization

/// Builds the whole service: HTTP routes plus the tenant runner, as one Hummingbird application.
public func buildApplication(
    configuration: AppConfiguration, dependencies: AppDependencies,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    buildApplication(configuration: configuration, dependencies: dependencies, running: RunningServices(), onServerRunning: onServerRunning)
}

/// `buildApplication`, recording its services in `running` while they run. With several database servers each
/// server gets its own share of the service (`ServiceCell`), and requests that name a tenant go to its server's.
func buildApplication(
    configuration: AppConfiguration, dependencies: AppDependencies, running: RunningServices,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let crashGuard = dependencies.crashGuard ?? CrashGuard(store: dependencies.stores.deadLetters, maxAttempts: configuration.maxUpdateAttempts)
    let shared = ServiceCell.Shared(boundPort: BoundPort(), serverReady: ServerReady(), running: running, crashGuard: crashGuard)
    let primary = ServiceCell(configuration: configuration, dependencies: dependencies, shared: shared, platform: true)
    let cells = dependencies.cells.sorted { $0.key < $1.key }.map { name, cell in
        (name, ServiceCell(configuration: configuration, dependencies: cell, shared: shared, platform: false, name: name))
    }
    let dispatcher = CellDispatcher(
        primary: primary.router.buildResponder(), cells: Dictionary(uniqueKeysWithValues: cells.map { ($0.0, $0.1.router.buildResponder()) }),
        servers: dependencies.placement)
    // Idle connections are closed, and headers are bounded well below the defaults (Telegram sends a few small ones).
    let http1 = HTTP1Channel.Configuration(
        idleTimeout: TimeAmount.seconds(Int64(configuration.httpIdleTimeoutSeconds)),
        httpDecoderConfiguration: HTTP1Channel.Configuration.DecoderConfiguration(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100))
    return Application(
        responder: CallbackResponder { request, context in try await dispatcher.respond(to: request, context: context) },
        server: .http1(configuration: http1),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "zapis"),
        // The placement watch comes after the pools: a service group stops services in reverse order, so no read of
        // the placement waits on a pool that has stopped.
        services: dependencies.services.map { running.track($0, as: "\(type(of: $0))") } + primary.services + cells.flatMap(\.1.services)
            + (dependencies.placement.map {
                [running.track(PlacementWatch(servers: $0, clock: dependencies.clock, logger: dependencies.logger), as: "placement watch")]
            } ?? []),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            shared.boundPort.port.withLock { $0 = port }
            await shared.serverReady.fulfil(port: port)
            await onServerRunning(port)
        },
        logger: dependencies.logger)
}

/// The port the HTTP server bound, once it listens (read by links that name it).
final class BoundPort: Sendable {
    let port = Mutex<Int?>(nil)
}
