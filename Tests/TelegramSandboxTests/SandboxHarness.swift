import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import TelegramBotAPI
import TelegramSandbox
import Testing

/// A running sandbox with a live Bot API client pointed at it.
struct Harness {
    let sandbox: TelegramSandbox
    let client: HTTPBotAPIClient
    let baseURL: String

    /// Calls the Bot API with untyped throws (Swift Testing's `#expect(try …)` wants them).
    func call<M: BotMethod>(_ method: M, token: BotToken) async throws -> M.Response {
        try await client.call(method, token: token)
    }

    /// Registers a bot.
    func bot(_ username: String = "demo_salon_bot", _ firstName: String = "Demo Salon") async -> BotToken {
        await sandbox.registerBot(username: username, firstName: firstName)
    }

    /// A user who already wrote "/start" (so the bot may write to them), with that update confirmed.
    func startedUser(_ id: Int64 = 100_000_001, bot: BotToken) async throws -> SimulatedUser {
        let user = sandbox.user(id, firstName: "Анна", bot: bot)
        let updateID = try await user.send("/start")
        _ = try await client.call(GetUpdates(offset: updateID + 1), token: bot)
        return user
    }
}

let testLogger: Logger = {
    var logger = Logger(label: "sandbox-tests")
    logger.logLevel = .critical
    return logger
}()

/// Runs `body` against a sandbox started on a free port inside a ServiceGroup, then shuts it down gracefully.
func withSandbox(
    _ configuration: SandboxConfiguration = .init(), extraServices: [any Service] = [],
    _ body: (Harness) async throws -> Void
) async throws {
    let sandbox = TelegramSandbox(configuration: configuration, logger: testLogger)
    let group = ServiceGroup(configuration: .init(services: [sandbox] + extraServices, logger: testLogger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            let port = try await sandbox.waitUntilRunning()
            let baseURL = "http://127.0.0.1:\(port)"
            #expect(sandbox.baseURL == baseURL)
            try await body(Harness(sandbox: sandbox, client: HTTPBotAPIClient(httpClient: .shared, baseURL: baseURL), baseURL: baseURL))
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

/// A method the sandbox does not implement.
struct NoSuchMethod: BotMethod {
    typealias Response = Bool
    static let name = "sendCarrierPigeon"
}

/// A tiny webhook endpoint that records what arrives and fails the first `failFirst` attempts with 500.
final class WebhookReceiver: Sendable {
    /// One received POST.
    struct Received: Sendable, Equatable {
        var secret: String?
        var contentType: String?
        var updateID: Int64
        var text: String?
        var answeredStatus: Int
    }

    let received = Mutex<[Received]>([])
    private let failuresLeft: Mutex<Int>
    private let portSignal: AsyncStream<Int>
    private let portSink: AsyncStream<Int>.Continuation
    /// The body a 2xx answer carries for an update (content type, body), if any.
    private let reply: @Sendable (Update) -> (String, String)?

    init(failFirst: Int, reply: @escaping @Sendable (Update) -> (String, String)? = { _ in nil }) {
        failuresLeft = Mutex(failFirst)
        self.reply = reply
        (portSignal, portSink) = AsyncStream.makeStream(of: Int.self)
    }

    /// The receiver's HTTP application (a Service).
    func application() -> some Service {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let update = try JSONDecoder().decode(Update.self, from: body)
            let fail = self.failuresLeft.withLock { left in
                defer { left = max(0, left - 1) }
                return left > 0
            }
            let record = Received(
                secret: request.headers[HTTPField.Name(WebhookSecret.headerName)!],
                contentType: request.headers[.contentType], updateID: update.updateID, text: update.message?.text,
                answeredStatus: fail ? 500 : 200)
            self.received.withLock { $0.append(record) }
            if !fail, let (type, body) = self.reply(update) {
                return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
            }
            return Response(status: fail ? .internalServerError : .ok)
        }
        let sink = portSink
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { sink.yield($0.localAddress?.port ?? 0) }, logger: testLogger)
    }

    /// The URL once the receiver listens.
    func url() async -> String {
        for await port in portSignal { return "http://127.0.0.1:\(port)/hook" }
        return ""
    }
}
