import App
import BookingCore
import BotFlows
import Foundation
import Logging
import Storage
import TelegramBotAPI

/// Runs fuzzed updates (`UpdateFuzzer`) through the real update processor, flows and store, and counts what a
/// webhook would have answered with 5xx (a thrown error) or dead-lettered. A crash stops the run, and is the finding.
public enum FuzzRun {
    /// What a run saw.
    public struct Report: Sendable, CustomStringConvertible {
        /// Updates processed.
        public var updates = 0
        /// Updates whose processing threw (a webhook would answer 500).
        public var failures = 0
        /// Updates given up on (dead-lettered).
        public var deadLettered = 0
        /// The first few failures: update and error.
        public var samples: [String] = []
        /// Wall time of the run.
        public var seconds = 0.0

        public var description: String {
            let rate = seconds > 0 ? Double(updates) / seconds : 0
            return "\(updates) updates in \(String(format: "%.1f", seconds)) s (\(Int(rate))/s): \(failures) failures (5xx), "
                + "\(deadLettered) dead-lettered" + (samples.isEmpty ? "" : "\n  " + samples.joined(separator: "\n  "))
        }
    }

    /// Creates the fuzzed tenant (the demo salon, owner `ownerID`) in `stores`.
    public static func provision(_ stores: Stores, tenant: TenantID, ownerID: Int64, vault: TokenVault, now: Date) async throws
        -> ActiveTenant
    {
        let profile = TenantProfile(
            id: tenant, name: "Fuzz salon", timeZone: "Europe/Moscow", address: "Тверская, 1", contact: "+7 900 000-00-00")
        let token = "123456:FUZZ-not-a-real-token"
        let record = TenantRecord(
            profile: profile, encryptedToken: try vault.seal(token), botID: 1, botUsername: "fuzz_bot", ownerID: UserID(ownerID),
            createdAt: now)
        try await stores.tenants.insertTenant(record)
        _ = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Анна"), tenant: tenant)
        try await DemoSalon.seed(stores, tenant: tenant)
        return ActiveTenant(
            context: TenantContext(record: record), token: BotToken(token), webhookSecret: vault.webhookSecret(for: tenant, version: now))
    }

    /// Processes `count` fuzzed updates of `tenant` one after another (update ids from `firstUpdateID`).
    public static func run(
        unitOfWork: any UnitOfWork, stores: Stores, tenant: ActiveTenant, count: Int, seed: UInt64, firstUpdateID: Int64 = 1,
        now: @escaping @Sendable () -> Date = { Date() }, progress: (@Sendable (Report) -> Void)? = nil
    ) async -> Report {
        var logger = Logger(label: "zapis.fuzz")
        logger.logLevel = .critical
        let crashGuard = CrashGuard(store: stores.deadLetters, maxAttempts: 2)
        let processor = UpdateProcessor(unitOfWork: unitOfWork, crashGuard: crashGuard, now: now, logger: logger)
        var fuzzer = UpdateFuzzer(seed: seed, now: now(), ownerID: tenant.context.record.ownerID.rawValue)
        var report = Report()
        let started = ContinuousClock.now
        for index in 0..<max(0, count) {
            let update = fuzzer.next(updateID: firstUpdateID + Int64(index))
            do {
                try await processor.process(update, tenant: tenant, answerInline: index % 2 == 0)
            } catch {
                report.failures += 1
                if report.samples.count < 10 {
                    let data = update.callbackQuery?.data ?? update.message?.text.map { String($0.prefix(80)) } ?? "-"
                    report.samples.append("update \(update.updateID) [\(data)]: \(error)")
                }
            }
            report.updates += 1
            if let progress, report.updates % 10_000 == 0 {
                report.seconds = (ContinuousClock.now - started).seconds
                progress(report)
            }
        }
        report.deadLettered = crashGuard.deadLettered
        report.seconds = (ContinuousClock.now - started).seconds
        return report
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
