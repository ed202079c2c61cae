import Foundation

extension AppConfiguration {
    /// The effective configuration as `key = value` lines (the keys of flags and of the config file), secrets
    /// redacted: keys shown only as set or not, passwords cut out of URLs. For `zapis config check`.
    public var describedLines: [String] {
        func secret(_ value: String?) -> String { value == nil ? "(not set)" : "(set, redacted)" }
        var lines: [(String, String)] = [
            ("config.file", configFile ?? "(none)"), ("host", host), ("port", String(port)),
            ("database.url", Self.redactingPassword(databaseURL)), ("database.pool.size", String(databasePoolSize)),
            ("postgres.servers", (try? serverList.get()).map { $0.isEmpty ? "(none)" : $0.map(\.name).joined(separator: ",") } ?? "(invalid)"),
            ("public.url", publicURL ?? "(not set: long polling)"), ("telegram.api.url", telegramAPIURL),
            ("telegram.timeout", String(telegramTimeoutSeconds)), ("master.key", secret(masterKey)),
            ("master.key.next", secret(masterKeyNext)), ("master.key.previous", secret(masterKeyPrevious)),
            ("master.key.file", keySource.keyFile ?? "(none)"), ("polling.timeout", String(pollingTimeoutSeconds)),
            ("tenant.refresh", String(tenantRefreshSeconds)), ("log.level", logLevel), ("log.format", logFormat),
            ("redis.url", redisURL.map(Self.redactingPassword) ?? "(not set)"), ("outbox.lease", String(outboxLeaseSeconds)),
            ("timer.interval.ms", String(timerIntervalMilliseconds)),
        ]
        lines += [
            ("telegram.bot.rate", "\(telegramBotRate)"), ("telegram.bot.burst", "\(telegramBotBurst)"),
            ("telegram.chat.rate", "\(telegramChatRate)"), ("telegram.chat.burst", "\(telegramChatBurst)"),
            ("http.idle.timeout", String(httpIdleTimeoutSeconds)), ("rate.limits", rateLimits ? "on" : "off"),
            ("navigation.reads", navigationReads ? "on" : "off"),
            ("max.update.attempts", String(maxUpdateAttempts)), ("inflight.journal", inFlightJournalPath),
            ("delete.grace.days", String(deleteGraceDays)), ("purge.interval", String(purgeIntervalSeconds)),
            ("status.sweep.interval", String(statusSweepSeconds)),
            ("miniapp.max.age", String(miniAppMaxAgeSeconds)), ("miniapp.url", miniAppURL ?? "(not set)"),
        ]
        lines += billing.describedLines
        lines += platform.describedLines
        return lines.map { "\($0.0) = \($0.1)" }
    }

    /// Problems that would stop `serve`, found without starting it.
    public var problems: [String] {
        var found: [String] = []
        if usesPostgres, masterKey == nil, masterKeyFile == nil { found.append(LiveDependencies.Failure.masterKeyRequired.description) }
        do {
            _ = try keySource.loadExisting()
        } catch {
            found.append("\(error)")
        }
        if case .failure(let error) = serverList { found.append(error.description) }
        if let servers = try? serverList.get(), !servers.isEmpty, publicURL == nil { found.append(ServerListError.needsWebhooks.description) }
        if !["text", "json"].contains(logFormat) { found.append("log.format must be text or json, not \(logFormat.debugDescription)") }
        if publicURL.map({ URL(string: $0)?.scheme == nil }) == true { found.append("public.url is not a URL") }
        return found
    }

    /// `url` with the password between `:` and `@` of its authority replaced by `***`.
    static func redactingPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let authority = url[scheme.upperBound..<at]
        guard let colon = authority.firstIndex(of: ":") else { return url }
        return String(url[..<authority.index(after: colon)]) + "***" + String(url[at...])
    }
}
