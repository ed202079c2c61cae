import App
import AsyncHTTPClient
import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// The operator API over HTTP on the real service (SQLite) with the Telegram sandbox.
@Suite("Operator API")
struct OperatorAPITests {
    /// A client with a fresh token `ci` (and a revoked token, returned second).
    static func client(_ stack: LocalStack) async throws -> (OperatorAPIClient, revoked: String) {
        let store = stack.dependencies.operatorTokens
        let secret = try await OperatorCredentials.create(name: "ci", actor: "cli:test", store: store, now: Date())
        let old = try await OperatorCredentials.create(name: "old", actor: "cli:test", store: store, now: Date())
        try await OperatorCredentials.revoke(name: "old", actor: "cli:test", store: store, now: Date())
        return (OperatorAPIClient(port: stack.appPort, bearer: secret), old)
    }

    /// No, unknown, revoked or non-bearer credentials: 401 problems; malformed bodies and parameters: 400 problems;
    /// unknown tenants: 404. None of them changes a tenant or writes an audit entry.
    @Test func refusalsAreProblemsAndChangeNothing() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let (api, revoked) = try await Self.client(stack)
            let tenants = try await stack.stores.tenants.allTenants()
            let audit = try await stack.stores.tenants.operatorAudit(tenant: nil, limit: 1_000)
            let a = LocalStack.tenantA.rawValue

            for bearer in [nil, "zop_unknown", revoked, ""] as [String?] {
                for (method, path, body) in [
                    (OperatorAPIClient.Method.GET, "/tenants", nil), (.PATCH, "/tenants/\(a)", #"{"name": "X"}"#),
                    (.POST, "/tenants/\(a)/suspend", #"{"reason": "x"}"#), (.GET, "/stats", nil),
                ] as [(OperatorAPIClient.Method, String, String?)] {
                    let reply = try await api.call(method, path, body: body, bearer: .some(bearer))
                    #expect(reply.isProblem(401), "\(method) \(path) with \(bearer ?? "no token"): \(reply.status) \(reply.body)")
                    #expect(reply.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
                }
            }
            var basic = HTTPClientRequest(url: "http://127.0.0.1:\(stack.appPort)/api/v1/tenants")
            basic.headers.add(name: "Authorization", value: "Basic Y2k6Y2k=")
            #expect(try await HTTPClient.shared.execute(basic, timeout: .seconds(10)).status.code == 401)

            let malformed: [(OperatorAPIClient.Method, String, String)] = [
                (.PATCH, "/tenants/\(a)", "{not json"),
                (.PATCH, "/tenants/\(a)", "[1, 2]"),
                (.PATCH, "/tenants/\(a)", #"{"name": 5}"#),
                (.PATCH, "/tenants/\(a)", #"{"owner_id": "seven"}"#),
                (.PATCH, "/tenants/\(a)", #"{"bogus": 1}"#),
                (.PATCH, "/tenants/\(a)", "{}"),
                (.PATCH, "/tenants/\(a)", #"{"language": "de"}"#),
                (.PATCH, "/tenants/\(a)", #"{"time_zone": "Mars/Olympus"}"#),
                (.PATCH, "/tenants/\(a)", #"{"name": "   "}"#),
                (.POST, "/tenants/\(a)/suspend", "{}"),
                (.POST, "/tenants/\(a)/suspend", #"{"reason": "x", "cancel_reminders": "yes"}"#),
                (.POST, "/tenants/\(a)/suspend", #"{"reason": "\#(String(repeating: "x", count: 501))"}"#),
                (.POST, "/tenants/\(a)/resume", #"{"now": true}"#),
                (.POST, "/tenants/\(a)/delete", #"{"reason": 1}"#),
                (.POST, "/tenants/\(a)/token", #"{"token": 7}"#),
                (.POST, "/tenants/\(a)/token", #"{"token": "not a token"}"#),
                (.POST, "/tenants", #"{"id": "client_new", "name": "New", "owner_id": 1}"#),
                (.POST, "/tenants", #"{"id": "Bad Id", "name": "New", "token": "1:abc", "owner_id": 1}"#),
                (.POST, "/tenants", #"{"id": "client_new", "name": "New", "token": "1:abc", "owner_id": 0}"#),
            ]
            for (method, path, body) in malformed {
                let reply = try await api.call(method, path, body: body)
                #expect(reply.isProblem(400), "\(method) \(path) \(body.prefix(60)): \(reply.status) \(reply.body)")
            }
            for query in ["limit=0", "limit=201", "limit=x", "offset=-1", "cursor=a&offset=1"] {
                #expect(try await api.get("/tenants?\(query)").isProblem(400), "\(query)")
            }
            #expect(try await api.get("/audit?tenant=Not-An-Id").isProblem(400))

            for path in ["/tenants/client_404", "/tenants/client_404/stats", "/tenants/client_404/health", "/tenants/NOT%20AN%20ID"] {
                #expect(try await api.get(path).isProblem(404), "\(path)")
            }
            #expect(try await api.post("/tenants/client_404/suspend", #"{"reason": "x"}"#).isProblem(404))
            #expect(try await api.patch("/tenants/client_404", #"{"name": "x"}"#).isProblem(404))

            // Nothing changed: the same tenants, no new audit entry, no tenant added.
            #expect(try await stack.stores.tenants.allTenants() == tenants)
            #expect(try await stack.stores.tenants.operatorAudit(tenant: nil, limit: 1_000) == audit)
        }
    }

    /// The lifecycle through the API calls `TenantLifecycle` and `TenantProvisioner`: each change is audited as
    /// `api:ci`; pages, stats, health, platform stats and the document are served.
    @Test func tenantsAndTheirLifecycleOverHTTP() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let (api, _) = try await Self.client(stack)
            let a = LocalStack.tenantA.rawValue

            let document = try await api.call(.GET, "/openapi.json", bearer: .some(nil))
            #expect(document.status == 200 && document.json["openapi"] as? String == "3.1.0")

            // Pages: by cursor and by offset.
            let first = try await api.get("/tenants?limit=1")
            #expect(first.status == 200)
            #expect((first.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [a])
            let cursor = try #require(first.json["next_cursor"] as? String)
            let second = try await api.get("/tenants?limit=1&cursor=\(cursor)")
            #expect((second.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [LocalStack.tenantB.rawValue])
            #expect(second.json["next_cursor"] == nil && second.json["total"] as? Int == 2)
            #expect((try await api.get("/tenants?offset=1").json["items"] as? [Any])?.count == 1)

            let edited = try await api.patch("/tenants/\(a)", #"{"name": "Salon Renamed", "currency": "EUR"}"#)
            #expect(
                edited.status == 200 && edited.json["name"] as? String == "Salon Renamed" && edited.json["currency"] as? String == "EUR")
            #expect(try await stack.stores.tenants.tenant(LocalStack.tenantA)?.profile.name == "Salon Renamed")

            let suspended = try await api.post("/tenants/\(a)/suspend", #"{"reason": "unpaid"}"#)
            #expect(suspended.status == 200 && suspended.json["status"] as? String == "suspended")
            #expect(suspended.json["status_reason"] as? String == "unpaid")
            #expect(try await api.post("/tenants/\(a)/suspend", #"{"reason": "again"}"#).isProblem(409))
            #expect(try await api.post("/tenants/\(a)/resume", "").json["status"] as? String == "active")
            #expect(try await api.post("/tenants/\(a)/delete", #"{"reason": "closed"}"#).json["status"] as? String == "deleted")
            #expect(try await api.post("/tenants/\(a)/resume", "{}").json["status"] as? String == "active")

            // A new tenant: its token is checked with getMe like `tenant add`.
            let token = await stack.sandbox.registerBot(username: "client_api_bot", firstName: "API")
            let created = try await api.post(
                "/tenants",
                #"{"id": "client_api", "name": "By API", "token": "\#(token.rawValue)", "owner_id": 42, "time_zone": "Europe/Berlin"}"#)
            #expect(created.status == 201 && created.json["bot_username"] as? String == "client_api_bot")
            #expect(created.json["token"] == nil && !created.body.contains(token.rawValue))
            #expect(
                try await api.post("/tenants", #"{"id": "client_api", "name": "Again", "token": "\#(token.rawValue)", "owner_id": 42}"#)
                    .isProblem(409))
            #expect(
                try await api.post(
                    "/tenants", #"{"id": "client_x", "name": "X", "token": "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq", "owner_id": 42}"#
                ).isProblem(422))

            // A new token of the same bot.
            let fresh = try #require(stack.sandbox.reissueToken(bot: token))
            #expect(try await api.post("/tenants/client_api/token", #"{"token": "\#(fresh.rawValue)"}"#).status == 200)
            let stored = try #require(try await stack.stores.tenants.tenant(TenantID("client_api")!))
            #expect(try stack.vault.open(stored.encryptedToken) == fresh.rawValue)

            let stats = try await api.get("/tenants/\(a)/stats")
            #expect(stats.status == 200 && stats.json["customers"] as? Int == 0)
            #expect((stats.json["bookings"] as? [String: Int])?["confirmed"] == 0)
            // Tenant A's webhook went with its deletion (the runner sets it again at its next refresh); B's is there.
            let health = try await api.get("/tenants/\(LocalStack.tenantB.rawValue)/health")
            #expect(health.status == 200 && health.json["token_invalid"] as? Bool == false)
            #expect(((health.json["webhook"] as? [String: Any])?["url"] as? String)?.hasPrefix("http://127.0.0.1:") == true)
            let platform = try await api.get("/stats")
            #expect((platform.json["tenants"] as? [String: Int])?["active"] == 1)
            #expect((platform.json["tenants"] as? [String: Int])?["trial"] == 2)
            #expect(platform.json["operator_tokens"] as? Int == 1)

            let audit = try await api.get("/audit?tenant=\(a)&limit=10")
            let actions = (audit.json["items"] as? [[String: Any]])?.map { "\($0["actor"] ?? "") \($0["action"] ?? "")" }
            #expect(
                actions == [
                    "api:ci tenant.resume", "api:ci tenant.delete", "api:ci tenant.resume", "api:ci tenant.suspend", "api:ci tenant.edit",
                ])
            let all = try await api.get("/audit?limit=200")
            let names = (all.json["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(names.contains("tenant.create") && names.contains("tenant.set-token") && names.contains("operator.token.revoke"))
        }
    }

    /// A token Telegram stops accepting (re-issued in BotFather) shows as token_invalid on the API, the metrics and
    /// the bot's health within a minute, seen by the tenant runner's own calls; the other tenant is unaffected, and a
    /// new token clears it.
    @Test func aRevokedTokenShowsAsTokenInvalidWithinAMinute() async throws {
        try await LocalStack.run(mode: .polling) { stack in
            let (api, _) = try await Self.client(stack)
            let (a, b) = (LocalStack.tenantA, LocalStack.tenantB)
            let old = try #require(stack.tokens[a])
            let fresh = try #require(stack.sandbox.reissueToken(bot: old))

            // Only the tenant runner's polls and sends talk to Telegram here: the API's reads below do not.
            let seen = try await OperatorAPIClient.waitUntil(timeout: .seconds(60)) {
                try await api.get("/tenants/\(a.rawValue)").json["token_invalid"] as? Bool == true
            }
            #expect(seen)
            #expect(try await api.get("/tenants/\(b.rawValue)").json["token_invalid"] as? Bool == false)
            let metrics = try await OperatorAPIClient.waitUntil(timeout: .seconds(5)) {
                let text = try await api.metrics()
                let parsed = try PrometheusText(text)
                return parsed.value("zapis_tenants", ["status": "token_invalid"]) == 1
                    && parsed.value("zapis_tenants", ["status": "trial"]) == 1
            }
            #expect(metrics)
            let platform = try await api.get("/stats").json["tenants"] as? [String: Int]
            #expect(platform?["token_invalid"] == 1 && platform?["trial"] == 1)
            let health = try await api.get("/tenants/\(a.rawValue)/health")
            #expect(health.json["token_invalid"] as? Bool == true)
            #expect((health.json["telegram_error"] as? String)?.hasPrefix("401") == true)
            #expect(try await api.get("/tenants/\(b.rawValue)/health").json["token_invalid"] as? Bool == false)

            // The other tenant still serves its customers.
            let customer = stack.user(501, of: b)
            _ = try await customer.send("/start")
            _ = try await customer.waitForBotMessage(timeout: .seconds(10))

            // A new token of the same bot clears it.
            #expect(try await api.post("/tenants/\(a.rawValue)/token", #"{"token": "\#(fresh.rawValue)"}"#).status == 200)
            #expect(try await api.get("/tenants/\(a.rawValue)").json["token_invalid"] as? Bool == false)
        }
    }
}
