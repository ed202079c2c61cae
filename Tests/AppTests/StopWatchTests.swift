import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import App

/// A graceful stop that hangs is reported with the services it waits for; one that ends in time says nothing.
@Suite struct StopWatchTests {
    /// Log lines, shared by the handlers a logger makes.
    final class Lines: Sendable {
        let value = Mutex<[String]>([])
    }

    /// Keeps the log lines it gets.
    struct Capture: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            lines.value.withLock { $0.append("\(event.level) \(event.message) \(fields)") }
        }
    }

    /// Runs until cancelled, ignoring graceful shutdown: a service that does not stop.
    struct Stuck: Service {
        func run() async throws { try await Task.sleep(for: .seconds(3600)) }
    }

    struct Quick: Service {
        func run() async throws {}
    }

    @Test func aHangingStopNamesWhatStillRuns() async throws {
        let lines = Lines()
        let logger = Logger(label: "test") { _ in Capture(lines: lines) }
        let running = RunningServices()
        let (trigger, stop) = AsyncStream.makeStream(of: Void.self)
        await withDiscardingTaskGroup { group in
            group.addTask { try? await running.track(Stuck(), as: "outbox sender").run() }
            group.addTask { try? await running.track(Quick(), as: "database").run() }
            let watch = Task { await StopWatch(running: running, patience: .milliseconds(50), logger: logger).watch(trigger) }
            try? await Task.sleep(for: .milliseconds(20))
            #expect(running.running == ["outbox sender"])
            stop.yield()
            await watch.value
            group.cancelAll()
        }
        #expect(lines.value.withLock { $0 } == ["warning graceful stop is taking long after=0.05 seconds running=outbox sender"])
        #expect(running.running.isEmpty)
    }

    @Test func aStopInTimeIsNotReported() async throws {
        let lines = Lines()
        let logger = Logger(label: "test") { _ in Capture(lines: lines) }
        let (trigger, stop) = AsyncStream.makeStream(of: Void.self)
        let watch = Task { await StopWatch(running: RunningServices(), patience: .seconds(5), logger: logger).watch(trigger) }
        stop.yield()
        try await Task.sleep(for: .milliseconds(20))
        watch.cancel()
        await watch.value
        #expect(lines.value.withLock { $0 }.isEmpty)
    }
}
