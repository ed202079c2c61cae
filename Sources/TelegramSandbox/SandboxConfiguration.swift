/// How a `TelegramSandbox` listens and delivers webhooks.
public struct SandboxConfiguration: Sendable {
    /// Interface to bind; loopback by default.
    public var host: String
    /// Port to bind; 0 picks a free one (read it with `waitUntilRunning()`).
    public var port: Int
    /// Pause before redelivering an update after a failed webhook attempt.
    public var webhookRetryDelay: Duration
    /// Attempts per update before it is dropped; nil retries forever (Telegram keeps trying for ~24 h).
    public var maxWebhookAttempts: Int?
    /// Time allowed for one webhook POST.
    public var webhookTimeout: Duration
    /// The first update_id of every bot; nil derives it from the clock so restarts never reuse ids.
    public var firstUpdateID: Int64?
    /// How many recent requests per bot `requests(for:)` keeps.
    public var requestLogLimit: Int
    /// Telegram's flood limits to enforce (429 with retry_after when exceeded); nil (the default) enforces none.
    public var floodLimits: SandboxFloodLimits?
    /// When set, the people API (`/sandbox/api/…`) answers only requests carrying it in `X-Sandbox-Token`: a web page
    /// of another site in the same browser cannot send that header (no CORS is allowed), so it cannot drive the chats.
    /// The chat URL carries it (`&token=`), and the chat page sends it. `zapis demo` sets a random one per run.
    public var peopleToken: String? = nil

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 0, webhookRetryDelay: Duration = .milliseconds(200),
        maxWebhookAttempts: Int? = nil, webhookTimeout: Duration = .seconds(10), firstUpdateID: Int64? = nil,
        requestLogLimit: Int = 10_000, floodLimits: SandboxFloodLimits? = nil
    ) {
        self.host = host
        self.port = port
        self.webhookRetryDelay = webhookRetryDelay
        self.maxWebhookAttempts = maxWebhookAttempts
        self.webhookTimeout = webhookTimeout
        self.firstUpdateID = firstUpdateID
        self.requestLogLimit = requestLogLimit
        self.floodLimits = floodLimits
    }
}
