import BookingCore

/// Why an operator's lifecycle command was refused. Nothing was changed when one is thrown.
public enum LifecycleError: Error, Equatable, CustomStringConvertible {
    /// No tenant has this id (or it was purged).
    case unknownTenant(String)
    /// The tenant is already in the asked-for state.
    case already(TenantStatus)
    /// The command does not apply to a tenant in this state (e.g. suspending a deleted one).
    case notAllowed(TenantStatus, String)
    /// A field of an edit is not acceptable.
    case invalidValue(field: String, value: String)
    /// The new token is not shaped like a bot token.
    case malformedToken
    /// The Bot API refused the new token.
    case tokenRejected(String)
    /// The new token belongs to another bot and the move was not asked for.
    case differentBot(stored: Int64, new: Int64)
    /// `--purge-now` was not confirmed.
    case notConfirmed

    public var description: String {
        switch self {
        case .unknownTenant(let id): "no tenant \"\(id)\""
        case .already(let status): "the tenant is already \(status.rawValue)"
        case .notAllowed(let status, let what): "a \(status.rawValue) tenant cannot be \(what)"
        case .invalidValue(let field, let value): "invalid \(field): \(value.debugDescription)"
        case .malformedToken: "the bot token is malformed (expected <digits>:<secret>)"
        case .tokenRejected(let why): "the Bot API refused the token: \(why)"
        case .differentBot(let stored, let new):
            "the token belongs to bot \(new), not to the tenant's bot \(stored); pass --new-bot to move the tenant to that bot"
        case .notConfirmed: "not confirmed; nothing was purged"
        }
    }
}
