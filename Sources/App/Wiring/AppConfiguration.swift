import AsyncHTTPClient
import BookingCore
import Configuration
import Foundation
import TelegramBotAPI

/// The service's settings. Precedence: command-line overrides > environment (`ZAPIS_*`) > defaults.
public struct AppConfiguration: Sendable {
    /// Address the HTTP server binds.
    public var host: String = "127.0.0.1"
    /// Port the HTTP server binds (0 picks a free one).
    public var port: Int = 8080
    /// Database location: a SQLite path, or a `postgres://` URL.
    public var databaseURL: String = "./zapis.sqlite"
    /// Most PostgreSQL connections the process opens (one pool shared by every tenant).
    public var databasePoolSize: Int = 20
    /// More PostgreSQL servers for tenants (`ZAPIS_POSTGRES_SERVERS`, `name=url,name=url`; see `PostgresServer`); nil:
    /// every tenant on the primary.
    public var postgresServers: String?
    /// Public base URL Telegram can reach (e.g. https://bots.example.com). Nil: long polling.
    public var publicURL: String?
    /// Bot API base URL.
    public var telegramAPIURL: String = "https://api.telegram.org"
    /// Seconds one Bot API request may take before it counts as failed and is retried (`ZAPIS_TELEGRAM_TIMEOUT`,
    /// 1–300); long polls get their own timeout on top.
    public var telegramTimeoutSeconds: Int = 30
    /// Base64 of the 32-byte master key. Nil: a key file beside the SQLite database is used (created once).
    public var masterKey: String?
    /// `ZAPIS_MASTER_KEY_NEXT`: during a rotation, the key being rotated to (opens tokens, never seals).
    public var masterKeyNext: String?
    /// `ZAPIS_MASTER_KEY_PREVIOUS`: after a rotation, the key rotated away from (opens tokens, never seals).
    public var masterKeyPrevious: String?
    /// `ZAPIS_MASTER_KEY_FILE`: the key file (e.g. a mounted secret); default for SQLite: `zapis.key` beside the database.
    public var masterKeyFile: String?
    /// Long-poll timeout in seconds.
    public var pollingTimeoutSeconds: Int = 25
    /// How often tenants are re-read from the database (new tenants, status changes).
    public var tenantRefreshSeconds: Int = 10
    /// Log level name.
    public var logLevel: String = "info"
    /// `json`: one JSON object per log line (`ZAPIS_LOG_FORMAT`); anything else: swift-log's plain text.
    public var logFormat: String = "text"
    /// Redis for conversation state and incoming rate limits (`ZAPIS_REDIS_URL`); nil keeps them in SQL.
    public var redisURL: String?
    /// Seconds a sender keeps claimed outbox rows; after a crash another instance (or a restart) takes them then.
    public var outboxLeaseSeconds: Int = 30
    /// How often due flow timers are looked for, in milliseconds (`ZAPIS_TIMER_INTERVAL_MS`, 50–60000).
    public var timerIntervalMilliseconds: Int = 1_000
    /// Telegram's messages per second per bot (`ZAPIS_TELEGRAM_BOT_RATE`, about 30); the sender keeps `telegramFloodMargin` under it.
    public var telegramBotRate: Double = 30
    /// Telegram's burst per bot (`ZAPIS_TELEGRAM_BOT_BURST`); the sender keeps `telegramFloodMargin` under it.
    public var telegramBotBurst: Double = 30
    /// Telegram's new messages per second per chat (`ZAPIS_TELEGRAM_CHAT_RATE`, about 1); the sender keeps the margin under it.
    public var telegramChatRate: Double = 1
    /// Telegram's burst of new messages per chat (`ZAPIS_TELEGRAM_CHAT_BURST`); the sender keeps the margin under it.
    public var telegramChatBurst: Double = 3
    /// Share of Telegram's limits the sender leaves unused (`ZAPIS_TELEGRAM_MARGIN`, 0–0.9): request jitter bunches
    /// sends at Telegram, and its limits are not contractual (see "Flood control" in docs/DECISIONS.md).
    public var telegramFloodMargin: Double = 0.2
    /// Admin notices go to one chat at most this often, in milliseconds; those that queue up meanwhile leave as one
    /// digest (`ZAPIS_NOTICE_DIGEST_MS`, 0–10000; 0: every notice on its own).
    public var noticeDigestMilliseconds: Int = 2_000

    /// Seconds an HTTP connection may sit idle before the server closes it (`ZAPIS_HTTP_IDLE_TIMEOUT`; Telegram reuses
    /// its webhook connections, so not shorter than a minute in production).
    public var httpIdleTimeoutSeconds = 60
    /// Incoming rate limits per user (`ZAPIS_RATE_LIMITS`, default on; `0` turns them off, e.g. for load tests).
    public var rateLimits = true
    /// Navigation presses handled by reading alone, without a claim, transaction or outbox row
    /// (`ZAPIS_NAVIGATION_READS`, default on; `0` sends them through the update's transaction, as before issue 23).
    public var navigationReads = true
    /// Attempts after which a crashing or failing update is dead-lettered (`ZAPIS_MAX_UPDATE_ATTEMPTS`, 1–10).
    public var maxUpdateAttempts: Int = 2
    /// The in-flight journal (`ZAPIS_INFLIGHT_JOURNAL`); nil: see `inFlightJournalPath`.
    public var inFlightJournal: String?
    /// Test-only (`ZAPIS_TEST_CRASH_TRIGGER`): a message with exactly this text stops the process.
    public var testCrashTrigger: String?
    /// The JSON configuration file read (`--config` or `ZAPIS_CONFIG_FILE`), if any.
    public var configFile: String?
    /// Days a deleted tenant's data is kept before the purge (`ZAPIS_DELETE_GRACE_DAYS`, 0–3650).
    public var deleteGraceDays: Int = 30
    /// How often `serve` looks for deleted tenants past their grace period (`ZAPIS_PURGE_INTERVAL`, seconds).
    public var purgeIntervalSeconds: Int = 3_600
    /// Billing and YooKassa (see AppConfiguration+Billing.swift).
    public var billing = BillingConfiguration()
    /// The platform's own bots (sales, operator) and pay links.
    public var platform = PlatformConfiguration()
    /// How often `serve` marks ended bookings completed (`ZAPIS_STATUS_SWEEP_INTERVAL`, seconds, 1–3600).
    public var statusSweepSeconds: Int = 60

    /// Where `serve` writes scheduled backups (`ZAPIS_BACKUP_DIR`); nil: no scheduled backups.
    public var backupDirectory: String?
    /// Seconds between scheduled backups (`ZAPIS_BACKUP_INTERVAL`, 60–604800; default a day).
    public var backupIntervalSeconds: Int = 86_400
    /// Days whose newest backup run is kept (`ZAPIS_BACKUP_KEEP_DAILY`, 0–366).
    public var backupKeepDaily: Int = 7
    /// ISO weeks whose newest backup run is kept (`ZAPIS_BACKUP_KEEP_WEEKLY`, 0–520).
    public var backupKeepWeekly: Int = 4
    /// How old a Mini App's signed initData may be, in seconds (`ZAPIS_MINIAPP_MAX_AGE`, 60–86400).
    public var miniAppMaxAgeSeconds: Int = 3_600
    /// The public base URL the Mini App is offered at (`ZAPIS_MINIAPP_URL`, HTTPS for Telegram; `{port}` as in the
    /// public URL); nil: the bot offers no "Open calendar" button (the pages are served anyway).
    public var miniAppURL: String?

    /// The defaults (embedded mode).
    public init() {}

    /// Environment variables whose values are secrets (redacted wherever configuration is printed or logged).
    static let secretVariables: Set<String> = [
        "ZAPIS_MASTER_KEY", "ZAPIS_MASTER_KEY_NEXT", "ZAPIS_MASTER_KEY_PREVIOUS", "ZAPIS_REDIS_URL", "ZAPIS_YOOKASSA_SECRET_KEY",
        "ZAPIS_POSTGRES_SERVERS",
    ]

    /// Where the master keys come from: the configured key or the key file, plus the rotation keys.
    public var keySource: KeySource {
        let defaultFile = usesPostgres ? nil : URL(fileURLWithPath: sqlitePath).deletingLastPathComponent().appendingPathComponent("zapis.key").path
        return KeySource(configured: masterKey, configuredOthers: [masterKeyNext, masterKeyPrevious].compactMap { $0 }, keyFile: masterKeyFile ?? defaultFile)
    }

    /// Reads the configuration: `overrides` (already parsed flags, keyed like "database.url") win over
    /// the environment, e.g. `ZAPIS_DATABASE_URL`, which wins over `file` (see `load`), which wins over the defaults.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, overrides: [String: String] = [:], file: (any ConfigProvider)? = nil
    ) {
        // Flags are given as keys like "database.url" and read with the same string parsing as the environment.
        let flags = Dictionary(uniqueKeysWithValues: overrides.map {
            ("ZAPIS_" + $0.key.uppercased().replacingOccurrences(of: ".", with: "_"), $0.value)
        })
        let reader = ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: flags, secretsSpecifier: .specific(Self.secretVariables)),
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(Self.secretVariables)),
        ] + (file.map { [$0] } ?? []))
        let defaults = AppConfiguration()
        host = reader.string(forKey: "zapis.host", default: defaults.host)
        port = reader.int(forKey: "zapis.port", default: defaults.port)
        databaseURL = reader.string(forKey: "zapis.database.url", default: defaults.databaseURL)
        databasePoolSize = reader.int(forKey: "zapis.database.pool.size", default: defaults.databasePoolSize)
        postgresServers = reader.string(forKey: "zapis.postgres.servers", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        publicURL = reader.string(forKey: "zapis.public.url").flatMap { $0.isEmpty ? nil : $0 }
        telegramAPIURL = reader.string(forKey: "zapis.telegram.api.url", default: defaults.telegramAPIURL)
        telegramTimeoutSeconds = min(300, max(1, reader.int(forKey: "zapis.telegram.timeout", default: defaults.telegramTimeoutSeconds)))
        masterKey = reader.string(forKey: "zapis.master.key", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        masterKeyNext = reader.string(forKey: "zapis.master.key.next", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        masterKeyPrevious = reader.string(forKey: "zapis.master.key.previous", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        masterKeyFile = reader.string(forKey: "zapis.master.key.file").flatMap { $0.isEmpty ? nil : $0 }
        pollingTimeoutSeconds = reader.int(forKey: "zapis.polling.timeout", default: defaults.pollingTimeoutSeconds)
        tenantRefreshSeconds = reader.int(forKey: "zapis.tenant.refresh", default: defaults.tenantRefreshSeconds)
        logLevel = reader.string(forKey: "zapis.log.level", default: defaults.logLevel)
        logFormat = reader.string(forKey: "zapis.log.format", default: defaults.logFormat).lowercased()
        redisURL = reader.string(forKey: "zapis.redis.url", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        outboxLeaseSeconds = max(2, reader.int(forKey: "zapis.outbox.lease", default: defaults.outboxLeaseSeconds))
        timerIntervalMilliseconds = min(60_000, max(50, reader.int(forKey: "zapis.timer.interval.ms", default: defaults.timerIntervalMilliseconds)))
        telegramBotRate = max(0.1, reader.double(forKey: "zapis.telegram.bot.rate", default: defaults.telegramBotRate))
        telegramBotBurst = max(1, reader.double(forKey: "zapis.telegram.bot.burst", default: defaults.telegramBotBurst))
        telegramChatRate = max(0.01, reader.double(forKey: "zapis.telegram.chat.rate", default: defaults.telegramChatRate))
        telegramChatBurst = max(1, reader.double(forKey: "zapis.telegram.chat.burst", default: defaults.telegramChatBurst))
        noticeDigestMilliseconds = min(10_000, max(0, reader.int(forKey: "zapis.notice.digest.ms", default: defaults.noticeDigestMilliseconds)))
        telegramFloodMargin = min(0.9, max(0, reader.double(forKey: "zapis.telegram.margin", default: defaults.telegramFloodMargin)))
        httpIdleTimeoutSeconds = min(3_600, max(1, reader.int(forKey: "zapis.http.idle.timeout", default: defaults.httpIdleTimeoutSeconds)))
        rateLimits = reader.bool(forKey: "zapis.rate.limits", default: defaults.rateLimits)
        navigationReads = reader.bool(forKey: "zapis.navigation.reads", default: defaults.navigationReads)
        maxUpdateAttempts = min(10, max(1, reader.int(forKey: "zapis.max.update.attempts", default: defaults.maxUpdateAttempts)))
        inFlightJournal = reader.string(forKey: "zapis.inflight.journal").flatMap { $0.isEmpty ? nil : $0 }
        testCrashTrigger = reader.string(forKey: "zapis.test.crash.trigger").flatMap { $0.isEmpty ? nil : $0 }
        deleteGraceDays = min(3_650, max(0, reader.int(forKey: "zapis.delete.grace.days", default: defaults.deleteGraceDays)))
        purgeIntervalSeconds = min(86_400, max(1, reader.int(forKey: "zapis.purge.interval", default: defaults.purgeIntervalSeconds)))
        billing = BillingConfiguration(reader: reader)
        platform = PlatformConfiguration(reader: reader)
        statusSweepSeconds = min(3_600, max(1, reader.int(forKey: "zapis.status.sweep.interval", default: defaults.statusSweepSeconds)))
        backupDirectory = reader.string(forKey: "zapis.backup.dir").flatMap { $0.isEmpty ? nil : $0 }
        backupIntervalSeconds = min(604_800, max(60, reader.int(forKey: "zapis.backup.interval", default: defaults.backupIntervalSeconds)))
        backupKeepDaily = min(366, max(0, reader.int(forKey: "zapis.backup.keep.daily", default: defaults.backupKeepDaily)))
        backupKeepWeekly = min(520, max(0, reader.int(forKey: "zapis.backup.keep.weekly", default: defaults.backupKeepWeekly)))
        miniAppURL = reader.string(forKey: "zapis.miniapp.url").flatMap { $0.isEmpty ? nil : $0 }
        miniAppMaxAgeSeconds = min(86_400, max(60, reader.int(forKey: "zapis.miniapp.max.age", default: defaults.miniAppMaxAgeSeconds)))
    }

    /// The Bot API client this configuration describes, on `httpClient`.
    public func botAPIClient(httpClient: HTTPClient) -> HTTPBotAPIClient {
        HTTPBotAPIClient(httpClient: httpClient, baseURL: telegramAPIURL, requestTimeout: .seconds(telegramTimeoutSeconds))
    }

    /// Where this process keeps its in-flight journal: beside the SQLite file, or for PostgreSQL in the working
    /// directory under a name derived from the database (so a journal is never read against another database).
    /// Instances on one host take numbered slots of it (see `InFlightJournal`).
    public var inFlightJournalPath: String {
        if let inFlightJournal { return inFlightJournal }
        guard usesPostgres else { return sqlitePath + ".inflight" }
        // FNV-1a of the URL without its credentials: stable across restarts and instances.
        let withoutCredentials = databaseURL.split(separator: "@", maxSplits: 1).last.map(String.init) ?? databaseURL
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in withoutCredentials.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "./zapis-\(String(hash, radix: 16)).inflight"
    }

    /// The public address (`{port}` replaced, no trailing slash), or nil when none is configured.
    public func publicBaseURL(boundPort: Int) -> String? {
        publicURL.map { $0.replacingOccurrences(of: "{port}", with: String(boundPort)).trimmingSuffix("/") }
    }

    /// The webhook URL of a tenant, or nil in polling mode. A `{port}` in the public URL becomes the bound port
    /// (used when the service and a local Bot API server run on one machine with a port picked at start).
    public func webhookURL(for tenant: TenantID, boundPort: Int) -> String? {
        guard let publicURL else { return nil }
        let base = publicURL.replacingOccurrences(of: "{port}", with: String(boundPort)).trimmingSuffix("/")
        return base + "/telegram/" + tenant.rawValue
    }

    /// The Mini App's URL of a tenant, or nil when none is offered.
    public func miniAppURL(for tenant: TenantID, boundPort: Int) -> String? {
        guard let miniAppURL else { return nil }
        return miniAppURL.replacingOccurrences(of: "{port}", with: String(boundPort)).trimmingSuffix("/") + "/app/" + tenant.rawValue + "/"
    }

    /// True when the database is PostgreSQL.
    public var usesPostgres: Bool { databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") }

    /// The SQLite file path (a `sqlite://` prefix is accepted).
    public var sqlitePath: String {
        databaseURL.hasPrefix("sqlite://") ? String(databaseURL.dropFirst("sqlite://".count)) : databaseURL
    }
}
