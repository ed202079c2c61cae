import BookingCore
import Foundation
import Logging
import Storage

/// Re-seals every stored bot token under a new master key while the service keeps serving.
///
/// Each tenant's token is read and re-sealed in its own transaction, so a rotation stopped at any point (a kill, a
/// crash) leaves every row sealed with either key; running it again with the same new key finishes the job. During
/// the rotation the service opens tokens with both keys: it holds the new key as "next" (`<key file>.next`, read
/// again when a token does not open, or `ZAPIS_MASTER_KEY_NEXT`), so no tenant stops being served.
public struct KeyRotation: Sendable {
    let tenants: any TenantStore
    /// Where tenants' payment provider tokens are kept (sealed with the same key); nil: none to re-seal.
    var deposits: (any DepositStore)?
    let now: @Sendable () -> Date
    let actor: String
    let logger: Logger

    /// Creates a rotation over `tenants`.
    public init(
        tenants: any TenantStore, deposits: (any DepositStore)? = nil, now: @escaping @Sendable () -> Date, actor: String, logger: Logger
    ) {
        self.tenants = tenants
        self.deposits = deposits
        self.now = now
        self.actor = actor
        self.logger = logger
    }

    /// What a rotation did.
    public struct Report: Sendable, Equatable {
        /// Tokens re-sealed by this run.
        public var resealed = 0
        /// Tokens already sealed with the new key (an earlier, interrupted run).
        public var alreadyNew = 0
        /// Tenants whose token no key opens: left as they are (`zapis tenant set-token` gives them a new one).
        public var unreadable: [TenantID] = []

        /// Whether every readable token is now sealed with the new key only.
        public var isComplete: Bool { unreadable.isEmpty }
    }

    /// Re-seals every token that `current` opens under `next`'s primary key. `stopAfter` (tests) stops after that
    /// many re-seals, as a kill would.
    public func run(current: TokenVault, next: TokenVault, stopAfter: Int? = nil) async throws -> Report {
        // Seals with the new key; opens with it and every key of the current ring.
        let ring = try TokenVault(combining: next, with: current)
        try await tenants.appendOperatorAudit(
            OperatorAuditEntry(at: now(), actor: actor, tenant: nil, action: "key.rotate.start", detail: "\(current.fingerprint) → \(next.fingerprint)"))
        var report = Report()
        let all = try await tenants.allTenants()
        for (index, record) in all.enumerated() {
            if let stopAfter, report.resealed >= stopAfter { return report }
            // First, so a run stopped after the bot token still finishes this one when it is run again.
            try await resealProviderToken(of: record.id, with: ring, next: next)
            if next.opensWithPrimary(record.encryptedToken) {
                report.alreadyNew += 1
                continue
            }
            do {
                _ = try await tenants.updateTenant(record.id, audit: nil) { stored in
                    // Read again inside the transaction: a token replaced meanwhile is re-sealed as it is now.
                    guard !ring.opensWithPrimary(stored.encryptedToken) else { return }
                    stored.encryptedToken = try ring.seal(try ring.open(stored.encryptedToken))
                }
                report.resealed += 1
            } catch TokenVault.Failure.cannotOpen {
                report.unreadable.append(record.id)
                logger.error("token opens with no key; left as it is (set-token gives the tenant a new one)", metadata: ["tenant": "\(record.id)"])
            } catch StorageError.notFound {
                continue  // purged meanwhile
            }
            if (index + 1) % 500 == 0 { logger.info("rotating keys", metadata: ["done": "\(index + 1)", "of": "\(all.count)"]) }
        }
        try await tenants.appendOperatorAudit(
            OperatorAuditEntry(
                at: now(), actor: actor, tenant: nil, action: "key.rotate.done",
                detail: "\(next.fingerprint): \(report.resealed) re-sealed, \(report.alreadyNew) already, \(report.unreadable.count) unreadable"))
        return report
    }

    /// Re-seals the tenant's payment provider token, if it has one not yet under `next`; one that opens with no key is
    /// left as it is (the owner types it again).
    private func resealProviderToken(of tenant: TenantID, with ring: TokenVault, next: TokenVault) async throws {
        guard let deposits, case .provider(let sealed) = try await deposits.paymentMode(tenant), !next.opensWithPrimary(sealed),
            let token = try? ring.open(sealed)
        else { return }
        try await deposits.setPaymentMode(.provider(sealedToken: try ring.seal(token)), tenant: tenant, now: now())
    }

    /// Checks that every stored token opens with `next`'s primary key alone and with none of `current`'s keys;
    /// returns the tenants that fail either check.
    public func verify(current: TokenVault, next: TokenVault) async throws -> [TenantID] {
        try await tenants.allTenants().filter { record in
            !next.opensWithPrimary(record.encryptedToken) || (try? current.open(record.encryptedToken)) != nil
        }.map(\.id)
    }
}
