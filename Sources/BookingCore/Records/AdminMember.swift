import Foundation

/// What an admin of a tenant may do, lowest first: a master sees the schedule, a manager runs the
/// business day to day, an owner also manages admins and reads the audit log.
public enum AdminRole: String, Sendable, Codable, CaseIterable, Comparable {
    case master, manager, owner

    private var rank: Int {
        switch self {
        case .master: 0
        case .manager: 1
        case .owner: 2
        }
    }

    public static func < (lhs: AdminRole, rhs: AdminRole) -> Bool { lhs.rank < rhs.rank }
}

/// One admin of a tenant's bot.
public struct AdminMember: Hashable, Sendable {
    /// The admin's Telegram user (their private chat has the same id).
    public var userID: UserID
    /// Their role.
    public var role: AdminRole
    /// A display name (first name or what the adder typed).
    public var name: String
    /// Whether they get new / cancelled / moved booking notifications.
    public var notify: Bool
    /// When they were added.
    public var addedAt: Date
    /// The language of their latest update on the admin side (admin messages use it); nil: not seen yet.
    public var languageCode: String?
    /// The master this admin is (a linked `master` sees and blocks only this master's time); nil: not linked.
    public var masterID: MasterID?

    /// Creates a member.
    public init(
        userID: UserID, role: AdminRole, name: String, notify: Bool = true, addedAt: Date, languageCode: String? = nil, masterID: MasterID? = nil
    ) {
        self.userID = userID
        self.role = role
        self.name = name
        self.notify = notify
        self.addedAt = addedAt
        self.languageCode = languageCode
        self.masterID = masterID
    }
}
