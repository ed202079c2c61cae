import BookingCore
import Foundation
import Hummingbird
import Logging
import Storage
import TelegramBotAPI

/// The operator REST API under `/api/v1`: bearer tokens (see `OperatorCredentials`), tenants and their lifecycle
/// through `TenantLifecycle` and `TenantProvisioner`, stats, bot health and the operator audit; errors as RFC 9457
/// problems. Every route is listed in `routes`, which the OpenAPI document (`OpenAPIDocument`) must match.
struct OperatorAPI {
    let dependencies: AppDependencies
    let configuration: AppConfiguration
    let logger: Logger

    /// Where the API lives.
    static let base = "/api/v1"

    /// An operation: its method and path under `base`, and whether it needs a bearer token.
    struct Route: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var authenticated = true
    }

    /// Every route the API serves.
    static let routes: [Route] = [
        Route(method: .get, path: "/openapi.json", authenticated: false),
        Route(method: .get, path: "/tenants"),
        Route(method: .post, path: "/tenants"),
        Route(method: .get, path: "/tenants/{id}"),
        Route(method: .patch, path: "/tenants/{id}"),
        Route(method: .post, path: "/tenants/{id}/suspend"),
        Route(method: .post, path: "/tenants/{id}/resume"),
        Route(method: .post, path: "/tenants/{id}/delete"),
        Route(method: .post, path: "/tenants/{id}/token"),
        Route(method: .get, path: "/tenants/{id}/stats"),
        Route(method: .get, path: "/tenants/{id}/health"),
        Route(method: .get, path: "/stats"),
        Route(method: .get, path: "/audit"),
    ]

    /// Who called, for the operator audit (`api:<token name>`).
    struct Caller {
        var actor: String
    }

    typealias Handler = @Sendable (OperatorAPI, Request, AppRequestContext, Caller) async throws -> Response

    func register(on router: Router<AppRequestContext>) {
        for route in Self.routes {
            let handler = Self.handler(route)
            router.on(RouterPath(Self.base + route.path), method: route.method) { request, context in
                await serve(request, context, authenticated: route.authenticated, handler)
            }
        }
    }

    /// The handler of each route (the table above is the one list of routes).
    private static func handler(_ route: Route) -> Handler {
        switch (route.method, route.path) {
        case (.get, "/openapi.json"): { _, _, _, _ in OpenAPIDocument.response }
        case (.get, "/tenants"): { api, request, _, _ in try await api.listTenants(request) }
        case (.post, "/tenants"): { api, request, _, caller in try await api.createTenant(request, caller) }
        case (.get, "/tenants/{id}"): { api, _, context, caller in try await api.showTenant(context, caller) }
        case (.patch, "/tenants/{id}"): { api, request, context, caller in try await api.editTenant(request, context, caller) }
        case (.post, "/tenants/{id}/suspend"): { api, request, context, caller in try await api.suspend(request, context, caller) }
        case (.post, "/tenants/{id}/resume"): { api, request, context, caller in try await api.resume(request, context, caller) }
        case (.post, "/tenants/{id}/delete"): { api, request, context, caller in try await api.delete(request, context, caller) }
        case (.post, "/tenants/{id}/token"): { api, request, context, caller in try await api.setToken(request, context, caller) }
        case (.get, "/tenants/{id}/stats"): { api, _, context, _ in try await api.stats(context) }
        case (.get, "/tenants/{id}/health"): { api, _, context, _ in try await api.health(context) }
        case (.get, "/stats"): { api, _, _, _ in try await api.platformStats() }
        case (.get, "/audit"): { api, request, _, _ in try await api.audit(request) }
        default: preconditionFailure("no handler for \(route.method) \(route.path)")
        }
    }

    /// Authenticates, runs the handler and turns every error into a problem.
    private func serve(_ request: Request, _ context: AppRequestContext, authenticated: Bool, _ handler: Handler) async -> Response {
        do {
            let caller = authenticated ? try await authenticate(request) : Caller(actor: "anonymous")
            return try await handler(self, request, context, caller)
        } catch {
            if let problem = Problem.from(error) { return problem.response }
            logger.error(
                "operator API request failed",
                metadata: ["path": "\(request.uri.path)", "method": "\(request.method)", "error": "\(error)"])
            return Problem(.internalServerError, "internal", "Internal error", detail: "the request failed; see the service's log").response
        }
    }

    /// The caller of a valid, unrevoked bearer token; a 401 problem otherwise.
    private func authenticate(_ request: Request) async throws -> Caller {
        guard let header = request.headers[.authorization] else { throw Problem.unauthorized("an Authorization: Bearer token is required") }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthorized("use Authorization: Bearer <token>") }
        let tokens = try await dependencies.operatorTokens.operatorTokens()
        guard let name = OperatorCredentials.authenticate(String(parts[1]), among: tokens) else {
            throw Problem.unauthorized("the token is unknown or revoked")
        }
        return Caller(actor: "api:\(name)")
    }

    /// A JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try APIJSON.encoder.encode(value))))
    }

    /// The `{id}` of the path; an id that cannot exist is as unknown as one that does not.
    static func tenantID(_ context: AppRequestContext) throws -> TenantID {
        let raw = context.parameters.get("id") ?? ""
        guard let id = TenantID(raw) else { throw Problem.notFound("no tenant \(raw.debugDescription)") }
        return id
    }

    func lifecycle(_ caller: Caller) -> TenantLifecycle { TenantLifecycle(dependencies: dependencies, actor: caller.actor) }
}
