import Foundation
import Hummingbird
import TelegramBotAPI

/// Serves `/bot{token}/{method}`: parses parameters, applies injected failures, dispatches, answers JSON.
struct BotAPIEndpoint: Sendable {
    /// The sandbox state the methods act on.
    let store: SandboxStore

    /// Largest request body (Telegram allows 50 MB uploads).
    static let maxBodyBytes = 52 << 20

    /// Answers one Bot API request.
    func respond(to request: Request, context: some RequestContext) async -> Response {
        let rawToken = context.parameters.get("token") ?? ""
        let presented = rawToken.removingPercentEncoding ?? rawToken
        let token: String
        do throws(BotAPIFailure) {
            token = try store.apiKey(for: presented)
        } catch {
            let (status, json) = fail(token: presented, method: context.parameters.get("method") ?? "", chatID: nil, error)
            return Self.response(status: status, json: json)
        }
        let method = context.parameters.get("method") ?? ""
        var request = request
        let parameters: BotAPIParameters
        do throws(BotAPIFailure) {
            guard BotToken(token).isWellFormed else { throw BotAPIFailure.notFound }
            _ = try store.withBot(token) { _ in () }
            let body = try await collect(&request)
            parameters = try BotAPIParameters.parse(query: request.uri.query, contentType: request.headers[.contentType], body: body)
        } catch {
            let (status, json) = fail(token: token, method: method, chatID: nil, error)
            return Self.response(status: status, json: json)
        }
        let (status, json) = await perform(method, token: token, parameters)
        return Self.response(status: status, json: json)
    }

    /// Carries out one parsed call the way Telegram would and records it; `viaWebhookReply` marks a call a bot
    /// made in its answer to a webhook POST (whose result nobody reads).
    func perform(_ method: String, token: String, _ parameters: BotAPIParameters, viaWebhookReply: Bool = false) async -> (Int, Data) {
        let chatID = try? parameters.int64("chat_id")
        do throws(BotAPIFailure) {
            _ = try store.withBot(token) { _ in () }
            if let injected = store.takeInjectedFailure(token: token, method: method, chatID: chatID) {
                if injected.delay > .zero { try? await Task.sleep(for: injected.delay) }
                throw injected.failure
            }
            if let flooded = store.flood.admit(botID: BotToken(token).botID ?? 0, method: method, chatID: chatID) { throw flooded }
            // Timed only once admitted (a refused request is no answer), and before its effects are visible.
            store.probe.received(
                botID: BotToken(token).botID, method: method, chatID: chatID, callbackID: parameters.string("callback_query_id"))
            let result = try await dispatch(method, token: token, parameters)
            store.record(token: token, method: method, chatID: chatID, failure: nil, viaWebhookReply: viaWebhookReply)
            store.probe.served(method: method, status: 200, error: nil, viaWebhookReply: viaWebhookReply)
            return (200, result)
        } catch {
            return fail(token: token, method: method, chatID: chatID, error, viaWebhookReply: viaWebhookReply)
        }
    }

    /// Records a refused call; its status and Telegram's error body.
    private func fail(token: String, method: String, chatID: Int64?, _ error: BotAPIFailure, viaWebhookReply: Bool = false) -> (Int, Data) {
        store.record(token: token, method: method, chatID: chatID, failure: error, viaWebhookReply: viaWebhookReply)
        store.probe.served(method: method, status: error.code, error: error.description, viaWebhookReply: viaWebhookReply)
        return (error.code, Self.errorBody(error))
    }

    private func collect(_ request: inout Request) async throws(BotAPIFailure) -> [UInt8] {
        do {
            return Array(buffer: try await request.body.collect(upTo: Self.maxBodyBytes))
        } catch {
            throw BotAPIFailure(code: 413, description: "Request Entity Too Large")
        }
    }

    private func dispatch(_ method: String, token: String, _ p: BotAPIParameters) async throws(BotAPIFailure) -> Data {
        switch method.lowercased() {
        case "getme": return Self.success(try store.withBot(token) { $0.user })
        case "getupdates":
            let updates = try await store.getUpdates(token, p)
            store.probe.delivered(updates, botID: BotToken(token).botID)
            return Self.success(updates)
        case "setwebhook": return Self.success(try store.setWebhook(token, p))
        case "deletewebhook": return Self.success(try store.deleteWebhook(token, p))
        case "getwebhookinfo": return Self.success(try store.getWebhookInfo(token))
        case "sendmessage": return Self.success(try store.sendMessage(token, p))
        case "senddocument": return Self.success(try store.sendDocument(token, p))
        case "sendphoto": return Self.success(try store.sendPhoto(token, p))
        case "editmessagetext": return Self.success(try store.editMessageText(token, p))
        case "editmessagereplymarkup": return Self.success(try store.editMessageReplyMarkup(token, p))
        case "deletemessage": return Self.success(try store.deleteMessage(token, p))
        case "answercallbackquery": return Self.success(try store.answerCallbackQuery(token, p))
        case "setmycommands": return Self.success(try store.setMyCommands(token, p))
        case "setchatmenubutton": return Self.success(try store.setChatMenuButton(token, p))
        case "setmydescription": return Self.success(try store.setDescription(token, p, short: false))
        case "setmyshortdescription": return Self.success(try store.setDescription(token, p, short: true))
        case "sendinvoice": return Self.success(try store.sendInvoice(token, p))
        case "answerprecheckoutquery": return Self.success(try store.answerPreCheckoutQuery(token, p))
        case "refundstarpayment": return Self.success(try store.refundStarPayment(token, p))
        case "getmycommands": return Self.success(try store.getMyCommands(token, p))
        case "deletemycommands":
            var cleared = p
            cleared.values["commands"] = .array([])
            return Self.success(try store.setMyCommands(token, cleared))
        default: throw .notFound
        }
    }

    // MARK: Envelopes

    private struct SuccessEnvelope<Result: Encodable>: Encodable {
        let ok = true
        let result: Result
    }

    /// Telegram's error body, keys in Telegram's order: ok, error_code, description, parameters.
    private static func errorBody(_ failure: BotAPIFailure) -> Data {
        let description = (try? JSONEncoder().encode(failure.description)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        var json = #"{"ok":false,"error_code":\#(failure.code),"description":\#(description)"#
        if let retryAfter = failure.retryAfter { json += #","parameters":{"retry_after":\#(retryAfter)}"# }
        return Data((json + "}").utf8)
    }

    private static func success<Result: Encodable>(_ result: Result) -> Data { encode(SuccessEnvelope(result: result)) }

    private static func encode<Value: Encodable>(_ value: Value) -> Data {
        (try? JSONEncoder().encode(value)) ?? Data(#"{"ok":false,"error_code":500,"description":"encoding failed"}"#.utf8)
    }

    /// A JSON response with the given status.
    static func response(status: Int, json: Data) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }
}
