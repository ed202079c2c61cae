import BookingCore
import Foundation

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
    /// Imports from the original bot: bookings as they were, and the import ledger.
    public var imports: any ImportStore
    /// Plans, subscriptions and payments.
    public var billing: any BillingStore
    /// Deposits of held bookings and the tenant's payment method.
    public var deposits: any DepositStore

    /// Bundles stores.
    public init(
        tenants: any TenantStore, catalog: any CatalogStore, bookings: any BookingStore, customers: any CustomerStore,
        conversations: any ConversationStore, updates: any UpdateLog, feedback: any FeedbackStore, waitlist: any WaitlistStore,
        admins: any AdminStore, audit: any AuditStore, textOverrides: any TextOverrideStore, backOffice: any BackOfficeStore,
        broadcasts: any BroadcastLog, deadLetters: any DeadLetterStore, imports: any ImportStore, billing: any BillingStore,
        deposits: any DepositStore
    ) {
        self.deposits = deposits
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
        self.imports = imports
        self.billing = billing
    }

    /// All stores served by one object implementing every protocol.
    public init(
        _ all: some TenantStore & CatalogStore & BookingStore & CustomerStore & ConversationStore & UpdateLog & FeedbackStore & WaitlistStore
            & AdminStore & AuditStore & TextOverrideStore & BackOfficeStore & BroadcastLog & DeadLetterStore & ImportStore & BillingStore
            & DepositStore
    ) {
        self.init(
            tenants: all, catalog: all, bookings: all, customers: all, conversations: all, updates: all, feedback: all, waitlist: all,
            admins: all, audit: all, textOverrides: all, backOffice: all, broadcasts: all, deadLetters: all, imports: all, billing: all, deposits: all)
    }
}
