import TelegramBotAPI

/// One message of a sandbox chat as the user sees it: bot edits are applied in place.
public struct SandboxMessage: Sendable, Equatable {
    /// Identifier inside the chat (shared by both directions, like a private chat).
    public var messageID: Int64
    /// True when the bot sent it; false for the simulated user's messages.
    public var fromBot: Bool
    /// Unix time it was sent.
    public var date: Int64
    /// Text after entity parsing (HTML tags removed), for text messages.
    public var text: String?
    /// Caption of a document.
    public var caption: String?
    /// The inline keyboard currently attached.
    public var inlineKeyboard: InlineKeyboardMarkup?
    /// A reply keyboard this message shows under the input field.
    public var replyKeyboard: ReplyKeyboardMarkup?
    /// True when this message removed the reply keyboard.
    public var removesReplyKeyboard: Bool
    /// An attached document with its bytes.
    public var document: SandboxDocument?
    /// How many times the bot edited it.
    public var editCount: Int
    /// Unix time of the latest edit.
    public var editDate: Int64?
    /// For a message the user forwarded: where it came from.
    public var forwardOrigin: MessageOrigin?
    /// An invoice the bot sent (sendInvoice).
    public var invoice: SandboxInvoice?
    /// A payment the user made (the service message Telegram adds, carrying `successful_payment`).
    public var payment: SuccessfulPayment?
    /// A photo, in its sizes (largest last).
    public var photo: [PhotoSize]?
    /// A contact the user shared (their own through a `request_contact` button, or any card from their address book).
    public var contact: Contact?

    /// Creates a message.
    public init(
        messageID: Int64, fromBot: Bool, date: Int64, text: String? = nil, caption: String? = nil,
        inlineKeyboard: InlineKeyboardMarkup? = nil, replyKeyboard: ReplyKeyboardMarkup? = nil,
        removesReplyKeyboard: Bool = false, document: SandboxDocument? = nil, editCount: Int = 0,
        editDate: Int64? = nil, invoice: SandboxInvoice? = nil, payment: SuccessfulPayment? = nil
    ) {
        self.invoice = invoice
        self.payment = payment
        self.messageID = messageID
        self.fromBot = fromBot
        self.date = date
        self.text = text
        self.caption = caption
        self.inlineKeyboard = inlineKeyboard
        self.replyKeyboard = replyKeyboard
        self.removesReplyKeyboard = removesReplyKeyboard
        self.document = document
        self.editCount = editCount
        self.editDate = editDate
    }

    /// All inline buttons, row by row.
    public var inlineButtons: [InlineKeyboardButton] { inlineKeyboard?.inlineKeyboard.flatMap { $0 } ?? [] }

    /// The inline button with exactly this text, if any.
    public func inlineButton(_ text: String) -> InlineKeyboardButton? { inlineButtons.first { $0.text == text } }
}

/// An invoice the bot sent, as the sandbox keeps it.
public struct SandboxInvoice: Sendable, Equatable {
    /// Title.
    public var title: String
    /// Description.
    public var description: String
    /// The bot's payload (its order id).
    public var payload: String
    /// ISO code or "XTR".
    public var currency: String
    /// Sum of the price parts, in minor units.
    public var totalAmount: Int64
    /// The provider token it was sent with ("" for Stars).
    public var providerToken: String

    /// Creates an invoice.
    public init(title: String, description: String, payload: String, currency: String, totalAmount: Int64, providerToken: String) {
        self.title = title
        self.description = description
        self.payload = payload
        self.currency = currency
        self.totalAmount = totalAmount
        self.providerToken = providerToken
    }
}

/// A document the bot sent.
public struct SandboxDocument: Sendable, Equatable {
    /// The file_id the sandbox assigned.
    public var fileID: String
    /// File name from the upload.
    public var fileName: String
    /// Content type from the upload.
    public var mimeType: String?
    /// The uploaded bytes.
    public var bytes: [UInt8]

    /// Creates a document.
    public init(fileID: String, fileName: String, mimeType: String?, bytes: [UInt8]) {
        self.fileID = fileID
        self.fileName = fileName
        self.mimeType = mimeType
        self.bytes = bytes
    }
}
