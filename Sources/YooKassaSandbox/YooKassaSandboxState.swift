import Foundation
import Payments
import Synchronization

/// One request the sandbox received on its API, for tests to inspect (idempotence keys, retries).
public struct YooKassaSandboxRequest: Sendable, Hashable {
    /// "POST" or "GET".
    public var method: String
    /// e.g. "/v3/payments".
    public var path: String
    /// The `Idempotence-Key` header, if any.
    public var idempotenceKey: String?
    /// The HTTP status answered.
    public var status: Int
}

/// Everything the sandbox holds, behind one lock.
struct YooKassaSandboxState: Sendable {
    var payments: [String: YooKassaPayment] = [:]
    /// Idempotence key → payment id: a repeat returns the first result.
    var keys: [String: String] = [:]
    var requests: [YooKassaSandboxRequest] = []
    /// POSTs to fail with 500 before serving (each after doing its work, as a lost answer would).
    var failNextCreates = 0
    var nextNumber = 1
}

/// The sandbox's state, shared by the HTTP handlers and the control API.
final class YooKassaSandboxStore: Sendable {
    let state = Mutex(YooKassaSandboxState())
    let shopID: String
    let secretKey: String

    init(shopID: String, secretKey: String) {
        self.shopID = shopID
        self.secretKey = secretKey
    }

    /// Whether `header` is HTTP Basic of the shop's credentials.
    func authorized(_ header: String?) -> Bool {
        header == "Basic " + Data("\(shopID):\(secretKey)".utf8).base64EncodedString()
    }

    func log(_ request: YooKassaSandboxRequest) {
        state.withLock { $0.requests.append(request) }
    }

    /// Creates (or, for a known key, returns) a payment; `fail` is true when this answer must be a 500.
    func create(_ body: YooKassaCreatePayment, key: String, payBase: String) -> (YooKassaPayment, fail: Bool) {
        state.withLock { state in
            let fail = state.failNextCreates > 0
            if fail { state.failNextCreates -= 1 }
            if let id = state.keys[key], let existing = state.payments[id] { return (existing, fail) }
            let id = String(format: "2f%06d-000f-5000-9000-%012d", state.nextNumber, state.nextNumber)
            state.nextNumber += 1
            let payment = YooKassaPayment(
                id: id, status: "pending", amount: body.amount,
                confirmation: YooKassaConfirmation(type: "redirect", confirmationURL: payBase + "/pay/" + id), metadata: body.metadata,
                description: body.description, paid: false)
            state.payments[id] = payment
            state.keys[key] = id
            return (payment, fail)
        }
    }
}
