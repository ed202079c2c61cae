import Foundation

/// Whether an audited admin action was carried out or refused.
public enum AuditOutcome: String, Sendable, Codable, CaseIterable {
    /// Carried out.
    case done
    /// Refused: the actor's role is too low (or they are no admin at all).
    case refused
}

/// One line of a tenant's audit log: who did what to what, and what changed.
public struct AuditEntry: Hashable, Sendable {
    /// Increasing id within the tenant (0 before it is stored).
    public var id: Int64
    /// When.
    public var at: Date
    /// Who (a Telegram user).
    public var actor: UserID
    /// The action's stable name, e.g. `booking.cancel`.
    public var action: String
    /// What it concerned, e.g. `booking:42`.
    public var target: String
    /// The value before, if any.
    public var oldValue: String?
    /// The value after, if any.
    public var newValue: String?
    /// Done or refused.
    public var outcome: AuditOutcome

    /// Creates an entry.
    public init(
        id: Int64 = 0, at: Date, actor: UserID, action: String, target: String, oldValue: String? = nil, newValue: String? = nil,
        outcome: AuditOutcome = .done
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.oldValue = oldValue
        self.newValue = newValue
        self.outcome = outcome
    }
}
