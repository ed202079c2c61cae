import App
import AsyncHTTPClient
import BookingCore
import Foundation
import Logging
import StoragePostgres
import TelegramBotAPI
import TelegramSandbox

extension Commands {
    /// `zapis bench`: on loopback, a Telegram sandbox with `tenants` bots and `customers` simulated customers
    /// drives a `zapis serve` child process (SQLite or PostgreSQL, webhook or polling) for a bounded time, then
    /// prints throughput, server time per update, memory, CPU and the end-of-run checks. Throws `BenchFailure`
    /// when a check failed (errors, lost updates, double bookings).
    public static func bench(_ options: BenchOptions, output: @escaping @Sendable (String) -> Void = { print($0) }) async throws {
        var logger = Logger(label: "zapis.bench")
        logger.logLevel = .critical
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The sandbox plays Telegram: many parallel webhook connections, like Telegram's up to 40 per bot.
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1024)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let sandbox = TelegramSandbox(
            configuration: .init(host: "127.0.0.1", port: 0, webhookTimeout: .seconds(60), requestLogLimit: 0), httpClient: httpClient,
            logger: logger)
        var databaseName: String?
        defer {
            if !options.keep { try? FileManager.default.removeItem(at: folder) }
        }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await sandbox.run() }
                defer { group.cancelAll() }
                let sandboxPort = try await sandbox.waitUntilRunning()
                var configuration = AppConfiguration(environment: [:])
                configuration.telegramAPIURL = "http://127.0.0.1:\(sandboxPort)"
                configuration.masterKey = TokenVault.generateKey()
                configuration.logLevel = "error"
                if let server = options.postgresURL {
                    let name = "zapis_bench_\(ProcessInfo.processInfo.processIdentifier)"
                    try? await PostgresAdmin.dropDatabase(name, serverURL: server, logger: logger)
                    configuration.databaseURL = try await PostgresAdmin.createDatabase(name, serverURL: server, logger: logger)
                    databaseName = name
                } else {
                    configuration.databaseURL = folder.appendingPathComponent("bench.sqlite").path
                }
                let run = BenchRun(options: options, sandbox: sandbox, configuration: configuration, folder: folder, logger: logger, output: output)
                try await run.execute()
            }
        } catch {
            try? await httpClient.shutdown()
            if let databaseName, let server = options.postgresURL, !options.keep {
                try? await PostgresAdmin.dropDatabase(databaseName, serverURL: server, logger: logger)
            }
            throw error
        }
        try? await httpClient.shutdown()
        if let databaseName, let server = options.postgresURL, !options.keep {
            try? await PostgresAdmin.dropDatabase(databaseName, serverURL: server, logger: logger)
        }
    }
}

/// One bench run, phase by phase.
struct BenchRun {
    let options: BenchOptions
    let sandbox: TelegramSandbox
    let configuration: AppConfiguration
    let folder: URL
    let logger: Logger
    let output: @Sendable (String) -> Void

    func execute() async throws {
        let mode = options.mode
        output(
            "zapis bench: \(options.tenants) tenants, \(options.customers) customers, \(mode.rawValue), "
                + "\(configuration.usesPostgres ? "PostgreSQL" : "SQLite"), \(BenchMath.fixed(options.warmup, 0)) s warm-up + "
                + "\(BenchMath.fixed(options.duration, 0)) s measured, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let tokens = await (1...max(1, options.tenants)).asyncMap { index in
            await sandbox.registerBot(username: "\(Self.tenantID(index))_bot", firstName: "Bench \(index)")
        }
        let provisioning = try await ContinuousClock().measure { try await provision(tokens) }
        output("provisioned \(tokens.count) tenants in \(BenchMath.ms(BenchMath.milliseconds(provisioning)))")
        // Provisioning leaves statistics to gather and dirty pages for the kernel to write back; done during the run,
        // they stalled every commit for 30-80 ms at a time (fsync waiting behind the writeback).
        let settlingDatabase = try await ContinuousClock().measure {
            if configuration.usesPostgres { try await PostgresAdmin.settle(databaseURL: configuration.databaseURL, logger: logger) }
            sync()
        }
        output(
            "database settled in \(BenchMath.ms(BenchMath.milliseconds(settlingDatabase))) "
                + (configuration.usesPostgres ? "(ANALYZE, CHECKPOINT, sync)" : "(sync)"))
        // Each owner has written to their bot once, so the bot can send them booking notifications.
        for (offset, token) in tokens.enumerated() {
            try await sandbox.user(Self.ownerID(offset + 1), firstName: "Owner \(offset + 1)", bot: token).send("/start")
        }

        // The server.
        let port = try ProcStat.freePort()
        let server = try startServer(port: port)
        defer { if server.isRunning { kill(server.pid, SIGKILL) } }
        let serving = try await waitUntilServing(server, bots: tokens.count)
        // Idle means idle: first the owners' queued /start updates are answered and the menus are set.
        let settling = ContinuousClock.now
        _ = await drain(tokens)
        output("settled in \(BenchMath.ms(BenchMath.milliseconds(ContinuousClock.now - settling))) after serving "
            + "(\(tokens.count) queued owner /start updates answered, command menus set, Bot API quiet for 1 s)")
        try await Task.sleep(for: .seconds(1))
        let idleCPUStart = server.cpuSeconds() ?? 0
        try await Task.sleep(for: .seconds(5))
        let idleCores = ((server.cpuSeconds() ?? 0) - idleCPUStart) / 5
        let idle = server.memory()

        // The load.
        let start = ContinuousClock.now
        let measureFrom = start + .seconds(options.warmup)
        let deadline = measureFrom + .seconds(options.duration)
        let counters = BenchCounters()
        let customers = (0..<max(0, options.customers)).map { index in
            BenchCustomer(
                user: sandbox.user(
                    1_000_000 + Int64(index), firstName: "Customer \(index)", languageCode: "ru", bot: tokens[index % tokens.count]),
                deadline: deadline, cancelRatio: options.cancelRatio, timeout: .seconds(options.answerTimeout),
                think: .seconds(options.think), counters: counters,
                random: BenchRandom(seed: options.seed &+ UInt64(index) &* 7919))
        }
        let sampler = Task { try await sample(server, counters: counters, from: measureFrom, until: deadline) }
        await withDiscardingTaskGroup { group in
            for customer in customers {
                group.addTask {
                    var customer = customer
                    await customer.run()
                }
            }
        }
        let window = try await sampler.value
        let drained = await drain(tokens)
        let afterLoad = server.memory()
        let logBeforeStop = server.logSize()
        let stopped = await server.stop()
        let verification = try await BenchVerifier(configuration: configuration, tenants: tokens.count, customers: options.customers, logger: logger)
            .verify()
        let report = BenchReport(
            options: options, configuration: configuration, provisioning: provisioning, serving: serving, idle: idle, idleCores: idleCores,
            afterLoad: afterLoad, window: window, final: sandbox.probe.snapshot(), counters: counters.snapshot(), drained: drained,
            verification: verification, serverLog: server.logProblems(to: logBeforeStop),
            shutdownLog: server.logProblems(from: logBeforeStop), gracefulStop: stopped, logPath: server.logPath)
        report.lines.forEach(output)
        if !report.failures.isEmpty {
            throw Commands.BenchFailure("bench failed: " + report.failures.joined(separator: "; "))
        }
    }

    static func tenantID(_ index: Int) -> String { String(format: "bench_%05d", index) }

    /// The owner of tenant `index` (1-based): gets the notifications of new and cancelled bookings.
    static func ownerID(_ index: Int) -> Int64 { 900_000 + Int64(index) }

    private func provision(_ tokens: [BotToken]) async throws {
        try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
            let provisioner = TenantProvisioner(
                stores: dependencies.stores, botAPI: dependencies.botAPI, vault: dependencies.vault, now: dependencies.now)
            try await withThrowingTaskGroup(of: Void.self) { group in
                var pending = tokens.enumerated().makeIterator()
                func startNext() {
                    guard let (offset, token) = pending.next() else { return }
                    group.addTask {
                        let id = Self.tenantID(offset + 1)
                        var request = DemoSalon.request(token: token.rawValue, id: id, name: "Салон \(offset + 1)")
                        request.ownerID = Self.ownerID(offset + 1)
                        let record = try await provisioner.add(request)
                        try await DemoSalon.seed(dependencies.stores, tenant: record.id)
                    }
                }
                for _ in 0..<max(1, options.provisionConcurrency) { startNext() }
                while try await group.next() != nil { startNext() }
            }
        }
    }

    private func startServer(port: Int) throws -> ServerProcess {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ZAPIS_") || $0.key == "ZAPIS_NIO_EXECUTOR" }
        environment["ZAPIS_DATABASE_URL"] = configuration.databaseURL
        environment["ZAPIS_MASTER_KEY"] = configuration.masterKey
        environment["ZAPIS_TELEGRAM_API_URL"] = configuration.telegramAPIURL
        environment["ZAPIS_HOST"] = "127.0.0.1"
        environment["ZAPIS_PORT"] = String(port)
        environment["ZAPIS_LOG_LEVEL"] = "warning"
        // Simulated customers may press faster than the per-user limit; refused updates would flatter the numbers.
        environment["ZAPIS_RATE_LIMITS"] = "0"
        if options.mode == .webhook { environment["ZAPIS_PUBLIC_URL"] = "http://127.0.0.1:\(port)" }
        environment.merge(options.serverEnvironment) { $1 }
        let executable = options.serverExecutable ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let server = ServerProcess(
            executable: executable, arguments: ["serve"], environment: environment, logPath: folder.appendingPathComponent("serve.log").path)
        sandbox.probe.start()
        try server.run()
        return server
    }

    /// Waits until every bot called setWebhook (webhook) or getUpdates (polling); returns launch-to-last-bot time.
    private func waitUntilServing(_ server: ServerProcess, bots: Int) async throws -> Duration {
        let limit = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < limit {
            let snapshot = sandbox.probe.snapshot()
            if snapshot.connectedBots >= bots, let last = snapshot.lastConnectedAt { return last - server.launchedAt }
            guard server.isRunning else { throw Commands.BenchFailure("zapis serve exited; see \(server.logPath)") }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw Commands.BenchFailure("not every bot was connected after 300 s; see \(server.logPath)")
    }

    /// RSS every second; probe, customer and CPU counts at the start and the end of the measured window.
    private func sample(_ server: ServerProcess, counters: BenchCounters, from: ContinuousClock.Instant, until: ContinuousClock.Instant)
        async throws -> BenchWindow
    {
        try await Task.sleep(until: from)
        var window = BenchWindow(
            startProbe: sandbox.probe.snapshot(resetLatencies: true), startCounters: counters.snapshot(resetRoundTrips: true),
            startCPU: server.cpuSeconds() ?? 0, startSelfCPU: ProcStat.cpuSeconds(pid: getpid()) ?? 0,
            startMachine: ProcStat.machineCPU() ?? (0, 0), startDatabaseCPU: ProcStat.cpuSeconds(ofCommand: "postgres"))
        while ContinuousClock.now < until {
            try await Task.sleep(for: min(.seconds(1), until - ContinuousClock.now))
            if let memory = server.memory() { window.maxRSS = max(window.maxRSS, memory.rss) }
        }
        window.seconds = BenchMath.milliseconds(ContinuousClock.now - from) / 1000
        window.endProbe = sandbox.probe.snapshot()
        window.endCounters = counters.snapshot()
        window.endCPU = server.cpuSeconds() ?? 0
        window.endSelfCPU = ProcStat.cpuSeconds(pid: getpid()) ?? 0
        window.endMachine = ProcStat.machineCPU() ?? (0, 0)
        window.endDatabaseCPU = ProcStat.cpuSeconds(ofCommand: "postgres")
        return window
    }

    /// Waits (up to 30 s) until every delivered update was answered and no bot has undelivered updates, then until
    /// the server made no Bot API call for a second (its outbox is empty).
    private func drain(_ tokens: [BotToken]) async -> (unanswered: Int, pending: Int, seconds: Double) {
        let started = ContinuousClock.now
        var state = (unanswered: 0, pending: 0, seconds: 0.0)
        repeat {
            state.unanswered = sandbox.probe.snapshot().unanswered
            state.pending = tokens.reduce(0) { $0 + sandbox.pendingUpdateCount(for: $1) }
            state.seconds = BenchMath.milliseconds(ContinuousClock.now - started) / 1000
            if state.unanswered == 0, state.pending == 0 { break }
            try? await Task.sleep(for: .milliseconds(50))
        } while ContinuousClock.now - started < .seconds(30)
        // Then let the outbox finish: trailing calls (answers to presses, documents) until the Bot API is quiet for 1 s.
        var calls = sandbox.probe.snapshot().requests.filter { $0.key != "getupdates" }.values.reduce(0, +)
        var quietSince = ContinuousClock.now
        while ContinuousClock.now - quietSince < .seconds(1), ContinuousClock.now - started < .seconds(60) {
            try? await Task.sleep(for: .milliseconds(100))
            let now = sandbox.probe.snapshot().requests.filter { $0.key != "getupdates" }.values.reduce(0, +)
            if now != calls { (calls, quietSince) = (now, ContinuousClock.now) }
        }
        return state
    }
}

/// Counts at both ends of the measured window.
struct BenchWindow {
    var startProbe: SandboxProbeSnapshot
    var startCounters: BenchCounters.State
    var startCPU: Double
    var startSelfCPU: Double
    var startMachine: (busy: Double, total: Double)
    var endMachine: (busy: Double, total: Double) = (0, 0)
    /// CPU of all local "postgres" processes (0 when PostgreSQL runs elsewhere).
    var startDatabaseCPU: Double
    var endDatabaseCPU = 0.0
    var endProbe: SandboxProbeSnapshot?
    var endCounters: BenchCounters.State?
    var endCPU = 0.0
    var endSelfCPU = 0.0
    var seconds = 0.0
    var maxRSS = 0
}

extension ClosedRange where Bound == Int {
    func asyncMap<T>(_ transform: (Int) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for index in self { result.append(try await transform(index)) }
        return result
    }
}
