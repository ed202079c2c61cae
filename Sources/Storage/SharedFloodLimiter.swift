import BookingCore

/// Telegram's flood limits as token buckets: per bot, and per chat for new messages.
public struct FloodBuckets: Sendable, Equatable {
    public var botPerSecond: Double
    public var botBurst: Double
    public var chatPerSecond: Double
    public var chatBurst: Double
    /// Bot tokens a bulk call (a broadcast) leaves to transactional ones.
    public var bulkReserve: Double

    /// Creates the buckets.
    public init(botPerSecond: Double, botBurst: Double, chatPerSecond: Double, chatBurst: Double, bulkReserve: Double) {
        self.botPerSecond = botPerSecond
        self.botBurst = botBurst
        self.chatPerSecond = chatPerSecond
        self.chatBurst = chatBurst
        self.bulkReserve = bulkReserve
    }
}

/// Flood limits every instance shares (each instance also keeps its own, which is all a single instance needs): with
/// several instances sending for one bot, their sum must stay under Telegram's limits.
public protocol SharedFloodLimiter: Sendable {
    /// Takes a token of `tenant`'s bot bucket (and, for a new message, of `chat`'s); nil when taken, else how long to
    /// wait before asking again.
    func reserve(tenant: TenantID, chat: Int64, isNewMessage: Bool, bulk: Bool, buckets: FloodBuckets) async throws -> Duration?
}
