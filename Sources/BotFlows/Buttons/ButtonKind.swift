/// One kind of button, declared once: a short prefix, its ordered typed fields, and how the family's case is made
/// from the field values and matched back to them. Encoding, parsing and the property test's samples all derive from
/// this declaration, e.g. `ButtonKind("rt", .id, .minute, make: { .rescheduleSlot($0, epochMinute: $1) }, match: …)`.
struct ButtonKind<Action: Sendable>: Sendable {
    /// The first field of the wire form; with `arity` it names the kind within its family.
    let prefix: String
    /// The number of fields after the prefix.
    let arity: Int
    /// The wire form of `action`, or nil when `action` is of another kind.
    let encode: @Sendable (Action) -> String?
    /// The action of the fields after the prefix (exactly `arity` of them), or nil when one is malformed or out of bounds.
    let decode: @Sendable ([Substring]) -> Action?
    /// An action with field values drawn inside their bounds, or nil when the draw breaks a rule between fields.
    let sample: @Sendable (inout ButtonSampler) -> Action?

    private init(
        prefix: String, arity: Int, encode: @escaping @Sendable (Action) -> String?, decode: @escaping @Sendable ([Substring]) -> Action?,
        sample: @escaping @Sendable (inout ButtonSampler) -> Action?
    ) {
        (self.prefix, self.arity, self.encode, self.decode, self.sample) = (prefix, arity, encode, decode, sample)
    }

    /// Declares a kind with `field`s; `make` may refuse values that break a rule between fields (nil), `match` gives
    /// the field values of an action of this kind and nil for any other.
    init<each Value>(
        _ prefix: String, _ field: repeat ButtonField<each Value>, make: @escaping @Sendable (repeat each Value) -> Action?,
        match: @escaping @Sendable (Action) -> (repeat each Value)?
    ) {
        let fields = (repeat each field)
        var arity = 0
        for _ in repeat each field { arity += 1 }
        self.init(
            prefix: prefix, arity: arity,
            encode: { action in
                guard let values = match(action) else { return nil }
                var wire = prefix
                repeat wire += ":" + (each fields).encode(each values)
                return wire
            },
            decode: { parts in
                var index = 0
                func next<T>(_ field: ButtonField<T>) throws(Malformed) -> T {
                    guard index < parts.count, let value = field.decode(parts[index]) else { throw Malformed() }
                    index += 1
                    return value
                }
                guard let values = try? (repeat next(each fields)) else { return nil }
                return make(repeat each values)
            },
            sample: { sampler in make(repeat (each fields).sample(&sampler)) })
    }

    /// This kind as a kind of an enclosing family whose case `embed` carries it (admin buttons carry the business ones).
    func lifted<Outer: Sendable>(
        _ embed: @escaping @Sendable (Action) -> Outer, _ extract: @escaping @Sendable (Outer) -> Action?
    ) -> ButtonKind<Outer> {
        let (encode, decode, sample) = (encode, decode, sample)
        return ButtonKind<Outer>(
            prefix: prefix, arity: arity, encode: { extract($0).flatMap(encode) }, decode: { decode($0).map(embed) },
            sample: { sample(&$0).map(embed) })
    }
}

extension ButtonKind where Action: Equatable {
    /// Declares a kind without fields: the prefix alone is the button.
    init(_ prefix: String, _ action: Action) {
        self.init(prefix, make: { action }, match: { $0 == action ? () : nil })
    }
}

/// A field that did not parse; stops decoding the rest.
private struct Malformed: Error {}
