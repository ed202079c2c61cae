import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Payments

/// The sandbox's HTTP side: YooKassa's API and the buyer's confirmation page.
struct YooKassaSandboxRoutes: Sendable {
    let sandbox: YooKassaSandbox

    func register(on router: Router<BasicRequestContext>) {
        let sandbox = sandbox
        let store = sandbox.store
        router.post("/v3/payments") { request, _ -> Response in
            let key = request.headers[HTTPField.Name("Idempotence-Key")!]
            func answer(_ status: HTTPResponse.Status, _ body: some Encodable) -> Response {
                store.log(YooKassaSandboxRequest(method: "POST", path: "/v3/payments", idempotenceKey: key, status: Int(status.code)))
                return Self.json(status, body)
            }
            guard store.authorized(request.headers[.authorization]) else { return answer(.unauthorized, Self.problem("invalid_credentials")) }
            guard let key, (1...64).contains(key.count) else { return answer(.badRequest, Self.problem("invalid_request: Idempotence-Key")) }
            let bytes = try await request.body.collect(upTo: 1 << 16)
            guard let body = try? JSONDecoder().decode(YooKassaCreatePayment.self, from: bytes), body.capture,
                MoneyText.isValid(body.amount.value), body.amount.currency.count == 3
            else { return answer(.badRequest, Self.problem("invalid_request")) }
            let (payment, fail) = store.create(body, key: key, payBase: sandbox.baseURL)
            return fail ? answer(.internalServerError, Self.problem("internal_server_error")) : answer(.ok, payment)
        }
        router.get("/v3/payments/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let log = { (status: HTTPResponse.Status) in
                store.log(YooKassaSandboxRequest(method: "GET", path: "/v3/payments/\(id)", idempotenceKey: nil, status: Int(status.code)))
            }
            guard store.authorized(request.headers[.authorization]) else {
                log(.unauthorized)
                return Self.json(.unauthorized, Self.problem("invalid_credentials"))
            }
            guard let payment = sandbox.payment(id) else {
                log(.notFound)
                return Self.json(.notFound, Self.problem("not_found"))
            }
            log(.ok)
            return Self.json(.ok, payment)
        }
        router.get("/pay/:id") { _, context -> Response in
            guard let payment = sandbox.payment(context.parameters.get("id") ?? "") else { return Self.html(.notFound, "<p>No such payment</p>") }
            return Self.html(.ok, Self.page(payment))
        }
        router.post("/pay/:id/:action") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let pay = context.parameters.get("action") == "confirm"
            guard sandbox.payment(id) != nil else { return Self.html(.notFound, "<p>No such payment</p>") }
            await sandbox.complete(id, pay: pay, redeliveries: 5)
            return Self.html(.ok, "<p>\(pay ? "Оплачено — Paid" : "Отменено — Canceled"). Вернитесь в Telegram — return to Telegram.</p>")
        }
    }

    static func page(_ payment: YooKassaPayment) -> String {
        let description = (payment.description ?? "").replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let pending = payment.status == "pending"
        return """
            <!doctype html><meta charset="utf-8"><title>YooKassa sandbox</title>
            <h1>\(payment.amount.value) \(payment.amount.currency)</h1><p>\(description)</p><p>Status: \(payment.status)</p>
            \(pending ? """
            <form method="post" action="/pay/\(payment.id)/confirm"><button id="pay">Оплатить — Pay</button></form>
            <form method="post" action="/pay/\(payment.id)/cancel"><button id="cancel">Отмена — Cancel</button></form>
            """ : "")
            """
    }

    static func problem(_ code: String) -> [String: String] { ["type": "error", "code": code] }

    static func json(_ status: HTTPResponse.Status, _ body: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// YooKassa's amount format: digits, optionally a dot and 1–2 digits.
enum MoneyText {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...12).contains(whole.count), whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return false }
        return parts.count == 1 || ((1...2).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
    }
}
