import BookingCore
import Foundation
import Storage

extension PoliciesAdminFlow {
    /// The owner sets how deposits are taken: "-" none, "stars" Telegram Stars, or a provider token from BotFather, which
    /// is sealed at once (like bot tokens) and never shown back, not even in the audit log.
    func receivePayments(_ text: String, reply: inout Reply) async throws {
        let old = try await deposits.paymentMode(reply.tenant.id)
        let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let mode: PaymentMode
        switch typed.lowercased() {
        case "-", "—", "0", "off": mode = .none
        case "stars", "xtr": mode = .stars
        default:
            guard Self.isProviderToken(typed) else { return reply.send(reply.biz(.badValue, ["hint": reply.biz(.hintPayments)])) }
            guard let seal else {
                session.setInput(nil, reply: &reply)
                return reply.send(reply.biz(.paymentsUnavailable))
            }
            mode = .provider(sealedToken: try seal(typed))
        }
        session.setInput(nil, reply: &reply)
        try await deposits.setPaymentMode(mode, tenant: reply.tenant.id, now: session.clock())
        try await session.audit(.editPolicies, target: "policy:payments", old: old.code, new: mode.code, reply: reply)
        try await show(reply: &reply, notice: reply.admin(.saved))
    }

    /// A provider token's shape: "<bot id digits>:<TEST|LIVE>:<key>", at most 256 characters of A–Z a–z 0–9 _ - :.
    static func isProviderToken(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard text.count <= 256, parts.count == 3, ["TEST", "LIVE"].contains(parts[1]), !parts[2].isEmpty else { return false }
        guard let id = Int64(parts[0]), id > 0 else { return false }  // bounded: a shape check, never computed with
        return parts[2].unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    /// The payment method as the rules card shows it (the token never).
    static func modeText(_ mode: PaymentMode, _ reply: Reply) -> String {
        switch mode {
        case .none: reply.biz(.paymentNone)
        case .stars: reply.biz(.paymentStars)
        case .provider: reply.biz(.paymentProvider)
        }
    }
}
