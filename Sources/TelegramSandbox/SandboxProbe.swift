import Synchronization
import TelegramBotAPI

/// Timing of the bots' answers, for benchmarks; off (and nearly free) until `start()`.
///
/// An update counts as *delivered* when the sandbox POSTs it to the webhook or returns it from getUpdates,
/// and as *answered* by the bot's first later Bot API call for the same chat (`chat_id`) or the same
/// callback query (`answerCallbackQuery`). The time between the two is the server time of the update:
/// loopback transport, processing, commit and the outbox sending the first reply. This is exact when each
/// chat has at most one unanswered update at a time, as with simulated users that wait for the bot.
public final class SandboxProbe: Sendable {
    private struct Key: Hashable {
        var botID: Int64
        var chatID: Int64
    }

    private struct Outstanding {
        var updateID: Int64
        var callbackID: String?
        var at: ContinuousClock.Instant
        var what: String
        var kind: String
    }

    private struct State {
        var outstanding: [Key: Outstanding] = [:]
        var callbacks: [String: Key] = [:]
        var latencies: [Duration] = []
        var webhookLatencies: [Duration] = []
        var latenciesByKind: [String: [Duration]] = [:]
        var webhookReplies = 0
        var delivered = 0
        var redelivered = 0
        var superseded = 0
        var supersededSamples: [String] = []
        var requests: [String: Int] = [:]
        var statuses: [Int: Int] = [:]
        var errors: [String: Int] = [:]
        var connected: [Int64: ContinuousClock.Instant] = [:]
    }

    private let enabled = Atomic<Bool>(false)
    private let state = Mutex(State())

    init() {}

    /// Clears every count and starts recording.
    public func start() {
        state.withLock { $0 = State() }
        enabled.store(true, ordering: .releasing)
    }

    /// Stops recording (counts stay readable).
    public func stop() { enabled.store(false, ordering: .releasing) }

    /// What was recorded since `start()`; `resetLatencies` starts a new latency window (counts keep going).
    public func snapshot(resetLatencies: Bool = false) -> SandboxProbeSnapshot {
        state.withLock { state in
            defer {
                if resetLatencies {
                    state.latencies.removeAll(keepingCapacity: true)
                    state.webhookLatencies.removeAll(keepingCapacity: true)
                    state.latenciesByKind.removeAll(keepingCapacity: true)
                }
            }
            return SandboxProbeSnapshot(
                delivered: state.delivered, redelivered: state.redelivered, answered: state.latencies.count,
                unanswered: state.outstanding.count, superseded: state.superseded, supersededSamples: state.supersededSamples,
                unansweredSamples: state.outstanding.values.prefix(10).map(\.what), latencies: state.latencies,
                webhookLatencies: state.webhookLatencies, latenciesByKind: state.latenciesByKind, webhookReplies: state.webhookReplies,
                requests: state.requests, statuses: state.statuses, errors: state.errors,
                connectedBots: state.connected.count, lastConnectedAt: state.connected.values.max())
        }
    }

    private static func describe(_ update: Update) -> String {
        if let data = update.callbackQuery?.data { return "press \(data)" }
        if let text = update.message?.text { return "message \(text.prefix(30))" }
        return "update \(update.updateID)"
    }

    /// What kind of step an update is: a press by its data's prefix ("press t"), a message by its first characters.
    private static func kind(_ update: Update) -> String {
        if let data = update.callbackQuery?.data { return "press \(data.prefix { $0 != ":" })" }
        if let text = update.message?.text { return "message \(text.prefix(16))" }
        return "other"
    }

    /// Updates handed to a bot (webhook POST or getUpdates result).
    func delivered(_ updates: [Update], botID: Int64?) {
        guard enabled.load(ordering: .acquiring), let botID, !updates.isEmpty else { return }
        let now = ContinuousClock.now
        state.withLock { state in
            for update in updates {
                state.delivered += 1
                let key = Key(botID: botID, chatID: update.chatID ?? 0)
                if let previous = state.outstanding[key] {
                    if previous.updateID == update.updateID {
                        state.redelivered += 1
                        continue
                    }
                    state.superseded += 1
                    if state.supersededSamples.count < 10 { state.supersededSamples.append("\(previous.what) → \(Self.describe(update))") }
                    if let callback = previous.callbackID { state.callbacks[callback] = nil }
                }
                let callbackID = update.callbackQuery?.id
                state.outstanding[key] = Outstanding(
                    updateID: update.updateID, callbackID: callbackID, at: now, what: Self.describe(update), kind: Self.kind(update))
                if let callbackID { state.callbacks[callbackID] = key }
            }
        }
    }

    /// A webhook POST got its answer after `duration` (the server's processing of the update, commit included).
    func webhookAnswered(after duration: Duration) {
        guard enabled.load(ordering: .acquiring) else { return }
        state.withLock { $0.webhookLatencies.append(duration) }
    }

    /// A Bot API request arrived (before it is carried out, so a user woken by its effect cannot act first).
    func received(botID: Int64?, method: String, chatID: Int64?, callbackID: String?) {
        guard enabled.load(ordering: .acquiring), let botID else { return }
        let now = ContinuousClock.now
        let method = method.lowercased()
        state.withLock { state in
            if method == "setwebhook" || method == "getupdates", state.connected[botID] == nil { state.connected[botID] = now }
            let key: Key? =
                if let callbackID { state.callbacks[callbackID] } else { chatID.map { Key(botID: botID, chatID: $0) } }
            guard let key, let outstanding = state.outstanding.removeValue(forKey: key) else { return }
            if let callback = outstanding.callbackID { state.callbacks[callback] = nil }
            state.latencies.append(now - outstanding.at)
            state.latenciesByKind[outstanding.kind, default: []].append(now - outstanding.at)
        }
    }

    /// A Bot API request the sandbox answered with `status`.
    func served(method: String, status: Int, error: String?, viaWebhookReply: Bool = false) {
        guard enabled.load(ordering: .acquiring) else { return }
        let method = method.lowercased()
        state.withLock { state in
            if viaWebhookReply { state.webhookReplies += 1 }
            state.requests[method, default: 0] += 1
            state.statuses[status, default: 0] += 1
            if let error, status != 200 { state.errors["\(method): \(status) \(error)", default: 0] += 1 }
        }
    }
}

/// Counts and latencies a `SandboxProbe` recorded.
public struct SandboxProbeSnapshot: Sendable {
    /// Updates handed to bots (first deliveries and redeliveries).
    public var delivered: Int
    /// Deliveries of an update that was delivered before and not answered yet.
    public var redelivered: Int
    /// Updates answered in the latency window.
    public var answered: Int
    /// Updates delivered and not answered yet.
    public var unanswered: Int
    /// Unanswered updates replaced by a newer update of the same chat (the chat had two in flight).
    public var superseded: Int
    /// Up to 10 superseded updates, "older → newer".
    public var supersededSamples: [String]
    /// Up to 10 unanswered updates.
    public var unansweredSamples: [String]
    /// Delivery-to-first-answer times of the latency window.
    public var latencies: [Duration]
    /// Webhook POST round trips of the latency window (webhook mode only).
    public var webhookLatencies: [Duration]
    /// The latency window's times by kind of update ("press t", "message /start").
    public var latenciesByKind: [String: [Duration]]
    /// Calls bots made in their answers to webhook POSTs (counted in `requests` too).
    public var webhookReplies: Int
    /// Requests per lowercased method.
    public var requests: [String: Int]
    /// Responses per HTTP status.
    public var statuses: [Int: Int]
    /// Failed requests by "method: status description".
    public var errors: [String: Int]
    /// Bots that called setWebhook or getUpdates.
    public var connectedBots: Int
    /// When the last of those bots made its first such call.
    public var lastConnectedAt: ContinuousClock.Instant?
}

extension TelegramSandbox {
    /// The answer-timing probe (off until started).
    public var probe: SandboxProbe { store.probe }
}
