/// setChatMenuButton for every private chat of the bot (no chat_id): a Mini App, or the default (the commands).
public struct SetChatMenuButton: BotMethod, Equatable, Decodable {
    public typealias Response = Bool
    public static let name = "setChatMenuButton"
    /// The button.
    public var menuButton: MenuButton

    enum CodingKeys: String, CodingKey { case menuButton = "menu_button" }

    /// Creates the call.
    public init(menuButton: MenuButton) { self.menuButton = menuButton }
}

/// A bot's menu button: `{"type": "web_app", "text", "web_app": {"url"}}` or `{"type": "default"}`.
public struct MenuButton: Codable, Sendable, Equatable {
    /// "web_app" or "default".
    public var type: String
    /// The label of a Mini App button.
    public var text: String?
    /// The Mini App.
    public var webApp: WebAppInfo?

    enum CodingKeys: String, CodingKey {
        case type, text
        case webApp = "web_app"
    }

    /// Creates a button.
    public init(type: String, text: String?, webApp: WebAppInfo?) {
        self.type = type
        self.text = text
        self.webApp = webApp
    }

    /// The Mini App as the menu button.
    public static func webApp(_ text: String, url: String) -> MenuButton { MenuButton(type: "web_app", text: text, webApp: WebAppInfo(url: url)) }
    /// Telegram's default (the command list).
    public static let standard = MenuButton(type: "default", text: nil, webApp: nil)
}
