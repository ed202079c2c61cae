import Foundation
import Storage
import Testing

/// The portable spellings: canonical JSON is the same whoever wrote the text; instants survive SQLite's REAL seconds.
@Suite("Portable values")
struct PortableValuesTests {
    @Test(arguments: [
        (#"{"b": 1, "a": "x\/y"}"#, #"{"a":"x/y","b":1}"#),
        (#"{"a": 1.0, "b": 1.50, "c": -0, "d": 1e2}"#, #"{"a":1,"b":1.5,"c":0,"d":100}"#),
        (#"["\u00e9", "\ud83d\ude00", "tab\there", "\u0001"]"#, "[\"é\",\"😀\",\"tab\\there\",\"\\u0001\"]"),
        (#"{"k": 1, "k": 2}"#, #"{"k":2}"#),
        ("  [ true , false , null , { } , [ ] ]  ", "[true,false,null,{},[]]"),
    ])
    func canonicalJSON(input: String, canonical: String) throws {
        #expect(try PortableJSON.canonical(input) == canonical)
        #expect(try PortableJSON.canonical(canonical) == canonical)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "nul", "\"\u{01}\"", "[1] x", "1e999", String(repeating: "[", count: 100) + String(repeating: "]", count: 100)])
    func notJSONIsRefused(input: String) {
        #expect(throws: StorageError.self) { try PortableJSON.canonical(input) }
    }

    @Test func instantsRoundTripThroughSeconds() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let micros = Int64.random(in: 0...4_102_444_800_000_000, using: &random)
            #expect(try PortableInstant.microseconds(PortableInstant.seconds(micros)) == micros)
        }
        let seconds = Date(timeIntervalSince1970: 1_796_112_000.123_456_7).timeIntervalSince1970
        let micros = try PortableInstant.microseconds(seconds)
        #expect(try PortableInstant.microseconds(PortableInstant.seconds(micros)) == micros)
        #expect(throws: StorageError.self) { try PortableInstant.microseconds(.infinity) }
        #expect(throws: StorageError.self) { try PortableInstant.microseconds(1e300) }
    }
}
