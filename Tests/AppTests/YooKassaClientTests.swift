import AsyncHTTPClient
import Foundation
import Payments
import Testing
import YooKassaSandbox

/// The YooKassa client against the sandbox over HTTP.
@Suite("YooKassa client and sandbox")
struct YooKassaClientTests {
    static let request = YooKassaCreatePayment(
        amount: YooKassaAmount(value: "799.00", currency: "RUB"), returnURL: "https://t.me/zapis_sales_bot", description: "Zapis: 3 months",
        metadata: ["order_id": "17", "tenant": "salon_one"])

    /// A payment is created with the amount as a decimal string and an Idempotence-Key, read back with GET, and
    /// completed on the confirmation page (which offers Pay and Cancel).
    @Test func createsReadsAndCompletesAPayment() async throws {
        try await withYooKassaSandbox { sandbox in
            let client = sandbox.client()
            let created = try await client.createPayment(Self.request, idempotenceKey: "zapis-payment-17")
            #expect(created.status == "pending" && created.amount == YooKassaAmount(value: "799.00", currency: "RUB"))
            #expect(created.metadata == ["order_id": "17", "tenant": "salon_one"])
            let page = try #require(created.confirmation?.confirmationURL)
            let html = try await HTTPClient.shared.execute(HTTPClientRequest(url: page), timeout: .seconds(10)).body.collect(upTo: 1 << 16)
            let text = String(buffer: html)
            #expect(text.contains("799.00 RUB") && text.contains("id=\"pay\"") && text.contains("id=\"cancel\""))

            var pay = HTTPClientRequest(url: page + "/confirm")
            pay.method = .POST
            #expect(try await HTTPClient.shared.execute(pay, timeout: .seconds(10)).status == .ok)
            #expect(try await client.payment(id: created.id).status == "succeeded")
            #expect(sandbox.requests().map(\.idempotenceKey) == ["zapis-payment-17", nil])
        }
    }

    /// After a 500 the client repeats the POST with the SAME key, and YooKassa's idempotence gives one payment.
    @Test func aFailedCreationIsRepeatedWithTheSameKey() async throws {
        try await withYooKassaSandbox { sandbox in
            sandbox.failNextCreates(2)
            let created = try await sandbox.client().createPayment(Self.request, idempotenceKey: "zapis-payment-18")
            let posts = sandbox.requests().filter { $0.method == "POST" }
            #expect(posts.map(\.status) == [500, 500, 200])
            #expect(Set(posts.map(\.idempotenceKey)) == ["zapis-payment-18"])
            #expect(sandbox.payments().map(\.id) == [created.id])

            // Three failures in a row: unavailable, and a later repeat with the key still yields that one payment.
            sandbox.failNextCreates(3)
            await #expect(throws: YooKassaError.self) { try await sandbox.client().createPayment(Self.request, idempotenceKey: "zapis-payment-19") }
            let later = try await sandbox.client().createPayment(Self.request, idempotenceKey: "zapis-payment-19")
            #expect(sandbox.payments().count == 2 && sandbox.payments().contains { $0.id == later.id })
        }
    }

    /// A 4xx is not repeated: wrong credentials, a malformed request; a GET of an unknown or implausible id fails cleanly.
    @Test func refusalsAreNotRepeated() async throws {
        try await withYooKassaSandbox { sandbox in
            await #expect(throws: YooKassaError.self) {
                try await sandbox.client(secretKey: "wrong").createPayment(Self.request, idempotenceKey: "k1")
            }
            var bad = Self.request
            bad.amount.value = "799.001"
            await #expect(throws: YooKassaError.self) { try await sandbox.client().createPayment(bad, idempotenceKey: "k2") }
            #expect(sandbox.requests().map(\.status) == [401, 400])
            await #expect(throws: YooKassaError.self) { try await sandbox.client().payment(id: "no-such-payment") }
            await #expect(throws: YooKassaError.malformed("payment id \"../../v3/refunds\"")) {
                try await sandbox.client().payment(id: "../../v3/refunds")
            }
            #expect(sandbox.requests().count == 3)
        }
    }
}
