import Foundation

/// A Bot API call carried in the HTTP answer to a webhook POST: `{"method": name, parameters…}` as JSON.
///
/// Telegram performs it as if the bot had requested it ("Making requests when getting updates" in the Bot API
/// docs), saving a request; its result and any error are never reported back, so only calls whose loss is
/// harmless belong here.
public struct WebhookReply<Method: BotMethod>: Encodable {
    /// The call.
    public var method: Method

    /// Wraps a call.
    public init(_ method: Method) { self.method = method }

    private enum Key: String, CodingKey { case method }

    /// The call's own parameters with its name added under "method".
    public func encode(to encoder: Encoder) throws {
        try method.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(Method.name, forKey: .method)
    }

    /// The JSON body of the webhook's answer.
    public func body() throws -> Data { try JSONEncoder().encode(self) }
}
