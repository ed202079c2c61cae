/// An inline keyboard attached to a message.
public struct InlineKeyboardMarkup: Codable, Sendable, Equatable {
    /// Rows of buttons.
    public var inlineKeyboard: [[InlineKeyboardButton]]

    enum CodingKeys: String, CodingKey { case inlineKeyboard = "inline_keyboard" }

    /// Creates a keyboard.
    public init(_ rows: [[InlineKeyboardButton]]) { self.inlineKeyboard = rows }
}

/// A Mini App to open: its HTTPS URL.
public struct WebAppInfo: Codable, Sendable, Equatable {
    /// The page Telegram opens, adding the signed initData.
    public var url: String

    /// Creates the info.
    public init(url: String) { self.url = url }
}

/// One inline button: a callback, a URL or a Mini App.
public struct InlineKeyboardButton: Codable, Sendable, Equatable {
    /// Label.
    public var text: String
    /// Data sent back in a callback query (1–64 bytes).
    public var callbackData: String?
    /// URL to open.
    public var url: String?
    /// Mini App to open.
    public var webApp: WebAppInfo?

    enum CodingKeys: String, CodingKey {
        case text
        case callbackData = "callback_data"
        case url
        case webApp = "web_app"
    }

    /// A Mini App button.
    public init(text: String, webApp: WebAppInfo) {
        self.text = text
        self.webApp = webApp
    }

    /// A callback button.
    public init(text: String, callbackData: String) {
        self.text = text
        self.callbackData = callbackData
        self.url = nil
    }

    /// A URL button.
    public init(text: String, url: String) {
        self.text = text
        self.callbackData = nil
        self.url = url
    }
}

/// A custom reply keyboard under the input field.
public struct ReplyKeyboardMarkup: Codable, Sendable, Equatable {
    /// Rows of buttons.
    public var keyboard: [[KeyboardButton]]
    /// Keep the keyboard shown.
    public var isPersistent: Bool?
    /// Fit the keyboard's height.
    public var resizeKeyboard: Bool?

    enum CodingKeys: String, CodingKey {
        case keyboard
        case isPersistent = "is_persistent"
        case resizeKeyboard = "resize_keyboard"
    }

    /// Creates a keyboard.
    public init(_ rows: [[KeyboardButton]], isPersistent: Bool? = true, resizeKeyboard: Bool? = true) {
        self.keyboard = rows
        self.isPersistent = isPersistent
        self.resizeKeyboard = resizeKeyboard
    }
}

/// A reply keyboard button; pressing it sends its text, or (with `requestContact`) the user's own phone contact.
public struct KeyboardButton: Codable, Sendable, Equatable {
    /// Label and sent text.
    public var text: String
    /// True: pressing it shares the user's own contact (Telegram asks for consent first); private chats only.
    public var requestContact: Bool?

    enum CodingKeys: String, CodingKey {
        case text
        case requestContact = "request_contact"
    }

    /// Creates a button.
    public init(_ text: String, requestContact: Bool? = nil) {
        self.text = text
        self.requestContact = requestContact
    }
}

/// Removes a custom reply keyboard.
public struct ReplyKeyboardRemove: Codable, Sendable, Equatable {
    /// Always true.
    public var removeKeyboard: Bool = true

    enum CodingKeys: String, CodingKey { case removeKeyboard = "remove_keyboard" }

    /// Creates the removal marker.
    public init() {}
}

/// Any `reply_markup` a send method accepts.
public enum ReplyMarkup: Codable, Sendable, Equatable {
    /// Inline keyboard.
    case inline(InlineKeyboardMarkup)
    /// Reply keyboard.
    case reply(ReplyKeyboardMarkup)
    /// Remove the reply keyboard.
    case remove(ReplyKeyboardRemove)

    /// Encodes as the wrapped object.
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .inline(let markup): try markup.encode(to: encoder)
        case .reply(let markup): try markup.encode(to: encoder)
        case .remove(let markup): try markup.encode(to: encoder)
        }
    }

    /// Decodes whichever shape is present.
    public init(from decoder: Decoder) throws {
        if let inline = try? InlineKeyboardMarkup(from: decoder) {
            self = .inline(inline)
        } else if let reply = try? ReplyKeyboardMarkup(from: decoder) {
            self = .reply(reply)
        } else {
            self = .remove(try ReplyKeyboardRemove(from: decoder))
        }
    }
}
