import Storage

/// Rows of one chat for a worker, and when it must stop sending them (before their claim ends).
struct ChatBatch: Sendable {
    var messages: [OutboxMessage]
    var deadline: ContinuousClock.Instant
}

/// Chats that have a worker right now, with the rows queued behind each worker.
actor BusyChats {
    private var queued: [String: [ChatBatch]] = [:]

    /// True when the chat had no worker: the caller starts one. Otherwise the batch waits for the running worker.
    func offer(_ batch: ChatBatch, for key: String) -> Bool {
        if queued[key] != nil {
            queued[key]!.append(batch)
            return false
        }
        queued[key] = []
        return true
    }

    /// The next batch queued behind the worker of `key` (all of them, merged), or nil: the chat has no worker now.
    func next(_ key: String) -> ChatBatch? {
        guard let waiting = queued[key], let first = waiting.first else {
            queued[key] = nil
            return nil
        }
        queued[key] = []
        var seen = Set<Int64>()
        let messages = waiting.flatMap(\.messages).filter { seen.insert($0.id).inserted }
        return ChatBatch(
            messages: messages.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) },
            deadline: waiting.map(\.deadline).min() ?? first.deadline)
    }

    /// Ends the worker of `key` early and returns the rows that were queued behind it.
    func finish(_ key: String) -> [OutboxMessage] {
        defer { queued[key] = nil }
        return queued[key, default: []].flatMap(\.messages)
    }

    var count: Int { queued.count }
}
