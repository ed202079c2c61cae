import TelegramBotAPI

/// The JSON shapes of the sandbox's own HTTP API (see `SandboxHTTPAPI`).
enum TranscriptJSON {
    /// One bot in `GET /sandbox/api/bots`.
    struct Bot: Encodable {
        let id: Int64
        let username: String
        let firstName: String
        let webhookURL: String?
        let chatURL: String

        enum CodingKeys: String, CodingKey {
            case id, username
            case firstName = "first_name"
            case webhookURL = "webhook_url"
            case chatURL = "chat_url"
        }
    }

    /// `GET …/transcript`.
    struct Transcript: Encodable {
        let bot: Bot
        let userID: Int64
        let blocked: Bool
        let messages: [MessageJSON]
        let replyKeyboard: [[String]]?
        let pendingPresses: Int
        let callbackAnswers: [Answer]
        /// The bot's menu button when it opens a Mini App: `{"text", "web_app_url"}`.
        let menuButton: Button?

        enum CodingKeys: String, CodingKey {
            case bot, blocked, messages
            case menuButton = "menu_button"
            case userID = "user_id"
            case replyKeyboard = "reply_keyboard"
            case pendingPresses = "pending_presses"
            case callbackAnswers = "callback_answers"
        }
    }

    /// One message of a transcript.
    struct MessageJSON: Encodable {
        let messageID: Int64
        let from: String
        let date: Int64
        let text: String?
        let caption: String?
        let edited: Bool
        let inlineKeyboard: [[Button]]?
        let replyKeyboard: [[String]]?
        let document: DocumentJSON?
        /// An invoice: what it asks.
        let invoice: AmountJSON?
        /// A payment the user made: what it paid.
        let payment: AmountJSON?

        enum CodingKeys: String, CodingKey {
            case from, date, text, caption, edited, document, invoice, payment
            case messageID = "message_id"
            case inlineKeyboard = "inline_keyboard"
            case replyKeyboard = "reply_keyboard"
        }

        /// Converts a transcript message.
        init(_ message: SandboxMessage) {
            messageID = message.messageID
            from = message.fromBot ? "bot" : "user"
            date = message.date
            text = message.text
            caption = message.caption
            edited = message.editCount > 0
            inlineKeyboard = message.inlineKeyboard?.inlineKeyboard.map { $0.map(Button.init) }
            replyKeyboard = message.replyKeyboard?.keyboard.map { $0.map(\.text) }
            document = message.document.map(DocumentJSON.init)
            invoice = message.invoice.map { AmountJSON(title: $0.title, currency: $0.currency, totalAmount: $0.totalAmount) }
            payment = message.payment.map { AmountJSON(title: nil, currency: $0.currency, totalAmount: $0.totalAmount) }
        }
    }

    /// An invoice's or a payment's sum.
    struct AmountJSON: Encodable {
        let title: String?
        let currency: String
        let totalAmount: Int64

        enum CodingKeys: String, CodingKey {
            case title, currency
            case totalAmount = "total_amount"
        }
    }

    /// The body of a pay request: the invoice message.
    struct PayBody: Decodable {
        let messageID: Int64

        enum CodingKeys: String, CodingKey { case messageID = "message_id" }
    }

    /// An inline button.
    struct Button: Encodable {
        let text: String
        let callbackData: String?
        let url: String?
        let webAppURL: String?

        enum CodingKeys: String, CodingKey {
            case text, url
            case callbackData = "callback_data"
            case webAppURL = "web_app_url"
        }

        /// Converts a button.
        init(_ button: InlineKeyboardButton) {
            text = button.text
            callbackData = button.callbackData
            url = button.url
            webAppURL = button.webApp?.url
        }
    }

    /// A document, without its bytes.
    struct DocumentJSON: Encodable {
        let fileName: String
        let mimeType: String?
        let size: Int

        enum CodingKeys: String, CodingKey {
            case size
            case fileName = "file_name"
            case mimeType = "mime_type"
        }

        /// Describes a document without its bytes.
        init(_ document: SandboxDocument) {
            fileName = document.fileName
            mimeType = document.mimeType
            size = document.bytes.count
        }
    }

    /// A recorded answerCallbackQuery.
    struct Answer: Encodable {
        let text: String?
        let showAlert: Bool

        enum CodingKeys: String, CodingKey {
            case text
            case showAlert = "show_alert"
        }
    }

    /// Body of `POST …/send`.
    struct SendBody: Decodable {
        let text: String
        let firstName: String?
        let languageCode: String?

        enum CodingKeys: String, CodingKey {
            case text
            case firstName = "first_name"
            case languageCode = "language_code"
        }
    }

    /// Body of `POST …/webapp`: the Mini App to open.
    struct WebAppBody: Decodable {
        let url: String
        let languageCode: String?

        enum CodingKeys: String, CodingKey {
            case url
            case languageCode = "language_code"
        }
    }

    /// Body of `POST …/press`: either message_id + callback_data, or the button's text.
    struct PressBody: Decodable {
        let messageID: Int64?
        let callbackData: String?
        let text: String?

        enum CodingKeys: String, CodingKey {
            case text
            case messageID = "message_id"
            case callbackData = "callback_data"
        }
    }

    /// Answer of send and press.
    struct Accepted: Encodable {
        let ok = true
        let updateID: Int64

        enum CodingKeys: String, CodingKey {
            case ok
            case updateID = "update_id"
        }
    }
}
