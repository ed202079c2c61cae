import BookingCore
import BotFlows
import Foundation
import Hummingbird
import Logging
import TelegramBotAPI

/// The Mini App at `/app/{tenant}/`: its static page and its JSON API under `/app/{tenant}/api/`. Every API call
/// carries the initData Telegram gave the page (`Authorization: tma <initData>`), validated with the tenant's bot
/// token; the user is taken from it and from nowhere else. Changes run through `UpdateProcessor.miniApp`, on the
/// chat's own flows.
struct MiniAppRoutes {
    let directory: TenantDirectory
    let processor: UpdateProcessor
    let environment: FlowEnvironment
    /// The catalog, free times and bookings the pages show.
    var queries: MiniAppQueries {
        MiniAppQueries(catalog: environment.stores.catalog, bookings: environment.stores.bookings, now: environment.now)
    }
    /// How old initData may be.
    let maxAge: TimeInterval
    let now: @Sendable () -> Date

    /// Request bodies are a few numbers; anything larger is refused before decoding.
    static let maxBodyBytes = 4 * 1024

    /// A validated call: the tenant and the user Telegram signed for.
    struct Caller {
        var tenant: ActiveTenant
        var user: User
    }

    /// A refusal on the way to an answer, turned into a JSON error.
    struct Refused: Error {
        var status: HTTPResponse.Status
        var failure: MiniAppJSON.Failure

        init(_ status: HTTPResponse.Status, _ code: String, _ message: String? = nil) {
            self.status = status
            self.failure = MiniAppJSON.Failure(error: code, message: message)
        }
    }

    func register(on router: Router<AppRequestContext>) {
        MiniAppPages(directory: directory).register(on: router)
        api(router, .get, "services") { caller, _, _ in try await catalog(caller) }
        api(router, .get, "times") { caller, request, _ in
            let query = request.uri.queryParameters
            return try await times(caller) { query[Substring($0)].map(String.init) }
        }
        api(router, .get, "bookings") { caller, _, _ in try await bookings(caller) }
        api(router, .post, "bookings") { caller, request, _ in try await book(caller, request) }
        api(router, .post, "bookings/:id/cancel") { caller, _, context in try await cancel(caller, context) }
        api(router, .post, "bookings/:id/reschedule") { caller, request, context in try await reschedule(caller, request, context) }
    }

    private typealias Handler = @Sendable (Caller, Request, AppRequestContext) async throws -> Response

    private func api(_ router: Router<AppRequestContext>, _ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        router.on(RouterPath("/app/:tenant/api/\(path)"), method: method) { request, context in
            do {
                let caller = try await authenticate(request, context)
                try await limit(caller)
                return try await handler(caller, request, context)
            } catch let refused as Refused {
                return Self.json(refused.failure, status: refused.status)
            } catch {
                context.logger.error("mini app call failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
                return Self.json(MiniAppJSON.Failure(error: "try_again", message: nil), status: .internalServerError)
            }
        }
    }

    /// The chat's incoming limit, per user: a Mini App call counts like a button press (the same limiter and policy,
    /// the same bucket), so a script cannot get around the chat's limit through the API. Refused calls are 429.
    private func limit(_ caller: Caller) async throws {
        guard let limiter = processor.rateLimiter else { return }
        switch try await limiter.check(.callback, user: UserID(caller.user.id), tenant: caller.tenant.id, now: now()) {
        case .allowed: return
        case .limitedNotify, .limitedSilent: throw Refused(.tooManyRequests, "rate_limited")
        }
    }

    /// The tenant of the path and the user of the initData, or 404 / 401.
    private func authenticate(_ request: Request, _ context: AppRequestContext) async throws -> Caller {
        guard let id = TenantID(context.parameters.get("tenant") ?? ""), let tenant = try await directory.tenant(id) else {
            throw Refused(.notFound, "unknown_tenant")
        }
        let header = request.headers[.authorization] ?? ""
        guard header.hasPrefix("tma ") else { throw Refused(.unauthorized, "unauthorized") }
        do {
            let data = try WebAppInitData.validate(String(header.dropFirst(4)), botToken: tenant.token.rawValue, now: now(), maxAge: maxAge)
            return Caller(tenant: tenant, user: data.user)
        } catch {
            context.logger.warning("mini app initData refused", metadata: ["tenant": "\(id)", "reason": "\(error)"])
            throw Refused(.unauthorized, "unauthorized")
        }
    }

    private func catalog(_ caller: Caller) async throws -> Response {
        let tenant = caller.tenant.context
        let language = MiniAppFlow.language(of: caller.user, tenant: tenant)
        let offers = try await queries.offers(tenant)
        let services = offers.map { offer in
            MiniAppJSON.ServiceItem(
                id: offer.service.id.rawValue, name: offer.service.name, description: offer.service.description,
                duration: MiniAppQueries.durationText(offer.service.durationMinutes, language: language),
                price: MiniAppQueries.priceText(offer.service.price, language: language),
                masters: offer.masters.map { MiniAppJSON.MasterItem(id: $0.id.rawValue, name: $0.name) })
        }
        let texts = Texts.standard.applying(try await environment.stores.textOverrides.textOverrides(tenant.id)).miniAppPage(language)
        let body = MiniAppJSON.Catalog(
            business: tenant.profile.name, address: tenant.profile.address, language: language.rawValue, texts: texts, services: services)
        return Self.json(body)
    }

    /// `query(name)` is the query parameter `name`, if given.
    private func times(_ caller: Caller, _ query: (String) -> String?) async throws -> Response {
        let from = try Self.date(query("from"))
        guard let days = query("days").flatMap({ InputBounds.integer($0, in: 1...MiniAppQueries.maxDays) }) else {
            throw Refused(.badRequest, "bad_days")
        }
        let moving = try query("booking").map { BookingID(try Self.id($0)) }
        let service = try moving == nil ? ServiceID(Self.id(query("service"))) : ServiceID(1)
        let master = try query("master").map { MasterID(try Self.id($0)) }
        let found = try await queries.freeDays(
            caller.tenant.context, service: service, master: master, from: from, days: days, moving: moving, user: UserID(caller.user.id))
        guard let found else { throw Refused(.notFound, moving == nil ? "unavailable" : "not_found") }
        let items = found.map { day in
            MiniAppJSON.DayItem(
                date: day.date.description, weekday: day.date.weekday.rawValue,
                times: day.slots.map {
                    MiniAppJSON.TimeItem(start: MiniAppJSON.minute($0.start), time: $0.localTime.description, master: $0.masterID.rawValue)
                })
        }
        return Self.json(MiniAppJSON.Days(days: items))
    }

    private func bookings(_ caller: Caller) async throws -> Response {
        let tenant = caller.tenant.context
        let upcoming = try await queries.upcoming(tenant, user: UserID(caller.user.id))
        let items = upcoming.map {
            MiniAppJSON.item(
                $0.booking, serviceName: $0.serviceName, masterName: $0.masterName, changeable: $0.changeable, calendar: tenant.calendar)
        }
        return Self.json(MiniAppJSON.Bookings(bookings: items))
    }

    private func book(_ caller: Caller, _ request: Request) async throws -> Response {
        let body = try await Self.decode(MiniAppJSON.BookRequest.self, request)
        let service = ServiceID(try Self.id(body.service))
        let master = MasterID(try Self.id(body.master))
        let minute = try Self.minute(body.start)
        let outcome = try await processor.miniApp(caller.user, tenant: caller.tenant) { flow in
            try await flow.book(service, master: master, minute: minute, user: caller.user, tenant: caller.tenant.context)
        }
        return try await answer(outcome, caller, created: true)
    }

    private func cancel(_ caller: Caller, _ context: AppRequestContext) async throws -> Response {
        let id = BookingID(try Self.id(context.parameters.get("id")))
        let outcome = try await processor.miniApp(caller.user, tenant: caller.tenant) { flow in
            try await flow.cancel(id, user: caller.user, tenant: caller.tenant.context)
        }
        return try await answer(outcome, caller, created: false)
    }

    private func reschedule(_ caller: Caller, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = BookingID(try Self.id(context.parameters.get("id")))
        let minute = try Self.minute(try await Self.decode(MiniAppJSON.MoveRequest.self, request).start)
        let outcome = try await processor.miniApp(caller.user, tenant: caller.tenant) { flow in
            try await flow.reschedule(id, minute: minute, user: caller.user, tenant: caller.tenant.context)
        }
        return try await answer(outcome, caller, created: false)
    }

    /// The booking as it is now (201 for a new one), or the refusal: 404 for another's or a missing booking, else 409.
    private func answer(_ outcome: Result<Booking, MiniAppFlow.Refusal>, _ caller: Caller, created: Bool) async throws -> Response {
        switch outcome {
        case .success(let booking):
            let tenant = caller.tenant.context
            let service = try await environment.stores.catalog.services(tenant.id).first { $0.id == booking.serviceID }
            let master = try await environment.stores.catalog.masters(tenant.id).first { $0.id == booking.masterID }
            let item = MiniAppJSON.item(
                booking, serviceName: service?.name ?? "", masterName: master?.name ?? "", changeable: true, calendar: tenant.calendar)
            return Self.json(item, status: created ? .created : .ok)
        case .failure(let refusal):
            let status: HTTPResponse.Status = refusal.error == .notFound ? .notFound : .conflict
            return Self.json(MiniAppJSON.Failure(error: MiniAppJSON.code(refusal.error), message: refusal.message), status: status)
        }
    }
}
