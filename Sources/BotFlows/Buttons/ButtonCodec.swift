/// A family of buttons (customer, admin, …): its kinds, the prefix set and the one way to encode and parse them.
struct ButtonCodec<Action: Sendable>: Sendable {
    /// Telegram's limit of callback data, in bytes.
    static var maxBytes: Int { 64 }

    /// Every kind of the family, in declaration order.
    let kinds: [ButtonKind<Action>]
    private let byPrefix: [String: [ButtonKind<Action>]]

    /// A family of `kinds`; a prefix may name several kinds of different arity ("s" and "s:<service>").
    init(_ kinds: [ButtonKind<Action>]) {
        self.kinds = kinds
        byPrefix = Dictionary(grouping: kinds, by: \.prefix)
    }

    /// The first field of every wire form of the family.
    var prefixes: Set<String> { Set(byPrefix.keys) }

    /// The wire form of `action`; empty only for a case without a declared kind (which Telegram refuses, and the
    /// property test rules out).
    func encode(_ action: Action) -> String {
        for kind in kinds {
            if let wire = kind.encode(action) { return wire }
        }
        return ""
    }

    /// The action of wire `data`; nil for anything unknown, malformed, out of bounds or over 64 bytes.
    func decode(_ data: String) -> Action? {
        guard data.utf8.count <= Self.maxBytes else { return nil }
        let parts = data.split(separator: ":", omittingEmptySubsequences: false)
        guard let prefix = parts.first, let candidates = byPrefix[String(prefix)] else { return nil }
        let fields = Array(parts.dropFirst())
        return candidates.first { $0.arity == fields.count }?.decode(fields)
    }
}

/// An enum of buttons whose kinds are declared in one `codec` table.
protocol ButtonFamily: Sendable {
    /// The declared kinds of the family.
    static var codec: ButtonCodec<Self> { get }
}

extension ButtonFamily {
    /// The compact wire form (≤ 64 bytes).
    var data: String { Self.codec.encode(self) }

    /// Parses wire data; nil for anything unknown, malformed, out of bounds or over 64 bytes (forged or from an
    /// older version).
    init?(data: String) {
        guard let button = Self.codec.decode(data) else { return nil }
        self = button
    }
}
