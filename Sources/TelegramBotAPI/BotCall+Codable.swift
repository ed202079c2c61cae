import Foundation

extension BotCall: Codable {
    private enum CodingKeys: String, CodingKey { case method, parameters }

    /// Encodes as `{"method": name, "parameters": {…}}` so calls can wait in an outbox.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(methodName, forKey: .method)
        try container.encode(method, forKey: .parameters)
    }

    /// Decodes the form written by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let method = try container.decode(String.self, forKey: .method)
        switch method {
        case SendMessage.name: self = .sendMessage(try container.decode(SendMessage.self, forKey: .parameters))
        case EditMessageText.name: self = .editMessageText(try container.decode(EditMessageText.self, forKey: .parameters))
        case EditMessageReplyMarkup.name:
            self = .editMessageReplyMarkup(try container.decode(EditMessageReplyMarkup.self, forKey: .parameters))
        case AnswerCallbackQuery.name: self = .answerCallbackQuery(try container.decode(AnswerCallbackQuery.self, forKey: .parameters))
        case DeleteMessage.name: self = .deleteMessage(try container.decode(DeleteMessage.self, forKey: .parameters))
        case SendDocument.name: self = .sendDocument(try container.decode(SendDocument.self, forKey: .parameters))
        case SendPhoto.name: self = .sendPhoto(try container.decode(SendPhoto.self, forKey: .parameters))
        case SetMyCommands.name: self = .setMyCommands(try container.decode(SetMyCommands.self, forKey: .parameters))
        case SetChatMenuButton.name: self = .setChatMenuButton(try container.decode(SetChatMenuButton.self, forKey: .parameters))
        case SetMyDescription.name: self = .setMyDescription(try container.decode(SetMyDescription.self, forKey: .parameters))
        case SetMyShortDescription.name:
            self = .setMyShortDescription(try container.decode(SetMyShortDescription.self, forKey: .parameters))
        case SendInvoice.name: self = .sendInvoice(try container.decode(SendInvoice.self, forKey: .parameters))
        case AnswerPreCheckoutQuery.name:
            self = .answerPreCheckoutQuery(try container.decode(AnswerPreCheckoutQuery.self, forKey: .parameters))
        case RefundStarPayment.name: self = .refundStarPayment(try container.decode(RefundStarPayment.self, forKey: .parameters))
        default:
            throw DecodingError.dataCorruptedError(forKey: .method, in: container, debugDescription: "unknown method \(method)")
        }
    }
}
