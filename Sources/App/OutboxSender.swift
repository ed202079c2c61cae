import BookingCore
import Foundation
import Logging
import ServiceLifecycle
import Storage
import TelegramBotAPI

/// Drains the outbox: transactional before bulk, each chat in order by one worker at a time, chats and bots
/// concurrently, within Telegram's limits. A row is marked sent right after Telegram accepted it.
final class OutboxSender: ServiceLifecycle.Service, Sendable {
    let outbox: any OutboxStore
    let directory: TenantDirectory
    let botAPI: any BotAPIClient
    let now: @Sendable () -> Date
    let logger: Logger
    let flood: FloodControl
    private let wakeStream: AsyncStream<Void>
    private let wakeSink: AsyncStream<Void>.Continuation
    private let busy = BusyChats()
    /// How often the outbox is re-read without a wake-up (due reminders, other instances' rows, retries).
    let idleInterval: Duration
    /// Attempts before a message that keeps failing for transport reasons is given up.
    static let maxAttempts = 12

    init(
        outbox: any OutboxStore, directory: TenantDirectory, botAPI: any BotAPIClient, now: @escaping @Sendable () -> Date,
        limits: FloodControl.Limits = .init(), idleInterval: Duration = .milliseconds(250), logger: Logger
    ) {
        self.outbox = outbox
        self.directory = directory
        self.botAPI = botAPI
        self.now = now
        self.logger = logger
        self.flood = FloodControl(limits: limits)
        self.idleInterval = idleInterval
        (wakeStream, wakeSink) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Tells the sender that new rows were committed.
    func wake() { wakeSink.yield() }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { [wakeSink = self.wakeSink, idleInterval = self.idleInterval] in
                    while !Task.isCancelled {
                        try? await Task.sleep(for: idleInterval)
                        wakeSink.yield()
                    }
                }
                for await _ in self.wakeStream {
                    if Task.isCancelled { break }
                    await self.dispatch(into: &group)
                }
                group.cancelAll()
            }
        }
    }

    /// Starts a worker for every chat with due rows and no worker yet.
    private func dispatch(into group: inout DiscardingTaskGroup) async {
        let due: [OutboxMessage]
        do {
            due = try await outbox.dueMessages(now: now(), limit: 1000)
        } catch {
            logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
            return
        }
        var byChat: [String: [OutboxMessage]] = [:]
        var order: [String] = []
        for message in due {
            let key = message.chatID.map { "\(message.tenant)/\($0)" } ?? "\(message.tenant)/call/\(message.id)"
            if byChat[key] == nil { order.append(key) }
            byChat[key, default: []].append(message)
        }
        for key in order where await busy.claim(key) {
            let messages = byChat[key]!.sorted { $0.id < $1.id }
            group.addTask {
                await self.send(messages)
                await self.busy.release(key)
                self.wake()
            }
        }
    }

    /// Sends one chat's rows in order; stops at the first that must wait, leaving the rest for later.
    private func send(_ messages: [OutboxMessage]) async {
        for message in messages {
            let found: ActiveTenant?
            do {
                found = try await directory.tenant(message.tenant)
            } catch {
                // A store hiccup is not a reason to give the message up: the chat is tried again later.
                logger.warning("cannot read the tenant of a message", metadata: ["tenant": "\(message.tenant)", "error": "\(error)"])
                return
            }
            guard let tenant = found else {
                try? await outbox.markFailed(message.id, error: "unknown tenant", retryAt: nil, at: now())
                continue
            }
            let call: BotCall
            do {
                call = try JSONDecoder().decode(BotCall.self, from: Data(message.payload))
            } catch {
                try? await outbox.markFailed(message.id, error: "undecodable: \(error)", retryAt: nil, at: now())
                continue
            }
            let isNewMessage: Bool
            switch call {
            case .sendMessage, .sendDocument: isNewMessage = true
            default: isNewMessage = false
            }
            while let wait = await flood.reserve(tenant: tenant.id, chat: message.chatID, isNewMessage: isNewMessage, now: .now) {
                try? await Task.sleep(for: wait)
                if Task.isCancelled { return }
            }
            guard await deliver(call, message: message, token: tenant.token) else { return }
        }
    }

    /// Performs one call and records the outcome; false when the chat must wait before its next row.
    private func deliver(_ call: BotCall, message: OutboxMessage, token: BotToken) async -> Bool {
        do {
            try await botAPI.perform(call, token: token)
            try await outbox.markSent(message.id, at: now())
            return true
        } catch let error as TelegramError {
            return await record(error, message: message)
        } catch {
            logger.error("cannot record a sent message", metadata: ["id": "\(message.id)", "error": "\(error)"])
            return false
        }
    }

    private func record(_ error: TelegramError, message: OutboxMessage) async -> Bool {
        let at = now()
        let metadata: Logger.Metadata = ["tenant": "\(message.tenant)", "outbox": "\(message.id)", "error": "\(error)"]
        switch error {
        case .retryAfter(let seconds):
            // Only this chat (or, for chat-less calls, this bot) waits; the row keeps its place in line.
            await flood.hold(tenant: message.tenant, chat: message.chatID, until: .now + .seconds(seconds))
            try? await outbox.markFailed(message.id, error: "retry after \(seconds) s", retryAt: message.dueAt, at: at)
            return false
        case .forbidden:
            logger.info("user blocked the bot", metadata: metadata)
            try? await outbox.markFailed(message.id, error: "\(error)", retryAt: nil, at: at)
            if let chat = message.chatID { try? await outbox.markUnreachable(chat: chat, tenant: message.tenant, at: at) }
            return true
        case .badRequest, .notFound, .conflict:
            logger.warning("Bot API refused a message", metadata: metadata)
            try? await outbox.markFailed(message.id, error: "\(error)", retryAt: nil, at: at)
            return true
        case .unauthorized, .other, .transport:
            let giveUp = message.attempts + 1 >= Self.maxAttempts
            logger.warning("sending failed\(giveUp ? "; giving up" : ", will retry")", metadata: metadata)
            try? await outbox.markFailed(message.id, error: "\(error)", retryAt: giveUp ? nil : message.dueAt, at: at)
            let backoff = Duration.milliseconds(min(60_000, 250 << min(message.attempts, 8)))
            await flood.hold(tenant: message.tenant, chat: message.chatID, until: .now + backoff)
            return giveUp
        }
    }
}

/// Chats that have a worker right now.
actor BusyChats {
    private var keys: Set<String> = []

    func claim(_ key: String) -> Bool { keys.insert(key).inserted }

    func release(_ key: String) { keys.remove(key) }
}
