import BookingCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Storage
import TelegramBotAPI

/// `GET /pay/{payment}/{signature}`: the link a bot gives for a stored payment. Flows store the payment in their
/// transaction but make no network calls, so YooKassa's payment is created here, when the buyer opens the link (the
/// idempotence key is derived from our payment id: opening it again gives the same payment), and the buyer is
/// redirected to YooKassa's confirmation page. The signature keeps payment ids from being enumerated.
struct PayRoutes: Sendable {
    let checkout: Checkout
    let billing: any BillingStore
    let vault: TokenVault
    let logger: Logger

    /// The signature a pay link of payment `id` carries.
    static func signature(_ id: PaymentID, vault: TokenVault) -> String { vault.linkSignature("pay:\(id.rawValue)") }

    func register(on router: Router<AppRequestContext>) {
        router.get("/pay/:payment/:signature") { _, context -> Response in
            await answer(payment: context.parameters.get("payment") ?? "", signature: context.parameters.get("signature") ?? "")
        }
    }

    func answer(payment raw: String, signature: String) async -> Response {
        guard raw.utf8.count <= 18, let number = Int64(raw), number > 0,
            WebhookSecret.matches(signature, expected: Self.signature(PaymentID(number), vault: vault))
        else { return Self.page(.notFound, "Ссылка недействительна — this link is not valid.") }
        do {
            guard let record = try await billing.payment(PaymentID(number)), record.provider == .yookassa else {
                return Self.page(.notFound, "Ссылка недействительна — this link is not valid.")
            }
            switch record.status {
            case .succeeded: return Self.page(.ok, "Уже оплачено — paid already. Вернитесь в Telegram — return to Telegram.")
            case .canceled: return Self.page(.gone, "Платёж отменён — this payment was canceled. Закажите снова в боте — order again in the bot.")
            case .pending:
                let url = try await checkout.open(record, description: "Zapis — \(record.reference) (\(record.tenant))")
                return Response(status: .seeOther, headers: [.location: url])
            }
        } catch {
            logger.warning("cannot open a payment", metadata: ["payment": "\(number)", "error": "\(error)"])
            return Self.page(.serviceUnavailable, "Платёжная система недоступна, попробуйте через минуту — payments are unavailable, try again in a minute.")
        }
    }

    static func page(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "<!doctype html><meta charset=\"utf-8\"><title>Zapis</title><p>\(text)</p>")))
    }
}
