import BookingCore
import Foundation

/// A tenant as the platform stores it: profile, rules, encrypted token and bot identity.
public struct TenantRecord: Hashable, Sendable {
    /// The business description.
    public var profile: TenantProfile
    /// Booking rules.
    public var policies: Policies
    /// The bot token sealed with AES-GCM (nonce + ciphertext + tag).
    public var encryptedToken: [UInt8]
    /// The bot's Telegram user id.
    public var botID: Int64
    /// The bot's username without @.
    public var botUsername: String
    /// The Telegram user who owns the business (first admin).
    public var ownerID: UserID
    /// When the tenant was provisioned.
    public var createdAt: Date

    /// Creates a record.
    public init(
        profile: TenantProfile, policies: Policies = .init(), encryptedToken: [UInt8], botID: Int64, botUsername: String, ownerID: UserID,
        createdAt: Date
    ) {
        self.profile = profile
        self.ownerID = ownerID
        self.policies = policies
        self.encryptedToken = encryptedToken
        self.botID = botID
        self.botUsername = botUsername
        self.createdAt = createdAt
    }

    /// The tenant id.
    public var id: TenantID { profile.id }
}

/// Failures of a store that are not domain rules.
public enum StorageError: Error, Hashable, Sendable {
    /// A row with this key exists already.
    case duplicate(String)
    /// The row does not exist.
    case notFound(String)
    /// Stored data could not be read back.
    case corrupt(String)
}

/// Platform table of tenants.
public protocol TenantStore: Sendable {
    /// Adds a tenant; throws `StorageError.duplicate` when the id is taken.
    func insertTenant(_ record: TenantRecord) async throws
    /// One tenant, or nil.
    func tenant(_ id: TenantID) async throws -> TenantRecord?
    /// Every tenant, by id.
    func allTenants() async throws -> [TenantRecord]
    /// Changes a tenant's status.
    func setStatus(_ status: TenantStatus, of id: TenantID) async throws
}

/// A tenant's services and masters.
public protocol CatalogStore: Sendable {
    /// All services (active and not), by display order.
    func services(_ tenant: TenantID) async throws -> [Service]
    /// Inserts (id 0) or updates a service; returns it as stored.
    func saveService(_ service: Service, tenant: TenantID) async throws -> Service
    /// All masters with plans and exceptions.
    func masters(_ tenant: TenantID) async throws -> [Master]
    /// Inserts (id 0) or updates a master with plan and exceptions; returns it as stored.
    func saveMaster(_ master: Master, tenant: TenantID) async throws -> Master
}

/// A tenant's bookings and blocks. Creation is atomic with the overlap and cap checks.
public protocol BookingStore: Sendable {
    /// Inserts a booking if, inside one write transaction, no active booking or block of the master
    /// overlaps it (buffers included) and the customer holds fewer than `maxActivePerCustomer`
    /// future active bookings. Throws `BookingError.slotTaken` or `.customerLimitReached`.
    func createBooking(_ request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, now: Date) async throws -> Booking
    /// Cancels an active booking; throws `BookingError.notFound` / `.notActive`.
    func cancelBooking(_ id: BookingID, tenant: TenantID, by: CancelledBy, reason: String?, now: Date) async throws -> Booking
    /// One booking, or nil.
    func booking(_ id: BookingID, tenant: TenantID) async throws -> Booking?
    /// A customer's bookings, every status, by start.
    func bookings(of customer: UserID, tenant: TenantID) async throws -> [Booking]
    /// Active bookings whose occupied time overlaps `range`.
    func activeBookings(overlapping range: Range<Date>, tenant: TenantID) async throws -> [Booking]
    /// Blocks overlapping `range`.
    func blocks(overlapping range: Range<Date>, tenant: TenantID) async throws -> [Block]
    /// Adds a block.
    func addBlock(_ block: Block, tenant: TenantID) async throws -> Block
    /// Moves an active booking of `request.customer` to the request's time, master and service, in place (same id),
    /// inside one write transaction: only if the new occupied time is free of other active bookings and blocks, and
    /// the customer's other future active bookings stay under `maxActivePerCustomer`. Records the move in the
    /// booking's history as done by `actor` (`customer:<id>` or `admin`). Throws `BookingError.notFound` (no such
    /// booking of that customer), `.notActive`, `.slotTaken` or `.customerLimitReached`; on any failure nothing changes.
    func rescheduleBooking(_ id: BookingID, to request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, now: Date, actor: String)
        async throws -> Booking
    /// The recorded changes of one booking, oldest first.
    func history(of id: BookingID, tenant: TenantID) async throws -> [BookingHistoryEntry]
}

/// Where and when a booking takes place: what a reschedule changes.
public struct BookingPlacement: Hashable, Sendable {
    /// Start instant.
    public var start: Date
    /// End instant.
    public var end: Date
    /// The master.
    public var masterID: MasterID
    /// The service.
    public var serviceID: ServiceID

    /// Creates a placement.
    public init(start: Date, end: Date, masterID: MasterID, serviceID: ServiceID) {
        self.start = start
        self.end = end
        self.masterID = masterID
        self.serviceID = serviceID
    }

    /// The placement of a booking.
    public init(_ booking: Booking) {
        self.init(start: booking.start, end: booking.end, masterID: booking.masterID, serviceID: booking.serviceID)
    }
}

/// One recorded change of a booking (creation, cancellation, reschedule).
public struct BookingHistoryEntry: Hashable, Sendable {
    /// When it happened.
    public var at: Date
    /// Who did it, e.g. `customer:100` or `admin`.
    public var actor: String
    /// Status before, nil on creation.
    public var oldStatus: String?
    /// Status after.
    public var newStatus: String
    /// Free text (a cancel reason).
    public var note: String?
    /// Placement before a reschedule.
    public var from: BookingPlacement?
    /// Placement after a reschedule.
    public var to: BookingPlacement?

    /// Creates an entry.
    public init(
        at: Date, actor: String, oldStatus: String?, newStatus: String, note: String? = nil, from: BookingPlacement? = nil,
        to: BookingPlacement? = nil
    ) {
        self.at = at
        self.actor = actor
        self.oldStatus = oldStatus
        self.newStatus = newStatus
        self.note = note
        self.from = from
        self.to = to
    }
}

/// A customer as the tenant knows them.
public struct CustomerProfile: Hashable, Sendable {
    /// Telegram user.
    public var userID: UserID
    /// Private chat.
    public var chatID: ChatID
    /// First name.
    public var firstName: String
    /// Username, if any.
    public var username: String?
    /// Client language code.
    public var languageCode: String?

    /// Creates a profile.
    public init(userID: UserID, chatID: ChatID, firstName: String, username: String?, languageCode: String?) {
        self.userID = userID
        self.chatID = chatID
        self.firstName = firstName
        self.username = username
        self.languageCode = languageCode
    }
}

/// A tenant's customers.
public protocol CustomerStore: Sendable {
    /// Records or refreshes a customer; returns true when seen for the first time.
    func upsertCustomer(_ customer: CustomerProfile, tenant: TenantID, now: Date) async throws -> Bool
}

/// Identifies one conversation: a user in a chat of a tenant's bot.
public struct ConversationKey: Hashable, Sendable {
    /// Tenant.
    public var tenant: TenantID
    /// Chat.
    public var chat: ChatID
    /// User.
    public var user: UserID

    /// Creates a key.
    public init(tenant: TenantID, chat: ChatID, user: UserID) {
        self.tenant = tenant
        self.chat = chat
        self.user = user
    }
}

/// Conversation state as opaque bytes (the flows own the format).
public protocol ConversationStore: Sendable {
    /// The stored state, or nil.
    func loadState(_ key: ConversationKey) async throws -> [UInt8]?
    /// Replaces the state.
    func saveState(_ state: [UInt8], for key: ConversationKey, now: Date) async throws
    /// Forgets the state.
    func clearState(_ key: ConversationKey) async throws
}

extension BookingStore {
    /// A move by the booking's own customer.
    public func rescheduleBooking(_ id: BookingID, to request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, now: Date)
        async throws -> Booking
    {
        try await rescheduleBooking(
            id, to: request, tenant: tenant, maxActivePerCustomer: maxActivePerCustomer, now: now, actor: "customer:\(request.customer)")
    }
}

/// Every store a running service uses, bundled.
public struct Stores: Sendable {
    /// Tenants.
    public var tenants: any TenantStore
    /// Services and masters.
    public var catalog: any CatalogStore
    /// Bookings and blocks.
    public var bookings: any BookingStore
    /// Customers.
    public var customers: any CustomerStore
    /// Conversation state.
    public var conversations: any ConversationStore
    /// Processed updates.
    public var updates: any UpdateLog
    /// Ratings of bookings.
    public var feedback: any FeedbackStore
    /// Waitlists of full days.
    public var waitlist: any WaitlistStore
    /// Admins and their roles.
    public var admins: any AdminStore
    /// The admin audit log.
    public var audit: any AuditStore
    /// Per-tenant text templates.
    public var textOverrides: any TextOverrideStore
    /// Admin reads and batch changes.
    public var backOffice: any BackOfficeStore
    /// Progress of broadcasts (tagged outbox rows).
    public var broadcasts: any BroadcastLog
    /// Crashed attempts and dead letters of updates.
    public var deadLetters: any DeadLetterStore

    /// Bundles stores.
    public init(
        tenants: any TenantStore, catalog: any CatalogStore, bookings: any BookingStore, customers: any CustomerStore,
        conversations: any ConversationStore, updates: any UpdateLog, feedback: any FeedbackStore, waitlist: any WaitlistStore,
        admins: any AdminStore, audit: any AuditStore, textOverrides: any TextOverrideStore, backOffice: any BackOfficeStore,
        broadcasts: any BroadcastLog, deadLetters: any DeadLetterStore
    ) {
        self.tenants = tenants
        self.catalog = catalog
        self.bookings = bookings
        self.customers = customers
        self.conversations = conversations
        self.updates = updates
        self.feedback = feedback
        self.waitlist = waitlist
        self.admins = admins
        self.audit = audit
        self.textOverrides = textOverrides
        self.backOffice = backOffice
        self.broadcasts = broadcasts
        self.deadLetters = deadLetters
    }

    /// All stores served by one object implementing every protocol.
    public init(
        _ all: some TenantStore & CatalogStore & BookingStore & CustomerStore & ConversationStore & UpdateLog & FeedbackStore & WaitlistStore
            & AdminStore & AuditStore & TextOverrideStore & BackOfficeStore & BroadcastLog & DeadLetterStore
    ) {
        self.init(
            tenants: all, catalog: all, bookings: all, customers: all, conversations: all, updates: all, feedback: all, waitlist: all,
            admins: all, audit: all, textOverrides: all, backOffice: all, broadcasts: all, deadLetters: all)
    }
}
