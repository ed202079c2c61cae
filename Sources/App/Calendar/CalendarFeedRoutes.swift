import BookingCore
import BotFlows
import Foundation
import Hummingbird
import Storage

/// The secret calendar feeds: `GET /ical/{tenant}/{token}.ics`, a master's or the whole business's bookings as
/// RFC 5545 (see `CalendarFeed`). An unknown tenant, a malformed token or a wrong one is the same 404; the first two
/// are refused before any store is read (the tenant directory answers from memory for ids it knows are missing).
struct CalendarFeedRoutes {
    let directory: TenantDirectory
    let tenants: any TenantStore
    let now: @Sendable () -> Date
    let source: CalendarFeedSource

    func register(on router: Router<AppRequestContext>) {
        router.get("/ical/:tenant/:file") { _, context in try await feed(context) }
    }

    private func feed(_ context: AppRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        let token = file.hasSuffix(".ics") ? String(file.dropLast(4)) : ""
        guard CalendarFeedSource.isWellFormed(token), let id = TenantID(context.parameters.get("tenant") ?? ""),
            let active = try await directory.tenant(id)
        else { return MiniAppPages.notFound }
        // The business's secret lives in its policies: read them fresh, so a rotation counts at once on every instance.
        var tenant = active.context
        if let record = try await tenants.tenant(id) { tenant.record.policies = record.policies }
        guard let scope = try await source.scope(of: token, tenant: tenant) else { return MiniAppPages.notFound }
        let feed = try await source.feed(master: scope, tenant: tenant, now: now())
        return Response(
            status: .ok,
            headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "no-cache", .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(string: feed.text)))
    }
}
