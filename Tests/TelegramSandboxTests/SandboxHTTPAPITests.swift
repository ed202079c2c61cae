import AsyncHTTPClient
import Foundation
import NIOCore
import TelegramBotAPI
import TelegramSandbox
import Testing

/// The JSON API and chat page people and end-to-end tests use.
@Suite struct SandboxHTTPAPITests {
    func request(_ url: String, post json: String? = nil) async throws -> (status: UInt, body: String) {
        var request = HTTPClientRequest(url: url)
        if let json {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, String(buffer: body))
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func chatThroughTheJSONAPI() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let api = "\(h.baseURL)/sandbox/api/bots/demo_salon_bot/chats/100000007"

            let bots = try await request("\(h.baseURL)/sandbox/api/bots")
            #expect(bots.status == 200 && bots.body.contains("\"username\":\"demo_salon_bot\"") && bots.body.contains("7000000001"))

            let sent = try await request("\(api)/send", post: #"{"text": "/start", "first_name": "Ольга", "language_code": "en"}"#)
            #expect(sent.status == 200)
            let update = try #require(try await h.call(GetUpdates(), token: token).first)
            #expect(update.message?.from?.firstName == "Ольга" && update.message?.from?.languageCode == "en")
            _ = try await h.client.call(GetUpdates(offset: update.updateID + 1), token: token)

            let keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(text: "Стрижка", callbackData: "svc:1")]])
            let menu = try await h.client.call(
                SendMessage(chatID: 100_000_007, text: "Услуги", replyMarkup: .inline(keyboard)), token: token)
            let transcript = try object(try await request("\(api)/transcript").body)
            let messages = try #require(transcript["messages"] as? [[String: Any]])
            #expect(messages.map { $0["from"] as? String } == ["user", "bot"])
            #expect(messages.last?["text"] as? String == "Услуги")
            let rows = try #require(messages.last?["inline_keyboard"] as? [[[String: Any]]])
            #expect(rows.first?.first?["callback_data"] as? String == "svc:1")

            #expect(try await request("\(api)/press", post: #"{"text": "Стрижка"}"#).status == 200)
            #expect(try await request("\(api)/press", post: #"{"message_id": \#(menu.messageID), "callback_data": "svc:1"}"#).status == 200)
            #expect(try await request("\(api)/press", post: #"{"text": "Нет"}"#).status == 404)
            #expect(try await request("\(api)/send", post: #"{"nope": 1}"#).status == 400)
            #expect(try await request("\(h.baseURL)/sandbox/api/bots/nobody_bot/chats/1/transcript").status == 404)
            let presses = try await h.client.call(GetUpdates(), token: token).compactMap(\.callbackQuery)
            #expect(presses.map(\.data) == ["svc:1", "svc:1"])
            #expect(try object(try await request("\(api)/transcript").body)["pending_presses"] as? Int == 2)
        }
    }

    @Test func chatPageIsServed() async throws {
        try await withSandbox { (h: Harness) async throws in
            _ = await h.bot()
            let page = try await request("\(h.baseURL)/chat/demo_salon_bot?user=100000001&lang=ru")
            #expect(page.status == 200)
            #expect(page.body.contains("/sandbox/api/bots/") && page.body.contains("setInterval(refresh, 700)"))
            #expect(!page.body.contains("http://") && !page.body.contains("https://"))  // No external assets.
            #expect(h.sandbox.chatURL(botUsername: "demo_salon_bot", userID: 5) == "\(h.baseURL)/chat/demo_salon_bot?user=5&lang=ru")
            let index = try await request("\(h.baseURL)/")
            #expect(index.body.contains("/chat/demo_salon_bot"))
        }
    }

    @Test func botAPIAcceptsFormsAndQueryStrings() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            try await h.sandbox.user(100_000_001, firstName: "Анна", bot: token).send("/start")
            let me = try await request("\(h.baseURL)/bot\(token.rawValue)/getMe")
            #expect(me.status == 200 && me.body.contains("\"is_bot\":true"))
            let updates = try await request("\(h.baseURL)/bot\(token.rawValue)/getUpdates?limit=1&timeout=0")
            #expect(updates.body.contains("\"text\":\"\\/start\"") || updates.body.contains("\"text\":\"/start\""))
            var form = HTTPClientRequest(url: "\(h.baseURL)/bot\(token.rawValue)/sendMessage")
            form.method = .POST
            form.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            form.body = .bytes(ByteBuffer(string: "chat_id=100000001&text=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%21"))
            let response = try await HTTPClient.shared.execute(form, timeout: .seconds(10))
            #expect(response.status.code == 200)
            _ = try await response.body.collect(upTo: 1 << 16)
            #expect(await h.sandbox.user(100_000_001, firstName: "Анна", bot: token).transcript().last?.text == "Привет !")
            let unknown = try await request("\(h.baseURL)/bot7000000099:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr/getMe")
            #expect(unknown.status == 401 && unknown.body == #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#)
        }
    }

    @Test func aWebAppButtonOpensWithInitDataSignedByTheBotsToken() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let api = "\(h.baseURL)/sandbox/api/bots/demo_salon_bot/chats/100000008"
            #expect(try await request("\(api)/send", post: #"{"text": "/start", "first_name": "Ольга", "language_code": "ru"}"#).status == 200)
            let keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(text: "📆", webApp: WebAppInfo(url: "https://zapis.example/app/demo_salon/"))]])
            _ = try await h.client.call(SendMessage(chatID: 100_000_008, text: "Услуги", replyMarkup: .inline(keyboard)), token: token)
            let transcript = try object(try await request("\(api)/transcript").body)
            let rows = try #require((transcript["messages"] as? [[String: Any]])?.last?["inline_keyboard"] as? [[[String: Any]]])
            let url = try #require(rows.first?.first?["web_app_url"] as? String)
            let opened = try await request("\(api)/webapp", post: #"{"url": "\#(url)"}"#)
            #expect(opened.status == 200)
            let launch = try #require(try object(opened.body)["url"] as? String)
            #expect(launch.hasPrefix(url + "#tgWebAppData="))
            // What the page gets is what Telegram would give it: valid for this bot's token, for this user.
            let fragment = try #require(URLComponents(string: "https://x/?" + launch.split(separator: "#", maxSplits: 1)[1]))
            let initData = try #require(fragment.queryItems?.first { $0.name == "tgWebAppData" }?.value)
            let data = try WebAppInitData.validate(initData, botToken: token.rawValue, now: Date(), maxAge: 60)
            #expect(data.user.id == 100_000_008 && data.user.firstName == "Ольга")
            #expect(throws: WebAppInitData.Failure.badHash) {
                try WebAppInitData.validate(initData, botToken: "7000000002:other", now: Date(), maxAge: 60)
            }
            // Not a web page, a fragment already, or no body: refused.
            for body in [#"{"url": "javascript:alert(1)"}"#, #"{"url": "https://x/#a"}"#, "{}", "nope"] {
                #expect(try await request("\(api)/webapp", post: body).status == 400, "\(body)")
            }
            #expect(try await request("\(h.baseURL)/sandbox/api/bots/nobody_bot/chats/1/webapp", post: #"{"url": "https://x/"}"#).status == 404)
            // The menu button the bot sets (setChatMenuButton) shows on the chat page; the default removes it.
            _ = try await h.client.call(SetChatMenuButton(menuButton: .webApp("📆", url: url)), token: token)
            let menu = try #require(try object(try await request("\(api)/transcript").body)["menu_button"] as? [String: Any])
            #expect(menu["web_app_url"] as? String == url && menu["text"] as? String == "📆")
            _ = try await h.client.call(SetChatMenuButton(menuButton: .standard), token: token)
            #expect(try object(try await request("\(api)/transcript").body)["menu_button"] == nil)
            await #expect(throws: (any Error).self) {
                try await h.client.call(SetChatMenuButton(menuButton: MenuButton(type: "web_app", text: "x", webApp: nil)), token: token)
            }
        }
    }
}
