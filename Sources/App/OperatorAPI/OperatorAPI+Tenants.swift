import BookingCore
import Foundation
import Hummingbird
import Storage
import TelegramBotAPI

/// Tenants: list, show, create and every lifecycle change, each through `TenantProvisioner` or `TenantLifecycle`.
extension OperatorAPI {
    /// Largest page.
    static let maxLimit = 200

    func listTenants(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = try Self.integer(query.get("limit"), name: "limit", in: 1...Self.maxLimit) ?? 50
        let offset = try Self.integer(query.get("offset"), name: "offset", in: 0...Int(Int32.max))
        let cursor = query.get("cursor")
        if cursor != nil, offset != nil { throw Problem.badRequest("pass cursor or offset, not both") }
        var all: [TenantRecord] = []
        for server in dependencies.everyServer { all += try await server.stores.tenants.allTenants() }
        all.sort { $0.id.rawValue < $1.id.rawValue }  // the cursor's order
        let rest = cursor.map { cursor in all.filter { $0.id.rawValue > cursor } } ?? Array(all.dropFirst(offset ?? 0))
        let page = Array(rest.prefix(limit))
        let health = dependencies.botHealth
        return try Self.json(
            APITenantPage(
                items: page.map { APITenant($0, health: health) }, nextCursor: rest.count > limit ? page.last?.id.rawValue : nil,
                total: all.count))
    }

    func showTenant(_ context: AppRequestContext, _ caller: Caller) async throws -> Response {
        try Self.json(APITenant(try await lifecycle(caller).show(try Self.tenantID(context)), health: dependencies.botHealth))
    }

    func createTenant(_ request: Request, _ caller: Caller) async throws -> Response {
        let body = try await CreateTenantBody.decode(request)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else { throw Problem.badRequest("name must have 1–100 characters") }
        guard body.ownerID > 0 else { throw Problem.badRequest("owner_id must be a Telegram user id (positive)") }
        for (field, text) in [("address", body.address), ("contact", body.contact)] where (text?.count ?? 0) > 500 {
            throw Problem.badRequest("\(field) must have at most 500 characters")
        }
        // With several servers, the new tenant goes to the one with the fewest (an id the provisioner refuses goes nowhere).
        var target = dependencies
        if let id = TenantID(body.id) { target = try await dependencies.placingNew(id) }
        let provisioner = TenantProvisioner(stores: target.stores, botAPI: target.botAPI, vault: target.vault, now: target.now)
        let record = try await provisioner.add(
            .init(
                id: body.id, name: name, token: body.token.trimmingCharacters(in: .whitespacesAndNewlines), ownerID: body.ownerID,
                timeZone: body.timeZone ?? "Europe/Moscow", address: body.address ?? "", contact: body.contact ?? ""),
            actor: caller.actor)
        return try Self.json(APITenant(record, health: dependencies.botHealth), status: .created)
    }

    func editTenant(_ request: Request, _ context: AppRequestContext, _ caller: Caller) async throws -> Response {
        let id = try Self.tenantID(context)
        let edit = try await EditTenantBody.decode(request).edit
        guard !edit.isEmpty else { throw Problem.badRequest("nothing to change: give at least one field") }
        return try Self.json(APITenant(try await lifecycle(caller).edit(id, edit), health: dependencies.botHealth))
    }

    func suspend(_ request: Request, _ context: AppRequestContext, _ caller: Caller) async throws -> Response {
        let id = try Self.tenantID(context)
        let body = try await SuspendBody.decode(request)
        let (record, _) = try await lifecycle(caller).suspend(id, reason: body.reason, cancelReminders: body.cancelReminders ?? false)
        return try Self.json(APITenant(record, health: dependencies.botHealth))
    }

    func resume(_ request: Request, _ context: AppRequestContext, _ caller: Caller) async throws -> Response {
        let id = try Self.tenantID(context)
        _ = try await EmptyBody.decode(request)
        return try Self.json(APITenant(try await lifecycle(caller).resume(id), health: dependencies.botHealth))
    }

    func delete(_ request: Request, _ context: AppRequestContext, _ caller: Caller) async throws -> Response {
        let id = try Self.tenantID(context)
        let body = try await DeleteBody.decode(request)
        return try Self.json(APITenant(try await lifecycle(caller).delete(id, reason: body.reason ?? ""), health: dependencies.botHealth))
    }

    /// A new token for the tenant's bot (or, with `new_bot`, another bot); the webhook follows when a public URL is set.
    func setToken(_ request: Request, _ context: AppRequestContext, _ caller: Caller) async throws -> Response {
        let id = try Self.tenantID(context)
        let body = try await SetTokenBody.decode(request)
        let old = try await dependencies.stores.tenants.tenant(id).flatMap { try? dependencies.vault.open($0.encryptedToken) }
        let record = try await lifecycle(caller).setToken(id, token: body.token, newBot: body.newBot ?? false)
        let token = BotToken(body.token.trimmingCharacters(in: .whitespacesAndNewlines))
        dependencies.botHealth.tokenReplaced(id, old: old.map(BotToken.init), new: token)
        if record.profile.status.isServing, let url = configuration.webhookURL(for: record.id, boundPort: configuration.port) {
            let secret = dependencies.vault.webhookSecret(for: record.id, version: record.createdAt)
            do {
                _ = try await dependencies.botAPI.call(
                    SetWebhook(url: url, secretToken: secret, allowedUpdates: TenantRunner.allowedUpdates),
                    token: token)
            } catch {
                logger.warning("setWebhook after a new token failed", metadata: ["tenant": "\(id)", "error": "\(error)"])
            }
        }
        return try Self.json(APITenant(record, health: dependencies.botHealth))
    }

    /// An optional integer query parameter within `range`; anything else is a 400.
    static func integer(_ raw: String?, name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw Problem.badRequest("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
