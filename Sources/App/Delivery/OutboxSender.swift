import BookingCore
import BotFlows
import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization
import TelegramBotAPI

/// Drains the outbox: transactional before bulk, each chat in order by one worker at a time, chats and bots
/// concurrently, within Telegram's limits. Rows are claimed with a lease (several instances can share one
/// outbox), a send is marked as attempted before it starts and sent right after Telegram accepted it. Timer rows
/// are not its business: the timer intake claims and fires them.
final class OutboxSender: ServiceLifecycle.Service, Sendable {
    /// Tunables of the sender.
    struct Settings: Sendable {
        /// Telegram's limits.
        var limits = FloodControl.Limits()
        /// How often the outbox is re-read without a wake-up (due reminders, other instances' rows, retries).
        var idleInterval: Duration = .milliseconds(250)
        /// How long claimed rows stay reserved for this instance; after a crash they return to the queue then.
        var lease: TimeInterval = 30
        /// Most chats with a worker at once: bounds the rows a broadcast keeps leased and waiting for tokens.
        var maxInFlight = 100
        /// Admin notices go to one chat at most this often; those that queue up meanwhile leave as one digest
        /// (`NoticeDigest`), so the last of them is at most about two intervals late. Zero: each on its own.
        var noticeInterval: Duration = .seconds(2)
        /// Flood limits shared with other instances (Redis); nil: this instance's own limits only.
        var sharedFlood: (any SharedFloodLimiter)?
        /// The tenant's payment provider token in clear, put into its invoices just before sending; nil: none.
        var providerToken: (@Sendable (TenantID) async -> String?)?
        /// This instance's name in claims.
        var owner = "zapis-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(6))"

        /// The claim an update's transaction takes on the rows it writes for this sender (see `OutboxStore.enqueue(_:tenant:now:claim:)`).
        func claim(at: Date) -> OutboxClaim { OutboxClaim(owner: owner, leaseUntil: at.addingTimeInterval(lease)) }
    }

    let outbox: any OutboxStore
    let directory: TenantDirectory
    let botAPI: any BotAPIClient
    let now: @Sendable () -> Date
    /// Pacing, deadlines and retries (see `ServiceClock`).
    let clock: any ServiceClock
    let logger: Logger
    let flood: FloodControl
    let settings: Settings
    /// Sends by method and outcome, 429s, reminder lateness; nil: not counted.
    let metrics: ZapisMetrics?
    /// Where a token Telegram refuses (401) is reported; nil: not reported.
    let health: BotHealth?
    private let signal: OutboxSignal
    /// Messages Telegram refused with a 400 since start.
    let refusedCount = Atomic<Int>(0)
    private let busy = BusyChats()
    let marks: OutboxMarks
    private let stopping = Atomic<Bool>(false)
    /// True when the last claim filled its limit: more rows may be waiting, so finished workers ask for another.
    private let backlog = Atomic<Bool>(false)
    /// Attempts before a message that keeps failing for transport reasons is given up.
    static let maxAttempts = 12

    init(
        outbox: any OutboxStore, directory: TenantDirectory, botAPI: any BotAPIClient, now: @escaping @Sendable () -> Date,
        clock: any ServiceClock = SystemClock(), settings: Settings = .init(), signal: OutboxSignal = .init(), metrics: ZapisMetrics? = nil,
        health: BotHealth? = nil, logger: Logger
    ) {
        self.clock = clock
        self.health = health
        self.metrics = metrics
        self.outbox = outbox
        self.directory = directory
        self.botAPI = botAPI
        self.now = now
        self.logger = logger
        self.settings = settings
        self.flood = FloodControl(limits: settings.limits)
        self.signal = signal
        self.marks = OutboxMarks(outbox: outbox, owner: settings.owner, now: now)
    }

    /// Tells the sender that new rows were committed.
    func wake() { signal.wake() }

    func run() async throws {
        // A graceful shutdown stops claiming and lets every worker finish the call it is making (and record
        // its outcome) instead of cancelling it mid-flight, which would leave the row in doubt.
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { [signal = self.signal, idleInterval = self.settings.idleInterval, clock = self.clock] in
                    while !self.isStopping {
                        try? await clock.sleep(for: idleInterval)
                        signal.wake()
                    }
                }
                for await _ in self.signal.stream {
                    if self.isStopping { break }
                    let (claim, handoffs) = self.signal.take()
                    for handoff in handoffs {
                        // Stop a little before the lease ends, as for claimed rows (see `dispatch`).
                        let remaining = handoff.leaseUntil.timeIntervalSince(self.now()) - self.settings.lease * 0.2
                        await self.start(handoff.messages, deadline: clock.now + .seconds(max(1, remaining)), in: &group)
                    }
                    if claim { await self.dispatch(into: &group) }
                }
            }
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.signal.wake()
        }
    }

    /// True once a shutdown began (or the task was cancelled outright).
    var isStopping: Bool { stopping.load(ordering: .relaxed) || Task.isCancelled }

    /// Claims due rows and starts a worker for every chat among them.
    private func dispatch(into group: inout DiscardingTaskGroup) async {
        let claimed: [OutboxMessage]
        let at = now()
        let leaseUntil = at.addingTimeInterval(settings.lease)
        // Stop a little before the lease ends (counted from before the claim, however long it took), so rows
        // rarely outlive the claim; a row that does is refused by `markAttempted` instead of being sent twice.
        let deadline = clock.now + .seconds(max(1, settings.lease * 0.8))
        do {
            // Always room for a few chats: claims come in priority order, so replies pass a broadcast filling the rest.
            let limit = max(10, settings.maxInFlight - (await busy.count))
            claimed = try await outbox.claimDue(now: at, limit: limit, owner: settings.owner, leaseUntil: leaseUntil, kind: .call)
            backlog.store(claimed.count >= limit, ordering: .relaxed)
        } catch {
            logger.error("cannot claim outbox rows", metadata: ["error": "\(error)"])
            return
        }
        await start(claimed, deadline: deadline, in: &group)
    }

    /// Starts a worker for every chat among `claimed`; a chat that has one gets the rows queued behind it.
    private func start(_ claimed: [OutboxMessage], deadline: ContinuousClock.Instant, in group: inout DiscardingTaskGroup) async {
        var byChat: [String: [OutboxMessage]] = [:]
        var order: [String] = []
        for message in claimed {
            let key = message.chatID.map { "\(message.tenant)/\($0)" } ?? "\(message.tenant)/call/\(message.id)"
            if byChat[key] == nil { order.append(key) }
            byChat[key, default: []].append(message)
        }
        for key in order {
            let batch = ChatBatch(messages: byChat[key]!, deadline: deadline)
            // A chat that has a worker already gets these rows after the ones it is sending.
            guard await busy.offer(batch, for: key) else { continue }
            group.addTask { await self.work(key, first: batch) }
        }
    }

    /// Sends a chat's batches in order until none is queued behind; on a stop or a pause, returns the rest.
    private func work(_ key: String, first: ChatBatch) async {
        var batch = first
        while true {
            let sent = await send(batch.messages, deadline: batch.deadline)
            if sent < batch.messages.count {
                let rest = batch.messages[sent...] + (await busy.finish(key))
                try? await outbox.release(rest.filter { !$0.isEphemeral }.map(\.id), owner: settings.owner)
                await keep(rest.filter(\.isEphemeral))
                break
            }
            guard let next = await busy.next(key) else { break }
            batch = next
        }
        // Claim again once half the workers are done, and only when the last claim left rows behind: a claim per
        // sent row would keep the database busy with claims (new rows come handed off or with a wake-up of their
        // own; the idle tick catches the rest).
        if backlog.load(ordering: .relaxed), await busy.count <= settings.maxInFlight / 2 { wake() }
    }

    /// Sends one chat's rows in order; stops at the first that must wait. Returns how many rows were handled.
    private func send(_ messages: [OutboxMessage], deadline: ContinuousClock.Instant) async -> Int {
        var index = 0
        while index < messages.count {
            let message = messages[index]
            index += 1
            if isStopping || clock.now >= deadline { return index - 1 }
            let found: ActiveTenant?
            do {
                found = try await directory.tenant(message.tenant)
            } catch {
                // A store hiccup is not a reason to give the message up: the chat is tried again later.
                logger.warning("cannot read the tenant of a message", metadata: ["tenant": "\(message.tenant)", "error": "\(error)"])
                return index - 1
            }
            guard let tenant = found else {
                try? await outbox.markFailed(message.id, error: "unknown tenant", retryAt: nil, at: now())
                continue
            }
            if let expiry = message.expiresAt, now() > expiry {
                // E.g. a reminder that could only go out after the visit began: late, it would only confuse.
                try? await outbox.markFailed(message.id, error: "expired before it could be sent", retryAt: nil, at: now())
                continue
            }
            let call: OutgoingCall
            do {
                call = try OutgoingCall(payload: message.payload)
            } catch {
                try? await outbox.markFailed(message.id, error: "undecodable: \(error)", retryAt: nil, at: now())
                continue
            }
            if message.attemptedAt != nil, !call.isRepeatable {
                // The process stopped during this send: Telegram may have shown it. Sending again could show it twice.
                logger.warning("message in doubt after a stop; not repeated", metadata: ["outbox": "\(message.id)"])
                try? await outbox.markFailed(message.id, error: "in doubt: the sender stopped during the call", retryAt: nil, at: now())
                continue
            }
            if NoticeDigest.isNotice(tag: message.tag), let chat = message.chatID, settings.noticeInterval > .zero {
                guard await waitForNotice(to: chat, tenant: tenant.id, deadline: deadline) else { return index - 1 }
                let run = noticeRun(messages, from: index - 1)
                if run.count > 1 {
                    let (handled, goOn) = await deliverDigest(run, tenant: tenant, deadline: deadline)
                    index += handled - 1
                    guard goOn, handled == run.count else { return index }
                    continue
                }
            }
            guard await waitForTokens(message, call: call, tenant: tenant.id, deadline: deadline) else { return index - 1 }
            guard await deliver(call, message: message, tenant: tenant) else { return index }
            if NoticeDigest.isNotice(tag: message.tag), let chat = message.chatID {
                await flood.noticeSent(tenant: tenant.id, chat: chat, now: clock.now)
            }
        }
        return messages.count
    }

    /// Performs one call and records the outcome; false when the chat must wait before its next row.
    private func deliver(_ call: OutgoingCall, message: OutboxMessage, tenant: ActiveTenant) async -> Bool {
        do {
            guard try await marks.attempted(message.id) else {
                logger.warning("lost the claim on a chat; another sender has it", metadata: ["outbox": "\(message.id)"])
                return false
            }
        } catch {
            logger.error("cannot mark a send as started", metadata: ["id": "\(message.id)", "error": "\(error)"])
            return false
        }
        if message.chatID != nil {
            while !Task.isCancelled, let wait = await flood.pace(tenant: message.tenant, now: clock.now) { try? await clock.sleep(for: wait) }
        }
        do {
            try await botAPI.perform(await withProviderToken(call, tenant: message.tenant), token: tenant.token)
        } catch {
            return await record(error, call: call, message: message, tenant: tenant)
        }
        health?.tokenAccepted(message.tenant)
        if let metrics {
            metrics.sent(call.methodName, .ok)
            // A reminder's lateness: its due time is when the customer should have seen it.
            if message.bookingID != nil { metrics.reminderLateness.record(max(0, now().timeIntervalSince(message.dueAt))) }
        }
        return await recordSent(message.id)
    }

    /// Telegram accepted the call, so the row must be marked sent: left unmarked, it would count as in doubt only
    /// when its lease ends and hold its chat until then. A store refusing for a moment (a full disk, a restart) is
    /// retried within most of the lease; false when it still refuses (the chat waits for the lease).
    func recordSent(_ id: Int64) async -> Bool {
        let deadline = clock.now + .seconds(settings.lease * 0.8)
        var wait = Duration.milliseconds(100)
        while true {
            do {
                try await marks.sent(id)
                return true
            } catch {
                guard clock.now + wait < deadline, !Task.isCancelled else {
                    logger.error("cannot record a sent message", metadata: ["id": "\(id)", "error": "\(error)"])
                    return false
                }
                logger.warning("cannot record a sent message yet; retrying", metadata: ["id": "\(id)", "error": "\(error)"])
                try? await clock.sleep(for: wait)
                wait = min(wait * 2, .seconds(2))
            }
        }
    }
}
