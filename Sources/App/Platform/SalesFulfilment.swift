import BookingCore
import BotFlows
import Foundation
import Logging
import ServiceLifecycle
import Storage
import TelegramBotAPI

/// Provisions the tenants bought in the sales bot. A verified payment marks its order paid in the payment's own
/// transaction (the durable retry row); this service then provisions the tenant (schema, bot checked with getMe, the
/// buyer as owner; the runner sets the webhook and commands), makes it active in its language, and tells the buyer
/// through the sales bot, marking the order provisioned in the same transaction as that message. A failure is
/// retried every interval and the operators are alerted; the payment is never lost (it extended the subscription
/// of the tenant id already). Several instances may try the same order: the provisioner refuses a duplicate and only
/// the instance that marks the order provisioned sends the message.
struct SalesFulfilment: ServiceLifecycle.Service {
    let dependencies: AppDependencies
    let interval: Duration
    /// Who is alerted (through the operator bot, when there is one) about an order that cannot be provisioned.
    let operatorIDs: [Int64]
    let wake: FulfilmentSignal
    let sent: @Sendable () -> Void

    func run() async throws {
        await withDiscardingTaskGroup { group in
            // One loop does the passes (a retry tick and a payment's wake never provision the same order at once).
            group.addTask { await dependencies.clock.repeatUntilShutdown(every: interval) { wake.wake() } }
            group.addTask {
                for await _ in wake.stream {
                    await pass()
                }
            }
            try? await gracefulShutdown()
            wake.finish()
            group.cancelAll()
        }
    }

    /// One pass over the paid orders not provisioned yet.
    func pass() async {
        do {
            for prospect in try await dependencies.stores.billing.prospectsToProvision(limit: 20) {
                await provision(prospect)
            }
        } catch {
            dependencies.logger.error("cannot read the paid orders", metadata: ["error": "\(error)"])
        }
    }

    private func provision(_ prospect: Prospect) async {
        let (stores, now) = (dependencies.stores, dependencies.now)
        do {
            if try await stores.tenants.tenant(prospect.tenant)?.botID != prospect.botID {
                let provisioner = TenantProvisioner(stores: stores, botAPI: dependencies.botAPI, vault: dependencies.vault, now: now)
                let request = TenantProvisioner.Request(
                    id: prospect.tenant.rawValue, name: prospect.businessName, token: try dependencies.vault.open(prospect.encryptedToken),
                    ownerID: prospect.buyer.rawValue, timeZone: prospect.timeZone)
                _ = try await provisioner.add(request, actor: "zapis:sales")
            }
            let at = now()
            let finished = try await dependencies.unitOfWork.inTransaction { tx in
                guard try await tx.stores.billing.finishProspect(prospect.tenant, at: at) else { return false }
                _ = try await tx.stores.tenants.updateTenant(
                    prospect.tenant,
                    audit: OperatorAuditEntry(at: at, actor: "zapis:sales", tenant: prospect.tenant, action: "tenant.activate", detail: "bought in the sales bot")
                ) { record in
                    record.profile.status = .active
                    record.profile.defaultLanguage = prospect.language
                    record.statusChangedAt = at
                }
                let until = try await tx.stores.billing.subscription(prospect.tenant)?.paidUntil ?? at
                let calendar = ZonedCalendar(identifier: prospect.timeZone) ?? ZonedCalendar(zone: .gmt)
                let day = calendar.localDate(of: until)
                let text = SalesTexts.standard.render(
                    .ready, Language(rawValue: prospect.language) ?? .ru,
                    ["bot": prospect.botUsername, "until": String(format: "%02d.%02d.%04d", day.day, day.month, day.year)])
                let message = SendMessage(chatID: prospect.buyer.rawValue, text: text)
                let entry = OutboxEntry(chatID: prospect.buyer.rawValue, payload: try OutgoingCall.payload(for: .sendMessage(message)), dueAt: at)
                try await tx.outbox.enqueue([entry], tenant: PlatformBot.sales.tenantID, now: at)
                return true
            }
            if finished {
                dependencies.logger.notice("tenant bought in the sales bot is serving", metadata: ["tenant": "\(prospect.tenant)"])
                sent()
            }
        } catch {
            await failed(prospect, error: error)
        }
    }

    private func failed(_ prospect: Prospect, error: Error) async {
        let at = dependencies.now()
        let attempts = (try? await dependencies.stores.billing.prospectFailed(prospect.tenant, error: "\(error)", at: at)) ?? 0
        dependencies.logger.error(
            "a paid tenant could not be provisioned; retrying", metadata: ["tenant": "\(prospect.tenant)", "attempts": "\(attempts)", "error": "\(error)"])
        // The operators hear of the first failure and then of every tenth, not of each retry.
        guard attempts % 10 == 1, !operatorIDs.isEmpty else { return }
        let text = "⚠️ Paid order \(prospect.tenant) (@\(prospect.botUsername)) cannot be provisioned (attempt \(attempts)): \(String("\(error)".prefix(300)))"
        do {
            let entries = try operatorIDs.map { chat in
                OutboxEntry(chatID: chat, payload: try OutgoingCall.payload(for: .sendMessage(SendMessage(chatID: chat, text: text))), dueAt: at)
            }
            try await dependencies.unitOfWork.inTransaction { tx in try await tx.outbox.enqueue(entries, tenant: PlatformBot.operator.tenantID, now: at) }
            sent()
        } catch {
            dependencies.logger.error("cannot alert the operators", metadata: ["error": "\(error)"])
        }
    }
}

/// Wakes the fulfilment at once when a payment marked an order paid (the interval is only the retry).
final class FulfilmentSignal: Sendable {
    private let pair = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    var stream: AsyncStream<Void> { pair.stream }

    func wake() { pair.continuation.yield() }

    func finish() { pair.continuation.finish() }
}
