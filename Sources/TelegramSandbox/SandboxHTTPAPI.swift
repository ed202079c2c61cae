import Foundation
import HTTPTypes
import Hummingbird
import TelegramBotAPI

/// The sandbox's own HTTP API for people and tests, next to the Bot API.
///
/// - `GET /` — an HTML list of bots with links to their chat pages.
/// - `GET /chat/{botUsername}?user=<id>&lang=ru&name=<first name>` — the chat page (Resources/chat.html).
/// - `GET /sandbox/api/bots` → `[{"id", "username", "first_name", "webhook_url", "chat_url"}]`.
/// - `GET /sandbox/api/bots/{username}/chats/{userID}/transcript` → `{"bot": {…}, "user_id", "blocked",
///   "messages": [{"message_id", "from": "bot"|"user", "date", "text", "caption", "edited",
///   "inline_keyboard": [[{"text", "callback_data", "url"}]], "reply_keyboard": [["text"]],
///   "document": {"file_name", "mime_type", "size"}}], "reply_keyboard": [["text"]] | null (shown now),
///   "pending_presses", "callback_answers": [{"text", "show_alert"}]}`.
/// - `POST /sandbox/api/bots/{username}/chats/{userID}/send` with `{"text", "first_name"?, "language_code"?}`
///   → `{"ok": true, "update_id"}`.
/// - `POST /sandbox/api/bots/{username}/chats/{userID}/press` with `{"message_id", "callback_data"}` or
///   `{"text": "button text"}` → `{"ok": true, "update_id"}`; 404 `{"error"}` when no such button.
/// - `POST /sandbox/api/bots/{username}/chats/{userID}/webapp` with `{"url", "language_code"?}` → `{"url"}`: the Mini
///   App's launch URL with initData signed by the bot's token, as Telegram opens a `web_app` button.
///
/// Errors are `{"error": "…"}` with 400 (bad body), 404 (unknown bot or button) or 403 (user blocked the bot).
struct SandboxHTTPAPI: Sendable {
    /// The sandbox state the API reads and changes.
    let store: SandboxStore
    /// The contents of Resources/chat.html.
    let chatPage: ByteBuffer
    /// The token the people API requires in `X-Sandbox-Token`; nil: open (tests on loopback).
    var peopleToken: String? = nil

    static let tokenHeader = HTTPField.Name("X-Sandbox-Token")!

    /// True when the request may use the people API.
    private func allowed(_ request: Request) -> Bool {
        guard let peopleToken else { return true }
        return request.headers[Self.tokenHeader] == peopleToken
    }

    private static let refused = Response(
        status: .unauthorized, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: #"{"error": "the sandbox token is missing or wrong (open the chat URL zapis printed)"}"#)))

    /// Adds the routes.
    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in html(indexPage()) }
        router.get("/chat/:username") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: chatPage))
        }
        router.get("/sandbox/api/bots") { request, _ in allowed(request) ? json(bots()) : Self.refused }
        router.get("/sandbox/api/bots/:username/chats/:user/transcript") { request, context in
            guard allowed(request) else { return Self.refused }
            return try respond { () throws(SandboxError) in
                let (token, userID) = try target(context)
                return json(try transcript(token, userID: userID))
            }
        }
        router.post("/sandbox/api/bots/:username/chats/:user/send") { request, context in
            guard allowed(request) else { return Self.refused }
            let body = try? await request.body.collect(upTo: 1 << 20)
            return try respond { () throws(SandboxError) in
                let (token, userID) = try target(context)
                guard let body, let send = try? JSONDecoder().decode(TranscriptJSON.SendBody.self, from: body) else {
                    throw .invalidRequest("expected {\"text\": \"…\"}")
                }
                let known = try store.withKnownBot(token) { $0.chats[userID]?.user }
                let user = User(
                    id: userID, firstName: send.firstName ?? known?.firstName ?? "Guest",
                    languageCode: send.languageCode ?? known?.languageCode)
                return json(TranscriptJSON.Accepted(updateID: try store.userSends(token, user: user, text: send.text)))
            }
        }
        router.post("/sandbox/api/bots/:username/chats/:user/webapp") { request, context in
            guard allowed(request) else { return Self.refused }
            let body = try? await request.body.collect(upTo: 1 << 16)
            return try respond { () throws(SandboxError) in
                let (token, userID) = try target(context)
                guard let body, let open = try? JSONDecoder().decode(TranscriptJSON.WebAppBody.self, from: body) else {
                    throw .invalidRequest("expected {\"url\": \"…\"}")
                }
                return json(["url": try webAppLaunch(token, userID: userID, url: open.url, language: open.languageCode)])
            }
        }
        // Pays an invoice as Telegram does: the bot has 10 s to answer the pre-checkout query; the answer comes back.
        router.post("/sandbox/api/bots/:username/chats/:user/pay") { request, context in
            guard allowed(request) else { return Self.refused }
            let body = try? await request.body.collect(upTo: 1 << 16)
            let payer: SimulatedUser
            let invoice: Int64
            do throws(SandboxError) {
                let (token, userID) = try target(context)
                guard let body, let pay = try? JSONDecoder().decode(TranscriptJSON.PayBody.self, from: body),
                    let user = try store.withKnownBot(token, { $0.chats[userID]?.user })
                else { throw .invalidRequest("expected {\"message_id\"} of an invoice in a started chat") }
                (payer, invoice) = (SimulatedUser(user: user, bot: token, store: store), pay.messageID)
            } catch {
                return try respond { () throws(SandboxError) in throw error }
            }
            let result: SandboxPaymentResult
            do {
                result = try await payer.pay(invoice: invoice)
            } catch let error as SandboxError {
                return try respond { () throws(SandboxError) in throw error }
            }
            switch result {
            case .paid(let charge): return json(["result": "paid", "charge_id": charge])
            case .refused(let message): return json(["result": "refused", "message": message])
            case .timedOut: return json(["result": "timed_out"])
            }
        }
        router.post("/sandbox/api/bots/:username/chats/:user/press") { request, context in
            guard allowed(request) else { return Self.refused }
            let body = try? await request.body.collect(upTo: 1 << 20)
            return try respond { () throws(SandboxError) in
                let (token, userID) = try target(context)
                guard let body, let press = try? JSONDecoder().decode(TranscriptJSON.PressBody.self, from: body) else {
                    throw .invalidRequest("expected {\"message_id\", \"callback_data\"} or {\"text\"}")
                }
                let user = try store.withKnownBot(token) { $0.chats[userID]?.user } ?? User(id: userID, firstName: "Guest")
                let pressed: (messageID: Int64, data: String)
                if let messageID = press.messageID, let data = press.callbackData {
                    pressed = (messageID, data)
                } else if let text = press.text {
                    pressed = try store.button(token, userID: userID, text: text)
                } else {
                    throw .invalidRequest("expected {\"message_id\", \"callback_data\"} or {\"text\"}")
                }
                let updateID = try store.userPresses(token, user: user, data: pressed.data, messageID: pressed.messageID)
                return json(TranscriptJSON.Accepted(updateID: updateID))
            }
        }
    }

    /// A Mini App's launch URL for `userID` of the bot with `token`: `url` with the initData Telegram would add,
    /// signed with the bot's token, the platform and a light theme in its fragment.
    private func webAppLaunch(_ token: BotToken, userID: Int64, url: String, language: String?) throws(SandboxError) -> String {
        guard ["http://", "https://"].contains(where: { url.lowercased().hasPrefix($0) }), url.utf8.count <= 2_048, !url.contains("#") else {
            throw .invalidRequest("expected {\"url\": \"http(s)://…\"} without a fragment")
        }
        let known = try store.withKnownBot(token) { $0.chats[userID]?.user }
        var user = known ?? User(id: userID, firstName: "Guest", languageCode: language)
        if let language { user.languageCode = language }
        let initData = WebAppInitData.sign(user: user, authDate: Date(), botToken: token.rawValue, queryID: "sandbox-\(userID)")
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-._~")
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
        return url + "#tgWebAppData=\(encoded(initData))&tgWebAppVersion=8.0&tgWebAppPlatform=web&tgWebAppThemeParams="
            + encoded(Self.theme)
    }

    /// Telegram's light theme, as a client passes it.
    static let theme =
        ##"{"bg_color":"#ffffff","text_color":"#000000","hint_color":"#707579","link_color":"#3390ec","button_color":"#3390ec","##
        + ##""button_text_color":"#ffffff","secondary_bg_color":"#f4f4f5","destructive_text_color":"#e53935"}"##

    private func target(_ context: BasicRequestContext) throws(SandboxError) -> (BotToken, Int64) {
        let username = context.parameters.get("username") ?? ""
        guard let token = store.token(forUsername: username) else { throw .unknownBot(username) }
        guard let userID = context.parameters.get("user").flatMap(Int64.init), userID > 0 else {
            throw .invalidRequest("user id must be a positive integer")
        }
        return (token, userID)
    }

    private func bots() -> [TranscriptJSON.Bot] {
        store.state.withLock { state in
            state.bots.values.sorted { $0.user.id < $1.user.id }.map(Self.botJSON)
        }
    }

    private static func botJSON(_ bot: BotRecord) -> TranscriptJSON.Bot {
        let username = bot.user.username ?? ""
        return TranscriptJSON.Bot(
            id: bot.user.id, username: username, firstName: bot.user.firstName, webhookURL: bot.webhook?.url,
            chatURL: "/chat/\(username)")
    }

    private func transcript(_ token: BotToken, userID: Int64) throws(SandboxError) -> TranscriptJSON.Transcript {
        try store.withKnownBot(token) { bot in
            let chat = bot.chats[userID]
            let messages = chat?.messages.map(\.message) ?? []
            var keyboard: [[String]]?
            for message in messages.reversed() where message.fromBot {
                if message.removesReplyKeyboard { break }
                if let shown = message.replyKeyboard {
                    keyboard = shown.keyboard.map { $0.map(\.text) }
                    break
                }
            }
            return TranscriptJSON.Transcript(
                bot: Self.botJSON(bot), userID: userID, blocked: chat?.blocked ?? false,
                messages: messages.map(TranscriptJSON.MessageJSON.init), replyKeyboard: keyboard,
                pendingPresses: chat?.pendingPresses.count ?? 0,
                callbackAnswers: (chat?.answers ?? []).map { TranscriptJSON.Answer(text: $0.text, showAlert: $0.showAlert) },
                menuButton: bot.menuButton.flatMap { button in
                    button.webApp.map { TranscriptJSON.Button(InlineKeyboardButton(text: button.text ?? "", webApp: $0)) }
                })
        }
    }

    private func indexPage() -> String {
        let links = bots().map { bot in
            "<li><a href=\"\(bot.chatURL)?user=100000001\">@\(Self.escape(bot.username))</a> — \(Self.escape(bot.firstName))</li>"
        }
        return "<!doctype html><meta charset=utf-8><title>Telegram sandbox</title><h1>Bots</h1><ul>\(links.joined())</ul>"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private func respond(_ body: () throws(SandboxError) -> Response) throws -> Response {
        do {
            return try body()
        } catch {
            let status: HTTPResponse.Status =
                switch error {
                case .unknownBot, .buttonNotFound: .notFound
                case .userBlockedBot: .forbidden
                default: .badRequest
                }
            return json(["error": error.description], status: status)
        }
    }

    private func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func html(_ page: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
