import BookingCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TelegramBotAPI

/// `POST /telegram/{tenant}`: checks tenant and secret, decodes, processes, then answers.
struct WebhookRoutes {
    let directory: TenantDirectory
    let processor: UpdateProcessor
    /// Answers are counted by status (`zapis_webhook_responses_total`).
    let metrics: ZapisMetrics
    /// Telegram's updates are small; anything larger is refused before decoding.
    static let maxBodyBytes = 1 << 20

    static let secretHeader = HTTPField.Name("X-Telegram-Bot-Api-Secret-Token")!

    func register(on router: Router<AppRequestContext>) {
        router.post("/telegram/:tenant") { request, context in
            do {
                let response = try await handle(request, tenant: context.parameters.get("tenant") ?? "", logger: context.logger)
                metrics.webhookResponses.increment(response.status.code)
                return response
            } catch {
                metrics.webhookResponses.increment((error as? any HTTPResponseError)?.status.code ?? 500)
                throw error
            }
        }
    }

    /// Answers one webhook request; `logger` is the request's (it carries the request id).
    func handle(_ request: Request, tenant rawID: String, logger: Logger) async throws -> Response {
        // An unknown tenant and a wrong secret get the same answer, so a prober learns nothing of which ids exist;
        // unknown ids are answered from the directory's memory (no SQL per made-up id).
        guard let id = TenantID(rawID), let tenant = try await directory.tenant(id) else {
            return Self.plain(.unauthorized, "unauthorized")
        }
        let presented = request.headers[Self.secretHeader]
        guard tenant.acceptedWebhookSecrets.contains(where: { WebhookSecret.matches(presented, expected: $0) }) else {
            logger.warning("webhook with a wrong secret", metadata: ["tenant": "\(id)"])
            return Self.plain(.unauthorized, "unauthorized")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            return Self.plain(.contentTooLarge, "update too large")
        }
        let update: Update
        do {
            update = try JSONDecoder().decode(Update.self, from: Data(buffer: body))
        } catch {
            logger.warning("malformed update", metadata: ["tenant": "\(id)", "error": "\(error)"])
            return Self.plain(.badRequest, "malformed update")
        }
        let answer: BotCall?
        do {
            answer = try await processor.process(update, tenant: tenant, answerInline: true, body: Array(buffer: body), logger: logger)
        } catch {
            logger.error("update failed; Telegram will redeliver", metadata: ["tenant": "\(id)", "update": "\(update.updateID)", "error": "\(error)"])
            return Self.plain(.internalServerError, "try again")
        }
        if let answer, let body = try? Self.replyBody(answer) {
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: body)))
        }
        return Self.plain(.ok, "ok")
    }

    /// The webhook answer's JSON for an inline answer (a button press's or a pre-checkout query's).
    static func replyBody(_ call: BotCall) throws -> Data? {
        switch call {
        case .answerCallbackQuery(let answer): try WebhookReply(answer).body()
        case .answerPreCheckoutQuery(let answer): try WebhookReply(answer).body()
        default: nil
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
