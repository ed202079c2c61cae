import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI

extension OutboxSender {
    /// Waits until the flood limits give `message` a token; false when that would pass `deadline` or the sender stops.
    func waitForTokens(_ message: OutboxMessage, call: OutgoingCall, tenant: TenantID, deadline: ContinuousClock.Instant) async -> Bool {
        while let wait = await flood.reserve(
            tenant: tenant, chat: message.chatID, isNewMessage: call.isNewMessage, bulk: message.priority == .bulk, now: clock.now)
        {
            if clock.now + wait >= deadline { return false }
            try? await clock.sleep(for: wait)
            if isStopping { return false }
        }
        // Other instances send for this bot too: their sum stays under the limits (a chat-less call is not limited).
        guard let shared = settings.sharedFlood, let chat = message.chatID else { return true }
        let buckets = flood.buckets
        while let wait = try? await shared.reserve(
            tenant: tenant, chat: chat, isNewMessage: call.isNewMessage, bulk: message.priority == .bulk, buckets: buckets)
        {
            if clock.now + wait >= deadline { return false }
            try? await clock.sleep(for: wait)
            if isStopping { return false }
        }
        return true
    }

    /// Waits until an admin notice may go to `chat` (`Settings.noticeInterval` after the last one); false when that
    /// would pass `deadline` or the sender stops.
    func waitForNotice(to chat: Int64, tenant: TenantID, deadline: ContinuousClock.Instant) async -> Bool {
        while let wait = await flood.noticeWait(tenant: tenant, chat: chat, interval: settings.noticeInterval, now: clock.now) {
            if clock.now + wait >= deadline { return false }
            try? await clock.sleep(for: wait)
            if isStopping { return false }
        }
        return true
    }

    /// The notices from `start` on that can go out together: consecutive rows with the same notice tag (so one
    /// language), new `sendMessage`s that are not in doubt and not expired.
    func noticeRun(_ messages: [OutboxMessage], from start: Int) -> [(message: OutboxMessage, notice: SendMessage)] {
        let tag = messages[start].tag
        var run: [(message: OutboxMessage, notice: SendMessage)] = []
        for message in messages[start...] {
            guard message.tag == tag, message.attemptedAt == nil, message.expiresAt.map({ now() <= $0 }) ?? true,
                let notice = (try? OutgoingCall(payload: message.payload))?.sendMessage
            else { break }
            run.append((message, notice))
        }
        return run
    }

    /// Sends `run` as digests (`NoticeDigest`), each marked attempted before and its rows sent after, like single
    /// rows. Returns how many rows were handled and whether the chat may go on (false after a 429 or a lost claim).
    func deliverDigest(
        _ run: [(message: OutboxMessage, notice: SendMessage)], tenant: ActiveTenant, deadline: ContinuousClock.Instant
    ) async -> (handled: Int, goOn: Bool) {
        let first = run[0].message
        guard let chat = first.chatID, let tag = first.tag else { return (0, false) }
        var handled = 0
        for digest in NoticeDigest.digests(of: run.map(\.notice), tag: tag) {
            let rows = run[handled..<handled + digest.count].map(\.message)
            let call = OutgoingCall.typed(.sendMessage(digest.message))
            guard await waitForTokens(rows[0], call: call, tenant: tenant.id, deadline: deadline) else { return (handled, false) }
            // Every row of the digest is marked attempted in one batch: after a crash mid-call they are all in doubt.
            let held = await withTaskGroup(of: Bool.self) { group in
                for row in rows { group.addTask { (try? await self.marks.attempted(row.id)) ?? false } }
                return await group.reduce(true) { $0 && $1 }
            }
            guard held else {
                logger.warning("lost the claim on a chat while digesting notices", metadata: ["outbox": "\(rows[0].id)"])
                return (handled, false)
            }
            while !Task.isCancelled, let wait = await flood.pace(tenant: tenant.id, now: clock.now) { try? await clock.sleep(for: wait) }
            do {
                try await botAPI.perform(call, token: tenant.token)
            } catch {
                var goOn = await record(error, call: call, message: rows[0], tenant: tenant)
                for row in rows.dropFirst() { goOn = await record(error, call: call, message: row, tenant: tenant, echo: true) && goOn }
                return (handled + rows.count, goOn)
            }
            metrics?.sent(call.methodName, .ok)
            await flood.noticeSent(tenant: tenant.id, chat: chat, now: clock.now)
            let recorded = await withTaskGroup(of: Bool.self) { group in
                for row in rows { group.addTask { await self.recordSent(row.id) } }
                return await group.reduce(true) { $0 && $1 }
            }
            handled += rows.count
            logger.debug("sent a digest of notices", metadata: ["tenant": "\(tenant.id)", "notices": "\(rows.count)"])
            guard recorded else { return (handled, false) }
        }
        return (handled, true)
    }
}
