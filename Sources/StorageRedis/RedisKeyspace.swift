import BookingCore
import Storage

/// Names every Redis key of a tenant under one prefix: `<tenant id>:` on a single server, `{<tenant id>}:` in
/// Redis Cluster so all of a tenant's keys share a hash slot (scripts and multi-key commands then work).
///
/// Keys: `<prefix>fsm:state:<chat>:<user>`, `<prefix>fsm:data:<chat>:<user>`, `<prefix>ratelimit:msg:<user>`,
/// `<prefix>ratelimit:cb:<user>`, `<prefix>dedupe:<update id>`. Tenant ids are validated (`[a-z][a-z0-9_]{2,39}`),
/// so they cannot contain `:` or braces and one tenant's prefix is never a prefix of another's keys.
public struct RedisKeyspace: Sendable, Hashable {
    /// How the tenant id appears in the prefix.
    public enum Style: Sendable, Hashable {
        /// `<tenant id>:`.
        case plain
        /// `{<tenant id>}:` (a Redis Cluster hash tag).
        case hashTagged
    }

    /// The prefix style.
    public var style: Style

    /// Creates a keyspace.
    public init(style: Style) { self.style = style }

    /// The keyspace for a deployment: hash-tagged for Redis Cluster, plain otherwise.
    public init(cluster: Bool) { self.init(style: cluster ? .hashTagged : .plain) }

    /// The prefix of every key of `tenant`.
    public func prefix(_ tenant: TenantID) -> String {
        switch style {
        case .plain: "\(tenant.rawValue):"
        case .hashTagged: "{\(tenant.rawValue)}:"
        }
    }

    /// The conversation state of a user in a chat.
    public func state(_ key: ConversationKey) -> String { "\(prefix(key.tenant))fsm:state:\(key.chat.rawValue):\(key.user.rawValue)" }

    /// The conversation data of a user in a chat (cleared together with the state).
    public func data(_ key: ConversationKey) -> String { "\(prefix(key.tenant))fsm:data:\(key.chat.rawValue):\(key.user.rawValue)" }

    /// The sliding window of one user's messages or button presses.
    public func rateLimit(_ kind: RateLimitKind, user: UserID, tenant: TenantID) -> String {
        let kindName =
            switch kind {
            case .message: "msg"
            case .callback: "cb"
            }
        return "\(prefix(tenant))ratelimit:\(kindName):\(user.rawValue)"
    }

    /// The claim of one update.
    public func dedupe(_ updateID: Int64, tenant: TenantID) -> String { "\(prefix(tenant))dedupe:\(updateID)" }
}
