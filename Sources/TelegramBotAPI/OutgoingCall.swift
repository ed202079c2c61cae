import Foundation

/// A call as it waits in an outbox: encoded once, when it is written, in the form it goes over the wire.
///
/// Payload format: `@<method>\n<JSON parameters>` for every method sent as JSON, so sending it is copying bytes;
/// uploads (multipart) and rows written before this format keep the `BotCall` JSON (`{"method":…,"parameters":…}`).
public enum OutgoingCall: Sendable, Equatable {
    /// A method and its JSON body, ready to POST.
    case json(method: String, body: [UInt8])
    /// A typed call (uploads, older rows).
    case typed(BotCall)

    private static let marker = UInt8(ascii: "@")
    private static let newline = UInt8(ascii: "\n")

    /// The outbox payload for `call`.
    public static func payload(for call: BotCall, encoder: JSONEncoder = JSONEncoder()) throws -> [UInt8] {
        // Uploads go as multipart, which needs the typed value.
        if call.method is any MultipartBotMethod { return Array(try encoder.encode(call)) }
        var bytes = [marker]
        bytes += call.methodName.utf8
        bytes.append(newline)
        bytes += try encoder.encode(call.method)
        return bytes
    }

    /// Reads a payload written by `payload(for:)` or, for older rows, a `BotCall` JSON.
    public init(payload: [UInt8]) throws {
        guard payload.first == Self.marker else {
            self = .typed(try JSONDecoder().decode(BotCall.self, from: Data(payload)))
            return
        }
        guard let newline = payload.firstIndex(of: Self.newline), newline > 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "outbox payload without a method line"))
        }
        self = .json(method: String(decoding: payload[1..<newline], as: UTF8.self), body: Array(payload[(newline + 1)...]))
    }

    /// The Bot API method name.
    public var methodName: String {
        switch self {
        case .json(let method, _): method
        case .typed(let call): call.methodName
        }
    }

    /// Whether it shows the user a new message (flood limits count these per chat).
    public var isNewMessage: Bool { BotCall.isNewMessage(methodName) }

    /// Whether repeating it after an unknown outcome is harmless (see `BotCall.isRepeatable(_:)`).
    public var isRepeatable: Bool { BotCall.isRepeatable(methodName) }

    /// The message of a `sendMessage` call; nil for other methods or a body that does not decode.
    public var sendMessage: SendMessage? {
        switch self {
        case .typed(.sendMessage(let message)): message
        case .typed: nil
        case .json(let method, let body): method == SendMessage.name ? try? JSONDecoder().decode(SendMessage.self, from: Data(body)) : nil
        }
    }
}

extension BotAPIClient {
    /// Performs an outbox call; the result is dropped except for errors.
    public func perform(_ call: OutgoingCall, token: BotToken) async throws(TelegramError) {
        switch call {
        case .typed(let typed): try await perform(typed, token: token)
        case .json(let method, let body):
            do { try await send(method, json: body, token: token) } catch where BotCall.acceptsNotModified(method) && error.isMessageNotModified {}
        }
    }
}
