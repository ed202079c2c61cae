import BookingCore
import Foundation
import TelegramBotAPI

extension OutboxSender {
    /// `call` with the tenant's provider token in place of `SendInvoice.tenantProviderToken`: invoices wait in the outbox
    /// without the token (it is stored only sealed), and get it here, in memory, just before they are sent. Any other
    /// call, a Stars invoice, or a tenant without a provider token is returned as it is (Telegram then refuses the
    /// invoice, which is recorded like any refusal).
    func withProviderToken(_ call: OutgoingCall, tenant: TenantID) async -> OutgoingCall {
        guard call.methodName == SendInvoice.name, let providerToken = settings.providerToken else { return call }
        switch call {
        case .json(let method, let body):
            let marker = Array("\"\(SendInvoice.tenantProviderToken)\"".utf8)
            guard let range = Self.find(marker, in: body), let token = await providerToken(tenant),
                let quoted = try? JSONEncoder().encode(token)
            else { return call }
            var filled = body
            filled.replaceSubrange(range, with: Array(quoted))
            return .json(method: method, body: filled)
        case .typed(.sendInvoice(var invoice)) where invoice.providerToken == SendInvoice.tenantProviderToken:
            guard let token = await providerToken(tenant) else { return call }
            invoice.providerToken = token
            return .typed(.sendInvoice(invoice))
        case .typed:
            return call
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start..<start + needle.count
        }
        return nil
    }
}
