import BookingCore
import Testing

@testable import App
@testable import TelegramSandbox

/// The sender's pacing against a strict Bot API (the sandbox's own gate at Telegram's figures) when requests reach
/// Telegram a little later than the sender took their tokens, as batched marks and HTTP make them do.
@Suite("Flood margin")
struct FloodMarginTests {
    static let tenant = TenantID("client_001")!

    /// `perChat` new messages to each of `chats` chats, each sent as soon as `limits` allow and arriving
    /// `jitter(chat, n)` after its token was taken; returns how many a strict Bot API refuses with a 429.
    static func refusals(
        limits: FloodControl.Limits, chats: Int, perChat: Int, jitter: (Int, Int) -> Duration
    ) async -> Int {
        let flood = FloodControl(limits: limits)
        let start = ContinuousClock.now
        var next = Array(repeating: start, count: chats)
        var sent = Array(repeating: 0, count: chats)
        var arrivals: [(at: ContinuousClock.Instant, chat: Int)] = []
        // Discrete events: the chat whose next try is earliest tries; a refused try comes back after the wait.
        while let chat = (0..<chats).filter({ sent[$0] < perChat }).min(by: { next[$0] < next[$1] }) {
            let now = next[chat]
            if let wait = await flood.reserve(tenant: tenant, chat: Int64(chat), isNewMessage: true, now: now) {
                next[chat] = now + wait
                continue
            }
            arrivals.append((now + jitter(chat, sent[chat]), chat))
            sent[chat] += 1
        }
        let gate = SandboxFloodGate(limits: .telegram)
        return arrivals.sorted { $0.at < $1.at }.count { gate.admit(botID: 1, method: "sendMessage", chatID: Int64($0.chat), now: $0.at) != nil }
    }

    /// The pattern seen in issue 17: a burst of three held up 35 ms by a batched mark, the next send only 12 ms.
    static func seen(_ chat: Int, _ n: Int) -> Duration { n < 3 ? .milliseconds(35) : .milliseconds(12) }

    static func limits(margin: Double) -> FloodControl.Limits {
        var configuration = AppConfiguration()
        configuration.telegramFloodMargin = margin
        return configuration.senderLimits
    }

    @Test func theDefaultMarginAbsorbsTheJitterSeen() async {
        #expect(AppConfiguration().telegramFloodMargin > 0)
        #expect(await Self.refusals(limits: AppConfiguration().senderLimits, chats: 1, perChat: 12, jitter: Self.seen) == 0)
        // Telegram's exact figures (what the sender used before) are refused under the same jitter.
        #expect(await Self.refusals(limits: Self.limits(margin: 0), chats: 1, perChat: 12, jitter: Self.seen) > 0)
    }

    @Test func manyChatsWithRandomJitterStayUnderTheBotLimit() async {
        // Up to 200 ms of jitter per request, 60 chats × 8 messages: both the chat and the bot buckets bind.
        var random = SplitMix64(seed: 17)
        let delays = (0..<480).map { _ in Duration.milliseconds(Int.random(in: 0...200, using: &random)) }
        let jitter = { (chat: Int, n: Int) in delays[chat * 8 + n] }
        #expect(await Self.refusals(limits: AppConfiguration().senderLimits, chats: 60, perChat: 8, jitter: jitter) == 0)
        #expect(await Self.refusals(limits: Self.limits(margin: 0), chats: 60, perChat: 8, jitter: jitter) > 0)
    }

    @Test func theMarginIsConfigurable() {
        let configuration = AppConfiguration(environment: ["ZAPIS_TELEGRAM_MARGIN": "0.5", "ZAPIS_TELEGRAM_CHAT_BURST": "4"])
        #expect(configuration.senderLimits.chatPerSecond == 0.5)
        #expect(configuration.senderLimits.chatBurst == 2)
        #expect(configuration.senderLimits.botPerSecond == 15)
        #expect(AppConfiguration(environment: ["ZAPIS_TELEGRAM_MARGIN": "5"]).telegramFloodMargin == 0.9)
    }
}
