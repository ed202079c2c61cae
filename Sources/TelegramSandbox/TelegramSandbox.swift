import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import TelegramBotAPI

/// A local fake of the Telegram Bot API server for many bots at once, with simulated users.
///
/// Run it as a `Service` (in a `ServiceGroup` or a task group); `waitUntilRunning()` gives the port.
/// Bot API: `POST|GET /bot{token}/{method}`; the people/test API and chat page are described in
/// `SandboxHTTPAPI`. `run()` may be called once per instance.
public final class TelegramSandbox: Service, Sendable {
    /// The settings given at creation.
    public let configuration: SandboxConfiguration
    /// All sandbox state.
    let store: SandboxStore
    /// Logger of the HTTP server and webhook delivery.
    let logger: Logger
    /// Client used to POST webhooks.
    let httpClient: HTTPClient
    private let registrations: AsyncStream<BotToken>
    private let registrationSink: AsyncStream<BotToken>.Continuation

    /// Creates a sandbox; webhooks are delivered with `httpClient` (the shared client by default).
    public init(configuration: SandboxConfiguration = .init(), httpClient: HTTPClient = .shared, logger: Logger) {
        self.configuration = configuration
        self.store = SandboxStore(configuration: configuration)
        self.logger = logger
        self.httpClient = httpClient
        (registrations, registrationSink) = AsyncStream.makeStream(of: BotToken.self)
    }

    /// Serves HTTP and delivers webhooks until graceful shutdown or cancellation.
    public func run() async throws {
        let router = Router()
        let endpoint = BotAPIEndpoint(store: store)
        router.post("/bot{token}/:method") { request, context in await endpoint.respond(to: request, context: context) }
        router.get("/bot{token}/:method") { request, context in await endpoint.respond(to: request, context: context) }
        SandboxHTTPAPI(store: store, chatPage: try Self.chatPage(), peopleToken: configuration.peopleToken).register(on: router)
        let delivery = WebhookDelivery(store: store, httpClient: httpClient, registrations: registrations, logger: logger)
        let store = store
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            services: [delivery],
            onServerRunning: { channel in store.markRunning(port: channel.localAddress?.port ?? 0) },
            logger: logger)
        do {
            try await withGracefulShutdownHandler {
                try await app.run()
            } onGracefulShutdown: {
                store.beginShutdown()
            }
            store.markStopped("stopped")
        } catch {
            store.markStopped("\(error)")
            throw error
        }
    }

    /// Waits until the server listens and returns its port; throws if it stopped or failed to start.
    @discardableResult
    public func waitUntilRunning(timeout: Duration = .seconds(10)) async throws -> Int {
        let store = store
        return try await withTimeout(timeout, "the sandbox to start") {
            try await store.runSignal.wait { () throws -> Int? in
                switch store.state.withLock({ $0.phase }) {
                case .idle: return nil
                case .running(let port), .stopping(let port): return port
                case .stopped(let reason): throw SandboxError.notRunning(reason)
                }
            }
        }
    }

    /// "http://host:port" once the server runs; nil before.
    public var baseURL: String? {
        switch store.state.withLock({ $0.phase }) {
        case .running(let port), .stopping(let port): "http://\(configuration.host):\(port)"
        case .idle, .stopped: nil
        }
    }

    /// The chat page URL of a bot for a user, once the server runs.
    public func chatURL(botUsername: String, userID: Int64, languageCode: String = "ru") -> String? {
        baseURL.map { "\($0)/chat/\(botUsername)?user=\(userID)&lang=\(languageCode)" + (configuration.peopleToken.map { "&token=\($0)" } ?? "") }
    }

    /// Registers a bot and returns its new well-formed token ("<id>:<35 chars>", ids from 7000000001).
    public func registerBot(username: String, firstName: String) async -> BotToken {
        let token = store.registerBot(username: username, firstName: firstName)
        registrationSink.yield(token)
        return token
    }

    /// All registered bots.
    public func bots() async -> [SandboxBot] {
        store.state.withLock { state in
            state.bots.values.sorted { $0.user.id < $1.user.id }.map { bot in
                SandboxBot(
                    id: bot.user.id, username: bot.user.username ?? "", firstName: bot.user.firstName, token: bot.token,
                    webhookURL: bot.webhook?.url)
            }
        }
    }

    /// A simulated user of `bot`; the chat starts when the user first sends something.
    public func user(_ id: Int64, firstName: String, languageCode: String? = "ru", bot: BotToken) -> SimulatedUser {
        let user = User(id: id, firstName: firstName, languageCode: languageCode)
        _ = try? store.touchChat(bot, user: user)
        return SimulatedUser(user: user, bot: bot, store: store)
    }

    private static func chatPage() throws -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "chat", withExtension: "html") else {
            throw SandboxError.notRunning("chat.html is missing from the bundle")
        }
        return ByteBuffer(bytes: try Data(contentsOf: url))
    }
}
