import Testing

@testable import BotFlows

/// Properties of every declared button kind of every family: random field values (bounds drawn often) round-trip
/// through the wire form within Telegram's 64 bytes, and forged data parses to nil or to exactly what it encodes.
@Suite("Button codec properties")
struct ButtonCodecPropertyTests {
    /// One family, its generic codec checked behind closures so families of different types share the tests.
    struct Family: Sendable, CustomTestStringConvertible {
        let name: String
        let prefixes: Set<String>
        /// (prefix, arity) of every kind, in declaration order.
        let shapes: [String]
        /// Problems found over `draws` samples of every kind.
        let roundTrip: @Sendable (_ draws: Int, _ sampler: inout ButtonSampler) -> [String]
        /// One valid wire form per kind.
        let examples: @Sendable (_ sampler: inout ButtonSampler) -> [String]
        /// nil when `data` does not parse, else its re-encoding.
        let reencode: @Sendable (_ data: String) -> String?

        var testDescription: String { name }

        init<Action: Equatable & Sendable>(_ name: String, _ codec: ButtonCodec<Action>) {
            self.name = name
            prefixes = codec.prefixes
            shapes = codec.kinds.map { "\($0.prefix)/\($0.arity)" }
            roundTrip = { draws, sampler in
                var problems: [String] = []
                for kind in codec.kinds {
                    var made = 0
                    for _ in 0..<draws {
                        guard let action = kind.sample(&sampler) else { continue }
                        made += 1
                        let wire = codec.encode(action)
                        if wire != kind.encode(action) { problems.append("\(action) is encoded as \(wire) by another kind") }
                        if wire.utf8.count > ButtonCodec<Action>.maxBytes { problems.append("\(wire) is over 64 bytes") }
                        if codec.decode(wire) != action { problems.append("\(wire) does not parse back to \(action)") }
                    }
                    if made < draws / 4 { problems.append("\(kind.prefix)/\(kind.arity): only \(made) of \(draws) draws made a button") }
                }
                return problems
            }
            examples = { sampler in
                codec.kinds.map { kind in
                    var action: Action?
                    for _ in 0..<100 where action == nil { action = kind.sample(&sampler) }
                    return action.map(codec.encode) ?? kind.prefix
                }
            }
            reencode = { data in codec.decode(data).map(codec.encode) }
        }
    }

    static let families = [
        Family("customer", CallbackAction.codec), Family("admin", AdminCallback.codec), Family("business", BusinessCallback.codec),
        Family("broadcast", BroadcastCallback.codec), Family("profile", ProfileCallback.codec),
    ]

    /// Numbers no field of any kind accepts: 64-bit extremes, past 64 bits, just past the id bound, and empty.
    static let extremes = [
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", "99999999999999999999999", "9007199254740993", "",
        "-9007199254740993",
    ]
    /// Text some field might accept: accepted only when it is the canonical form of the value.
    static let oddities = ["-1", "0", "+1", "01", "007", " 1", "1 ", "1.0", "0x1", "1e3", "１", "٣", "a", "w", "d", "ru", "-0", "１２"]

    @Test(arguments: families)
    func everyKindRoundTripsWithinSixtyFourBytes(family: Family) {
        var sampler = ButtonSampler(seed: 2026)
        let problems = family.roundTrip(500, &sampler)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test(arguments: families)
    func kindsAreDistinctAndPrefixesWellFormed(family: Family) {
        #expect(Set(family.shapes).count == family.shapes.count, "a prefix with the same arity is declared twice")
        #expect(family.prefixes.allSatisfy { !$0.isEmpty && !$0.contains(":") })
        if family.name == "customer" {
            #expect(family.prefixes.allSatisfy { !$0.hasPrefix("a") })
        } else {
            #expect(family.prefixes.allSatisfy { $0.hasPrefix("a") })
        }
    }

    @Test func adminPrefixesIncludeTheFamiliesTheyCarry() {
        #expect(AdminCallback.codec.prefixes.isSuperset(of: BusinessCallback.codec.prefixes.union(BroadcastCallback.codec.prefixes).union(ProfileCallback.codec.prefixes)))
        #expect(CallbackAction.codec.prefixes.isDisjoint(with: AdminCallback.codec.prefixes))
    }

    /// `wire` with each field after the prefix replaced, in turn, by each of `values`.
    static func replacingEachField(of wire: String, with values: [String]) -> [String] {
        let fields = wire.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        return fields.indices.dropFirst().flatMap { index in
            values.map { value in
                var forged = fields
                forged[index] = value
                return forged.joined(separator: ":")
            }
        }
    }

    @Test(arguments: families)
    func extremeNumbersInAnyFieldParseToNil(family: Family) {
        var sampler = ButtonSampler(seed: 7)
        for data in family.examples(&sampler).flatMap({ Self.replacingEachField(of: $0, with: Self.extremes) }) {
            #expect(family.reencode(data) == nil, "\(data)")
        }
    }

    @Test(arguments: families)
    func forgedDataParsesToNilOrToExactlyItsEncoding(family: Family) {
        var sampler = ButtonSampler(seed: 11)
        var forgeries: [String] = []
        for wire in family.examples(&sampler) {
            forgeries += Self.replacingEachField(of: wire, with: Self.oddities)
            // Wrong arity: a field more, a field less, an empty field.
            let shorter = wire.split(separator: ":", omittingEmptySubsequences: false).dropLast().joined(separator: ":")
            forgeries += [wire + ":1", wire + ":a", wire + ":", shorter, wire + "::"]
            forgeries.append(wire + String(repeating: "0", count: 65))
        }
        // Random text of the wire alphabet, up to past 64 bytes.
        let alphabet = Array("0123456789a:-wdrusx")
        for _ in 0..<5_000 {
            let length = Int(sampler.integer(in: 0...70))
            forgeries.append(String((0..<length).map { _ in sampler.element(of: alphabet) }))
        }
        for data in forgeries {
            if let encoded = family.reencode(data) {
                #expect(encoded == data && data.utf8.count <= 64, "\(data) parsed to a button encoded as \(encoded)")
            }
        }
    }

    @Test(arguments: families)
    func unknownPrefixesParseToNil(family: Family) {
        let unknown = [
            "", ":", "::", "zz", "zz:1", "A", "S:12", " s", "s ", "ą", "🙂:1", "aX", "az:1:2:3:4:5", String(repeating: "s:1", count: 30),
        ]
        for data in unknown {
            #expect(family.reencode(data) == nil, "\(data)")
        }
    }
}
