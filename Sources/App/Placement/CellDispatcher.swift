import BookingCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Hands each request to the cell of the server holding the tenant its path names (`/telegram/{tenant}`,
/// `/app/{tenant}/…`, `/ical/{tenant}/…`, `/api/v1/tenants/{tenant}…`); everything else, and every request of a
/// single-database deployment, goes to the primary's cell. A pay link goes to the server whose range holds its payment
/// id (see `PlacedServers.paymentIDBits`). A moving tenant's requests are answered 503 (Telegram
/// delivers the update again), as is everyone's until the placement has been read once.
struct CellDispatcher: Sendable {
    let primary: RouterResponder<AppRequestContext>
    let cells: [String: RouterResponder<AppRequestContext>]
    /// Nil: one database.
    let servers: PlacedServers?

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        guard let servers else { return try await primary.respond(to: request, context: context) }
        if let payment = Self.payment(in: request.uri.path), let server = servers.server(ofPayment: payment), let cell = cells[server] {
            return try await cell.respond(to: request, context: context)
        }
        let map = servers.map
        guard let tenant = Self.tenant(in: request.uri.path) else { return try await primary.respond(to: request, context: context) }
        guard map.isReady, !map.isMoving(tenant) else {
            return Response(
                status: .serviceUnavailable, headers: [.retryAfter: "1", .contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "moving, try again")))
        }
        let responder = cells[map.server(of: tenant)] ?? primary
        return try await responder.respond(to: request, context: context)
    }

    /// The payment a pay link names (`/pay/{payment}/{signature}`), if well formed.
    static func payment(in path: String) -> Int64? {
        let parts = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0] == "pay", parts[1].utf8.count <= 18 else { return nil }
        return Int64(parts[1])
    }

    /// The tenant a path names, if it is one of the per-tenant routes and the id is well formed.
    static func tenant(in path: String) -> TenantID? {
        let parts = path.split(separator: "/", maxSplits: 5, omittingEmptySubsequences: true)
        switch parts.first {
        case "telegram", "app", "ical": return parts.count > 1 ? TenantID(String(parts[1])) : nil
        case "api": return parts.count > 3 && parts[1] == "v1" && parts[2] == "tenants" ? TenantID(String(parts[3])) : nil
        default: return nil
        }
    }
}
