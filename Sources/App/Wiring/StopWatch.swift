import Logging
import ServiceLifecycle
import Synchronization

/// The services of this process still running, so a graceful stop that takes too long can say what it waits for.
final class RunningServices: Sendable {
    private let names = Mutex<[String]>([])

    init() {}

    /// `service`, recorded as running under `name` while its `run()` runs.
    func track(_ service: any Service, as name: String) -> any Service { TrackedService(name: name, base: service, registry: self) }

    /// Names of the tracked services whose `run()` has not returned yet, in start order.
    var running: [String] { names.withLock { $0 } }

    fileprivate func started(_ name: String) { names.withLock { $0.append(name) } }

    fileprivate func finished(_ name: String) {
        names.withLock { names in
            if let index = names.firstIndex(of: name) { names.remove(at: index) }
        }
    }
}

private struct TrackedService: Service {
    let name: String
    let base: any Service
    let registry: RunningServices

    func run() async throws {
        registry.started(name)
        defer { registry.finished(name) }
        try await base.run()
    }
}

/// Once a stop was asked for (`trigger` yields), waits `patience`; if the process is still stopping then, logs a
/// warning that names the services still running (none named: the HTTP server, waiting for open requests). Cancel
/// it when the stop is over.
struct StopWatch {
    let running: RunningServices
    let patience: Duration
    let logger: Logger

    func watch(_ trigger: some AsyncSequence) async {
        do {
            for try await _ in trigger { break }
            try await Task.sleep(for: patience)
        } catch {
            return  // cancelled: the stop was over in time
        }
        let names = running.running
        logger.warning(
            "graceful stop is taking long", metadata: ["after": "\(patience)", "running": "\(names.isEmpty ? "http server" : names.joined(separator: ", "))"])
    }
}
