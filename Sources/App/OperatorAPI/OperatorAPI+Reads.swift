import BookingCore
import Foundation
import Hummingbird
import Storage
import TelegramBotAPI

/// Stats, bot health, platform stats and the operator audit.
extension OperatorAPI {
    func stats(_ context: AppRequestContext) async throws -> Response {
        let id = try Self.tenantID(context)
        guard try await dependencies.stores.tenants.tenant(id) != nil else { throw LifecycleError.unknownTenant(id.rawValue) }
        return try Self.json(APITenantStats(id, try await dependencies.tenantStats.tenantStats(id)))
    }

    /// Asks Telegram for the bot's webhook info; a 401 marks the tenant `token_invalid` (and a success clears it).
    func health(_ context: AppRequestContext) async throws -> Response {
        let id = try Self.tenantID(context)
        guard let record = try await dependencies.stores.tenants.tenant(id) else { throw LifecycleError.unknownTenant(id.rawValue) }
        let registry = dependencies.botHealth
        var webhook: APIBotHealth.Webhook?
        var telegramError: String?
        let token = try? dependencies.vault.open(record.encryptedToken)
        if let token {
            do {
                let info = try await dependencies.botAPI.call(GetWebhookInfo(), token: BotToken(token))
                registry.tokenAccepted(id)
                webhook = .init(
                    url: info.url, pendingUpdateCount: info.pendingUpdateCount,
                    lastErrorDate: info.lastErrorDate.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                    lastErrorMessage: info.lastErrorMessage)
            } catch TelegramError.unauthorized(let description) {
                registry.tokenRejected(id, token: BotToken(token), status: record.profile.status, description: description, at: dependencies.now())
                telegramError = "401: \(description)"
            } catch {
                telegramError = "\(error)"
            }
        }
        let rejection = registry.rejection(of: id)
        return try Self.json(
            APIBotHealth(
                tenant: id.rawValue, status: record.profile.status.rawValue, tokenInvalid: rejection != nil,
                tokenError: rejection?.description,
                tokenErrorAt: rejection?.at, tokenUnreadable: token == nil, webhook: webhook, telegramError: telegramError))
    }

    func platformStats() async throws -> Response {
        var tenants = Dictionary(uniqueKeysWithValues: (TenantStatus.allCases.map(\.rawValue) + ["token_invalid"]).map { ($0, 0) })
        let health = dependencies.botHealth
        for record in try await dependencies.stores.tenants.allTenants() {
            let key =
                record.profile.status.isServing && health.rejection(of: record.id) != nil ? "token_invalid" : record.profile.status.rawValue
            tenants[key, default: 0] += 1
        }
        let at = dependencies.now()
        let backlog = try await dependencies.outbox.backlog(now: at)
        let tokens = try await dependencies.operatorTokens.operatorTokens().filter { $0.revokedAt == nil }.count
        return try Self.json(
            APIPlatformStats(
                tenants: tenants, outboxDueRows: backlog.dueRows,
                outboxOldestDueAgeSeconds: max(0, backlog.oldestDue.map { at.timeIntervalSince($0) } ?? 0), operatorTokens: tokens))
    }

    func audit(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = try Self.integer(query.get("limit"), name: "limit", in: 1...Self.maxLimit) ?? 50
        var tenant: TenantID?
        if let raw = query.get("tenant") {
            guard let id = TenantID(raw) else { throw Problem.badRequest("tenant is not a tenant id") }
            tenant = id
        }
        let entries = try await dependencies.stores.tenants.operatorAudit(tenant: tenant, limit: limit)
        return try Self.json(APIAuditPage(items: entries.map(APIAuditEntry.init)))
    }
}
